"""The regional ecosystem: organisations, their contacts, ties, interactions, assessments, activities.

Personal data lives only in Person (and the links to it); erasing a person deletes the row and
scrubs their name from interaction texts, leaving only an anonymised count in ErasureLog.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from i4region.accounts.models import Role
from i4region.core import history
from i4region.core.bilingual import localized
from i4region.core.fields import choice, link, optional, optional_ref, ref, stamps, user_ref, users
from i4region.core.models import Record
from i4region.core.publication import PublicationQuerySet
from i4region.regions.models import Region, RegionKind


class OrgType(models.TextChoices):
    COMPANY = "company", _("Company")
    SCHOOL = "school", _("School")
    VOCATIONAL = "vocational_school", _("Vocational school")
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research organisation")
    NGO = "ngo", _("NGO")
    MUNICIPALITY = "municipality", _("Municipality")
    AGENCY = "agency", _("Agency")
    FUNDER = "funder", _("Funder")
    CLUSTER = "cluster", _("Cluster")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro (fewer than 10 employees)")
    SMALL = "small", _("Small (10–49 employees)")
    MEDIUM = "medium", _("Medium (50–249 employees)")
    LARGE = "large", _("Large (250 or more employees)")


class RelationType(models.TextChoices):
    COLLABORATION = "collaboration", _("Collaboration")
    MEMBERSHIP = "membership", _("Membership")
    FUNDING = "funding", _("Funding")
    SUPPLY = "supply", _("Supply")
    TRAINING = "training", _("Training")
    RESEARCH = "research_partnership", _("Research partnership")
    OWNERSHIP = "ownership", _("Ownership")


class InteractionType(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    EMAIL = "email", _("E-mail")
    EVENT = "event", _("Event")
    SITE_VISIT = "site_visit", _("Site visit")


class Stance(models.TextChoices):
    CHAMPION = "champion", _("Champion")
    SUPPORTER = "supporter", _("Supporter")
    NEUTRAL = "neutral", _("Neutral")
    SCEPTIC = "sceptic", _("Sceptic")
    BLOCKER = "blocker", _("Blocker")


class Theme(models.TextChoices):
    ROBOTICS = "robotics_education", _("Robotics education")
    STEAM = "steam", _("STEM/STEAM")
    DIGITAL = "digital_skills", _("Digital skills")
    RND = "rnd_services", _("R&D services")
    INVESTMENT = "investment_attraction", _("Investment attraction")
    BUSINESS = "business_support", _("Business support")


class TargetGroup(models.TextChoices):
    PUPILS = "pupils", _("Pupils")
    TEACHERS = "teachers", _("Teachers")
    STUDENTS = "students", _("Students")
    EMPLOYEES = "employees", _("Employees")
    SMES = "smes", _("SMEs")
    LARGE_COMPANIES = "large_companies", _("Large companies")
    INVESTORS = "investors", _("Investors")
    JOB_SEEKERS = "job_seekers", _("Job seekers")


nace_validator = RegexValidator(
    r"^[A-U](\d{2}(\.\d{1,2})?)?$",
    _(
        "Use a NACE Rev. 2 code: a section letter, optionally with division, group or class, "
        "e.g. C, C28, C28.4 or C28.41."
    ),
)


# the 1–5 scale of a tie's strength and of an assessment's scores
ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


def score(label, **options) -> models.PositiveSmallIntegerField:
    """A judgement on the 1–5 scale (forms refuse other numbers; see `scale_check`)."""
    return models.PositiveSmallIntegerField(label, validators=ONE_TO_FIVE, **options)


def scale_check(name: str, *fields: str) -> models.CheckConstraint:
    """The database's own guard that `fields` stay on the 1–5 scale."""
    bounds = {f"{field}__{op}": end for field in fields for op, end in (("gte", 1), ("lte", 5))}
    return models.CheckConstraint(condition=models.Q(**bounds), name=name)


def place(label, kind: str | None = None, **options) -> models.ForeignKey:
    """Where a record is: a municipality or region (of `kind`, when given), optional by default,
    and kept from deletion while records name it."""
    limit = {"limit_choices_to": {"kind": kind}} if kind else {}
    options = {"null": True, "blank": True, **limit, **options}
    return ref(Region, label, on_delete=models.PROTECT, **options)


def sample() -> models.BooleanField:
    """The mark of a fictional record (sample data), shown as "Sample" on screen."""
    return models.BooleanField(_("sample (fictional)"), default=False)


# Roles that work with the whole ecosystem, published or not.
INTERNAL_ROLES = (Role.SECRETARIAT, Role.BOARD_MEMBER, Role.INITIATIVE_MANAGER)


class OrganisationQuerySet(PublicationQuerySet):
    """The one publication rule of the register."""

    def public(self) -> "OrganisationQuerySet":
        return self.filter(published=True)

    def visible_to(self, user) -> "OrganisationQuerySet":
        """Internal roles see all; a company representative also their own; others the published."""
        if user is None or not user.is_authenticated:
            return self.public()
        if user.has_role(*INTERNAL_ROLES):
            return self.all()
        if user.has_role(Role.COMPANY_REP):
            own = self.filter(representatives=user).values("pk")
            return self.filter(Q(published=True) | Q(pk__in=own))
        return self.public()


class Organisation(Record):
    """An actor of the regional ecosystem; real ones carry a source URL, fictional ones is_sample."""

    name = models.CharField(pgettext_lazy("thing", "name"), max_length=200, unique=True)
    type = choice(_("type"), OrgType, max_length=24)
    parent = optional_ref("self", _("part of"), related_name="divisions")
    nace_code = models.CharField(
        _("NACE Rev. 2 code"), max_length=8, blank=True, validators=[nace_validator]
    )
    size_class = choice(_("size class"), SizeClass, max_length=8, blank=True)
    municipality = place(_("municipality"), RegionKind.MUNICIPALITY)
    region = place(_("region"), RegionKind.NUTS)
    website = link(_("website"), max_length=200, blank=True)
    company_code = models.CharField(_("company code"), max_length=20, blank=True)
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    description_en = models.TextField(_("description in English"), blank=True)
    description_lt = models.TextField(_("description in Lithuanian"), blank=True)
    source_url = link(_("source"), blank=True)
    is_sample = sample()
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Public visitors see only published organisations and only their public fields."
        ),
    )
    key_stakeholder = models.BooleanField(_("key stakeholder"), default=False)
    cadence_days = optional(
        models.PositiveSmallIntegerField,
        _("contact cadence (days)"),
        help_text=_("Contact this organisation at least this often; overdue contacts are flagged."),
    )
    representatives = users(_("company representatives"), "represented_organisations")
    created_at, updated_at = stamps()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    url_name = "stakeholders:organisation"

    @property
    def description(self) -> str:
        """The description in the active language, else the other one."""
        return localized(self, "description")

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class OnOrganisationPage:
    """A record shown on its organisation's page (it has no page of its own), at the anchor
    <model>-<pk>; `page_of` names the field that holds the organisation."""

    page_of = "organisation"

    def get_absolute_url(self) -> str:
        url = getattr(self, self.page_of).get_absolute_url()
        return f"{url}#{self._meta.model_name}-{self.pk}"


class Person(OnOrganisationPage, Record):
    """A contact; keep only what is needed to work with them, and erase on request."""

    # what the secretariat records of a contact (the form) and what an export with personal
    # data carries besides the ids
    CONTACT_FIELDS = (
        "name",
        "role",
        "email",
        "phone",
        "consent",
        "consent_date",
        "consent_source",
        "is_sample",
    )

    name = models.CharField(_("name"), max_length=200)
    organisation = ref(Organisation, _("organisation"), "people")
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent = models.BooleanField(_("consents to be contacted"), default=False)
    consent_date = optional(models.DateField, _("consent date"))
    consent_source = models.CharField(
        _("consent source"),
        max_length=200,
        blank=True,
        help_text=_("Where the consent was given, e.g. a signed form or an e-mail."),
    )
    is_sample = sample()

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")


class ErasureLog(models.Model):
    """An anonymised trace of erasures: how many people were erased on which day, nothing else."""

    date = models.DateField(_("date"), unique=True)
    count = models.PositiveIntegerField(_("people erased"), default=0)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")

    def __str__(self) -> str:
        return f"{self.date}: {self.count}"


class Relation(OnOrganisationPage, models.Model):
    """A tie between two organisations, with the judged strength and where we know it from."""

    page_of = "source"

    source = ref(Organisation, _("from"), "relations_out")
    target = ref(Organisation, _("to"), "relations_in")
    type = choice(_("type"), RelationType, max_length=24)
    directed = models.BooleanField(
        _("directed"),
        default=False,
        help_text=_("Directed: from → to (e.g. funding); otherwise mutual."),
    )
    strength = score(_("strength"), default=3)
    since = optional(models.DateField, _("since"))
    until = optional(models.DateField, _("until"))
    source_note = models.CharField(_("source"), max_length=400, blank=True)
    is_sample = sample()
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["source__name", "target__name", "type"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "type"], name="relation_unique"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="relation_not_self"
            ),
            scale_check("relation_strength_1_5", "strength"),
        ]

    def __str__(self) -> str:
        arrow = "→" if self.directed else "—"
        return f"{self.source} {arrow} {self.target} ({self.get_type_display()})"


class Interaction(OnOrganisationPage, models.Model):
    """A contact with an organisation: what it was for and what came out of it."""

    organisation = ref(Organisation, _("organisation"), "interactions")
    date = models.DateField(_("date"))
    type = choice(_("type"), InteractionType, max_length=16)
    participants = models.ManyToManyField(
        Person, blank=True, related_name="interactions", verbose_name=_("participants (people)")
    )
    participant_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="interactions_joined",
        verbose_name=_("participant organisations"),
        help_text=_("Other organisations of the register that took part."),
    )
    purpose = models.TextField(_("purpose"))
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = user_ref(_("recorded by"))
    is_sample = sample()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")

    def __str__(self) -> str:
        return f"{self.date} {self.get_type_display()}: {self.organisation}"


class FollowUp(models.Model):
    """Something promised in an interaction, with who does it and by when."""

    interaction = ref(Interaction, _("interaction"), "follow_ups")
    description = models.CharField(_("follow-up"), max_length=300)
    # required in forms, emptied (not deleted) when the user goes
    owner = ref(settings.AUTH_USER_MODEL, _("owner"), on_delete=models.SET_NULL, null=True)
    due_date = models.DateField(_("due date"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["done", "due_date"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return self.interaction.get_absolute_url()


class Assessment(OnOrganisationPage, models.Model):
    """One dated judgement of an organisation's influence, interest and stance; kept over time."""

    organisation = ref(Organisation, _("organisation"), "assessments")
    date = models.DateField(_("date"))
    influence = score(_("influence"))
    interest = score(_("interest"))
    stance = choice(_("stance"), Stance, max_length=12)
    assessed_by = user_ref(_("assessed by"))
    assessor_name = models.CharField(_("assessed by (name)"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_sample = sample()

    class Meta:
        ordering = ["organisation__name", "-date", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [scale_check("assessment_scores_1_5", "influence", "interest")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.date}"


class Activity(OnOrganisationPage, Record):
    """Something an organisation does for Industry 4.0, placed on theme × target group × place."""

    organisation = ref(Organisation, _("organisation"), "activities")
    name = models.CharField(pgettext_lazy("thing", "name"), max_length=200)
    theme = choice(_("theme"), Theme, max_length=24)
    target_group = choice(_("target group"), TargetGroup)
    municipality = place(_("municipality"), RegionKind.MUNICIPALITY, null=False, blank=False)
    start = optional(models.DateField, _("start"))
    end = optional(models.DateField, _("end"))
    budget_eur = optional(models.DecimalField, _("budget (EUR)"), max_digits=14, decimal_places=2)
    initiative = optional_ref("initiatives.Initiative", _("initiative"), "activities")
    initiative_note = models.CharField(
        _("initiative (as first recorded)"),
        max_length=200,
        blank=True,
        help_text=_("An initiative named in words that the portfolio does not hold (yet)."),
    )
    source_url = link(_("source"), blank=True)
    is_sample = sample()

    class Meta:
        ordering = ["theme", "target_group", "organisation__name"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")


history.track(Organisation, exclude=("representatives",))
history.track(Person, parent="organisation", mask=("email", "phone"))
history.track(Relation, parent="source")
history.track(Interaction, parent="organisation")
history.track(FollowUp, parent="interaction.organisation")
history.track(Assessment, parent="organisation")
history.track(Activity, parent="organisation")

# the stored network analysis (written by the network job, see network_store)
from .snapshot import NetworkResult  # noqa: E402, F401

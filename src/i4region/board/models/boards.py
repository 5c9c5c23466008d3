"""Boards, their founders and their members' seats."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from i4region.core.bilingual import pair, paired
from i4region.core.models import Record
from i4region.core.publication import PublicationQuerySet
from i4region.regions.models import Region

TEXT = 20_000  # longest free text a form accepts (minutes, descriptions, rules)
NOTE = 4_000  # longest short note (comments, progress notes, reasons)


class BoardType(models.TextChoices):
    ADVISORY = "advisory", _("Advisory board")
    CONSULTATIVE = "consultative", _("Consultative board")
    WORKING_GROUP = "working_group", _("Working group")


class DecisionMethod(models.TextChoices):
    """How a decision is taken; `decisions.outcome_of` applies each rule."""

    SIMPLE_MAJORITY = "simple_majority", _("Simple majority of votes cast")
    ABSOLUTE_MAJORITY = "absolute_majority", _("Absolute majority of voting members")
    TWO_THIRDS = "two_thirds", _("Two-thirds of votes cast")
    CONSENSUS = "consensus", _("Consensus")
    INFORMATION = "information", _("No vote (information)")


VOTED_METHODS = (
    DecisionMethod.SIMPLE_MAJORITY,
    DecisionMethod.ABSOLUTE_MAJORITY,
    DecisionMethod.TWO_THIRDS,
)


class BoardQuerySet(PublicationQuerySet):
    def public(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """The boards this user may know of: the published ones, every board for the
        secretariat, and an unpublished board to its current members and its actions' owners.
        Any other board answers as if it did not exist."""
        if user is None or not user.is_authenticated:
            return self.public()
        if user.has_role("secretariat"):
            return self.all()
        seats = Membership.objects.active_on(timezone.localdate()).filter(user=user)
        owners = Board.objects.filter(actions__owner=user).values("pk")
        return self.filter(
            Q(published=True) | Q(pk__in=seats.values("board_id")) | Q(pk__in=owners)
        )


class Board(Record):
    """A permanent body (advisory board or working group) and its internal rules."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name_en, name_lt = pair(models.CharField, _("name"), max_length=200)
    purpose_en, purpose_lt = pair(models.TextField, _("purpose"), blank=True, max_length=TEXT)
    kind = models.CharField(
        _("type"), max_length=20, choices=BoardType.choices, default=BoardType.ADVISORY
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    founding_year = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    founding_date = models.DateField(
        _("founding date"),
        null=True,
        blank=True,
        help_text=_("Leave empty when only the year is known."),
    )
    decision_method = models.CharField(
        _("usual decision method"),
        max_length=20,
        choices=DecisionMethod.choices,
        default=DecisionMethod.CONSENSUS,
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (% of voting members present)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "A meeting has a quorum when at least this share of the voting members "
            "(everyone but observers) is present."
        ),
    )
    rules_en, rules_lt = pair(models.TextField, _("internal rules"), blank=True, max_length=TEXT)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="boards",
        verbose_name=_("region"),
    )
    published = models.BooleanField(_("public transparency page"), default=True)
    source_url = models.URLField(_("source"), blank=True, max_length=400)
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = BoardQuerySet.as_manager()

    url_name = "board:workspace"
    url_fields = ("slug",)

    name = paired("name")
    purpose = paired("purpose")
    rules = paired("rules")

    class Meta:
        ordering = ["parent_id", "name_en"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")


class Founder(Record):
    """An organisation of the register that set the board up (or, when the source does not name
    it, only the role the source describes)."""

    board = models.ForeignKey(
        Board, models.CASCADE, related_name="founders", verbose_name=_("board")
    )
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="boards_founded",
        verbose_name=_("organisation"),
    )
    role_en, role_lt = pair(
        models.CharField,
        _("role"),
        max_length=200,
        blank=True,
        help_text=_("How it took part, as the source says (e.g. through its council)."),
    )
    source_url = models.URLField(_("source"), blank=True, max_length=400)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    role = paired("role")

    url_name = "board:workspace"
    url_fields = ("board.slug",)

    class Meta:
        ordering = ["board", "position", "id"]
        verbose_name = _("founder")
        verbose_name_plural = _("founders")

    def __str__(self) -> str:
        if not self.organisation_id:
            return self.role
        name = str(self.organisation)
        return f"{name} ({self.role})" if self.role else name


class Position(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class Sector(models.TextChoices):
    BUSINESS = "business", _("Business")
    EDUCATION = "education", _("Education")
    RESEARCH = "research", _("Research")
    PUBLIC = "public", _("Public sector")
    NGO = "ngo", _("NGO")


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: dt.date):
        return self.filter(designated_on__lte=day).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=day)
        )

    def voting(self):
        return self.exclude(position=Position.OBSERVER)


class Membership(Record):
    """A person's seat on a board: position, sector represented, from designation to end."""

    board = models.ForeignKey(
        Board, models.CASCADE, related_name="memberships", verbose_name=_("board")
    )
    person_name = models.CharField(_("person"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_memberships",
        verbose_name=_("user account"),
        help_text=_(
            "Links the seat to a sign-in so the member can read the board's internal items."
        ),
    )
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="board_seats",
        verbose_name=_("organisation"),
    )
    position = models.CharField(
        _("position"), max_length=12, choices=Position.choices, default=Position.MEMBER
    )
    sector = models.CharField(_("sector represented"), max_length=12, choices=Sector.choices)
    designated_on = models.DateField(_("designated on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = MembershipQuerySet.as_manager()

    url_name = "board:workspace"
    url_fields = ("board.slug",)

    class Meta:
        ordering = ["board", "ended_on", "position", "person_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_position_display()})"

    def clean(self) -> None:
        if self.ended_on and self.designated_on and self.ended_on < self.designated_on:
            raise ValidationError({"ended_on": _("The end date is before the designation date.")})

    def active_on(self, day) -> bool:
        return self.designated_on <= day and (self.ended_on is None or self.ended_on >= day)

    @property
    def may_vote(self) -> bool:
        return self.position != Position.OBSERVER

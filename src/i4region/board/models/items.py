"""Challenges the board sees (with indicator evidence) and the proposals that answer them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from i4region.core.bilingual import pair, paired
from i4region.core.models import Record
from i4region.core.publication import PublicationQuerySet
from i4region.observatory.models import Indicator
from i4region.regions.models import Region

from .boards import NOTE, TEXT, Board, Membership


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class ChallengeTheme(models.TextChoices):
    DEMOGRAPHY = "demography", _("Demography")
    ECONOMY = "economy", _("Economy")
    SKILLS = "skills", _("Skills and education")
    INNOVATION = "innovation", _("Innovation and technology")
    COORDINATION = "coordination", _("Coordination and governance")
    FUNDING = "funding", _("Funding and sustainability")
    BUSINESS = "business", _("Business engagement")


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ADDRESSED = "addressed", _("Being addressed")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class PublishedQuerySet(PublicationQuerySet):
    """Challenges and proposals: public when marked published, on a published board."""

    def public(self):
        return self.filter(published=True, board__published=True)


class Challenge(Record):
    board = models.ForeignKey(
        Board, models.CASCADE, related_name="challenges", verbose_name=_("board")
    )
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200)
    description_en, description_lt = pair(
        models.TextField, _("description"), blank=True, max_length=TEXT
    )
    theme = models.CharField(_("theme"), max_length=16, choices=ChallengeTheme.choices)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    identified_on = models.DateField(_("identified on"))
    published = models.BooleanField(_("published"), default=False)
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = PublishedQuerySet.as_manager()

    label_field = "title"
    url_name = "board:challenge"
    url_fields = ("board.slug", "pk")

    title = paired("title")
    description = paired("description")

    class Meta:
        ordering = ["board", "-identified_on", "id"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")


class EvidenceQuerySet(PublicationQuerySet):
    def public(self):
        return self.filter(challenge__in=Challenge.objects.public())


class Evidence(Record):
    """An indicator in a region that shows the challenge; movement is measured from the baseline."""

    challenge = models.ForeignKey(
        Challenge, models.CASCADE, related_name="evidence", verbose_name=_("challenge")
    )
    indicator = models.ForeignKey(
        Indicator, models.PROTECT, related_name="board_evidence", verbose_name=_("indicator")
    )
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="board_evidence", verbose_name=_("region")
    )
    baseline_period = models.CharField(
        _("baseline period"),
        max_length=16,
        blank=True,
        help_text=_(
            "The indicator's movement is shown since this period, e.g. the year of the decision."
        ),
    )
    note = models.TextField(_("note"), blank=True, max_length=NOTE)

    objects = EvidenceQuerySet.as_manager()

    url_name = "board:challenge"
    url_fields = ("challenge.board.slug", "challenge_id")

    class Meta:
        ordering = ["challenge", "id"]
        verbose_name = _("indicator evidence")
        verbose_name_plural = _("indicator evidence")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.region.code}"


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    EVALUATING = "evaluating", _("Under evaluation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Proposal(Record):
    board = models.ForeignKey(
        Board, models.CASCADE, related_name="proposals", verbose_name=_("board")
    )
    challenge = models.ForeignKey(
        Challenge, models.PROTECT, related_name="proposals", verbose_name=_("challenge it answers")
    )
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200, blank=True)
    description_en, description_lt = pair(
        models.TextField, _("description"), blank=True, max_length=TEXT
    )
    proposer_membership = models.ForeignKey(
        Membership,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("proposed by (member)"),
    )
    proposer_organisation = models.ForeignKey(
        "stakeholders.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="board_proposals",
        verbose_name=_("proposed by (organisation)"),
    )
    expected_effect_en, expected_effect_lt = pair(
        models.TextField, _("expected effect"), blank=True, max_length=TEXT
    )
    expected_indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="board_proposals",
        verbose_name=_("indicators it should move"),
    )
    cost_estimate = models.DecimalField(
        _("cost estimate (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    cost_note_en, cost_note_lt = pair(models.CharField, _("cost note"), max_length=300, blank=True)
    funding_idea_en, funding_idea_lt = pair(
        models.TextField, _("funding idea"), blank=True, max_length=TEXT
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    answer = models.TextField(_("reasoned answer"), blank=True, max_length=TEXT)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published = models.BooleanField(_("published"), default=False)
    source_url = models.URLField(_("source"), blank=True, max_length=400)
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = PublishedQuerySet.as_manager()

    REQUIRED_PAIRS = ("title", "description")
    title = paired("title")
    description = paired("description")
    expected_effect = paired("expected_effect")
    cost_note = paired("cost_note")
    funding_idea = paired("funding_idea")

    label_field = "title"
    url_name = "board:proposal"
    url_fields = ("board.slug", "pk")

    class Meta:
        ordering = ["board", "-created_at", "id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def clean(self) -> None:
        if self.challenge_id and self.board_id and self.challenge.board_id != self.board_id:
            raise ValidationError({"challenge": _("The challenge belongs to another board.")})

    @property
    def proposer(self) -> str:
        if self.proposer_membership_id:
            return self.proposer_membership.person_name
        return str(self.proposer_organisation) if self.proposer_organisation_id else ""

    @property
    def filed_on_behalf(self) -> bool:
        """Filed by someone else (the secretariat) in the proposer's name."""
        if not self.created_by_id:
            return False
        seat = self.proposer_membership
        return seat is None or seat.user_id != self.created_by_id

"""Challenges the board sees (with indicator evidence) and the proposals that answer them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from i4region.core.bilingual import pair, paired
from i4region.core.fields import (
    choice,
    link,
    optional,
    optional_ref,
    organisation_ref,
    ref,
    user_ref,
)
from i4region.core.publication import PublicationQuerySet
from i4region.observatory.models import Indicator
from i4region.regions.models import Region

from .boards import NOTE, TEXT, Board, BoardRecord, Membership, Titled


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


class Challenge(BoardRecord):
    board = ref(Board, _("board"), "challenges")
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200)
    description_en, description_lt = pair(
        models.TextField, _("description"), blank=True, max_length=TEXT
    )
    theme = choice(_("theme"), ChallengeTheme, max_length=16)
    severity = choice(_("severity"), Severity, max_length=10, default=Severity.MEDIUM)
    status = choice(_("status"), ChallengeStatus, max_length=10, default=ChallengeStatus.OPEN)
    identified_on = models.DateField(_("identified on"))
    published = models.BooleanField(_("published"), default=False)
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = PublishedQuerySet.as_manager()

    label_field = "title"

    title = paired("title")
    description = paired("description")

    class Meta:
        ordering = ["board", "-identified_on", "id"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")


class EvidenceQuerySet(PublicationQuerySet):
    def public(self):
        return self.filter(challenge__in=Challenge.objects.public())


class Evidence(BoardRecord):
    """An indicator in a region that shows the challenge; movement is measured from the baseline."""

    challenge = ref(Challenge, _("challenge"), "evidence")
    indicator = ref(Indicator, _("indicator"), "board_evidence", models.PROTECT)
    region = ref(Region, _("region"), "board_evidence", models.PROTECT)
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

    shown_on = "challenge"

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


class Proposal(Titled):
    board = ref(Board, _("board"), "proposals")
    challenge = ref(Challenge, _("challenge it answers"), "proposals", models.PROTECT)
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200, blank=True)
    description_en, description_lt = pair(
        models.TextField, _("description"), blank=True, max_length=TEXT
    )
    proposer_membership = optional_ref(Membership, _("proposed by (member)"), "proposals")
    proposer_organisation = organisation_ref(_("proposed by (organisation)"), "board_proposals")
    expected_effect_en, expected_effect_lt = pair(
        models.TextField, _("expected effect"), blank=True, max_length=TEXT
    )
    expected_indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="board_proposals",
        verbose_name=_("indicators it should move"),
    )
    cost_estimate = optional(
        models.DecimalField, _("cost estimate (EUR)"), max_digits=14, decimal_places=2
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    cost_note_en, cost_note_lt = pair(models.CharField, _("cost note"), max_length=300, blank=True)
    funding_idea_en, funding_idea_lt = pair(
        models.TextField, _("funding idea"), blank=True, max_length=TEXT
    )
    state = choice(_("state"), ProposalState, max_length=12, default=ProposalState.DRAFT)
    answer = models.TextField(_("reasoned answer"), blank=True, max_length=TEXT)
    answered_at = optional(models.DateTimeField, _("answered at"))
    created_by = user_ref(_("filed by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published = models.BooleanField(_("published"), default=False)
    source_url = link(_("source"), blank=True)
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = PublishedQuerySet.as_manager()

    REQUIRED_PAIRS = ("title", "description")
    description = paired("description")
    expected_effect = paired("expected_effect")
    cost_note = paired("cost_note")
    funding_idea = paired("funding_idea")

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

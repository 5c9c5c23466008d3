"""Decisions taken at meetings, their votes and amendments."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from i4region.core.bilingual import pair, paired
from i4region.core.fields import choice, optional, optional_ref, ref, user_ref
from i4region.core.publication import PublicationQuerySet

from .boards import (
    NOTE,
    TEXT,
    Board,
    BoardRecord,
    DecisionMethod,
    Membership,
    Titled,
    once_per_member,
)
from .items import Proposal
from .meetings import AgendaItem, Meeting


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    VOTING = "voting", _("Voting")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


DECIDED = (DecisionState.ADOPTED, DecisionState.REJECTED)


class VoteMode(models.TextChoices):
    """Where the figures come from: never both for one decision."""

    ROLL_CALL = "roll_call", _("Roll-call: members vote online")
    TALLY = "tally", _("Tally typed by the secretariat")


class DecisionLocked(Exception):
    """A decided decision changes only through a recorded amendment."""


class DecisionQuerySet(PublicationQuerySet):
    def public(self):
        """Decided (adopted or rejected) at a meeting whose minutes are approved."""
        return self.filter(state__in=DECIDED, meeting__in=Meeting.objects.public())

    def awaiting_vote(self):
        return self.filter(state=DecisionState.VOTING)


class Decision(Titled):
    """A decision taken at a meeting, on a proposal or on its own, with method, votes and quorum."""

    AMENDABLE_FIELDS = ("title_lt", "title_en", "text_lt", "text_en")
    REQUIRED_PAIRS = ("title", "text")

    board = ref(Board, _("board"), "decisions")
    meeting = ref(Meeting, _("meeting"), "decisions", models.PROTECT)
    agenda_item = optional_ref(AgendaItem, _("agenda item"), "decisions")
    proposal = optional_ref(Proposal, _("proposal"), "decisions", models.PROTECT)
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200, blank=True)
    text_en, text_lt = pair(
        models.TextField, _("text of the decision"), blank=True, max_length=TEXT
    )
    method = choice(_("method"), DecisionMethod, default=DecisionMethod.CONSENSUS)
    vote_mode = choice(_("source of the votes"), VoteMode, max_length=10, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    members_present = models.PositiveSmallIntegerField(_("voting members present"), default=0)
    voting_members = models.PositiveSmallIntegerField(_("voting members"), default=0)
    quorum_met = models.BooleanField(_("quorum met"), default=False)
    state = choice(_("state"), DecisionState, max_length=10, default=DecisionState.DRAFT)
    decided_at = optional(models.DateTimeField, _("decided at"))
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = DecisionQuerySet.as_manager()

    text = paired("text")

    class Meta:
        ordering = ["board", "-meeting__starts_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def save(self, *args, **kwargs):
        """Refuse to change a decided decision unless services.amend_decision is doing it."""
        if self.pk and not getattr(self, "_amending", False):
            stored = Decision.objects.filter(pk=self.pk).values().first()
            if stored and stored["state"] in DECIDED:
                changed = [
                    f.attname
                    for f in self._meta.concrete_fields
                    if stored[f.attname] != getattr(self, f.attname)
                ]
                if changed:
                    raise DecisionLocked(
                        f"decision {self.pk} is decided; {', '.join(changed)} can change only "
                        "through a recorded amendment"
                    )
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.meeting_id and self.board_id and self.meeting.board_id != self.board_id:
            errors["meeting"] = _("The meeting belongs to another board.")
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            errors["agenda_item"] = _("The agenda item belongs to another meeting.")
        if self.proposal_id and self.board_id and self.proposal.board_id != self.board_id:
            errors["proposal"] = _("The proposal belongs to another board.")
        if errors:
            raise ValidationError(errors)

    @property
    def decided(self) -> bool:
        return self.state in DECIDED

    @property
    def outcome(self) -> str:
        """adopted or rejected once decided, else empty."""
        return self.state if self.decided else ""

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstain


class AmendmentQuerySet(PublicationQuerySet):
    def public(self):
        return self.filter(decision__in=Decision.objects.public())


class Amendment(models.Model):
    """A recorded change to a decided decision: the reason and every field before and after."""

    decision = ref(Decision, _("decision"), "amendments")
    reason = models.TextField(_("reason"), max_length=NOTE)
    changes = models.JSONField(_("changes"), default=dict)
    meeting = optional_ref(Meeting, _("agreed at meeting"), "amendments")
    created_by = user_ref(None)
    created_at = models.DateTimeField(_("amended at"), auto_now_add=True)

    objects = AmendmentQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "created_at", "id"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.decision} ({self.created_at:%Y-%m-%d})"


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Vote(BoardRecord):
    """A member's own vote in a roll-call; the decision's figures are counted from these."""

    decision = ref(Decision, _("decision"), "votes")
    membership = ref(Membership, _("member"), "votes")
    choice = choice(_("vote"), VoteChoice, max_length=8)
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    shown_on = "decision"

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [once_per_member("decision", "board_vote_once_per_member")]

    def __str__(self) -> str:
        return f"{self.membership.person_name}: {self.get_choice_display()}"

"""The board workspace: boards, members, meetings, challenges, proposals, decisions and actions.

Every change to these records goes through board.services, which keeps the history (who, when,
before, after). Organisations are plain text names here until the stakeholders app owns them.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from i4region.core.bilingual import localized as _pick
from i4region.observatory.models import Indicator
from i4region.regions.models import Region


class BoardType(models.TextChoices):
    ADVISORY = "advisory", _("Advisory board")
    CONSULTATIVE = "consultative", _("Consultative board")
    WORKING_GROUP = "working_group", _("Working group")


class DecisionMethod(models.TextChoices):
    CONSENSUS = "consensus", _("Consensus")
    VOTE = "vote", _("Vote")


class Board(models.Model):
    """A permanent body (advisory board or working group) and its internal rules."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_lt = models.CharField(_("name (Lithuanian)"), max_length=200)
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    purpose_lt = models.TextField(_("purpose (Lithuanian)"), blank=True)
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
        max_length=12,
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
    rules_en = models.TextField(_("internal rules (English)"), blank=True)
    rules_lt = models.TextField(_("internal rules (Lithuanian)"), blank=True)
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

    class Meta:
        ordering = ["parent_id", "name_en"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("board:workspace", args=[self.slug])

    @property
    def name(self) -> str:
        return _pick(self, "name")

    @property
    def purpose(self) -> str:
        return _pick(self, "purpose")

    @property
    def rules(self) -> str:
        return _pick(self, "rules")


class Founder(models.Model):
    """An organisation that set the board up (plain text until the stakeholders app owns it)."""

    board = models.ForeignKey(Board, models.CASCADE, related_name="founders")
    organisation_name = models.CharField(_("organisation"), max_length=200)
    source_url = models.URLField(_("source"), blank=True, max_length=400)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["board", "position", "id"]
        verbose_name = _("founder")
        verbose_name_plural = _("founders")

    def __str__(self) -> str:
        return self.organisation_name


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


class Membership(models.Model):
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
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    position = models.CharField(
        _("position"), max_length=12, choices=Position.choices, default=Position.MEMBER
    )
    sector = models.CharField(_("sector represented"), max_length=12, choices=Sector.choices)
    designated_on = models.DateField(_("designated on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample record"), default=False)

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


class MeetingKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary meeting")
    EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")
    WORKSHOP = "workshop", _("Working session")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated for comments")
    APPROVED = "approved", _("Approved")


class Meeting(models.Model):
    board = models.ForeignKey(
        Board, models.CASCADE, related_name="meetings", verbose_name=_("board")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("type"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.ORDINARY
    )
    mode = models.CharField(
        _("format"), max_length=12, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True, max_length=400)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_status = models.CharField(
        _("minutes status"),
        max_length=12,
        choices=MinutesStatus.choices,
        default=MinutesStatus.DRAFT,
    )
    minutes_circulated_at = models.DateTimeField(_("minutes circulated at"), null=True, blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample record"), default=False)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("board:meeting", args=[self.board.slug, self.pk])

    def clean(self) -> None:
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The meeting ends before it starts.")})
        if self.mode in (MeetingMode.ONLINE, MeetingMode.HYBRID) and not self.online_link:
            raise ValidationError({"online_link": _("An online or hybrid meeting needs a link.")})
        if self.mode in (MeetingMode.IN_PERSON, MeetingMode.HYBRID) and not self.place:
            raise ValidationError({"place": _("An in-person or hybrid meeting needs a place.")})


class AgendaItem(models.Model):
    """One item of a meeting's agenda; items nest under a parent item."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="agenda_items")
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("under item"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )

    class Meta:
        ordering = ["meeting", "parent_id", "position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.parent_id and self.parent.meeting_id != self.meeting_id:
            raise ValidationError({"parent": _("The parent item belongs to another meeting.")})


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=400)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    """A member's attendance, or a guest (no membership, a name instead)."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(
        Membership,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("member"),
    )
    guest_name = models.CharField(_("guest"), max_length=200, blank=True)
    guest_organisation = models.CharField(_("guest's organisation"), max_length=200, blank=True)
    status = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )

    class Meta:
        ordering = ["meeting", "membership__person_name", "guest_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="board_attendance_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return self.membership.person_name if self.membership_id else self.guest_name

    def clean(self) -> None:
        if not self.membership_id and not self.guest_name:
            raise ValidationError(_("Choose a member or give a guest's name."))
        if self.membership_id and self.membership.board_id != self.meeting.board_id:
            raise ValidationError({"membership": _("This person is not a member of this board.")})


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


class Challenge(models.Model):
    board = models.ForeignKey(
        Board, models.CASCADE, related_name="challenges", verbose_name=_("board")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_lt = models.CharField(_("title (Lithuanian)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_lt = models.TextField(_("description (Lithuanian)"), blank=True)
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

    class Meta:
        ordering = ["board", "-identified_on", "id"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("board:challenge", args=[self.board.slug, self.pk])

    @property
    def title(self) -> str:
        return _pick(self, "title")

    @property
    def description(self) -> str:
        return _pick(self, "description")


class Evidence(models.Model):
    """An indicator in a region that shows the challenge; the baseline is where movement is measured from."""

    challenge = models.ForeignKey(Challenge, models.CASCADE, related_name="evidence")
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
    note = models.TextField(_("note"), blank=True)

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


class Proposal(models.Model):
    board = models.ForeignKey(
        Board, models.CASCADE, related_name="proposals", verbose_name=_("board")
    )
    challenge = models.ForeignKey(
        Challenge, models.PROTECT, related_name="proposals", verbose_name=_("challenge it answers")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    proposer_membership = models.ForeignKey(
        Membership,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("proposed by (member)"),
    )
    proposer_organisation_name = models.CharField(
        _("proposed by (organisation)"), max_length=200, blank=True
    )
    expected_effect = models.TextField(_("expected effect"), blank=True)
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
    cost_note = models.CharField(_("cost note"), max_length=300, blank=True)
    funding_idea = models.TextField(_("funding idea"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    answer = models.TextField(_("reasoned answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published = models.BooleanField(_("published"), default=False)
    source_url = models.URLField(_("source"), blank=True, max_length=400)
    is_sample = models.BooleanField(_("sample record"), default=False)

    class Meta:
        ordering = ["board", "-created_at", "id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("board:proposal", args=[self.board.slug, self.pk])

    def clean(self) -> None:
        if self.challenge_id and self.board_id and self.challenge.board_id != self.board_id:
            raise ValidationError({"challenge": _("The challenge belongs to another board.")})

    @property
    def proposer(self) -> str:
        if self.proposer_membership_id:
            return self.proposer_membership.person_name
        return self.proposer_organisation_name


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


class DecisionLocked(Exception):
    """An approved decision changes only through a recorded amendment."""


class Decision(models.Model):
    """A decision taken at a meeting, on a proposal or on its own, with method, votes and quorum."""

    AMENDABLE_FIELDS = ("title", "text", "outcome", "votes_for", "votes_against", "votes_abstain")

    board = models.ForeignKey(
        Board, models.CASCADE, related_name="decisions", verbose_name=_("board")
    )
    meeting = models.ForeignKey(
        Meeting, models.PROTECT, related_name="decisions", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    proposal = models.ForeignKey(
        Proposal,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("proposal"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text of the decision"))
    method = models.CharField(
        _("method"), max_length=12, choices=DecisionMethod.choices, default=DecisionMethod.CONSENSUS
    )
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    members_present = models.PositiveSmallIntegerField(_("voting members present"), default=0)
    voting_members = models.PositiveSmallIntegerField(_("voting members"), default=0)
    quorum_met = models.BooleanField(_("quorum met"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.ADOPTED
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample record"), default=False)

    class Meta:
        ordering = ["board", "-meeting__starts_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        """Refuse to change an approved decision unless services.amend_decision is doing it."""
        if self.pk and not getattr(self, "_amending", False):
            stored = Decision.objects.filter(pk=self.pk).values().first()
            if stored and stored["status"] == DecisionStatus.APPROVED:
                changed = [
                    f.attname
                    for f in self._meta.concrete_fields
                    if stored[f.attname] != getattr(self, f.attname)
                ]
                if changed:
                    raise DecisionLocked(
                        f"decision {self.pk} is approved; {', '.join(changed)} can change only "
                        "through a recorded amendment"
                    )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("board:decision", args=[self.board.slug, self.pk])

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


class Amendment(models.Model):
    """A recorded change to an approved decision: the reason and every field before and after."""

    decision = models.ForeignKey(Decision, models.CASCADE, related_name="amendments")
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("changes"), default=dict)
    meeting = models.ForeignKey(
        Meeting,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("agreed at meeting"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("amended at"), auto_now_add=True)

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


class Vote(models.Model):
    """A member's own vote on a draft decision; the decision's tally is counted from these."""

    decision = models.ForeignKey(Decision, models.CASCADE, related_name="votes")
    membership = models.ForeignKey(Membership, models.CASCADE, related_name="votes")
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(_("cast at"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "membership"], name="board_vote_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.person_name}: {self.get_choice_display()}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# The progress an action takes when its status changes and no progress is given. Statuses that
# say how work is going, not how far it is, keep the current progress (None).
DEFAULT_PROGRESS: dict[str, Decimal | None] = {
    ActionStatus.NOT_STARTED: Decimal("0"),
    ActionStatus.ON_TRACK: None,
    ActionStatus.AT_RISK: None,
    ActionStatus.OFF_TRACK: None,
    ActionStatus.DONE: Decimal("100"),
    ActionStatus.DROPPED: None,
}


class Action(models.Model):
    """What a decision commits to. A parent's progress is the weighted mean of its children's."""

    board = models.ForeignKey(
        Board, models.CASCADE, related_name="actions", verbose_name=_("board")
    )
    decision = models.ForeignKey(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("decision"),
    )
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of action"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_actions",
        verbose_name=_("owner (user)"),
        help_text=_("The person who updates the progress and gets the reminders."),
    )
    owner_name = models.CharField(_("owner (person or organisation)"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    progress = models.DecimalField(
        _("progress (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(0)],
        help_text=_("Its share in the parent action's progress."),
    )
    initiative_type = models.ForeignKey(
        ContentType,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initiative type"),
    )
    initiative_id = models.PositiveBigIntegerField(_("initiative id"), null=True, blank=True)
    initiative = GenericForeignKey("initiative_type", "initiative_id")
    overdue_notified_on = models.DateField(null=True, blank=True, editable=False)
    is_sample = models.BooleanField(_("sample record"), default=False)

    class Meta:
        ordering = ["board", "parent_id", "due_date", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("board:action", args=[self.board.slug, self.pk])

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors["due_date"] = _("The due date is before the start date.")
        if self.parent_id:
            if self.parent.board_id != self.board_id:
                errors["parent"] = _("The parent action belongs to another board.")
            node = self.parent
            while node is not None:
                if node.pk == self.pk:
                    errors["parent"] = _("An action cannot be part of itself.")
                    break
                node = node.parent
        if self.decision_id and self.decision.board_id != self.board_id:
            errors["decision"] = _("The decision belongs to another board.")
        if errors:
            raise ValidationError(errors)

    @property
    def owner_display(self) -> str:
        if self.owner_name:
            return self.owner_name
        if self.owner_id:
            return self.owner.get_full_name() or self.owner.username
        return ""


class Milestone(models.Model):
    action = models.ForeignKey(Action, models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    done = models.BooleanField(_("reached"), default=False)

    class Meta:
        ordering = ["action", "date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    """A member's comment on draft minutes, a proposal, a challenge or a decision."""

    board = models.ForeignKey(Board, models.CASCADE, related_name="comments")
    target_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=150)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class HistoryEntry(models.Model):
    """One change to a board record: who, when, what, and every changed field before and after."""

    board = models.ForeignKey(Board, models.CASCADE, related_name="history")
    target_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target_label = models.CharField(max_length=250)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user_name = models.CharField(_("by"), max_length=150)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    verb = models.CharField(_("change"), max_length=40)
    changes = models.JSONField(_("before and after"), default=dict)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.verb} {self.target_label}"


class NotificationKind(models.TextChoices):
    ACTION_ASSIGNED = "action_assigned", _("Action assigned to you")
    ACTION_OVERDUE = "action_overdue", _("Your action is overdue")
    MINUTES_CIRCULATED = "minutes_circulated", _("Minutes circulated for comments")


class Notification(models.Model):
    """Waits for the digest: one e-mail per person gathers everything since the last one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="board_notifications"
    )
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    label = models.CharField(max_length=250, help_text="What it is about, e.g. the action's title.")
    path = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

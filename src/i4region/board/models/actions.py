"""Actions that carry out decisions, their milestones; members' comments and notifications."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from i4region.core.bilingual import pair
from i4region.core.fields import choice, optional, optional_ref, organisation_ref, ref, user_ref
from i4region.core.publication import PublicationQuerySet

from .boards import NOTE, TEXT, Board, Titled
from .decisions import Decision


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)

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

DEPTH = 6  # deepest nesting of parts the publication rule follows


class ActionQuerySet(PublicationQuerySet):
    def public(self):
        """Public with the decision it (or the action it is part of) carries out."""
        public = Decision.objects.public()
        rule, path = Q(), ""
        for _level in range(DEPTH):
            rule |= Q(**{f"{path}decision__in": public}) & Q(**{f"{path}board__published": True})
            path += "parent__"
        return self.filter(rule)

    def open(self):
        return self.exclude(status__in=CLOSED)

    def overdue(self, day: dt.date | None = None):
        """Past the due date and neither done nor dropped, as of `day` (today)."""
        return self.open().filter(due_date__lt=day or timezone.localdate())


def days_late(due: dt.date | None, done: bool, day: dt.date | None = None) -> int:
    """Days past `due` as of `day` (today); 0 when not late or already done."""
    if due is None or done:
        return 0
    return max(((day or timezone.localdate()) - due).days, 0)


class Action(Titled):
    """What a decision commits to. A parent's progress is the weighted mean of its children's."""

    board = ref(Board, _("board"), "actions")
    decision = optional_ref(Decision, _("decision it implements"), "actions", models.PROTECT)
    parent = optional_ref("self", _("part of action"), "children", models.CASCADE)
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=TEXT)
    owner = user_ref(
        _("owner (user)"),
        "board_actions",
        help_text=_("The person who updates the progress and gets the reminders."),
    )
    owner_organisation = organisation_ref(_("owner organisation"), "board_actions")
    start_date = optional(models.DateField, _("start date"))
    due_date = optional(models.DateField, _("due date"))
    status = choice(_("status"), ActionStatus, max_length=12, default=ActionStatus.NOT_STARTED)
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
    initiative = optional_ref("initiatives.Initiative", _("initiative"), "board_actions")
    overdue_notified_on = models.DateField(null=True, blank=True, editable=False)
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["board", "parent_id", "due_date", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

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
        person = (self.owner.get_full_name() or self.owner.username) if self.owner_id else ""
        organisation = str(self.owner_organisation) if self.owner_organisation_id else ""
        return " · ".join(p for p in (person, organisation) if p)

    def days_late(self, day: dt.date | None = None) -> int:
        return days_late(self.due_date, self.status in CLOSED, day)

    @property
    def is_overdue(self) -> bool:
        return self.days_late() > 0


class Milestone(Titled):
    action = ref(Action, _("action"), "milestones")
    date = models.DateField(_("due date"))
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=NOTE)
    done = models.BooleanField(_("reached"), default=False)

    shown_on = "action"

    class Meta:
        ordering = ["action", "date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def days_late(self, day: dt.date | None = None) -> int:
        return days_late(self.date, self.done, day)

    @property
    def is_overdue(self) -> bool:
        return self.days_late() > 0


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
    text = models.TextField(_("comment"), max_length=NOTE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class NotificationKind(models.TextChoices):
    ACTION_ASSIGNED = "action_assigned", _("Action assigned to you")
    ACTION_OVERDUE = "action_overdue", _("Your action is overdue")
    MINUTES_CIRCULATED = "minutes_circulated", _("Minutes circulated for comments")
    VOTING_OPENED = "voting_opened", _("Voting opened")


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

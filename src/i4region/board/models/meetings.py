"""Meetings, their agenda, documents and attendance roll."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from i4region.core.bilingual import pair, paired
from i4region.core.models import Record
from i4region.core.publication import PublicationQuerySet

from .boards import NOTE, TEXT, Board, Membership


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


class MeetingQuerySet(PublicationQuerySet):
    def public(self):
        """A meeting is public once its minutes are approved, on a published board."""
        return self.filter(board__published=True, minutes_status=MinutesStatus.APPROVED)


class MeetingPartQuerySet(PublicationQuerySet):
    """Agenda items, documents and attendance are public with their meeting."""

    def public(self):
        return self.filter(meeting__in=Meeting.objects.public())


class Meeting(Record):
    board = models.ForeignKey(
        Board, models.CASCADE, related_name="meetings", verbose_name=_("board")
    )
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200, blank=True)
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
    minutes_en, minutes_lt = pair(models.TextField, _("minutes"), blank=True, max_length=TEXT)
    minutes_status = models.CharField(
        _("minutes status"),
        max_length=12,
        choices=MinutesStatus.choices,
        default=MinutesStatus.DRAFT,
    )
    minutes_circulated_at = models.DateTimeField(_("minutes circulated at"), null=True, blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = MeetingQuerySet.as_manager()

    REQUIRED_PAIRS = ("title",)  # one language of each is required, the other optional
    title = paired("title")
    minutes = paired("minutes")

    label_field = "title"
    url_name = "board:meeting"
    url_fields = ("board.slug", "pk")

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def clean(self) -> None:
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The meeting ends before it starts.")})
        if self.mode in (MeetingMode.ONLINE, MeetingMode.HYBRID) and not self.online_link:
            raise ValidationError({"online_link": _("An online or hybrid meeting needs a link.")})
        if self.mode in (MeetingMode.IN_PERSON, MeetingMode.HYBRID) and not self.place:
            raise ValidationError({"place": _("An in-person or hybrid meeting needs a place.")})

    @property
    def roll_open(self) -> bool:
        """The attendance roll can change until the minutes are approved."""
        return self.minutes_status != MinutesStatus.APPROVED


class AgendaItem(Record):
    """One item of a meeting's agenda; items nest under a parent item."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("under item"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=TEXT)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )

    objects = MeetingPartQuerySet.as_manager()

    REQUIRED_PAIRS = ("title",)
    title = paired("title")

    label_field = "title"
    url_name = "board:meeting"
    url_fields = ("meeting.board.slug", "meeting_id")

    class Meta:
        ordering = ["meeting", "parent_id", "position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def clean(self) -> None:
        if self.parent_id and self.parent.meeting_id != self.meeting_id:
            raise ValidationError({"parent": _("The parent item belongs to another meeting.")})


class MeetingDocument(Record):
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=400)

    objects = MeetingPartQuerySet.as_manager()

    label_field = "title"
    url_name = "board:meeting"
    url_fields = ("meeting.board.slug", "meeting_id")

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")
    PROXY = "proxy", _("Represented by proxy")


# Who counts towards the quorum: present in person or represented by a proxy.
COUNTS_PRESENT = (AttendanceStatus.PRESENT, AttendanceStatus.PROXY)


class Attendance(Record):
    """A member's line of the roll, or a guest (no membership, a name instead)."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    membership = models.ForeignKey(
        Membership,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("member"),
    )
    guest_name = models.CharField(_("guest"), max_length=200, blank=True)
    guest_organisation = models.ForeignKey(
        "stakeholders.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="board_guests",
        verbose_name=_("guest's organisation"),
    )
    status = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )
    proxy_name = models.CharField(
        _("proxy"),
        max_length=200,
        blank=True,
        help_text=_("Who represented the member, when represented by proxy."),
    )
    note = models.CharField(_("note"), max_length=NOTE, blank=True)

    objects = MeetingPartQuerySet.as_manager()

    url_name = "board:meeting"
    url_fields = ("meeting.board.slug", "meeting_id")

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
        if self.status == AttendanceStatus.PROXY and not self.proxy_name:
            raise ValidationError({"proxy_name": _("Name the proxy who represented the member.")})

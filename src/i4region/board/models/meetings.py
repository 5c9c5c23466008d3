"""Meetings, their agenda, documents and attendance roll."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from i4region.core.bilingual import pair, paired
from i4region.core.fields import choice, link, optional, optional_ref, organisation_ref, ref
from i4region.core.publication import PublicationQuerySet

from .boards import NOTE, TEXT, Board, BoardRecord, Membership, Titled, once_per_member


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
    def public(self):
        return self.filter(meeting__in=Meeting.objects.public())


class Meeting(Titled):
    board = ref(Board, _("board"), "meetings")
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200, blank=True)
    kind = choice(_("type"), MeetingKind, max_length=16, default=MeetingKind.ORDINARY)
    mode = choice(_("format"), MeetingMode, max_length=12, default=MeetingMode.IN_PERSON)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = optional(models.DateTimeField, _("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = link(_("online link"), blank=True)
    minutes_en, minutes_lt = pair(models.TextField, _("minutes"), blank=True, max_length=TEXT)
    minutes_status = choice(
        _("minutes status"), MinutesStatus, max_length=12, default=MinutesStatus.DRAFT
    )
    minutes_circulated_at = optional(models.DateTimeField, _("minutes circulated at"))
    minutes_approved_at = optional(models.DateTimeField, _("minutes approved at"))
    is_sample = models.BooleanField(_("sample record"), default=False)

    objects = MeetingQuerySet.as_manager()

    minutes = paired("minutes")

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


class MeetingPart(BoardRecord):
    """Agenda items, documents and attendance: public with their meeting, shown on its page."""

    objects = MeetingPartQuerySet.as_manager()

    shown_on = "meeting"

    class Meta:
        abstract = True


class AgendaItem(Titled, MeetingPart):
    """One item of a meeting's agenda; items nest under a parent item."""

    meeting = ref(Meeting, _("meeting"), "agenda_items")
    parent = optional_ref("self", _("under item"), "children", models.CASCADE)
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title_en, title_lt = pair(models.CharField, _("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=TEXT)
    duration_minutes = optional(models.PositiveSmallIntegerField, _("duration (minutes)"))

    class Meta:
        ordering = ["meeting", "parent_id", "position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def clean(self) -> None:
        if self.parent_id and self.parent.meeting_id != self.meeting_id:
            raise ValidationError({"parent": _("The parent item belongs to another meeting.")})


class MeetingDocument(MeetingPart):
    meeting = ref(Meeting, _("meeting"), "documents")
    title = models.CharField(_("title"), max_length=200)
    url = link(_("link"))

    label_field = "title"

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


class Attendance(MeetingPart):
    """A member's line of the roll, or a guest (no membership, a name instead)."""

    meeting = ref(Meeting, _("meeting"), "attendance")
    membership = optional_ref(Membership, _("member"), "attendance", models.CASCADE)
    guest_name = models.CharField(_("guest"), max_length=200, blank=True)
    guest_organisation = organisation_ref(_("guest's organisation"), "board_guests")
    status = choice(
        _("attendance"), AttendanceStatus, max_length=10, default=AttendanceStatus.PRESENT
    )
    proxy_name = models.CharField(
        _("proxy"),
        max_length=200,
        blank=True,
        help_text=_("Who represented the member, when represented by proxy."),
    )
    note = models.CharField(_("note"), max_length=NOTE, blank=True)

    class Meta:
        ordering = ["meeting", "membership__person_name", "guest_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [once_per_member("meeting", "board_attendance_once_per_member")]

    def __str__(self) -> str:
        return self.membership.person_name if self.membership_id else self.guest_name

    def clean(self) -> None:
        if not self.membership_id and not self.guest_name:
            raise ValidationError(_("Choose a member or give a guest's name."))
        if self.membership_id and self.membership.board_id != self.meeting.board_id:
            raise ValidationError({"membership": _("This person is not a member of this board.")})
        if self.status == AttendanceStatus.PROXY and not self.proxy_name:
            raise ValidationError({"proxy_name": _("Name the proxy who represented the member.")})

"""Tables of boards, their members and meetings."""

from i4region.core.exports import Column, Table, model_table

from .. import services
from ..models import (
    AgendaItem,
    Attendance,
    Board,
    Founder,
    Meeting,
    MeetingDocument,
    Membership,
)
from .common import SAMPLE, Context, scope, texts


def boards(c: Context) -> Table:
    rows = (c.boards.public() if c.public else c.boards).prefetch_related("founders__organisation")
    return model_table(
        "boards",
        "Boards and working groups",
        Board,
        rows.select_related("region"),
        [
            "id",
            "slug",
            *texts("name"),
            Column("type", "kind"),
            "parent_id",
            Column("founding_year", type="year"),
            "founding_date",
            Column(
                "founders",
                lambda b: "; ".join(str(f) for f in b.founders.all()),
                "string",
                "Organisations that set the board up, separated by '; '",
            ),
            *texts("purpose"),
            "decision_method",
            "quorum_percent",
            Column("region_code", "region.code", "string", "NUTS code of the region it serves"),
            "published",
            "source_url",
            SAMPLE,
        ],
    )


def founders(c: Context) -> Table:
    return model_table(
        "board_founders",
        "Founders of the boards",
        Founder,
        Founder.objects.filter(
            board__in=c.boards.public() if c.public else c.boards
        ).select_related("organisation"),
        [
            "id",
            "board_id",
            c.org("organisation_id", "organisation_id", "Founding organisation"),
            Column("organisation_name", "organisation.name", "string", "Its name"),
            *texts("role"),
            "source_url",
        ],
    )


def members(c: Context) -> Table:
    boards = c.boards.public() if c.public else c.boards
    columns = [
        "id",
        "board_id",
        "person_name",
        c.org("organisation_id", "organisation_id", "Organisation the member comes from"),
        Column("organisation_name", "organisation.name", "string", "Its name"),
        "position",
        "sector",
        "designated_on",
        "ended_on",
        SAMPLE,
    ]
    if c.personal:
        columns.append(
            Column("user_email", "user.email", "string", "E-mail of the member's account")
        )
    return model_table(
        "board_members",
        "Board membership",
        Membership,
        Membership.objects.filter(board__in=boards).select_related("organisation", "user"),
        columns,
    )


def meetings(c: Context) -> Table:
    return model_table(
        "meetings",
        "Meetings",
        Meeting,
        scope(Meeting, c.boards, c.public).order_by("starts_at", "id"),
        [
            "id",
            "board_id",
            *texts("title"),
            Column("type", "kind"),
            Column("format", "mode"),
            "starts_at",
            "ends_at",
            "place",
            "online_link",
            "minutes_status",
            "minutes_approved_at",
            *texts("minutes"),
            SAMPLE,
        ],
    )


def agenda(c: Context) -> Table:
    items = list(scope(AgendaItem, c.boards, c.public, "meeting__board"))
    numbered = []
    by_meeting: dict[int, list] = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    for meeting_items in by_meeting.values():
        for item, number, _depth in services.agenda_tree(meeting_items):
            item.number = number
            numbered.append(item)
    return model_table(
        "agenda_items",
        "Agenda items",
        AgendaItem,
        numbered,
        [
            "id",
            "meeting_id",
            "parent_id",
            "position",
            Column("number", type="string", description="Number in the agenda, e.g. 2.1"),
            *texts("title"),
            "description",
            "duration_minutes",
        ],
    )


def attendance_rows(c: Context):
    """One row per member and meeting (the roll, "not_recorded" where it is missing), then guests."""
    meetings = scope(Meeting, c.boards, c.public).order_by("starts_at", "id")
    for meeting in meetings.select_related("board"):
        recorded = {a.membership_id: a for a in meeting.attendance.all()}
        for seat in services.members_on_roll(meeting):
            yield recorded.get(seat.pk) or Attendance(
                meeting=meeting, membership=seat, status="not_recorded"
            )
        yield from (a for a in recorded.values() if a.membership_id is None)


def attendance(c: Context) -> Table:
    return model_table(
        "meeting_attendance",
        "Meeting attendance: every member on each meeting's day, and guests",
        Attendance,
        attendance_rows(c),
        [
            Column("id", type="integer", description="Row of the roll; empty where not recorded"),
            "meeting_id",
            Column(
                "member_id",
                "membership_id",
                "integer",
                "The member (board_members.csv id); empty for guests",
            ),
            "guest_name",
            c.org("guest_organisation_id", "guest_organisation_id", "Guest's organisation"),
            Column(
                "status",
                type="string",
                description="present, excused, absent, proxy or not_recorded",
            ),
            "proxy_name",
        ],
    )


def documents(c: Context) -> Table:
    return model_table(
        "meeting_documents",
        "Meeting documents",
        MeetingDocument,
        scope(MeetingDocument, c.boards, c.public, "meeting__board"),
        ["id", "meeting_id", "title", "url"],
    )

"""The board workspace: boards, members, meetings, challenges, proposals, decisions and actions.

Every model with a timeline is tracked by the one history (`i4region.core.history`): each
change is filed under the board it belongs to, so the board's history page shows them all.
"""

from i4region.core import history

from .actions import (
    CLOSED,
    DEFAULT_PROGRESS,
    Action,
    ActionStatus,
    Comment,
    Milestone,
    Notification,
    NotificationKind,
    days_late,
)
from .boards import (
    NOTE,
    TEXT,
    VOTED_METHODS,
    Board,
    BoardType,
    DecisionMethod,
    Founder,
    Membership,
    Position,
    Sector,
)
from .decisions import (
    DECIDED,
    Amendment,
    Decision,
    DecisionLocked,
    DecisionState,
    Vote,
    VoteChoice,
    VoteMode,
)
from .items import (
    Challenge,
    ChallengeStatus,
    ChallengeTheme,
    Evidence,
    Proposal,
    ProposalState,
    Severity,
)
from .meetings import (
    COUNTS_PRESENT,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingDocument,
    MeetingKind,
    MeetingMode,
    MinutesStatus,
)

history.track(Board)
for _model in (Founder, Membership, Meeting, Challenge, Proposal, Decision):
    history.track(_model, parent="board")
for _model in (AgendaItem, MeetingDocument, Attendance):
    history.track(_model, parent="meeting.board")
history.track(Evidence, parent="challenge.board")
history.track(Vote, parent="decision.board", exclude=("cast_at",))
history.track(Action, parent="board", exclude=("overdue_notified_on",))
history.track(Milestone, parent="action.board")

__all__ = [
    "CLOSED",
    "COUNTS_PRESENT",
    "DECIDED",
    "DEFAULT_PROGRESS",
    "NOTE",
    "TEXT",
    "VOTED_METHODS",
    "Action",
    "ActionStatus",
    "AgendaItem",
    "Amendment",
    "Attendance",
    "AttendanceStatus",
    "Board",
    "BoardType",
    "Challenge",
    "ChallengeStatus",
    "ChallengeTheme",
    "Comment",
    "Decision",
    "DecisionLocked",
    "DecisionMethod",
    "DecisionState",
    "Evidence",
    "Founder",
    "Meeting",
    "MeetingDocument",
    "MeetingKind",
    "MeetingMode",
    "Membership",
    "Milestone",
    "MinutesStatus",
    "Notification",
    "NotificationKind",
    "Position",
    "Proposal",
    "ProposalState",
    "Sector",
    "Severity",
    "Vote",
    "VoteChoice",
    "VoteMode",
    "days_late",
]

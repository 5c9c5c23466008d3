"""Plain HTML forms of the board workspace; choices are limited to the board being worked on."""

from .actions import ActionForm, BulkProgressForm, MilestoneForm, ProgressForm
from .base import DATE, DATETIME, UPLOAD_LIMIT, RecordForm, RegionCodeField
from .boards import BoardForm, FounderForm, MembershipForm
from .decisions import AmendmentForm, DecideForm, DecisionForm, OpenVotingForm, TallyForm, VoteForm
from .items import ChallengeForm, CommentForm, EvidenceForm, ProposalForm, ProposalStateForm
from .meetings import AgendaItemForm, DocumentForm, GuestForm, MeetingForm, MinutesForm, RollForm

__all__ = [
    "ActionForm",
    "AgendaItemForm",
    "AmendmentForm",
    "BoardForm",
    "BulkProgressForm",
    "ChallengeForm",
    "CommentForm",
    "DATE",
    "DATETIME",
    "DecideForm",
    "DecisionForm",
    "DocumentForm",
    "EvidenceForm",
    "FounderForm",
    "GuestForm",
    "MeetingForm",
    "MembershipForm",
    "MilestoneForm",
    "MinutesForm",
    "OpenVotingForm",
    "ProgressForm",
    "ProposalForm",
    "ProposalStateForm",
    "RecordForm",
    "RegionCodeField",
    "RollForm",
    "TallyForm",
    "UPLOAD_LIMIT",
    "VoteForm",
]

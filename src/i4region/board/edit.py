"""Create, change and delete board records through core.generic's views: one form rendering,
the history written by the base, a success message on every save."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from i4region.core.generic import ObjectDeleteView, ObjectEditView

from . import services
from .forms import (
    ActionForm,
    AgendaItemForm,
    AmendmentForm,
    BoardForm,
    ChallengeForm,
    DecisionForm,
    DocumentForm,
    EvidenceForm,
    FounderForm,
    GuestForm,
    MeetingForm,
    MembershipForm,
    MilestoneForm,
    MinutesForm,
    ProposalForm,
    RollForm,
)
from .models import (
    Action,
    AgendaItem,
    Attendance,
    Board,
    Challenge,
    Decision,
    DecisionState,
    Evidence,
    Founder,
    Meeting,
    MeetingDocument,
    Membership,
    Milestone,
    Proposal,
)
from .views import MANAGE, board_access, board_or_404, int_param, may_edit_proposal


class BoardEditView(ObjectEditView):
    model = Board
    form_class = BoardForm
    lookup = "slug"

    def allowed(self, request, obj) -> bool:
        return services.can_manage(request.user)

    def refusal(self, request, obj) -> str:
        return _("Only the board secretariat can do this.")

    def title(self, obj) -> str:
        return _("Edit the board profile") if obj else _("New board or working group")


class OnBoard:
    """A record that belongs to the board named in the URL; the secretariat manages it.

    `parent_model`/`parent_kwarg`: the record it hangs from (a meeting's agenda item, say), taken
    from the URL; `lookup` names the record itself (absent when creating).
    """

    board_path = "board"
    parent_model = None
    parent_kwarg = "pk"
    parent_attr = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.board = board_or_404(request, kwargs["slug"])
        self.parent = None
        if self.parent_model is not None:
            self.parent = get_object_or_404(
                self.parent_model, pk=kwargs[self.parent_kwarg], board=self.board
            )

    def get_queryset(self, request: HttpRequest):
        rows = self.model._default_manager.filter(**{self.board_path: self.board})
        if self.parent is not None:
            rows = rows.filter(**{self.parent_attr: self.parent})
        return rows

    def allowed(self, request, obj) -> bool:
        return services.can_manage(request.user)

    def refusal(self, request, obj) -> str:
        return _("Only the board secretariat can do this.")

    def ids_from_query(self, request, *names: str) -> dict:
        """Preselected records named in the query (?decision=12); a non-number is a 400."""
        found = {name: int_param(request, name) for name in names}
        return {name: value for name, value in found.items() if value is not None}

    def prepare(self, request, obj) -> None:
        if self.parent is not None:
            setattr(obj, self.parent_attr, self.parent)
        elif hasattr(obj, "board_id"):
            obj.board = self.board

    def cancel_url(self, request, obj) -> str:
        if obj is not None:
            return obj.get_absolute_url()
        return (self.parent or self.board).get_absolute_url()

    def success_url(self, request, obj) -> str:
        return obj.get_absolute_url()

    def context(self, request, obj) -> dict:
        link = self.parent or self.board
        return {"board": self.board, "parent_link": {"url": link.get_absolute_url(), "label": link}}


class FounderEditView(OnBoard, ObjectEditView):
    model = Founder
    form_class = FounderForm
    lookup = "founder"


class FounderDeleteView(OnBoard, ObjectDeleteView):
    model = Founder
    lookup = "founder"

    def success_url(self, request, obj) -> str:
        return self.board.get_absolute_url()


class MembershipEditView(OnBoard, ObjectEditView):
    model = Membership
    form_class = MembershipForm

    def title(self, obj) -> str:
        return _("Edit membership") if obj else _("Add a member")

    def save(self, request, form):
        seat = super().save(request, form)
        email = form.cleaned_data.get("invite_email")
        if email:
            user, created = services.invite_member(
                seat, email, request.user, base_url=request.build_absolute_uri("/")[:-1]
            )
            text = (
                _("An account %(username)s was created and an invitation sent to %(email)s.")
                if created
                else _(
                    "The seat is linked to the account %(username)s; a link was sent to %(email)s."
                )
            )
            messages.info(request, text % {"username": user.get_username(), "email": email})
        return seat

    def success_url(self, request, obj) -> str:
        return self.board.get_absolute_url()


class MeetingEditView(OnBoard, ObjectEditView):
    model = Meeting
    form_class = MeetingForm

    def title(self, obj) -> str:
        return _("Edit meeting") if obj else _("New meeting")


class MinutesEditView(OnBoard, ObjectEditView):
    model = Meeting
    form_class = MinutesForm

    def dispatch(self, request, *args, **kwargs):
        meeting = get_object_or_404(Meeting, pk=kwargs["pk"], board=self.board)
        if request.user.is_authenticated and meeting.minutes_status == "approved":
            messages.error(request, _("These minutes are approved and can no longer be edited."))
            return redirect(meeting.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def title(self, obj) -> str:
        return _("Minutes of %(meeting)s") % {"meeting": obj.title}


class MeetingPart(OnBoard):
    parent_model = Meeting
    parent_attr = "meeting"
    board_path = "meeting__board"
    lookup = "item"


class AgendaItemEditView(MeetingPart, ObjectEditView):
    model = AgendaItem
    form_class = AgendaItemForm

    def form_kwargs(self, request, obj) -> dict:
        return {"meeting": self.parent}

    def title(self, obj) -> str:
        return _("Add an agenda item") if obj is None else _("Edit agenda item")


class AgendaItemDeleteView(MeetingPart, ObjectDeleteView):
    model = AgendaItem

    def success_url(self, request, obj) -> str:
        return self.parent.get_absolute_url()


class DocumentEditView(MeetingPart, ObjectEditView):
    model = MeetingDocument
    form_class = DocumentForm

    def title(self, obj) -> str:
        return _("Add a document") if obj is None else _("Edit document")


class DocumentDeleteView(MeetingPart, ObjectDeleteView):
    model = MeetingDocument

    def success_url(self, request, obj) -> str:
        return self.parent.get_absolute_url()


class GuestEditView(MeetingPart, ObjectEditView):
    model = Attendance
    form_class = GuestForm

    def get_queryset(self, request):
        return super().get_queryset(request).filter(membership=None)

    def title(self, obj) -> str:
        return _("Add a guest") if obj is None else _("Edit guest")


class GuestDeleteView(MeetingPart, ObjectDeleteView):
    model = Attendance

    def get_queryset(self, request):
        return super().get_queryset(request).filter(membership=None)

    def success_url(self, request, obj) -> str:
        return self.parent.get_absolute_url()


class ChallengeEditView(OnBoard, ObjectEditView):
    model = Challenge
    form_class = ChallengeForm

    def title(self, obj) -> str:
        return _("Edit challenge") if obj else _("New challenge")


class EvidenceEditView(OnBoard, ObjectEditView):
    model = Evidence
    form_class = EvidenceForm
    parent_model = Challenge
    parent_attr = "challenge"
    board_path = "challenge__board"
    lookup = "item"

    def title(self, obj) -> str:
        return _("Add indicator evidence")


class ProposalEditView(OnBoard, ObjectEditView):
    """Members file proposals in their own name (and edit their own drafts); the secretariat
    edits any, and may file on a member's or an organisation's behalf."""

    model = Proposal
    form_class = ProposalForm

    def allowed(self, request, obj) -> bool:
        if obj is None:
            return services.can_participate(request.user, self.board)
        return may_edit_proposal(request.user, obj)

    def refusal(self, request, obj) -> str:
        if obj is None:
            return services.refusal(request.user, self.board)
        return _("Only its author (while it is a draft) and the secretariat can edit a proposal.")

    def form_kwargs(self, request, obj) -> dict:
        return {"board": self.board, "manager": services.can_manage(request.user)}

    def get_initial(self, request, obj) -> dict:
        return self.ids_from_query(request, "challenge") if obj is None else {}

    def save(self, request, form):
        obj = form.save(commit=False)
        if obj.pk:
            obj.save()
        else:
            try:
                services.file_proposal(
                    self.board,
                    request.user,
                    obj,
                    on_behalf_of=form.cleaned_data.get("proposer_membership"),
                )
            except services.TransitionRefused as exc:
                raise PermissionDenied(str(exc)) from exc
        form.save_m2m()
        return obj

    def title(self, obj) -> str:
        return _("Edit proposal") if obj else _("New proposal")


class DecisionEditView(OnBoard, ObjectEditView):
    model = Decision
    form_class = DecisionForm

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs and request.user.is_authenticated:
            d = get_object_or_404(Decision, pk=kwargs["pk"], board=self.board)
            if d.state != DecisionState.DRAFT and services.can_manage(request.user):
                messages.info(
                    request,
                    _("Only a draft decision is edited; a decided one changes by amendment.")
                    if d.decided
                    else _("Voting has opened: this decision's text no longer changes."),
                )
                target = "board:decision_amend" if d.decided else "board:decision"
                return redirect(target, self.board.slug, d.pk)
        return super().dispatch(request, *args, **kwargs)

    def form_kwargs(self, request, obj) -> dict:
        return {"board": self.board}

    def get_initial(self, request, obj) -> dict:
        if obj is not None:
            return {}
        initial = {
            "method": self.board.decision_method,
            **self.ids_from_query(request, "proposal", "meeting", "agenda_item"),
        }
        p = self.board.proposals.filter(pk=initial.get("proposal")).first()
        if p is not None:
            initial["title_en"], initial["title_lt"] = p.title_en, p.title_lt
        return initial

    def save(self, request, form):
        return services.save_draft(form.save(commit=False), request.user)

    def title(self, obj) -> str:
        return _("Edit decision") if obj else _("Record a decision")


def decision_amend(request, slug, pk):
    """A decided decision changes only through an amendment that keeps reason, before, after."""
    board = board_or_404(request, slug)
    d = get_object_or_404(Decision, pk=pk, board=board, state__in=("adopted", "rejected"))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.can_manage(request.user):
        raise PermissionDenied(_("Only the board secretariat can do this."))
    form = AmendmentForm(request.POST or None, instance=Decision.objects.get(pk=d.pk), board=board)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in Decision.AMENDABLE_FIELDS}
        try:
            services.amend_decision(
                d,
                request.user,
                form.cleaned_data["reason"],
                changes,
                meeting=form.cleaned_data["amended_at"],
            )
            messages.success(request, _("The amendment is recorded."))
            return redirect(d.get_absolute_url())
        except services.TransitionRefused as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "core/object_edit.html",
        {
            "form": form,
            "object": d,
            "title": _("Amend decision: %(title)s") % {"title": d.title},
            "cancel_url": d.get_absolute_url(),
            "parent_link": {"url": d.get_absolute_url(), "label": d.title},
            "intro": _(
                "A decided decision changes only through an amendment; the "
                "reason and every value before and after are kept."
            ),
        },
    )


class ActionEditView(OnBoard, ObjectEditView):
    model = Action
    form_class = ActionForm

    def form_kwargs(self, request, obj) -> dict:
        return {"board": self.board}

    def get_initial(self, request, obj) -> dict:
        if obj is not None:
            return {}
        return self.ids_from_query(request, "decision", "parent")

    def save(self, request, form):
        return services.save_action(form.save(commit=False), request.user)

    def title(self, obj) -> str:
        return _("Edit action") if obj else _("New action")


class MilestoneEditView(OnBoard, ObjectEditView):
    model = Milestone
    form_class = MilestoneForm
    parent_model = Action
    parent_attr = "action"
    board_path = "action__board"
    lookup = "item"

    def title(self, obj) -> str:
        return _("Add a milestone") if obj is None else _("Edit milestone")


class MilestoneDeleteView(OnBoard, ObjectDeleteView):
    model = Milestone
    parent_model = Action
    parent_attr = "action"
    board_path = "action__board"
    lookup = "item"

    def success_url(self, request, obj) -> str:
        return self.parent.get_absolute_url()


@board_access(MANAGE)
def attendance_roll(request, board, pk):
    """The whole roll in one form, editable until the minutes are approved."""
    m = get_object_or_404(Meeting, pk=pk, board=board)
    if not m.roll_open:
        messages.error(
            request, _("The minutes of this meeting are approved; the attendance roll is final.")
        )
        return redirect(m.get_absolute_url())
    form = RollForm(request.POST or None, lines=services.roll(m))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.record_roll(m, request.user, form.entries())
            messages.success(
                request,
                _("Attendance saved (%(count)d lines changed).") % {"count": changed},
            )
            return redirect(m.get_absolute_url())
        except services.TransitionRefused as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "board/roll.html",
        {"board": board, "meeting": m, "form": form, "quorum": services.quorum(m)},
    )

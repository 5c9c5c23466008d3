"""Pages of the board workspace. Who may do what is decided in services (can_view, can_manage…)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from i4region.core.exports import csv_response

from . import exports, services
from .forms import (
    ActionForm,
    AgendaItemForm,
    AmendmentForm,
    AttendanceForm,
    BoardForm,
    ChallengeForm,
    CommentForm,
    DecisionForm,
    DocumentForm,
    EvidenceForm,
    FounderForm,
    MeetingForm,
    MembershipForm,
    MilestoneForm,
    MinutesForm,
    ProgressForm,
    ProposalForm,
    ProposalStateForm,
    VoteForm,
)
from .models import (
    Action,
    ActionStatus,
    Board,
    Challenge,
    Decision,
    DecisionStatus,
    Meeting,
    Membership,
    MinutesStatus,
    Proposal,
    Sector,
)

VIEW, PARTICIPATE, MANAGE = "view", "participate", "manage"


def board_access(level: str = VIEW):
    """Load the board from the URL; anonymous → login, no right on this board → 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            board = get_object_or_404(Board, slug=slug)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            allowed = {
                VIEW: services.can_view,
                PARTICIPATE: services.can_participate,
                MANAGE: services.can_manage,
            }[level](request.user, board)
            if not allowed:
                raise PermissionDenied
            return view(request, board, *args, **kwargs)

        return wrapped

    return decorator


def _lang(request) -> str:
    return (getattr(request, "LANGUAGE_CODE", "lt") or "lt")[:2]


def _form_page(request, board, form, title: str, back, intro: str = ""):
    """One template for every form; `back` is a URL name or a record with get_absolute_url."""
    url = reverse(back) if isinstance(back, str) else back.get_absolute_url()
    return render(
        request,
        "board/form.html",
        {"board": board, "form": form, "title": title, "back": url, "intro": intro},
    )


def _refused(request, exc) -> None:
    messages.error(request, str(exc))


# --------------------------------------------------------------------------- overview pages


def index(request):
    """Every board: the public pages for everyone, the workspaces for those who may open them."""
    mine = set(services.boards_for(request.user).values_list("pk", flat=True))
    boards = Board.objects.select_related("parent", "region").prefetch_related("founders")
    return render(
        request,
        "board/index.html",
        {
            "boards": [b for b in boards if b.published or b.pk in mine],
            "mine": mine,
            "can_manage": services.can_manage(request.user),
        },
    )


@board_access()
def workspace(request, board):
    today = timezone.localdate()
    return render(
        request,
        "board/workspace.html",
        {
            "board": board,
            "members": services.current_members(board).select_related("user"),
            "former": board.memberships.filter(ended_on__lt=today),
            "meetings": board.meetings.all(),
            "challenges": board.challenges.all(),
            "proposals": board.proposals.select_related("challenge", "proposer_membership"),
            "decisions": board.decisions.select_related("meeting", "proposal"),
            "actions": board.actions.filter(parent=None).prefetch_related("children"),
            "can_manage": services.can_manage(request.user),
            "can_participate": services.can_participate(request.user, board),
            "tables": (
                exports.TABLE_NAMES
                if services.can_manage(request.user)
                else exports.PUBLIC_TABLE_NAMES
            ),
            "composition_chart": services.composition_chart(board, _lang(request)),
            "composition": _composition_rows(board),
        },
    )


def _composition_rows(board):
    years, counts = services.composition(board)
    labels = dict(Sector.choices)
    return {"years": years, "rows": [(labels[s], row) for s, row in counts.items()]}


def public(request, slug):
    """The transparency page: composition, approved minutes and decisions, action progress."""
    board = get_object_or_404(Board, slug=slug, published=True)
    decisions = services.public_decisions(board).select_related("meeting", "proposal")
    actions = services.public_actions(board)
    trails = [(d, services.timeline(d, public=True)) for d in decisions]
    return render(
        request,
        "board/public.html",
        {
            "board": board,
            "members": services.current_members(board),
            "meetings": services.public_meetings(board).prefetch_related("agenda_items"),
            "decisions": decisions,
            "trails": trails,
            "actions": actions,
            "challenges": board.challenges.filter(published=True),
            "proposals": board.proposals.filter(published=True),
            "composition_chart": services.composition_chart(board, _lang(request)),
            "composition": _composition_rows(board),
            "tables": exports.PUBLIC_TABLE_NAMES,
        },
    )


def _csv_response(board, name: str, public_only: bool, personal: bool = False) -> HttpResponse:
    table = exports.board_table(name, board, public=public_only, personal=personal)
    if table is None:
        raise Http404(_("There is no table called “%(name)s”.") % {"name": name})
    return csv_response(table, f"{board.slug}-{name}.csv")


def public_csv(request, slug, name):
    board = get_object_or_404(Board, slug=slug, published=True)
    return _csv_response(board, name, public_only=True)


@board_access()
def board_csv(request, board, name):
    return _csv_response(board, name, public_only=False, personal=services.can_manage(request.user))


@board_access()
def history(request, board):
    entries = board.history.select_related("target_type")[:500]
    return render(request, "board/history.html", {"board": board, "entries": entries})


@board_access()
def meetings_ics(request, board):
    body = services.icalendar(
        board,
        board.meetings.prefetch_related("agenda_items"),
        base_url=request.build_absolute_uri("/")[:-1],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{board.slug}-meetings.ics"'
    return response


def my_actions(request):
    """Everything the signed-in person owns, overdue first, and what waits for their digest."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    today = timezone.localdate()
    actions = list(
        Action.objects.filter(owner=request.user)
        .select_related("board", "decision")
        .order_by("due_date", "id")
    )
    for a in actions:
        a.overdue = bool(
            a.due_date
            and a.due_date < today
            and a.status not in (ActionStatus.DONE, ActionStatus.DROPPED)
        )
    actions.sort(key=lambda a: (not a.overdue, a.due_date is None, a.due_date or today))
    pending = list(request.user.board_notifications.filter(sent_at__isnull=True))
    for note in pending:
        note.url = services.in_language(note.path, request.LANGUAGE_CODE) if note.path else ""
    return render(request, "board/my_actions.html", {"actions": actions, "pending": pending})


# --------------------------------------------------------------------------- board profile


def board_create(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.can_manage(request.user):
        raise PermissionDenied
    form = BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        board = services.save_tracked(form.save(commit=False), request.user)
        return redirect("board:workspace", board.slug)
    return _form_page(request, None, form, _("New board or working group"), "board:index")


@board_access(MANAGE)
def board_edit(request, board):
    form = BoardForm(request.POST or None, instance=board)
    if request.method == "POST" and form.is_valid():
        board = services.save_tracked(form.save(commit=False), request.user)
        return redirect("board:workspace", board.slug)
    return _form_page(request, board, form, _("Edit the board profile"), board)


@board_access(MANAGE)
def founder_add(request, board):
    form = FounderForm(request.POST or None)
    form.instance.board = board
    if request.method == "POST" and form.is_valid():
        services.save_tracked(form.save(commit=False), request.user)
        return redirect("board:workspace", board.slug)
    return _form_page(request, board, form, _("Add a founder"), board)


@board_access(MANAGE)
def member_edit(request, board, pk=None):
    seat = get_object_or_404(Membership, pk=pk, board=board) if pk else Membership(board=board)
    form = MembershipForm(request.POST or None, instance=seat)
    if request.method == "POST" and form.is_valid():
        services.save_tracked(form.save(commit=False), request.user)
        return redirect("board:workspace", board.slug)
    return _form_page(
        request, board, form, _("Edit membership") if pk else _("Add a member"), board
    )


# --------------------------------------------------------------------------- meetings


@board_access()
def meeting(request, board, pk):
    m = get_object_or_404(Meeting, pk=pk, board=board)
    items = list(m.agenda_items.all())
    return render(
        request,
        "board/meeting.html",
        {
            "board": board,
            "meeting": m,
            "agenda": services.agenda_tree(items),
            "attendance": m.attendance.select_related("membership"),
            "quorum": services.quorum(m),
            "decisions": m.decisions.select_related("proposal", "agenda_item"),
            "comments": services.comments_on(m),
            "comment_form": CommentForm(),
            "history": services.history_of(m)[:50],
            "can_manage": services.can_manage(request.user),
            "can_comment": (
                services.can_participate(request.user, board)
                and m.minutes_status != MinutesStatus.APPROVED
            ),
        },
    )


@board_access(MANAGE)
def meeting_edit(request, board, pk=None):
    m = get_object_or_404(Meeting, pk=pk, board=board) if pk else Meeting(board=board)
    form = MeetingForm(request.POST or None, instance=m)
    if request.method == "POST" and form.is_valid():
        m = services.save_tracked(form.save(commit=False), request.user)
        return redirect("board:meeting", board.slug, m.pk)
    return _form_page(request, board, form, _("Edit meeting") if pk else _("New meeting"), board)


@board_access(MANAGE)
def minutes_edit(request, board, pk):
    m = get_object_or_404(Meeting, pk=pk, board=board)
    if m.minutes_status == MinutesStatus.APPROVED:
        messages.error(request, _("These minutes are approved and can no longer be edited."))
        return redirect("board:meeting", board.slug, m.pk)
    form = MinutesForm(request.POST or None, instance=m)
    if request.method == "POST" and form.is_valid():
        services.save_tracked(form.save(commit=False), request.user)
        return redirect("board:meeting", board.slug, m.pk)
    return _form_page(request, board, form, _("Minutes of %(meeting)s") % {"meeting": m.title}, m)


@require_POST
@board_access(MANAGE)
def minutes_status(request, board, pk):
    m = get_object_or_404(Meeting, pk=pk, board=board)
    try:
        services.set_minutes_status(m, request.user, request.POST.get("status", ""))
        messages.success(
            request, _("Minutes: %(status)s.") % {"status": m.get_minutes_status_display()}
        )
    except (services.TransitionRefused, ValueError) as exc:
        _refused(request, exc)
    return redirect("board:meeting", board.slug, m.pk)


def _meeting_part(request, board, pk, form_class, title):
    m = get_object_or_404(Meeting, pk=pk, board=board)
    form = (
        form_class(request.POST or None, meeting=m)
        if form_class is not DocumentForm
        else (form_class(request.POST or None))
    )
    form.instance.meeting = m
    if request.method == "POST" and form.is_valid():
        services.save_tracked(form.save(commit=False), request.user)
        return redirect("board:meeting", board.slug, m.pk)
    return _form_page(request, board, form, f"{title}: {m.title}", m)


@board_access(MANAGE)
def agenda_add(request, board, pk):
    return _meeting_part(request, board, pk, AgendaItemForm, _("Add an agenda item"))


@board_access(MANAGE)
def attendance_add(request, board, pk):
    return _meeting_part(request, board, pk, AttendanceForm, _("Record attendance"))


@board_access(MANAGE)
def document_add(request, board, pk):
    return _meeting_part(request, board, pk, DocumentForm, _("Add a document"))


# --------------------------------------------------------------------------- challenges


@board_access()
def challenge(request, board, pk):
    c = get_object_or_404(Challenge, pk=pk, board=board)
    lang = _lang(request)
    return render(
        request,
        "board/challenge.html",
        {
            "board": board,
            "challenge": c,
            "evidence": [
                services.evidence_view(e, lang)
                for e in c.evidence.select_related("indicator", "region")
            ],
            "proposals": c.proposals.all(),
            "timeline": services.timeline(c),
            "comments": services.comments_on(c),
            "comment_form": CommentForm(),
            "history": services.history_of(c)[:50],
            "can_manage": services.can_manage(request.user),
            "can_comment": services.can_participate(request.user, board),
        },
    )


@board_access(MANAGE)
def challenge_edit(request, board, pk=None):
    c = get_object_or_404(Challenge, pk=pk, board=board) if pk else Challenge(board=board)
    form = ChallengeForm(request.POST or None, instance=c)
    if request.method == "POST" and form.is_valid():
        c = services.save_tracked(form.save(commit=False), request.user)
        return redirect("board:challenge", board.slug, c.pk)
    return _form_page(
        request, board, form, _("Edit challenge") if pk else _("New challenge"), board
    )


@board_access(MANAGE)
def evidence_add(request, board, pk):
    c = get_object_or_404(Challenge, pk=pk, board=board)
    form = EvidenceForm(request.POST or None)
    form.instance.challenge = c
    if request.method == "POST" and form.is_valid():
        services.save_tracked(form.save(commit=False), request.user)
        return redirect("board:challenge", board.slug, c.pk)
    return _form_page(request, board, form, _("Add indicator evidence"), c)


# --------------------------------------------------------------------------- proposals


@board_access()
def proposal(request, board, pk):
    p = get_object_or_404(Proposal, pk=pk, board=board)
    allowed = services.allowed_proposal_states(p, request.user)
    return render(
        request,
        "board/proposal.html",
        {
            "board": board,
            "proposal": p,
            "decisions": p.decisions.select_related("meeting"),
            "timeline": services.timeline(p),
            "state_form": ProposalStateForm(allowed=allowed) if allowed else None,
            "comments": services.comments_on(p),
            "comment_form": CommentForm(),
            "history": services.history_of(p)[:50],
            "can_manage": services.can_manage(request.user),
            "can_comment": services.can_participate(request.user, board),
            "can_edit": _may_edit_proposal(request.user, p),
        },
    )


def _may_edit_proposal(user, p: Proposal) -> bool:
    from .models import ProposalState

    return services.can_manage(user) or (
        p.created_by_id == user.pk and p.state == ProposalState.DRAFT
    )


@board_access(PARTICIPATE)
def proposal_edit(request, board, pk=None):
    """Members file proposals (and edit their own drafts); the secretariat edits any."""
    p = get_object_or_404(Proposal, pk=pk, board=board) if pk else Proposal(board=board)
    if pk and not _may_edit_proposal(request.user, p):
        raise PermissionDenied
    manager = services.can_manage(request.user)
    form = ProposalForm(request.POST or None, instance=p, board=board, manager=manager)
    if not pk and request.GET.get("challenge"):
        form.initial["challenge"] = request.GET["challenge"]
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        if not pk:
            obj.created_by = request.user
            seat = services.active_membership(request.user, board)
            if seat and not obj.proposer_membership_id and not obj.proposer_organisation_name:
                obj.proposer_membership = seat
        services.save_tracked(obj, request.user)
        form.save_m2m()
        return redirect("board:proposal", board.slug, obj.pk)
    return _form_page(request, board, form, _("Edit proposal") if pk else _("New proposal"), board)


@require_POST
@board_access(PARTICIPATE)
def proposal_state(request, board, pk):
    p = get_object_or_404(Proposal, pk=pk, board=board)
    allowed = services.allowed_proposal_states(p, request.user)
    if not allowed:
        raise PermissionDenied
    form = ProposalStateForm(request.POST, allowed=allowed)
    if form.is_valid():
        try:
            services.transition_proposal(
                p, request.user, form.cleaned_data["state"], form.cleaned_data["answer"]
            )
            messages.success(
                request, _("The proposal is now “%(state)s”.") % {"state": p.get_state_display()}
            )
        except services.TransitionRefused as exc:
            _refused(request, exc)
    else:
        messages.error(request, _("Choose one of the states offered."))
    return redirect("board:proposal", board.slug, p.pk)


# --------------------------------------------------------------------------- decisions


@board_access()
def decision(request, board, pk):
    d = get_object_or_404(Decision, pk=pk, board=board)
    seat = services.can_vote(request.user, d)
    mine = d.votes.filter(membership=seat).first() if seat else None
    return render(
        request,
        "board/decision.html",
        {
            "board": board,
            "decision": d,
            "quorum": services.quorum(d.meeting),
            "actions": d.actions.filter(parent=None).prefetch_related("children"),
            "amendments": d.amendments.select_related("created_by", "meeting"),
            "timeline": services.timeline(d),
            "vote_form": VoteForm(initial={"choice": mine.choice if mine else None})
            if seat
            else None,
            "comments": services.comments_on(d),
            "comment_form": CommentForm(),
            "history": services.history_of(d)[:50],
            "can_manage": services.can_manage(request.user),
            "can_comment": services.can_participate(request.user, board),
        },
    )


@board_access(MANAGE)
def decision_edit(request, board, pk=None):
    d = get_object_or_404(Decision, pk=pk, board=board) if pk else Decision(board=board)
    if d.status == DecisionStatus.APPROVED:
        messages.info(request, _("This decision is approved: change it with an amendment."))
        return redirect("board:decision_amend", board.slug, d.pk)
    form = DecisionForm(request.POST or None, instance=d, board=board)
    if not pk:
        for key in ("proposal", "meeting", "agenda_item"):
            if request.GET.get(key):
                form.initial[key] = request.GET[key]
        proposal_id = request.GET.get("proposal")
        p = board.proposals.filter(pk=proposal_id).first() if proposal_id else None
        if p is not None:
            form.initial.setdefault("title", p.title)
        form.initial.setdefault("method", board.decision_method)
    if request.method == "POST" and form.is_valid():
        try:
            d = services.save_decision(form.save(commit=False), request.user)
            return redirect("board:decision", board.slug, d.pk)
        except services.TransitionRefused as exc:
            form.add_error(None, str(exc))
    return _form_page(
        request, board, form, _("Edit decision") if pk else _("Record a decision"), board
    )


@require_POST
@board_access(MANAGE)
def decision_approve(request, board, pk):
    d = get_object_or_404(Decision, pk=pk, board=board)
    try:
        services.approve_decision(d, request.user)
        messages.success(request, _("The decision is approved."))
    except services.TransitionRefused as exc:
        _refused(request, exc)
    return redirect("board:decision", board.slug, d.pk)


@board_access(MANAGE)
def decision_amend(request, board, pk):
    d = get_object_or_404(Decision, pk=pk, board=board, status=DecisionStatus.APPROVED)
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
            return redirect("board:decision", board.slug, d.pk)
        except services.TransitionRefused as exc:
            form.add_error(None, str(exc))
    return _form_page(
        request,
        board,
        form,
        _("Amend decision: %(title)s") % {"title": d.title},
        d,
        intro=_(
            "An approved decision changes only through an amendment; the "
            "reason and every value before and after are kept."
        ),
    )


@require_POST
@board_access(PARTICIPATE)
def decision_vote(request, board, pk):
    d = get_object_or_404(Decision, pk=pk, board=board)
    if services.can_vote(request.user, d) is None:
        raise PermissionDenied
    form = VoteForm(request.POST)
    if form.is_valid():
        services.cast_vote(d, request.user, form.cleaned_data["choice"])
        messages.success(request, _("Your vote is recorded."))
    return redirect("board:decision", board.slug, d.pk)


# --------------------------------------------------------------------------- actions


def action(request, slug, pk):
    """Members and the secretariat read it; its owner reads and updates it even if not a member."""
    board = get_object_or_404(Board, slug=slug)
    a = get_object_or_404(Action, pk=pk, board=board)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.can_view_action(request.user, a):
        raise PermissionDenied
    may_update = services.can_update_progress(request.user, a)
    return render(
        request,
        "board/action.html",
        {
            "board": board,
            "action": a,
            "children": a.children.all(),
            "ancestors": services._ancestors(a)[::-1],
            "milestones": a.milestones.all(),
            "timeline": services.timeline(a),
            "progress_form": ProgressForm(initial={"status": a.status}) if may_update else None,
            "has_children": a.children.exists(),
            "history": services.history_of(a)[:50],
            "can_manage": services.can_manage(request.user),
        },
    )


@board_access(MANAGE)
def action_edit(request, board, pk=None):
    a = get_object_or_404(Action, pk=pk, board=board) if pk else Action(board=board)
    form = ActionForm(request.POST or None, instance=a, board=board)
    if not pk:
        for key in ("decision", "parent"):
            if request.GET.get(key):
                form.initial[key] = request.GET[key]
    if request.method == "POST" and form.is_valid():
        a = services.save_action(form.save(commit=False), request.user)
        return redirect("board:action", board.slug, a.pk)
    return _form_page(request, board, form, _("Edit action") if pk else _("New action"), board)


def action_progress(request, slug, pk):
    board = get_object_or_404(Board, slug=slug)
    a = get_object_or_404(Action, pk=pk, board=board)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.can_update_progress(request.user, a):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("board:action", board.slug, a.pk)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.update_progress(
                a,
                request.user,
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Progress updated."))
        except services.TransitionRefused as exc:
            _refused(request, exc)
    else:
        messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    return redirect("board:action", board.slug, a.pk)


@board_access(MANAGE)
def milestone_add(request, board, pk):
    a = get_object_or_404(Action, pk=pk, board=board)
    form = MilestoneForm(request.POST or None)
    form.instance.action = a
    if request.method == "POST" and form.is_valid():
        services.save_tracked(form.save(commit=False), request.user)
        return redirect("board:action", board.slug, a.pk)
    return _form_page(request, board, form, _("Add a milestone"), a)


# --------------------------------------------------------------------------- comments

COMMENTABLE = {
    "meeting": Meeting,
    "challenge": Challenge,
    "proposal": Proposal,
    "decision": Decision,
}


@require_POST
@board_access(PARTICIPATE)
def comment(request, board, kind, pk):
    model = COMMENTABLE.get(kind)
    if model is None:
        raise Http404
    target = get_object_or_404(model, pk=pk, board=board)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(target, request.user, form.cleaned_data["text"])
            messages.success(request, _("Your comment is added."))
        except services.TransitionRefused as exc:
            _refused(request, exc)
    return redirect(f"board:{kind}", board.slug, target.pk)

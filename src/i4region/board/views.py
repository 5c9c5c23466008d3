"""Pages of the board workspace. Who may do what is decided in services (can_view, can_manage…);
every refusal says why, in the user's language."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from i4region.core.exports import csv_response

from . import exports, services
from .forms import (
    BulkProgressForm,
    CommentForm,
    ProgressForm,
    ProposalStateForm,
)
from .models import (
    Action,
    AttendanceStatus,
    Board,
    Challenge,
    Decision,
    Meeting,
    MinutesStatus,
    Proposal,
    Sector,
)

VIEW, PARTICIPATE, MANAGE = "view", "participate", "manage"
ALLOWED = {VIEW: services.can_view, PARTICIPATE: services.can_participate}


def refuse(request, board: Board | None, level: str = VIEW):
    """403 with the reason: the secretariat's work, or members' only (and why this user is not)."""
    if level == MANAGE:
        raise PermissionDenied(_("Only the board secretariat can do this."))
    raise PermissionDenied(services.refusal(request.user, board))


def board_or_404(request, slug: str) -> Board:
    """The board named in the URL, looked up among those this visitor may know of, before any
    login redirect or refusal: an unpublished board answers exactly as a missing one (404)."""
    return get_object_or_404(Board.objects.visible_to(request.user), slug=slug)


def board_access(level: str = VIEW):
    """Load the board from the URL; anonymous → login, no right on this board → 403 with why."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            board = board_or_404(request, slug)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check = ALLOWED.get(level, services.can_manage)
            if not check(request.user, board):
                refuse(request, board, level)
            return view(request, board, *args, **kwargs)

        return wrapped

    return decorator


def int_param(request, name: str) -> int | None:
    """An optional whole-number query parameter; anything else is a bad request (400)."""
    raw = request.GET.get(name)
    if raw in (None, ""):
        return None
    if not raw.isdigit() or len(raw) > 12:
        raise BadRequest(_("The parameter “%(name)s” must be a whole number.") % {"name": name})
    return int(raw)


def _lang(request) -> str:
    return (getattr(request, "LANGUAGE_CODE", "lt") or "lt")[:2]


def refused(request, exc) -> None:
    messages.error(request, str(exc))


# --------------------------------------------------------------------------- overview pages


def index(request):
    """Every board: the public pages for everyone, the workspaces for those who may open them."""
    mine = set(services.boards_for(request.user).values_list("pk", flat=True))
    boards = Board.objects.select_related("parent", "region").prefetch_related(
        "founders__organisation"
    )
    seatless = services.seatless_reason(request.user)
    return render(
        request,
        "board/index.html",
        {
            "boards": [b for b in boards if b.published or b.pk in mine],
            "mine": mine,
            "can_manage": services.can_manage(request.user),
            "seatless": seatless,
            "contacts": services.secretariat_contacts() if seatless else [],
        },
    )


def _composition_rows(board):
    years, counts = services.composition(board)
    labels = dict(Sector.choices)
    return {"years": years, "rows": [(labels[s], row) for s, row in counts.items()]}


@board_access()
def workspace(request, board):
    today = timezone.localdate()
    manage = services.can_manage(request.user)
    actions = list(
        board.actions.filter(parent=None)
        .select_related("owner", "owner_organisation")
        .prefetch_related("children")
    )
    return render(
        request,
        "board/workspace.html",
        {
            "board": board,
            "members": services.current_members(board).select_related("user", "organisation"),
            "former": board.memberships.filter(ended_on__lt=today),
            "meetings": board.meetings.all(),
            "challenges": board.challenges.all(),
            "proposals": board.proposals.select_related("challenge", "proposer_membership"),
            "decisions": board.decisions.select_related("meeting", "proposal"),
            "actions": actions,
            "overdue": services.open_and_overdue_actions(board, today).overdue,
            "awaiting": services.decisions_awaiting_vote(board),
            "can_manage": manage,
            "can_participate": services.can_participate(request.user, board),
            "tables": exports.TABLE_NAMES if manage else exports.PUBLIC_TABLE_NAMES,
            "composition_chart": services.composition_chart(board, _lang(request)),
            "composition": _composition_rows(board),
            "bulk_form": BulkProgressForm() if manage else None,
        },
    )


def public(request, slug):
    """The transparency page: composition, approved minutes and decisions, action progress."""
    board = get_object_or_404(Board.objects.public(), slug=slug)
    decisions = board.decisions.public().select_related("meeting", "proposal")
    trails = [(d, services.timeline(d, public=True)) for d in decisions]
    return render(
        request,
        "board/public.html",
        {
            "board": board,
            "members": services.current_members(board).select_related("organisation"),
            "meetings": board.meetings.public().prefetch_related("agenda_items"),
            "decisions": decisions,
            "trails": trails,
            "actions": services.public_actions(board),
            "challenges": board.challenges.public(),
            "proposals": board.proposals.public(),
            "composition_chart": services.composition_chart(board, _lang(request)),
            "composition": _composition_rows(board),
            "tables": exports.PUBLIC_TABLE_NAMES,
        },
    )


def _csv_response(board, name: str, public_only: bool, personal: bool = False) -> HttpResponse:
    table = exports.board_table(name, board, public=public_only, personal=personal)
    if table is None:
        raise Http404(_("There is no table called “%(name)s”.") % {"name": name})
    response = csv_response(table, f"{board.slug}-{name}.csv")
    response["Cache-Control"] = "no-store"
    return response


def public_csv(request, slug, name):
    board = get_object_or_404(Board.objects.public(), slug=slug)
    return _csv_response(board, name, public_only=True)


@board_access()
def board_csv(request, board, name):
    return _csv_response(board, name, public_only=False, personal=services.can_manage(request.user))


@board_access()
def history(request, board):
    return render(
        request,
        "board/history.html",
        {"board": board, "history": services.board_history(board)},
    )


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
    actions.sort(key=lambda a: (not a.days_late(today), a.due_date is None, a.due_date or today))
    pending = list(request.user.board_notifications.filter(sent_at__isnull=True))
    for note in pending:
        note.url = services.in_language(note.path, request.LANGUAGE_CODE) if note.path else ""
    return render(
        request,
        "board/my_actions.html",
        {
            "actions": actions,
            "pending": pending,
            "seatless": services.seatless_reason(request.user),
        },
    )


def record_page(request, board, name: str, record, can_comment: bool | None = None, **context):
    """The page of one board record, board/<name>.html, with what every such page shows: the
    record as `name`, its history, whether the user manages the board, and where members discuss
    it (`can_comment`: whether this user may comment now) the comments and the comment form."""
    if can_comment is not None:
        context.update(
            comments=services.comments_on(record),
            comment_form=CommentForm(),
            can_comment=can_comment,
        )
    return render(
        request,
        f"board/{name}.html",
        {
            "board": board,
            name: record,
            "history": services.history_of(record),
            "can_manage": services.can_manage(request.user),
            **context,
        },
    )


# --------------------------------------------------------------------------- meetings


@board_access()
def meeting(request, board, pk):
    m = get_object_or_404(Meeting, pk=pk, board=board)
    return record_page(
        request,
        board,
        "meeting",
        m,
        services.can_participate(request.user, board)
        and m.minutes_status != MinutesStatus.APPROVED,
        agenda=services.agenda_of(m),
        roll=services.roll(m),
        statuses=AttendanceStatus.choices,
        guests=m.attendance.filter(membership=None).select_related("guest_organisation"),
        quorum=services.quorum(m),
        decisions=m.decisions.select_related("proposal", "agenda_item"),
    )


@require_POST
@board_access(MANAGE)
def minutes_status(request, board, pk):
    m = get_object_or_404(Meeting, pk=pk, board=board)
    try:
        services.set_minutes_status(m, request.user, request.POST.get("status", ""))
        messages.success(
            request, _("Minutes: %(status)s.") % {"status": m.get_minutes_status_display()}
        )
    except services.TransitionRefused as exc:
        refused(request, exc)
    return redirect("board:meeting", board.slug, m.pk)


# --------------------------------------------------------------------------- challenges


@board_access()
def challenge(request, board, pk):
    c = get_object_or_404(Challenge, pk=pk, board=board)
    lang = _lang(request)
    return record_page(
        request,
        board,
        "challenge",
        c,
        services.can_participate(request.user, board),
        evidence=[
            services.evidence_view(e, lang)
            for e in c.evidence.select_related("indicator", "region")
        ],
        proposals=c.proposals.all(),
        timeline=services.timeline(c),
    )


# --------------------------------------------------------------------------- proposals


def may_edit_proposal(user, p: Proposal) -> bool:
    return services.can_manage(user) or (
        p.created_by_id == user.pk and p.state == Proposal._meta.get_field("state").default
    )


@board_access()
def proposal(request, board, pk):
    p = get_object_or_404(Proposal, pk=pk, board=board)
    allowed = services.allowed_proposal_states(p, request.user)
    return record_page(
        request,
        board,
        "proposal",
        p,
        services.can_participate(request.user, board),
        decisions=p.decisions.select_related("meeting"),
        timeline=services.timeline(p),
        state_form=ProposalStateForm(allowed=allowed) if allowed else None,
        can_edit=may_edit_proposal(request.user, p),
    )


@require_POST
@board_access(PARTICIPATE)
def proposal_state(request, board, pk):
    p = get_object_or_404(Proposal, pk=pk, board=board)
    allowed = services.allowed_proposal_states(p, request.user)
    if not allowed:
        raise PermissionDenied(_("You may not change the state of this proposal."))
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
            refused(request, exc)
    else:
        messages.error(request, _("Choose one of the states offered."))
    return redirect("board:proposal", board.slug, p.pk)


# --------------------------------------------------------------------------- actions


def action_access(allowed, refusal):
    """Load the board and its action from the URL; anonymous → login; a user for whom
    `allowed(user, action)` is false → 403 with `refusal(user, board)`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, slug, pk):
            board = board_or_404(request, slug)
            a = get_object_or_404(Action, pk=pk, board=board)
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user, a):
                raise PermissionDenied(refusal(request.user, board))
            return view(request, board, a)

        return wrapped

    return decorator


@action_access(services.can_view_action, services.refusal)
def action(request, board, a):
    """Members and the secretariat read it; its owner reads and updates it even if not a member."""
    may_update = services.can_update_progress(request.user, a)
    return record_page(
        request,
        board,
        "action",
        a,
        days_late=a.days_late(),
        children=a.children.all(),
        ancestors=services.ancestors(a)[::-1],
        milestones=a.milestones.all(),
        timeline=services.timeline(a),
        progress_form=ProgressForm(initial={"status": a.status}) if may_update else None,
        has_children=a.children.exists(),
    )


@action_access(
    services.can_update_progress,
    lambda user, board: _("Only the action's owner or the secretariat can update its progress."),
)
def action_progress(request, board, a):
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
            refused(request, exc)
    else:
        messages.error(
            request,
            "; ".join(
                f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}"
                for k, v in form.errors.items()
            ),
        )
    return redirect("board:action", board.slug, a.pk)


@require_POST
@board_access(MANAGE)
def actions_bulk(request, board):
    """Progress of many actions from one CSV (id, progress, status, note): all or nothing."""
    form = BulkProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(board.get_absolute_url() + "#actions-heading")
    count, errors = services.bulk_progress(board, request.user, form.cleaned_data["file"].read())
    if errors:
        messages.error(request, _("Nothing was changed; correct these lines and upload again."))
        for e in errors[:50]:
            messages.error(
                request, _("Line %(line)d: %(message)s") % {"line": e.line, "message": e.message}
            )
    else:
        messages.success(request, _("Progress of %(count)d actions updated.") % {"count": count})
    return redirect(board.get_absolute_url() + "#actions-heading")


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
            refused(request, exc)
    else:
        messages.error(request, " ".join(form.errors.get("text", [])))
    return redirect(f"board:{kind}", board.slug, target.pk)

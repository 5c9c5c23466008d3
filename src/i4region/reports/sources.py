"""The one door from reports into each owning app: one adapter function per service used.

Other apps are being refactored while reports grow; when a service moves, only its adapter here
changes, never a document builder or a template.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

from i4region.regions.models import Region


def _lang() -> str:
    return "lt" if (get_language() or "").startswith("lt") else "en"


def region_profile(region: Region, lang: str) -> dict[str, Any]:
    """The observatory's region profile exactly as the region page shows it (no peers chosen),
    so the report has the same figures and the same chart SVGs as the page, plus the peers
    its ranks are computed among."""
    from i4region.observatory.profile import region_profile as profile
    from i4region.regions.services import peers_of

    return {**profile(region, lang), "peers": peers_of(region)}


def index_scorecard(code: str) -> dict[str, Any] | None:
    """The region's row in the published Industry 4.0 index, or None when the region has none."""
    from i4region.indices import i40, services

    run = services.published_run()
    if run is None or code not in run.results.get("scores", {}):
        return None
    res = run.results
    lt = _lang() == "lt"
    names = {p.code: (p.name_lt if lt else p.name_en) for p in i40.PILLARS}
    pillars = [c for c in res["order"] if res["levels"][c] == 2]
    return {
        "score": res["scores"][code]["Index"],
        "rank": int(res["ranks"][code]["Index"]),
        "ranked": len(res["scores"]),
        "pillars": [
            (names.get(p, p), res["scores"][code][p], int(res["ranks"][code][p])) for p in pillars
        ],
        "source": i40.SOURCE,
        "run": run,
    }


def initiatives_visible_to(user: Any) -> Any:
    """The initiatives this reader may see on the portfolio pages (the initiatives app's rule)."""
    from i4region.initiatives.models import Initiative
    from i4region.initiatives.services import visible_initiatives

    return Initiative.objects.all() if user is None else visible_initiatives(user)


def initiative_factsheet(initiative: Any, user: Any) -> dict[str, Any]:
    """What the initiative's evidence page shows a funder: money by year with gap and runway,
    funding, KPIs with the page's own charts, the sourced facts, and the board decisions behind
    it that this reader may see (the board's publication rule)."""
    from i4region.initiatives.portfolio import factsheet

    return factsheet(initiative, user)


def portfolio_alerts(user: Any, as_of: Any) -> list[dict[str, Any]]:
    """Funding gaps opening within the initiatives app's alert horizon after `as_of`, among the
    initiatives this reader may see, each with its initiative."""
    from i4region.initiatives.services import sustainability

    initiatives = {i.slug: i for i in initiatives_visible_to(user)}
    report, _inputs = sustainability(list(initiatives.values()), as_of=as_of)
    return [{"alert": a, "initiative": initiatives[a.initiative]} for a in report.alerts]


def board_meeting(user: Any, slug: str, meeting: str) -> tuple[Any, Any]:
    """(board, meeting) by the board's slug and the meeting's id, or "next" for the board's next
    meeting; None in place of what does not exist or what this user may not know of (a command,
    user None, sees every board)."""
    from django.utils import timezone

    from i4region.board.models import Board

    boards = Board.objects.all() if user is None else Board.objects.visible_to(user)
    board = boards.filter(slug=slug).first()
    if board is None:
        return None, None
    if meeting == "next":
        found = board.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")
    else:
        found = board.meetings.filter(pk=int(meeting)) if meeting.isdigit() else []
    return board, (found.first() if found else None)


def board_may_view(user: Any, board: Any) -> bool:
    """The board's rule for its internal items: the secretariat and its current members."""
    from i4region.board.services import can_view

    return can_view(user, board)


def board_briefing(board: Any, meeting: Any, day: Any) -> dict[str, Any]:
    """What the members read before `meeting`, from the board's briefing service."""
    from i4region.board import services

    due = services.open_and_overdue_actions(board, day)
    return {
        "agenda": services.agenda_of(meeting),
        "awaiting": list(services.decisions_awaiting_vote(board)),
        "open_actions": due.open,
        "others": [a for a in due.open if a not in due.overdue],
        "overdue": due.overdue,
        "previous": services.previous_meeting(meeting),
        "movements": services.indicator_movement_since_previous_meeting(board, meeting),
    }


def organisation(pk: str) -> Any:
    """The register's organisation with this id, or None."""
    from i4region.stakeholders.models import Organisation

    return Organisation.objects.filter(pk=int(pk)).first() if str(pk).isdigit() else None


def maturity_waves() -> list[str]:
    from i4region.maturity.services import WAVES

    return WAVES


def company_may_see(user: Any, company: Any) -> bool:
    """The maturity app's rule: the company's representatives and the secretariat, nobody else."""
    from i4region.maturity.services import may_see

    return may_see(user, company)


def company_brief(company: Any, wave: str, full: bool) -> dict[str, Any] | None:
    """The maturity result with the page's chart, the disclosure-controlled benchmark (`full`
    for the secretariat, as on the result page) and the benefit brief; None without an answer."""
    from i4region.charts import render
    from i4region.maturity import services

    brief = services.brief(company, wave)
    if brief is None:
        return None
    return {
        "data": brief,
        "chart": render(services.chart_spec(brief)),
        "benchmark": services.benchmark(company, wave, full=full),
    }


def meetings_for_briefing() -> list[Any]:
    """Every board's meetings, the next ones first (the index is the secretariat's desk)."""
    from i4region.board.models import Meeting

    return list(Meeting.objects.select_related("board").order_by("-starts_at"))


def companies_with_answers() -> list[tuple[Any, list[str]]]:
    """Organisations with a submitted self-assessment, with the waves they answered."""
    from i4region.maturity.models import Response, Status

    waves: dict[Any, list[str]] = {}
    rows = Response.objects.filter(status=Status.SUBMITTED).select_related("organisation")
    for r in rows.order_by("organisation__name", "wave"):
        waves.setdefault(r.organisation, []).append(r.wave)
    return list(waves.items())

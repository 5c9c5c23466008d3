"""The report builders: each turns its options into a Report, refusing what the reader may not see.

``user`` is the reader. The command line passes None: it is run by the operator of the instance,
who already holds the whole database, so nothing is withheld there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from i4region.regions.models import Region

from . import sources
from .render import Report, ReportInputError


def region_profile(user: Any, region: str) -> Report:
    """The observatory's profile of any region: public, like the region page."""
    code = (region or "").strip()
    found = (
        Region.objects.filter(code=code).first() or Region.objects.filter(code=code.upper()).first()
    )
    if found is None:
        raise ReportInputError(_("There is no region with the code “%(code)s”.") % {"code": code})
    lang = translation.get_language()[:2]
    profile = sources.region_profile(found, lang)
    releases: dict[str, set[str]] = {}
    figures = [h.latest for h in profile["headlines"]] + profile["population_rows"]
    figures += [f for f in [profile["area"]] + [m for _r, m in profile["municipalities"]] if f]
    for f in figures:
        releases.setdefault(f.dataset, set()).add(f.release)
    peers = profile["peers"]
    return Report(
        kind="region-profile",
        template="reports/region_profile.html",
        title=_("Region profile: %(name)s") % {"name": found.display_name},
        filename=f"region-profile-{found.code}-{lang}",
        context={
            **profile,
            "region": found,
            "ancestors": _distinct_names(found.ancestors()),
            "scorecard": profile["index_region"]
            and sources.index_scorecard(profile["index_region"].code),
            "peers": peers,
            "peer_names": ", ".join(r.display_name for r in peers),
        },
        releases=[f"{name} ({', '.join(sorted(v))})" for name, v in sorted(releases.items())],
    )


def initiative(user: Any, slug: str) -> Report:
    """A funder's factsheet: what the initiative's evidence page shows, on paper."""
    found = sources.initiatives_visible_to(user).filter(slug=(slug or "").strip()).first()
    if found is None:
        raise ReportInputError(_("There is no initiative “%(slug)s”.") % {"slug": slug})
    sheet = sources.initiative_factsheet(found, user)
    values = [v for row in sheet["kpi_rows"] for v in row["values"]]
    urls = [x.source_url for x in [*sheet["budget"], *sheet["funding"], *sheet["facts"], *values]]
    return Report(
        kind="initiative",
        template="reports/initiative.html",
        title=_("Initiative factsheet: %(name)s") % {"name": found.name},
        filename=f"initiative-{found.slug}-{translation.get_language()[:2]}",
        context={**sheet, "initiative": found},
        releases=sorted({urlsplit(u).netloc for u in urls if u}),
        releases_label=_("Sources:"),
        sample=found.is_sample,
    )


def board_briefing(user: Any, board: str, meeting: str) -> Report:
    """For the members before a meeting; refused to anyone who may not see the board's items."""
    found, session = sources.board_meeting(user, (board or "").strip(), str(meeting or "").strip())
    if found is None:
        raise ReportInputError(_("There is no board “%(board)s”.") % {"board": board})
    if session is None and meeting == "next":
        raise ReportInputError(
            _("The board “%(board)s” has no upcoming meeting.") % {"board": found.slug}
        )
    if session is None:
        raise ReportInputError(
            _("The board “%(board)s” has no meeting “%(meeting)s”.")
            % {"board": found.slug, "meeting": meeting}
        )
    if user is not None and not sources.board_may_view(user, found):
        raise PermissionDenied(
            _("A board briefing is for the board's members and the secretariat.")
        )
    data = sources.board_briefing(found, session, timezone.localdate())
    alerts = sources.portfolio_alerts(user, timezone.localtime(session.starts_at).date())
    releases: dict[str, set[str]] = {}
    for m in data["movements"]:
        name = f"{m.indicator.publisher or 'Eurostat'} {m.indicator.source_dataset or m.indicator.code}"
        releases.setdefault(name, set()).add(m.latest.vintage)
    records = [found, session, *data["awaiting"], *data["open_actions"]]
    return Report(
        kind="board-briefing",
        template="reports/board_briefing.html",
        title=_("Board briefing: %(meeting)s") % {"meeting": session.title},
        filename=f"board-briefing-{found.slug}-{session.pk}-{translation.get_language()[:2]}",
        context={**data, "board": found, "meeting": session, "alerts": alerts},
        releases=[f"{name} ({', '.join(sorted(v))})" for name, v in sorted(releases.items())],
        sample=any(getattr(r, "is_sample", False) for r in records),
    )


def company_brief(user: Any, organisation: str, wave: str) -> Report:
    """Confidential: only the company's representatives and the secretariat may read it."""
    company = sources.organisation(organisation)
    if company is None:
        raise ReportInputError(
            _("There is no organisation with the id “%(id)s”.") % {"id": organisation}
        )
    if user is not None and not sources.company_may_see(user, company):
        raise PermissionDenied(
            _("A company brief is for the company's representatives and the secretariat.")
        )
    waves = sources.maturity_waves()
    if wave not in waves:
        raise ReportInputError(
            _("The wave must be one of %(waves)s, not “%(wave)s”.")
            % {"waves": ", ".join(waves), "wave": wave}
        )
    full = user is not None and user.has_role("secretariat")
    content = sources.company_brief(company, wave, full)
    if content is None:
        raise ReportInputError(
            _("%(name)s has no submitted self-assessment in wave %(wave)s.")
            % {"name": company.name, "wave": wave}
        )
    data = content["data"]
    return Report(
        kind="company-brief",
        template="reports/company_brief.html",
        title=_("Company brief: %(name)s, %(wave)s") % {"name": company.name, "wave": wave},
        filename=f"company-brief-{company.pk}-{wave}-{translation.get_language()[:2]}",
        context={**content, "company": company, "secretariat_sees_hidden": full},
        releases=[f"{data['model'].upper()} {data['version']}, {data['wave']} ({data['date']})"],
        releases_label=_("Self-assessment:"),
        sample=bool(data["is_sample"] or company.is_sample),
    )


def home_regions() -> list[dict[str, str]]:
    """The home country and its NUTS 2 and 3 regions, for the batch of profiles."""
    from i4region.regions.services import home_country, regions_of_home_country

    country = home_country()
    found = ([country] if country else []) + [
        r for level in (2, 3) for r in regions_of_home_country(level)
    ]
    return [{"region": r.code} for r in found]


def all_initiatives() -> list[dict[str, str]]:
    """Every initiative, for the batch of factsheets."""
    return [{"slug": i.slug} for i in sources.initiatives_visible_to(None).order_by("slug")]


def _distinct_names(regions: list[Region]) -> list[Region]:
    """Ancestors without repeats of a name (Lithuania is both the country and its NUTS 1)."""
    seen: set[str] = set()
    return [r for r in regions if not (r.display_name in seen or seen.add(r.display_name))]


def catalogue(user: Any) -> dict[str, Any]:
    """What the index page offers: every kind of report and the items it can be produced for."""
    home = Region.objects.filter(code=settings.I4REGION_HOME_REGION).first()
    return {
        "regions": [home, *home.ancestors()[::-1]] if home else [],
        "initiatives": sources.initiatives_visible_to(user).order_by("slug"),
        "meetings": sources.meetings_for_briefing(),
        "companies": sources.companies_with_answers(),
    }


#: kind → (builder, the options it takes); the command and the URLs are built from this.
BUILDERS: dict[str, Callable[..., Report]] = {
    "region-profile": region_profile,
    "initiative": initiative,
    "board-briefing": board_briefing,
    "company-brief": company_brief,
}

#: kinds that `--all` produces for every item, with the list of their options.
BATCHES: dict[str, Callable[[], list[dict[str, str]]]] = {
    "initiative": all_initiatives,
    "region-profile": home_regions,
}


def build(kind: str, lang: str, user: Any, **options: Any) -> Report:
    """Build one report in one language."""
    with translation.override(lang):
        return BUILDERS[kind](user, **options)

"""The capabilities of DESIGN.md, in menu order, with whether each is built yet.

A capability whose `url_name` is None is shown in the menu as "not built yet" and leads to a page
that says so plainly; when an app lands it sets its url name here.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Capability:
    slug: str
    title: str
    summary: str
    url_name: str | None
    signed_in: bool = False  # shown only to signed-in users


CAPABILITIES: tuple[Capability, ...] = (
    Capability(
        "observatory",
        _("Observatory"),
        _("Regional statistics with sources, comparisons and maps."),
        "observatory:indicators",
    ),
    Capability(
        "index",
        _("Industry 4.0 index"),
        _("A composite readiness index with uncertainty and sensitivity analysis."),
        "indices:ranking",
    ),
    Capability(
        "board",
        _("Board workspace"),
        _("Challenges, proposals, decisions and tracked actions."),
        "board:index",
    ),
    Capability(
        "initiatives",
        _("Initiatives and funding"),
        _("The portfolio with budgets, funding, gaps and results."),
        "initiatives:dashboard",
    ),
    Capability(
        "stakeholders",
        _("Stakeholders"),
        _("Organisations, relations, key actors and who does what."),
        "stakeholders:organisations",
    ),
    Capability(
        "strategy",
        _("Strategy"),
        _("The regional strategy: priorities, measures, who contributes and the talent path."),
        "strategy:index",
    ),
    Capability(
        "maturity",
        _("Maturity self-assessment"),
        _("Companies score their Industry 4.0 maturity against regional peers."),
        "maturity:index",
    ),
    Capability(
        "reports",
        _("Reports"),
        _("Board briefing, region profile and factsheets as PDF and HTML."),
        "reports:index",
    ),
    Capability(
        "transfer",
        _("Transfer"),
        _("Set up another European region and move a whole instance."),
        "transfer:guide",
    ),
    Capability(
        "jobs",
        _("Jobs"),
        _("Imports and other long work running in the background, with progress and report."),
        "jobs:list",
        signed_in=True,
    ),
)


def capability(slug: str) -> Capability | None:
    return next((c for c in CAPABILITIES if c.slug == slug), None)

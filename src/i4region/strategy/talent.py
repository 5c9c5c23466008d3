"""The talent path: primary school → informal STEAM → secondary and vocational → higher education and
R&D → companies, with who works at each stage, what they do, how many take part, the measures of
the strategy that serve it, and the region's context indicators.

The stages are data (`data/talent_path.json`, or the file the `I4REGION_TALENT_PATH` setting names),
so another region edits its own path without touching code. The file is checked when read: an
unknown code is reported with the stage and key at fault instead of silently matching nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from i4region.core.bilingual import paired
from i4region.initiatives.models import Initiative, KpiValue
from i4region.observatory.models import Indicator
from i4region.observatory.services import series
from i4region.regions.services import home_region
from i4region.stakeholders.models import Activity, Organisation, OrgType, TargetGroup, Theme

from . import services
from .models import LinkKind, MeasureLink

BUNDLED = resources.files("i4region.strategy") / "data" / "talent_path.json"
RULE_KEYS = {
    "theme": set(Theme.values),
    "target_group": set(TargetGroup.values),
    "organisation_type": set(OrgType.values),
}
STAGE_KEYS = {
    "code",
    "name_en",
    "name_lt",
    "description_en",
    "description_lt",
    "activities",
    "initiatives",
    "participant_kpis",
    "indicators",
}


@dataclass(frozen=True)
class Stage:
    code: str
    name_en: str
    name_lt: str
    description_en: str
    description_lt: str
    activities: tuple[dict[str, tuple[str, ...]], ...]
    initiatives: tuple[str, ...]
    participant_kpis: tuple[str, ...]
    indicators: tuple[str, ...]

    name = paired("name")
    description = paired("description")

    def matches(self, activity: Activity) -> bool:
        values = {
            "theme": activity.theme,
            "target_group": activity.target_group,
            "organisation_type": activity.organisation.type,
        }
        return any(
            all(values[k] in allowed for k, allowed in rule.items()) for rule in self.activities
        )


def _problem(where: str, message: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"talent path, {where}: {message}")


def parse(data: dict) -> tuple[int, list[Stage]]:
    """The context level and the stages of a talent-path file, checked."""
    stages, codes = [], set()
    for n, raw in enumerate(data.get("stages") or [], start=1):
        where = f"stage {n} ({raw.get('code', '?')})"
        unknown = set(raw) - STAGE_KEYS
        if unknown:
            raise _problem(where, f"unknown keys {sorted(unknown)}")
        if not raw.get("code") or raw["code"] in codes:
            raise _problem(where, "every stage needs its own code")
        codes.add(raw["code"])
        rules = []
        for rule in raw.get("activities", []):
            for key, values in rule.items():
                if key not in RULE_KEYS:
                    raise _problem(where, f"a rule names {key!r}; use {sorted(RULE_KEYS)}")
                wrong = set(values) - RULE_KEYS[key]
                if wrong:
                    raise _problem(where, f"unknown {key} codes {sorted(wrong)}")
            rules.append({k: tuple(v) for k, v in rule.items()})
        stages.append(
            Stage(
                code=raw["code"],
                name_en=raw.get("name_en", raw["code"]),
                name_lt=raw.get("name_lt", raw.get("name_en", raw["code"])),
                description_en=raw.get("description_en", ""),
                description_lt=raw.get("description_lt", ""),
                activities=tuple(rules),
                initiatives=tuple(raw.get("initiatives", [])),
                participant_kpis=tuple(raw.get("participant_kpis", [])),
                indicators=tuple(raw.get("indicators", [])),
            )
        )
    if not stages:
        raise _problem("file", "no stages")
    return int(data.get("context_level", 2)), stages


def load_stages() -> tuple[int, list[Stage]]:
    own = getattr(settings, "I4REGION_TALENT_PATH", "")
    text = Path(own).read_text(encoding="utf-8") if own else BUNDLED.read_text(encoding="utf-8")
    return parse(json.loads(text))


@dataclass
class ContextValue:
    code: str
    indicator: Indicator | None
    period: str = ""
    value: float | None = None


@dataclass
class StageView:
    stage: Stage
    organisations: list[Organisation] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    participants: list[KpiValue] = field(default_factory=list)
    links: list[MeasureLink] = field(default_factory=list)
    context: list[ContextValue] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """No actor works at this stage: a gap of the path."""
        return not self.organisations


def context_region(level: int):
    """The region of that NUTS level that contains the home region (LT02 for LT025)."""
    region = home_region()
    chain = [*region.ancestors(), region] if region else []
    return next((r for r in chain if r.kind == "nuts" and r.level == level), None)


def _context(codes: tuple[str, ...], region) -> list[ContextValue]:
    found = {i.code: i for i in Indicator.objects.filter(code__in=codes, published=True)}
    out = []
    for code in codes:
        indicator = found.get(code)
        item = ContextValue(code, indicator)
        if indicator is not None and region is not None:
            points = [p for p in series(indicator, region) if p.value is not None]
            if points:
                item.period, item.value = points[-1].period, points[-1].value
        out.append(item)
    return out


def talent_path(user) -> tuple[list[StageView], object]:
    """Each stage as this user may see it, and the region its context indicators describe."""
    level, stages = load_stages()
    region = context_region(level)
    activities = list(services.visible_records(Activity, user).select_related("organisation"))
    initiatives = {
        i.slug: i
        for i in Initiative.objects.visible_to(user)
        .select_related("owner_organisation")
        .prefetch_related("partners")
    }
    orgs = set(Organisation.objects.visible_to(user).values_list("pk", flat=True))
    links = services.visible_links(
        user, MeasureLink.objects.filter(kind__in=(LinkKind.INITIATIVE, LinkKind.ACTIVITY))
    )
    views = []
    for stage in stages:
        view = StageView(stage)
        view.activities = [a for a in activities if stage.matches(a)]
        view.initiatives = [initiatives[s] for s in stage.initiatives if s in initiatives]
        people: dict[int, Organisation] = {}
        for a in view.activities:
            people.setdefault(a.organisation_id, a.organisation)
        for ini in view.initiatives:
            for org in [ini.owner_organisation, *ini.partners.all()]:
                if org is not None:
                    people.setdefault(org.pk, org)
        view.organisations = sorted(
            (o for pk, o in people.items() if pk in orgs), key=lambda o: o.name
        )
        view.participants = _participants(view.initiatives, stage.participant_kpis)
        served = {a.pk for a in view.activities}, {i.pk for i in view.initiatives}
        view.links = [
            link
            for link in links
            if (link.activity_id in served[0]) or (link.initiative_id in served[1])
        ]
        view.context = _context(stage.indicators, region)
        views.append(view)
    return views, region


def _participants(initiatives: list[Initiative], codes: tuple[str, ...]) -> list[KpiValue]:
    """The latest recorded value of each participant KPI of the stage's initiatives."""
    latest: dict[int, KpiValue] = {}
    values = KpiValue.objects.filter(kpi__initiative__in=initiatives, kpi__code__in=codes)
    for value in values.select_related("kpi__initiative").order_by("period"):
        latest[value.kpi_id] = value
    return list(latest.values())

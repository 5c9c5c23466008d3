"""Maturity operations shared by the pages, the commands, the API and the reports.

`result`, `benchmark`, `progress` and `brief` return plain data (dicts, lists, numbers, strings)
for an organisation and wave, so the company-brief PDF is built from exactly what the pages show.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from i4region.accounts.models import Role
from i4region.compute.maturity import THRESHOLD, band_of, score_answers
from i4region.compute.maturity.aggregates import peer_benchmark, regional
from i4region.core import history
from i4region.initiatives.models import Initiative
from i4region.regions.models import Region
from i4region.stakeholders.models import Activity, Organisation, SizeClass

from . import definitions
from .models import Response, Score, Status, Wave

WAVES = [w.value for w in Wave]


def lang() -> str:
    return (get_language() or "lt")[:2]


def label(texts: dict[str, str]) -> str:
    """A definition file's {en, lt} label in the active language."""
    return texts.get(lang()) or texts["en"]


def represents(user, organisation: Organisation) -> bool:
    """The user is one of the company's representatives in the register."""
    if user is None or not user.is_authenticated:
        return False
    return organisation.representatives.filter(pk=user.pk).exists()


def may_see(user, organisation: Organisation) -> bool:
    """A company sees its own responses and results; the secretariat sees all; nobody else."""
    return bool(user.is_authenticated and user.has_role(Role.SECRETARIAT)) or represents(
        user, organisation
    )


def start(organisation: Organisation, model: str, wave: str, user, **profile) -> Response:
    """The company's response for this model and wave: the existing one, or a new draft with the
    current model version and the company profile from the register (or as given)."""
    existing = Response.objects.filter(organisation=organisation, model=model, wave=wave).first()
    if existing:
        return existing
    size = profile.get("size_class") or organisation.size_class
    nace = profile.get("nace_code") or organisation.nace_code
    if not size or not nace:
        raise ValidationError(
            _("%(name)s has no size class or NACE code in the register: give them here.")
            % {"name": organisation.name}
        )
    return new_response(
        organisation,
        model,
        respondent=user,
        on_behalf=not represents(user, organisation),
        wave=wave,
        date=timezone.localdate(),
        size_class=size,
        nace_code=nace,
    )


def new_response(organisation: Organisation, model: str, **fields) -> Response:
    """A new response with the model's current version, the company's place and sample flag
    from the register, and the other `fields` as given (the page's start and the import)."""
    municipality = organisation.municipality
    return Response.objects.create(
        organisation=organisation,
        model=model,
        version=definitions.current(model).version,
        municipality=municipality,
        region=organisation.region or (municipality.parent if municipality else None),
        is_sample=organisation.is_sample,
        **fields,
    )


def spec_of(response: Response):
    """The definition the response was answered with (never a newer version)."""
    return definitions.spec(response.model, response.version)


def missing_items(response: Response) -> list[str]:
    return [c for c in spec_of(response).item_codes if c not in response.answers]


def score(response: Response) -> list[Score]:
    """Score a complete response with its own version and store the scores with that version.

    Dimensions are banded on the same cut-offs as the overall score (both share one scale)."""
    spec = spec_of(response)
    result = score_answers(spec, response.answers)
    response.scores.all().delete()
    rows = [
        Score(
            response=response,
            scored_with=spec.key,
            dimension=code,
            value=value,
            band=str(band_of(spec, value)),
        )
        for code, value in result["dimensions"].items()
    ]
    rows.append(
        Score(
            response=response,
            scored_with=spec.key,
            dimension="overall",
            value=result["overall"],
            band=result["band"],
        )
    )
    return Score.objects.bulk_create(rows)


@transaction.atomic
def submit(response: Response, when: dt.datetime | None = None) -> Response:
    """Close a complete draft and score it; an incomplete one is refused naming what is missing."""
    missing = missing_items(response)
    if missing:
        raise ValidationError(
            ngettext(
                "%(count)d item is not answered yet: %(item)s.",
                "%(count)d items are not answered yet, the first is %(item)s.",
                len(missing),
            )
            % {"count": len(missing), "item": missing[0]}
        )
    with history.verb("submitted"):
        response.status = Status.SUBMITTED
        response.submitted_at = when or timezone.now()
        response.date = timezone.localdate(response.submitted_at)
        response.save()
    score(response)
    return response


def _scores(response: Response) -> dict[str, Score]:
    return {s.dimension: s for s in response.scores.all()}


def submitted(organisation: Organisation, wave: str, model: str = "dma") -> Response | None:
    return (
        Response.objects.filter(
            organisation=organisation, wave=wave, model=model, status=Status.SUBMITTED
        )
        .prefetch_related("scores")
        .first()
    )


def result(organisation: Organisation, wave: str, model: str = "dma") -> dict | None:
    """The company's scores in a wave, with bands, labels and feedback in the active language."""
    response = submitted(organisation, wave, model)
    if response is None:
        return None
    spec = spec_of(response)
    scores = _scores(response)
    dims = []
    for d in spec.dimensions:
        s = scores[d.code]
        dims.append(
            {
                "code": d.code,
                "label": label(d.label),
                "value": s.value,
                "band": s.band,
                "band_label": label(spec.band(s.band).label),
                "feedback": label(d.feedback[s.band]) if s.band in d.feedback else "",
            }
        )
    overall = scores["overall"]
    return {
        "response_id": response.pk,
        "organisation": organisation.name,
        "is_sample": response.is_sample,
        "model": spec.model,
        "version": spec.version,
        "scored_with": overall.scored_with,
        "title": label(spec.title),
        "source": spec.source,
        "score_max": spec.score_max,
        "wave": response.wave,
        "date": response.date.isoformat(),
        "on_behalf": response.on_behalf,
        "dimensions": dims,
        "overall": {
            "value": overall.value,
            "band": overall.band,
            "band_label": label(spec.band(overall.band).label),
        },
    }


def chart_spec(data: dict) -> dict:
    """The bar chart of a result (one spec for the page and the PDF)."""
    return {
        "type": "bar",
        "title": _("Scores by dimension"),
        "locale": lang(),
        "sort": "none",
        "decimals": 1,
        "items": [
            {"key": d["code"], "label": d["label"], "value": round(d["value"], 1)}
            for d in data["dimensions"]
        ],
        "source": _("Source: i4region self-assessment, %(model)s %(version)s, wave %(wave)s")
        % {"model": data["model"].upper(), "version": data["version"], "wave": data["wave"]},
        "note": _("Sample data (fictional company)") if data["is_sample"] else "",
    }


def peer_frame(model: str, version: str, wave: str, is_sample: bool) -> pd.DataFrame:
    """One row per company that submitted this model version in the wave, with its scores."""
    responses = list(
        Response.objects.filter(
            model=model, version=version, wave=wave, status=Status.SUBMITTED, is_sample=is_sample
        )
        .select_related("municipality", "region")
        .prefetch_related("scores")
    )
    rows = []
    for r in responses:
        scores = {s.dimension: s for s in r.scores.all()}
        if "overall" not in scores:
            continue
        row = {
            "company": r.organisation_id,
            "municipality": r.municipality.code if r.municipality else None,
            "region": r.region.code if r.region else None,
            "section": r.nace_section,
            "size": r.size_class,
            "band": scores["overall"].band,
        }
        row.update({code: s.value for code, s in scores.items()})
        rows.append(row)
    return pd.DataFrame(rows)


def benchmark(organisation: Organisation, wave: str, model: str = "dma", full: bool = False):
    """The company against its peers in the same wave: same NACE section, same size class, the
    county and all respondents. Groups with fewer than 5 other companies, or that would let one be
    derived from another, carry `shown: False` and no values unless `full` (the secretariat)."""
    response = submitted(organisation, wave, model)
    if response is None:
        return None
    spec = spec_of(response)
    frame = peer_frame(model, response.version, wave, response.is_sample)
    measures = [*spec.dimension_codes, "overall"]
    section_name = response.nace_section
    groups = {
        "section": (
            frame["section"] == section_name,
            _("NACE section %(s)s") % {"s": section_name},
        ),
        "size": (frame["size"] == response.size_class, SizeClass(response.size_class).label),
    }
    if response.region:
        groups["county"] = (frame["region"] == response.region.code, response.region.display_name)
    groups["all"] = (pd.Series(True, index=frame.index), _("All respondents"))
    stats = peer_benchmark(
        frame, {k: mask for k, (mask, _label) in groups.items()}, measures, viewer=organisation.pk
    )
    own = _scores(response)
    out = []
    for key, (_mask, name) in groups.items():
        s = stats[key]
        visible = s["shown"] or full
        out.append(
            {
                "group": key,
                "label": str(name),
                "n": s["n"],
                "shown": s["shown"],
                "means": {m: (s["means"][m] if visible else None) for m in measures},
            }
        )
    names = {
        m: label(spec.dimension(m).label) if m != "overall" else _("Overall") for m in measures
    }
    return {
        "wave": wave,
        "threshold": THRESHOLD,
        "groups": out,
        "own": {m: own[m].value for m in measures},
        # the same numbers as a table: one row per measure, one cell per group
        "rows": [
            {
                "code": m,
                "label": names[m],
                "own": own[m].value,
                "cells": [{"value": g["means"][m], "shown": g["shown"]} for g in out],
            }
            for m in measures
        ],
    }


def regional_summary(model: str = "dma", wave: str = "T0", is_sample: bool = False) -> list[dict]:
    """Aggregates anyone may see: per municipality, sector and in total, the number of companies,
    the mean overall score and the share per band, each only where disclosure control allows."""
    spec = definitions.current(model)
    frame = peer_frame(model, spec.version, wave, is_sample)
    records = regional(frame, [b.code for b in spec.bands], spec.dimension_codes)
    names = {
        r.code: r.display_name
        for r in Region.objects.filter(
            code__in={r["key"] for r in records if r["by"] == "municipality"}
        )
    }
    rows: dict[tuple, dict] = {}
    for rec in records:
        key = (rec["by"], rec["key"])
        if key not in rows:
            if rec["by"] == "municipality":
                name = names.get(rec["key"], rec["key"])
            elif rec["by"] == "sector":
                name = _("NACE section %(s)s") % {"s": rec["key"]}
            else:
                name = _("All respondents")
            rows[key] = {"by": rec["by"], "label": name, "n": rec["n"], "mean": None, "shares": {}}
        kind, what = rec["measure"].split(":", 1)
        if rec["measure"] == "mean:overall":
            rows[key]["mean"] = rec["value"]
        elif kind == "share":
            rows[key]["shares"][what] = rec["value"]
    order = {"total": 0, "municipality": 1, "sector": 2}
    out = sorted(rows.values(), key=lambda r: (order[r["by"]], r["label"]))
    for row in out:
        row["bands"] = [row["shares"].get(b.code) for b in spec.bands]
    return out


def band_labels(model: str = "dma") -> list[str]:
    return [label(b.label) for b in definitions.current(model).bands]


def previous_wave(organisation: Organisation, wave: str, model: str = "dma") -> Response | None:
    earlier = WAVES[: WAVES.index(wave)]
    for w in reversed(earlier):
        found = submitted(organisation, w, model)
        if found:
            return found
    return None


def progress(organisation: Organisation, wave: str, model: str = "dma") -> dict | None:
    """Change since the company's previous submitted wave, per dimension and overall."""
    now = submitted(organisation, wave, model)
    before = previous_wave(organisation, wave, model) if now else None
    if before is None:
        return None
    spec = spec_of(now)
    a, b = _scores(before), _scores(now)
    rows = []
    for code in [*spec.dimension_codes, "overall"]:
        name = label(spec.dimension(code).label) if code != "overall" else _("Overall")
        rows.append(
            {
                "code": code,
                "label": name,
                "before": a[code].value if code in a else None,
                "after": b[code].value,
                "change": b[code].value - a[code].value if code in a else None,
                "band_before": a[code].band if code in a else None,
                "band_after": b[code].band,
            }
        )
    return {
        "from_wave": before.wave,
        "to_wave": now.wave,
        "from_version": before.version,
        "to_version": now.version,
        "comparable": before.version == now.version,
        "rows": rows,
    }


def _contacts(org: Organisation) -> dict:
    """How to reach an organisation: its website and the people who consent to be contacted."""
    people = [
        {"name": p.name, "role": p.role, "email": p.email, "phone": p.phone}
        for p in org.people.all()
        if p.consent
    ]
    return {"name": org.name, "website": org.website, "people": people, "is_sample": org.is_sample}


def brief(organisation: Organisation, wave: str, model: str = "dma") -> dict | None:
    """The benefit brief: the two weakest dimensions, the published initiatives and activities of
    the register that serve them (themes.toml), who runs them, and the progress between waves."""
    data = result(organisation, wave, model)
    if data is None:
        return None
    mapping = definitions.themes()
    weakest = sorted(data["dimensions"], key=lambda d: d["value"])[:2]
    public_orgs = Organisation.objects.public()
    for d in weakest:
        themes = mapping.get(d["code"], {})
        initiatives = (
            Initiative.objects.public()
            .filter(theme__in=themes.get("initiatives", []))
            .select_related("owner_organisation")
            .prefetch_related("owner_organisation__people")
            .order_by("slug")
        )
        d["initiatives"] = [
            {
                "slug": i.slug,
                "name": i.name,
                "description": i.description,
                "url": i.get_absolute_url(),
                "owner": _contacts(i.owner_organisation) if i.owner_organisation else None,
            }
            for i in initiatives
        ]
        activities = (
            Activity.objects.filter(
                theme__in=themes.get("activities", []), organisation__in=public_orgs
            )
            .select_related("organisation", "initiative")
            .prefetch_related("organisation__people")
        )
        d["activities"] = [
            {
                "name": a.name,
                "theme": a.get_theme_display(),
                "organisation": _contacts(a.organisation),
                "initiative": a.initiative.name if a.initiative else "",
            }
            for a in activities
        ]
    return {
        **data,
        "weakest": weakest,
        "progress": progress(organisation, wave, model),
    }

"""Index operations shared by views, seed and exports: saving framework versions, computing a
run with the engine (:mod:`i4region.compute.index`), and reproducing a stored run."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils.translation import gettext as _

import i4region
from i4region.compute.index.analysis import (
    correlations,
    results_table,
    strengths_weaknesses_all,
)
from i4region.compute.index.data import IndexInputError, build_index_data
from i4region.compute.index.pipeline import Index, PipelineError
from i4region.compute.index.steps._params import StepError
from i4region.compute.index.uncertainty import UncertainInput, run_sensitivity, run_uncertainty

from . import i40
from .models import IndexFramework, IndexRun

FRAMEWORK_CODE = "i40-readiness"
UA_N = 200
SA_N = 60
SA_BOOT = 200
SEED = 1
AGGREGATION_CHOICES = ("amean", "gmean", "hmean")
FRAMEWORK_FIELDS = (
    "name_en",
    "name_lt",
    "description_en",
    "description_lt",
    "pipeline_toml",
    "uncertainty_toml",
    "imeta",
    "reference_year",
    "source",
)


UA_N_RANGE = (50, 100_000)  # draws of an uncertainty run started from the pages
SA_N_RANGE = (10, 5_000)  # base samples of a sensitivity run (N × (choices + 2) draws)
# progress(draws done, draws in all): after every batch of the engine's draws
Progress = Callable[[int, int], None] | None


class RunError(ValueError):
    """The engine refused the inputs or parameters; the message says what and where."""


def save_framework(code: str, user: Any = None, **fields: Any) -> IndexFramework:
    """Store a framework, creating a new version only when something changed (old ones stay)."""
    latest = IndexFramework.objects.filter(code=code).order_by("-version").first()
    if latest and all(getattr(latest, f) == fields[f] for f in FRAMEWORK_FIELDS):
        return latest
    return IndexFramework.objects.create(
        code=code, version=(latest.version + 1 if latest else 1), created_by=user, **fields
    )


def i40_framework(user: Any = None) -> IndexFramework:
    """The bundled regional Industry 4.0 readiness framework (current version)."""
    years = i40.offered_years()
    span = f"{years[0]}–{years[-1]}"
    n_pillars, n_indicators = len(i40.PILLARS), len(i40.CHOICES)
    return save_framework(
        FRAMEWORK_CODE,
        user,
        name_en="Regional Industry 4.0 readiness index",
        name_lt="Regionų pasirengimo Pramonei 4.0 indeksas",
        description_en=(
            f"{n_pillars} pillars (human capital, innovation, digital adoption, economy, "
            f"demography) of {n_indicators} indicators for the EU NUTS2 regions, one index "
            f"per year, {span}."
        ),
        description_lt=(
            f"{n_pillars} ramsčiai (žmogiškasis kapitalas, inovacijos, skaitmeninimas, "
            f"ekonomika, demografija), {n_indicators} rodikliai ES NUTS2 regionams, "
            f"atskiras indeksas kiekvieniems metams, {span} m."
        ),
        pipeline_toml=i40.PIPELINE_TOML,
        uncertainty_toml=i40.UNCERTAINTY_TOML,
        imeta=i40.imeta_rows(),
        reference_year=years[-1],
        source=i40.SOURCE,
    )


def current_framework(code: str = FRAMEWORK_CODE) -> IndexFramework | None:
    return IndexFramework.objects.filter(code=code).order_by("-version").first()


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as the all-text table the engine's validator reads (None becomes a blank cell)."""
    df = pd.DataFrame(rows)
    return df.astype(object).map(
        lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
    )


def _uncertain_inputs(text: str) -> list[UncertainInput]:
    out = []
    for item in tomllib.loads(text).get("input", []):
        if "noise" in item:
            out.append(
                UncertainInput(
                    item["name"],
                    item["parameter"],
                    noise_levels=tuple(item["noise"]["levels"]),
                    noise_factor=float(item["noise"].get("factor", 0.25)),
                )
            )
        else:
            out.append(
                UncertainInput(item["name"], item["parameter"], values=tuple(item["values"]))
            )
    return out


def _num(v: Any) -> float | None:
    v = float(v)
    return None if math.isnan(v) else v


def build(framework: IndexFramework, inputs: list[dict[str, Any]]) -> Index:
    """The index of a framework on one year's inputs, as the engine builds it."""
    data = build_index_data(_frame(inputs), _frame(framework.imeta), "inputs", "iMeta")
    return Index.from_specs(data, tomllib.loads(framework.pipeline_toml)["steps"])


def n_draws(framework: IndexFramework, parameters: dict[str, Any]) -> int:
    """How many draws a run makes: the uncertainty's N, then the sensitivity's N × (d + 2)."""
    d = len(_uncertain_inputs(framework.uncertainty_toml))
    return parameters.get("ua_n", UA_N) + parameters.get("sa_n", SA_N) * (d + 2)


def compute(
    framework: IndexFramework,
    inputs: list[dict[str, Any]],
    parameters: dict[str, Any],
    progress: Progress = None,
) -> dict[str, Any]:
    """Build the index with the engine and collect everything the pages show, as JSON;
    ``progress(done, total)`` follows the draws of both analyses, batch by batch."""
    ua_n = parameters.get("ua_n", UA_N)

    def phase(offset: int) -> Progress:
        if progress is None:
            return None
        total = n_draws(framework, parameters)
        return lambda done, _n: progress(offset + done, total)

    try:
        base = build(framework, inputs)
        data = base.data
        changes = parameters.get("changes", {})
        index = base.rebuild(changes) if changes else base
        uncertain = _uncertain_inputs(framework.uncertainty_toml)
        seed = parameters.get("seed", SEED)
        ua = run_uncertainty(index, uncertain, ua_n, seed, progress=phase(0))
        sa = run_sensitivity(
            index,
            uncertain,
            parameters.get("sa_n", SA_N),
            seed,
            parameters.get("sa_boot", SA_BOOT),
            progress=phase(ua_n),
        )
    except (IndexInputError, PipelineError, StepError, tomllib.TOMLDecodeError) as exc:
        raise RunError(str(exc)) from None
    st = data.structure
    table = results_table(index)
    codes = [c for c in st.codes_top_down() if c in table.columns]
    scores = {r["uCode"]: {c: _num(r[c]) for c in codes} for r in table.to_dict("records")}
    ranks = {r["uCode"]: {c: _num(r[f"{c}.Rank"]) for c in codes} for r in table.to_dict("records")}
    raw = {r["uCode"]: {c: r[c] for c in st.indicators} for r in inputs}
    sw = {
        u: {
            kind: [{"code": c, "rank": rank, "value": raw[u][c]} for c, rank in pairs]
            for kind, pairs in zip(("strengths", "weaknesses"), lists, strict=True)
        }
        for u, lists in strengths_weaknesses_all(index, top_n=3, bottom_n=3).items()
        if u in scores
    }
    frame = index.last
    corr = [
        {"a": r["Var1"], "b": r["Var2"], "r": _num(r["Correlation"])}
        for level_a, level_b, parent in ((1, 2, True), (2, 3, False), (2, 2, False))
        for r in correlations(frame, data, level_a, level_b, with_parent=parent).to_dict("records")
        if r["Var1"] != r["Var2"]
    ]
    return {
        "levels": {c: st.level_of(c) for c in codes},
        "parents": {c: st.parent[c] for c in codes},
        "order": codes,
        "screened_out": [str(u) for u in index.details.get("Screened", {}).get("RemovedUnits", [])],
        "scores": scores,
        "ranks": ranks,
        "strengths_weaknesses": sw,
        "uncertainty": {
            r["uCode"]: {k: _num(r[k]) for k in ("Nominal", "Mean", "Median", "Q5", "Q95")}
            for r in ua.rank_stats.to_dict("records")
        },
        "sensitivity": [
            {k: (_num(v) if k != "Variable" else v) for k, v in r.items()}
            for r in sa.sensitivity.to_dict("records")
        ],
        "correlations": corr,
        "n_units": len(table),
    }


def find_run(
    framework: IndexFramework, year: int, sha: str, parameters: dict[str, Any]
) -> IndexRun | None:
    runs = framework.runs.filter(year=year, inputs_sha256=sha, engine_version=i4region.__version__)
    for run in runs:
        if run.parameters == parameters:
            return run
    return None


def create_run(
    framework: IndexFramework,
    year: int,
    inputs: list[dict[str, Any]],
    parameters: dict[str, Any],
    user: Any = None,
    published: bool = False,
    progress: Progress = None,
) -> tuple[IndexRun, bool]:
    """Compute and store the run of one data year; the same framework, year, inputs, parameters
    and engine give back the stored run instead of a new one. Returns (run, created).

    The computation writes nothing (its progress is seen meanwhile); the run is stored at the
    end, in one transaction that looks once more for a run made meanwhile."""
    sha = i40.records_sha256(inputs)
    existing = find_run(framework, year, sha, parameters)
    if existing:
        return existing, False
    results = compute(framework, inputs, parameters, progress)
    with transaction.atomic():
        return _store_run(framework, year, inputs, sha, parameters, results, user, published)


def _store_run(framework, year, inputs, sha, parameters, results, user, published):
    existing = find_run(framework, year, sha, parameters)
    if existing:
        return existing, False
    run = IndexRun.objects.create(
        framework=framework,
        year=year,
        inputs=inputs,
        inputs_sha256=sha,
        parameters=parameters,
        engine_version=i4region.__version__,
        results=results,
        published=published,
        created_by=user,
    )
    return run, True


def published_runs() -> dict[int, IndexRun]:
    """The runs the public pages show, by year: the latest published run of each year of the
    current framework, oldest year first."""
    fw = current_framework()
    if fw is None:
        return {}
    runs: dict[int, IndexRun] = {}
    for run in fw.runs.filter(published=True).select_related("framework"):
        runs.setdefault(run.year, run)
    return dict(sorted(runs.items()))


def published_run(year: int | None = None) -> IndexRun | None:
    """The published run of one year (the newest year when none is given)."""
    runs = published_runs()
    if year is None:
        return runs[max(runs)] if runs else None
    return runs.get(year)


def seed_panel(user: Any = None) -> list[tuple[IndexRun, bool]]:
    """The published run of every year with enough data (idempotent)."""
    framework = i40_framework(user)
    return [
        create_run(framework, year, i40.idata_records(year), {}, user=user, published=True)
        for year in i40.offered_years()
    ]


@dataclass(frozen=True)
class Reproduction:
    matches: bool
    max_difference: float
    differences: list[str]


def _compare(a: Any, b: Any, path: str, out: list[tuple[str, float]]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            _compare(a.get(k), b.get(k), f"{path}/{k}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _compare(x, y, f"{path}[{i}]", out)
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        d = abs(float(a) - float(b))
        if not np.isclose(a, b, rtol=1e-9, atol=1e-9):
            out.append((path, d))
    elif a != b:
        out.append((path, math.inf))


def reproduce(run: IndexRun) -> Reproduction:
    """Recompute a stored run from its own inputs, framework version and parameters and compare
    every stored number (scores, ranks, intervals, sensitivity, correlations)."""
    fresh = compute(run.framework, run.inputs, run.parameters)
    diffs: list[tuple[str, float]] = []
    _compare(run.results, fresh, "", diffs)
    return Reproduction(
        not diffs, max((d for _, d in diffs), default=0.0), [p for p, _ in diffs[:20]]
    )


def recompute(
    run: IndexRun,
    aggregation: str | None,
    user: Any,
    draws: dict[str, int] | None = None,
    progress: Progress = None,
) -> tuple[IndexRun, bool]:
    """A new (unpublished) run of the same framework and inputs with another aggregation
    (None keeps the run's), or with other numbers of draws (``{"ua_n": …}``, ``{"sa_n": …}``)."""
    params = {**run.parameters, "changes": dict(run.parameters.get("changes", {}))}
    if aggregation is not None:
        if aggregation not in AGGREGATION_CHOICES:
            raise RunError(
                _("aggregation method '%(method)s' is not one of %(choices)s")
                % {"method": aggregation, "choices": ", ".join(AGGREGATION_CHOICES)}
            )
        params["changes"]["aggregate.method"] = aggregation
        if aggregation == "amean":
            params["changes"].pop("aggregate.method")
    if not params["changes"]:
        params.pop("changes")
    ranges = (
        ("ua_n", _("Number of draws"), UA_N_RANGE),
        ("sa_n", _("Number of base samples"), SA_N_RANGE),
    )
    for name, label, (low, high) in ranges:
        n = (draws or {}).get(name)
        if n is None:
            continue
        if not low <= n <= high:
            raise RunError(
                _("%(what)s: %(n)d is out of range; give a number from %(low)d to %(high)d")
                % {"what": label, "n": n, "low": low, "high": high}
            )
        params[name] = n
        if n == {"ua_n": UA_N, "sa_n": SA_N}[name]:
            params.pop(name)
    return create_run(run.framework, run.year, run.inputs, params, user=user, progress=progress)

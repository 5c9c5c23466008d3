"""Uncertainty and sensitivity analysis of an index (COINr ``get_sensitivity``), vectorised.

COINr regenerates the whole coin once per draw. Here the draws are grouped by the parameters that
act before aggregation (a handful of distinct combinations: winmax 1–5 × two normalisations is
ten), each combination is built once, and all the draws sharing it are aggregated together as one
array of weight sets — so the cost grows with the number of distinct data sets, not of draws.

Inputs map a uniform number in [0, 1) to a value: discrete alternatives are equally likely, and
noisy weights index a pool of weight sets with each chosen weight multiplied by
uniform(1 - f, 1 + f), as COINr's ``get_noisy_weights``. The sensitivity design is COINr's
``SA_sample``/``SA_estimate``: A, B and the d matrices AB_i (N(d + 2) runs), the output being the
mean absolute rank change against the nominal ranks; Si = mean(yB (yAB_i - yA)) / V (Saltelli
2010) and STi = Σ (yA - yAB_i)² / (2 N V) (Jansen), with bootstrap percentiles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .data import Frame
from .pipeline import Index, PipelineError, change_steps
from .rstats import rank_desc, rmean, rmedian, rquantile, rvar
from .steps import aggregate
from .steps._params import StepError

BATCH = 1000
STATS_CELLS = 250_000  # rank cells summarised at once (units x draws)
Progress = Callable[[int, int], None] | None  # progress(done, total), after every batch
# mapper(fn, items) -> fn(item) for every item, in order, computed anywhere: e.g. on a Dask
# cluster, ``lambda fn, items: client.gather(client.map(fn, items))``
Mapper = Callable[[Callable[[Any], np.ndarray], list[Any]], Iterable[np.ndarray]] | None


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain input: discrete ``values`` for a pipeline parameter, or multiplicative
    ``noise`` (levels, factor) on the aggregation weights."""

    name: str
    parameter: str
    values: tuple[Any, ...] = ()
    noise_levels: tuple[int, ...] = ()
    noise_factor: float = 0.0

    @property
    def is_noise(self) -> bool:
        return bool(self.noise_levels)

    @property
    def op(self) -> str:
        return self.parameter.partition(".")[0]


@dataclass(frozen=True)
class Design:
    """Values chosen for every draw: one column per input (a value index, or a pool index for
    noisy weights), plus the pools of weight multipliers."""

    choice: np.ndarray
    pools: dict[int, np.ndarray]


def check_inputs(index: Index, inputs: Sequence[UncertainInput]) -> None:
    """Fail early, naming the input, if a parameter or one of its values is not valid."""
    names = set()
    for k, inp in enumerate(inputs, start=1):
        if inp.name in names:
            raise PipelineError(f"input name '{inp.name}' is used twice", k, "name")
        names.add(inp.name)
        if inp.is_noise:
            if inp.parameter != "aggregate.weights":
                raise PipelineError(
                    'noise applies to parameter "aggregate.weights" only', k, "parameter"
                )
            if index.step("aggregate") is None:
                raise PipelineError("noisy weights need an aggregate step", k, "parameter")
            bad = [lv for lv in inp.noise_levels if lv not in index.data.structure.levels]
            if bad:
                raise PipelineError(
                    f"noise level {bad[0]} is not a level of the index", k, "noise.levels"
                )
            continue
        if not inp.values:
            raise PipelineError("needs values = [...] or noise = {...}", k, "values")
        for v in inp.values:
            try:
                change_steps(index.steps, {inp.parameter: v})
            except PipelineError as exc:
                raise PipelineError(f"value {v!r}: {exc.message}", k, inp.parameter) from None


def make_design(
    index: Index,
    inputs: Sequence[UncertainInput],
    u: np.ndarray,
    rng: np.random.Generator,
    pool_size: int,
) -> Design:
    """Turn uniforms ``u`` (draws × inputs) into value choices and noisy weight pools."""
    choice = np.empty(u.shape, dtype=int)
    pools = {}
    n_codes = len(aggregate.output_columns(index.data))
    levels = [index.data.structure.level_of(c) for c in aggregate.output_columns(index.data)]
    for k, inp in enumerate(inputs):
        n_alt = pool_size if inp.is_noise else len(inp.values)
        choice[:, k] = np.minimum((u[:, k] * n_alt).astype(int), n_alt - 1)
        if inp.is_noise:
            mult = np.ones((pool_size, n_codes))
            cols = [j for j, lv in enumerate(levels) if lv in inp.noise_levels]
            mult[:, cols] = 1 + (rng.random((pool_size, len(cols))) * 2 - 1) * inp.noise_factor
            pools[k] = mult
    return Design(choice, pools)


def _groups(
    inputs: Sequence[UncertainInput], choice: np.ndarray, rows: np.ndarray, stage: str
) -> list[tuple[tuple[int, ...], np.ndarray]]:
    """Draws (among ``rows``) sharing the same values of the inputs acting at ``stage``
    ("pre" = before aggregation, or "aggregate"); other inputs show as -1 in the key."""
    cols = [
        k
        for k, inp in enumerate(inputs)
        if (inp.op == "aggregate") == (stage == "aggregate") and not inp.is_noise
    ]
    keyed = np.full((len(rows), len(inputs)), -1)
    keyed[:, cols] = choice[np.ix_(rows, cols)]
    uniq, inverse = np.unique(keyed, axis=0, return_inverse=True)
    return [(tuple(int(v) for v in u), rows[inverse.ravel() == i]) for i, u in enumerate(uniq)]


def evaluate(
    index: Index,
    inputs: Sequence[UncertainInput],
    design: Design,
    progress: Progress = None,
    mapper: Mapper = None,
) -> np.ndarray:
    """Scores of the top aggregate for every draw, aligned with the nominal rows
    (NaN where a unit was screened out or the draw failed as it would in COINr).

    With a ``mapper`` the draws are cut into parts of :data:`BATCH` and each part is evaluated
    by the mapper (another process or machine); every draw is computed alone, so the scores are
    the same to the last bit however the draws are cut.

    Each distinct data set before aggregation is built once (steps, and treatment and
    normalisation column by column, cached); then the draws are aggregated in batches of
    :data:`BATCH`, each batch stacking the data sets its draws use, so memory stays bounded
    whatever N. ``progress(done, total)`` is called after every batch."""
    if mapper is not None:
        n = design.choice.shape[0]
        parts = [
            (index, inputs, Design(design.choice[start : start + BATCH], design.pools))
            for start in range(0, n, BATCH)
        ]
        done: list[np.ndarray] = []
        for scores in mapper(_evaluate_part, parts):
            done.append(scores)
            if progress is not None:
                progress(sum(len(s) for s in done), n)
        return np.concatenate(done)
    data = index.data
    nominal = index.last
    key_of = {k: i for i, k in enumerate(_row_keys(nominal))}
    n_draws = design.choice.shape[0]
    scores = np.full((n_draws, len(nominal.ucodes)), np.nan)
    before = [s for s in index.steps if s.op != "aggregate"]
    cache: dict = {}
    stacks: dict[tuple, list[tuple[Frame, np.ndarray]]] = {}
    for key, draws in _groups(inputs, design.choice, np.arange(n_draws), "pre"):
        try:
            frame = Index(data, change_steps(before, _changes(inputs, key)), cache).last
        except StepError:
            continue
        stacks.setdefault(tuple(_row_keys(frame)), []).append((frame, draws))
    top = aggregate.output_columns(data).index(data.structure.top[0])
    done = 0
    for row_keys, members in stacks.items():
        rows = np.array([key_of.get(k, -1) for k in row_keys])
        kept = rows >= 0
        which = np.full(n_draws, -1)
        for g, (_, draws) in enumerate(members):
            which[draws] = g
        values = np.stack([frame.values for frame, _ in members])
        for key, group in _groups(inputs, design.choice, np.flatnonzero(which >= 0), "aggregate"):
            params = change_steps(index.steps, _changes(inputs, key))[-1].params
            base = _base_weights(data, [frame for frame, _ in members], params)
            group = group[~np.isnan(base[which[group], 0])]
            levels = aggregate.per_level(params, data.structure.max_level - 1)
            for start in range(0, len(group), BATCH):
                batch = group[start : start + BATCH]
                w = base[which[batch]]
                for k, pool in design.pools.items():
                    w *= pool[design.choice[batch, k]]
                full, bad = aggregate.aggregate_values(
                    values[which[batch]], data, w, levels, params["dat_thresh"]
                )
                y = full[..., top]
                y[bad] = np.nan
                scores[np.ix_(batch, rows[kept])] = y[:, kept]
                done += len(batch)
                if progress is not None:
                    progress(done, n_draws)
    return scores


def _evaluate_part(part: tuple[Index, Sequence[UncertainInput], Design]) -> np.ndarray:
    return evaluate(*part)


def _changes(inputs: Sequence[UncertainInput], key: tuple[int, ...]) -> dict[str, Any]:
    return {inputs[k].parameter: inputs[k].values[v] for k, v in enumerate(key) if v >= 0}


def _base_weights(data: Any, frames: list[Frame], params: dict[str, Any]) -> np.ndarray:
    """The weight vector of each data set (a row of NaN where the weights cannot be made)."""
    n_codes = len(aggregate.output_columns(data))
    out = np.full((len(frames), n_codes), np.nan)
    for g, frame in enumerate(frames):
        try:
            out[g] = aggregate.weight_vector(data, aggregate.resolve_weights(frame, data, params))
        except StepError:
            continue
    return out


def _row_keys(frame: Frame) -> list[tuple[Any, str]]:
    times = frame.times if frame.times is not None else [None] * len(frame.ucodes)
    return list(zip(times, frame.ucodes, strict=True))


def rank_draws(index: Index, scores: np.ndarray) -> np.ndarray:
    """Ranks of each draw's scores (1 = best), within each time point for panels."""
    out = np.full(scores.shape, np.nan)
    for start in range(0, scores.shape[0], BATCH):  # draws in batches: bounded temporaries
        draws = slice(start, start + BATCH)
        for rows in index.last.time_slices():
            out[draws, rows] = rank_desc(scores[draws, rows])
    return out


def nominal_scores(index: Index) -> np.ndarray:
    return index.last.col(index.data.structure.top[0])


def rank_stats(index: Index, ranks: np.ndarray) -> pd.DataFrame:
    """Per unit: nominal rank, mean, median, 5th and 95th percentile rank (missing ignored)."""
    nominal = index.last
    nom_rank = rank_draws(index, nominal_scores(index)[None, :])[0]
    stats = {name: np.empty(ranks.shape[1]) for name in ("Mean", "Median", "Q5", "Q95")}
    # A few units at a time: the sorts and long-double sums copy what they read, so memory
    # stays a small multiple of one unit's draws however many units there are.
    step = max(1, STATS_CELLS // max(1, ranks.shape[0]))
    for start in range(0, ranks.shape[1], step):
        r = ranks[:, start : start + step].T
        stats["Mean"][start : start + step] = rmean(r)
        stats["Median"][start : start + step] = rmedian(r)
        stats["Q5"][start : start + step] = rquantile(r, 0.05)
        stats["Q95"][start : start + step] = rquantile(r, 0.95)
    df = pd.DataFrame({"uCode": nominal.ucodes.astype(object)})
    if nominal.times is not None:
        df["Time"] = nominal.times
    df["Nominal"] = nom_rank
    for name, values in stats.items():
        df[name] = values
    return df


@dataclass(frozen=True)
class UAResult:
    rank_stats: pd.DataFrame
    scores: np.ndarray
    ranks: np.ndarray
    n_failed: int


@dataclass(frozen=True)
class SAResult:
    rank_stats: pd.DataFrame
    sensitivity: pd.DataFrame
    variance: float
    n_failed: int


def _draws(
    index: Index,
    inputs: Sequence[UncertainInput],
    u: np.ndarray,
    rng: np.random.Generator,
    n: int,
    progress: Progress,
    mapper: Mapper,
) -> tuple[np.ndarray, np.ndarray]:
    """Scores and ranks of the top aggregate for the draws ``u`` (weight pools of size n)."""
    scores = evaluate(index, inputs, make_design(index, inputs, u, rng, n), progress, mapper)
    return scores, rank_draws(index, scores)


def run_uncertainty(
    index: Index,
    inputs: Sequence[UncertainInput],
    n: int,
    seed: int,
    progress: Progress = None,
    mapper: Mapper = None,
) -> UAResult:
    """N random draws of all inputs; rank statistics of the top aggregate."""
    check_inputs(index, inputs)
    rng = np.random.default_rng(seed)
    u = rng.random((n, len(inputs)))
    scores, ranks = _draws(index, inputs, u, rng, n, progress, mapper)
    failed = int(np.isnan(scores).all(axis=1).sum())
    return UAResult(rank_stats(index, ranks), scores, ranks, failed)


def sa_sample(n: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """COINr ``SA_sample``: rows A (N), B (N), then AB_1 … AB_d (A with column i from B)."""
    base = rng.random((n, 2 * d))
    a, b = base[:, :d], base[:, d:]
    blocks = [a, b]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def sa_estimate(
    y: np.ndarray, n: int, d: int, nboot: int, rng: np.random.Generator
) -> pd.DataFrame:
    """COINr ``SA_estimate``: first-order and total indices with bootstrap 5–95 % intervals."""
    ya, yb = y[:n], y[n : 2 * n]
    yab = y[2 * n :].reshape(d, n)
    var_y = float(rvar(np.concatenate([ya, yb])))
    si_diff = yb * (yab - ya)
    st_diff = ya - yab
    si = si_diff.mean(axis=1) / var_y
    sti = (st_diff**2).sum(axis=1) / (2 * n * var_y)
    out = pd.DataFrame({"Si": si, "STi": sti})
    if nboot:
        idx = rng.integers(0, n, size=(nboot, n))
        si_b = si_diff[:, idx].mean(axis=2) / var_y
        st_b = (st_diff[:, idx] ** 2).sum(axis=2) / (2 * n * var_y)
        out["Si_q5"] = rquantile(si_b, 0.05)
        out["Si_q95"] = rquantile(si_b, 0.95)
        out["STi_q5"] = rquantile(st_b, 0.05)
        out["STi_q95"] = rquantile(st_b, 0.95)
    return out


def run_sensitivity(
    index: Index,
    inputs: Sequence[UncertainInput],
    n: int,
    seed: int,
    nboot: int = 1000,
    progress: Progress = None,
    mapper: Mapper = None,
) -> SAResult:
    """Variance-based sensitivity of the mean absolute rank change to each input."""
    check_inputs(index, inputs)
    d = len(inputs)
    if d < 2:
        raise PipelineError("sensitivity analysis needs at least two inputs", None, "input")
    rng = np.random.default_rng(seed)
    scores, ranks = _draws(index, inputs, sa_sample(n, d, rng), rng, n, progress, mapper)
    nominal = rank_draws(index, nominal_scores(index)[None, :])[0]
    y = rmean(np.abs(ranks - nominal))
    sens = sa_estimate(y, n, d, nboot, rng)
    sens.insert(0, "Variable", [inp.name for inp in inputs])
    stats = rank_stats(index, ranks[: 2 * n])
    ya_yb = np.concatenate([y[:n], y[n : 2 * n]])
    return SAResult(stats, sens, float(rvar(ya_yb)), int(np.isnan(scores).all(axis=1).sum()))

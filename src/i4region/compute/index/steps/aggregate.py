"""Aggregation level by level along the iMeta tree (COINr ``Aggregate()`` with ``a_amean``,
``a_gmean``, ``a_hmean``, ``a_genmean`` and ``a_copeland``).

The functions work on arrays with any leading batch dimensions (``(..., units, children)``) so
that the uncertainty analysis can aggregate hundreds of weight draws in one call. Missing
children are skipped and the weights of the present ones renormalised; a unit with no child
present gets NaN. Unlike COINr 1.1.14, the generalised mean also skips missing children.
Sums follow R's order and precision (see :mod:`..rstats`), so ranks tie exactly when COINr's do.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..data import Frame, IndexData
from ..rstats import _ld_sum
from ..weighting import WeightingError, benefit_of_the_doubt
from ..weights import fa_weights, meta_weights, pca_weights
from ._params import ParamError, StepError, check_keys, choice, integer, number

METHODS = ("amean", "gmean", "hmean", "genmean", "copeland", "bod")
WEIGHTS = ("meta", "equal", "pca", "fa")


def _method_list(
    params: dict[str, Any], key: str, n: int, options: tuple[str, ...] | None
) -> list[Any]:
    value = params.get(key)
    if isinstance(value, list):
        if len(value) != n:
            raise ParamError(key, f"a list needs one entry per aggregation level ({n})")
        return value
    return [value] * n


def validate(params: dict[str, Any]) -> dict[str, Any]:
    check_keys(
        params, {"method", "p", "weights", "dat_thresh", "pca_level", "bod_lower", "bod_upper"}
    )
    weights = params.get("weights", "meta")
    if isinstance(weights, dict):
        for code in weights:
            number(weights, code)
        out: dict[str, Any] = {"weights": dict(weights)}
    else:
        out = {"weights": choice(params, "weights", WEIGHTS, "meta")}
    method = params.get("method", "amean")
    methods = method if isinstance(method, list) else [method]
    for m in methods:
        choice({"method": m}, "method", METHODS)
    out["method"] = method
    p = params.get("p")
    ps = p if isinstance(p, list) else [p]
    if "genmean" in methods:
        for pi in ps:
            if pi is not None:
                number({"p": pi}, "p")
        if any(pi == 0 for pi in ps):
            raise ParamError("p", 'p = 0 is the geometric mean: use method = "gmean"')
        if p is None:
            raise ParamError("p", "method genmean needs p")
    elif p is not None:
        raise ParamError("p", "only used by method genmean")
    out["p"] = p
    out["dat_thresh"] = number(params, "dat_thresh", None, lo=0, hi=1)
    out["pca_level"] = integer(params, "pca_level", 1, lo=1)
    for key in ("bod_lower", "bod_upper"):
        out[key] = number(params, key, None, lo=0, hi=1)
        if out[key] is not None and "bod" not in methods:
            raise ParamError(key, "only used by method bod")
    return out


def per_level(params: dict[str, Any], n_agg_levels: int) -> list[tuple[str, Any]]:
    """(method, p) for each aggregation, from Level 1 -> 2 upwards; for the benefit of the
    doubt, p is its (lower, upper) pie-share bounds."""
    methods = _method_list(params, "method", n_agg_levels, METHODS)
    ps = _method_list(params, "p", n_agg_levels, None)
    bounds = (params.get("bod_lower"), params.get("bod_upper"))
    return [
        (m, bounds if m == "bod" else float(p) if m == "genmean" else None)
        for m, p in zip(methods, ps, strict=True)
    ]


def _rowsum(a: np.ndarray) -> np.ndarray:
    return _ld_sum(a)


def aggregate_group(
    x: np.ndarray, w: np.ndarray, method: str, p: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Aggregate children ``x`` (..., units, k) with weights ``w`` (..., k).

    Returns the scores (..., units) and a boolean array over the batch dimensions flagging the
    draws where COINr stops with an error (zero or negative values for gmean/hmean/genmean)."""
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)[..., None, :]
    present = ~np.isnan(x)
    anyp = present.any(axis=-1)
    batch = np.broadcast_shapes(x.shape[:-2], w.shape[:-2])
    if method == "copeland":
        return _copeland(x, w[..., 0, :]), np.zeros(batch, dtype=bool)
    if method == "bod":
        return _bod(x, p), np.zeros(batch, dtype=bool)
    wp = np.where(present, w, 0.0)
    xz = np.where(present, x, 1.0)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if method == "amean":
            wn = wp / _rowsum(wp).astype(float)[..., None]
            y = _rowsum(np.where(present, wn * xz, 0.0)).astype(float)
            bad = np.zeros(batch, dtype=bool)
        elif method == "gmean":
            bad = np.broadcast_to((present & (x <= 0)).any(axis=(-1, -2)), batch)
            y = np.exp(
                _rowsum(np.where(present, wp * np.log(xz), 0.0)).astype(float)
                / _rowsum(wp).astype(float)
            )
        elif method == "hmean":
            bad = np.broadcast_to((present & (x == 0)).any(axis=(-1, -2)), batch)
            y = _rowsum(wp).astype(float) / _rowsum(np.where(present, wp / xz, 0.0)).astype(float)
        elif method == "genmean":
            neg = (present & (x <= 0)).any(axis=(-1, -2)) if p < 0 else np.zeros((), bool)
            bad = np.broadcast_to(neg, batch)
            num = _rowsum(np.where(present, wp * xz**p, 0.0)).astype(float)
            y = (num / _rowsum(wp).astype(float)) ** (1 / p)
        else:
            raise ValueError(f"unknown aggregation method {method!r}")
    y = np.where(anyp, y, np.nan)
    return y, bad


def _bod(x: np.ndarray, bounds: tuple[float | None, float | None] | None) -> np.ndarray:
    """Benefit of the doubt: each unit's best score under weights no unit exceeds 1 with (the
    weights of the step are not used: every unit chooses its own)."""
    lower, upper = bounds or (None, None)
    flat = x.reshape((-1,) + x.shape[-2:])
    try:
        scores = [benefit_of_the_doubt(group, lower, upper).scores for group in flat]
    except WeightingError as exc:
        raise StepError(f"aggregate: method bod: {exc}") from None
    return np.array(scores).reshape(x.shape[:-1])


def _copeland(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """COINr ``a_copeland``: outranking matrix (upper triangle computed, lower = 1 - upper),
    entries above/below/at 0.5 mapped to 1/-1/0, row sums."""
    batch = np.broadcast_shapes(x.shape[:-2], w.shape[:-1])
    x = np.broadcast_to(x, batch + x.shape[-2:])
    w = np.broadcast_to(w, batch + w.shape[-1:])
    flat_x = x.reshape((-1,) + x.shape[-2:])
    flat_w = w.reshape((-1, w.shape[-1]))
    out = np.empty(flat_x.shape[:2])
    n = flat_x.shape[1]
    iu = np.triu_indices(n, 1)
    for b in range(flat_x.shape[0]):
        xb = flat_x[b]
        wb = flat_w[b] / float(_ld_sum(flat_w[b]))
        a, c = xb[iu[0]], xb[iu[1]]
        gt = _ld_sum(np.where(a > c, wb, 0.0)).astype(float)
        eq = _ld_sum(np.where(a == c, wb, 0.0)).astype(float)
        orm = np.zeros((n, n))
        orm[iu] = gt + eq / 2
        orm[(iu[1], iu[0])] = 1 - orm[iu]
        s = np.where(orm > 0.5, 1.0, np.where(orm < 0.5, -1.0, 0.0))
        np.fill_diagonal(s, 0.0)
        out[b] = s.sum(axis=1)
    out = out.reshape(batch + (n,))
    return np.where((~np.isnan(x)).any(axis=-1), out, np.nan)


def aggregate_values(
    values: np.ndarray,
    data: IndexData,
    weights: np.ndarray,
    levels: list[tuple[str, float | None]],
    dat_thresh: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Aggregate indicator values (..., units, indicators) through every level.

    ``weights`` (..., n_codes) follows :func:`output_columns`. Returns the full array
    (..., units, n_codes) and the per-draw failure flags."""
    st = data.structure
    cols = output_columns(data)
    pos = {c: i for i, c in enumerate(cols)}
    batch = np.broadcast_shapes(values.shape[:-2], weights.shape[:-1])
    out = np.full(batch + (values.shape[-2], len(cols)), np.nan)
    out[..., : values.shape[-1]] = values
    bad = np.zeros(batch, dtype=bool)
    for lev in range(2, st.max_level + 1):
        method, p = levels[lev - 2]
        for parent in st.levels[lev]:
            idx = [pos[c] for c in st.children[parent]]
            x = out[..., idx]
            y, b = aggregate_group(x, weights[..., idx], method, p)
            if dat_thresh is not None:
                avail = (~np.isnan(x)).sum(axis=-1) / len(idx)
                y = np.where(avail < dat_thresh, np.nan, y)
            out[..., pos[parent]] = y
            bad = bad | b
    return out, bad


def output_columns(data: IndexData) -> list[str]:
    """Columns of the Aggregated data set: indicators, then each level's aggregates."""
    st = data.structure
    return list(st.indicators) + [c for lev in range(2, st.max_level + 1) for c in st.levels[lev]]


def weight_vector(data: IndexData, weights: dict[str, float]) -> np.ndarray:
    return np.array([weights[c] for c in output_columns(data)], dtype=float)


def resolve_weights(frame: Frame, data: IndexData, params: dict[str, Any]) -> dict[str, float]:
    """The weight set the parameters ask for: iMeta, equal, PCA loadings or factor-analysis
    weights at ``pca_level``, or a table of weights overriding iMeta for the codes it names."""
    st = data.structure
    base = meta_weights(data)
    if isinstance(params["weights"], dict):
        unknown = [c for c in params["weights"] if c not in base]
        if unknown:
            raise StepError(
                f"aggregate: weights names '{unknown[0]}', which is not an indicator or aggregate"
            )
        return {**base, **params["weights"]}
    if params["weights"] == "equal":
        return dict.fromkeys(base, 1.0)
    if params["weights"] == "meta":
        return base
    lev = params["pca_level"]
    if lev >= st.max_level:
        raise StepError(f"aggregate: pca_level must be below the top level {st.max_level}")
    if lev == 1:
        level_values = frame.values
    else:
        levels = per_level(params, st.max_level - 1)
        full, _ = aggregate_values(
            frame.values, data, weight_vector(data, base), levels, params["dat_thresh"]
        )
        cols = output_columns(data)
        level_values = full[:, [cols.index(c) for c in st.levels[lev]]]
    derive = fa_weights if params["weights"] == "fa" else pca_weights
    return {**base, **derive(level_values, st.levels[lev], st)}


def failure_message(levels: list[tuple[str, float | None]]) -> str:
    method = next((m for m, _ in levels if m in ("gmean", "hmean", "genmean")), "gmean")
    return (
        f"aggregate: method '{method}' cannot take zero or negative values; normalise to a "
        f"range above zero, e.g. range = [1, 100]"
    )


def run(frame: Frame, data: IndexData, params: dict[str, Any]) -> tuple[Frame, dict[str, Any]]:
    st = data.structure
    if tuple(frame.columns) != tuple(st.indicators):
        raise StepError("aggregate: the data set to aggregate must hold the indicators only")
    levels = per_level(params, st.max_level - 1)
    weights = resolve_weights(frame, data, params)
    full, bad = aggregate_values(
        frame.values, data, weight_vector(data, weights), levels, params["dat_thresh"]
    )
    if bad.any():
        raise StepError(failure_message(levels))
    return frame.with_values(full, output_columns(data)), {"Weights": weights, "Methods": levels}

"""Normalisation, COINr ``Normalise()`` and its ``n_*`` functions, plus the OECD/JRC Handbook's
ratio, relative-difference, percentile and categorical-band transforms (Handbook Table 15).

Each indicator is first multiplied by its Direction, as COINr does. Targets for ``dist2targ`` and
per-indicator goalposts come from iMeta (COINr's ``f_n_para = "use_iMeta"``), where the target or
posts are flipped with the direction so that the result is measured the right way round.
Panels are normalised over all time points at once (COINr purse, ``global = TRUE``) unless
``global = false``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..data import Frame, IndexData, _blank, parse_number
from ..rstats import rank_asc, rmean, rsd
from ._params import ParamError, StepError, check_keys, choice, flag, number, pair

METHODS = (
    "minmax",
    "zscore",
    "scaled",
    "rank",
    "borda",
    "prank",
    "fracmax",
    "dist2max",
    "dist2ref",
    "dist2targ",
    "goalposts",
    "percentile",
    "ratio",
    "reldiff",
    "band",
    "none",
)
KEYS = {
    "method",
    "range",
    "mean",
    "sd",
    "lower",
    "upper",
    "scale",
    "ref",
    "cap_max",
    "trunc2posts",
    "to",
    "band",
    "global",
    "indiv",
}


def _spec(params: dict[str, Any]) -> dict[str, Any]:
    check_keys(params, KEYS - {"indiv", "global"})
    m = choice(params, "method", METHODS, "minmax")
    out: dict[str, Any] = {"method": m}
    allowed = {
        "minmax": {"range"},
        "zscore": {"mean", "sd"},
        "scaled": {"lower", "upper"},
        "dist2ref": {"ref", "cap_max"},
        "dist2targ": {"cap_max"},
        "goalposts": {"lower", "upper", "scale", "trunc2posts"},
        "ratio": {"to"},
        "reldiff": {"to"},
        "band": {"band"},
    }.get(m, set())
    for key in params:
        if key != "method" and key not in allowed:
            raise ParamError(key, f"not a parameter of normalisation method '{m}'")
    if m == "minmax":
        out["range"] = pair(params, "range", (0.0, 100.0))
    elif m == "zscore":
        out["mean"] = number(params, "mean", 0.0)
        out["sd"] = number(params, "sd", 1.0)
        if out["sd"] <= 0:
            raise ParamError("sd", "must be positive")
    elif m == "scaled":
        out["lower"] = number(params, "lower", 0.0)
        out["upper"] = number(params, "upper", 100.0)
    elif m == "dist2ref":
        if not isinstance(params.get("ref"), str):
            raise ParamError("ref", 'dist2ref needs ref = "<uCode of the reference unit>"')
        out["ref"] = params["ref"]
        out["cap_max"] = flag(params, "cap_max", False)
    elif m == "dist2targ":
        out["cap_max"] = flag(params, "cap_max", False)
    elif m == "goalposts":
        out["lower"] = number(params, "lower", None)
        out["upper"] = number(params, "upper", None)
        out["scale"] = number(params, "scale", 1.0)
        out["trunc2posts"] = flag(params, "trunc2posts", True)
        if (out["lower"] is None) != (out["upper"] is None):
            raise ParamError(
                "lower" if out["lower"] is None else "upper",
                "give both lower and upper, or neither (posts from iMeta)",
            )
    elif m in ("ratio", "reldiff"):
        out["to"] = choice(params, "to", ("mean", "max", "min"), "mean")
    elif m == "band":
        out["band"] = number(params, "band", 0.2, lo=0)
    return out


def validate(params: dict[str, Any]) -> dict[str, Any]:
    params = dict(params)
    indiv = params.pop("indiv", {})
    glob = flag(params, "global", True)
    params.pop("global", None)
    out = _spec(params)
    out["global"] = glob
    if not isinstance(indiv, dict):
        raise ParamError("indiv", "must be a table of iCode = {method = …}")
    out["indiv"] = {}
    for code, spec in indiv.items():
        if not isinstance(spec, dict):
            raise ParamError(f"indiv.{code}", "must be a table of parameters")
        try:
            out["indiv"][code] = _spec(spec)
        except ParamError as exc:
            raise ParamError(f"indiv.{code}.{exc.key}", exc.message) from None
    return out


def _meta_value(data: IndexData, code: str, column: str) -> float:
    meta = data.structure.meta
    if column not in meta.columns:
        raise StepError(f"normalise: iMeta has no '{column}' column")
    value = meta.loc[meta["iCode"] == code, column].iloc[0]
    if _blank(value):
        raise StepError(f"normalise: iMeta '{column}' is empty for indicator '{code}'")
    return parse_number(value, data.source.get("iMeta", "iMeta"), None, column)


def normalise_vector(
    x: np.ndarray,
    spec: dict[str, Any],
    direction: float,
    ucodes: np.ndarray | None = None,
    data: IndexData | None = None,
    code: str | None = None,
) -> np.ndarray:
    """Normalise one indicator (already on its original scale); ``x`` may carry leading batch
    dimensions, the units being along the last axis."""
    m = spec["method"]
    x = np.asarray(x, dtype=float) * direction
    with np.errstate(invalid="ignore", divide="ignore"):
        mn = np.nanmin(x, axis=-1, keepdims=True) if m != "none" else None
        mx = np.nanmax(x, axis=-1, keepdims=True) if m != "none" else None
        if m == "none":
            return x
        if m == "minmax":
            lo, hi = spec["range"]
            return (x - mn) / (mx - mn) * (hi - lo) + lo
        if m == "zscore":
            return (x - rmean(x)[..., None]) / rsd(x)[..., None] * spec["sd"] + spec["mean"]
        if m == "scaled":
            return (x - spec["lower"]) / (spec["upper"] - spec["lower"]) * 100
        if m == "dist2max":
            return 1 - (mx - x) / (mx - mn)
        if m == "fracmax":
            return x / mx
        if m == "rank":
            return rank_asc(x)
        if m == "borda":
            return rank_asc(x) - 1
        if m == "prank":
            return (rank_asc(x) - 1) / ((~np.isnan(x)).sum(axis=-1, keepdims=True) - 1)
        if m == "percentile":
            return rank_asc(x) / (~np.isnan(x)).sum(axis=-1, keepdims=True) * 100
        if m in ("ratio", "reldiff", "band") and direction == -1:
            raise StepError(
                f"normalise: method '{m}' compares positive values with a reference "
                f"and cannot reverse indicator '{code}' (Direction -1)"
            )
        if m in ("ratio", "reldiff"):
            ref = {"mean": lambda: rmean(x)[..., None], "max": lambda: mx, "min": lambda: mn}[
                spec["to"]
            ]()
            return x / ref if m == "ratio" else (x - ref) / ref
        if m == "band":
            ref = rmean(x)[..., None]
            out = np.where(
                x > ref * (1 + spec["band"]), 1.0, np.where(x < ref * (1 - spec["band"]), -1.0, 0.0)
            )
            return np.where(np.isnan(x), np.nan, out)
        if m == "dist2ref":
            hits = np.flatnonzero(ucodes == spec["ref"])
            if hits.size != 1:
                raise StepError(
                    f"normalise: reference unit '{spec['ref']}' not found once in the data"
                )
            xref = x[..., hits[0] : hits[0] + 1]
            y = 1 - (xref - x) / (xref - mn)
            return np.where(y > 1, 1.0, y) if spec["cap_max"] else y
        if m == "dist2targ":
            targ = _meta_value(data, code, "Target") * direction
            y = (x - mn) / (targ - mn)
            return np.where(y > 1, 1.0, y) if spec["cap_max"] else y
        # goalposts
        if spec["lower"] is None:
            lo = _meta_value(data, code, "goalpost_lower")
            hi = _meta_value(data, code, "goalpost_upper")
            gp = (hi * direction, lo * direction) if direction == -1 else (lo, hi)
        else:
            gp = (spec["lower"], spec["upper"])
        y = (x - gp[0]) / (gp[1] - gp[0])
        if spec["trunc2posts"]:
            y = np.where(y > 1, 1.0, np.where(y < 0, 0.0, y))
        return y * spec["scale"]


def run(
    frame: Frame, data: IndexData, params: dict[str, Any], memo: dict | None = None
) -> tuple[Frame, dict[str, Any]]:
    """Normalise every column; ``memo`` (shared between builds of one analysis) remembers each
    column's result per option, so columns that treatment left alike are normalised once."""
    for code in params["indiv"]:
        if code not in frame.columns:
            raise StepError(f"normalise: indiv names '{code}', which is not an indicator")
    values = frame.values.copy()
    slices = [np.arange(len(frame.ucodes))] if params["global"] else frame.time_slices()
    direction = data.structure.direction
    for rows in slices:
        for j, code in enumerate(frame.columns):
            spec = params["indiv"].get(code, params)
            x, ucodes = frame.values[rows, j], frame.ucodes[rows]
            key = (code, x.tobytes(), tuple(ucodes), repr(sorted(spec.items())))
            y = None if memo is None else memo.get(key)
            if y is None:
                y = normalise_vector(x, spec, direction[code], ucodes, data, code)
                if memo is not None:
                    memo[key] = y
            values[rows, j] = y
    return frame.with_values(values), {"Specs": params}

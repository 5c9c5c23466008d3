"""Impute missing values (COINr ``Impute()`` by column, ``i_mean``/``i_median`` and their group
versions, and ``impute_panel()`` for time series: ``latest``, ``constant``, ``linear``).

Cross-sectional methods run within each time point, as COINr imputes each coin of a purse
separately; the panel methods borrow values across time points of the same unit.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..data import Frame, IndexData, _blank
from ..rstats import rmean, rmedian
from ._params import ParamError, StepError, check_keys, choice, integer

METHODS = ("mean", "median", "mean_group", "median_group", "latest", "constant", "linear", "none")


def validate(params: dict[str, Any]) -> dict[str, Any]:
    check_keys(params, {"method", "group", "max_time"})
    out = {"method": choice(params, "method", METHODS, "mean")}
    if out["method"].endswith("_group"):
        group = params.get("group")
        if not isinstance(group, str) or not group:
            raise ParamError("group", f"method '{out['method']}' needs group = \"<iData column>\"")
        out["group"] = group
    elif "group" in params:
        raise ParamError(
            "group", f"only used by mean_group and median_group, not '{out['method']}'"
        )
    out["max_time"] = integer(params, "max_time", None, lo=1)
    return out


def _column_fill(x: np.ndarray, stat) -> np.ndarray:
    """Fill the NaNs of one column with ``stat`` of its observed values (COINr Impute.numeric)."""
    nas = np.isnan(x)
    if not nas.any() or nas.all():
        return x
    out = x.copy()
    out[nas] = stat(x)
    return out


def _group_fill(x: np.ndarray, groups: np.ndarray, stat) -> np.ndarray:
    """COINr ``i_mean_grp``/``i_median_grp``: units without a group are left alone."""
    out = x.copy()
    for g in dict.fromkeys(g for g in groups if g is not None):
        rows = np.flatnonzero(groups == g)
        out[rows] = _column_fill(x[rows], stat)
    return out


def _panel(frame: Frame, method: str, max_time: int | None) -> np.ndarray:
    values = frame.values.copy()
    times = frame.times
    years = np.unique(times)[::-1]
    for u in dict.fromkeys(frame.ucodes):
        rows = np.flatnonzero(frame.ucodes == u)
        rows = rows[np.argsort(times[rows], kind="stable")]
        t = times[rows]
        y = frame.values[rows]
        if method == "latest":
            for k, tk in enumerate(t):
                older = [yr for yr in years if yr < tk]
                if max_time is not None:
                    older = older[:max_time]
                new = y[k].copy()
                for yr in older:
                    if not np.isnan(new).any():
                        break
                    old = y[t == yr]
                    if old.size:
                        fill = np.isnan(new)
                        new[fill] = old[0][fill]
                values[rows[k]] = new
        else:
            for j in range(y.shape[1]):
                col = y[:, j]
                ok = ~np.isnan(col)
                if ok.all() or not ok.any():
                    continue
                if method == "linear":
                    filled = np.interp(t, t[ok], col[ok])
                else:  # constant, f = 0, rule = 2: the last value before, else the first after
                    idx = np.searchsorted(t[ok], t, side="right") - 1
                    filled = col[ok][np.clip(idx, 0, None)]
                values[rows, j] = np.where(ok, col, filled)
    return values


def run(frame: Frame, data: IndexData, params: dict[str, Any]) -> tuple[Frame, dict[str, Any]]:
    method = params["method"]
    values = frame.values.copy()
    if method in ("latest", "constant", "linear"):
        if frame.times is None:
            raise StepError(
                f"impute: method '{method}' needs panel data (a Time column with "
                f"more than one time point)"
            )
        values = _panel(frame, method, params["max_time"])
    elif method != "none":
        stat = rmean if method.startswith("mean") else rmedian
        groups = None
        if method.endswith("_group"):
            gcol = params["group"]
            if gcol not in data.units.columns:
                raise StepError(f"impute: group column '{gcol}' is not in iData")
            keyed = data.units.set_index(["Time", "uCode"] if frame.times is not None else "uCode")[
                gcol
            ]
            keys = (
                list(zip(frame.times, frame.ucodes, strict=True))
                if frame.times is not None
                else list(frame.ucodes)
            )
            groups = np.array(
                [None if _blank(g) else str(g) for g in keyed.loc[keys]], dtype=object
            )
        for rows in frame.time_slices():
            for j in range(values.shape[1]):
                x = frame.values[rows, j]
                values[rows, j] = (
                    _column_fill(x, stat) if groups is None else _group_fill(x, groups[rows], stat)
                )
    imputed = np.argwhere(np.isnan(frame.values) & ~np.isnan(values))
    points = [(frame.ucodes[i], frame.columns[j]) for i, j in imputed]
    details = {"Method": method, "Imputed": points, "Remaining_NA": int(np.isnan(values).sum())}
    return frame.with_values(values), details

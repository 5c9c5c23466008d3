"""Outlier treatment, COINr ``Treat()`` with its defaults: ``check_SkewKurt`` as the pass test,
``winsorise`` as the first treatment and ``log_CT`` on the original values as the second.

The winsorisation loop is COINr's line for line: the side is chosen from the sign of the current
skew, every value tied at the extreme moves to the next value in, and the count that stops the
loop is the number of points at the extreme(s) last moved (so tied points count together).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..data import Frame, IndexData
from ..rstats import skew_kurt
from ._params import ParamError, StepError, check_keys, flag, integer, number

SPEC_KEYS = {"winmax", "skew", "kurtosis", "log", "force_win", "combine"}


def _spec(params: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    check_keys(params, SPEC_KEYS)
    merged = {**base, **params}
    return {
        "winmax": integer(merged, "winmax", 5, lo=0),
        "skew": number(merged, "skew", 2.0, lo=0),
        "kurtosis": number(merged, "kurtosis", 3.5),
        "log": flag(merged, "log", True),
        "force_win": flag(merged, "force_win", False),
        "combine": flag(merged, "combine", False),
    }


def validate(params: dict[str, Any]) -> dict[str, Any]:
    params = dict(params)
    indiv = params.pop("indiv", {})
    out = _spec(params, {})
    if not isinstance(indiv, dict):
        raise ParamError("indiv", 'must be a table of iCode = "none" or iCode = {winmax = …}')
    out["indiv"] = {}
    for code, spec in indiv.items():
        if spec == "none":
            out["indiv"][code] = "none"
        elif isinstance(spec, dict):
            try:
                out["indiv"][code] = _spec(spec, out)
            except ParamError as exc:
                raise ParamError(f"indiv.{code}.{exc.key}", exc.message) from None
        else:
            raise ParamError(f"indiv.{code}", 'must be "none" or a table of parameters')
    return out


def check_skew_kurt(
    x: np.ndarray, skew_thresh: float, kurt_thresh: float
) -> tuple[bool | None, float, float]:
    """COINr ``check_SkewKurt``: passes if |skew| < threshold OR kurtosis < threshold.

    Returns None for the pass flag where R's logic gives NA (a constant column)."""
    sk, kt = skew_kurt(x)
    a = None if np.isnan(sk) else bool(abs(sk) < skew_thresh)
    b = None if np.isnan(kt) else bool(kt < kurt_thresh)
    if a is True or b is True:
        return True, sk, kt
    if a is None or b is None:
        return None, sk, kt
    return False, sk, kt


def winsorise(
    x: np.ndarray,
    winmax: int | None,
    skew_thresh: float,
    kurt_thresh: float,
    force_win: bool = False,
) -> tuple[np.ndarray, int, np.ndarray]:
    """COINr ``winsorise``; returns the values, ``nwin`` and a per-point label (winhi/winlo/'')."""
    x = x.copy()
    passing, sk, _ = check_skew_kurt(x, skew_thresh, kurt_thresh)
    nwin = 0
    imax = np.array([], dtype=int)
    imin = np.array([], dtype=int)
    if not passing or force_win:
        below = winmax is None or nwin < winmax
        while (not passing or force_win) and below:
            if sk >= 0:  # the skew of the current x, from the last check
                imax = np.flatnonzero(x == np.nanmax(x))
                rest = np.delete(x, imax)
                if np.isnan(rest).all():
                    break
                x[imax] = np.nanmax(rest)
            else:
                imin = np.flatnonzero(x == np.nanmin(x))
                rest = np.delete(x, imin)
                if np.isnan(rest).all():
                    break
                x[imin] = np.nanmin(rest)
            nwin = imax.size + imin.size
            below = winmax is None or nwin < winmax
            passing, sk, _ = check_skew_kurt(x, skew_thresh, kurt_thresh)
            if passing is None:
                break
    treated = np.full(x.shape, "", dtype=object)
    treated[imax] = "winhi"
    treated[imin] = "winlo"
    return x, nwin, treated


def log_ct(x: np.ndarray) -> np.ndarray:
    """COINr ``log_CT``: ln(x - min + 0.01 (max - min))."""
    mn, mx = np.nanmin(x), np.nanmax(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.log(x - mn + 0.01 * (mx - mn))


def treat_vector(x: np.ndarray, spec: dict[str, Any]) -> tuple[np.ndarray, dict[str, Any]]:
    """COINr ``Treat.numeric`` with the default functions; returns the values and the record."""
    st, kt_t = spec["skew"], spec["kurtosis"]
    rec: dict[str, Any] = {}
    p0, rec["Skew0"], rec["Kurt0"] = check_skew_kurt(x, st, kt_t)
    rec["Pass0"] = p0
    labels = np.full(x.shape, "", dtype=object)
    rec.update(
        nwin=0,
        Pass1=None,
        Skew1=np.nan,
        Kurt1=np.nan,
        Logged=False,
        Pass2=None,
        Skew2=np.nan,
        Kurt2=np.nan,
    )
    if p0 is None:
        return x, {**rec, "Points": labels}
    x1 = x
    passing = p0
    if not passing:
        x1, rec["nwin"], labels = winsorise(x, spec["winmax"], st, kt_t, spec["force_win"])
        passing, rec["Skew1"], rec["Kurt1"] = check_skew_kurt(x1, st, kt_t)
        rec["Pass1"] = passing
        if passing is None:
            return x, {**rec, "Points": np.full(x.shape, "", dtype=object)}
    x2 = x1
    if not passing and spec["log"]:
        x2 = log_ct(x1 if spec["combine"] else x)
        rec["Logged"] = True
        labels = np.array([f"{w}+log_CT" if w else "log_CT" for w in labels], dtype=object)
        labels[np.isnan(x)] = ""
        rec["Pass2"], rec["Skew2"], rec["Kurt2"] = check_skew_kurt(x2, st, kt_t)
    return x2, {**rec, "Points": labels}


def _treat_once(
    x: np.ndarray, spec: dict[str, Any], memo: dict | None
) -> tuple[np.ndarray, dict[str, Any]]:
    """:func:`treat_vector`, remembered per column and option in ``memo`` (shared between builds
    of one analysis): a column that passes untreated is the same whatever ``winmax``."""
    if memo is None:
        return treat_vector(x, spec)
    column = (x.tobytes(), *(spec[k] for k in sorted(SPEC_KEYS - {"winmax"})))
    found = memo.get(column) or memo.get((*column, spec["winmax"]))
    if found is None:
        found = treat_vector(x, spec)
        passed_untreated = found[1]["Pass0"] is not False
        memo[column if passed_untreated else (*column, spec["winmax"])] = found
    xt, rec = found
    return xt, dict(rec)


def run(
    frame: Frame, data: IndexData, params: dict[str, Any], memo: dict | None = None
) -> tuple[Frame, dict[str, Any]]:
    for code in params["indiv"]:
        if code not in frame.columns:
            raise StepError(f"treat: indiv names '{code}', which is not an indicator")
    values = frame.values.copy()
    records = []
    points = np.full(values.shape, "", dtype=object)
    for rows in frame.time_slices():
        for j, code in enumerate(frame.columns):
            spec = params["indiv"].get(code, params)
            if spec == "none":
                continue
            try:
                xt, rec = _treat_once(frame.values[rows, j], spec, memo)
            except ValueError as exc:
                raise StepError(f"treat: indicator '{code}': {exc}") from None
            values[rows, j] = xt
            points[rows, j] = rec.pop("Points")
            winsorised = [
                u
                for u, lab in zip(frame.ucodes[rows], points[rows, j], strict=True)
                if lab.startswith("win")
            ]
            rec = {"iCode": code, **rec, "Winsorised": " ".join(winsorised)}
            if frame.times is not None:
                rec = {"Time": frame.times[rows][0], **rec}
            records.append(rec)
    table = pd.DataFrame(records)
    treated = pd.DataFrame(points, columns=list(frame.columns))
    treated.insert(0, "uCode", frame.ucodes)
    return frame.with_values(values), {"Dets_Table": table, "Treated_Points": treated}

"""Analysis of a built index: indicator statistics (COINr ``get_stats``), correlations
(``get_corr``, without hiding insignificant ones), Cronbach's alpha (``get_cronbach``), data
availability (``get_data_avail``), results with ranks at every level (``get_results``) and a
unit's strengths and weaknesses (``get_str_weak``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .data import Frame, IndexData
from .pipeline import Index
from .rstats import kurt, rank_desc, rmean, rmedian, rsd, skew
from .steps.screen import availability


def indicator_stats(
    frame: Frame,
    t_skew: float = 2.0,
    t_kurt: float = 3.5,
    t_avail: float = 0.65,
    t_zero: float = 0.5,
    t_unq: float = 0.5,
) -> pd.DataFrame:
    """One row of statistics and flags per column, as COINr ``get_stats`` (unrounded)."""
    rows = []
    n = frame.values.shape[0]
    for code in frame.columns:
        x = frame.col(code)
        obs = x[~np.isnan(x)]
        n_avail = obs.size
        sk = skew(obs) if n_avail >= 3 else np.nan
        kt = kurt(obs) if n_avail >= 4 else np.nan
        nzero = int((obs != 0).sum())
        nunq = len(np.unique(obs))
        nsame = int(np.unique(obs, return_counts=True)[1].max()) if n_avail else 0
        rows.append(
            {
                "iCode": code,
                "Min": obs.min() if n_avail else np.nan,
                "Max": obs.max() if n_avail else np.nan,
                "Mean": float(rmean(x)),
                "Median": float(rmedian(x)),
                "Std": float(rsd(x)),
                "Skew": sk,
                "Kurt": kt,
                "N.Avail": n_avail,
                "N.NonZero": nzero,
                "N.Unique": nunq,
                "N.Same": nsame,
                "Frc.Avail": n_avail / n,
                "Frc.NonZero": nzero / n_avail if n_avail else np.nan,
                "Frc.Unique": nunq / n_avail if n_avail else np.nan,
                "Frc.Same": nsame / n_avail if n_avail else np.nan,
                "Flag.Avail": "ok" if n_avail / n >= t_avail else "LOW",
                "Flag.NonZero": "ok" if nzero / n >= t_zero else "LOW",
                "Flag.Unique": "ok" if nunq / n >= t_unq else "LOW",
                "Flag.SkewKurt": "OUT" if (abs(sk) > t_skew) and (kt > t_kurt) else "ok",
            }
        )
    return pd.DataFrame(rows)


def correlations(
    frame: Frame,
    data: IndexData,
    level_a: int,
    level_b: int,
    method: str = "pearson",
    with_parent: bool = False,
) -> pd.DataFrame:
    """Correlations between the codes of two levels (pairwise complete observations), long
    format. With ``with_parent`` only each code's own ancestor at ``level_b`` is kept."""
    st = data.structure
    df = frame.to_frame()
    a_codes = [c for c in st.levels[level_a] if c in df.columns]
    b_codes = [c for c in st.levels[level_b] if c in df.columns]
    corr = df[list(dict.fromkeys(a_codes + b_codes))].astype(float).corr(method=method)
    rows = []
    for a in a_codes:
        for b in b_codes:
            if with_parent and st.ancestor(a, level_b) != b:
                continue
            rows.append({"Var1": a, "Var2": b, "Correlation": corr.loc[a, b]})
    return pd.DataFrame(rows)


def cronbach_alpha(x: np.ndarray) -> float:
    """Cronbach's alpha from the pairwise-complete covariance matrix (COINr ``get_cronbach``)."""
    cov = pd.DataFrame(np.asarray(x, dtype=float)).cov().to_numpy()
    k = cov.shape[0]
    total = np.nansum(cov)
    off = (total - np.nansum(np.diag(cov))) / (k * (k - 1))
    return float(k**2 * off / total)


def cronbach_by_aggregate(frame: Frame, data: IndexData) -> pd.DataFrame:
    """Alpha of each aggregate's children, for every aggregate with two or more children."""
    rows = []
    for parent, kids in data.structure.children.items():
        if len(kids) > 1 and all(k in frame.columns for k in kids):
            rows.append(
                {
                    "iCode": parent,
                    "Level": data.structure.level_of(parent),
                    "alpha": cronbach_alpha(frame.select(kids)),
                }
            )
    return pd.DataFrame(rows)


def data_availability(frame: Frame, data: IndexData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Availability per unit overall, and per unit within each aggregate's indicators."""
    summary = availability(frame.select(data.structure.indicators))
    summary.insert(0, "uCode", frame.ucodes)
    by_group = pd.DataFrame({"uCode": frame.ucodes})
    st = data.structure
    for lev in range(2, st.max_level + 1):
        for code in st.levels[lev]:
            inds = [i for i in st.indicators if st.ancestor(i, lev) == code]
            by_group[code] = 1 - np.isnan(frame.select(inds)).mean(axis=1)
    return summary, by_group


def ranks(frame: Frame) -> np.ndarray:
    """Ranks of every column (1 = highest score, ties at the minimum), within each time point."""
    out = np.full(frame.values.shape, np.nan)
    for rows in frame.time_slices():
        out[rows] = rank_desc(frame.values[rows].T).T
    return out


def results_table(index: Index) -> pd.DataFrame:
    """Scores and ranks at every level, top level first, sorted by the index score
    (COINr ``get_results(tab_type = "Full")`` plus a rank column per code)."""
    frame = index.last
    st = index.data.structure
    codes = [c for c in st.codes_top_down() if c in frame.columns]
    r = ranks(frame)
    names = index.data.units.drop_duplicates("uCode").set_index("uCode")["uName"]
    cols: dict[str, object] = {
        "uCode": frame.ucodes.astype(object),
        "uName": names.reindex(frame.ucodes).to_numpy(),
    }
    if frame.times is not None:
        cols["Time"] = frame.times
    for c in codes:
        j = frame.columns.index(c)
        cols[c] = frame.values[:, j]
        cols[f"{c}.Rank"] = r[:, j]
    df = pd.DataFrame(cols)
    sort_by = (["Time"] if frame.times is not None else []) + [codes[0]]
    asc = [True] * (len(sort_by) - 1) + [False]
    return df.sort_values(sort_by, ascending=asc, kind="stable").reset_index(drop=True)


def _ranked_indicators(
    index: Index, dset: str, min_discard: bool, unq_discard: float | None
) -> tuple[Frame, list[str], np.ndarray, np.ndarray]:
    """The data set, indicator codes, every unit's rank on each indicator, and which indicators
    may be listed at all (COINr ``get_str_weak``: directions applied to Raw data)."""
    frame = index.datasets[dset]
    st = index.data.structure
    codes = list(st.indicators)
    vals = frame.select(codes)
    if dset == "Raw":
        vals = vals * np.array([st.direction[c] for c in codes])
    r = rank_desc(vals.T).T
    keep = np.ones(r.shape, dtype=bool) & ~np.isnan(r)
    if unq_discard is not None:
        frac = np.array([len(np.unique(frame.col(c))) / frame.values.shape[0] for c in codes])
        keep &= frac > unq_discard
    if min_discard:
        keep &= r != np.nanmax(r, axis=0)
    return frame, codes, r, keep


def _order(r: np.ndarray, keep: np.ndarray, row: int) -> np.ndarray:
    idx = np.flatnonzero(keep[row])
    return idx[np.argsort(r[row, idx], kind="stable")]


def strengths_weaknesses(
    index: Index,
    ucode: str,
    dset: str = "Raw",
    top_n: int = 5,
    bottom_n: int = 5,
    min_discard: bool = True,
    unq_discard: float | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A unit's best and worst ranked indicators (COINr ``get_str_weak``); directions are
    applied when reading Raw data, as COINr does."""
    if ucode not in set(index.datasets[dset].ucodes):
        raise ValueError(f"unit '{ucode}' is not in data set {dset}")
    frame, codes, r, keep = _ranked_indicators(index, dset, min_discard, unq_discard)
    st = index.data.structure
    row = np.flatnonzero(frame.ucodes == ucode)[0]
    idx = _order(r, keep, row)
    mine = r[row]

    def table(sel: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Code": [codes[i] for i in sel],
                "Name": [st.names[codes[i]] for i in sel],
                "Dimension": [st.ancestor(codes[i], 2) for i in sel],
                "Rank": mine[sel],
                "Value": frame.select([codes[i] for i in sel])[row],
            }
        )

    return table(idx[:top_n]), table(idx[max(len(idx) - bottom_n, 0) :])


def strengths_weaknesses_all(
    index: Index, dset: str = "Raw", top_n: int = 5, bottom_n: int = 5, min_discard: bool = True
) -> dict[str, tuple[list[tuple[str, float]], list[tuple[str, float]]]]:
    """:func:`strengths_weaknesses` of every unit at once, as (code, rank) pairs: the ranks are
    computed once instead of once per unit."""
    frame, codes, r, keep = _ranked_indicators(index, dset, min_discard, None)
    out = {}
    for row, u in enumerate(frame.ucodes):
        idx = _order(r, keep, row)
        best, worst = idx[:top_n], idx[max(len(idx) - bottom_n, 0) :]
        out[str(u)] = tuple([(codes[i], float(r[row, i])) for i in sel] for sel in (best, worst))
    return out

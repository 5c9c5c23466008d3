"""R-faithful numeric primitives.

COINr runs on R, whose ``sum()``, ``mean()`` and ``var()`` accumulate in x87 long double, in index
order, and whose ``mean()`` adds a second correcting pass. Ties, winsorisation decisions and the
0.5 test of the Copeland method all depend on the last bit of such sums, so every statistic the
engine compares or ranks goes through these helpers instead of numpy's pairwise summation.
All functions reduce along the last axis and treat NaN as missing (R's ``na.rm = TRUE``).
"""

from __future__ import annotations

import numpy as np

LD = np.longdouble


def _ld_sum(x: np.ndarray) -> np.ndarray:
    """Sequential long-double sum along the last axis; NaN must already be zeroed.

    Short axes (aggregation groups) are added column by column, which vectorises over the
    batch; long ones use a cumulative sum. Both add in index order, as R does."""
    k = x.shape[-1]
    if k == 0:
        return np.zeros(x.shape[:-1], dtype=LD)
    if k > 64 or x.size // k < 64:
        return np.cumsum(x, axis=-1, dtype=LD)[..., -1]
    acc = x[..., 0].astype(LD)
    for j in range(1, k):
        acc += x[..., j]
    return acc


def rsum(x: np.ndarray) -> np.ndarray:
    """R ``sum(x, na.rm = TRUE)`` along the last axis, returned as float64."""
    x = np.asarray(x, dtype=float)
    return _ld_sum(np.where(np.isnan(x), 0.0, x)).astype(float)


def rmean(x: np.ndarray) -> np.ndarray:
    """R ``mean(x, na.rm = TRUE)``: long-double sum / n, then one correcting pass."""
    x = np.asarray(x, dtype=float)
    ok = ~np.isnan(x)
    n = ok.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = _ld_sum(np.where(ok, x, 0.0)) / n
        fin = np.isfinite(s)
        t = _ld_sum(np.where(ok, x.astype(LD) - s[..., None], LD(0)))
        s = np.where(fin, s + t / n, s)
    return s.astype(float)


def rvar(x: np.ndarray) -> np.ndarray:
    """R ``var(x, na.rm = TRUE)`` (n - 1 denominator, R's two-pass cov.c algorithm)."""
    x = np.asarray(x, dtype=float)
    ok = ~np.isnan(x)
    n = ok.sum(axis=-1)
    m = rmean(x).astype(LD)
    d = np.where(ok, x.astype(LD) - m[..., None], LD(0))
    with np.errstate(invalid="ignore", divide="ignore"):
        v = _ld_sum(d * d) / (n - 1)
    return np.where(n > 1, v.astype(float), np.nan)


def rsd(x: np.ndarray) -> np.ndarray:
    """R ``sd(x, na.rm = TRUE)``."""
    return np.sqrt(rvar(x))


def rmedian(x: np.ndarray) -> np.ndarray:
    """R ``median(x, na.rm = TRUE)``: mean of the two middle values for even n."""
    x = np.asarray(x, dtype=float)
    n = (~np.isnan(x)).sum(axis=-1)
    xs = np.sort(x, axis=-1)  # NaN sorts last
    lo = np.clip((n - 1) // 2, 0, None)
    hi = np.clip(n // 2, 0, None)
    a = np.take_along_axis(xs, lo[..., None], axis=-1)[..., 0]
    b = np.take_along_axis(xs, hi[..., None], axis=-1)[..., 0]
    pair = np.stack([a, b], axis=-1)
    out = rmean(pair)
    return np.where(n > 0, out, np.nan)


def _moments(x: np.ndarray, need: int, what: str) -> tuple[int, float, float, float]:
    """n and the sums of squared, cubed and fourth-power deviations, as COINr computes them."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    n = x.size
    if n < need:
        raise ValueError(
            f"Insufficient non-missing points to calculate {what} (min {need} required)."
        )
    d = x - float(rmean(x))
    d2 = d * d
    sums = _ld_sum(np.stack([d2, d**3, d**4])).astype(float)
    return n, float(sums[0]), float(sums[1]), float(sums[2])


def _skew(n: int, s2: float, s3: float) -> float:
    with np.errstate(invalid="ignore", divide="ignore"):
        y = np.sqrt(n) * s3 / (np.float64(s2) ** 1.5)
        return float(y * np.sqrt(n * (n - 1)) / (n - 2))


def _kurt(n: int, s2: float, s4: float) -> float:
    with np.errstate(invalid="ignore", divide="ignore"):
        r = n * s4 / (np.float64(s2) * s2)
        return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def skew(x: np.ndarray) -> float:
    """COINr ``skew()`` (e1071 type 2, as in Excel), missing values dropped."""
    n, s2, s3, _ = _moments(x, 3, "skewness")
    return _skew(n, s2, s3)


def kurt(x: np.ndarray) -> float:
    """COINr ``kurt()`` (e1071 type 2 excess kurtosis), missing values dropped."""
    n, s2, _, s4 = _moments(x, 4, "kurtosis")
    return _kurt(n, s2, s4)


def skew_kurt(x: np.ndarray) -> tuple[float, float]:
    """Both at once (one pass of sums), as ``check_SkewKurt`` needs them together."""
    n, s2, s3, s4 = _moments(x, 4, "kurtosis")
    return _skew(n, s2, s3), _kurt(n, s2, s4)


def rank_desc(x: np.ndarray) -> np.ndarray:
    """COINr ranks: ``rank(-x, ties.method = "min", na.last = "keep")`` along the last axis."""
    x = np.asarray(x, dtype=float)
    if x.shape[-1] == 0:
        return x.copy()
    return _rank_min(-x)


def rank_asc(x: np.ndarray) -> np.ndarray:
    """R ``rank(x, ties.method = "min", na.last = "keep")`` along the last axis."""
    x = np.asarray(x, dtype=float)
    if x.shape[-1] == 0:
        return x.copy()
    return _rank_min(x)


def _rank_min(x: np.ndarray) -> np.ndarray:
    # scipy.stats takes most of a second to import: loaded on the first ranking, so that a
    # command or server that never ranks (an import, a page view) starts without it
    from scipy.stats import rankdata

    return rankdata(x, method="min", axis=-1, nan_policy="omit").astype(float)


def rquantile(x: np.ndarray, p: float) -> np.ndarray:
    """R ``quantile(x, p, na.rm = TRUE)`` with the default type 7, along the last axis."""
    x = np.asarray(x, dtype=float)
    n = (~np.isnan(x)).sum(axis=-1)
    xs = np.sort(x, axis=-1)
    index = (n - 1) * p
    lo = np.clip(np.floor(index).astype(int), 0, None)
    hi = np.clip(np.ceil(index).astype(int), 0, None)
    qlo = np.take_along_axis(xs, lo[..., None], axis=-1)[..., 0]
    qhi = np.take_along_axis(xs, hi[..., None], axis=-1)[..., 0]
    h = index - lo
    interp = (index > lo) & (qhi != qlo)
    out = np.where(interp, (1 - h) * qlo + h * qhi, qlo)
    return np.where(n > 0, out, np.nan)

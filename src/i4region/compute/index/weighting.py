"""Weights beyond COINr: benefit of the doubt (DEA) and factor-analysis weights.

Both follow the OECD/JRC Handbook on Constructing Composite Indicators (2008):

- **Benefit of the doubt** (Handbook §6.3; Cherchye et al. 2007): each unit gets the weights that
  show it in its best light, subject to no unit scoring above 1 with them. For unit c:
  maximise w·y_c subject to w·y_j ≤ 1 for every unit j and w ≥ 0. Optional bounds on the
  "pie shares" (each indicator's share w_i·y_ci of the unit's score) stop a unit from resting on
  one indicator alone: lower ≤ w_i·y_ci / (w·y_c) ≤ upper, written as linear constraints.
- **Factor-analysis weights** (Handbook §6.1, Tables 16–17): principal components of the
  standardised indicators, the components kept that each explain more than 10 % of the variance
  (and at least 60 % together), varimax rotation with Kaiser normalisation, squared loadings
  scaled to unity sum per factor; each indicator belongs to the factor where its scaled squared
  loading is largest, and its weight is that value times the factor's share of the explained
  variance, the weights then scaled to sum to one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog


class WeightingError(ValueError):
    """The data cannot carry this weighting (missing values, too few units, no variation)."""


# --------------------------------------------------------------------------- benefit of the doubt


@dataclass(frozen=True)
class BoDResult:
    scores: np.ndarray  # (units,): 1 for units on the frontier
    weights: np.ndarray  # (units, indicators): each unit's own weights


def benefit_of_the_doubt(
    y: np.ndarray, lower: float | None = None, upper: float | None = None
) -> BoDResult:
    """BoD scores and weights of the normalised, non-negative, higher-is-better matrix ``y``."""
    y = np.asarray(y, dtype=float)
    if y.ndim != 2 or y.shape[0] < 2 or y.shape[1] < 1:
        raise WeightingError("benefit of the doubt needs a units × indicators table")
    if np.isnan(y).any():
        raise WeightingError(
            "benefit of the doubt needs complete data: impute missing values first"
        )
    if (y < 0).any():
        raise WeightingError("benefit of the doubt needs non-negative values: normalise first")
    n, k = y.shape
    if lower is not None and not 0 <= lower <= 1 / k:
        raise WeightingError(f"lower pie share must lie in [0, 1/{k}]")
    if lower and (y == 0).any():
        raise WeightingError(
            "a lower pie share needs positive values (a zero would force the "
            "score to zero): normalise to a range above zero"
        )
    if upper is not None and not 1 / k <= upper <= 1:
        raise WeightingError(f"upper pie share must lie in [1/{k}, 1]")
    scores = np.empty(n)
    weights = np.empty((n, k))
    for c in range(n):
        a_ub = [y]
        b_ub = [np.ones(n)]
        if lower is not None and lower > 0:  # lower·(w·y_c) − w_i·y_ci ≤ 0
            a_ub.append(lower * np.tile(y[c], (k, 1)) - np.diag(y[c]))
            b_ub.append(np.zeros(k))
        if upper is not None and upper < 1:  # w_i·y_ci − upper·(w·y_c) ≤ 0
            a_ub.append(np.diag(y[c]) - upper * np.tile(y[c], (k, 1)))
            b_ub.append(np.zeros(k))
        res = linprog(
            -y[c],
            A_ub=np.vstack(a_ub),
            b_ub=np.concatenate(b_ub),
            bounds=[(0, None)] * k,
            method="highs",
        )
        if res.status != 0:
            raise WeightingError(
                f"benefit of the doubt: no solution for unit {c + 1} ({res.message})"
            )
        scores[c] = -res.fun
        weights[c] = res.x
    return BoDResult(scores, weights)


# --------------------------------------------------------------------------- factor analysis


@dataclass(frozen=True)
class FactorResult:
    eigenvalues: np.ndarray  # of the correlation matrix, largest first
    variance_share: np.ndarray  # each component's share of the total variance
    loadings: np.ndarray  # (indicators, factors) after varimax rotation
    scaled_squared: np.ndarray  # squared loadings scaled to unity sum per factor
    factor_share: np.ndarray  # each rotated factor's share of the explained variance
    factor_of: np.ndarray  # (indicators,): the factor each indicator belongs to
    weights: np.ndarray  # (indicators,): summing to one


def varimax(loadings: np.ndarray, tol: float = 1e-12, max_iter: int = 1000) -> np.ndarray:
    """Varimax rotation with Kaiser normalisation (R's ``stats::varimax``)."""
    load = np.asarray(loadings, dtype=float)
    p, k = load.shape
    if k < 2:
        return load.copy()
    h = np.sqrt((load**2).sum(axis=1))
    x = load / h[:, None]
    rot = np.eye(k)
    criterion = 0.0
    for _ in range(max_iter):
        z = x @ rot
        u, s, vt = np.linalg.svd(x.T @ (z**3 - z @ np.diag((z**2).sum(axis=0)) / p))
        rot = u @ vt
        previous, criterion = criterion, s.sum()
        if criterion < previous * (1 + tol):
            break
    rotated = (x @ rot) * h[:, None]
    # a factor's sign is arbitrary: make its largest loading positive
    signs = np.sign(rotated[np.abs(rotated).argmax(axis=0), np.arange(k)])
    return rotated * signs


def factor_analysis(x: np.ndarray, n_factors: int | None = None) -> FactorResult:
    """Factor-analysis weights of the columns of ``x`` (units × indicators, complete data)."""
    x = np.asarray(x, dtype=float)
    if np.isnan(x).any():
        raise WeightingError("factor analysis needs complete data: impute missing values first")
    n, k = x.shape
    if n <= k:
        raise WeightingError(f"factor analysis needs more units ({n}) than indicators ({k})")
    sd = x.std(axis=0, ddof=1)
    if (sd == 0).any():
        raise WeightingError("factor analysis cannot standardise an indicator with no variation")
    corr = np.corrcoef(x, rowvar=False)
    eigenvalues, vectors = np.linalg.eigh(corr)
    order = eigenvalues.argsort()[::-1]
    eigenvalues, vectors = eigenvalues[order], vectors[:, order]
    share = eigenvalues / eigenvalues.sum()
    if n_factors is None:
        n_factors = max(int((share > 0.10).sum()), int(np.searchsorted(np.cumsum(share), 0.60)) + 1)
    if not 1 <= n_factors <= k:
        raise WeightingError(f"n_factors must lie between 1 and {k}")
    loadings = varimax(vectors[:, :n_factors] * np.sqrt(eigenvalues[:n_factors]))
    squared = loadings**2
    explained = squared.sum(axis=0)
    scaled = squared / explained
    factor_share = explained / explained.sum()
    factor_of = scaled.argmax(axis=1)
    raw = scaled[np.arange(k), factor_of] * factor_share[factor_of]
    return FactorResult(
        eigenvalues, share, loadings, scaled, factor_share, factor_of, raw / raw.sum()
    )

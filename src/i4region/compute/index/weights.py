"""Weight sets: from iMeta, PCA-derived (first principal component loadings, COINr
``get_PCA(weights_to = …)``), factor-analysis weights (the Handbook's procedure, see
:mod:`.weighting`) and effective weights (each indicator's share of the index, COINr
``get_eff_wts``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import IndexData, Structure
from .steps._params import StepError
from .weighting import factor_analysis


def meta_weights(data: IndexData) -> dict[str, float]:
    """The iMeta ``Weight`` column, for every indicator and aggregate."""
    return dict(data.structure.weights)


@dataclass(frozen=True)
class PCAResult:
    """Principal components of standardised data, as R's ``prcomp(center = TRUE, scale = TRUE)``."""

    eigenvalues: np.ndarray
    loadings: np.ndarray
    variance_share: np.ndarray
    n_rows_used: int

    @property
    def cumulative_share(self) -> np.ndarray:
        return np.cumsum(self.variance_share)


def pca(x: np.ndarray) -> PCAResult:
    """PCA of the columns of ``x`` after dropping rows with missing values (``na.omit``)."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x).any(axis=1)]
    n = x.shape[0]
    if n < 2:
        raise ValueError("PCA needs at least two units with complete data")
    centred = x - x.mean(axis=0)
    sd = np.sqrt((centred**2).sum(axis=0) / max(1, n - 1))
    if (sd == 0).any():
        raise ValueError("PCA cannot standardise a column with no variation")
    _, s, vt = np.linalg.svd(centred / sd, full_matrices=False)
    eig = s**2 / max(1, n - 1)
    loadings = vt.T
    # the sign of a component is arbitrary: make each component's loadings sum positive
    signs = np.where(loadings.sum(axis=0) < 0, -1.0, 1.0)
    return PCAResult(eig, loadings * signs, eig / eig.sum(), n)


def _by_groups(
    level_values: np.ndarray, codes: tuple[str, ...], structure: Structure, derive, name: str
) -> dict[str, float]:
    out: dict[str, float] = {}
    parents = dict.fromkeys(structure.parent[c] for c in codes)
    for parent in parents:
        members = [c for c in codes if structure.parent[c] == parent]
        cols = [codes.index(c) for c in members]
        if len(members) == 1:
            out[members[0]] = 1.0
            continue
        try:
            weights = derive(level_values[:, cols])
        except ValueError as exc:
            raise StepError(f"aggregate: {name} weights for group '{parent}': {exc}") from None
        out.update(zip(members, weights.tolist(), strict=True))
    return out


def pca_weights(
    level_values: np.ndarray, codes: tuple[str, ...], structure: Structure
) -> dict[str, float]:
    """First-component loadings within each aggregation group of one level (COINr by_groups)."""
    return _by_groups(level_values, codes, structure, lambda x: pca(x).loadings[:, 0], "PCA")


def fa_weights(
    level_values: np.ndarray, codes: tuple[str, ...], structure: Structure
) -> dict[str, float]:
    """Factor-analysis weights (the Handbook's procedure) within each aggregation group, on the
    units with complete data."""

    def derive(x: np.ndarray) -> np.ndarray:
        return factor_analysis(x[~np.isnan(x).any(axis=1)]).weights

    return _by_groups(level_values, codes, structure, derive, "factor-analysis")


def effective_weights(structure: Structure, weights: dict[str, float]) -> dict[str, float]:
    """Each code's share of the top aggregate: weights normalised within their group, then
    multiplied down the tree (COINr ``get_eff_wts``)."""
    eff: dict[str, float] = {}
    groups: dict[str | None, list[str]] = {}
    for code, parent in structure.parent.items():
        groups.setdefault(parent, []).append(code)
    for members in groups.values():
        total = sum(weights[c] for c in members)
        for c in members:
            eff[c] = weights[c] / total
    for lev in range(structure.max_level - 1, 0, -1):
        for code in structure.levels[lev]:
            eff[code] = eff[code] * eff[structure.parent[code]]
    return eff

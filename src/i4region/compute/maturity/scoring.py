"""Scoring a batch of responses with a Spec, vectorised over rows (100,000 responses in one pass)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .spec import Spec, SpecError

# Scores are rounded to this many decimals before banding, so float noise such as
# 24.999999999999996 cannot move a company across a cut-off that it sits on exactly.
PRECISION = 9


def _question_score(rule: dict, block: np.ndarray, codes: list[str], high: int) -> np.ndarray:
    op = rule["op"]
    if op == "tick_share":
        exclusive = rule.get("exclusive")
        if exclusive:
            k = codes.index(exclusive)
            others = np.delete(block, k, axis=1)
            share = 10 * others.sum(axis=1) / others.shape[1]
            return np.where(block[:, k] > 0, 0.0, share)
        return 10 * block.sum(axis=1) / block.shape[1]
    if op == "scale_mean":
        return 10 * (block / high).mean(axis=1)
    if op == "sum":
        return block.sum(axis=1)
    if op == "value":
        if block.shape[1] != 1:
            raise SpecError("rule 'value' needs a question with exactly one item")
        return block[:, 0].astype(float)
    raise SpecError(f"unknown question op {op!r}")


def _dimension_score(rule: dict, parts: dict[str, np.ndarray]) -> np.ndarray:
    op = rule["op"]
    if op == "scaled_sum":
        weights = rule.get("weights", {})
        total = sum(float(weights.get(code, 1)) * values for code, values in parts.items())
        return float(rule.get("factor", 1)) * total / float(rule.get("divisor", 1))
    if op == "min":
        return np.minimum.reduce(list(parts.values()))
    raise SpecError(f"unknown dimension op {op!r}")


def _overall(spec: Spec, dims: dict[str, np.ndarray]) -> np.ndarray:
    rule = spec.overall_rule
    if rule["op"] == "mean":
        return np.mean(list(dims.values()), axis=0)
    total = sum(spec.dimension(code).weight * values for code, values in dims.items())
    return total / float(rule.get("divisor", 1))


def score_matrix(
    spec: Spec, matrix: np.ndarray, options: Mapping[str, str] | None = None
) -> dict[str, np.ndarray]:
    """Question, dimension and overall scores for a (responses × spec.item_codes) matrix."""
    q_rules, d_rules = spec.rules(dict(options or {}))
    out: dict[str, np.ndarray] = {}
    col = 0
    question_scores: dict[str, np.ndarray] = {}
    for q in spec.questions:
        width = len(q.items)
        block = matrix[:, col : col + width]
        col += width
        codes = [i.code for i in q.items]
        question_scores[q.code] = _question_score(q_rules[q.code], block, codes, q.scale.high)
    dims = {
        d.code: np.round(
            _dimension_score(
                d_rules[d.code],
                {q.code: question_scores[q.code] for q in spec.questions_of(d.code)},
            ),
            PRECISION,
        )
        for d in spec.dimensions
    }
    out.update({f"question:{k}": v for k, v in question_scores.items()})
    out.update(dims)
    out["overall"] = np.round(_overall(spec, dims), PRECISION)
    return out


def band_of(spec: Spec, values: np.ndarray | float) -> np.ndarray:
    """Band codes for scores, with cut-offs handled as the spec's `closed` says."""
    values = np.round(np.asarray(values, dtype=float), PRECISION)
    codes = np.array([b.code for b in spec.bands], dtype=object)
    if spec.closed == "right":
        cuts = [b.upper for b in spec.bands[:-1]]
        return codes[np.searchsorted(cuts, values, side="left")]
    cuts = [b.lower for b in spec.bands[1:]]
    return codes[np.searchsorted(cuts, values, side="right")]


def score_frame(
    spec: Spec, answers: pd.DataFrame, options: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """scores.csv as a frame: response_id, one column per dimension, overall and the band."""
    matrix = answers[spec.item_codes].to_numpy(dtype=np.float64)
    scores = score_matrix(spec, matrix, options)
    frame = pd.DataFrame({"response_id": answers["response_id"].to_numpy()})
    for code in spec.dimension_codes:
        frame[code] = scores[code]
    frame["overall"] = scores["overall"]
    frame[spec.band_column] = band_of(spec, scores["overall"])
    return frame


def score_answers(
    spec: Spec, answers: Mapping[str, int], options: Mapping[str, str] | None = None
) -> dict:
    """One complete response (item code → value) scored: questions, dimensions, overall, band."""
    missing = [code for code in spec.item_codes if code not in answers]
    if missing:
        raise SpecError(f"answers lack {len(missing)} item(s) of {spec.key}, first {missing[0]}")
    matrix = np.array([[float(answers[code]) for code in spec.item_codes]])
    scores = score_matrix(spec, matrix, options)
    overall = float(scores["overall"][0])
    return {
        "model": spec.model,
        "version": spec.version,
        "questions": {k.split(":", 1)[1]: float(v[0]) for k, v in scores.items() if ":" in k},
        "dimensions": {code: float(scores[code][0]) for code in spec.dimension_codes},
        "overall": overall,
        "band": str(band_of(spec, overall)),
    }

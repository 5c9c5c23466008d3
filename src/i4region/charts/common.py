"""Spec reading shared by the chart types: values, locale, sizes and their validation."""

from __future__ import annotations

import math
from decimal import Decimal

from .format import check_locale


def value_or_none(v: object) -> float | None:
    """A plotted value: None, NaN and blank strings mean "missing", anything else must be numeric."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool) or not isinstance(v, int | float | Decimal | str):
        raise ValueError(f"chart value must be a number or None, got {v!r}")
    x = float(v)
    return None if math.isnan(x) else x


def locale_of(spec: dict) -> str:
    """The spec's locale ("en" by default), validated."""
    return check_locale(spec.get("locale", "en"))


def size_of(spec: dict, width: float, height: float) -> tuple[float, float]:
    """Width and height from the spec, falling back to the chart type's defaults."""
    w = float(spec.get("width", width))
    h = float(spec.get("height", height))
    if w <= 0 or h <= 0:
        raise ValueError("width and height must be positive")
    return w, h


def require(spec: dict, key: str, kind: str) -> object:
    """A mandatory spec entry, with an error that names the chart type and the key."""
    if key not in spec or spec[key] is None:
        raise ValueError(f"{kind} chart spec needs {key!r}")
    return spec[key]


def entries(spec: dict, key: str, kind: str, noun: str) -> list[dict]:
    """The spec's non-empty list ``key`` (bars, lines), each entry with its ``label`` (its key,
    else "<noun> N"), ``key`` (its label) and whether it is highlighted (by itself or by the
    spec's ``highlight`` naming its key or label)."""
    raw = require(spec, key, kind)
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{kind} chart spec needs a non-empty list of {key}")
    highlight = spec.get("highlight")
    out = []
    for i, entry in enumerate(raw):
        label = str(entry.get("label", entry.get("key", f"{noun} {i + 1}")))
        name = str(entry.get("key", label))
        shown = bool(entry.get("highlight")) or highlight in (name, label)
        out.append({**entry, "key": name, "label": label, "highlight": shown})
    return out

"""Parameter checking shared by the steps, so that a bad pipeline file names the key at fault."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ParamError(ValueError):
    """A bad step parameter; ``key`` is the offending parameter name."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        self.message = message
        super().__init__(f"{key}: {message}")


def check_keys(params: Mapping[str, Any], allowed: set[str]) -> None:
    for key in params:
        if key not in allowed:
            raise ParamError(key, f"unknown parameter (allowed: {', '.join(sorted(allowed))})")


def number(
    params: Mapping[str, Any],
    key: str,
    default: float | None = None,
    *,
    lo: float | None = None,
    hi: float | None = None,
) -> float | None:
    value = params.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ParamError(key, f"must be a number, got {value!r}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ParamError(key, f"must be between {lo} and {hi}, got {value!r}")
    return float(value)


def integer(
    params: Mapping[str, Any], key: str, default: int | None = None, *, lo: int | None = None
) -> int | None:
    value = params.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ParamError(key, f"must be a whole number, got {value!r}")
    if lo is not None and value < lo:
        raise ParamError(key, f"must be at least {lo}, got {value!r}")
    return value


def choice(
    params: Mapping[str, Any], key: str, options: tuple[str, ...], default: str | None = None
) -> str:
    value = params.get(key, default)
    if value not in options:
        raise ParamError(key, f"unknown value {value!r} (one of: {', '.join(options)})")
    return value


def flag(params: Mapping[str, Any], key: str, default: bool) -> bool:
    value = params.get(key, default)
    if not isinstance(value, bool):
        raise ParamError(key, f"must be true or false, got {value!r}")
    return value


def strings(params: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = params.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ParamError(key, f"must be a list of codes, got {value!r}")
    return tuple(value)


def pair(params: Mapping[str, Any], key: str, default: tuple[float, float]) -> tuple[float, float]:
    value = params.get(key, default)
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        raise ParamError(key, f"must be two numbers [low, high], got {value!r}")
    return float(value[0]), float(value[1])


class StepError(ValueError):
    """The data cannot go through a step as asked (e.g. a geometric mean over zeros)."""

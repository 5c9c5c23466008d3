"""Locale-aware number formatting and axis ticks shared by every chart type."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

LOCALES = ("en", "lt")

# CLDR number symbols: Lithuanian groups with a no-break space, uses a decimal comma and the
# true minus sign U+2212; English groups with a comma.
_SYMBOLS = {
    "en": {"group": ",", "decimal": ".", "minus": "-"},
    "lt": {"group": "\u00a0", "decimal": ",", "minus": "\u2212"},
}

_TEXTS = {
    "no_data": {"en": "No data", "lt": "Nėra duomenų"},
    "target": {"en": "Target", "lt": "Tikslas"},
    "map_summary": {
        "en": "{count} regions, each shape titled with its name and value; highest {top}; "
        "lowest {bottom}",
        "lt": "Regionų: {count}, kiekvienos srities pavadinime jos vardas ir reikšmė; "
        "didžiausios {top}; mažiausios {bottom}",
    },
    "eurogeographics": {
        "en": "© EuroGeographics for the administrative boundaries",
        "lt": "© EuroGeographics – administracinės ribos",
    },
}


def check_locale(locale: str) -> str:
    """Return ``locale`` if supported; a wrong locale must fail loudly, not format silently."""
    if locale not in _SYMBOLS:
        raise ValueError(f"locale must be one of {LOCALES}, got {locale!r}")
    return locale


def text(key: str, locale: str) -> str:
    """A fixed chart word (such as "No data") in ``locale``."""
    return _TEXTS[key][check_locale(locale)]


def auto_decimals(value: float, max_decimals: int = 2) -> int:
    """Fewest decimals (up to ``max_decimals``) that show ``value`` without rounding it away."""
    for d in range(max_decimals + 1):
        if abs(round(value, d) - value) < 10 ** -(max_decimals + 3):
            return d
    return max_decimals


def format_number(value: float, locale: str = "en", decimals: int | None = None) -> str:
    """Format ``value`` for ``locale``: en "207,017" / "12.5", lt "207 017" / "12,5"."""
    symbols = _SYMBOLS[check_locale(locale)]
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}")
    if decimals is None:
        decimals = auto_decimals(value)
    # Round half away from zero on the shortest decimal repr, as statistical tables do
    # (binary floats and banker's rounding would print 0.125 as "0.12").
    with localcontext() as ctx:
        ctx.prec = 80
        rounded = Decimal(repr(abs(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    body = f"{rounded:,.{decimals}f}"
    negative = value < 0 and rounded != 0
    body = body.replace(",", "\0").replace(".", symbols["decimal"]).replace("\0", symbols["group"])
    return symbols["minus"] + body if negative else body


def _nice(x: float, round_: bool) -> float:
    exp = math.floor(math.log10(x))
    f = x / 10**exp
    if round_:
        nf = 1 if f < 1.5 else 2 if f < 3 else 5 if f < 7 else 10
    else:
        nf = 1 if f <= 1 else 2 if f <= 2 else 5 if f <= 5 else 10
    return nf * 10**exp


def nice_ticks(lo: float, hi: float, max_ticks: int = 6) -> tuple[list[float], int]:
    """Round axis ticks covering [lo, hi] (Heckbert's "nice numbers") and the decimals they need."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError("axis limits must be finite")
    lo, hi = min(lo, hi), max(lo, hi)
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    step = _nice(_nice(hi - lo, False) / (max_ticks - 1), True)
    decimals = max(0, -math.floor(math.log10(step)))
    start = math.floor(lo / step) * step
    count = round((math.ceil(hi / step) * step - start) / step)
    ticks = [round(start + i * step, decimals) for i in range(count + 1)]
    return [t + 0.0 for t in ticks], decimals

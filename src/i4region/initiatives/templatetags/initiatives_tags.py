"""Shares and concentration as people read them: always per cent, never a bare 0-1 fraction."""

from django import template

from i4region.core.templatetags.i4region_tags import num

register = template.Library()


@register.filter
def percent(share) -> str:
    """A share (0-1) as a whole per cent in the active language: 0.8 → "80 %"."""
    if share is None or share == "":
        return "–"
    return f"{num(float(share) * 100, 0)}\u00a0%"


@register.filter
def hhi_points(hhi) -> str:
    """The Herfindahl-Hirschman index on its usual 0-10,000 scale (10,000: a single funder)."""
    if hhi is None or hhi == "":
        return "–"
    return num(float(hhi) * 10000, 0)

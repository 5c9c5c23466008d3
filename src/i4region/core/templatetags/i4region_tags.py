from django import template
from django.utils.translation import get_language

from i4region.charts.format import format_number

register = template.Library()


@register.filter
def num(value, decimals=None):
    """A number in the active language's style: 207,017 (en), 207 017 (lt)."""
    if value is None or value == "":
        return "–"
    lang = (get_language() or "lt")[:2]
    return format_number(
        float(value),
        locale=lang if lang in ("en", "lt") else "en",
        decimals=None if decimals in (None, "") else int(decimals),
    )

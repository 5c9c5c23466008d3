"""Template filters of the reports: money and source links as a reader of paper needs them."""

from urllib.parse import urlsplit

from django import template
from django.utils.translation import get_language

from i4region.charts.format import format_number

register = template.Library()


@register.filter
def eur(value) -> str:
    """An amount in euro in the active language's style: €470,000 (en), 470 000 € (lt)."""
    if value is None or value == "":
        return "–"
    lt = (get_language() or "lt").startswith("lt")
    text = format_number(float(value), locale="lt" if lt else "en", decimals=0)
    return f"{text}\u00a0€" if lt else f"€{text}"


@register.filter
def site(url: str) -> str:
    """The site a source lives on (www.interregeurope.eu), printed beside the link."""
    return urlsplit(url or "").netloc


@register.filter
def days_late(action, day) -> int:
    """How many days past its due date an open action is on the report's day."""
    return action.days_late(day)

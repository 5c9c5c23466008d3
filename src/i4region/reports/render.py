"""One report, two media: the same template gives the HTML document and, through WeasyPrint, the PDF.

The PDF is tagged (PDF/UA-1), carries the document's language and title, embeds the subset of the
Debian font it uses (DejaVu Sans, found through fontconfig, never fetched), and prints the date and
the data releases it used in the footer of every A4 page.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation

STYLESHEET = Path(__file__).parent / "static" / "reports" / "report.css"
# The HTML document inlines its stylesheet; the site's CSP admits exactly that text by its hash.
STYLE_HASH = (
    f"'sha256-{base64.b64encode(hashlib.sha256(STYLESHEET.read_bytes()).digest()).decode()}'"
)
FORMATS = ("pdf", "html")


class ReportInputError(ValueError):
    """Bad input for a report (an unknown region, slug, meeting …): the message names it."""


@dataclass
class Report:
    """What a builder hands over: the template, its context and what the footer must say."""

    kind: str
    template: str
    title: str
    filename: str
    context: dict
    releases: list[str] = field(default_factory=list)
    #: what the footer calls the releases: data releases for statistics, sources for documents
    releases_label: str = ""
    sample: bool = False
    day: date = field(default_factory=timezone.localdate)


def to_html(report: Report, lang: str) -> str:
    """The standalone HTML document (stylesheet inlined, charts as inline SVG, nothing remote)."""
    with translation.override(lang):
        return render_to_string(
            report.template,
            {
                **report.context,
                "report": report,
                "lang": lang,
                "stylesheet": STYLESHEET.read_text(encoding="utf-8"),
            },
        )


def to_pdf(report: Report, lang: str) -> bytes:
    """The PDF of the same HTML: tagged for PDF/UA-1 so screen readers get headings and tables."""
    from weasyprint import HTML  # imported here: the web pages do not need pango loaded

    html = to_html(report, lang)
    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )


def write(report: Report, lang: str, fmt: str) -> bytes:
    """The report in the format asked for, as bytes ready to save or send."""
    if fmt == "html":
        return to_html(report, lang).encode("utf-8")
    return to_pdf(report, lang)

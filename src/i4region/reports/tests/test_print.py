"""Printing any page: the print stylesheet drops the menu, the login link, forms and buttons."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from . import pdf

pytestmark = pytest.mark.django_db


def serve_static(url: str):
    """WeasyPrint's fetcher for the page's own stylesheets, read from the static folders."""
    from weasyprint.urls import URLFetcherResponse

    path = finders.find(url.split("/static/", 1)[1])
    assert path, url
    return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": "text/css"})


@pytest.mark.parametrize("address", ["/en/regions/LT025/", "/en/initiatives/robolabas/"])
def test_printed_page_has_content_without_navigation_or_forms(client, tmp_path, address):
    from weasyprint import HTML

    html = client.get(address).content.decode()
    assert 'media="print"' in html
    out = tmp_path / "printed.pdf"
    HTML(string=html, base_url="http://testserver/", url_fetcher=serve_static).write_pdf(out)
    layer = pdf.text(out)
    assert "RoboLabas" in layer or "Panevėžio apskritis" in layer
    for hidden in ("Log in", "Skip to content", "Stakeholders", "Compare"):
        assert hidden not in layer

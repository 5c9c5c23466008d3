"""The region profile report: the observatory's figures, sources and releases, on at most 6 A4
pages with embedded fonts, from the command and from its download address."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from i4region.charts import format_number

from . import pdf

pytestmark = pytest.mark.django_db


def make(tmp_path: Path, lang: str, *extra: str) -> Path:
    out = tmp_path / f"profile-{lang}.pdf"
    call_command("report", "region-profile", "--region", "LT025", "--lang", lang, "--out", str(out))
    return out


def test_lithuanian_profile_has_the_figures_of_the_lithuanian_page(client, tmp_path):
    out = make(tmp_path, "lt")
    layer = pdf.check_document(out, tmp_path)
    population = format_number(207017, "lt")
    assert population == "207\u00a0017"
    assert population in client.get("/lt/regions/LT025/").content.decode()
    assert "Panevėžio apskritis" in layer
    # pdftotext writes the no-break space as a space; the HTML form of the report keeps it.
    assert population.replace("\u00a0", " ") in layer
    assert population in client.get("/lt/reports/region-profile/LT025.html").content.decode()
    assert "Eurostat" in layer and "demo_r_pjanaggr3" in layer
    assert "Regiono profilis" in pdf.info(out)
    tags = pdf.accessibility(out)
    assert tags["lang"] == "lt" and tags["figures"] >= 8 and tags["headers"] >= 8
    assert pdf.pages(out) <= 6


def test_english_profile(tmp_path):
    out = make(tmp_path, "en")
    layer = pdf.check_document(out, tmp_path)
    assert "207,017" in layer
    assert "Panevėžys County" in layer
    assert "Eurostat" in layer and "Headline indicators" in layer
    assert "Region profile" in pdf.info(out)
    assert pdf.pages(out) <= 6


def test_pdf_embeds_exactly_the_chart_svg_of_the_page(client, tmp_path):
    """One chart, two media: the HTML form of the report holds the page's own chart SVG."""
    page = client.get("/en/regions/LT025/").content.decode()
    report = client.get("/en/reports/region-profile/LT025.html").content.decode()
    start = page.index(
        '<svg xmlns="http://www.w3.org/2000/svg" id="', page.index("compare-heading")
    )
    chart = page[start : page.index("</svg>", start) + 6]
    assert chart in report


def test_download_address_gives_the_pdf(client):
    response = client.get("/lt/reports/region-profile/LT025.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_unknown_region_is_named_with_exit_code_2(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("report", "region-profile", "--region", "XX999", "--out", str(tmp_path / "x"))
    assert error.value.returncode == 2
    assert "XX999" in str(error.value)
    assert not (tmp_path / "x").exists()


def test_unknown_region_address_is_404(client):
    assert client.get("/en/reports/region-profile/XX999.pdf").status_code == 404


def test_missing_option_is_named(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("report", "region-profile", "--out", str(tmp_path / "x.pdf"))
    assert error.value.returncode == 2 and "--region" in str(error.value)

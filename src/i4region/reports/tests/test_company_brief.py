"""The company brief: the maturity result, benchmark and what serves the weakest areas, for the
company's representatives and the secretariat only."""

import pytest
from django.core.management import CommandError, call_command

from i4region.maturity.models import Response, Status
from i4region.stakeholders.models import Organisation

from . import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    """A sample company with a submitted self-assessment in T0 and T1."""
    response = (
        Response.objects.filter(status=Status.SUBMITTED, wave="T1")
        .select_related("organisation")
        .order_by("organisation_id")
        .first()
    )
    assert response is not None, "the sample seed has T1 answers"
    return response.organisation


def test_brief_shows_the_result_benchmark_and_change(tmp_path, answered):
    out = tmp_path / "brief.pdf"
    call_command(
        "report",
        "company-brief",
        *("--organisation", str(answered.pk), "--wave", "T1", "--lang", "lt", "--out", str(out)),
    )
    layer = pdf.check_document(out, tmp_path)
    flat = " ".join(layer.split())
    assert " ".join(answered.name.split()) in flat
    assert "Konfidencialu" in layer and "Pavyzdys" in layer
    assert "T0" in layer and "T1" in layer
    assert pdf.accessibility(out)["figures"] >= 1


def test_brief_is_refused_to_all_but_the_company_and_the_secretariat(client, make_user, answered):
    address = f"/en/reports/companies/{answered.pk}/T1.pdf"
    assert client.get(address).status_code == 403
    for role in ("company_rep", "board_member", "initiative_manager"):
        client.force_login(make_user(role))
        assert client.get(address).status_code == 403, role
    rival = make_user("company_rep")  # represents another company
    Organisation.objects.exclude(pk=answered.pk).first().representatives.add(rival)
    client.force_login(rival)
    assert client.get(address).status_code == 403
    rep = make_user("company_rep")
    answered.representatives.add(rep)
    client.force_login(rep)
    response = client.get(address)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    client.force_login(make_user("secretariat"))
    assert client.get(address.replace(".pdf", ".html")).status_code == 200


def test_unknown_organisation_and_wave_are_named_with_exit_code_2(tmp_path, answered):
    out = str(tmp_path / "x.pdf")
    for organisation, wave, named in (("999999", "T1", "999999"), (str(answered.pk), "T9", "T9")):
        with pytest.raises(CommandError) as error:
            call_command(
                "report",
                "company-brief",
                "--organisation",
                organisation,
                "--wave",
                wave,
                "--lang",
                "en",
                "--out",
                out,
            )
        assert error.value.returncode == 2 and named in str(error.value)


def test_brief_embeds_the_chart_svg_of_the_result_page(client, make_user, answered):
    """One chart, two media: the report holds the very SVG the company's result page shows."""
    client.force_login(make_user("secretariat"))
    response = Response.objects.get(organisation=answered, wave="T1", status=Status.SUBMITTED)
    page = client.get(f"/en/maturity/responses/{response.pk}/").content.decode()
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg"')
    chart = page[start : page.index("</svg>", start) + 6]
    report = client.get(f"/en/reports/companies/{answered.pk}/T1.html").content.decode()
    assert chart in report

"""CSV import (all or nothing, errors by line and column), wide and long exports, public export."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from i4region.compute.maturity import AnswerError
from i4region.jobs.tests.worker import through_job
from i4region.maturity import definitions, exports
from i4region.maturity.imports import import_responses
from i4region.maturity.models import Response

from .conftest import answers_for

pytestmark = pytest.mark.django_db


def wide_csv(rows, spec=None):
    spec = spec or definitions.current("dma")
    header = ["response_id", "organisation_id", "wave", "date", *spec.item_codes]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    return out.getvalue()


def row(org, rid="r1", wave="T0", **answers):
    return {
        "response_id": rid,
        "organisation_id": org.pk,
        "wave": wave,
        "date": "2026-04-02",
        **answers_for(definitions.current("dma"), 1),
        **answers,
    }


def test_import_scores_and_stores_every_row(fresh_company):
    created = import_responses(io.StringIO(wide_csv([row(fresh_company)])), "dma", None, "kobo.csv")
    (response,) = created
    assert response.status == "submitted" and response.on_behalf and response.source == "kobo.csv"
    assert response.scores.get(dimension="digital_readiness").value == pytest.approx(60)


def test_a_bad_row_imports_nothing_and_names_line_and_column(fresh_company, companies):
    text = wide_csv(
        [row(fresh_company), row(fresh_company, "r2", wave="T1", q9_03=9), row(companies[0], "r3")]
    )
    with pytest.raises(AnswerError) as err:
        import_responses(io.StringIO(text), "dma", None, "paper.csv")
    assert str(err.value) == "line 3, column q9_03: '9' is not one of 0–5"
    assert not Response.objects.filter(organisation=fresh_company).exists()


def test_profile_errors_are_named(fresh_company, companies):
    text = wide_csv(
        [
            row(fresh_company, wave="T5"),
            {**row(fresh_company, "r2"), "date": "2.4.2026", "organisation_id": "999999"},
            row(companies[0], "r3"),  # the seed already gave it a T0 response
        ]
    )
    with pytest.raises(AnswerError) as err:
        import_responses(io.StringIO(text), "dma", None, "paper.csv")
    problems = [str(p) for p in err.value.problems]
    assert "line 2, column wave: 'T5' is not one of T0, T1, T2" in problems
    assert "line 3, column organisation_id: '999999' is not a company of the register" in problems
    assert "line 3, column date: '2.4.2026' is not a date YYYY-MM-DD" in problems
    assert (
        f"line 4, column organisation_id: {companies[0].name} already has a dma response for T0"
        in problems
    )


def test_import_page_lists_the_problems_and_stores_nothing(client, make_user, fresh_company):
    client.force_login(make_user("secretariat"))
    bad = wide_csv([row(fresh_company, q2_01="x")]).encode()
    page = through_job(
        client,
        client.post(
            "/en/maturity/import/", {"model": "dma", "file": SimpleUploadedFile("a.csv", bad)}
        ),
    )
    assert "line 2, column q2_01: &#x27;x&#x27; is not one of 0–1" in page.content.decode()
    assert not Response.objects.filter(organisation=fresh_company).exists()
    good = wide_csv([row(fresh_company)]).encode()
    page = through_job(
        client,
        client.post(
            "/en/maturity/import/", {"model": "dma", "file": SimpleUploadedFile("a.csv", good)}
        ),
    )
    assert "Imported 1 response from a.csv." in page.content.decode()
    assert Response.objects.filter(organisation=fresh_company, status="submitted").count() == 1


def test_the_lithuanian_import_page_names_the_problems_in_lithuanian(
    client, make_user, fresh_company
):
    """An answer out of its scale (found by the pure reader) and a wave that does not exist
    (found by the app)."""
    client.force_login(make_user("secretariat"))
    for bad, problem in [
        (row(fresh_company, q2_01="x"), "eilutė 2, stulpelis q2_01: „x“ nėra viena iš 0–1"),
        (row(fresh_company, wave="T5"), "eilutė 2, stulpelis wave: „T5“ nėra vienas iš T0, T1, T2"),
    ]:
        upload = SimpleUploadedFile("a.csv", wide_csv([bad]).encode())
        page = through_job(
            client, client.post("/lt/maturity/import/", {"model": "dma", "file": upload})
        ).content.decode()
        assert problem in page
        assert "is not one of" not in page
    assert not Response.objects.filter(organisation=fresh_company).exists()


def test_wide_export_has_a_column_per_choice_and_the_version_on_every_row(client, make_user):
    client.force_login(make_user("secretariat"))
    body = client.get(reverse("maturity:export", args=["dma", "wide"])).content
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert rows and {r["version"] for r in rows} == {"1.0"}
    assert {r["q3_01"] for r in rows} <= {"0", "1"}
    assert {r["q4_01"] for r in rows} <= {str(v) for v in range(6)}
    assert "q7_08" in rows[0]


def test_wide_export_imports_back(fresh_company, companies):
    source = Response.objects.get(organisation=companies[0], model="dma", wave="T0")
    table = exports.wide_table("dma", [source])
    out = io.StringIO()
    names = [f.name for f in table.fields]
    writer = csv.writer(out)
    writer.writerow(names)
    for values in table.rows:
        record = dict(zip(names, values, strict=True))
        record.update(organisation_id=fresh_company.pk, size_class="", nace_code="")
        writer.writerow([record[n] for n in names])
    (copy,) = import_responses(io.StringIO(out.getvalue()), "dma", None, "roundtrip.csv")
    assert copy.answers == source.answers
    assert (
        copy.scores.get(dimension="overall").value == source.scores.get(dimension="overall").value
    )


def test_long_export_has_one_row_per_item_with_the_version(companies):
    response = Response.objects.get(organisation=companies[0], model="dma", wave="T0")
    rows = [r for r in exports.long_table("dma").rows if r[0] == response.pk]
    assert len(rows) == len(definitions.current("dma").item_codes)
    assert {r[3] for r in rows} == {"1.0"}


def test_public_export_holds_nothing_per_company():
    assert exports.tables(public=True, include_personal_data=False) == []
    names = [t.name for t in exports.tables(public=False, include_personal_data=False)]
    assert names == ["maturity_responses", "maturity_answers_long", "maturity_scores"]
    assert "maturity_respondents" in [t.name for t in exports.tables(False, True)]

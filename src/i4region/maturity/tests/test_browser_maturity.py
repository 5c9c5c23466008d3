"""Browser journey: a company representative answers the DMA, reads the result and the benchmark
in Lithuanian, answers again as T1, sees the change, and the benefit brief names real initiatives."""

import pytest

from i4region.conftest import log_in

pytestmark = pytest.mark.browser

# Ticks and scale values per dimension page; strategy and people stay empty (the weakest two).
T0 = {
    "digital_readiness": {"q3": ["q3_01", "q3_02", "q3_08"], "q4": 2},
    "data_management": {"q7": ["q7_02", "q7_03"], "q8": ["q8_02"]},
    "automation_ai": {"q9": 1},
    "green_digitalisation": {"q10": ["q10_08"], "q11": 1},
}
T1 = {
    "digital_readiness": {"q3": ["q3_01", "q3_02", "q3_04", "q3_06", "q3_08"], "q4": 3},
    "data_management": {"q7": ["q7_02", "q7_03", "q7_05"], "q8": ["q8_02", "q8_06"]},
    "automation_ai": {"q9": 2},
    "green_digitalisation": {"q10": ["q10_05", "q10_08"], "q11": 1},
}
SCALE_ITEMS = {"q4": 7, "q9": 5, "q11": 5}


def answer_wave(page, plan: dict) -> None:
    """Fill every dimension page in order; the last page submits."""
    for step in range(6):
        heading = page.locator("main h2").first.inner_text()
        assert heading
        current = page.url.rstrip("/").rsplit("/", 1)[-1]
        for question, value in plan.get(current, {}).items():
            if isinstance(value, list):
                for item in value:
                    page.check(f"input[name={question}][value={item}]")
            else:
                for n in range(1, SCALE_ITEMS[question] + 1):
                    page.check(f"input[name={question}_{n:02d}][value='{value}']")
        if step < 5:
            page.get_by_role("button", name="Išsaugoti ir tęsti").click()
        else:
            page.get_by_role("button", name="Pateikti").click()


def test_company_answers_two_waves_and_reads_result_benchmark_change_and_brief(
    served, served_user, page
):
    base, run = served
    username = served_user("company_rep")
    run(
        "shell",
        "-c",
        "from i4region.stakeholders.models import Organisation; "
        "from i4region.regions.models import Region; from i4region.accounts.models import User; "
        "o = Organisation.objects.create(name='Pavyzdinė naršyklės gamykla', "
        "type='company', nace_code='C28', size_class='small', is_sample=True, "
        "municipality=Region.objects.get(code='LT-LAU-27'), region=Region.objects.get(code='LT025')); "
        f"o.representatives.add(User.objects.get(username={username!r}))",
    )
    log_in(page, base, username)
    page.goto(base + "/lt/maturity/")
    page.get_by_role("link", name="Atlikti įsivertinimą").click()
    page.get_by_role("button", name="Pradėti arba tęsti").click()
    answer_wave(page, T0)

    assert page.locator("h1").inner_text().startswith("Įsivertinimo rezultatas")
    body = page.locator("main").inner_text()
    assert "Skaitmeninė parengtis" in body and "Pavyzdys" in body
    table = page.locator("table", has_text="Jūsų balai palyginti").inner_text()
    assert "Visi respondentai" in table and "EVRK sekcija C" in table
    assert page.locator("figure svg[role=img]").count() == 1
    assert "Ankstesnės bangos dar nėra" in body

    page.get_by_role("link", name="Atsakyti kitoje bangoje").click()
    assert page.locator("select[name=wave]").input_value() == "T1"
    page.get_by_role("button", name="Pradėti arba tęsti").click()
    answer_wave(page, T1)

    change = page.locator("table", has_text="Nuo T0 iki T1").inner_text()
    assert "Skaitmeninė parengtis" in change and "+" in change

    page.get_by_role("link", name="Naudos apžvalga").click()
    brief = page.locator("main").inner_text()
    assert "Į žmogų orientuotas skaitmeninimas" in brief
    assert "Skaitmeninė verslo strategija" in brief
    assert "RoboLabas" in brief
    assert "STEAM atviros prieigos centras" in brief
    assert "Panevėžio plėtros agentūra" in brief

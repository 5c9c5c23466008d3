"""The strategy pages as the secretariat and the public use them, in both languages."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from i4region.core import history
from i4region.initiatives.models import Initiative
from i4region.observatory.models import Indicator, Observation, Target
from i4region.regions.models import Region
from i4region.strategy import exports, seed, services, talent
from i4region.strategy.models import MeasureLink, Priority, Strategy

from .conftest import link

pytestmark = pytest.mark.django_db


def target(code: str, values: dict[str, float], goal: float, year: int = 2030) -> Target:
    """A target on a fresh indicator with the given series in LT025."""
    indicator = Indicator.objects.create(
        code=code,
        name_en=f"Indicator {code}",
        name_lt=f"Rodiklis {code}",
        unit_en="%",
        unit_lt="%",
        theme="skills",
        polarity="higher",
    )
    region = Region.objects.get(code="LT025")
    for period, value in values.items():
        Observation.objects.create(
            indicator=indicator, region=region, period=period, value=value, vintage="test"
        )
    baseline = int(min(values))
    return Target.objects.create(
        indicator=indicator, region=region, value=goal, year=year, baseline_year=baseline
    )


def test_priority_status_counts_its_targets(client, strategy, priority, measure):
    s = strategy("adopted")
    p = priority(s)
    m1, m2 = measure(p), measure(p)
    m1.targets.add(target("t-good", {"2020": 10, "2024": 20}, 20))
    m2.targets.add(target("t-bad", {"2020": 10, "2024": 8}, 20))
    m2.targets.add(target("t-none", {"2024": 8}, 20))  # nothing after the baseline year
    page = client.get(f"/en/strategy/priorities/{p.pk}/").content.decode()
    assert "On track: <strong>1</strong>" in page
    assert "Deteriorating: <strong>1</strong>" in page
    assert "Insufficient data: <strong>1</strong>" in page
    lt = client.get(f"/lt/strategy/priorities/{p.pk}/").content.decode()
    assert "Blogėja: <strong>1</strong>" in lt
    measure_page = client.get(f"/en/strategy/measures/{m2.pk}/").content.decode()
    assert (
        "Deterioration" in measure_page and "No value after the baseline year yet." in measure_page
    )


def test_measure_without_target_is_judged_from_its_actions(
    client, strategy, priority, measure, action
):
    s = strategy("adopted")
    p = priority(s)
    m = measure(p)
    link(m, action(progress=50, start=date(2020, 1, 1), due=date(2021, 1, 1)))
    summary = services.progress(s, as_of=date(2026, 1, 1)).measures[m.pk]
    assert summary.counts["limited"] == 1 and summary.from_actions == 1


def test_priority_without_measure_is_a_gap(client, strategy, priority):
    s = strategy("adopted")
    priority(s, "Lonely")
    page = client.get(f"/en/strategy/{s.slug}/").content.decode()
    assert "Gap in the plan: no measure" in page
    assert "1 gap in the plan" in page


def test_secretariat_creates_a_strategy_and_bad_input_changes_nothing(client, make_user):
    client.force_login(make_user("secretariat"))
    data = {"slug": "new-plan", "title_en": "New plan", "title_lt": "Naujas planas"}
    response = client.post("/en/strategy/new/", {**data, "status": "adopted"})
    assert response.status_code == 200
    assert "An adopted strategy needs the date of its adoption." in response.content.decode()
    assert not Strategy.objects.filter(slug="new-plan").exists()
    response = client.post("/en/strategy/new/", {**data, "status": "draft", "drafted": "March"})
    assert "Write a year, a month or a day" in response.content.decode()
    response = client.post("/en/strategy/new/", {**data, "status": "draft", "drafted": "2026-03"})
    assert response.status_code == 302
    created = Strategy.objects.get(slug="new-plan")
    assert response["Location"].endswith(f"/strategy/{created.slug}/")
    edit = {**data, "status": "adopted", "drafted": "2026-03", "adopted_on": "2026-09-01"}
    client.post(f"/en/strategy/{created.slug}/edit/", edit)
    created.refresh_from_db()
    assert created.status == "adopted"
    with translation.override("en"):
        verbs = [e.verb for e in history.entries_for(created)]
    assert verbs[0] == "adopted"


def test_a_link_names_exactly_one_record(client, make_user, strategy, priority, measure):
    s = strategy("adopted")
    m = measure(priority(s))
    client.force_login(make_user("secretariat"))
    robolabas = Initiative.objects.get(slug="robolabas")
    url = f"/en/strategy/measures/{m.pk}/links/new/"
    response = client.post(url, {"note": "nothing chosen"})
    assert "Choose exactly one record to link." in response.content.decode()
    assert not MeasureLink.objects.filter(measure=m).exists()
    response = client.post(url, {"initiative": robolabas.pk})
    assert response.status_code == 302
    assert MeasureLink.objects.get(measure=m).kind == "initiative"
    again = client.post(url, {"initiative": robolabas.pk})
    assert "This record already serves the measure." in again.content.decode()
    assert MeasureLink.objects.filter(measure=m).count() == 1
    page = client.get(f"/en/strategy/measures/{m.pk}/").content.decode()
    assert robolabas.name_en in page


def test_serves_tag_shows_the_measures_on_the_record_page(
    rf: RequestFactory, strategy, priority, measure, make_user
):
    s = strategy("draft")
    m = measure(priority(s, "Skills"))
    robolabas = Initiative.objects.get(slug="robolabas")
    link(m, robolabas)
    template = Template("{% load strategy_tags %}{% strategy_serves obj %}")
    request = rf.get("/")
    request.user = make_user("board_member")
    html = template.render(Context({"request": request, "obj": robolabas}))
    assert m.title_lt in html or m.title_en in html
    assert "Skills" in html
    request.user = AnonymousUser()
    assert "Skills" not in template.render(Context({"request": request, "obj": robolabas}))


def test_initiative_page_shows_the_measures_it_serves(
    client, strategy, priority, measure, make_user
):
    m = measure(priority(strategy("adopted"), "Skills"))
    robolabas = Initiative.objects.get(slug="robolabas")
    page = client.get("/en/initiatives/robolabas/").content.decode()
    assert "Serves the regional strategy" not in page
    link(m, robolabas)
    page = client.get("/en/initiatives/robolabas/").content.decode()
    assert "Serves the regional strategy" in page and m.title_en in page and "Skills" in page
    assert "Link to a measure of the strategy" not in page
    client.force_login(make_user("secretariat"))
    page = client.get("/en/initiatives/robolabas/").content.decode()
    assert f"/en/strategy/serve/initiative/{robolabas.pk}/" in page


def test_talent_path_shows_stages_gaps_and_missing_indicators(client, make_user):
    client.force_login(make_user("secretariat"))
    page = client.get("/en/strategy/talent-path/").content.decode()
    for name in ("Primary school", "Informal STEAM learning", "Higher education and R&amp;D"):
        assert name in page
    assert "RoboLabas" in page
    if not Indicator.objects.filter(code="neet_rate_15_29").exists():
        assert "neet_rate_15_29</code>: not yet in the observatory" in page
    lt = client.get("/lt/strategy/talent-path/").content.decode()
    assert "Neformalusis STEAM ugdymas" in lt


def test_the_seeded_strategy_is_the_real_draft_with_sample_measures():
    s = Strategy.objects.get(slug="panevezys-industry-4-0")
    assert s.status == "draft" and s.drafted == "2019-03" and not s.is_sample
    assert s.source_url.startswith("https://www.panevezysnow.lt/")
    assert s.source_date == date(2019, 3, 19)
    assert [p.title_en for p in s.priorities.all()] == [
        "Education and R&D",
        "Business conditions",
        "Image of the region",
    ]
    assert not any(p.is_sample for p in s.priorities.all())
    measures = [m for p in s.priorities.all() for m in p.measures.all()]
    assert measures and all(m.is_sample for m in measures)
    counts = (Priority.objects.count(), MeasureLink.objects.count())
    seed.load()
    assert (Priority.objects.count(), MeasureLink.objects.count()) == counts


def test_sample_measures_are_marked_in_both_languages(client, make_user):
    client.force_login(make_user("board_member"))
    s = Strategy.objects.get(slug="panevezys-industry-4-0")
    p = s.priorities.first()
    assert "Sample" in client.get(f"/en/strategy/priorities/{p.pk}/").content.decode()
    assert "Pavyzdys" in client.get(f"/lt/strategy/priorities/{p.pk}/").content.decode()


def test_exports_have_the_four_tables(client, make_user, strategy, priority, measure):
    s = strategy("adopted")
    m = measure(priority(s))
    robolabas = Initiative.objects.get(slug="robolabas")
    link(m, robolabas)
    tables = {t.name: t for t in exports.tables(public=True, include_personal_data=False)}
    assert set(tables) == {"strategies", "priorities", "measures", "measure_links"}
    links = tables["measure_links"].records()
    assert {"measure_id": m.pk, "kind": "initiative", "target_id": robolabas.pk}.items() <= next(
        r for r in links if r["measure_id"] == m.pk
    ).items()
    slugs = [r["slug"] for r in tables["strategies"].records()]
    assert s.slug in slugs and "panevezys-industry-4-0" not in slugs  # the draft is internal
    csv = client.get("/en/strategy/export/measure_links.csv")
    assert csv.status_code == 200
    assert csv.content.decode().splitlines()[0] == "id,measure_id,kind,target_id,note"


def test_linking_robolabas_puts_the_measure_on_the_talent_path(
    strategy, priority, measure, make_user
):
    m = measure(priority(strategy("adopted")))
    link(m, Initiative.objects.get(slug="robolabas"))
    stages, _region = talent.talent_path(make_user("secretariat"))
    by_code = {s.stage.code: s for s in stages}
    assert m in [x.measure for x in by_code["informal_steam"].links]
    assert m not in [x.measure for x in by_code["companies"].links]
    assert "regular-attendance" in [v.kpi.code for v in by_code["informal_steam"].participants]


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        ([{"code": "x", "activities": [{"theme": ["robots"]}]}], r"stage 1 \(x\): unknown theme"),
        ([{"code": "x", "activities": [{"colour": ["red"]}]}], r"a rule names 'colour'"),
        ([{"code": "x"}, {"code": "x"}], r"stage 2 \(x\): every stage needs its own code"),
        ([{"code": "x", "stage_name": "X"}], r"unknown keys \['stage_name'\]"),
        ([], "no stages"),
    ],
)
def test_a_wrong_talent_path_file_is_reported_with_its_place(stages, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        talent.parse({"stages": stages})


def test_the_record_side_links_a_measure(client, make_user, strategy, priority, measure):
    m = measure(priority(strategy("adopted"), "Skills"))
    robolabas = Initiative.objects.get(slug="robolabas")
    url = f"/en/strategy/serve/initiative/{robolabas.pk}/"
    client.force_login(make_user("board_member"))
    assert client.post(url, {"measure": m.pk}).status_code == 403
    assert not MeasureLink.objects.filter(measure=m).exists()
    client.force_login(make_user("secretariat"))
    assert client.get("/en/strategy/serve/meeting/1/").status_code == 404
    response = client.post(url, {"measure": m.pk, "note": "clubs"})
    assert response.status_code == 302 and response["Location"] == robolabas.get_absolute_url()
    assert MeasureLink.objects.get(measure=m).initiative == robolabas
    again = client.post(url, {"measure": m.pk})
    assert "This record already serves the measure." in again.content.decode()


def test_progress_fragment_for_the_briefing_and_the_public_page(rf, strategy, priority, make_user):
    adopted, draft = strategy("adopted"), strategy("draft")
    priority(adopted, "Public skills")
    priority(draft, "Draft skills")
    template = Template("{% load strategy_tags %}{% strategy_progress %}")
    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("en"):
        public = template.render(Context({"request": request}))
        request.user = make_user("board_member")
        board = template.render(Context({"request": request}))
    assert "Public skills" in public and "Draft skills" not in public
    assert "Draft skills" in board and "no measure" in board


def test_another_region_edits_the_stages_and_sees_where_nobody_works(client, settings, tmp_path):
    path = tmp_path / "path.json"
    path.write_text(
        '{"context_level": 2, "stages": ['
        '{"code": "labs", "name_en": "Labs", "name_lt": "Laboratorijos",'
        ' "initiatives": ["steam-centre"]},'
        '{"code": "nobody", "name_en": "Research parks", "name_lt": "Mokslo parkai",'
        ' "activities": [{"organisation_type": ["research"], "theme": ["investment_attraction"]}],'
        ' "indicators": ["no_such_indicator"]}]}',
        encoding="utf-8",
    )
    settings.I4REGION_TALENT_PATH = str(path)
    page = client.get("/en/strategy/talent-path/").content.decode()
    labs = page[page.index('id="stage-labs"') : page.index('id="stage-nobody"')]
    nobody = page[page.index('id="stage-nobody"') :]
    assert "Panevėžio švietimo centras" in labs and "No actor works" not in labs
    assert "No actor works at this stage." in nobody
    assert "no_such_indicator</code>: not yet in the observatory" in nobody
    assert "Primary school" not in page


def test_secretariat_adds_priorities_and_measures_last_under_their_parent(
    client, strategy, priority, make_user
):
    s = strategy("adopted")
    first = priority(s, "First")
    client.force_login(make_user("secretariat"))
    form = client.get(f"/en/strategy/{s.slug}/priorities/new/").content.decode()
    assert 'name="position" value="2"' in form and f'href="/en/strategy/{s.slug}/"' in form
    data = {"position": 2, "title_en": "Second", "title_lt": "Antras"}
    response = client.post(f"/en/strategy/{s.slug}/priorities/new/", data)
    second = s.priorities.get(title_en="Second")
    assert response.status_code == 302 and response["Location"] == second.get_absolute_url()
    form = client.get(f"/en/strategy/priorities/{first.pk}/measures/new/").content.decode()
    assert 'name="position" value="1"' in form
    data = {"position": 1, "title_en": "A measure", "title_lt": "Priemonė"}
    client.post(f"/en/strategy/priorities/{first.pk}/measures/new/", data)
    assert [m.title_en for m in first.measures.all()] == ["A measure"]
    assert client.get("/en/strategy/no-such/priorities/new/").status_code == 404

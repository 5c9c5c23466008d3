import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from i4region.stakeholders import seed
from i4region.stakeholders.models import (
    Activity,
    FollowUp,
    Interaction,
    Organisation,
    Relation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(client, make_user):
    client.force_login(make_user("secretariat"))
    return client


def test_seed_is_idempotent_and_marks_samples():
    counts = (Organisation.objects.count(), Relation.objects.count(), Activity.objects.count())
    seed.load()
    assert (
        Organisation.objects.count(),
        Relation.objects.count(),
        Activity.objects.count(),
    ) == counts
    assert 55 <= counts[0] <= 65 and 140 <= counts[1] <= 160
    real = Organisation.objects.filter(is_sample=False)
    assert real.filter(name="RoboLabas", parent__name="Panevėžio švietimo centras").exists()
    assert all(o.source_url.startswith("http") for o in real)
    sample = Organisation.objects.filter(is_sample=True)
    assert sample.filter(name="Pavyzdinė gamykla 1").exists()
    assert all(o.name.startswith("Pavyzdin") and "sample" not in o.name for o in sample)


def test_network_page_renders_and_filters(lead):
    page = lead.get("/en/stakeholders/network/").content.decode()
    assert "<svg" in page and "Brokers between communities" in page
    assert page.count("<circle") >= 55
    filtered = lead.get(
        "/en/stakeholders/network/?type=school&type=company&relation=training"
        "&colour=community&size=betweenness"
    ).content.decode()
    schools_and_companies = Organisation.objects.filter(type__in=["school", "company"]).count()
    # node circles (legend circles have no <title>)
    assert filtered.count("</title></circle>") == schools_and_companies
    assert "Panevėžio miesto savivaldybė" not in filtered.split("<svg")[1].split("</svg>")[0]


def test_network_filter_by_municipality(lead):
    page = lead.get("/en/stakeholders/network/?municipality=LT-LAU-27").content.decode()
    city = Organisation.objects.filter(municipality__code="LT-LAU-27").count()
    assert page.count("</title></circle>") == city


def test_static_svg_for_reports(lead):
    r = lead.get("/en/stakeholders/network.svg?colour=community&download=1")
    assert r.status_code == 200 and r["Content-Type"].startswith("image/svg+xml")
    assert "attachment" in r["Content-Disposition"]
    assert r.content.decode().startswith("<svg")


def test_key_actors_explained_in_both_languages(lead):
    en = lead.get("/en/stakeholders/key-actors/").content.decode()
    lt = lead.get("/lt/stakeholders/key-actors/").content.decode()
    assert " ties" in en and ("community" in en or "communities" in en)
    assert "ryš" in lt and "bendruomen" in lt


def test_grid_shows_movement(lead):
    page = lead.get("/en/stakeholders/grid/").content.decode()
    assert "<svg" in page and "→" in page and "marker-end" in page


def test_activities_overlap_and_gap(lead):
    page = lead.get("/en/stakeholders/activities/").content.decode()
    assert "Robotics education" in page and "gap" in page
    assert "Robotikos pamokos ir būreliai" in page


def test_log_interaction_with_follow_up(lead, make_user):
    org = Organisation.objects.get(name="Panevėžio plėtros agentūra (Panevėžys NOW)")
    owner = make_user("secretariat", first_name="Rūta", last_name="Savininkė")
    form = lead.get(f"/en/stakeholders/organisation/{org.pk}/interaction/")
    assert form.status_code == 200
    r = lead.post(
        f"/en/stakeholders/organisation/{org.pk}/interaction/",
        {
            "date": "2026-02-03",
            "type": "meeting",
            "purpose": "Plan the robotics fair",
            "outcome": "Agreed a date",
            "follow_up": "Send the draft programme",
            "follow_up_owner": owner.pk,
            "follow_up_due": "2026-02-17",
        },
    )
    assert r.status_code == 302
    i = Interaction.objects.get(organisation=org, purpose="Plan the robotics fair")
    f = FollowUp.objects.get(interaction=i)
    assert (f.owner, f.due_date) == (owner, dt.date(2026, 2, 17))
    page = lead.get(f"/en/stakeholders/organisation/{org.pk}/").content.decode()
    assert "Send the draft programme" in page and "2026-02-17" in page


def test_incomplete_follow_up_is_refused(lead):
    org = Organisation.objects.get(name="RoboLabas")
    before = Interaction.objects.count()
    r = lead.post(
        f"/en/stakeholders/organisation/{org.pk}/interaction/",
        {"date": "2026-02-03", "type": "call", "purpose": "x", "follow_up": "do something"},
    )
    assert r.status_code == 200 and "needs a description, an owner and a due date" in (
        r.content.decode()
    )
    assert Interaction.objects.count() == before


def test_overdue_alerts(lead):
    page = lead.get("/en/stakeholders/alerts/").content.decode()
    assert "Key stakeholders overdue for contact" in page
    # the municipality is a key stakeholder with a cadence and no interaction yet
    assert "Panevėžio miesto savivaldybė" in page


def test_setup_twice_changes_nothing():
    before = (Organisation.objects.count(), Relation.objects.count())
    call_command("setup", verbosity=0)
    assert (Organisation.objects.count(), Relation.objects.count()) == before


def test_key_actor_page_explains_its_place_in_both_languages(lead):
    org = Organisation.objects.get(name="RoboLabas")
    en = lead.get(f"/en/stakeholders/organisation/{org.pk}/").content.decode()
    lt = lead.get(f"/lt/stakeholders/organisation/{org.pk}/").content.decode()
    assert "Key-actor rank" in en and " ties" in en
    assert "ryš" in lt and "Užregistruoti sąveiką" in lt
    sample = Organisation.objects.filter(is_sample=True).first()
    assert "Pavyzdys" in lead.get(f"/lt/stakeholders/organisation/{sample.pk}/").content.decode()


def _texts(svg: ET.Element, size: float = 16.0, group: str = "") -> list[tuple[str, str, tuple]]:
    """(group class, text, estimated box) of every <text>, with the font size it inherits."""
    size = float(svg.get("font-size", size))
    group = svg.get("class", group) if svg.tag.endswith("g") else group
    out = []
    for child in svg:
        if child.tag.endswith("text"):
            fs = float(child.get("font-size", size))
            x, y, text = float(child.get("x")), float(child.get("y")), child.text or ""
            out.append((group, text, (x, y - 0.8 * fs, x + 0.55 * fs * len(text), y + 0.2 * fs)))
        elif child.tag.endswith("g") or child.tag.endswith("a"):
            out += _texts(child, size, group)
    return out


@pytest.mark.parametrize("lang", ["en", "lt"])
@pytest.mark.parametrize("query", ["", "?colour=community&size=betweenness"])
def test_network_picture_labels_do_not_overlap_and_the_legend_fits(lead, lang, query):
    page = lead.get(f"/{lang}/stakeholders/network/{query}").content.decode()
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", page, re.S).group(0))
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    texts = _texts(svg)
    labels = [t for t in texts if t[0] == "labels"]
    assert len(labels) >= 8  # the most central organisations are named
    overlaps = [
        (a[1], b[1]) for i, a in enumerate(texts) for b in texts[i + 1 :] if _overlap(a[2], b[2])
    ]
    assert overlaps == []
    legend = [t for t in texts if t[0] == "legend"]
    assert len(legend) >= 4
    ns = "{http://www.w3.org/2000/svg}"
    dots = [
        (
            float(c.get("cx")) - 6,
            float(c.get("cy")) - 6,
            float(c.get("cx")) + 6,
            float(c.get("cy")) + 6,
        )
        for g in svg.iter(f"{ns}g")
        if g.get("class") == "legend"
        for c in g.iter(f"{ns}circle")
    ]
    for box in [t[2] for t in legend] + dots:
        assert 0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height, box


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_type_colours_stay_the_same_when_filtered(lead):
    def colours(query: str) -> dict[str, str]:
        page = lead.get(f"/en/stakeholders/network/{query}").content.decode()
        legend = page.split('class="legend"')[1]
        return dict(
            (name, fill)
            for fill, name in re.findall(r'fill="(#[0-9a-f]+)"/><text[^>]*>([^<]+)</text>', legend)
        )

    everything, schools = colours(""), colours("?type=school&type=cluster")
    assert set(schools) == {"School", "Cluster"}
    assert all(everything[name] == fill for name, fill in schools.items())


def test_the_network_is_also_a_list_and_its_filters_fold_away(lead):
    """Screen-reader users get every organisation of the picture as a table row, most central
    first; the filters sit in a panel that is closed until a filter is chosen."""
    page = lead.get("/en/stakeholders/network/").content.decode()
    drawn = set(
        re.findall(
            r'href="/en/stakeholders/organisation/(\d+)/"',
            page.split("<svg")[1].split("</svg>")[0],
        )
    )
    table = page.split('id="network-list"')[1]
    listed = re.findall(r'<th scope="row"><a href="/en/stakeholders/organisation/(\d+)/"', table)
    assert drawn and set(listed) == drawn and len(listed) == len(drawn)
    assert '<details class="filters-panel">' in page
    filtered = lead.get("/en/stakeholders/network/?type=company").content.decode()
    assert '<details class="filters-panel" open>' in filtered

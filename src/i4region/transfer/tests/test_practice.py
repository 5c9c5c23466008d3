"""The 'Start a new region' guide and the practice's templates, in both languages."""

import tomllib

import pytest
from django.core.management import call_command

from i4region.transfer import practice

pytestmark = pytest.mark.django_db


def test_every_template_reads_in_both_languages():
    for template in practice.templates():
        data = template.data
        assert data["title_en"] and data["title_lt"], template.slug
        for key in ("sector", "clause", "step", "cadence"):
            for item in data.get(key, []):
                texts = [v for k, v in item.items() if k.endswith(("en", "lt"))]
                assert all(texts) and len(texts) % 2 == 0, (template.slug, item)


def test_the_board_composition_states_its_source_and_which_rule_is_a_suggestion():
    board = practice.template("board-composition").data
    assert board["source_url"].startswith("https://")
    assert {s["code"] for s in board["sector"]} == {
        "municipality",
        "company",
        "school",
        "university",
        "ngo",
    }
    assert "suggestion" in board["rule_en"] and "pasiūlymas" in board["rule_lt"]


@pytest.mark.parametrize(
    "lang, heading, phrase",
    [
        ("en", "Start a new region", "i4region setup --home-region"),
        ("lt", "Pradėti naują regioną", "i4region setup --home-region"),
    ],
)
def test_the_guide_links_every_template(client, lang, heading, phrase):
    page = client.get(f"/{lang}/transfer/").content.decode()
    assert heading in page and phrase in page
    for template in practice.templates():
        assert f"/{lang}/transfer/templates/{template.slug}/" in page
        detail = client.get(f"/{lang}/transfer/templates/{template.slug}/")
        assert detail.status_code == 200
        assert template.data[f"title_{lang}"] in detail.content.decode()
    assert f"/{lang}/strategy/talent-path/" in page


def test_a_template_downloads_as_the_file_a_region_edits(client):
    response = client.get("/en/transfer/templates/engagement-method/file/")
    assert response.status_code == 200
    data = tomllib.loads(response.content.decode())
    assert [s["code"] for s in data["step"]] == ["identify", "map", "assess", "plan"]


def test_an_unknown_template_is_not_found(client):
    assert client.get("/en/transfer/templates/nothing-here/").status_code == 404


def test_export_templates_hands_over_the_set_up_without_people(tmp_path):
    call_command("export-templates", "--out", str(tmp_path), verbosity=0)
    names = {p.name for p in tmp_path.iterdir()}
    assert {
        "board_composition.toml",
        "terms_of_reference.toml",
        "meeting_cycle.toml",
        "engagement_method.toml",
        "talent_path.json",
    } <= names
    boards = [p for p in tmp_path.glob("board_*.json")]
    assert boards
    text = "".join(p.read_text(encoding="utf-8") for p in boards)
    assert "seats_by_sector" in text and "@" not in text

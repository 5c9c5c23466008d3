"""`i4region export` writes the board tables with their columns defined, sample content included."""

import csv
import json
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

REQUIRED = [
    "boards",
    "board_members",
    "meetings",
    "agenda_items",
    "challenges",
    "proposals",
    "decisions",
    "actions",
]


@pytest.fixture(autouse=True)
def core_exports_module_has_no_tables(monkeypatch):
    """core/exports.py is itself picked up as the core app's exports module but has no tables()
    (reported to the lead); until core has one, stand in for it with no tables."""
    import i4region.core.exports as core

    if not hasattr(core, "tables"):
        monkeypatch.setattr(core, "tables", lambda public, include_personal_data: [], raising=False)


def read(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_export_writes_every_board_table_with_columns_in_datapackage(tmp_path):
    call_command("export", out=tmp_path, stdout=open("/dev/null", "w"))
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    for name in REQUIRED:
        assert (tmp_path / f"{name}.csv").exists(), name
        with open(tmp_path / f"{name}.csv", encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        described = [f["name"] for f in resources[name]["schema"]["fields"]]
        assert header == described, name
        assert all(f["description"] for f in resources[name]["schema"]["fields"])
    actions_header = [f["name"] for f in resources["actions"]["schema"]["fields"]]
    for column in ("id", "parent_id", "weight", "progress", "status", "decision_id"):
        assert column in actions_header
    assert "board_history" not in resources  # personal data only on request


def test_export_holds_the_sample_content_and_parent_progress_is_weighted_mean(tmp_path):
    call_command("export", out=tmp_path, stdout=open("/dev/null", "w"))
    boards = read(tmp_path / "boards.csv")
    board = next(b for b in boards if b["slug"] == "panevezys-i40")
    assert board["founding_year"] == "2018" and board["is_sample"] == "false"
    assert "city council" in board["founders"]
    members = [m for m in read(tmp_path / "board_members.csv") if m["board_id"] == board["id"]]
    assert members and all(m["is_sample"] == "true" for m in members)
    proposals = read(tmp_path / "proposals.csv")
    robolabas = next(p for p in proposals if p["title"].startswith("RoboLabas"))
    assert (
        Decimal(robolabas["cost_estimate"]) == Decimal("470000") and robolabas["currency"] == "EUR"
    )
    assert any(
        c["title_en"] == "The population keeps falling" for c in read(tmp_path / "challenges.csv")
    )
    assert read(tmp_path / "decisions.csv") and read(tmp_path / "agenda_items.csv")

    actions = read(tmp_path / "actions.csv")
    children = defaultdict(list)
    for a in actions:
        if a["parent_id"]:
            children[a["parent_id"]].append(a)
    assert children, "the sample has a parent action with children"
    for parent_id, kids in children.items():
        parent = next(a for a in actions if a["id"] == parent_id)
        weights = [Decimal(k["weight"]) for k in kids]
        mean = sum(w * Decimal(k["progress"]) for w, k in zip(weights, kids, strict=True)) / sum(
            weights
        )
        assert abs(Decimal(parent["progress"]) - mean) < Decimal("0.01")
        assert all(k["decision_id"] for k in kids)


def test_public_export_keeps_only_published_rows(tmp_path, board, meeting, decision):
    call_command("export", out=tmp_path, public=True, stdout=open("/dev/null", "w"))
    assert not any(m["title"] == meeting.title for m in read(tmp_path / "meetings.csv"))
    assert not any(d["title"] == decision.title for d in read(tmp_path / "decisions.csv"))
    sample = [m for m in read(tmp_path / "meetings.csv") if m["is_sample"] == "true"]
    assert sample and all(m["minutes_status"] == "approved" for m in sample)


def test_personal_data_export_adds_history(tmp_path):
    call_command("export", out=tmp_path, include_personal_data=True, stdout=open("/dev/null", "w"))
    history = read(tmp_path / "board_history.csv")
    assert any(h["verb"] == "adopted" and h["target_type"] == "decision" for h in history)

"""Sample content already loaded (by the seed before its texts were paired) gets its Lithuanian
texts from the seed file: only records marked is_sample whose English text is the seed's own, and
only where the Lithuanian field is still empty. Nothing else is touched."""

import json
from importlib import resources

from django.db import migrations


def _seed() -> dict:
    path = resources.files("i4region.board.seed") / "panevezys_i40.json"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _fill(model, pairs: list[tuple[str, str, str]], **scope) -> None:
    for field, en, lt in pairs:
        if en and lt:
            model.objects.filter(
                **scope, **{f"{field}_en": en, f"{field}_lt": ""}
            ).update(**{f"{field}_lt": lt})


def forwards(apps, schema_editor):
    spec = _seed()
    board = {"board__slug": spec["board"]["slug"]}
    m = spec["meeting"]
    _fill(
        apps.get_model("board", "Meeting"),
        [("title", m["title_en"], m["title_lt"]), ("minutes", m["minutes_en"], m["minutes_lt"])],
        is_sample=True,
        **board,
    )
    _fill(
        apps.get_model("board", "AgendaItem"),
        [("title", i["title_en"], i["title_lt"]) for i in m["agenda"]],
        meeting__is_sample=True,
        meeting__board__slug=spec["board"]["slug"],
    )
    proposals = []
    for p in spec["proposals"]:
        proposals += [
            ("title", p["title_en"], p["title_lt"]),
            ("description", p["description_en"], p["description_lt"]),
            ("expected_effect", p["effect_en"], p["effect_lt"]),
            ("cost_note", p["cost_note_en"], p["cost_note_lt"]),
            ("funding_idea", p["funding_en"], p["funding_lt"]),
        ]
    _fill(apps.get_model("board", "Proposal"), proposals, is_sample=True, **board)
    texts = spec["decision_texts"]
    decisions = []
    for p in spec["proposals"]:
        for field in ("title", "text"):
            decisions.append(
                (
                    field,
                    texts[f"{field}_en"].format(title=p["title_en"]),
                    texts[f"{field}_lt"].format(title=p["title_lt"]),
                )
            )
    _fill(apps.get_model("board", "Decision"), decisions, is_sample=True, **board)
    actions, milestones = [], []
    for a in spec["actions"]:
        actions.append(("title", a["title_en"], a["title_lt"]))
        milestones += [("title", en, lt) for _day, en, lt, _done in a.get("milestones", [])]
    _fill(apps.get_model("board", "Action"), actions, is_sample=True, **board)
    _fill(
        apps.get_model("board", "Milestone"),
        milestones,
        action__is_sample=True,
        action__board__slug=spec["board"]["slug"],
    )


class Migration(migrations.Migration):
    dependencies = [("board", "0005_paired_texts")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

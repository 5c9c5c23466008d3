"""One language at a time: the sample board's own texts (meeting, agenda, proposals, decisions,
actions, milestones) show in the page's language only. The record's history section is left out of the check: it
lists every stored field (so both languages) under the names the records had when the change was
made."""

import re
from html import unescape

import pytest
from django.utils import translation

from i4region.board.models import Action, AgendaItem, Board, Decision, Milestone, Proposal

pytestmark = pytest.mark.django_db
SAMPLE_BOARD = "panevezys-i40"
OTHER = {"lt": "en", "en": "lt"}
HISTORY = re.compile(r'<section aria-labelledby="history-heading".*?</section>', re.S)


def _texts(board: Board, lang: str) -> set[str]:
    """Every sample title of the board in one language."""
    records = [
        *board.meetings.all(),
        *AgendaItem.objects.filter(meeting__board=board),
        *Proposal.objects.filter(board=board),
        *Decision.objects.filter(board=board),
        *Action.objects.filter(board=board),
        *Milestone.objects.filter(action__board=board),
    ]
    return {getattr(r, f"title_{lang}") for r in records}


def _pages(board: Board, lang: str) -> dict[str, str]:
    meeting = board.meetings.get()
    decision = board.decisions.order_by("id").first()
    action = board.actions.get(title_en="Fit out the four laboratories")
    with translation.override(lang):
        return {
            "workspace": board.get_absolute_url(),
            "meeting": meeting.get_absolute_url(),
            "decision": decision.get_absolute_url(),
            "action": action.get_absolute_url(),
        }


@pytest.mark.parametrize("lang", ["lt", "en"])
def test_sample_board_pages_show_one_language(client, make_user, lang):
    board = Board.objects.get(slug=SAMPLE_BOARD)
    own, other = _texts(board, lang), _texts(board, OTHER[lang])
    assert all(own) and all(other) and not own & other, "every sample title has both languages"
    client.force_login(make_user("secretariat"))
    meeting = board.meetings.get()
    decision = board.decisions.order_by("id").first()
    action = board.actions.get(title_en="Fit out the four laboratories")
    expected = {
        "workspace": [meeting, decision],
        "meeting": [meeting, *meeting.agenda_items.all(), decision],
        "decision": [decision, decision.proposal],
        "action": [action, *action.milestones.all()],
    }
    for name, url in _pages(board, lang).items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = unescape(HISTORY.sub("", response.content.decode()))
        for record in expected[name]:
            assert getattr(record, f"title_{lang}") in html, (name, record.pk)
        shown = sorted(t for t in other if t in html)
        assert not shown, (name, shown)
    assert f"/{lang}/" in url


def test_migration_fills_the_lithuanian_texts_of_sample_content_loaded_before():
    """A database seeded before the pairs existed has only the English texts: 0006 adds the
    Lithuanian ones of the sample records, and leaves a text someone wrote alone."""
    from importlib import import_module

    from django.apps import apps

    board = Board.objects.get(slug=SAMPLE_BOARD)
    lt = _texts(board, "lt")
    for model, scope in (
        (board.meetings.model, {"board": board}),
        (AgendaItem, {"meeting__board": board}),
        (Proposal, {"board": board}),
        (Decision, {"board": board}),
        (Action, {"board": board}),
        (Milestone, {"action__board": board}),
    ):
        model.objects.filter(**scope).update(title_lt="")
    Decision.objects.filter(board=board).update(text_lt="")
    board.meetings.update(minutes_lt="")
    action = board.actions.get(title_en="Fit out the four laboratories")
    Action.objects.filter(pk=action.pk).update(title_lt="Mūsų pačių pavadinimas")
    import_module("i4region.board.migrations.0006_sample_texts_in_lithuanian").forwards(apps, None)
    assert _texts(board, "lt") == (lt - {"Įrengti keturias laboratorijas"}) | {
        "Mūsų pačių pavadinimas"
    }
    assert all(d.text_lt.startswith("Pavyzdinis sprendimas") for d in board.decisions.all())
    assert board.meetings.get().minutes_lt.startswith("Pavyzdinis protokolas")


def test_sample_seats_read_in_lithuanian(client, make_user):
    """A Lithuanian page names the sample organisations in Lithuanian only (no English
    "(sample)" suffix); the translated badge marks the sample seats."""
    board = Board.objects.get(slug=SAMPLE_BOARD)
    client.force_login(make_user("secretariat"))
    with translation.override("lt"):
        html = client.get(board.get_absolute_url()).content.decode()
    assert "(sample)" not in html
    assert re.search(
        r'Jonas Pavyzdys <span class="sample">Pavyzdys</span>.*?Pavyzdinė gamykla 1<', html, re.S
    )


def test_meeting_agenda_indents_without_inline_style(client, make_user):
    """Sub-items of the agenda are indented by a class, so the page needs no inline style."""
    meeting = Board.objects.get(slug=SAMPLE_BOARD).meetings.get()
    client.force_login(make_user("secretariat"))
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "style=" not in html
    sub_items = meeting.agenda_items.exclude(parent=None)
    assert html.count('class="agenda-sub agenda-depth-1"') == sub_items.count() > 0

"""Move the data: plain-text organisation names to the register, the board's own history to the
one history (django-auditlog's LogEntry), decisions to one state and the named methods.

A name is matched to a register organisation exactly, then ignoring case, then as "name (…)";
a name with no match becomes a register entry (a sample when the record it came from is one), so
no actor is lost. Every HistoryEntry becomes a LogEntry with the same time, actor, before/after
values, verb and note, filed under its board.
"""

from django.db import migrations

CREATED_NOTE_EN = (
    "Entered as plain text in the board workspace before the register was the one list of "
    "actors; check its type and details."
)
CREATED_NOTE_LT = (
    "Įrašyta kaip laisvas tekstas tarybos darbo erdvėje, kol registras dar nebuvo vienas "
    "dalyvių sąrašas; patikrinkite tipą ir duomenis."
)


def _guess_type(name: str) -> str:
    lower = name.lower()
    for needle, kind in (
        ("savivaldyb", "municipality"),
        ("municipal", "municipality"),
        ("council", "municipality"),
        ("agent", "agency"),
        ("mokykl", "school"),
        ("gimnazij", "school"),
        ("school", "school"),
        ("universit", "university"),
        ("kolegij", "university"),
        ("ngo", "ngo"),
        ("asociacij", "ngo"),
        ("association", "ngo"),
    ):
        if needle in lower:
            return kind
    return "company"


def _organisation(Organisation, name: str, is_sample: bool):
    name = (name or "").strip()[:200]
    if not name:
        return None
    found = (
        Organisation.objects.filter(name=name).first()
        or Organisation.objects.filter(name__iexact=name).first()
        or Organisation.objects.filter(name__istartswith=name + " (").order_by("name").first()
    )
    if found is not None:
        return found
    return Organisation.objects.create(
        name=name,
        type=_guess_type(name),
        is_sample=is_sample,
        published=False,
        description_en=CREATED_NOTE_EN,
        description_lt=CREATED_NOTE_LT,
    )


def names_to_register(apps, schema_editor):
    Organisation = apps.get_model("stakeholders", "Organisation")
    Founder = apps.get_model("board", "Founder")
    Membership = apps.get_model("board", "Membership")
    Proposal = apps.get_model("board", "Proposal")
    Attendance = apps.get_model("board", "Attendance")
    Action = apps.get_model("board", "Action")
    Initiative = apps.get_model("initiatives", "Initiative")
    for f in Founder.objects.select_related("board"):
        if "not named" in f.organisation_name:  # the source names no organisation: keep the words
            f.role = f.organisation_name
        else:
            f.organisation = _organisation(Organisation, f.organisation_name, f.board.is_sample)
        f.save(update_fields=["organisation", "role"])
    for m in Membership.objects.exclude(organisation_name=""):
        m.organisation = _organisation(Organisation, m.organisation_name, m.is_sample)
        m.save(update_fields=["organisation"])
    for p in Proposal.objects.exclude(proposer_organisation_name=""):
        p.proposer_organisation = _organisation(
            Organisation, p.proposer_organisation_name, p.is_sample
        )
        p.save(update_fields=["proposer_organisation"])
    for a in Attendance.objects.exclude(guest_organisation_name="").select_related("meeting"):
        a.guest_organisation = _organisation(
            Organisation, a.guest_organisation_name, a.meeting.is_sample
        )
        a.save(update_fields=["guest_organisation"])
    for a in Action.objects.select_related("initiative_type"):
        fields = []
        if a.owner_name:
            a.owner_organisation = _organisation(Organisation, a.owner_name, a.is_sample)
            fields.append("owner_organisation")
        kind = a.initiative_type
        if (
            kind is not None
            and (kind.app_label, kind.model) == ("initiatives", "initiative")
            and Initiative.objects.filter(pk=a.old_initiative_id).exists()
        ):
            a.initiative_id = a.old_initiative_id
            fields.append("initiative")
        if fields:
            a.save(update_fields=fields)


def decisions_to_states(apps, schema_editor):
    Board = apps.get_model("board", "Board")
    Decision = apps.get_model("board", "Decision")
    Vote = apps.get_model("board", "Vote")
    Board.objects.filter(decision_method="vote").update(decision_method="simple_majority")
    for d in Decision.objects.all():
        if d.method == "vote":
            d.method = "simple_majority"
            if Vote.objects.filter(decision=d).exists():
                d.vote_mode = "roll_call"
            else:
                d.vote_mode = "tally"
        if d.status == "approved" and d.outcome in ("adopted", "rejected"):
            d.state = d.outcome
        else:
            d.state = "draft"  # a draft, or "deferred": not decided yet
            d.decided_at = None
        d.save(update_fields=["method", "vote_mode", "state", "decided_at"])


VERBS = {
    "created": "created",
    "changed": "changed",
    "deleted": "deleted",
    "minutes circulated": "minutes_circulated",
    "minutes approved": "minutes_approved",
    "state submitted": "submitted",
    "state withdrawn": "withdrawn",
    "state accepted": "accepted",
    "state rejected": "rejected",
    "state evaluating": "evaluation_started",
    "vote": "voted",
    "approved": "adopted",
    "amended": "amended",
    "progress rolled up": "progress_rolled_up",
    "progress": "progress_updated",
}
ACTIONS = {"created": 0, "deleted": 2}


def _text(value) -> str:
    return "None" if value is None else str(value)


def history_to_auditlog(apps, schema_editor):
    HistoryEntry = apps.get_model("board", "HistoryEntry")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    rows = []
    for h in HistoryEntry.objects.select_related("target_type").order_by("id"):
        model = apps.get_model(h.target_type.app_label, h.target_type.model)
        changes = {}
        for name, pair in (h.changes or {}).items():
            try:
                name = model._meta.get_field(name).name  # "board_id" → "board"
            except Exception:
                pass
            before, after = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            changes[name] = [_text(before), _text(after)]
        data = {"verb": VERBS.get(h.verb, "changed"), "parent": f"board.board:{h.board_id}"}
        if h.note:
            data["note"] = h.note
        rows.append(
            LogEntry(
                content_type_id=h.target_type_id,
                object_pk=str(h.target_id),
                object_id=h.target_id,
                object_repr=h.target_label,
                action=ACTIONS.get(h.verb, 1),
                changes=changes,
                changes_text="",
                actor_id=h.user_id,
                timestamp=h.at,
                additional_data=data,
            )
        )
    LogEntry.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("board", "0002_register_links_and_workflows")]

    operations = [
        migrations.RunPython(names_to_register, migrations.RunPython.noop),
        migrations.RunPython(decisions_to_states, migrations.RunPython.noop),
        migrations.RunPython(history_to_auditlog, migrations.RunPython.noop),
    ]

"""The initiatives' own change table moves into the one history (auditlog's LogEntry).

Each old row becomes one entry on the same record, with the same author and time, filed under
its initiative. Fields whose old before and after are the same number ("290000.00" → "290000")
were no change and are dropped; the old plain-text owner and funder names become the register
organisations the previous migration linked.
"""

from decimal import Decimal, InvalidOperation

from django.db import migrations

MODELS = {"initiative", "budgetline", "fundingline", "kpi", "kpivalue"}
CREATE, UPDATE, DELETE = 0, 1, 2


def _same(a, b) -> bool:
    if a == b:
        return True
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, ValueError):
        return False


def _text(value) -> str:
    return "None" if value is None else str(value)


def changes_to_history(apps, schema_editor):
    Change = apps.get_model("initiatives", "Change")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Organisation = apps.get_model("stakeholders", "Organisation")
    org_ids = dict(Organisation.objects.values_list("name", "id"))
    for change in Change.objects.order_by("changed_at", "id"):
        model, _sep, pk = change.record.partition(" ")
        if model not in MODELS or not pk.isdigit():
            continue
        before, after = dict(change.before or {}), dict(change.after or {})
        for old in (before, after):
            if "funder" in old:
                old["funder_organisation"] = org_ids.get(old.pop("funder"))
            if "owner_organisation" in old:
                old["owner_organisation"] = org_ids.get(old["owner_organisation"])
            old.pop("decisions_en", None)
            old.pop("decisions_lt", None)
        action = CREATE if not before else DELETE if not after else UPDATE
        fields = sorted(set(before) | set(after))
        pairs = {
            f: [_text(before.get(f)), _text(after.get(f))]
            for f in fields
            if action != UPDATE or not _same(before.get(f), after.get(f))
        }
        if action == UPDATE and not pairs:
            continue  # the old table's "290000.00 → 290000": nothing changed
        ct, _created = ContentType.objects.get_or_create(app_label="initiatives", model=model)
        LogEntry.objects.create(
            content_type=ct,
            object_pk=pk,
            object_id=int(pk),
            object_repr=change.record,
            action=action,
            changes=pairs,
            changes_text="",
            actor_id=change.changed_by_id,
            timestamp=change.changed_at,
            additional_data=(
                None
                if model == "initiative"
                else {"parent": f"initiatives.initiative:{change.initiative_id}"}
            ),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("initiatives", "0002_register_links"),
    ]

    operations = [
        migrations.RunPython(changes_to_history, migrations.RunPython.noop),
        migrations.DeleteModel(name="Change"),
    ]

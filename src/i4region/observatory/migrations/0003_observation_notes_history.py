"""Notes on values; the history of hand-entered values moves into core's one history.

Every ValueChange row becomes an auditlog LogEntry on the observation (or, when the value was
later removed, on the observation's former key), filed under its indicator, with who, when,
before → after and the note; then the ValueChange table goes.
"""

import django.db.models.deletion
from django.db import migrations, models

MANUAL = "manual"


def _text(value) -> str:
    return "None" if value is None else str(value)


def carry_history(apps, schema_editor):
    ValueChange = apps.get_model("observatory", "ValueChange")
    Observation = apps.get_model("observatory", "Observation")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="observatory", model="observation")
    for change in ValueChange.objects.select_related("indicator", "region").order_by("id"):
        obs = Observation.objects.filter(
            indicator_id=change.indicator_id,
            region_id=change.region_id,
            period=change.period,
            vintage=MANUAL,
        ).first()
        if change.value_before is None:
            action, verb = 0, "created"
        elif change.value_after is None:
            action, verb = 2, "deleted"
        else:
            action, verb = 1, "changed"
        changes = {}
        if change.value_before != change.value_after:
            changes["value"] = [_text(change.value_before), _text(change.value_after)]
        if change.flag_before != change.flag_after:
            changes["flag"] = [change.flag_before or "None", change.flag_after or "None"]
        data = {"verb": verb, "parent": f"observatory.indicator:{change.indicator_id}"}
        if change.note:
            data["note"] = change.note
        entry = LogEntry.objects.create(
            content_type=content_type,
            object_pk=str(obs.pk) if obs else "",
            object_id=obs.pk if obs else None,
            object_repr=f"{change.indicator.code} {change.region.code} {change.period}",
            action=action,
            changes=changes,
            actor_id=change.changed_by_id,
            additional_data=data,
        )
        # auto_now_add stamped it now: keep when the change was really made
        LogEntry.objects.filter(pk=entry.pk).update(timestamp=change.changed_at)


def restore_history(apps, schema_editor):
    """Backwards: the entries stay in the one history; ValueChange comes back empty."""


class Migration(migrations.Migration):
    dependencies = [
        ("observatory", "0002_valuechange_target"),
        ("regions", "0001_initial"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="ObservationNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("period", models.CharField(max_length=16, verbose_name="period")),
                (
                    "vintage",
                    models.CharField(
                        blank=True,
                        help_text="Empty: the note applies to the period in every release.",
                        max_length=32,
                        verbose_name="release",
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("partial", "partial count"),
                            ("implausible", "implausible in source"),
                            ("break", "break in series"),
                            ("revised", "revised in a later release"),
                            ("other", "other"),
                        ],
                        max_length=16,
                        verbose_name="reason",
                    ),
                ),
                ("text_en", models.CharField(max_length=300, verbose_name="note (English)")),
                ("text_lt", models.CharField(max_length=300, verbose_name="note (Lithuanian)")),
                (
                    "indicator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="value_notes",
                        to="observatory.indicator",
                        verbose_name="indicator",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty: the note applies to the period in every region.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="value_notes",
                        to="regions.region",
                        verbose_name="region",
                    ),
                ),
            ],
            options={
                "verbose_name": "note on a value",
                "verbose_name_plural": "notes on values",
                "ordering": ["indicator", "region", "period", "vintage"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("indicator", "region", "period", "vintage"),
                        name="one_note_per_value",
                    )
                ],
            },
        ),
        migrations.RunPython(carry_history, restore_history),
        migrations.DeleteModel(name="ValueChange"),
    ]

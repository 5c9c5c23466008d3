"""An activity's initiative becomes a key into the portfolio; interactions gain participant
organisations. Initiative names written as text are matched to the portfolio (slug or either
name, case-insensitive); text that matches nothing stays in `initiative_note`, so nothing is lost.
"""

from django.db import migrations, models
import django.db.models.deletion


def _match(apps, schema_editor):
    Activity = apps.get_model("stakeholders", "Activity")
    Initiative = apps.get_model("initiatives", "Initiative")
    known: dict[str, int] = {}
    for i in Initiative.objects.all():
        for key in (i.slug, i.name_en, i.name_lt):
            if key:
                known.setdefault(key.strip().casefold(), i.pk)
    for activity in Activity.objects.exclude(initiative_note=""):
        pk = known.get(activity.initiative_note.strip().casefold())
        if pk is not None:
            activity.initiative_id = pk
            activity.initiative_note = ""
            activity.save(update_fields=["initiative", "initiative_note"])


def _unmatch(apps, schema_editor):
    Activity = apps.get_model("stakeholders", "Activity")
    for activity in Activity.objects.exclude(initiative=None).select_related("initiative"):
        activity.initiative_note = activity.initiative.name_en or activity.initiative.slug
        activity.save(update_fields=["initiative_note"])


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("stakeholders", "0002_relation_updated_at"),
    ]

    operations = [
        migrations.RenameField("activity", "initiative", "initiative_note"),
        migrations.AlterField(
            model_name="activity",
            name="initiative_note",
            field=models.CharField(
                blank=True,
                help_text="An initiative named in words that the portfolio does not hold (yet).",
                max_length=200,
                verbose_name="initiative (as first recorded)",
            ),
        ),
        migrations.AddField(
            model_name="activity",
            name="initiative",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="activities",
                to="initiatives.initiative",
                verbose_name="initiative",
            ),
        ),
        migrations.AddField(
            model_name="interaction",
            name="participant_organisations",
            field=models.ManyToManyField(
                blank=True,
                help_text="Other organisations of the register that took part.",
                related_name="interactions_joined",
                to="stakeholders.organisation",
                verbose_name="participant organisations",
            ),
        ),
        migrations.AlterField(
            model_name="interaction",
            name="participants",
            field=models.ManyToManyField(
                blank=True,
                related_name="interactions",
                to="stakeholders.person",
                verbose_name="participants (people)",
            ),
        ),
        migrations.RunPython(_match, _unmatch),
    ]

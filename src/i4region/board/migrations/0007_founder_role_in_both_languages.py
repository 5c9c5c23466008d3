"""A founder's role in English and Lithuanian (it was English only, shown on Lithuanian pages).

The two roles the bundled seed loaded get their Lithuanian text; any other role stays in English
until the secretariat writes its Lithuanian.
"""

from django.db import migrations, models

SEEDED = {
    "through its city council (Panevėžys city council)": "per savo tarybą (Panevėžio miesto taryba)",
    "Two Lithuanian NGOs (not named in the source)": "Dvi Lietuvos NVO (šaltinyje neįvardytos)",
}


def lithuanian_roles(apps, schema_editor):
    Founder = apps.get_model("board", "Founder")
    for english, lithuanian in SEEDED.items():
        Founder.objects.filter(role_en=english, role_lt="").update(role_lt=lithuanian)


class Migration(migrations.Migration):
    dependencies = [("board", "0006_sample_texts_in_lithuanian")]

    operations = [
        migrations.RenameField("founder", "role", "role_en"),
        migrations.AddField(
            model_name="founder",
            name="role_lt",
            field=models.CharField(
                blank=True,
                help_text="How it took part, as the source says (e.g. through its council).",
                max_length=200,
                verbose_name="role (Lithuanian)",
            ),
        ),
        migrations.AlterField(
            model_name="founder",
            name="role_en",
            field=models.CharField(
                blank=True,
                help_text="How it took part, as the source says (e.g. through its council).",
                max_length=200,
                verbose_name="role (English)",
            ),
        ),
        migrations.RunPython(lithuanian_roles, migrations.RunPython.noop),
    ]

"""Paired English / Lithuanian texts of meetings, agenda items, proposals, decisions, actions
and milestones: each old single-language field becomes the `_en` field (its text, English until
now, is kept as it is) and an empty `_lt` field is added beside it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("board", "0004_remove_old_columns")]

    operations = [
        migrations.RenameField("meeting", "title", "title_en"),
        migrations.AlterField(
            model_name="meeting",
            name="title_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="title_lt",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (Lithuanian)"),
        ),
        migrations.RenameField("meeting", "minutes", "minutes_en"),
        migrations.AlterField(
            model_name="meeting",
            name="minutes_en",
            field=models.TextField(blank=True, max_length=20000, verbose_name="minutes (English)"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="minutes_lt",
            field=models.TextField(blank=True, max_length=20000, verbose_name="minutes (Lithuanian)"),
        ),
        migrations.RenameField("agendaitem", "title", "title_en"),
        migrations.AlterField(
            model_name="agendaitem",
            name="title_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="title_lt",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (Lithuanian)"),
        ),
        migrations.RenameField("proposal", "title", "title_en"),
        migrations.AlterField(
            model_name="proposal",
            name="title_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="title_lt",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (Lithuanian)"),
        ),
        migrations.RenameField("proposal", "description", "description_en"),
        migrations.AlterField(
            model_name="proposal",
            name="description_en",
            field=models.TextField(blank=True, max_length=20000, verbose_name="description (English)"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="description_lt",
            field=models.TextField(blank=True, max_length=20000, verbose_name="description (Lithuanian)"),
        ),
        migrations.RenameField("proposal", "expected_effect", "expected_effect_en"),
        migrations.AlterField(
            model_name="proposal",
            name="expected_effect_en",
            field=models.TextField(blank=True, max_length=20000, verbose_name="expected effect (English)"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="expected_effect_lt",
            field=models.TextField(blank=True, max_length=20000, verbose_name="expected effect (Lithuanian)"),
        ),
        migrations.RenameField("proposal", "cost_note", "cost_note_en"),
        migrations.AlterField(
            model_name="proposal",
            name="cost_note_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="cost note (English)"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="cost_note_lt",
            field=models.CharField(blank=True, max_length=300, verbose_name="cost note (Lithuanian)"),
        ),
        migrations.RenameField("proposal", "funding_idea", "funding_idea_en"),
        migrations.AlterField(
            model_name="proposal",
            name="funding_idea_en",
            field=models.TextField(blank=True, max_length=20000, verbose_name="funding idea (English)"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="funding_idea_lt",
            field=models.TextField(blank=True, max_length=20000, verbose_name="funding idea (Lithuanian)"),
        ),
        migrations.RenameField("decision", "title", "title_en"),
        migrations.AlterField(
            model_name="decision",
            name="title_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="decision",
            name="title_lt",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (Lithuanian)"),
        ),
        migrations.RenameField("decision", "text", "text_en"),
        migrations.AlterField(
            model_name="decision",
            name="text_en",
            field=models.TextField(blank=True, max_length=20000, verbose_name="text of the decision (English)"),
        ),
        migrations.AddField(
            model_name="decision",
            name="text_lt",
            field=models.TextField(blank=True, max_length=20000, verbose_name="text of the decision (Lithuanian)"),
        ),
        migrations.RenameField("action", "title", "title_en"),
        migrations.AlterField(
            model_name="action",
            name="title_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="action",
            name="title_lt",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (Lithuanian)"),
        ),
        migrations.RenameField("milestone", "title", "title_en"),
        migrations.AlterField(
            model_name="milestone",
            name="title_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="milestone",
            name="title_lt",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (Lithuanian)"),
        ),
    ]

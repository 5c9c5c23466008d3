"""Amounts carry a period with its precision and the source's words; facts exist in both languages.

Existing lines keep their years: a budget line with a year is "in the stated year", one without
is "not stated in the source"; a funding line with both years is "in the stated years", one with a
single year has it copied to the other end, one with none is "not stated". Existing facts keep
their text as the English text; the Lithuanian text starts empty (pages fall back to English)
until the seed or the secretariat fills it.
"""

from django.db import migrations, models

PERIOD = models.CharField(
    choices=[
        ("dates", "exact dates"),
        ("years", "in the stated year(s)"),
        ("about", "about the stated year"),
        ("yearly", "every year, from the stated year"),
        ("unknown", "period not stated in the source"),
    ],
    default="years",
    help_text="How precisely the source dates the amount.",
    max_length=8,
    verbose_name="period",
)


def periods(apps, schema_editor):
    BudgetLine = apps.get_model("initiatives", "BudgetLine")
    FundingLine = apps.get_model("initiatives", "FundingLine")
    BudgetLine.objects.filter(year__isnull=True).update(period="unknown")
    FundingLine.objects.filter(year_from__isnull=True, year_to__isnull=True).update(
        period="unknown"
    )
    for line in FundingLine.objects.filter(year_from__isnull=True, year_to__isnull=False):
        line.year_from = line.year_to
        line.save()
    for line in FundingLine.objects.filter(year_from__isnull=False, year_to__isnull=True):
        line.year_to = line.year_from
        line.save()


def _dated_fields(model: str) -> list:
    return [
        migrations.AddField(model_name=model, name="period", field=PERIOD),
        migrations.AddField(
            model_name=model,
            name="date_from",
            field=models.DateField(blank=True, null=True, verbose_name="from (date)"),
        ),
        migrations.AddField(
            model_name=model,
            name="date_to",
            field=models.DateField(blank=True, null=True, verbose_name="to (date)"),
        ),
        migrations.AddField(
            model_name=model,
            name="source_words",
            field=models.CharField(
                blank=True,
                help_text="What the source says about the amount and its period, word for word.",
                max_length=400,
                verbose_name="the source's words",
            ),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_history_in_core")]

    operations = [
        *_dated_fields("budgetline"),
        *_dated_fields("fundingline"),
        migrations.RunPython(periods, migrations.RunPython.noop),
        migrations.RenameField("fact", "text", "text_en"),
        migrations.AlterField(
            model_name="fact",
            name="text_en",
            field=models.TextField(max_length=4000, verbose_name="fact (English)"),
        ),
        migrations.AddField(
            model_name="fact",
            name="text_lt",
            field=models.TextField(default="", max_length=4000, verbose_name="fact (Lithuanian)"),
            preserve_default=False,
        ),
        migrations.RenameField("fact", "unit", "unit_en"),
        migrations.AlterField(
            model_name="fact",
            name="unit_en",
            field=models.CharField(blank=True, max_length=80, verbose_name="unit (English)"),
        ),
        migrations.AddField(
            model_name="fact",
            name="unit_lt",
            field=models.CharField(blank=True, max_length=80, verbose_name="unit (Lithuanian)"),
        ),
        migrations.RenameField("fact", "reference_period", "reference_period_en"),
        migrations.AlterField(
            model_name="fact",
            name="reference_period_en",
            field=models.CharField(
                blank=True, max_length=40, verbose_name="reference period (English)"
            ),
        ),
        migrations.AddField(
            model_name="fact",
            name="reference_period_lt",
            field=models.CharField(
                blank=True, max_length=40, verbose_name="reference period (Lithuanian)"
            ),
        ),
        migrations.RenameField("fact", "note", "note_en"),
        migrations.AlterField(
            model_name="fact",
            name="note_en",
            field=models.TextField(blank=True, max_length=2000, verbose_name="note (English)"),
        ),
        migrations.AddField(
            model_name="fact",
            name="note_lt",
            field=models.TextField(blank=True, max_length=2000, verbose_name="note (Lithuanian)"),
        ),
    ]

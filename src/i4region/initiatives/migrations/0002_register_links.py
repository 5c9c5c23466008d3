"""Owners, partners and funders from the one register; the decisions behind an initiative as links.

Existing owner and funder names are matched to register organisations by name (exactly, then
ignoring case, then "name (brand)"); a name with no match becomes a new register entry, marked a
sample when the record it came from is one, so no real or sample record loses its actor. The old
free-text "decisions behind it" cannot be matched to decision records safely, so it is kept, word
for word, at the end of the description.
"""

import django.db.models.deletion
from django.db import migrations, models

CREATED_NOTE = (
    "Entered as plain text on an initiative or funding line before the register was the one list "
    "of actors; check its type and details."
)


def _guess_type(name: str, fallback: str) -> str:
    lower = name.lower()
    if "savivaldyb" in lower or "municipal" in lower:
        return "municipality"
    if "agent" in lower:
        return "agency"
    if "mokykl" in lower or "gimnazij" in lower or "school" in lower:
        return "school"
    if "universit" in lower or "kolegij" in lower:
        return "university"
    return fallback


def _organisation(Organisation, name: str, is_sample: bool, published: bool, fallback: str):
    name = name.strip()[:200]
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
        type=_guess_type(name, fallback),
        is_sample=is_sample,
        published=published,
        description_en=CREATED_NOTE,
        description_lt="Įrašyta kaip laisvas tekstas iniciatyvoje ar finansavimo eilutėje, kol "
        "registras dar nebuvo vienas dalyvių sąrašas; patikrinkite tipą ir duomenis.",
    )


def names_to_register(apps, schema_editor):
    Organisation = apps.get_model("stakeholders", "Organisation")
    Initiative = apps.get_model("initiatives", "Initiative")
    FundingLine = apps.get_model("initiatives", "FundingLine")
    for ini in Initiative.objects.all():
        ini.owner_organisation = _organisation(
            Organisation, ini.owner_organisation_name, ini.is_sample, ini.published, "agency"
        )
        for lang in ("en", "lt"):
            text = getattr(ini, f"decisions_{lang}").strip()
            if text:
                heading = "Decisions behind it" if lang == "en" else "Sprendimai, kuriais remiamasi"
                old = getattr(ini, f"description_{lang}").rstrip()
                setattr(ini, f"description_{lang}", f"{old}\n\n{heading}: {text}".lstrip())
        ini.save()
    for line in FundingLine.objects.select_related("initiative"):
        fallback = {"municipality": "municipality", "private": "company"}.get(
            line.source_type, "funder"
        )
        line.funder_organisation = _organisation(
            Organisation,
            line.funder,
            line.initiative.is_sample,
            line.initiative.published,
            fallback,
        )
        line.save()


def register_to_names(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    FundingLine = apps.get_model("initiatives", "FundingLine")
    for ini in Initiative.objects.select_related("owner_organisation"):
        ini.owner_organisation_name = ini.owner_organisation.name if ini.owner_organisation else ""
        ini.save()
    for line in FundingLine.objects.select_related("funder_organisation"):
        line.funder = line.funder_organisation.name if line.funder_organisation else ""
        line.save()


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0001_initial"),
        ("initiatives", "0001_initial"),
        ("stakeholders", "0002_relation_updated_at"),
    ]

    operations = [
        migrations.RenameField("initiative", "owner_organisation", "owner_organisation_name"),
        migrations.AddField(
            model_name="initiative",
            name="owner_organisation",
            field=models.ForeignKey(
                blank=True,
                help_text="The organisation that runs the initiative (its beneficiary in Kohesio).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="initiatives_owned",
                to="stakeholders.organisation",
                verbose_name="owner organisation",
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="partners",
            field=models.ManyToManyField(
                blank=True,
                related_name="initiatives_partnered",
                to="stakeholders.organisation",
                verbose_name="partner organisations",
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="decisions",
            field=models.ManyToManyField(
                blank=True,
                related_name="initiatives",
                to="board.decision",
                verbose_name="decisions behind it",
            ),
        ),
        migrations.AddField(
            model_name="fundingline",
            name="funder_organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="funding_lines",
                to="stakeholders.organisation",
                verbose_name="funder organisation",
            ),
        ),
        migrations.RunPython(names_to_register, register_to_names),
        migrations.RemoveField("initiative", "owner_organisation_name"),
        migrations.RemoveField("initiative", "decisions_en"),
        migrations.RemoveField("initiative", "decisions_lt"),
        migrations.AlterModelOptions(
            name="fundingline",
            options={
                "ordering": ["initiative", "year_from", "funder_organisation__name"],
                "verbose_name": "funding line",
                "verbose_name_plural": "funding lines",
            },
        ),
        migrations.RemoveField("fundingline", "funder"),
        migrations.AlterField(
            model_name="fundingline",
            name="funder_organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="funding_lines",
                to="stakeholders.organisation",
                verbose_name="funder organisation",
            ),
        ),
    ]

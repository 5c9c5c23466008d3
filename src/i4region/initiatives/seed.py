"""The board's real initiatives, loaded from data/portfolio.toml and the bundled facts file.

Only what the sources say is stored (see data/PROVENANCE.md): years, staff and building costs,
funding years that the pages do not give stay empty. Owners and funders are organisations of the
stakeholder register, found by name (its seed runs before this one). Records are created once and
never overwritten, so running setup again changes nothing and keeps later edits.
"""

import csv
import tomllib
from datetime import date
from decimal import Decimal
from importlib import resources

from django.utils.translation import gettext as _

from i4region.regions.models import Region
from i4region.stakeholders.models import Organisation

from .models import BudgetLine, Fact, FundingLine, Initiative, Kpi, KpiValue

PORTFOLIO = resources.files("i4region.initiatives") / "data" / "portfolio.toml"
FACTS = resources.files("i4region") / "data" / "facts" / "panevezys_institutions_and_facts.csv"


def portfolio() -> dict:
    with PORTFOLIO.open("rb") as fh:
        return tomllib.load(fh)


def _facts() -> list[dict[str, str]]:
    with FACTS.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _organisations(data: dict) -> dict[str, Organisation]:
    """Register entries by name; the few the register lacks are created with their source."""
    sources = data["sources"]
    for spec in data.get("organisation", []):
        spec = dict(spec)
        name, url = spec.pop("name"), sources[spec.pop("source")]
        Organisation.objects.get_or_create(
            name=name, defaults={**spec, "source_url": url, "published": True}
        )
    names = {i["owner"] for i in data["initiative"]} | {f["funder"] for f in data["funding"]}
    found = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    missing = sorted(names - set(found))
    if missing:
        raise LookupError(f"the stakeholder register has no organisation named {missing}")
    return found


def _fact(initiative: Initiative, row: dict[str, str], lt: dict[str, str]) -> None:
    """One row of the facts file, with its Lithuanian text; an empty Lithuanian text is filled."""
    fact, created = Fact.objects.get_or_create(
        initiative=initiative,
        text_en=row["fact"],
        source_url=row["source_url"],
        defaults={
            "text_lt": lt.get("text_lt", ""),
            "value": row["value"],
            "unit_en": row["unit"],
            "unit_lt": lt.get("unit_lt", ""),
            "reference_period_en": row["reference_period"],
            "reference_period_lt": lt.get("reference_period_lt", row["reference_period"]),
            "note_en": row["note"],
            "note_lt": lt.get("note_lt", ""),
            "source_date": date.fromisoformat(row["source_date"]) if row["source_date"] else None,
        },
    )
    if not created and not fact.text_lt and lt:
        for name in ("text_lt", "unit_lt", "note_lt", "reference_period_lt"):
            setattr(fact, name, lt.get(name, getattr(fact, name)))
        fact.save()


# The Panevėžys practice's own content: `i4region setup` loads it only where LT025 is the home region.
PRACTICE = True


def load(stdout=None) -> None:
    data = portfolio()
    sources = data["sources"]
    organisations = _organisations(data)
    facts = _facts()
    lithuanian = {f["en"]: f for f in data.get("fact", [])}
    initiatives = {}
    for spec in data["initiative"]:
        spec = dict(spec)
        topic, code = spec.pop("topic"), spec.pop("municipality", "")
        spec["owner_organisation"] = organisations[spec.pop("owner")]
        spec["municipality"] = Region.objects.filter(code=code).first() if code else None
        initiative, _created = Initiative.objects.get_or_create(
            slug=spec.pop("slug"), defaults={**spec, "published": True}
        )
        initiatives[initiative.slug] = initiative
        for row in (r for r in facts if r["topic"] == topic):
            _fact(initiative, row, lithuanian.get(row["fact"], {}))
    for spec in data["budget"]:
        BudgetLine.objects.get_or_create(
            initiative=initiatives[spec["initiative"]],
            year=None,
            category=spec["category"],
            subcategory=spec.get("subcategory", ""),
            defaults={
                "planned": Decimal(spec["planned"]) if "planned" in spec else None,
                "period": spec["period"],
                "source_words": spec["source_words"],
                "source_url": sources[spec["source"]],
                "note": spec.get("note", ""),
            },
        )
    for spec in data["funding"]:
        FundingLine.objects.get_or_create(
            initiative=initiatives[spec["initiative"]],
            funder_organisation=organisations[spec["funder"]],
            source_type=spec["source_type"],
            defaults={
                "amount": Decimal(spec["amount"]),
                "covers": spec["covers"],
                "status": spec["status"],
                "period": spec["period"],
                "source_words": spec["source_words"],
                "source_url": sources[spec["source"]],
                "note": spec.get("note", ""),
            },
        )
    for spec in data["kpi"]:
        kpi, _created = Kpi.objects.get_or_create(
            initiative=initiatives[spec["initiative"]],
            code=spec["code"],
            defaults={
                "kind": "output",
                **{k: spec[k] for k in ("name_en", "name_lt", "unit_en", "unit_lt")},
            },
        )
        KpiValue.objects.get_or_create(
            kpi=kpi,
            period=spec["period"],
            defaults={
                "value": Decimal(spec["value"]),
                "qualifier": spec["qualifier"],
                "source_url": sources[spec["source"]],
            },
        )
    if stdout:
        line = _("Initiatives: %(count)d real initiatives with their sources.")
        stdout.write(line % {"count": len(initiatives)} + "\n")

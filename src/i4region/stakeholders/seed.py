"""Sample ecosystem for Panevėžys: the real institutions the facts file names (is_sample=False, each
with its source URL) plus clearly marked fictional companies and schools (is_sample=True).

Generated from a fixed random seed and upserted by natural keys, so running setup twice changes
nothing. Assessments, interactions and people exist only for fictional organisations: judging or
contacting real institutions is the secretariat's work, not the seed's.
"""

import csv
import datetime as dt
import random
from decimal import Decimal
from importlib import resources

from django.db import transaction
from django.utils.translation import gettext as _

from i4region.regions.models import Region

from .models import (
    Activity,
    Assessment,
    FollowUp,
    Interaction,
    Organisation,
    Person,
    Relation,
    Stance,
    TargetGroup,
    Theme,
)

SEED = 2026
CITY, DISTRICT = "LT-LAU-27", "LT-LAU-66"
COUNTY_MUNICIPALITIES = (CITY, DISTRICT, "LT-LAU-36", "LT-LAU-57", "LT-LAU-67", "LT-LAU-73")
BASE_DATE = dt.date(2025, 1, 15)
# The fictional records' texts (the field they fill → text); {i} numbers the record.
SAMPLE_TEXTS = {
    "consent_source": "Pavyzdinė sutikimo forma",
    "source_note": "Pavyzdinis (išgalvotas) ryšys",
    "assessor_name": "Pavyzdinis sekretoriatas",
    "note": "Pavyzdinis pirmasis vertinimas",
    "purpose": "Pavyzdinis kontaktas {i}: Pramonės 4.0 poreikiai",
    "outcome": "Pavyzdinis rezultatas: domisi bendrais mokymais",
    "description": "Nusiųsti mokymų pasiūlymą ({i})",
}


def facts() -> dict[str, list[dict[str, str]]]:
    """The bundled facts by topic (read from the installed package, never from outside it)."""
    path = resources.files("i4region") / "data" / "facts" / "panevezys_institutions_and_facts.csv"
    out: dict[str, list[dict[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["topic"], []).append(row)
    return out


def _url(f: dict, topic: str, contains: str) -> str:
    """The source URL of the fact on ``topic`` whose text contains ``contains``."""
    url = next((r["source_url"] for r in f.get(topic, []) if contains in r["fact"]), None)
    if url is None:
        raise ValueError(f"no fact on {topic!r} contains {contains!r}: the seed row is unsourced")
    return url


def _rows(name: str, f: dict) -> list[dict[str, str]]:
    """A seed file of real records; each row's source_url comes from the fact it cites."""
    path = resources.files("i4region.stakeholders") / "data" / name
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["source_url"] = _url(f, row.pop("source_topic"), row.pop("source_fact"))
    return rows


def real_organisations(f: dict) -> list[dict]:
    """The institutions the facts name (data/real_organisations.csv)."""
    out = []
    for row in _rows("real_organisations.csv", f):
        rec = {k: v for k, v in row.items() if v != ""}
        for flag in ("published", "key_stakeholder"):
            rec[flag] = row[flag] == "yes"
        if "cadence_days" in rec:
            rec["cadence_days"] = int(rec["cadence_days"])
        out.append(rec)
    return out


def real_relations(f: dict) -> list[tuple[str, str, str, bool, str]]:
    """(from, to, type, directed, source URL) as the facts state them."""
    return [
        (r["from"], r["to"], r["type"], r["directed"] == "yes", r["source_url"])
        for r in _rows("real_relations.csv", f)
    ]


def real_activities(f: dict) -> list[dict]:
    out = []
    for row in _rows("real_activities.csv", f):
        for key in ("start", "end"):
            row[key] = dt.date.fromisoformat(row[key]) if row[key] else None
        out.append(row)
    return out


NACE = ("C25", "C28", "C22", "C27", "C16", "C10", "C31", "C29", "C26", "J62", "M71", "C33")
SIZES = ("micro", "small", "small", "medium", "medium", "large")


def sample_organisations(rng: random.Random) -> list[dict]:
    """Fictional organisations whose names cannot be mistaken for real ones."""
    out = [
        dict(
            name=f"Pavyzdinė gamykla {i}",
            type="company",
            nace_code=rng.choice(NACE),
            size_class=rng.choice(SIZES),
            municipality=rng.choice(COUNTY_MUNICIPALITIES),
            region="LT025",
            company_code=f"900{i:06d}",
        )
        for i in range(1, 29)
    ]
    out += [
        dict(
            name=f"Pavyzdinė mokykla {i}",
            type="school",
            municipality=rng.choice(COUNTY_MUNICIPALITIES),
        )
        for i in range(1, 11)
    ]
    out += [
        dict(name=f"Pavyzdinė profesinė mokykla {i}", type="vocational_school", municipality=place)
        for i, place in enumerate(COUNTY_MUNICIPALITIES[:3], start=1)
    ]
    extra = [
        ("Pavyzdinė kolegija", "university"),
        ("Pavyzdinis tyrimų institutas", "research"),
        ("Pavyzdinis pramonės klasteris A", "cluster"),
        ("Pavyzdinis pramonės klasteris B", "cluster"),
        ("Pavyzdinė jaunimo asociacija", "ngo"),
        ("Pavyzdinis inžinierių klubas", "ngo"),
        ("Pavyzdinis inovacijų fondas", "funder"),
    ]
    for name, kind in extra:
        out.append(dict(name=name, type=kind, municipality=CITY))
    for rec in out:
        rec["is_sample"] = True
    return out


def sample_relations(
    rng: random.Random, names: dict[str, str], target: int
) -> list[tuple[str, str, str, bool, int]]:
    """Seeded ties: firms cluster and supply each other, schools train, funders fund."""
    by_type: dict[str, list[str]] = {}
    for name, kind in sorted(names.items()):
        by_type.setdefault(kind, []).append(name)
    companies, schools = by_type["company"], by_type["school"] + by_type["vocational_school"]
    hubs = [
        "Panevėžio plėtros agentūra (Panevėžys NOW)",
        "Panevėžio miesto savivaldybė",
        "RoboLabas",
        "Panevėžio regioninis STEAM atviros prieigos centras",
        "Panevėžio mokslo ir technologijų parkas",
        *by_type["cluster"],
        *by_type["university"],
        *by_type["research"],
    ]
    out: list[tuple[str, str, str, bool, int]] = []
    seen: set[tuple[str, str]] = set()
    while len(out) < target:
        roll = rng.random()
        if roll < 0.35:
            a, b, kind, directed = rng.choice(companies), rng.choice(companies), "supply", True
        elif roll < 0.55:
            a, b = rng.choice(by_type["cluster"]), rng.choice(companies)
            kind, directed = "membership", False
        elif roll < 0.75:
            a, b, kind, directed = rng.choice(schools), rng.choice(companies), "training", False
        elif roll < 0.85:
            a = rng.choice(by_type["university"] + by_type["research"])
            b, kind, directed = rng.choice(companies), "research_partnership", False
        elif roll < 0.92:
            a, b = rng.choice(by_type["funder"]), rng.choice(companies + schools)
            kind, directed = "funding", True
        else:
            a, b = rng.choice(hubs), rng.choice(companies + schools)
            kind, directed = "collaboration", False
        key = (min(a, b), max(a, b))
        if a == b or key in seen:
            continue
        seen.add(key)
        out.append((a, b, kind, directed, rng.randint(1, 5)))
    return out


# The Panevėžys practice's own content: `i4region setup` loads it only where LT025 is the home region.
PRACTICE = True


@transaction.atomic
def load(stdout=None) -> None:
    """Create or update the sample ecosystem (idempotent)."""
    f = facts()
    rng = random.Random(SEED)
    regions = dict(Region.objects.values_list("code", "id"))
    records = real_organisations(f) + sample_organisations(rng)
    for rec in records:
        rec = dict(rec)
        rec.pop("parent", None)
        name = rec.pop("name")
        rec["municipality_id"] = regions.get(rec.pop("municipality", ""))
        rec["region_id"] = regions.get(rec.pop("region", "LT025"))
        Organisation.objects.update_or_create(name=name, defaults=rec)
    ids = dict(Organisation.objects.values_list("name", "id"))
    for rec in records:
        if rec.get("parent"):
            Organisation.objects.filter(pk=ids[rec["name"]]).update(parent_id=ids[rec["parent"]])
    for a, b, kind, directed, url in real_relations(f):
        Relation.objects.update_or_create(
            source_id=ids[a],
            target_id=ids[b],
            type=kind,
            defaults=dict(directed=directed, strength=3, source_note=url, is_sample=False),
        )
    names = {r["name"]: r["type"] for r in records}
    for a, b, kind, directed, strength in sample_relations(rng, names, 142):
        Relation.objects.update_or_create(
            source_id=ids[a],
            target_id=ids[b],
            type=kind,
            defaults=dict(
                directed=directed,
                strength=strength,
                is_sample=True,
                source_note=SAMPLE_TEXTS["source_note"],
            ),
        )
    for rec in real_activities(f):
        rec = dict(rec)
        org = ids[rec.pop("organisation")]
        mun = regions[rec.pop("municipality")]
        Activity.objects.update_or_create(
            organisation_id=org, name=rec.pop("name"), municipality_id=mun, defaults=rec
        )
    sample = sorted(r["name"] for r in records if r.get("is_sample"))
    _sample_work(rng, ids, sample, regions)
    if stdout:
        counts = {"orgs": Organisation.objects.count(), "ties": Relation.objects.count()}
        stdout.write(_("Stakeholders: %(orgs)d organisations, %(ties)d relations") % counts + "\n")


def _sample_work(
    rng: random.Random, ids: dict[str, int], sample: list[str], regions: dict[str, int]
) -> None:
    """Fictional people, interactions, follow-ups, assessments and activities of the fictional
    organisations `sample`, written in Lithuanian like the register's names."""
    stances = list(Stance.values)
    for i, name in enumerate(sample[:24], start=1):
        org = ids[name]
        person, _ = Person.objects.update_or_create(
            organisation_id=org,
            name=f"Vardenis Pavardenis {i}",
            defaults=dict(
                role="Direktorius",
                email=f"contact{i}@example.org",
                phone=f"+370 600 {i:05d}",
                consent=True,
                consent_date=BASE_DATE,
                consent_source=SAMPLE_TEXTS["consent_source"],
                is_sample=True,
            ),
        )
        if i <= 14:
            Organisation.objects.filter(pk=org).update(
                key_stakeholder=True, cadence_days=rng.choice((30, 60, 90))
            )
        influence, interest, stance = rng.randint(1, 5), rng.randint(1, 5), rng.randrange(5)
        for round_, when in enumerate((BASE_DATE, BASE_DATE + dt.timedelta(days=180))):
            if round_:  # half a year later most judgements move a step at most
                influence = min(5, max(1, influence + rng.choice((-1, 0, 0, 1))))
                interest = min(5, max(1, interest + rng.choice((-1, 0, 1, 1))))
                stance = min(4, max(0, stance + rng.choice((-1, 0, 0, 0, 1))))
            Assessment.objects.update_or_create(
                organisation_id=org,
                date=when,
                defaults=dict(
                    influence=influence,
                    interest=interest,
                    stance=stances[stance],
                    assessor_name=SAMPLE_TEXTS["assessor_name"],
                    is_sample=True,
                    note="" if round_ else SAMPLE_TEXTS["note"],
                ),
            )
        interaction, _ = Interaction.objects.update_or_create(
            organisation_id=org,
            date=BASE_DATE + dt.timedelta(days=7 * i),
            type=rng.choice(("meeting", "call", "email", "event", "site_visit")),
            purpose=SAMPLE_TEXTS["purpose"].format(i=i),
            defaults=dict(outcome=SAMPLE_TEXTS["outcome"], is_sample=True),
        )
        interaction.participants.set([person])
        FollowUp.objects.update_or_create(
            interaction=interaction,
            description=SAMPLE_TEXTS["description"].format(i=i),
            defaults=dict(due_date=interaction.date + dt.timedelta(days=14), done=i % 3 == 0),
        )
    themes, groups = list(Theme.values), list(TargetGroup.values)
    for i in range(1, 41):
        name = rng.choice(sample)
        Activity.objects.update_or_create(
            organisation_id=ids[name],
            name=f"Pavyzdinė veikla {i}",
            defaults=dict(
                theme=rng.choice(themes),
                target_group=rng.choice(groups),
                municipality_id=regions[rng.choice(COUNTY_MUNICIPALITIES)],
                start=BASE_DATE,
                budget_eur=Decimal(rng.randrange(5, 80) * 1000),
                is_sample=True,
            ),
        )


def finish(stdout=None) -> None:
    """After every app's seed (setup): the network analysis of the register as seeded, so the
    network page has it before any worker runs."""
    from . import network_store

    if not network_store.up_to_date():
        result = network_store.compute()
        if stdout:
            stdout.write(
                _("Network analysed: %(orgs)d organisations, %(ties)d relations (%(seconds).1f s)")
                % {
                    "orgs": result.organisations,
                    "ties": result.relations,
                    "seconds": result.seconds,
                }
                + "\n"
            )

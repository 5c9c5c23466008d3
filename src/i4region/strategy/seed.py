"""The Panevėžys strategy: the real 2019 draft (facts and source from the facts file) with its three
real focus areas, and sample measures marked as samples (`data/panevezys_strategy.json`).

Records are created once by natural keys and never overwritten, so running setup again changes
nothing and keeps the secretariat's edits. Organisations and initiatives are looked up by name in
the register and the portfolio; one that is missing is reported, not invented.
"""

import csv
import json
from datetime import date
from importlib import resources

from django.db import transaction
from django.utils.translation import gettext as _

from i4region.initiatives.models import Initiative
from i4region.stakeholders.models import Organisation

from .models import LinkKind, Measure, MeasureLink, Priority, Strategy

DATA = resources.files("i4region.strategy") / "data" / "panevezys_strategy.json"
FACTS = resources.files("i4region") / "data" / "facts" / "panevezys_institutions_and_facts.csv"


def _fact(topic: str, contains: str) -> dict[str, str]:
    with FACTS.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["topic"] == topic and contains in row["fact"]:
                return row
    raise LookupError(f"the facts file has no {topic!r} row containing {contains!r}")


# The Panevėžys practice's own content: `i4region setup` loads it only where LT025 is the home region.
PRACTICE = True


def load(stdout=None) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    fact = _fact(data["fact_topic"], data["fact_contains"])
    missing: list[str] = []
    with transaction.atomic():
        spec = dict(data["strategy"])
        strategy, created = Strategy.objects.get_or_create(
            slug=spec.pop("slug"),
            defaults={
                **spec,
                "source_url": fact["source_url"],
                "source_date": date.fromisoformat(fact["source_date"])
                if fact["source_date"]
                else None,
            },
        )
        if created:
            _priorities(strategy, data["priorities"], fact["source_url"], missing)
    if stdout:
        line = (
            _("Strategy: %(title)s (created).")
            if created
            else _("Strategy: %(title)s (already there).")
        ) % {"title": strategy.title}
        stdout.write(line + "\n")
        for name in missing:
            left = _("not in the register or portfolio, left unlinked: %(name)s") % {"name": name}
            stdout.write(f"  {left}\n")


def _priorities(strategy: Strategy, priorities: list[dict], source: str, missing: list) -> None:
    for n, p in enumerate(priorities, start=1):
        priority = Priority.objects.create(
            strategy=strategy,
            position=n,
            title_en=p["title_en"],
            title_lt=p["title_lt"],
            source_url=source,
        )
        for k, m in enumerate(p["measures"], start=1):
            owner = Organisation.objects.filter(name=m["owner"]).first() if m["owner"] else None
            if m["owner"] and owner is None:
                missing.append(m["owner"])
            measure = Measure.objects.create(
                priority=priority,
                position=k,
                title_en=m["title_en"],
                title_lt=m["title_lt"],
                objective_en=m["objective_en"],
                objective_lt=m["objective_lt"],
                owner_organisation=owner,
                is_sample=True,
            )
            for slug in m["initiatives"]:
                initiative = Initiative.objects.filter(slug=slug).first()
                if initiative is None:
                    missing.append(slug)
                    continue
                MeasureLink.objects.create(
                    measure=measure, kind=LinkKind.INITIATIVE, initiative=initiative
                )

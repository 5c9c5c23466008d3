"""Sample answers: every fictional company of the sample ecosystem answers the DMA in waves T0 and
T1, marked is_sample. Generated from a fixed random seed; an existing response is left as it is,
so running setup again changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import ngettext

from i4region.stakeholders.models import Organisation, OrgType

from . import definitions, services
from .models import Response, Status

SEED = 2026
VILNIUS = ZoneInfo("Europe/Vilnius")
WAVE_DATES = {"T0": dt.date(2026, 3, 16), "T1": dt.date(2026, 10, 12)}
T1_GAIN = 0.08  # sample companies move up a little after a wave of support


def sample_answers(spec, rng: random.Random, level: float) -> dict[str, int]:
    """Answers of a company whose propensity to tick or adopt is `level` (0–1)."""
    answers: dict[str, int] = {}
    for q in spec.questions:
        for item in q.items:
            if item.exclusive:
                answers[item.code] = int(level < 0.25 and rng.random() < 0.5)
            elif q.scale.is_tick:
                answers[item.code] = int(rng.random() < level)
            else:
                answers[item.code] = sum(rng.random() < level for _ in range(q.scale.high))
        exclusive = q.exclusive_item
        if exclusive and answers[exclusive]:
            answers.update({i.code: 0 for i in q.items if i.code != exclusive})
    return answers


# The Panevėžys practice's own content: `i4region setup` loads it only where LT025 is the home region.
PRACTICE = True


@transaction.atomic
def load(stdout=None) -> None:
    companies = Organisation.objects.filter(type=OrgType.COMPANY, is_sample=True).order_by("name")
    spec = definitions.current("dma")
    rng = random.Random(SEED)
    created = 0
    for org in companies.select_related("municipality", "region"):
        level = rng.uniform(0.12, 0.72)
        for wave, day in WAVE_DATES.items():
            answers = sample_answers(spec, rng, min(level + (T1_GAIN if wave == "T1" else 0), 1))
            if Response.objects.filter(organisation=org, model="dma", wave=wave).exists():
                continue
            response = Response.objects.create(
                model="dma",
                version=spec.version,
                organisation=org,
                wave=wave,
                date=day,
                size_class=org.size_class,
                nace_code=org.nace_code,
                municipality=org.municipality,
                region=org.region or (org.municipality.parent if org.municipality else None),
                status=Status.SUBMITTED,
                submitted_at=dt.datetime.combine(day, dt.time(10), tzinfo=VILNIUS),
                answers=answers,
                source="i4region setup",
                is_sample=True,
            )
            services.score(response)
            created += 1
    if stdout:
        added = ngettext(
            "maturity: %(count)d sample response added",
            "maturity: %(count)d sample responses added",
            created,
        )
        stdout.write("  " + added % {"count": created} + "\n")

"""Regional aggregates of the self-assessment as observatory indicators, under disclosure control.

Only real responses (never samples) of companies in the home region count. The observatory's
services are being reworked, so this module writes through its models directly, in one function.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from i4region.compute.maturity import THRESHOLD
from i4region.compute.maturity.aggregates import regional
from i4region.observatory.models import Indicator, Observation
from i4region.regions.models import Region

from . import definitions
from .services import peer_frame

NOTE_EN = (
    "Aggregates of the companies that answered the self-assessment. A value is published only "
    "where at least {t} companies contribute; further values are withheld where a total would "
    "reveal a withheld one (secondary suppression)."
)
NOTE_LT = (
    "Įsivertinimą užpildžiusių įmonių suvestiniai duomenys. Reikšmė skelbiama tik tada, kai "
    "ją sudaro bent {t} įmonių duomenys; kitos reikšmės neskelbiamos, jei iš sumos būtų galima "
    "apskaičiuoti neskelbiamą reikšmę (antrinis slėpimas)."
)


def source_name(wave: str, year: int) -> str:
    return f"i4region self-assessment, wave {wave} {year}"


def _indicator(
    code: str, names: tuple[str, str], unit: tuple[str, str], source: str, decimals: int
):
    indicator, _ = Indicator.objects.update_or_create(
        code=code,
        defaults=dict(
            name_en=names[0],
            name_lt=names[1],
            definition_en=NOTE_EN.format(t=THRESHOLD),
            definition_lt=NOTE_LT.format(t=THRESHOLD),
            unit_en=unit[0],
            unit_lt=unit[1],
            decimals=decimals,
            theme="digital",
            source_dataset=source,
            publisher="i4region",
            attribution=source,
            levels="3,4",
            frequency="irregular",
        ),
    )
    return indicator


@transaction.atomic
def publish_indicators(wave: str = "T0", year: int = 2026, model: str = "dma") -> dict:
    """Write the band shares and mean scores of a wave, by municipality, sector and county.

    Re-running replaces this wave's release (vintage `maturity-<wave>-<year>`) and changes nothing
    when the responses have not changed. Returns counts of what was written.
    """
    spec = definitions.current(model)
    home = Region.objects.get(code=settings.I4REGION_HOME_REGION)
    frame = peer_frame(model, spec.version, wave, is_sample=False)
    if not frame.empty:
        frame = frame[frame["region"] == home.code]
    records = regional(frame, [b.code for b in spec.bands], spec.dimension_codes)
    source = source_name(wave, year)
    vintage = f"maturity-{wave}-{year}"
    title = model.upper()
    codes = set(frame["municipality"].dropna()) if not frame.empty else set()
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    written = set()
    for rec in records:
        kind, what = rec["measure"].split(":", 1)
        code = f"maturity_{model}_{kind}_{what}"
        if kind == "share":
            band = spec.band(what).label
            names = (
                f"Companies in the {band['en'].lower()} band ({title}), %",
                f"Įmonės, kurių branda – {band['lt'].lower()} ({title}), %",
            )
            unit = ("% of companies", "% įmonių")
        else:
            dim = (
                spec.dimension(what).label
                if what != "overall"
                else {"en": "overall", "lt": "bendras"}
            )
            names = (f"Mean {title} score: {dim['en']}", f"Vidutinis {title} balas: {dim['lt']}")
            unit = ("score", "balas")
        region = home
        if rec["by"] == "sector":
            code += f"_nace_{rec['key'].lower()}"
            names = (
                f"{names[0]} — NACE section {rec['key']}",
                f"{names[1]} — EVRK sekcija {rec['key']}",
            )
        elif rec["by"] == "municipality":
            region = regions.get(rec["key"])
            if region is None:
                continue
        indicator = _indicator(code, names, unit, source, 1)
        Observation.objects.update_or_create(
            indicator=indicator,
            region=region,
            period=str(year),
            vintage=vintage,
            defaults={"value": round(rec["value"], 4), "flag": ""},
        )
        written.add((indicator.pk, region.pk))
    stale = [
        o.pk
        for o in Observation.objects.filter(
            vintage=vintage, indicator__code__startswith=f"maturity_{model}_"
        )
        if (o.indicator_id, o.region_id) not in written
    ]
    Observation.objects.filter(pk__in=stale).delete()
    return {"companies": len(frame), "observations": len(written), "withdrawn": len(stale)}

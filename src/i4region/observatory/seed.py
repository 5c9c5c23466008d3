"""Load the indicator catalogue and every bundled statistics file (idempotent)."""

import csv
from dataclasses import replace
from importlib import resources

import pandas as pd
from django.utils.translation import gettext as _

from i4region.compute.parsers import ParsedTable
from i4region.compute.parsers.nuts import Recoding, recode
from i4region.core.progress import progress
from i4region.regions.models import Region

from .catalogue import NUTS_CORRESPONDENCE, NUTS_MATRICES, bundled_sources, note_definitions
from .importing import import_table, load_catalogue, read_table, recoding_record, sha256_of
from .models import Indicator, ObservationNote

REGIONS = resources.files("i4region") / "data" / "regions"
STATLT_FILE = "municipal_population_2001_2018_statlt.csv"
STATLT_VINTAGE = "2018-09"


def municipal_population() -> ParsedTable:
    """Statistics Lithuania's municipal population (2001–2018) keyed by our municipality codes."""
    with (REGIONS / "lt_municipalities.csv").open(encoding="utf-8") as fh:
        codes = {r["statlt_name"]: r["code"] for r in csv.DictReader(fh)}
    frame = pd.read_csv(REGIONS / STATLT_FILE, dtype={"year": str})
    frame["line"] = frame.index + 2
    frame = frame[frame["territory"].isin(list(codes))]
    tidy = pd.DataFrame(
        {
            "indicator": "population",
            "geo": frame["territory"].map(codes),
            "period": frame["year"],
            "value": frame["total"].astype(float),
            "flag": None,
            "line": frame["line"],
        }
    )
    return ParsedTable(
        format="statlt_csv",
        dataset="statlt_population_municipal",
        dimensions=["indicator"],
        frame=tidy,
        rows_read=len(frame),
    )


def recoding_summary(recoded: Recoding, shown: int = 12) -> str:
    """What renaming a file's old NUTS codes did, on one line (the first `shown` of each kind)."""

    def listed(pairs: list[str], total: int) -> str:
        return ", ".join(pairs[:shown]) + ("…" if total > shown else "")

    whole = _("(whole country)")
    renamed = [
        f"{a}→{b}" + (f" {whole}" if a in recoded.whole_country else "")
        for a, b in sorted(recoded.renamed.items())
    ]
    text = _("NUTS recoded: %(count)d codes (%(codes)s)") % {
        "count": len(renamed),
        "codes": listed(renamed, len(renamed)),
    }
    if recoded.kept_out:
        out = [f"{a}→{'+'.join(b)}" for a, b in sorted(recoded.kept_out.items())]
        text += _("; kept out %(rows)d rows of %(count)d codes split or merged (%(codes)s)") % {
            "rows": recoded.rows_kept_out,
            "count": len(out),
            "codes": listed(out, len(out)),
        }
    return text


def load_notes() -> int:
    """Add the bundled notes on values that are missing; an edited note is kept."""
    added = 0
    for d in note_definitions():
        indicator = Indicator.objects.filter(code=d["indicator"]).first()
        region = Region.objects.filter(code=d["region"]).first() if d.get("region") else None
        if indicator is None:
            continue
        _, created = ObservationNote.objects.get_or_create(
            indicator=indicator,
            region=region,
            period=d["period"],
            vintage=d.get("vintage", ""),
            defaults={k: d[k] for k in ("reason", "text_en", "text_lt")},
        )
        added += created
    return added


def load(stdout=None) -> None:
    load_catalogue()
    sources = bundled_sources()
    for source in progress(sources, len(sources), _("Statistics"), out=stdout):
        path = source.path
        table = replace(read_table(path), dataset=source.dataset)
        recoded = None
        if source.recode_nuts:
            frame, recoded = recode(
                table.frame, NUTS_MATRICES, discontinued_only=source.recode_discontinued_only
            )
            table = replace(table, frame=frame)
        report = import_table(
            table,
            file_name=source.file.split("/")[-1],
            sha256=sha256_of(path),
            vintage=source.vintage,
            maps=source.maps,
            recoding=recoding_record(source.recode_nuts, NUTS_CORRESPONDENCE, recoded)
            if recoded is not None
            else None,
        )
        if stdout:
            stdout.write(report.summary() + "\n")
            if recoded is not None:
                stdout.write(recoding_summary(recoded) + "\n")
    report = import_table(
        municipal_population(),
        file_name=STATLT_FILE,
        sha256=sha256_of(REGIONS / STATLT_FILE),
        vintage=STATLT_VINTAGE,
    )
    if stdout:
        stdout.write(report.summary() + "\n")
    load_notes()

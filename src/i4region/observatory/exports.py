"""Observatory tables for `i4region export`: the catalogue, every stored value, targets, imports.

`observations.csv` and `observation_notes.csv` import back with `i4region import` (see
`reimport`)."""

from i4region.core.exports import Column, Field, Table, model_table

from .models import ImportBatch, Indicator, Observation, ObservationNote, Target

CODE_OF = {
    "indicator": Column("indicator", "indicator.code", "string", "Indicator code"),
    "region": Column("region", "region.code", "string", "Region code"),
}


#: The observations table: query path → column, in the file's order (read back by reimport).
OBSERVATION_COLUMNS = {
    "indicator__code": Field("indicator", "string", "Indicator code"),
    "region__code": Field("region", "string", "Region code (NUTS 2021 or LT-LAU-…)"),
    "period": Field("period", "string", "Period"),
    "value": Field("value", "number", "Value in the indicator's unit"),
    "flag": Field("flag", "string", "Eurostat flag (p provisional, e estimated, b break, …)"),
    "vintage": Field("vintage", "string", "Release the value comes from, or 'manual'"),
    "batch__file_name": Field("file", "string", "Imported file"),
    "batch__dataset": Field("dataset", "string", "Code of the source dataset of the release"),
}


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    """The catalogue, every stored value, notes, targets and imports; hand-entry history is in
    core's one history."""
    indicators = Indicator.objects.filter(published=True) if public else Indicator.objects.all()
    observations = (
        Observation.objects.filter(indicator__in=indicators)
        .order_by("indicator__code", "region__code", "period", "vintage")
        .values_list(*OBSERVATION_COLUMNS)
    )
    out = [
        model_table(
            "indicators",
            "Indicator catalogue",
            Indicator,
            indicators,
            [
                "code",
                "name_en",
                "name_lt",
                "unit_en",
                "theme",
                Column(
                    "polarity", description="higher, lower or neutral: which direction is better"
                ),
                "source_dataset",
                "publisher",
                "licence",
                Column("attribution", description="Attribution text to show with the data"),
                "levels",
                "formula",
                "manual",
            ],
        ),
        Table(
            "observations",
            "Every stored value, one row per release (vintage)",
            list(OBSERVATION_COLUMNS.values()),
            observations.iterator(chunk_size=20000),
        ),
        model_table(
            "targets",
            "Targets set by the secretariat",
            Target,
            Target.objects.filter(indicator__in=indicators).select_related("indicator", "region"),
            [CODE_OF["indicator"], CODE_OF["region"], "value", "year", "baseline_year", "note"],
        ),
        model_table(
            "import_batches",
            "Files imported",
            ImportBatch,
            ImportBatch.objects.order_by("id"),
            [
                "file_name",
                "sha256",
                "format",
                "vintage",
                "rows_read",
                "added",
                "updated",
                "created_at",
            ],
        ),
    ]
    out.append(
        model_table(
            "observation_notes",
            "Notes of the secretariat on values (partial counts, values implausible in the source)",
            ObservationNote,
            ObservationNote.objects.filter(indicator__in=indicators)
            .select_related("indicator", "region")
            .order_by("id"),
            [
                CODE_OF["indicator"],
                Column("region", "region.code", "string", "Region code; empty: every region"),
                "period",
                Column("vintage", type="string", description="Release; empty: every release"),
                "reason",
                "text_en",
                "text_lt",
            ],
        )
    )
    return out

"""Observatory tables for `i4region export`: the catalogue, every stored value, targets, imports.

`observations.csv` and `observation_notes.csv` import back with `i4region import` (see
`reimport`)."""

from i4region.core.exports import Column, Field, Table, model_table

from .models import ImportBatch, Indicator, Observation, ObservationNote, Target


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    """The catalogue, every stored value, notes, targets and imports; hand-entry history is in
    core's one history."""
    indicators = Indicator.objects.filter(published=True) if public else Indicator.objects.all()
    observations = (
        Observation.objects.filter(indicator__in=indicators)
        .order_by("indicator__code", "region__code", "period", "vintage")
        .values_list(
            "indicator__code",
            "region__code",
            "period",
            "value",
            "flag",
            "vintage",
            "batch__file_name",
            "batch__dataset",
        )
    )
    out = [
        Table(
            "indicators",
            "Indicator catalogue",
            [
                Field("code", "string", "Indicator code"),
                Field("name_en", "string", "Name in English"),
                Field("name_lt", "string", "Name in Lithuanian"),
                Field("unit_en", "string", "Unit"),
                Field("theme", "string", "Theme"),
                Field("polarity", "string", "higher, lower or neutral: which direction is better"),
                Field("source_dataset", "string", "Source dataset code"),
                Field("publisher", "string", "Publisher"),
                Field("licence", "string", "Licence of the data"),
                Field("attribution", "string", "Attribution text to show with the data"),
                Field("levels", "string", "Geographic levels: 0-3 NUTS, 4 municipalities"),
                Field("formula", "string", "For derived indicators: the formula over other codes"),
                Field("manual", "boolean", "Entered by hand rather than imported"),
            ],
            indicators.values_list(
                "code",
                "name_en",
                "name_lt",
                "unit_en",
                "theme",
                "polarity",
                "source_dataset",
                "publisher",
                "licence",
                "attribution",
                "levels",
                "formula",
                "manual",
            ).iterator(),
        ),
        Table(
            "observations",
            "Every stored value, one row per release (vintage)",
            [
                Field("indicator", "string", "Indicator code"),
                Field("region", "string", "Region code (NUTS 2021 or LT-LAU-…)"),
                Field("period", "string", "Period"),
                Field("value", "number", "Value in the indicator's unit"),
                Field("flag", "string", "Eurostat flag (p provisional, e estimated, b break, …)"),
                Field("vintage", "string", "Release the value comes from, or 'manual'"),
                Field("file", "string", "Imported file"),
                Field("dataset", "string", "Code of the source dataset of the release"),
            ],
            observations.iterator(chunk_size=20000),
        ),
        Table(
            "targets",
            "Targets set by the secretariat",
            [
                Field("indicator", "string", "Indicator code"),
                Field("region", "string", "Region code"),
                Field("value", "number", "Target value"),
                Field("year", "year", "Target year"),
                Field("baseline_year", "year", "Baseline year"),
                Field("note", "string", "Note"),
            ],
            Target.objects.filter(indicator__in=indicators).values_list(
                "indicator__code", "region__code", "value", "year", "baseline_year", "note"
            ),
        ),
        Table(
            "import_batches",
            "Files imported",
            [
                Field("file_name", "string", "File name"),
                Field("sha256", "string", "SHA-256 of the file"),
                Field("format", "string", "Detected format"),
                Field("vintage", "string", "Release"),
                Field("rows_read", "integer", "Rows read"),
                Field("added", "integer", "Observations added"),
                Field("updated", "integer", "Observations updated"),
                Field("created_at", "datetime", "When"),
            ],
            ImportBatch.objects.order_by("id").values_list(
                "file_name",
                "sha256",
                "format",
                "vintage",
                "rows_read",
                "added",
                "updated",
                "created_at",
            ),
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
                Column("indicator", "indicator.code", "string", "Indicator code"),
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

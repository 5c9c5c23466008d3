"""Open-data tables of the initiatives portfolio for `i4region export` (amounts: EUR, decimal strings)."""

from decimal import Decimal

from i4region.core.exports import Field, Table

from . import services
from .models import BudgetLine, FundingLine, Initiative, Kpi, KpiValue

EUR = " Amount in euros (EUR)."


def _initiatives(public: bool):
    qs = Initiative.objects.select_related("municipality").prefetch_related("managers")
    return qs.filter(published=True) if public else qs


def _share(value: float) -> Decimal:
    return Decimal(str(round(value, 4)))


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    """initiatives, budget_lines, funding, kpis, kpi_values and sustainability."""
    initiatives = list(_initiatives(public))
    ids = [i.pk for i in initiatives]
    ini_fields = [
        Field("slug", "string", "Short name of the initiative, unique; used as its key."),
        Field("name_en", "string", "Name in English."),
        Field("name_lt", "string", "Name in Lithuanian."),
        Field(
            "type",
            "string",
            "education_centre, competition_centre, agency, programme, "
            "event_series or infrastructure.",
        ),
        Field(
            "owner_organisation_id",
            "integer",
            "Id of the organisation that runs it (organisations.csv), empty if none.",
        ),
        Field("parent_programme", "string", "Programme it belongs to."),
        Field("description_en", "string", "Description in English."),
        Field("description_lt", "string", "Description in Lithuanian."),
        Field(
            "target_groups",
            "string",
            "Codes separated by ';': primary_pupils, "
            "secondary_pupils, students, teachers, companies, job_seekers.",
        ),
        Field("theme", "string", "Theme code shared with the observatory."),
        Field("municipality", "string", "Municipality code (LT-LAU-nn), empty if none."),
        Field("lifecycle", "string", "idea, planned, establishing, operating, closing or closed."),
        Field("start_date", "date", "Start of the initiative, empty when not known."),
        Field("end_date", "date", "End of the initiative, empty when not known."),
        Field("status", "string", "on_track, at_risk or off_track."),
        Field("status_reason", "string", "Why it has that status."),
        Field("published", "boolean", "Whether the public sees it."),
        Field("is_sample", "boolean", "A fictional sample record."),
    ]
    if include_personal_data:
        ini_fields.append(Field("managers", "string", "User names of its managers, ';'-separated."))

    def ini_rows():
        for i in initiatives:
            row = [
                i.slug,
                i.name_en,
                i.name_lt,
                i.type,
                i.owner_organisation_id,
                i.parent_programme,
                i.description_en,
                i.description_lt,
                i.target_groups,
                i.theme,
                i.municipality.code if i.municipality else None,
                i.lifecycle,
                i.start_date,
                i.end_date,
                i.status,
                i.status_reason,
                i.published,
                i.is_sample,
            ]
            if include_personal_data:
                row.append(";".join(sorted(u.username for u in i.managers.all())))
            yield row

    budget = Table(
        "budget_lines",
        "Budget lines of the initiatives (EUR)",
        [
            Field("initiative", "string", "Slug of the initiative."),
            Field("year", "year", "Year of the costs; empty when the source does not say."),
            Field("category", "string", "establishment or running."),
            Field(
                "subcategory",
                "string",
                "building_works, equipment, furniture (establishment); "
                "staff, building_maintenance, consumables, events, other (running); empty when "
                "not broken down.",
            ),
            Field("planned", "number", "Planned cost; empty when not known." + EUR),
            Field("committed", "number", "Committed cost; empty when not known." + EUR),
            Field("spent", "number", "Spent; empty when not known." + EUR),
            Field("source_url", "string", "Where the figure comes from."),
            Field("note", "string", "Note."),
        ],
        (
            [
                b.initiative.slug,
                b.year,
                b.category,
                b.subcategory,
                b.planned,
                b.committed,
                b.spent,
                b.source_url,
                b.note,
            ]
            for b in BudgetLine.objects.filter(initiative_id__in=ids).select_related("initiative")
        ),
    )

    funding = Table(
        "funding",
        "Funding lines of the initiatives (EUR; Kohesio-like fields)",
        [
            Field("initiative", "string", "Slug of the initiative."),
            Field("funder_organisation_id", "integer", "Id of the funder (organisations.csv)."),
            Field(
                "source_type",
                "string",
                "municipality, national, erdf, esf_plus, interreg, "
                "horizon_europe, eu_other, private or fees (Kohesio 'fund' for EU money).",
            ),
            Field("programme", "string", "Programme (Kohesio 'programme')."),
            Field("programming_period", "string", "Programming period, e.g. 2021-2027."),
            Field("amount", "number", "Amount of the line." + EUR),
            Field(
                "cofinancing_rate",
                "number",
                "Co-financing rate in per cent (Kohesio 'co-financing rate').",
            ),
            Field("year_from", "year", "First year covered; empty when not known."),
            Field("year_to", "year", "Last year covered; empty when not known."),
            Field("covers", "string", "establishment, running or both."),
            Field(
                "status",
                "string",
                "planned, applied, approved, received or rejected; approved "
                "and received count as secured.",
            ),
            Field("kohesio_project_id", "string", "Project identifier in Kohesio, if any."),
            Field("source_url", "string", "Where the figure comes from."),
            Field("note", "string", "Note."),
        ],
        (
            [
                f.initiative.slug,
                f.funder_organisation_id,
                f.source_type,
                f.programme,
                f.programming_period,
                f.amount,
                f.cofinancing_rate,
                f.year_from,
                f.year_to,
                f.covers,
                f.status,
                f.kohesio_project_id,
                f.source_url,
                f.note,
            ]
            for f in FundingLine.objects.filter(initiative_id__in=ids).select_related("initiative")
        ),
    )

    kpi_objects = list(
        Kpi.objects.filter(initiative_id__in=ids)
        .select_related("initiative", "indicator")
        .prefetch_related("values")
    )
    kpis = Table(
        "kpis",
        "KPIs of the initiatives",
        [
            Field("initiative", "string", "Slug of the initiative."),
            Field("code", "string", "KPI code, unique within the initiative."),
            Field("kind", "string", "output or outcome."),
            Field("name_en", "string", "Name in English."),
            Field("name_lt", "string", "Name in Lithuanian."),
            Field("unit_en", "string", "Unit in English."),
            Field("unit_lt", "string", "Unit in Lithuanian."),
            Field("direction", "string", "higher or lower (which is better)."),
            Field("baseline_year", "year", "Year of the baseline."),
            Field("baseline_value", "number", "Baseline value."),
            Field("target_year", "year", "Year of the target."),
            Field("target_value", "number", "Target value."),
            Field("indicator", "string", "Code of the linked observatory indicator."),
            Field(
                "progress_status",
                "string",
                "Open SDG progress status of the latest value; empty when it cannot be assessed.",
            ),
        ],
        (
            [
                k.initiative.slug,
                k.code,
                k.kind,
                k.name_en,
                k.name_lt,
                k.unit_en,
                k.unit_lt,
                k.direction,
                k.baseline_year,
                k.baseline_value,
                k.target_year,
                k.target_value,
                k.indicator.code if k.indicator else None,
                (p.status if (p := services.kpi_progress(k)) else None),
            ]
            for k in kpi_objects
        ),
    )

    kpi_values = Table(
        "kpi_values",
        "Values of the KPIs by period",
        [
            Field("initiative", "string", "Slug of the initiative."),
            Field("kpi", "string", "KPI code."),
            Field("period", "string", "Year (2021) or month (2021-12)."),
            Field("value", "number", "Value, in the KPI's unit."),
            Field("qualifier", "string", "Empty (exact), more_than or about, as the source says."),
            Field("source_url", "string", "Where the value comes from."),
            Field("note", "string", "Note."),
        ],
        (
            [
                v.kpi.initiative.slug,
                v.kpi.code,
                v.period,
                v.value,
                v.qualifier,
                v.source_url,
                v.note,
            ]
            for v in KpiValue.objects.filter(kpi__initiative_id__in=ids).select_related(
                "kpi__initiative"
            )
        ),
    )

    report, _inputs = services.sustainability(initiatives)
    sustainability = Table(
        "sustainability",
        "Sustainability by initiative and year (EUR)",
        [
            Field("initiative", "string", "Slug of the initiative."),
            Field("year", "year", "Year."),
            Field(
                "cost", "number", "Planned cost of the year (lines with a year and amount)." + EUR
            ),
            Field("secured", "number", "Approved or received funding allotted to the year." + EUR),
            Field("gap", "number", "Costs not covered by secured funding." + EUR),
            Field(
                "runway_end_year",
                "year",
                "Last year, counting from the first, whose running "
                "costs are covered; empty when the first year already falls short.",
            ),
            Field(
                "largest_funder_share",
                "number",
                "Share (0-1) of the year's secured money from its largest funder.",
            ),
        ],
        (
            [
                r.initiative,
                r.year,
                r.cost,
                r.secured,
                r.gap,
                report.initiatives[r.initiative].runway_end_year,
                _share(r.concentration.largest_funder_share),
            ]
            for r in report.years
        ),
    )

    return [
        Table("initiatives", "Initiatives of the portfolio", ini_fields, ini_rows()),
        budget,
        funding,
        kpis,
        kpi_values,
        sustainability,
    ]

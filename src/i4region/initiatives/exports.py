"""Open-data tables of the portfolio: `i4region export`, the page CSV downloads and the API.

Each table is described once through core.exports.model_table, so a column's type and
description come from the model. Amounts are EUR decimal strings; a year or amount the source
does not give stays empty.
"""

from i4region.core.exports import Column, Field, Table, model_table

from . import portfolio, services
from .models import KPI_FIELDS, BudgetLine, FundingLine, Initiative, Kpi, KpiValue

EUR = " Amount in euros (EUR)."


def _ids(related) -> str:
    return ";".join(str(pk) for pk in sorted(o.pk for o in related.all()))


def initiatives_table(initiatives: list[Initiative], include_personal_data: bool) -> Table:
    columns = [
        Column("id"),
        Column("slug", description="Short name of the initiative, unique; used as its key."),
        "name_en",
        "name_lt",
        "type",
        Column(
            "owner_organisation_id",
            description="Id of the organisation that runs it (organisations.csv); empty if none.",
        ),
        Column(
            "partner_organisation_ids",
            lambda i: _ids(i.partners),
            "string",
            "Ids of its partner organisations (organisations.csv), separated by ';'.",
        ),
        "parent_programme",
        "description_en",
        "description_lt",
        Column("target_groups", description="Target group codes separated by ';'."),
        "theme",
        Column(
            "municipality",
            "municipality.code",
            "string",
            "Municipality code (LT-LAU-nn), empty if none.",
        ),
        "lifecycle",
        "start_date",
        "end_date",
        "status",
        "status_reason",
        Column(
            "decision_ids",
            lambda i: _ids(i.decisions),
            "string",
            "Ids of the board decisions behind it (decisions.csv), separated by ';'.",
        ),
        Column("published", description="Whether the public sees it."),
        Column("is_sample", description="A fictional sample record."),
    ]
    if include_personal_data:
        columns.append(
            Column(
                "managers",
                lambda i: ";".join(sorted(u.username for u in i.managers.all())),
                "string",
                "User names of its managers, separated by ';'.",
            )
        )
    return model_table(
        "initiatives", "Initiatives of the portfolio", Initiative, initiatives, columns
    )


def _initiatives(public: bool) -> list[Initiative]:
    qs = Initiative.objects.select_related("municipality").prefetch_related(
        "managers", "partners", "decisions"
    )
    return list(qs.public() if public else qs)


def _period_columns() -> list:
    return [
        Column(
            "period",
            description="How precisely the source dates the amount: dates, years, about, "
            "yearly or unknown.",
        ),
        Column("date_from", description="First day, when the source gives exact dates."),
        Column("date_to", description="Last day, when the source gives exact dates."),
        Column("source_words", description="The source's own words about the amount and period."),
    ]


def _under(name: str, title: str, records, ids: list[int], columns: list) -> Table:
    """A table of the records (a queryset) under the initiatives `ids`, each row led by the short
    name of its initiative."""
    slug = Column("initiative", "initiative.slug", "string", "Short name of the initiative.")
    rows = records.filter(initiative_id__in=ids).select_related("initiative")
    return model_table(name, title, records.model, rows, [slug, *columns])


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    """initiatives, budget_lines, funding, kpis, kpi_values and sustainability."""
    initiatives = _initiatives(public)
    ids = [i.pk for i in initiatives]
    budget = _under(
        "budget_lines",
        "Budget lines of the initiatives (EUR)",
        BudgetLine.objects,
        ids,
        [
            Column("year", description="Year of the costs; empty when the source gives none."),
            "category",
            "subcategory",
            Column("planned", description="Planned cost; empty when not known." + EUR),
            Column("committed", description="Committed cost; empty when not known." + EUR),
            Column("spent", description="Spent; empty when not known." + EUR),
            *_period_columns(),
            "source_url",
            "note",
        ],
    )
    funding = _under(
        "funding",
        "Funding lines of the initiatives (EUR; Kohesio-like fields)",
        FundingLine.objects,
        ids,
        [
            Column("funder_organisation_id", description="Id of the funder (organisations.csv)."),
            Column("source_type", description="Kind of money (Kohesio 'fund' for EU money)."),
            "programme",
            "programming_period",
            Column("amount", description="Amount of the line." + EUR),
            "cofinancing_rate",
            Column("year_from", description="First year covered; empty when not known."),
            Column("year_to", description="Last year covered; empty when not known."),
            *_period_columns(),
            "covers",
            Column(
                "status",
                description="planned, applied, approved, received or rejected; approved and "
                "received count as secured.",
            ),
            "kohesio_project_id",
            "source_url",
            "note",
        ],
    )
    kpis = _under(
        "kpis",
        "KPIs of the initiatives",
        Kpi.objects.select_related("indicator").prefetch_related("values"),
        ids,
        [
            *KPI_FIELDS,
            Column(
                "indicator", "indicator.code", "string", "Code of the linked observatory indicator."
            ),
            Column(
                "progress_status",
                lambda k: p.status if (p := services.kpi_progress(k)) else None,
                "string",
                "Open SDG progress status of the latest value; empty when it cannot be assessed.",
            ),
        ],
    )
    kpi_values = model_table(
        "kpi_values",
        "Values of the KPIs by period",
        KpiValue,
        KpiValue.objects.filter(kpi__initiative_id__in=ids).select_related("kpi__initiative"),
        [
            Column("initiative", "kpi.initiative.slug", "string", "Short name of the initiative."),
            Column("kpi", "kpi.code", "string", "KPI code."),
            "period",
            "value",
            Column(
                "qualifier", description="Empty (exact), more_than or about, as the source says."
            ),
            "source_url",
            "note",
        ],
    )
    return [
        initiatives_table(initiatives, include_personal_data),
        budget,
        funding,
        kpis,
        kpi_values,
        sustainability_table(initiatives),
    ]


def sustainability_table(initiatives: list[Initiative]) -> Table:
    """Cost, secured money and gap for each year that dated lines place (no year is guessed)."""
    report, _inputs = services.sustainability(initiatives)
    summaries = report.initiatives
    rows = [
        [
            r.initiative,
            r.year,
            r.cost,
            r.secured,
            r.gap,
            summaries[r.initiative].runway_end_year,
            portfolio.percent(r.concentration.largest_funder_share),
        ]
        for r in report.years
    ]
    fields = [
        ("initiative", "string", "Short name of the initiative."),
        ("year", "year", "Year."),
        ("cost", "number", "Costs placed in the year (lines with a year and an amount)." + EUR),
        ("secured", "number", "Approved or received funding allotted to the year." + EUR),
        ("gap", "number", "Costs not covered by secured funding." + EUR),
        (
            "runway_end_year",
            "year",
            "Last year, from the first year with running costs, in which running costs are "
            "recorded and every cost is covered; empty when that cannot be said.",
        ),
        (
            "largest_funder_share_percent",
            "number",
            "Share of the year's secured money from its largest funder, in per cent (0-100).",
        ),
    ]
    return Table(
        "sustainability",
        "Sustainability by initiative and year (EUR)",
        [Field(*f) for f in fields],
        rows,
    )

"""Open-data tables of the strategy for `i4region export`, the CSV downloads and the API.

The public export holds adopted (or revised) strategies only, and only the links to records the
public may see; the internal export holds drafts too.
"""

from i4region.core.exports import Column, Table, model_table

from . import services
from .models import PRIORITY_FIELDS, Measure, MeasureLink, Priority, Strategy


def _strategies(public: bool):
    return Strategy.objects.public() if public else Strategy.objects.all()


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    """strategies, priorities, measures and measure_links (no personal data in any of them)."""
    strategies = _strategies(public).select_related("adopting_body").order_by("pk")
    priorities = Priority.objects.filter(strategy__in=strategies).order_by("pk")
    measures = Measure.objects.filter(priority__in=priorities).prefetch_related("targets")
    links = MeasureLink.objects.filter(measure__in=measures).order_by("pk")
    link_rows = services.visible_links(None, links) if public else list(links)
    return [
        model_table(
            "strategies",
            "Regional strategies",
            Strategy,
            strategies,
            [
                "id",
                "slug",
                "title_en",
                "title_lt",
                "summary_en",
                "summary_lt",
                Column("period_start", type="year"),
                Column("period_end", type="year"),
                "status",
                Column(
                    "drafted",
                    type="string",
                    description="When the draft was prepared: YYYY, YYYY-MM or YYYY-MM-DD",
                ),
                "adopted_on",
                "revised_on",
                "prepared_by_en",
                "prepared_by_lt",
                Column(
                    "adopting_body_id",
                    type="integer",
                    description="Id of the adopting organisation in organisations.csv",
                ),
                "document_url",
                "source_url",
                "source_date",
                "is_sample",
            ],
        ),
        model_table(
            "priorities",
            "Priorities of the strategies",
            Priority,
            priorities,
            [
                "id",
                Column("strategy_id", type="integer", description="Id of the strategy"),
                *PRIORITY_FIELDS,
            ],
        ),
        model_table(
            "measures",
            "Measures of the priorities, with their indicator targets",
            Measure,
            measures.order_by("pk"),
            [
                "id",
                Column("priority_id", type="integer", description="Id of the priority"),
                "position",
                "title_en",
                "title_lt",
                "objective_en",
                "objective_lt",
                Column(
                    "owner_organisation_id",
                    type="integer",
                    description="Id of the owner organisation in organisations.csv",
                ),
                Column(
                    "target_ids",
                    lambda m: ";".join(str(t.pk) for t in m.targets.all()),
                    "string",
                    "Ids of the observatory targets it is measured by, separated by ';'",
                ),
                "is_sample",
            ],
        ),
        model_table(
            "measure_links",
            "Records that serve each measure",
            MeasureLink,
            link_rows,
            [
                "id",
                Column("measure_id", type="integer", description="Id of the measure"),
                Column(
                    "kind",
                    type="string",
                    description="initiative, activity, decision, action, challenge or proposal",
                ),
                Column(
                    "target_id",
                    lambda link: link.target_id,
                    "integer",
                    "Id of the linked record in the table its kind names (initiatives, "
                    "activities, decisions, actions, challenges, proposals)",
                ),
                "note",
            ],
        ),
    ]

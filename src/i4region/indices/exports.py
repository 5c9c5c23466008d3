"""Open data: every stored index run's scores and ranks at every level, with its data year
(index_results.csv)."""

from django.utils.translation import gettext_lazy as _

from i4region.core.exports import Field, Table

from .models import IndexRun


def _rows(public: bool):
    runs = IndexRun.objects.select_related("framework").order_by("id")
    if public:
        runs = runs.filter(published=True)
    for run in runs.iterator():
        res = run.results
        for unit in sorted(res["scores"]):
            for code in res["order"]:
                rank = res["ranks"][unit][code]
                yield (
                    run.pk,
                    str(run.framework),
                    run.year,
                    unit,
                    res["levels"][code],
                    code,
                    res["scores"][unit][code],
                    None if rank is None else int(rank),
                )


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    return [
        Table(
            name="index_results",
            title=str(_("Industry 4.0 readiness index: scores and ranks of every run")),
            fields=[
                Field("run", "integer", "Index run id (reproducible from its stored inputs)"),
                Field("framework", "string", "Framework code and version"),
                Field("year", "integer", "Data year of the run"),
                Field("region", "string", "NUTS2 region code"),
                Field("level", "integer", "1 indicator, 2 pillar, 3 index"),
                Field("code", "string", "Indicator, pillar or index code"),
                Field("score", "number", "Score after treatment, normalisation and aggregation"),
                Field("rank", "integer", "Rank among the regions of the run (1 = highest)"),
            ],
            rows=_rows(public),
        )
    ]

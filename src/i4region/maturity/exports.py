"""Tables of the self-assessment for `i4region export` and the secretariat's downloads.

Answers are confidential: the public export holds nothing per company (the published regional
aggregates live in the observatory's tables). Every row carries the model version it answers.
"""

from __future__ import annotations

from collections.abc import Iterable

from i4region.core.exports import Column, Field, Table, model_table

from . import definitions
from .models import Response, Score

# The response and the company profile at its time: the first columns of every per-response table.
PROFILE = [
    Column("response_id", "pk", "integer", "Id of the response."),
    Column("organisation_id", description="Id of the company in organisations.csv."),
    Column("model", description="Maturity model: dma or impuls."),
    Column("version", description="Version of the model definition the response answers."),
    Column("wave", description="T0 (before support), T1 or T2 (follow-ups)."),
    Column("date", description="Date of the response."),
    Column("size_class", description="micro, small, medium or large at the time of the response."),
    Column("nace_code", description="NACE Rev. 2 code at the time of the response."),
    Column(
        "municipality",
        lambda r: r.municipality.code if r.municipality else "",
        "string",
        "Municipality code (LT-LAU-nn), empty if not known.",
    ),
    Column("status", description="draft or submitted."),
    Column("on_behalf", description="Recorded by the secretariat on the company's behalf."),
    Column("is_sample", description="A fictional sample record."),
]


def _responses(model: str | None = None):
    qs = Response.objects.select_related("municipality").order_by("pk")
    return qs.filter(model=model) if model else qs


def _item(code: str, description: str) -> Column:
    return Column(code, lambda r: r.answers.get(code, ""), "integer", description)


def wide_table(model: str, responses: Iterable[Response] | None = None) -> Table:
    """One row per response, one column per item: 0/1 per choice of a tick list, the chosen
    value of a scale; an unanswered item of a draft is empty."""
    spec = definitions.current(model)
    rows = list(responses if responses is not None else _responses(model))
    codes = list(dict.fromkeys(spec.item_codes + [c for r in rows for c in r.answers]))
    scales = spec.item_scale()
    columns = [
        *PROFILE,
        *[
            _item(
                code,
                f"0/1: ticked ({model})"
                if code in scales and scales[code].is_tick
                else f"Value {scales[code].low}–{scales[code].high} ({model})"
                if code in scales
                else "Item of an earlier version",
            )
            for code in codes
        ],
    ]
    return model_table(
        f"maturity_{model}_wide",
        f"Maturity responses ({model}), wide form",
        Response,
        rows,
        columns,
    )


def long_table(model: str | None = None, responses: Iterable[Response] | None = None) -> Table:
    """One row per answered item: response, model version, item code and value."""
    rows = responses if responses is not None else _responses(model)
    fields = [
        *model_table("", "", Response, [], PROFILE[:5]).fields,  # id, company, model, version, wave
        Field("item", "string", "Stable item code of the model definition."),
        Field("value", "integer", "0/1 for a tick, else the chosen value of the item's scale."),
    ]
    return Table(
        "maturity_answers_long" if model is None else f"maturity_{model}_long",
        "Maturity answers, long form",
        fields,
        (
            [r.pk, r.organisation_id, r.model, r.version, r.wave, code, value]
            for r in rows
            for code, value in r.answers.items()
        ),
    )


def scores_table() -> Table:
    scores = Score.objects.order_by("response_id", "pk")
    return model_table(
        "maturity_scores",
        "Maturity scores",
        Score,
        scores.iterator(),
        [
            Column("response_id", description=PROFILE[0].description),
            Column(
                "scored_with",
                description="Model and version that produced the score, e.g. dma-1.0.",
            ),
            Column("dimension", description="Dimension code, or overall."),
            Column("value", description="Score: 0–100 for dma, level 0–5 for impuls."),
            Column("band", description="Band (dma) or group (impuls) of the score."),
        ],
    )


def tables(public: bool, include_personal_data: bool) -> list[Table]:
    """Responses (profile), answers in long form and scores; none of them in a public export."""
    if public:
        return []
    responses = model_table(
        "maturity_responses", "Maturity responses", Response, _responses(), PROFILE
    )
    out = [responses, long_table(), scores_table()]
    if include_personal_data:
        out.append(
            model_table(
                "maturity_respondents",
                "Who answered each maturity response",
                Response,
                Response.objects.select_related("respondent").order_by("pk"),
                [
                    PROFILE[0],
                    Column(
                        "respondent",
                        lambda r: r.respondent.username if r.respondent else "",
                        "string",
                        "User name of the person who answered.",
                    ),
                ],
            )
        )
    return out

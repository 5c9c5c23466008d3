"""Import of responses from the wide CSV (EDIH tool, paper survey, Kobo form): all or nothing.

Columns: `response_id`, `organisation_id` (the register's id), `wave` (T0, T1, T2), `date`
(YYYY-MM-DD), optionally `size_class` and `nace_code` (else the register's), then one column per
item code of the model version. Every problem is reported with its line and column; nothing is
written unless the whole file is valid.
"""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from i4region.compute.maturity import AnswerError, Problem, read_answers
from i4region.core import history
from i4region.stakeholders.models import Organisation, OrgType, SizeClass, nace_validator

from . import definitions, services
from .models import Response, Status, Wave

PROFILE = ("organisation_id", "wave", "date", "size_class", "nace_code")
REQUIRED = ("organisation_id", "wave", "date")
# Columns the wide export adds: model and version must match the import, the others are ignored.
EXPORTED = ("model", "version", "municipality", "status", "on_behalf", "is_sample")


def _text(value) -> str:
    return "" if value is None or value != value else str(value).strip()


def _check_profile(frame, model: str) -> tuple[list[Problem], list[dict]]:
    problems: list[Problem] = []
    rows: list[dict] = []
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        return [Problem(1, c, "missing column") for c in missing], []
    ids = {_text(v) for v in frame["organisation_id"]}
    orgs = {
        str(o.pk): o
        for o in Organisation.objects.filter(
            pk__in=[i for i in ids if i.isdigit()], type=OrgType.COMPANY
        ).select_related("municipality", "region")
    }
    taken = set(
        Response.objects.filter(model=model, organisation__in=orgs.values()).values_list(
            "organisation_id", "wave"
        )
    )
    seen: set[tuple[int, str]] = set()
    spec = definitions.current(model)
    columns = [c for c in (*PROFILE, "model", "version") if c in frame.columns]
    for pos, rec in enumerate(frame[columns].to_dict("records")):
        line = pos + 2
        for column, expected in (("model", spec.model), ("version", spec.version)):
            if column in rec and _text(rec[column]) != expected:
                problems.append(
                    Problem(
                        line,
                        column,
                        f"{_text(rec[column])!r} is not {expected}: the file "
                        f"must answer {spec.key}",
                    )
                )
        org = orgs.get(_text(rec["organisation_id"]))
        wave = _text(rec["wave"])
        if org is None:
            problems.append(
                Problem(
                    line,
                    "organisation_id",
                    f"{_text(rec['organisation_id'])!r} is not a company of the register",
                )
            )
        if wave not in Wave.values:
            problems.append(Problem(line, "wave", f"{wave!r} is not one of T0, T1, T2"))
        try:
            date = dt.date.fromisoformat(_text(rec["date"]))
        except ValueError:
            problems.append(
                Problem(line, "date", f"{_text(rec['date'])!r} is not a date YYYY-MM-DD")
            )
            date = None
        size = _text(rec.get("size_class")) or (org.size_class if org else "")
        if org and size not in SizeClass.values:
            problems.append(
                Problem(line, "size_class", f"{size!r} is not one of {', '.join(SizeClass.values)}")
            )
        nace = _text(rec.get("nace_code")) or (org.nace_code if org else "")
        if org:
            try:
                nace_validator(nace)
            except ValidationError:
                problems.append(Problem(line, "nace_code", f"{nace!r} is not a NACE Rev. 2 code"))
        if org and wave in Wave.values:
            key = (org.pk, wave)
            if key in taken or key in seen:
                problems.append(
                    Problem(
                        line,
                        "organisation_id",
                        f"{org.name} already has a {model} response for {wave}",
                    )
                )
            seen.add(key)
        rows.append(dict(organisation=org, wave=wave, date=date, size_class=size, nace_code=nace))
    return problems, rows


def import_responses(source: IO | str, model: str, user, file_name: str) -> list[Response]:
    """Create submitted, scored responses from the file; AnswerError lists every problem."""
    spec = definitions.current(model)
    frame = read_answers(spec, source, allowed_extra=(*PROFILE, *EXPORTED))
    problems, rows = _check_profile(frame, model)
    if problems:
        raise AnswerError(sorted(problems, key=lambda p: p.line)[:20])
    created = []
    now = timezone.now()
    with transaction.atomic(), history.verb("imported", note=file_name):
        for rec, answers in zip(rows, frame[spec.item_codes].to_dict("records"), strict=True):
            response = services.new_response(
                **rec,  # organisation, wave, date, size class and NACE code
                model=model,
                respondent=user,
                on_behalf=True,
                status=Status.SUBMITTED,
                submitted_at=now,
                answers={k: int(v) for k, v in answers.items()},
                source=file_name[:200],
            )
            services.score(response)
            created.append(response)
    return created

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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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
        return [Problem(1, c, gettext_noop("missing column")) for c in missing], []
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
                other = gettext_noop(
                    "'%(value)s' is not %(expected)s: the file must answer %(model)s"
                )
                values = {"value": _text(rec[column]), "expected": expected, "model": spec.key}
                problems.append(Problem(line, column, other, values))
        org = orgs.get(_text(rec["organisation_id"]))
        wave = _text(rec["wave"])
        if org is None:
            unknown = gettext_noop("'%(value)s' is not a company of the register")
            values = {"value": _text(rec["organisation_id"])}
            problems.append(Problem(line, "organisation_id", unknown, values))
        if wave not in Wave.values:
            no_wave = gettext_noop("'%(value)s' is not one of T0, T1, T2")
            problems.append(Problem(line, "wave", no_wave, {"value": wave}))
        try:
            date = dt.date.fromisoformat(_text(rec["date"]))
        except ValueError:
            no_date = gettext_noop("'%(value)s' is not a date YYYY-MM-DD")
            problems.append(Problem(line, "date", no_date, {"value": _text(rec["date"])}))
            date = None
        size = _text(rec.get("size_class")) or (org.size_class if org else "")
        if org and size not in SizeClass.values:
            no_size = gettext_noop("'%(value)s' is not one of %(choices)s")
            values = {"value": size, "choices": ", ".join(SizeClass.values)}
            problems.append(Problem(line, "size_class", no_size, values))
        nace = _text(rec.get("nace_code")) or (org.nace_code if org else "")
        if org:
            try:
                nace_validator(nace)
            except ValidationError:
                no_nace = gettext_noop("'%(value)s' is not a NACE Rev. 2 code")
                problems.append(Problem(line, "nace_code", no_nace, {"value": nace}))
        if org and wave in Wave.values:
            key = (org.pk, wave)
            if key in taken or key in seen:
                again = gettext_noop("%(name)s already has a %(model)s response for %(wave)s")
                values = {"name": org.name, "model": model, "wave": wave}
                problems.append(Problem(line, "organisation_id", again, values))
            seen.add(key)
        rows.append(dict(organisation=org, wave=wave, date=date, size_class=size, nace_code=nace))
    return problems, rows


def described(exc: AnswerError) -> list[str]:
    """Each problem of a refused file on one line, in the active language."""
    return [
        _("line %(line)s, column %(column)s: %(message)s")
        % {"line": p.line, "column": p.column or "–", "message": _(p.template) % p.params}
        for p in exc.problems
    ]


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

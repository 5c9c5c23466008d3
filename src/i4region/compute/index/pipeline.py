"""The index as one object (COINr's "coin"): inputs, the ordered steps with their parameters,
every data set produced and the details each step recorded. Any parameter can be changed and the
whole index rebuilt from the recorded recipe, which is what the sensitivity analysis relies on.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .data import Frame, IndexData
from .steps import aggregate, denominate, impute, normalise, screen, treat
from .steps._params import ParamError

OPS = {
    "denominate": (denominate, "Denominated"),
    "impute": (impute, "Imputed"),
    "screen": (screen, "Screened"),
    "treat": (treat, "Treated"),
    "normalise": (normalise, "Normalised"),
    "aggregate": (aggregate, "Aggregated"),
}
ORDER = tuple(OPS)
COLUMN_MEMO = ("treat", "normalise")  # steps that remember their work per column and option
# Screening and imputation may come in either order: screening first judges units on the data
# they really have (COINr allows both), imputing first judges them on the filled-in data.
STAGE = {op: (1 if op == "screen" else i) for i, op in enumerate(ORDER)}


class PipelineError(ValueError):
    """A bad pipeline: ``step`` is the 1-based step number, ``key`` the parameter at fault."""

    def __init__(self, message: str, step: int | None = None, key: str | None = None) -> None:
        self.message, self.step, self.key = message, step, key
        super().__init__(message)


@dataclass(frozen=True)
class Step:
    """One step: its op, the parameters as given, and the checked parameters with defaults."""

    op: str
    given: Mapping[str, Any]
    params: Mapping[str, Any]

    @property
    def dset(self) -> str:
        return OPS[self.op][1]


def make_steps(specs: Sequence[Mapping[str, Any]]) -> tuple[Step, ...]:
    """Check a list of ``{"op": …, **params}`` dicts and return the steps in order."""
    steps = []
    seen: set[str] = set()
    for i, spec in enumerate(specs, start=1):
        spec = dict(spec)
        op = spec.pop("op", None)
        if op not in OPS:
            raise PipelineError(f"unknown op {op!r} (one of: {', '.join(ORDER)})", i, "op")
        if op in seen:
            raise PipelineError(f"op '{op}' appears twice", i, "op")
        if steps and STAGE[op] < STAGE[steps[-1].op]:
            raise PipelineError(
                f"op '{op}' cannot come after '{steps[-1].op}' "
                f"(order: {', '.join(ORDER)}; screen may also precede impute)",
                i,
                "op",
            )
        seen.add(op)
        try:
            params = OPS[op][0].validate(spec)
        except ParamError as exc:
            raise PipelineError(exc.message, i, exc.key) from None
        steps.append(Step(op, spec, params))
    return tuple(steps)


def change_steps(steps: Sequence[Step], changes: Mapping[str, Any]) -> tuple[Step, ...]:
    """Return the steps with parameters changed; keys are ``"op.param"`` or ``"op"`` (the whole
    parameter table replaced)."""
    specs = [{"op": s.op, **copy.deepcopy(dict(s.given))} for s in steps]
    ops = [s.op for s in steps]
    for address, value in changes.items():
        op, _, key = address.partition(".")
        if op not in ops:
            raise PipelineError(
                f"parameter '{address}' refers to op '{op}', which is not in the pipeline",
                None,
                address,
            )
        spec = specs[ops.index(op)]
        if key:
            spec[key] = value
        else:
            if not isinstance(value, Mapping):
                raise PipelineError(
                    f"'{address}' must be given a table of parameters", None, address
                )
            specs[ops.index(op)] = {"op": op, **value}
    return make_steps(specs)


class Index:
    """A built composite index: ``datasets`` maps COINr data set names to Frames, ``details``
    maps them to what each step recorded (treated points, screened units, weights, …)."""

    def __init__(
        self,
        data: IndexData,
        steps: Sequence[Step],
        cache: dict[tuple[str, ...], tuple[Frame, dict[str, Any]]] | None = None,
    ) -> None:
        """Run the steps in order. ``cache`` (shared between builds of the same data) reuses the
        output of any identical prefix of steps, so variants that differ late are cheap."""
        self.data = data
        self.steps = tuple(steps)
        self.datasets: dict[str, Frame] = {"Raw": data.raw}
        self.details: dict[str, dict[str, Any]] = {}
        frame = data.raw
        prefix: tuple[str, ...] = ()
        for step in self.steps:
            module, name = OPS[step.op]
            prefix += (step.op + json.dumps(step.params, sort_keys=True, default=str),)
            if cache is not None and prefix in cache:
                frame, det = cache[prefix]
            else:
                memo = {}
                if cache is not None and step.op in COLUMN_MEMO:
                    memo["memo"] = cache.setdefault(("columns", step.op), {})
                frame, det = module.run(frame, data, step.params, **memo)
                if cache is not None:
                    cache[prefix] = (frame, det)
            self.datasets[name] = frame
            self.details[name] = det

    @classmethod
    def from_specs(cls, data: IndexData, specs: Sequence[Mapping[str, Any]]) -> Index:
        return cls(data, make_steps(specs))

    def rebuild(self, changes: Mapping[str, Any]) -> Index:
        """The same index with some parameters changed (see :func:`change_steps`)."""
        return Index(self.data, change_steps(self.steps, changes))

    def step(self, op: str) -> Step | None:
        return next((s for s in self.steps if s.op == op), None)

    @property
    def last(self) -> Frame:
        return self.datasets[self.steps[-1].dset] if self.steps else self.data.raw

    def dataset(self, name: str) -> pd.DataFrame:
        """A data set as a table with uCode (and Time) columns."""
        return self.datasets[name].to_frame()

"""A maturity model as data: one versioned TOML file per model and version, read into a `Spec`.

Scoring uses a small fixed set of operators, so a new version is a new file, never new code:

- question rules: `tick_share` (10 × ticked / items; with `exclusive = "<item>"` the question
  scores 0 when that item is ticked and the item is left out of the count), `scale_mean`
  (10 × mean(value / scale maximum)), `sum` (sum of the values), `value` (the one item's value);
- dimension rules: `scaled_sum` (factor × Σ weightᵢ × questionᵢ / divisor, weights default 1),
  `min` (the lowest question);
- overall rules: `mean` (of the dimensions), `weighted_sum` (Σ weight × dimension / divisor).

Bands cut the overall score; `closed = "right"` puts a score equal to a cut-off in the lower band
(value ≤ upper), `closed = "left"` in the higher one (value ≥ lower). Named options replace a
question's or a dimension's rule (the open points of a method stay explicit and selectable).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

QUESTION_OPS = frozenset({"tick_share", "scale_mean", "sum", "value"})
DIMENSION_OPS = frozenset({"scaled_sum", "min"})
OVERALL_OPS = frozenset({"mean", "weighted_sum"})


class SpecError(ValueError):
    """A definition file that cannot be scored with; the message names the file and the key."""


@dataclass(frozen=True)
class Item:
    code: str
    label: dict[str, str]
    exclusive: bool = False


@dataclass(frozen=True)
class Scale:
    code: str
    values: tuple[tuple[int, dict[str, str]], ...]

    @property
    def low(self) -> int:
        return self.values[0][0]

    @property
    def high(self) -> int:
        return self.values[-1][0]

    @property
    def is_tick(self) -> bool:
        return [v for v, _ in self.values] == [0, 1]


@dataclass(frozen=True)
class Question:
    code: str
    dimension: str
    label: dict[str, str]
    scale: Scale
    items: tuple[Item, ...]
    rule: dict
    secondary: bool = False

    @property
    def exclusive_item(self) -> str | None:
        return next((i.code for i in self.items if i.exclusive), None)


@dataclass(frozen=True)
class Dimension:
    code: str
    label: dict[str, str]
    rule: dict
    weight: float = 1.0
    feedback: dict[str, dict[str, str]] = field(default_factory=dict)
    secondary: bool = False


@dataclass(frozen=True)
class Band:
    code: str
    label: dict[str, str]
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True)
class Option:
    code: str
    note: str
    default: str
    choices: dict[str, dict]  # choice -> {"note", "questions": {code: rule}, "dimensions": {…}}


@dataclass(frozen=True)
class Spec:
    model: str
    version: str
    title: dict[str, str]
    source: str
    score_max: float
    questions: tuple[Question, ...]
    dimensions: tuple[Dimension, ...]
    overall_rule: dict
    bands: tuple[Band, ...]
    band_column: str
    closed: str
    bands_secondary: bool
    options: dict[str, Option]

    @property
    def key(self) -> str:
        return f"{self.model}-{self.version}"

    @property
    def item_codes(self) -> list[str]:
        return [i.code for q in self.questions for i in q.items]

    @property
    def dimension_codes(self) -> list[str]:
        return [d.code for d in self.dimensions]

    def questions_of(self, dimension: str) -> list[Question]:
        return [q for q in self.questions if q.dimension == dimension]

    def item_scale(self) -> dict[str, Scale]:
        return {i.code: q.scale for q in self.questions for i in q.items}

    def band(self, code: str) -> Band:
        return next(b for b in self.bands if b.code == code)

    def dimension(self, code: str) -> Dimension:
        return next(d for d in self.dimensions if d.code == code)

    def rules(self, options: dict[str, str] | None = None) -> tuple[dict, dict]:
        """Question and dimension rules with the chosen options (defaults for the rest)."""
        q_rules = {q.code: q.rule for q in self.questions}
        d_rules = {d.code: d.rule for d in self.dimensions}
        chosen = dict(options or {})
        unknown = set(chosen) - set(self.options)
        if unknown:
            raise SpecError(f"{self.key} has no option {sorted(unknown)[0]!r}")
        for code, option in self.options.items():
            choice = chosen.get(code, option.default)
            if choice not in option.choices:
                raise SpecError(f"option {code!r} of {self.key} has no choice {choice!r}")
            q_rules.update(option.choices[choice].get("questions", {}))
            d_rules.update(option.choices[choice].get("dimensions", {}))
        return q_rules, d_rules


def _label(raw: dict, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw.get("en") or not raw.get("lt"):
        raise SpecError(f"{where}: a label needs both 'en' and 'lt'")
    return {"en": raw["en"], "lt": raw["lt"]}


def _check_rule(rule: dict, ops: frozenset, where: str) -> dict:
    if not isinstance(rule, dict) or rule.get("op") not in ops:
        raise SpecError(f"{where}: rule op must be one of {sorted(ops)}, got {rule!r}")
    return rule


def parse_spec(data: dict, name: str = "<spec>") -> Spec:
    """Build and check a Spec from the parsed TOML; SpecError names the part at fault."""
    try:
        scales = {
            code: Scale(
                code,
                tuple((int(v["value"]), _label(v, f"{name} scale {code}")) for v in s["values"]),
            )
            for code, s in data["scales"].items()
        }
        dimensions = tuple(
            Dimension(
                code=d["code"],
                label=_label(d["label"], f"{name} dimension {d['code']}"),
                rule=_check_rule(d["rule"], DIMENSION_OPS, f"{name} dimension {d['code']}"),
                weight=float(d.get("weight", 1)),
                feedback={
                    b: _label(t, f"{name} feedback {d['code']}.{b}")
                    for b, t in d.get("feedback", {}).items()
                },
                secondary=bool(d.get("secondary", False)),
            )
            for d in data["dimensions"]
        )
        dim_codes = {d.code for d in dimensions}
        questions = []
        for q in data["questions"]:
            where = f"{name} question {q['code']}"
            if q["dimension"] not in dim_codes:
                raise SpecError(f"{where}: unknown dimension {q['dimension']!r}")
            if q["scale"] not in scales:
                raise SpecError(f"{where}: unknown scale {q['scale']!r}")
            items = tuple(
                Item(i["code"], _label(i, f"{where} item {i['code']}"), bool(i.get("exclusive")))
                for i in q["items"]
            )
            rule = _check_rule(q["rule"], QUESTION_OPS, where)
            if rule.get("exclusive") and rule["exclusive"] not in {i.code for i in items}:
                raise SpecError(f"{where}: exclusive item {rule['exclusive']!r} is not an item")
            questions.append(
                Question(
                    q["code"],
                    q["dimension"],
                    _label(q["label"], where),
                    scales[q["scale"]],
                    items,
                    rule,
                    bool(q.get("secondary", False)),
                )
            )
        bands_raw = data["bands"]
        closed = bands_raw.get("closed", "right")
        if closed not in ("left", "right"):
            raise SpecError(f"{name} bands: closed must be 'left' or 'right'")
        bands = tuple(
            Band(
                b["code"],
                _label(b["label"], f"{name} band {b['code']}"),
                b.get("lower"),
                b.get("upper"),
            )
            for b in bands_raw["band"]
        )
        options = {
            code: Option(
                code,
                o.get("note", ""),
                o["default"],
                {c: dict(v) for c, v in o["choices"].items()},
            )
            for code, o in data.get("options", {}).items()
        }
        for option in options.values():
            for choice in option.choices.values():
                for code, rule in choice.get("questions", {}).items():
                    _check_rule(rule, QUESTION_OPS, f"{name} option {option.code} question {code}")
                for code, rule in choice.get("dimensions", {}).items():
                    _check_rule(
                        rule, DIMENSION_OPS, f"{name} option {option.code} dimension {code}"
                    )
        codes = [i.code for q in questions for i in q.items]
        if len(codes) != len(set(codes)):
            raise SpecError(f"{name}: item codes must be unique")
        return Spec(
            model=data["model"],
            version=str(data["version"]),
            title=_label(data["title"], f"{name} title"),
            source=data.get("source", ""),
            score_max=float(data.get("score_max", 100)),
            questions=tuple(questions),
            dimensions=dimensions,
            overall_rule=_check_rule(data["overall"]["rule"], OVERALL_OPS, f"{name} overall"),
            bands=bands,
            band_column=bands_raw.get("column", "band"),
            closed=closed,
            bands_secondary=bool(bands_raw.get("secondary", False)),
            options=options,
        )
    except KeyError as exc:
        raise SpecError(f"{name}: missing key {exc.args[0]!r}") from None


def load_spec(path: str | Path) -> Spec:
    """Read one definition file (e.g. dma-1.0.toml)."""
    path = Path(path)
    with path.open("rb") as fh:
        return parse_spec(tomllib.load(fh), path.name)

"""Sustainability arithmetic for a portfolio of initiatives: cost, secured funding, gaps, runway.

Money is ``decimal.Decimal`` in whole cents of one currency (EUR); floats are refused, because a
funding table that does not add up to the cent loses the trust of the board and the auditors.

Rules, stated once so every page and report agrees:

* only funding with status "approved" or "received" is secured; "planned" and "applied" are the
  pipeline; "rejected" counts nowhere;
* a funding line over several years is spread evenly by year (year_from..year_to inclusive), the
  cent remainder going to the last year, so the parts add up to the amount exactly; a line whose
  amount is per year (``per_year``) pays that amount in each of its years;
* an amount is placed in years only when its source fixes them (``placed_years``): exact dates
  and stated years do; "about 2019", "every year from 2020" without an end, and no period at all
  do not, and the pages show those amounts apart rather than invent a year;
* each year stands alone: money secured for a year is not carried into the next;
* money earmarked for establishment pays only establishment costs, money for running only running
  costs, money for "both" fills whatever is left, establishment first (nothing runs that was not
  built). So a year can show a gap and a surplus at once;
* the runway ends in the last year, counting from the initiative's first year with running costs
  without a break, in which running costs are recorded and every cost is covered; None when that
  first year already falls short or no year has running costs (``has_running_costs`` tells which),
  so a year without recorded running costs is never "covered";
* concentration is measured on secured money by funder: the largest funder's share and the
  Herfindahl-Hirschman index (sum of squared shares, from 1/n for n equal funders to 1 for one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_DOWN, Decimal

CURRENCY = "EUR"
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
CATEGORIES = ("establishment", "running")
COVERS = ("establishment", "running", "both")
STATUSES = ("planned", "applied", "approved", "received", "rejected")
SECURED_STATUSES = frozenset({"approved", "received"})
PIPELINE_STATUSES = frozenset({"planned", "applied"})
COST_BASES = ("planned", "committed", "spent")
PERIODS = ("dates", "years", "about", "yearly", "unknown")


def placed_years(period: str, first: int | None, last: int | None = None) -> tuple[int, ...] | None:
    """The years an amount can be placed in, or None when its source does not fix them.

    ``first``/``last`` are the stated (or, for exact dates, the dates') first and last years; a
    budget line passes only ``first``. "about" and "unknown" never place; "yearly" places only
    with an end year (every year from ``first`` to ``last``).
    """
    _choice(period, PERIODS, "period")
    if period in ("about", "unknown") or first is None:
        return None
    if period == "yearly" and last is None:
        return None
    end = first if last is None else last
    if end < first:
        raise ValueError(f"the last year ({end}) is before the first ({first})")
    return tuple(range(first, end + 1))


def money(value: object, name: str = "amount") -> Decimal:
    """A non-negative amount in whole cents; floats are refused because they cannot hold cents."""
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int | str):
        raise ValueError(f"{name} must be a Decimal, int or str of euros, not {value!r}")
    try:
        d = Decimal(value)
    except ArithmeticError as exc:
        raise ValueError(f"{name} is not a number: {value!r}") from exc
    if not d.is_finite() or d < 0:
        raise ValueError(f"{name} must be a finite amount >= 0, got {value!r}")
    if d != d.quantize(CENT):
        raise ValueError(f"{name} must be in whole cents, got {value!r}")
    return d.quantize(CENT)


def _choice(value: str, allowed: tuple[str, ...], name: str) -> str:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}")
    return value


def _year(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{name} must be an integer year, got {value!r}")
    return value


@dataclass(frozen=True)
class BudgetLine:
    """One budget line of an initiative for one year."""

    initiative: str
    year: int
    category: str
    subcategory: str
    planned: Decimal
    committed: Decimal = ZERO
    spent: Decimal = ZERO

    def __post_init__(self) -> None:
        _year(self.year, "year")
        _choice(self.category, CATEGORIES, "category")
        for name in ("planned", "committed", "spent"):
            object.__setattr__(self, name, money(getattr(self, name), name))


@dataclass(frozen=True)
class FundingLine:
    """One funding source of an initiative over a span of years."""

    initiative: str
    funder: str
    source_type: str
    amount: Decimal
    year_from: int
    year_to: int
    covers: str
    status: str
    per_year: bool = False

    def __post_init__(self) -> None:
        _year(self.year_from, "year_from")
        _year(self.year_to, "year_to")
        if self.year_to < self.year_from:
            raise ValueError(f"year_to ({self.year_to}) is before year_from ({self.year_from})")
        _choice(self.covers, COVERS, "covers")
        _choice(self.status, STATUSES, "status")
        object.__setattr__(self, "amount", money(self.amount, "amount"))

    @property
    def secured(self) -> bool:
        """Approved or received: money the initiative can plan on."""
        return self.status in SECURED_STATUSES

    def by_year(self) -> dict[int, Decimal]:
        """What the line pays in each of its years: the amount each year, or the amount spread."""
        if self.per_year:
            return dict.fromkeys(range(self.year_from, self.year_to + 1), self.amount)
        return spread_amount(self.amount, self.year_from, self.year_to)


@dataclass(frozen=True)
class Concentration:
    """How much an initiative (or the portfolio) depends on its largest funders."""

    largest_funder: str | None
    largest_funder_share: float
    hhi: float


@dataclass(frozen=True)
class InitiativeYear:
    """One initiative in one year; ``cost`` follows the report's cost basis."""

    initiative: str
    year: int
    cost: Decimal
    cost_establishment: Decimal
    cost_running: Decimal
    planned: Decimal
    committed: Decimal
    spent: Decimal
    secured: Decimal
    gap: Decimal
    surplus: Decimal
    gap_establishment: Decimal
    gap_running: Decimal
    concentration: Concentration

    @property
    def running_covered(self) -> bool:
        """Secured money pays this year's running costs."""
        return self.gap_running == 0


@dataclass(frozen=True)
class InitiativeSummary:
    """Totals over an initiative's years (gaps are summed year by year, see module doc)."""

    initiative: str
    first_year: int
    last_year: int
    cost: Decimal
    secured: Decimal
    gap: Decimal
    surplus: Decimal
    pipeline: Decimal
    runway_end_year: int | None
    concentration: Concentration
    secured_by_funder: dict[str, Decimal]
    has_running_costs: bool = False


@dataclass(frozen=True)
class PortfolioYear:
    """The whole portfolio in one year."""

    year: int
    cost: Decimal
    secured: Decimal
    gap: Decimal
    surplus: Decimal


@dataclass(frozen=True)
class Alert:
    """A funding gap that opens within the alert horizon."""

    initiative: str
    year: int
    gap: Decimal
    gap_running: Decimal
    months_until: int


@dataclass(frozen=True)
class SustainabilityReport:
    """Everything the initiatives pages and the board briefing show about money."""

    years: list[InitiativeYear]
    initiatives: dict[str, InitiativeSummary]
    portfolio_years: list[PortfolioYear]
    total_cost: Decimal
    total_secured: Decimal
    total_gap: Decimal
    total_surplus: Decimal
    concentration: Concentration
    alerts: list[Alert]
    currency: str = CURRENCY
    cost_basis: str = "planned"
    as_of: date | None = None


@dataclass(frozen=True)
class ScenarioResult:
    """A report recomputed without a source's money after ``end_year``, beside the baseline."""

    source: str
    end_year: int
    baseline: SustainabilityReport
    scenario: SustainabilityReport
    lost_by_initiative: dict[str, Decimal] = field(default_factory=dict)


def spread_amount(amount: Decimal, year_from: int, year_to: int) -> dict[int, Decimal]:
    """Split ``amount`` evenly over the years, the cent remainder in the last year."""
    amount = money(amount)
    if year_to < year_from:
        raise ValueError(f"year_to ({year_to}) is before year_from ({year_from})")
    years = list(range(year_from, year_to + 1))
    share = (amount / len(years)).quantize(CENT, rounding=ROUND_DOWN)
    out = dict.fromkeys(years, share)
    out[years[-1]] = amount - share * (len(years) - 1)
    return out


def concentration(by_funder: Mapping[str, Decimal]) -> Concentration:
    """Largest funder, its share, and the Herfindahl-Hirschman index (0..1) of the amounts."""
    total = sum(by_funder.values(), ZERO)
    if total == 0:
        return Concentration(None, 0.0, 0.0)
    largest = min(by_funder, key=lambda f: (-by_funder[f], f))
    shares = [v / total for v in by_funder.values()]
    hhi = sum((s * s for s in shares), Decimal(0))
    return Concentration(largest, float(by_funder[largest] / total), float(hhi))


def _pos(x: Decimal) -> Decimal:
    return x if x > 0 else ZERO


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def analyse(
    budget: Iterable[BudgetLine],
    funding: Iterable[FundingLine],
    as_of: date | None = None,
    horizon_months: int = 24,
    cost_basis: str = "planned",
) -> SustainabilityReport:
    """Compute gaps, runway, concentration and alerts for every initiative and the portfolio.

    ``cost_basis`` picks which budget column is the cost ("planned", "committed" or "spent").
    Alerts are raised for every year with a gap that overlaps the ``horizon_months`` after
    ``as_of``; without ``as_of`` there are no alerts.
    """
    _choice(cost_basis, COST_BASES, "cost_basis")
    budget, funding = list(budget), list(funding)
    # cost[(initiative, year)][category] and column totals for the year
    costs: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(
        lambda: defaultdict(lambda: ZERO)
    )
    for b in budget:
        c = costs[(b.initiative, b.year)]
        c[b.category] += getattr(b, cost_basis)
        for col in COST_BASES:
            c[col] += getattr(b, col)
    money_in: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(
        lambda: defaultdict(lambda: ZERO)
    )
    by_funder_year: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(
        lambda: defaultdict(lambda: ZERO)
    )
    pipeline: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for f in funding:
        if f.status in PIPELINE_STATUSES:
            pipeline[f.initiative] += f.amount
        if not f.secured:
            continue
        for year, part in f.by_year().items():
            money_in[(f.initiative, year)][f.covers] += part
            by_funder_year[(f.initiative, year)][f.funder] += part

    years_of: dict[str, set[int]] = defaultdict(set)
    for initiative, year in list(costs) + list(money_in):
        years_of[initiative].add(year)
    for f in funding:
        if f.status in PIPELINE_STATUSES:  # applications show up even before a budget exists
            years_of[f.initiative].update((f.year_from, f.year_to))

    rows: list[InitiativeYear] = []
    summaries: dict[str, InitiativeSummary] = {}
    for initiative in sorted(years_of):
        span = sorted(years_of[initiative])
        ini_rows = []
        for year in range(span[0], span[-1] + 1):
            c = costs.get((initiative, year), {})
            m = money_in.get((initiative, year), {})
            est_cost, run_cost = c.get("establishment", ZERO), c.get("running", ZERO)
            est_in, run_in, both = (m.get(k, ZERO) for k in COVERS)
            est_short = _pos(est_cost - est_in)
            run_short = _pos(run_cost - run_in)
            gap_est = _pos(est_short - both)
            gap_run = _pos(run_short - _pos(both - est_short))
            surplus = (
                _pos(est_in - est_cost)
                + _pos(run_in - run_cost)
                + _pos(both - est_short - run_short)
            )
            ini_rows.append(
                InitiativeYear(
                    initiative=initiative,
                    year=year,
                    cost=est_cost + run_cost,
                    cost_establishment=est_cost,
                    cost_running=run_cost,
                    planned=c.get("planned", ZERO),
                    committed=c.get("committed", ZERO),
                    spent=c.get("spent", ZERO),
                    secured=est_in + run_in + both,
                    gap=gap_est + gap_run,
                    surplus=surplus,
                    gap_establishment=gap_est,
                    gap_running=gap_run,
                    concentration=concentration(by_funder_year.get((initiative, year), {})),
                )
            )
        runway = None
        running = [r for r in ini_rows if r.cost_running > 0]
        if running:
            for r in ini_rows[ini_rows.index(running[0]) :]:
                if r.cost_running == 0 or r.gap > 0:
                    break
                runway = r.year
        by_funder: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for (ini, _), funders in by_funder_year.items():
            if ini == initiative:
                for funder, amount in funders.items():
                    by_funder[funder] += amount
        summaries[initiative] = InitiativeSummary(
            initiative=initiative,
            first_year=span[0],
            last_year=span[-1],
            cost=sum((r.cost for r in ini_rows), ZERO),
            secured=sum((r.secured for r in ini_rows), ZERO),
            gap=sum((r.gap for r in ini_rows), ZERO),
            surplus=sum((r.surplus for r in ini_rows), ZERO),
            pipeline=pipeline.get(initiative, ZERO),
            runway_end_year=runway,
            concentration=concentration(by_funder),
            secured_by_funder=dict(sorted(by_funder.items())),
            has_running_costs=bool(running),
        )
        rows += ini_rows

    portfolio: dict[int, list[InitiativeYear]] = defaultdict(list)
    for r in rows:
        portfolio[r.year].append(r)
    portfolio_years = [
        PortfolioYear(
            year=y,
            cost=sum((r.cost for r in rs), ZERO),
            secured=sum((r.secured for r in rs), ZERO),
            gap=sum((r.gap for r in rs), ZERO),
            surplus=sum((r.surplus for r in rs), ZERO),
        )
        for y, rs in sorted(portfolio.items())
    ]
    all_funders: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for s in summaries.values():
        for funder, amount in s.secured_by_funder.items():
            all_funders[funder] += amount

    alerts = []
    if as_of is not None:
        if horizon_months < 0:
            raise ValueError("horizon_months must be >= 0")
        for r in rows:
            start = date(r.year, 1, 1)
            months = max(0, _months_between(as_of, start))
            if r.gap > 0 and r.year >= as_of.year and (start <= as_of or months < horizon_months):
                alerts.append(Alert(r.initiative, r.year, r.gap, r.gap_running, months))
        alerts.sort(key=lambda a: (a.year, a.initiative))

    return SustainabilityReport(
        years=rows,
        initiatives=summaries,
        portfolio_years=portfolio_years,
        total_cost=sum((p.cost for p in portfolio_years), ZERO),
        total_secured=sum((p.secured for p in portfolio_years), ZERO),
        total_gap=sum((p.gap for p in portfolio_years), ZERO),
        total_surplus=sum((p.surplus for p in portfolio_years), ZERO),
        concentration=concentration(all_funders),
        alerts=alerts,
        cost_basis=cost_basis,
        as_of=as_of,
    )


def scenario_source_ends(
    budget: Iterable[BudgetLine],
    funding: Iterable[FundingLine],
    source: str,
    end_year: int,
    by: str | None = None,
    as_of: date | None = None,
    horizon_months: int = 24,
    cost_basis: str = "planned",
) -> ScenarioResult:
    """Recompute everything as if ``source`` paid nothing after ``end_year`` (its last year).

    ``source`` names a funder or a source type; ``by`` ("funder" or "source_type") restricts the
    match, None matches either. The lines are spread as agreed, then the later years are cut;
    the other arguments are passed to ``analyse`` for both the baseline and the scenario.
    """
    if by not in (None, "funder", "source_type"):
        raise ValueError(f"by must be None, 'funder' or 'source_type', got {by!r}")
    budget, funding = list(budget), list(funding)
    fields = ("funder", "source_type") if by is None else (by,)
    if not any(getattr(f, name) == source for f in funding for name in fields):
        raise ValueError(f"no funding line has {' or '.join(fields)} {source!r}")
    cut: list[FundingLine] = []
    lost: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for f in funding:
        if not any(getattr(f, name) == source for name in fields) or f.year_to <= end_year:
            cut.append(f)
            continue
        parts = f.by_year()
        kept = sum((v for y, v in parts.items() if y <= end_year), ZERO)
        if f.secured:
            lost[f.initiative] += sum(parts.values(), ZERO) - kept
        if f.year_from <= end_year:
            # keep the years already paid, with the amount they were allotted
            amount = f.amount if f.per_year else kept
            cut.append(replace(f, amount=amount, year_to=end_year))
    baseline = analyse(budget, funding, as_of, horizon_months, cost_basis)
    scenario = analyse(budget, cut, as_of, horizon_months, cost_basis)
    return ScenarioResult(source, end_year, baseline, scenario, dict(sorted(lost.items())))

"""Observatory reads shared by views, the API, the profile and other apps: series with
provenance and notes, stamps for caches, hand-entered values and target status."""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import get_language, gettext

from i4region.compute import series as derived
from i4region.compute.progress import NoGrowthRate, ProgressResult, progress_status
from i4region.compute.series import Point
from i4region.core import history
from i4region.regions.models import Region

from .catalogue import publisher_name, publisher_of
from .importing import MANUAL_VINTAGE
from .models import ImportBatch, Indicator, Observation, ObservationNote, Target

__all__ = ["Point"]  # other apps read series points from here


def _releases(
    codes: list[str], region_ids: list[int], vintage: str | None = None
) -> dict[tuple[str, int], dict[str, dict[str, Point]]]:
    """Every stored value of the indicators for the regions: (code, region id) → vintage → period."""
    rows = Observation.objects.filter(indicator__code__in=codes, region_id__in=region_ids)
    if vintage:
        rows = rows.filter(vintage=vintage)
    out: dict[tuple[str, int], dict[str, dict[str, Point]]] = defaultdict(lambda: defaultdict(dict))
    for code, region_id, period, value, flag, vin in rows.values_list(
        "indicator__code", "region_id", "period", "value", "flag", "vintage"
    ).iterator(chunk_size=20000):
        out[(code, region_id)][vin][period] = Point(period, value, flag, vin)
    return out


def formula_of(indicator: Indicator) -> derived.Formula | None:
    """The parsed formula of a derived indicator (None for a stored one)."""
    return derived.parse(indicator.formula) if indicator.formula else None


def series_for(
    indicator: Indicator, regions: Iterable[Region], vintage: str | None = None
) -> dict[int, list[Point]]:
    """Series of many regions at once (maps, ranks): region id → one point per period.

    Stored indicators show, per period, the newest vintage that has it (or exactly `vintage`);
    derived indicators are computed here from their inputs, never stored.
    """
    regions = list(regions)
    ids = [r.id for r in regions]
    formula = formula_of(indicator)
    if formula is None:
        table = _releases([indicator.code], ids, vintage)
        return {
            r.id: [
                p for _, p in sorted(derived.newest(table.get((indicator.code, r.id), {})).items())
            ]
            for r in regions
        }
    countries = {}
    if formula.op == "index_country":
        countries = dict(
            Region.objects.filter(
                code__in={r.country_code for r in regions if r.country_code}, level=0
            ).values_list("code", "id")
        )
    table = _releases(list(formula.inputs), ids + list(countries.values()), vintage)
    out = {}
    for r in regions:
        inputs = {code: table.get((code, r.id), {}) for code in formula.inputs}
        country_id = countries.get(r.country_code)
        country = (
            {code: table.get((code, country_id), {}) for code in formula.inputs}
            if country_id
            else None
        )
        out[r.id] = derived.evaluate(formula, inputs, country)
    return out


def series(indicator: Indicator, region: Region, vintage: str | None = None) -> list[Point]:
    """One value per period: the newest vintage that has it (or exactly `vintage` when given)."""
    return series_for(indicator, [region], vintage)[region.id]


def change_between(
    indicator: Indicator, region: Region, start: str, end: str
) -> tuple[Point, Point] | None:
    """Two periods' values from one release (the newest holding both), so a change is honest."""
    table = _releases([indicator.code], [region.id])
    return derived.same_release_pair(table.get((indicator.code, region.id), {}), start, end)


def cross_section(indicator: Indicator, regions: Iterable[Region], period: str) -> dict[int, Point]:
    """Each region's value in one period (region id → point), for maps and ranks."""
    return {
        rid: p
        for rid, points in series_for(indicator, regions).items()
        for p in points
        if p.period == period
    }


def map_periods(indicator: Indicator, regions: list[Region]) -> list[str]:
    """Periods with at least one value among the regions, newest first (cheap for stored ones)."""
    if indicator.formula:
        periods = {p.period for points in series_for(indicator, regions).values() for p in points}
    else:
        periods = set(
            Observation.objects.filter(indicator=indicator, region_id__in=[r.id for r in regions])
            .values_list("period", flat=True)
            .distinct()
        )
    return sorted(periods, reverse=True)


def map_values(indicator: Indicator, regions: list[Region], period: str) -> dict[str, Point]:
    """Region code → value in one period; stored indicators read only that period."""
    codes = {r.id: r.code for r in regions}
    if indicator.formula:
        return {codes[rid]: p for rid, p in cross_section(indicator, regions, period).items()}
    best: dict[str, Point] = {}
    for rid, value, flag, vin in (
        Observation.objects.filter(indicator=indicator, period=period, region_id__in=list(codes))
        .order_by("vintage")
        .values_list("region_id", "value", "flag", "vintage")
    ):
        best[codes[rid]] = Point(period, value, flag, vin)  # newer vintages win
    return best


def catalogue_stamp() -> str:
    """Changes whenever the secretariat edits an indicator's metadata or a note on a value."""
    rows = Indicator.objects.order_by("id").values_list(
        "id",
        "name_en",
        "name_lt",
        "unit_en",
        "unit_lt",
        "decimals",
        "polarity",
        "formula",
        "published",
        "attribution",
        "publisher",
        "source_dataset",
    )
    notes = ObservationNote.objects.order_by("id").values_list(
        "id", "region_id", "period", "vintage", "reason", "text_en", "text_lt"
    )
    return hashlib.sha256(repr((list(rows), list(notes))).encode()).hexdigest()[:16]


# ------------------------------------------------------------------------------------------
# Provenance: which dataset a release of an indicator came from, said in the reader's language


def _imported(indicator: Indicator, region: Region, vintage: str):
    """A region's imported values of one release of an indicator (none for hand-entered values):
    an index look-up (the unique key begins with indicator and region), whatever the table's size."""
    return Observation.objects.filter(
        indicator=indicator, region=region, vintage=vintage, batch__isnull=False
    ).order_by()


def recoding_note(indicator: Indicator, region: Region, vintage: str) -> str:
    """How a value stored under `region` came from an older NUTS code, in the active language
    ('' when it was published under this code), from the batches that wrote its values."""
    batches = _imported(indicator, region, vintage).values("batch_id")
    recoding, code = None, None
    for found in ImportBatch.objects.filter(pk__in=batches).values_list("recoding", flat=True):
        if region.code in (found or {}).get("codes", {}):
            recoding, code = found, found["codes"][region.code]
    if not code:
        return ""
    names = {
        "version": recoding["version"],
        "old": code["old"],
        "new": region.code,
        "correspondence": f"{recoding['correspondence']}: {' → '.join(code['matrices'])}",
    }
    if code["whole_country"]:
        return (
            gettext(
                "Recoded from %(version)s code %(old)s, which covered all of %(new)s "
                "(correspondence: %(correspondence)s)"
            )
            % names
        )
    return (
        gettext(
            "Recoded one-to-one from %(version)s code %(old)s (correspondence: %(correspondence)s)"
        )
        % names
    )


def dataset_of(indicator: Indicator, region: Region, vintage: str) -> str:
    """The dataset code of the file a region's values of one release came from (the catalogue's
    for derived or hand-entered values)."""
    if indicator.formula or vintage == MANUAL_VINTAGE:
        return indicator.source_dataset
    found = _imported(indicator, region, vintage).values_list("batch__dataset", flat=True)[:1]
    return next(iter(found), "") or indicator.source_dataset


def source_line(indicator: Indicator, dataset: str | None = None) -> str:
    """ "Source: Eurostat (tgs00042)" in the active language, from the indicator's metadata.

    A release imported from another dataset than the catalogue's names that dataset and its
    publisher (municipal population from Statistics Lithuania, say).
    """
    dataset = dataset or indicator.source_dataset
    if indicator.formula:
        return gettext("Computed by i4region from %(inputs)s") % {"inputs": indicator.formula}
    if indicator.manual and not dataset:
        return gettext("Entered by the board secretariat")
    lang = (get_language() or "en")[:2]
    publisher = publisher_name(
        indicator.publisher
        if dataset == indicator.source_dataset
        else publisher_of(dataset, lang) or indicator.publisher,
        lang,
    )
    if not dataset:
        return gettext("Source: %(publisher)s") % {"publisher": publisher}
    return gettext("Source: %(publisher)s (%(dataset)s)") % {
        "publisher": publisher,
        "dataset": dataset,
    }


def notes_for(
    indicator: Indicator, regions: Iterable[Region]
) -> dict[tuple[int, str], list[ObservationNote]]:
    """(region id, period) → the notes that may apply there (check the release with applies_to)."""
    ids = [r.id for r in regions]
    out: dict[tuple[int, str], list[ObservationNote]] = defaultdict(list)
    notes = ObservationNote.objects.filter(indicator=indicator)
    for note in notes:
        targets = [note.region_id] if note.region_id else ids
        for rid in targets:
            if rid in ids:
                out[(rid, note.period)].append(note)
    return out


def note_on(notes: dict, region: Region, point: Point) -> str:
    """The notes that apply to one value, joined, in the active language ('' when none)."""
    found = [
        n.text
        for n in notes.get((region.id, point.period), [])
        if n.applies_to(region.id, point.period, point.vintage)
    ]
    return "; ".join(found)


# ------------------------------------------------------------------------------------------
# Values entered by hand: the history is the one history (core.history), filed under the
# indicator, without registering the bulk observation table itself.

_DIRECTION = {"higher": "higher", "lower": "lower", "neutral": "exact"}


def _log_hand_entry(obs: Observation, action: int, before: tuple, after: tuple, note: str, user):
    changes = {}
    for name, old, new in (("value", before[0], after[0]), ("flag", before[1], after[1])):
        if old != new:
            changes[name] = [str(old), str(new)]
    verb = {LogEntry.Action.CREATE: "created", LogEntry.Action.DELETE: "deleted"}.get(
        action, "changed"
    )
    data = {"verb": verb, "parent": history.key_of(obs.indicator)}
    if note:
        data["note"] = note
    return LogEntry.objects.log_create(
        obs,
        action=action,
        changes=changes,
        actor=user if user.is_authenticated else None,
        additional_data=data,
        object_repr=f"{obs.indicator.code} {obs.region.code} {obs.period}",
        serialized_data=None,
    )


def enter_value(
    *,
    indicator: Indicator,
    region: Region,
    period: str,
    value: float | None,
    flag: str,
    note: str,
    user,
) -> LogEntry | None:
    """Set (or, with value None, remove) a hand-entered value; the history records before and
    after under the indicator. Returns None when nothing changed."""
    if not indicator.manual:
        raise ValueError(
            f"{indicator.code} comes from files; only hand-entered indicators can be edited here"
        )
    key = {"indicator": indicator, "region": region, "period": period, "vintage": MANUAL_VINTAGE}
    with transaction.atomic():
        obs = (
            Observation.objects.select_for_update()
            .select_related("indicator", "region")
            .filter(**key)
            .first()
        )
        before = (obs.value, obs.flag) if obs else (None, "")
        after = (value, flag if value is not None else "")
        if before == after:
            return None
        if value is None:
            action = LogEntry.Action.DELETE
            obs.delete()
        elif obs is None:
            action = LogEntry.Action.CREATE
            obs = Observation.objects.create(**key, value=value, flag=flag)
        else:
            action = LogEntry.Action.UPDATE
            obs.value, obs.flag = value, flag
            obs.save(update_fields=["value", "flag"])
        return _log_hand_entry(obs, action, before, after, note, user)


def hand_entries(limit: int = 100) -> list[history.Entry]:
    """The history of every hand-entered value, newest first, rendered for people."""
    records = (
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Observation))
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")[:limit]
    )
    return history.render_all(records)


@dataclass
class TargetStatus:
    target: Target
    baseline: Point | None
    current: Point | None
    result: ProgressResult | None
    problem: str = ""

    @property
    def distance(self) -> float | None:
        """How far the latest value still is from the target (target − latest)."""
        return self.target.value - self.current.value if self.current else None

    def label(self) -> str:
        lang = (get_language() or "lt")[:2]
        return self.result.label(lang if lang in ("en", "lt") else "en") if self.result else ""


def target_status(target: Target) -> TargetStatus:
    """Distance to target and Open SDG progress status from the baseline year to the latest value."""
    points = series(target.indicator, target.region)
    baseline = next((p for p in points if p.period == str(target.baseline_year)), None)
    later = [p for p in points if p.period.isdigit() and int(p.period) > target.baseline_year]
    current = later[-1] if later else None
    if baseline is None:
        return TargetStatus(
            target,
            None,
            current,
            None,
            gettext("No value for the baseline year %(year)s.") % {"year": target.baseline_year},
        )
    if current is None:
        return TargetStatus(
            target, baseline, None, None, gettext("No value after the baseline year yet.")
        )
    try:
        result = progress_status(
            target.baseline_year,
            baseline.value,
            int(current.period),
            current.value,
            target.year,
            target.value,
            _DIRECTION[target.indicator.polarity],
        )
    except NoGrowthRate as exc:
        problem = (
            gettext(
                "No status: the value changes sign between the baseline year %(baseline)s and "
                "%(year)s, and progress is measured as a growth rate."
            )
            if exc.towards == "current"
            else gettext(
                "No status: the target has the other sign than the value in the baseline year "
                "%(baseline)s, and progress is measured as a growth rate."
            )
        ) % {"baseline": target.baseline_year, "year": current.period}
        return TargetStatus(target, baseline, current, None, problem)
    return TargetStatus(target, baseline, current, result)

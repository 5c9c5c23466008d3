"""The write step of an import: the rows go into a temporary table in bulk (COPY on PostgreSQL,
batched inserts on SQLite), and one set of SQL statements compares them with the release as
stored, counts what is new, changed and unchanged, and writes only that, inside the caller's
transaction.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

import polars as pl
from django.db import connection

from i4region.core.progress import progress

from .models import Observation

#: Rows per COPY block or insert batch (and per step of the progress bar).
CHUNK = 50_000
STAGE = "i4region_import_stage"
COLUMNS = ("indicator_id", "region_id", "period", "value", "flag")


@contextmanager
def staging(rows: pl.DataFrame, *, out: TextIO | None = None, label: str = "") -> Iterator[str]:
    """Load `rows` (indicator_id, region_id, period, value, flag) into a temporary table and
    yield its name; the table is dropped afterwards (and with a rolled-back transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} (indicator_id bigint NOT NULL, "
            "region_id bigint NOT NULL, period varchar(16) NOT NULL, "
            "value double precision NOT NULL, flag varchar(8) NOT NULL, "
            "obs_id bigint, same boolean)"
        )
        chunks = range(0, rows.height, CHUNK)
        if out is not None:
            chunks = progress(chunks, len(chunks), label, out=out)
        for start in chunks:
            _load(cursor, rows.slice(start, CHUNK).select(COLUMNS))
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {STAGE}")  # so that the join with the release uses its index
    yield STAGE
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {STAGE}")


def _load(cursor, rows: pl.DataFrame) -> None:
    if connection.vendor == "postgresql":
        # CSV as polars writes it: floats in their shortest exact form, text quoted when needed
        copy_sql = f"COPY {STAGE} ({', '.join(COLUMNS)}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (flag))"
        with cursor.cursor.copy(copy_sql) as copy:
            copy.write(rows.write_csv(include_header=False))
    else:
        cursor.executemany(
            f"INSERT INTO {STAGE} ({', '.join(COLUMNS)}) VALUES (%s, %s, %s, %s, %s)",
            rows.iter_rows(),
        )


def _observations() -> str:
    return connection.ops.quote_name(Observation._meta.db_table)


def mark(stage: str, vintage: str) -> None:
    """Give each staged row the id of the stored observation of the same key in `vintage`, and
    whether its value and flag are the same."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {stage} SET obs_id = o.id, "
            f"same = (o.value = {stage}.value AND o.flag = {stage}.flag) "
            f"FROM {_observations()} AS o WHERE o.indicator_id = {stage}.indicator_id "
            f"AND o.region_id = {stage}.region_id AND o.period = {stage}.period "
            "AND o.vintage = %s",
            [vintage],
        )


def counts(stage: str) -> tuple[int, int, int]:
    """(added, updated, unchanged) as `apply` would write them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(CASE WHEN obs_id IS NULL THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN obs_id IS NOT NULL AND NOT same THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN same THEN 1 ELSE 0 END), 0) FROM {stage}"
        )
        added, updated, unchanged = cursor.fetchone()
    return int(added), int(updated), int(unchanged)


def apply(stage: str, vintage: str, batch_id: int) -> None:
    """Insert the new rows and update the changed ones, all under `batch_id`."""
    table = _observations()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (indicator_id, region_id, period, value, flag, vintage, "
            f"batch_id) SELECT indicator_id, region_id, period, value, flag, %s, %s FROM {stage} "
            "WHERE obs_id IS NULL",
            [vintage, batch_id],
        )
        cursor.execute(
            f"UPDATE {table} SET value = s.value, flag = s.flag, batch_id = %s "
            f"FROM {stage} AS s WHERE {table}.id = s.obs_id AND NOT s.same",
            [batch_id],
        )

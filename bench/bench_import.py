"""Benchmark `i4region import`, whole process, against polars and pandas reading the same file.

Takes the largest file the catalogue maps (by uncompressed size) and measures, each in a fresh
subprocess (wall time, and peak resident memory from the parent's RUSAGE_CHILDREN):

- a polars read + melt of the file (the peer: ``pl.read_csv`` then ``unpivot`` of the periods),
- a pandas read + melt of the file (``pd.read_csv`` then ``melt``),
- `i4region import FILE`: a first import into a fresh database holding the real regions and
  indicator catalogue (every row added), then the same file again (every row unchanged, nothing
  written), on SQLite, and on PostgreSQL when DATABASE_URL names one or --postgres URL is given,
- the start-up alone (`i4region import --help`), the part of every command that is not import,
  and each import less that start-up (the import's own work),

with the ratios to polars; then `i4region import` of a generated gzip bomb (4 MB → 4 GB): its
exit code, lines of output and peak resident memory. Medians of --repeat runs. From the
repository root:

    .venv/bin/python bench/bench_import.py [--repeat N] [--postgres postgres://user@host/db]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: Runs `argv` and prints its wall time, peak RSS (KiB) and exit code: a small fresh
#: interpreter, so that the child's RSS is not this process's pages (as after a fork).
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " p.returncode)\n"
    "sys.stderr.write(p.stdout + p.stderr)\n"
)
POLARS = (
    "import sys, polars as pl\n"
    "df = pl.read_csv(sys.argv[1], separator='\\t', infer_schema=False)\n"
    "long = df.unpivot(index=df.columns[0], variable_name='period', value_name='cell')\n"
    "print(long.height)\n"
)
PANDAS = (
    "import sys, pandas as pd\n"
    "df = pd.read_csv(sys.argv[1], sep='\\t', dtype=str)\n"
    "long = df.melt(id_vars=df.columns[0], var_name='period', value_name='cell')\n"
    "print(len(long))\n"
)
PREPARE = (
    "import django; django.setup()\n"
    "from django.core.management import call_command\n"
    "from i4region.observatory.importing import load_catalogue\n"
    "from i4region.regions import seed\n"
    "call_command('migrate', verbosity=0); seed.load(); load_catalogue()\n"
)


def measured(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, output) of one run; a failed run stops the benchmark."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *argv], capture_output=True, text=True, env=env
    )
    seconds, rss_kb, code = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(argv[:4])} … failed ({code}):\n{done.stderr}")
    return float(seconds), int(rss_kb) / 1024, done.stderr


def median_of(runs: list[tuple[float, float, str]]) -> tuple[float, float, str]:
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        runs[-1][2],
    )


class Database:
    """A prepared database (migrated, regions and catalogue loaded) and fresh copies of it."""

    def __init__(self, kind: str, url: str, tmp: Path, env: dict[str, str]):
        self.kind, self.tmp, self.env = kind, tmp, env
        if kind == "sqlite":
            self.template = tmp / "template.sqlite3"
            self.fresh_path = tmp / "fresh.sqlite3"
            self._prepare(f"sqlite:///{self.template}")
            self.url = f"sqlite:///{self.fresh_path}"
        else:
            import psycopg

            base = url.rsplit("/", 1)[0]
            self.server = psycopg.connect(f"{base}/postgres", autocommit=True)
            self.template_name, self.fresh_name = "i4region_bench_tpl", "i4region_bench_run"
            for name in (self.fresh_name, self.template_name):
                self.server.execute(f"DROP DATABASE IF EXISTS {name}")
            self.server.execute(f"CREATE DATABASE {self.template_name}")
            self._prepare(f"{base}/{self.template_name}")
            self.url = f"{base}/{self.fresh_name}"

    def _prepare(self, url: str) -> None:
        env = {**self.env, "DATABASE_URL": url}
        subprocess.run([sys.executable, "-c", PREPARE], check=True, env=env)

    def fresh(self) -> dict[str, str]:
        """A copy of the prepared database; the environment that names it."""
        if self.kind == "sqlite":
            shutil.copyfile(self.template, self.fresh_path)
        else:
            self.server.execute(f"DROP DATABASE IF EXISTS {self.fresh_name}")
            self.server.execute(f"CREATE DATABASE {self.fresh_name} TEMPLATE {self.template_name}")
        return {**self.env, "DATABASE_URL": self.url}

    def close(self) -> None:
        if self.kind != "sqlite":
            for name in (self.fresh_name, self.template_name):
                self.server.execute(f"DROP DATABASE IF EXISTS {name}")
            self.server.close()


def report_line(output: str) -> str:
    """The line of an import's output that says what it did."""
    return next((line for line in output.splitlines() if "rows read" in line), output.strip())


def uncompressed_size(path: Path) -> int:
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as fh:
            return len(fh.read())
    return path.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each kind (median)")
    parser.add_argument(
        "--postgres", help="a PostgreSQL URL (default: DATABASE_URL when it names one)"
    )
    args = parser.parse_args()
    runs = max(args.repeat, 1)
    postgres = args.postgres or os.environ.get("DATABASE_URL", "")
    backends = [("sqlite", "")]
    if postgres.startswith(("postgres://", "postgresql://")):
        backends.append(("postgresql", postgres))

    from i4region.observatory.catalogue import bundled_sources

    source = max(bundled_sources(), key=lambda s: uncompressed_size(Path(s.path)))
    path = Path(source.path)
    tmp = Path(tempfile.mkdtemp(prefix="i4region-bench-"))
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "i4region.settings",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "I4REGION_HOME": str(tmp),
        "LANGUAGE_CODE": "en",  # the import's report line is read in English below
    }
    env.pop("DEBUG", None)
    print(
        f"file: {path.name} ({uncompressed_size(path) / 1e6:.1f} MB uncompressed), maps: "
        f"{', '.join(m.indicator for m in source.maps)}; median of {runs} runs each"
    )
    rows: list[tuple[str, float, float | None]] = []
    polars_s, polars_mb, _ = median_of(
        [measured([sys.executable, "-c", POLARS, str(path)], env) for _ in range(runs)]
    )
    rows.append(("polars read+melt (peer)", polars_s, polars_mb))
    pandas_s, pandas_mb, _ = median_of(
        [measured([sys.executable, "-c", PANDAS, str(path)], env) for _ in range(runs)]
    )
    rows.append(("pandas read+melt", pandas_s, pandas_mb))
    command = [sys.executable, "-m", "i4region", "import", str(path)]
    summaries = []
    for kind, url in backends:
        db = Database(kind, url, tmp, env)
        try:
            start_s, start_mb, _ = median_of(
                [measured([*command[:4], "--help"], db.fresh()) for _ in range(runs)]
            )
            first, again = [], []
            for _ in range(runs):
                fresh = db.fresh()
                first.append(measured(command, fresh))
                again.append(measured(command, fresh))
            f_s, f_mb, f_out = median_of(first)
            a_s, a_mb, a_out = median_of(again)
        finally:
            db.close()
        if " 0 added, 0 updated" not in a_out:
            raise SystemExit(f"the second import changed something:\n{a_out}")
        summaries.append(f"{kind}, first: {report_line(f_out)}")
        summaries.append(f"{kind}, again: {report_line(a_out)}")
        rows.append((f"{kind}: i4region start-up alone", start_s, start_mb))
        rows.append((f"{kind}: i4region import, first", f_s, f_mb))
        rows.append((f"{kind}: i4region import, again", a_s, a_mb))
        rows.append((f"{kind}: first import less start-up", f_s - start_s, None))
        rows.append((f"{kind}: re-import less start-up", a_s - start_s, None))
    print(f"{'whole process':<38}{'seconds':>9}{'× polars':>10}{'peak MB':>10}{'× polars':>10}")
    for label, seconds, mb in rows:
        memory = "" if mb is None else f"{mb:>10.0f}{mb / polars_mb:>10.2f}"
        print(f"{label:<38}{seconds:>9.2f}{seconds / polars_s:>10.2f}{memory}")
    for line in summaries:
        print(f"  {line}")
    bomb(tmp, env)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def bomb(tmp: Path, env: dict[str, str]) -> None:
    """`i4region import` of a ~4 MB gzip that expands to 4 GB: exit code, lines, peak memory."""
    path = tmp / "bomb_2024-01.tsv.gz"
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = member.compress(b"0" * (64 << 20)) + member.flush()
    with open(path, "wb") as fh:
        fh.write(gzip.compress(b"freq,unit,geo\\TIME_PERIOD\t2020 \n"))
        for _ in range(64):
            fh.write(chunk)
    env = {**env, "DATABASE_URL": f"sqlite:///{tmp}/template.sqlite3"}
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "i4region", "import", str(path)],
        capture_output=True,
        text=True,
        env=env,
    )
    seconds, rss_kb, code = done.stdout.split()
    print(
        f"gzip bomb ({path.stat().st_size / 1e6:.1f} MB → 4.3 GB): exit {code}, "
        f"{done.stderr.count(chr(10))} line(s) on stderr, {float(seconds):.1f} s, "
        f"peak RSS {int(rss_kb) // 1024} MB"
    )
    print(f"  {done.stderr.strip()}")


if __name__ == "__main__":
    sys.exit(main())

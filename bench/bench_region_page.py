"""Region page under concurrent load: gunicorn on loopback, wrk as the client.

Prints requests per second and p50/p95 latency for /en/regions/LT025/ next to the same server's
floor (/healthz, a view that touches neither database nor template), and the ratios.

    .venv/bin/python bench/bench_region_page.py [--home DIR] [--seconds 10] [--connections 16]

--home reuses a folder where `i4region setup` has run; by default a fresh one is set up.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from i4region.testing import CLI, instance_env, serving

LUA = """
done = function(summary, latency, requests)
  io.write(string.format("P50 %d\\nP95 %d\\nRPS %f\\nERR %d\\n", latency:percentile(50),
    latency:percentile(95), summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def measure(url: str, seconds: int, connections: int, script: Path) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {k: float(v) for k, v in re.findall(r"^(P50|P95|RPS|ERR) ([\d.]+)$", out, re.M)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk)")
        return 1
    home = args.home or Path(tempfile.mkdtemp(prefix="i4region-bench-"))
    env = instance_env(
        home,
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
    )
    if "DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if args.home is None:
        print(f"setting up {home} …", flush=True)
        subprocess.run([*CLI, "setup", "--verbosity", "0"], env=env, check=True)
    subprocess.run([*CLI, "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True)
    gunicorn = [sys.executable, "-m", "gunicorn", "i4region.wsgi", "--bind", "127.0.0.1:{port}"]
    options = ["--workers", str(args.workers), "--log-level", "warning"]
    with serving([*gunicorn, *options], env) as base:
        assert urllib.request.urlopen(base + "/en/regions/LT025/").status == 200
        script = Path(tempfile.mkdtemp(prefix="i4region-wrk-")) / "report.lua"
        script.write_text(LUA)
        floor = measure(base + "/healthz", args.seconds, args.connections, script)
        page = measure(base + "/en/regions/LT025/", args.seconds, args.connections, script)
    print(
        f"gunicorn {args.workers} workers, wrk 2 threads x {args.connections} connections, "
        f"{args.seconds} s each, on {os.cpu_count()} cores"
    )
    print(f"{'':22}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'errors':>8}")
    for name, m in (("floor /healthz", floor), ("region page LT025", page)):
        print(
            f"{name:22}{m['RPS']:10.0f}{m['P50'] / 1000:10.1f}{m['P95'] / 1000:10.1f}"
            f"{m['ERR']:8.0f}"
        )
    print(
        f"region page throughput = {page['RPS'] / floor['RPS']:.3f} x floor; "
        f"p95 = {page['P95'] / floor['P95']:.1f} x floor"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Running the product the way its users run it, for tests and benchmarks: `i4region` commands in
a folder of their own, and a server on a free port that is stopped afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

CLI = (sys.executable, "-m", "i4region")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def instance_env(home: Path, **settings: str) -> dict[str, str]:
    """The environment of an instance living in `home` (its SQLite database there by default)."""
    return {
        **os.environ,
        "I4REGION_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "i4region.settings",
        **settings,
    }


def run_cli(env: dict[str, str], *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """`i4region ARGS…` in the instance's folder; output captured as text."""
    return subprocess.run(
        [*CLI, *args],
        env=env,
        cwd=env["I4REGION_HOME"],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@contextmanager
def serving(command: Sequence[str], env: dict[str, str], ready: str = "/healthz") -> Iterator[str]:
    """Start a server command (with `{port}` in it) and yield its base URL once `ready` answers."""
    port = free_port()
    server = subprocess.Popen(
        [part.format(port=port) for part in command],
        env=env,
        cwd=env.get("I4REGION_HOME"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + ready, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)

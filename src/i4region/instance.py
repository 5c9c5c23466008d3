"""What one instance keeps under `I4REGION_HOME/var/`: its generated secret key and its region.

Read by the settings before Django starts, so this module imports nothing of Django. On the
embedded default (SQLite, no `DATABASE_URL`) an instance generates its own secret key on first
use and keeps it readable by its owner only; a production database requires `SECRET_KEY`.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path


class ConfigurationError(Exception):
    """A setting is missing or wrong: the `i4region` command prints it as one line and exits 2."""


def var_dir(home: Path) -> Path:
    return home / "var"


def secret_key(home: Path) -> str:
    """The instance's own key, created on first use (mode 0600)."""
    path = var_dir(home) / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key


def _instance_file(home: Path) -> Path:
    return var_dir(home) / "instance.json"


def home_region(home: Path) -> str | None:
    """The region `i4region setup --home-region` chose for this instance, if any."""
    path = _instance_file(home)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("home_region")
    except (ValueError, AttributeError) as exc:
        raise ConfigurationError(
            f"{path.name} under I4REGION_HOME/var is not valid JSON: {exc}"
        ) from exc


def write_home_region(home: Path, code: str) -> None:
    path = _instance_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data["home_region"] = code
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

"""What the apps contribute by convention: an app with an `api`, `exports`, `seed` or `urls`
module takes part in the API, the export, `setup` and the site without being listed anywhere."""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps


def app_modules(name: str, exclude: tuple[str, ...] = ()) -> Iterator[tuple[AppConfig, ModuleType]]:
    """Each i4region app's `<app>.<name>` module, in INSTALLED_APPS order, for apps that have one."""
    for config in apps.get_app_configs():
        if not config.name.startswith("i4region.") or config.label in exclude:
            continue
        try:
            yield config, import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise

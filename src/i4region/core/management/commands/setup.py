"""`i4region setup`: migrate, then load every app's bundled data. Safe to run again."""

from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand


def seeded_apps():
    """Apps with a `seed` module, in INSTALLED_APPS order (regions before the apps that use them)."""
    for config in apps.get_app_configs():
        if config.name.startswith("i4region."):
            try:
                yield config, import_module(f"{config.name}.seed")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.seed":
                    raise


class Command(BaseCommand):
    help = "Create or upgrade the database and load the bundled data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-data", action="store_true", help="Only migrate.")

    def handle(self, *args, no_data=False, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("createcachetable", verbosity=max(verbosity - 1, 0))
        call_command("compilemessages", verbosity=max(verbosity - 1, 0))
        if no_data:
            return
        for config, seed in seeded_apps():
            if verbosity:
                self.stdout.write(f"Loading {config.label} …")
            seed.load(stdout=self.stdout if verbosity else None)
        if verbosity:
            self.stdout.write(self.style.SUCCESS("Setup complete."))

"""`i4region setup`: migrate, then load every app's bundled data. Safe to run again.

`--home-region CODE` makes the instance serve another NUTS 2021 region (level 2 or 3): the
choice is kept under I4REGION_HOME/var, and the seeds that carry the Panevėžys practice's own
content (its board, portfolio, ecosystem, strategy and sample companies: a seed module with
`PRACTICE = True`) load only in an instance whose home region is the practice's, so another
region starts with an empty board, portfolio and ecosystem and the templates of the practice.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from i4region import instance
from i4region.core.registry import app_modules

PRACTICE_REGION = "LT025"


def check_home_region(code: str) -> None:
    from i4region.regions.models import Region, RegionKind

    if not Region.objects.filter(code=code, kind=RegionKind.NUTS, level__in=(2, 3)).exists():
        raise CommandError(
            _(
                "--home-region %(code)s: not a NUTS 2021 level 2 or 3 code of the bundled data "
                "(for example LT025, DE111 or PL91)"
            )
            % {"code": code},
            returncode=2,
        )


class Command(BaseCommand):
    help = "Create or upgrade the database and load the bundled data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-data", action="store_true", help="Only migrate.")
        parser.add_argument(
            "--home-region",
            metavar="CODE",
            help="The NUTS 2021 level 2 or 3 region this instance serves (default: LT025, or "
            "I4REGION_HOME_REGION, or the region an earlier setup chose).",
        )

    def handle(self, *args, no_data=False, home_region=None, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("createcachetable", verbosity=max(verbosity - 1, 0))
        call_command("compilemessages", verbosity=max(verbosity - 1, 0))
        if no_data:
            return
        code = (home_region or settings.I4REGION_HOME_REGION).strip().upper()
        for config, seed in app_modules("seed"):
            if getattr(seed, "PRACTICE", False) and code != PRACTICE_REGION:
                if verbosity:
                    self.stdout.write(
                        _("Skipping %(part)s: the Panevėžys practice's own content")
                        % {"part": config.verbose_name}
                    )
                continue
            if verbosity:
                self.stdout.write(_("Loading %(part)s …") % {"part": config.verbose_name})
            seed.load(stdout=self.stdout if verbosity else None)
            if config.label == "regions" and home_region:
                check_home_region(code)
                instance.write_home_region(settings.HOME_DIR, code)
                settings.I4REGION_HOME_REGION = code
        for _config, seed in app_modules("seed"):  # derived data, from every app's records
            if hasattr(seed, "finish"):
                seed.finish(stdout=self.stdout if verbosity else None)
        if verbosity:
            done = _("Setup complete: this instance serves %(code)s.") % {"code": code}
            self.stdout.write(self.style.SUCCESS(done))

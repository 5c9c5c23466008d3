"""Seed the regional Industry 4.0 readiness framework and its published run for every year with
enough data (idempotent: the same framework and inputs give no new version and no new run)."""

from django.utils.translation import gettext as _

from . import services


def load(stdout=None) -> None:
    runs = services.seed_panel()
    if stdout:
        computed = sum(created for _run, created in runs)
        years = [run.year for run, _created in runs]
        line = _(
            "Industry 4.0 index: %(framework)s, %(count)d years %(first)d–%(last)d "
            "(%(computed)d computed, %(unchanged)d unchanged)"
        ) % {
            "framework": runs[-1][0].framework,
            "count": len(runs),
            "first": years[0],
            "last": years[-1],
            "computed": computed,
            "unchanged": len(runs) - computed,
        }
        stdout.write(line + "\n")

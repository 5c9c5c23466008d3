"""Seed the regional Industry 4.0 readiness framework and its published run (idempotent: the
same framework and inputs give no new version and no new run)."""

from . import i40, services


def load(stdout=None) -> None:
    framework = services.i40_framework()
    run, created = services.create_run(framework, i40.idata_records(), {}, published=True)
    if stdout:
        state = "computed" if created else "unchanged"
        stdout.write(
            f"Industry 4.0 index: {framework} run {run.pk} ({state}, "
            f"{run.results['n_units']} regions)\n"
        )

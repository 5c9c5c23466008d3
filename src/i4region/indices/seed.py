"""Seed the regional Industry 4.0 readiness framework and its published run for every year with
enough data (idempotent: the same framework and inputs give no new version and no new run)."""

from . import services


def load(stdout=None) -> None:
    runs = services.seed_panel()
    if stdout:
        computed = sum(created for _, created in runs)
        years = [run.year for run, _ in runs]
        stdout.write(
            f"Industry 4.0 index: {runs[-1][0].framework}, {len(runs)} years "
            f"{years[0]}–{years[-1]} ({computed} computed, {len(runs) - computed} unchanged)\n"
        )

"""Chart specs of the observatory: a series split by release, comparisons, sparklines.

Every chart names its source from the indicator's metadata and draws values of different
releases as different series, so a join between releases is never hidden.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from i4region.charts import render as render_chart
from i4region.compute.series import Point, by_release, joins
from i4region.regions.models import Region

from . import services
from .models import Indicator

_RELEASE_DASHES = ("", "6 3", "2 3")


def _notes_line(indicator: Indicator, region: Region, points: list[Point]) -> str:
    notes = services.notes_for(indicator, [region])
    found = [f"{p.period}: {text}" for p in points if (text := services.note_on(notes, region, p))]
    return "; ".join(found)


def join_text(points: list[Point]) -> str:
    """ "Releases join between 2015 (release 2022-10) and 2016 (release 2026-04)." or ''."""
    return " ".join(
        _(
            "Releases join between %(before)s (release %(old)s) and %(after)s "
            "(release %(new)s): values on either side are not strictly comparable."
        )
        % {
            "before": j.before.period,
            "old": j.before.vintage,
            "after": j.after.period,
            "new": j.after.vintage,
        }
        for j in joins(points)
    )


def region_lines(region: Region, points: list[Point]) -> list[dict]:
    """The region's series, one line per release when it uses more than one."""
    runs = by_release(points)
    if len(runs) == 1:
        return [
            {
                "key": region.code,
                "label": region.display_name,
                "points": [(p.period, p.value) for p in points],
                "highlight": True,
            }
        ]
    return [
        {
            "key": f"{region.code} {vintage}",
            "label": _("%(region)s, release %(release)s")
            % {"region": region.display_name, "release": vintage},
            "points": [(p.period, p.value) for p in run],
            "highlight": True,
            "dash": _RELEASE_DASHES[i % len(_RELEASE_DASHES)],
        }
        for i, (vintage, run) in enumerate(runs.items())
    ]


def _spec(
    indicator: Indicator, title: str, lines: list[dict], note: str, lang: str, chart_id: str
) -> dict:
    return {
        "id": chart_id,
        "type": "line",
        "locale": lang,
        "title": title,
        "y_title": indicator.unit,
        "series": lines,
        "decimals": indicator.decimals,
        "show_title": False,
        "source": services.source_line(indicator),
        "note": note,
    }


def comparison_spec(
    indicator: Indicator,
    region: Region,
    points: list[Point],
    others: list[Region],
    lang: str,
    kind: str = "compare",
) -> dict:
    """The region (split by release) against other regions' series of the same indicator.

    `kind` starts the chart's id, so two charts of one series on a page stay apart."""
    lines = region_lines(region, points)
    for other in others:
        other_points = services.series(indicator, other)
        if other_points:
            lines.append(
                {
                    "key": other.code,
                    "label": other.display_name,
                    "points": [(p.period, p.value) for p in other_points],
                }
            )
    note = " ".join(t for t in (join_text(points), _notes_line(indicator, region, points)) if t)
    title = f"{indicator.name}, {region.display_name}"
    return _spec(indicator, title, lines, note, lang, f"{kind}-{indicator.code}-{region.code}")


def comparison_chart(
    indicator: Indicator, region: Region, points: list[Point], others: list[Region], lang: str
) -> str:
    return render_chart(comparison_spec(indicator, region, points, others, lang))


def release_chart(indicator: Indicator, region: Region, points: list[Point], lang: str) -> str:
    """One region's series alone, one line per release."""
    return render_chart(comparison_spec(indicator, region, points, [], lang, kind="releases"))


def sparkline(indicator: Indicator, points: list[Point], lang: str) -> str:
    recent = points[-15:]
    return render_chart(
        {
            "type": "sparkline",
            "locale": lang,
            "decimals": indicator.decimals,
            "points": [(p.period, p.value) for p in recent],
            "description": _("Trend of %(indicator)s, %(start)s–%(end)s")
            % {"indicator": indicator.name, "start": recent[0].period, "end": recent[-1].period},
        }
    )

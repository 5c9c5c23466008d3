"""Peer benchmark and regional tables on plain frames (no database)."""

import pandas as pd
import pytest

from i4region.compute.maturity.aggregates import peer_benchmark, regional

BANDS = ["basic", "average", "moderately_advanced", "advanced"]


def frame(rows):
    return pd.DataFrame(
        rows, columns=["company", "municipality", "section", "band", "d", "overall"]
    )


def companies(n, municipality, section="C", band="basic", score=10.0, start=0):
    return [(start + i, municipality, section, band, score, score) for i in range(n)]


def test_benchmark_means_and_the_threshold_seen_by_a_member():
    f = frame(companies(6, "A", "C", score=20.0) + companies(20, "B", "J", score=60.0, start=100))
    groups = {"section": f["section"] == "C", "all": pd.Series(True, index=f.index)}
    out = peer_benchmark(f, groups, ["d", "overall"], viewer=0)
    assert out["section"] == {"n": 6, "shown": True, "means": {"d": 20.0, "overall": 20.0}}
    assert out["all"]["means"]["overall"] == pytest.approx((6 * 20 + 20 * 60) / 26)
    # with 5 companies the viewer's section has only 4 others: withheld
    small = f.drop(index=5)
    assert (
        peer_benchmark(small, {k: v.drop(index=5) for k, v in groups.items()}, ["d"], viewer=0)[
            "section"
        ]["shown"]
        is False
    )


def test_regional_records_hide_small_cells_and_their_complement():
    f = frame(
        companies(8, "A", band="advanced", score=80.0)
        + companies(6, "B", score=5.0, start=100)
        + companies(4, "C", score=5.0, start=200)
    )
    records = regional(f, BANDS, ["d"])
    means = {(r["by"], r["key"]): r["value"] for r in records if r["measure"] == "mean:overall"}
    assert ("municipality", "C") not in means  # 4 companies
    assert ("municipality", "B") not in means  # the county total minus A would reveal C
    assert means[("municipality", "A")] == 80.0
    assert means[("total", None)] == pytest.approx((8 * 80 + 10 * 5) / 18)
    shares = {(r["by"], r["key"], r["measure"]): r["value"] for r in records}
    assert shares[("municipality", "A", "share:advanced")] == 100.0


def test_unknown_municipality_counts_in_totals_but_is_never_shown():
    f = frame(companies(7, "A") + companies(6, None, start=50))
    keys = {(r["by"], r["key"]) for r in regional(f, BANDS, ["d"])}
    assert ("municipality", "A") in keys and ("total", None) in keys
    assert not any(k == "__unknown__" for _, k in keys)


def test_no_responses_no_records():
    assert regional(frame([]), BANDS, ["d"]) == []

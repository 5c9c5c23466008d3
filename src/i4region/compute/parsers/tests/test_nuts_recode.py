"""Recoding old NUTS codes: one-to-one renames, splits kept out, a code that was a whole country."""

import pandas as pd

from i4region.compute.parsers.nuts import recode

HEADER = "code_v2013,code_v2016,uniqueID\n"


def matrices(tmp_path, *pairs):
    path = tmp_path / "n2_cm_v2013_v2016.csv"
    path.write_text(HEADER + "".join(f"{a},{b},{a}{b}\n" for a, b in pairs))
    return [[path]]


def frame(*codes):
    return pd.DataFrame({"geo": list(codes), "period": "2010", "value": 1.0, "line": 2})


def test_sole_code_of_a_country_split_later_becomes_the_country(tmp_path):
    m = matrices(tmp_path, ("LT00", "LT01"), ("LT00", "LT02"), ("BE21", "BE21"), ("BE21", "BE23"))
    m[0][0].write_text(m[0][0].read_text() + "BE23,BE23,BE23BE23\n")
    kept, report = recode(frame("LT00", "BE21"), m)
    assert kept["geo"].tolist() == ["LT"]
    assert report.renamed == {"LT00": "LT"} and report.whole_country == {"LT00"}
    assert report.matrices == {"LT00": ["n2_cm_v2013_v2016"]}
    assert report.kept_out == {"BE21": ["BE21", "BE23"]}  # a split of part of a country


def test_the_countrys_own_rows_win_over_the_old_code(tmp_path):
    m = matrices(tmp_path, ("LT00", "LT01"), ("LT00", "LT02"))
    kept, report = recode(frame("LT00", "LT"), m)
    assert kept["geo"].tolist() == ["LT"] and len(kept) == 1
    assert report.kept_out == {"LT00": ["LT01", "LT02"]} and not report.whole_country


def test_discontinued_only_leaves_current_codes_alone(tmp_path):
    m = matrices(tmp_path, ("LT00", "LT01"), ("LT00", "LT02"), ("CZ02", "CZ02"), ("CZ02", "CZ03"))
    m[0][0].write_text(m[0][0].read_text() + "CZ03,CZ03,CZ03CZ03\n")
    kept, report = recode(frame("LT00", "LT01", "CZ03", "FRY1"), m, discontinued_only=True)
    assert sorted(kept["geo"]) == ["CZ03", "FRY1", "LT", "LT01"]
    assert report.renamed == {"LT00": "LT"} and report.rows_kept_out == 0

"""Reading the wide CSV: good files score in bulk, bad cells are named by line and column."""

import io

import pytest

from i4region.compute.maturity import AnswerError, read_answers, score_frame


def wide(spec, rows, header=None):
    header = header or ["response_id", *spec.item_codes]
    lines = [",".join(header)]
    for rid, values in rows:
        lines.append(",".join([rid, *[str(values.get(c, 0)) for c in header[1:]]]))
    return io.StringIO("\n".join(lines) + "\n")


def test_a_file_scores_into_the_scores_csv_columns(dma):
    frame = read_answers(dma, wide(dma, [("a", {}), ("b", {f"q9_0{i}": 5 for i in range(1, 6)})]))
    scores = score_frame(dma, frame)
    assert list(scores.columns) == ["response_id", *dma.dimension_codes, "overall", "band"]
    assert scores["automation_ai"].tolist() == [0, 100]
    assert scores["overall"].round(4).tolist() == [0, 16.6667]
    assert scores["band"].tolist() == ["basic", "basic"]


def test_out_of_range_value_names_line_and_column(dma):
    with pytest.raises(AnswerError) as err:
        read_answers(dma, wide(dma, [("a", {}), ("b", {}), ("c", {"q4_02": 7})]))
    assert str(err.value) == "line 4, column q4_02: '7' is not one of 0–5"


def test_text_and_blank_cells_are_named(dma):
    with pytest.raises(AnswerError) as err:
        read_answers(dma, wide(dma, [("a", {"q2_03": "yes", "q11_01": ""})]))
    problems = [str(p) for p in err.value.problems]
    assert problems == [
        "line 2, column q2_03: 'yes' is not one of 0–1",
        "line 2, column q11_01: empty is not one of 0–2",
    ]
    assert str(err.value).endswith("(and 1 more)")


def test_missing_and_unknown_columns(dma):
    header = ["response_id", *[c for c in dma.item_codes if c != "q8_06"], "q8_07"]
    with pytest.raises(AnswerError) as err:
        read_answers(dma, wide(dma, [("a", {})], header))
    assert [str(p) for p in err.value.problems] == [
        "line 1, column q8_06: missing column (an item of dma-1.0)",
        "line 1, column q8_07: unknown column: not an item of dma-1.0",
    ]


def test_duplicate_and_empty_ids(dma):
    with pytest.raises(AnswerError) as err:
        read_answers(dma, wide(dma, [("a", {}), ("a", {})]))
    assert str(err.value) == "line 3, column response_id: 'a' appears twice"


def test_ragged_row_names_its_line(dma):
    text = wide(dma, [("a", {}), ("b", {})]).getvalue().splitlines()
    text[2] += ",1"
    header = len(dma.item_codes) + 1  # and response_id
    with pytest.raises(
        AnswerError,
        match=rf"^line 3: wrong number of fields: expected {header}, found {header + 1}$",
    ):
        read_answers(dma, io.StringIO("\n".join(text)))


def test_empty_file(dma):
    with pytest.raises(AnswerError, match="line 1: the file is empty"):
        read_answers(dma, io.StringIO(""))


def test_impuls_file(impuls):
    answers = {c: 5 for c in impuls.item_codes} | {"autonomous_processes": 1}
    scores = score_frame(impuls, read_answers(impuls, wide(impuls, [("x", answers)])))
    assert scores.loc[0, "smart_operations"] == 1
    assert scores.loc[0, "group"] == "leader"

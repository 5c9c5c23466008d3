"""Golden tests: each scoring rule of the DMA and IMPULS contracts, worked out by hand."""

import pytest

from i4region.compute.maturity import band_of, score_answers
from i4region.compute.maturity.spec import SpecError, parse_spec


def tick(answers, *codes):
    for code in codes:
        answers[code] = 1
    return answers


def test_definition_files_have_the_contract_items(dma, impuls):
    assert len(dma.item_codes) == 10 + 10 + 10 + 10 + 7 + 7 + 8 + 8 + 6 + 5 + 10 + 5
    assert dma.dimension_codes == [
        "digital_business_strategy",
        "digital_readiness",
        "human_centric_digitalisation",
        "data_management",
        "automation_ai",
        "green_digitalisation",
    ]
    assert len(impuls.item_codes) == 18
    assert [d.weight for d in impuls.dimensions] == [25, 14, 10, 19, 14, 18]
    # field names and group cut-offs from secondary material are marked as such
    assert [d.code for d in impuls.dimensions if d.secondary] == [
        "smart_operations",
        "smart_products",
        "data_driven_services",
        "employees",
    ]
    assert impuls.bands_secondary


def test_nothing_ticked_scores_zero_and_basic(dma, blank):
    result = score_answers(dma, blank)
    assert result["overall"] == 0
    assert set(result["dimensions"].values()) == {0}
    assert result["band"] == "basic"


def test_tick_list_scores_ten_times_share(dma, blank):
    result = score_answers(dma, tick(blank, "q3_01", "q3_02", "q3_03"))
    assert result["questions"]["q3"] == pytest.approx(3.0)
    assert result["dimensions"]["digital_readiness"] == pytest.approx(15.0)  # 5 × (3 + 0)


def test_scale_list_scores_ten_times_mean_share(dma, blank):
    blank.update({f"q4_0{i}": 5 for i in range(1, 8)})
    result = score_answers(dma, blank)
    assert result["questions"]["q4"] == pytest.approx(10.0)
    blank.update({"q4_01": 0, "q4_02": 1})  # (0 + 1 + 5·5) / 5 / 7 × 10
    assert score_answers(dma, blank)["questions"]["q4"] == pytest.approx(26 / 35 * 10)


def test_automation_is_ten_times_q9(dma, blank):
    blank.update({"q9_01": 5, "q9_02": 5, "q9_03": 0, "q9_04": 0, "q9_05": 0})
    result = score_answers(dma, blank)
    assert result["questions"]["q9"] == pytest.approx(4.0)
    assert result["dimensions"]["automation_ai"] == pytest.approx(40.0)


def test_q11_is_a_sum_of_no_partly_yes(dma, blank):
    blank.update({"q11_01": 2, "q11_02": 1, "q11_03": 2, "q11_04": 0, "q11_05": 2})
    result = score_answers(dma, blank)
    assert result["questions"]["q11"] == 7
    assert result["dimensions"]["green_digitalisation"] == pytest.approx(35.0)  # 5 × (0 + 7)


def test_strategy_default_and_halved_reading(dma, blank):
    tick(blank, *[f"q1_invested_{i:02d}" for i in range(1, 11)])  # Q1 invested = 10
    tick(blank, "q2_01", "q2_02", "q2_03", "q2_04", "q2_05")  # Q2 = 5
    assert score_answers(dma, blank)["dimensions"]["digital_business_strategy"] == pytest.approx(
        50.0  # 100 × (10 + 0 + 5) / 30
    )
    halved = score_answers(dma, blank, {"q1_reading": "halved"})
    assert halved["dimensions"]["digital_business_strategy"] == pytest.approx(50.0)  # 5 × (5 + 5)
    tick(blank, "q1_planned_01", "q1_planned_02")  # Q1 planned = 2
    assert score_answers(dma, blank)["dimensions"]["digital_business_strategy"] == pytest.approx(
        170 / 3
    )
    assert score_answers(dma, blank, {"q1_reading": "halved"})["dimensions"][
        "digital_business_strategy"
    ] == pytest.approx(55.0)


def test_exclusive_item_scores_zero_and_is_out_of_the_count(dma, blank):
    tick(blank, "q7_02", "q7_03", "q7_04", "q7_05", "q7_06", "q7_07", "q7_08")
    assert score_answers(dma, blank)["questions"]["q7"] == pytest.approx(10.0)  # 7 of 7
    tick(blank, "q7_01")
    assert score_answers(dma, blank)["questions"]["q7"] == 0
    # the other tool's reading: q7_01 counts like any item, 8 of 8
    other = score_answers(dma, blank, {"q7_negative_item": "counts_as_positive"})
    assert other["questions"]["q7"] == pytest.approx(10.0)
    assert dma.questions_of("data_management")[0].exclusive_item == "q7_01"


def test_overall_is_the_mean_of_the_six(dma, blank):
    tick(blank, *[f"q3_{i:02d}" for i in range(1, 11)])  # readiness 50
    blank.update({f"q9_0{i}": 5 for i in range(1, 6)})  # automation 100
    result = score_answers(dma, blank)
    assert result["overall"] == pytest.approx(25.0)
    assert result["band"] == "basic"  # exactly on the cut-off: the lower band


@pytest.mark.parametrize(
    "score, band",
    [
        (0, "basic"),
        (25, "basic"),
        (25.01, "average"),
        (50, "average"),
        (50.01, "moderately_advanced"),
        (75, "moderately_advanced"),
        (75.01, "advanced"),
        (100, "advanced"),
    ],
)
def test_band_boundaries(dma, score, band):
    assert band_of(dma, score) == band


def test_float_noise_does_not_cross_a_cut_off(dma):
    assert band_of(dma, 24.999999999999996 + 1e-14) == "basic"
    assert band_of(dma, 25.000000000000004) == "basic"


def impuls_answers(impuls, level=5, **fields):
    answers = dict.fromkeys(impuls.item_codes, level)
    answers.update(fields)
    return answers


def test_impuls_published_example_lowest_field_sets_the_dimension(impuls):
    answers = impuls_answers(
        impuls, information_sharing=5, cloud_usage=5, it_security=5, autonomous_processes=1
    )
    result = score_answers(impuls, answers)
    assert result["dimensions"]["smart_operations"] == 1
    # every other dimension at 5: (25 + 14 + 19 + 14 + 18) × 5 + 10 × 1, over 100
    assert result["overall"] == pytest.approx(4.6)
    assert result["band"] == "leader"


@pytest.mark.parametrize(
    "level, group", [(0, "newcomer"), (1, "newcomer"), (2, "learner"), (3, "leader"), (5, "leader")]
)
def test_impuls_groups(impuls, level, group):
    result = score_answers(impuls, impuls_answers(impuls, level))
    assert result["overall"] == pytest.approx(level)
    assert result["band"] == group


def test_impuls_group_cut_offs(impuls):
    assert band_of(impuls, 1.99) == "newcomer"
    assert band_of(impuls, 2.99) == "learner"


def test_incomplete_answers_are_refused(dma, blank):
    del blank["q5_03"]
    with pytest.raises(SpecError, match="q5_03"):
        score_answers(dma, blank)


def test_unknown_operator_is_named():
    with pytest.raises(SpecError, match="question q1"):
        parse_spec(
            {
                "model": "x",
                "version": "1",
                "title": {"en": "X", "lt": "X"},
                "scales": {"tick": {"values": [{"value": 0, "en": "n", "lt": "n"}]}},
                "dimensions": [
                    {"code": "d", "label": {"en": "D", "lt": "D"}, "rule": {"op": "min"}}
                ],
                "questions": [
                    {
                        "code": "q1",
                        "dimension": "d",
                        "scale": "tick",
                        "label": {"en": "Q", "lt": "Q"},
                        "rule": {"op": "median"},
                        "items": [],
                    }
                ],
                "overall": {"rule": {"op": "mean"}},
                "bands": {"band": []},
            }
        )


def test_unknown_option_choice_is_refused(dma, blank):
    with pytest.raises(SpecError, match="no choice"):
        score_answers(dma, blank, {"q1_reading": "quarters"})

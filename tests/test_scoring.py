"""The scoring engine of case-file reviews (models.scoring): property-based tests over random
standards and marks, and worked examples on the built-in standard."""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import scoring
from models.scoring import Result, Rules, ScoredItem, Stage, Standard
from models.templates import builtin_templates

# --- strategies -----------------------------------------------------------------------------------

cents = st.integers(min_value=1, max_value=3000)


@st.composite
def items(draw: Any, prefix: str) -> tuple[ScoredItem, ...]:
    out = []
    for n in range(draw(st.integers(min_value=1, max_value=5))):
        top = draw(cents)
        step = draw(st.integers(min_value=1, max_value=top))
        out.append(ScoredItem(f"{prefix}{n}", top / 100, step / 100))
    return tuple(out)


@st.composite
def standards(draw: Any) -> Standard:
    stages = []
    for n in range(draw(st.integers(min_value=1, max_value=6))):
        stage_items = draw(items(f"S{n}-"))
        stages.append(Stage(f"阶段{n}", draw(cents) / 100, stage_items))
    vetoes = tuple(f"F{n}" for n in range(draw(st.integers(min_value=0, max_value=4))))
    total = sum(round(s.max_points * 100) for s in stages)
    excellent = draw(st.integers(min_value=2, max_value=max(2, total)))
    passing = draw(st.integers(min_value=1, max_value=excellent - 1))
    rules = Rules(excellent / 100, passing / 100, draw(st.booleans()), draw(st.booleans()))
    return Standard(tuple(stages), vetoes, rules)


@st.composite
def marked(draw: Any) -> tuple[Standard, dict[str, int], list[str]]:
    std = draw(standards())
    codes = [i.code for s in std.stages for i in s.items]
    counts = draw(st.dictionaries(st.sampled_from(codes), st.integers(min_value=0, max_value=30)))
    vetoes = draw(st.lists(st.sampled_from(std.vetoes), unique=True)) if std.vetoes else []
    return std, counts, vetoes


def cents_of(x: float) -> int:
    return round(x * 100)


# --- properties -----------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(marked())
def test_score_lies_between_zero_and_the_maximum(case: tuple[Standard, dict[str, int], list[str]]
                                                 ) -> None:
    std, counts, vetoes = case
    result = scoring.score(std, counts, vetoes)
    assert 0 <= result.score <= result.max_score == std.max_score
    for stage, lost in zip(std.stages, result.stage_deductions):
        assert 0 <= lost <= stage.max_points          # 扣完为止: a stage never goes below zero
    if not result.vetoed:
        assert cents_of(result.score) == cents_of(std.max_score) - sum(
            cents_of(x) for x in result.stage_deductions)


@settings(max_examples=300, deadline=None)
@given(marked())
def test_deductions_never_exceed_an_items_maximum(case: tuple[Standard, dict[str, int], list[str]]
                                                  ) -> None:
    std, counts, vetoes = case
    result = scoring.score(std, counts, vetoes)
    by_code = {i.code: i for s in std.stages for i in s.items}
    for code, points in result.deductions.items():
        item = by_code[code]
        assert 0 <= points <= item.max_points
        assert cents_of(points) == min(counts[code] * cents_of(item.step),
                                       cents_of(item.max_points))
    assert set(result.deductions) == {c for c, n in counts.items() if n}


@settings(max_examples=300, deadline=None)
@given(marked())
def test_a_veto_always_gives_fail_and_zero(case: tuple[Standard, dict[str, int], list[str]]
                                           ) -> None:
    std, counts, vetoes = case
    result = scoring.score(std, counts, vetoes)
    assert result.vetoed == bool(vetoes)
    if vetoes:
        assert (result.score, result.grade) == (0.0, "fail")
        assert set(result.veto_hits) == set(vetoes)


@settings(max_examples=300, deadline=None)
@given(marked())
def test_grade_follows_the_thresholds(case: tuple[Standard, dict[str, int], list[str]]) -> None:
    std, counts, _vetoes = case
    result = scoring.score(std, counts)
    rules = std.rules
    if result.score >= rules.excellent:
        assert result.grade == "excellent"
    elif result.score >= rules.passing:
        assert result.grade == "pass"
    else:
        assert result.grade == "fail"
    assert scoring.score(std, {}).score == std.max_score   # nothing found: full marks


@settings(max_examples=200, deadline=None)
@given(marked(), st.data())
def test_more_occurrences_never_raise_the_score(case: tuple[Standard, dict[str, int], list[str]],
                                                data: Any) -> None:
    std, counts, _vetoes = case
    codes = [i.code for s in std.stages for i in s.items]
    code = data.draw(st.sampled_from(codes))
    more = {**counts, code: counts.get(code, 0) + data.draw(st.integers(1, 5))}
    assert scoring.score(std, more).score <= scoring.score(std, counts).score


@settings(max_examples=300, deadline=None)
@given(standards(), st.data())
def test_recheck_rule(std: Standard, data: Any) -> None:
    """复核 when a first review is below the pass mark (if the rule says so) or when the first
    reviews' grades differ (if it says so); a recheck's result is final."""
    codes = [i.code for s in std.stages for i in s.items]
    reviews = [scoring.score(std, data.draw(st.dictionaries(st.sampled_from(codes),
                                                            st.integers(0, 30))),
                             data.draw(st.lists(st.sampled_from(std.vetoes), max_size=1))
                             if std.vetoes else [])
               for _ in range(data.draw(st.integers(1, 3)))]
    rules = std.rules
    reasons = scoring.recheck_reasons(rules, reviews)
    below = any(r.score < rules.passing for r in reviews)
    differ = len({r.grade for r in reviews}) > 1
    assert ("below_pass" in reasons) == (rules.recheck_below_pass and below)
    assert ("disagreement" in reasons) == (rules.recheck_on_disagreement and differ)

    out = scoring.outcome(rules, reviews)
    if reasons:
        assert (out.state, out.score, out.grade) == ("recheck_required", None, None)
    else:
        assert out.state == "reviewed"
        assert 0 <= out.score <= std.max_score
        assert out.grade == scoring.grade_of(out.score, rules, any(r.vetoed for r in reviews))
        if not differ:
            assert out.grade == reviews[0].grade   # agreeing reviewers: their grade stands
    recheck = scoring.score(std, {})
    final = scoring.outcome(rules, reviews, [recheck])
    assert (final.state, final.score, final.grade) == ("rechecked", recheck.score, recheck.grade)


def test_rules_switched_off_never_ask_for_a_recheck() -> None:
    std = Standard((Stage("立案", 5, (ScoredItem("L1", 5, 5),)),), ("F1",), Rules(4, 3))
    low = scoring.score(std, {}, ["F1"])
    high = scoring.score(std, {})
    assert scoring.recheck_reasons(std.rules, [low, high]) == ()
    out = scoring.outcome(std.rules, [low, high])
    assert (out.state, out.score, out.grade) == ("reviewed", 0.0, "fail")   # a veto stands
    assert scoring.outcome(std.rules, []).state == "unreviewed"


def test_bad_input_is_refused() -> None:
    std = Standard((Stage("立案", 5, (ScoredItem("L1", 5, 5),)),), ("F1",), Rules(4, 3))
    with pytest.raises(ValueError):
        scoring.score(std, {"X9": 1})
    with pytest.raises(ValueError):
        scoring.score(std, {}, ["F9"])
    with pytest.raises(ValueError):
        scoring.score(std, {"L1": -1})


# --- the built-in standard ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def standard() -> Standard:
    (review,) = [t for t in builtin_templates() if t.kind == "case_review"]
    return review.standard()


def test_builtin_standard_shape(standard: Standard) -> None:
    assert [(s.name, s.max_points) for s in standard.stages] == [
        ("立案", 5), ("调查取证", 35), ("审查决定", 35), ("送达执行", 9), ("归档", 8), ("卷面", 8)]
    assert standard.max_score == 100
    assert len(standard.vetoes) == 10
    assert standard.rules == Rules(90, 70, True, True)


@pytest.mark.parametrize(("counts", "score", "grade"), [
    ({}, 100, "excellent"),
    ({"J4": 1}, 97, "excellent"),                 # 处罚决定书要素缺失 每处扣3
    ({"J4": 5}, 91, "excellent"),                 # … at most its 9 points
    ({"J2": 1, "G2": 1}, 97, "excellent"),        # 未告知陈述申辩权 扣2, 卷内目录缺失 扣1
    ({"S1": 1}, 96, "excellent"),                 # 未在7日内送达 扣全分 (4)
    ({"M1": 3}, 98.5, "excellent"),               # 0.5 a time
    ({"D2": 3, "D3": 3, "D4": 3, "D5": 2}, 76, "pass"),
    ({"D2": 9, "D3": 9, "D4": 9, "D5": 9, "D6": 9, "D7": 9, "D1": 9, "J4": 9, "J5": 9}, 50,
     "fail"),                                     # 调查取证 loses all its 35, never more
])
def test_worked_examples(standard: Standard, counts: dict[str, int], score: float,
                         grade: str) -> None:
    result: Result = scoring.score(standard, counts)
    assert (result.score, result.grade) == (score, grade)


def test_stage_loses_at_most_its_points() -> None:
    """Items may add up to more than their stage: the stage stops at zero (扣完为止)."""
    std = Standard((Stage("卷面", 8, (ScoredItem("M1", 6, 1), ScoredItem("M2", 6, 2))),
                    Stage("归档", 2, (ScoredItem("G1", 2, 2),))), (), Rules(9, 6))
    result = scoring.score(std, {"M1": 9, "M2": 9})
    assert result.deductions == {"M1": 6, "M2": 6}
    assert result.stage_deductions == (8, 0)
    assert (result.score, result.grade) == (2, "fail")

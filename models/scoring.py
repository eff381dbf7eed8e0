"""The scoring of a case file against a review standard (案卷评查评分): pure, no database, no I/O.

A :class:`Standard` has veto items (否决项) and stages (阶段: 立案, 调查取证 …), each stage with
its points and scored items, each item with its maximum and its deduction step (每处扣分).

The rules, as published provincial standards apply them:

* an item's deduction is occurrences × step, never more than the item's maximum;
* a stage loses at most its own points (扣完为止): its remaining points never go below zero;
* the score is the sum of the stages' remaining points, so it lies in [0, the standard's total];
* any veto hit makes the file 不合格 with score 0, whatever the deductions;
* the grade is 优秀 from the excellent mark up, 合格 from the pass mark up, else 不合格;
* a second review (复核) is required when the template says so for a score below the pass mark
  or for reviewers whose grades differ; a recheck's result is final.

Points are worked in hundredths (integers), so sums are exact; results are rounded to 0.01.
"""
from __future__ import annotations

from typing import Iterable, Mapping, NamedTuple, Sequence

from .i18n import QT_TRANSLATE_NOOP

GRADES: dict[str, str] = {
    "excellent": QT_TRANSLATE_NOOP("reviews", "优秀"),
    "pass": QT_TRANSLATE_NOOP("reviews", "合格"),
    "fail": QT_TRANSLATE_NOOP("reviews", "不合格"),
}

#: Why a recheck (复核) is required.
RECHECK_REASONS: dict[str, str] = {
    "below_pass": QT_TRANSLATE_NOOP("reviews", "得分低于合格分数线"),
    "disagreement": QT_TRANSLATE_NOOP("reviews", "评查人员评定的等次不一致"),
}


class ScoredItem(NamedTuple):
    """A scored item: at most ``max_points`` deducted, ``step`` per occurrence."""

    code: str
    max_points: float
    step: float


class Stage(NamedTuple):
    name: str
    max_points: float
    items: tuple[ScoredItem, ...]


class Rules(NamedTuple):
    """Grade thresholds and the 复核 rule of a standard."""

    excellent: float
    passing: float
    recheck_below_pass: bool = False
    recheck_on_disagreement: bool = False


class Standard(NamedTuple):
    stages: tuple[Stage, ...]
    vetoes: tuple[str, ...]     # codes of the veto items
    rules: Rules

    @property
    def max_score(self) -> float:
        return _points(sum(_cents(s.max_points) for s in self.stages))


class Result(NamedTuple):
    """One review's outcome."""

    score: float
    max_score: float
    grade: str                              # key of GRADES
    vetoed: bool
    veto_hits: tuple[str, ...]              # codes, in the standard's order
    deductions: dict[str, float]            # item code -> points deducted (item cap applied)
    stage_deductions: tuple[float, ...]     # per stage, after the stage cap (扣完为止)


class Outcome(NamedTuple):
    """A case file's result over all its submitted reviews."""

    state: str                  # 'unreviewed' | 'recheck_required' | 'reviewed' | 'rechecked'
    score: float | None         # None until final
    grade: str | None
    reasons: tuple[str, ...]    # keys of RECHECK_REASONS found among the first reviews


def _cents(value: float) -> int:
    return round(float(value) * 100)


def _points(cents: int) -> float:
    return round(cents / 100, 2)


def item_deduction(item: ScoredItem, count: int) -> float:
    """Points one item loses for ``count`` occurrences: count × step, capped at its maximum."""
    if count < 0:
        raise ValueError("count must not be negative")
    return _points(min(count * _cents(item.step), _cents(item.max_points)))


def grade_of(score: float, rules: Rules, vetoed: bool = False) -> str:
    """'excellent', 'pass' or 'fail' for ``score`` under ``rules`` (a veto always fails)."""
    if vetoed:
        return "fail"
    cents = _cents(score)
    if cents >= _cents(rules.excellent):
        return "excellent"
    if cents >= _cents(rules.passing):
        return "pass"
    return "fail"


def score(standard: Standard, counts: Mapping[str, int], vetoes: Iterable[str] = ()) -> Result:
    """Score one review: ``counts`` maps scored item codes to occurrences, ``vetoes`` are the veto
    items hit. Unknown codes and negative counts raise ValueError (the caller checks its input)."""
    known = {item.code for stage in standard.stages for item in stage.items}
    unknown = set(counts) - known
    if unknown:
        raise ValueError(f"unknown scored items: {sorted(unknown)}")
    hits = set(vetoes)
    if hits - set(standard.vetoes):
        raise ValueError(f"unknown veto items: {sorted(hits - set(standard.vetoes))}")
    deductions: dict[str, float] = {}
    per_stage: list[float] = []
    remaining = 0
    for stage in standard.stages:
        lost = 0
        for item in stage.items:
            count = int(counts.get(item.code, 0))
            if count:
                points = item_deduction(item, count)
                deductions[item.code] = points
                lost += _cents(points)
        cap = _cents(stage.max_points)
        lost = min(lost, cap)
        per_stage.append(_points(lost))
        remaining += cap - lost
    max_score = standard.max_score
    veto_hits = tuple(code for code in standard.vetoes if code in hits)
    total = 0.0 if veto_hits else _points(max(0, min(remaining, _cents(max_score))))
    return Result(total, max_score, grade_of(total, standard.rules, bool(veto_hits)),
                  bool(veto_hits), veto_hits, deductions, tuple(per_stage))


def recheck_reasons(rules: Rules, first: Sequence[Result]) -> tuple[str, ...]:
    """Why the first reviews of a file need a 复核 (empty: they do not)."""
    reasons: list[str] = []
    if rules.recheck_below_pass and any(_cents(r.score) < _cents(rules.passing) for r in first):
        reasons.append("below_pass")
    if rules.recheck_on_disagreement and len({r.grade for r in first}) > 1:
        reasons.append("disagreement")
    return tuple(reasons)


def outcome(rules: Rules, first: Sequence[Result], rechecks: Sequence[Result] = ()) -> Outcome:
    """A file's result from its submitted first reviews and 复核 (oldest first).

    The last recheck is final. Without one: no review → 'unreviewed'; a recheck required by the
    rule → 'recheck_required' (no score yet); otherwise 'reviewed' with the mean of the reviews'
    scores (0 and 不合格 when any of them found a veto item).
    """
    reasons = recheck_reasons(rules, first) if first else ()
    if rechecks:
        last = rechecks[-1]
        return Outcome("rechecked", last.score, last.grade, reasons)
    if not first:
        return Outcome("unreviewed", None, None, ())
    if reasons:
        return Outcome("recheck_required", None, None, reasons)
    if any(r.vetoed for r in first):
        return Outcome("reviewed", 0.0, "fail", ())
    mean = _points(round(sum(_cents(r.score) for r in first) / len(first)))
    return Outcome("reviewed", mean, grade_of(mean, rules), ())

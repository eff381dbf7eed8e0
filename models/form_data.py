"""The official forms filled from the database: what the xlsx and PDF writers print.

Each builder returns a :class:`models.forms.Form` with the seed's title, header block, columns
and footer, the year, campaign and unit taken from the data:

* the ledger forms (:data:`LEDGER_FORMS`, :func:`ledger_form`), over the problems a ledger filter
  shows, in the ledger's sort order: 专项整治问题清单 and “回头看”清查评估台账 (seed 001, 附件2 and
  附件1, whose texts :mod:`models.xlsx_forms` holds) and the 整改工作台账（共性）/（个性） (seed
  000, 附件1-2: named there, laid out like the 问题清单 plus source and status);
* the result of a self-check (:func:`selfcheck_form`) and the score sheet of a case-file review
  (:func:`casereview_form`).

The 执法领域突出问题线索征询表 (seed 000, 附件3; code ``clues``) is filled from the 投诉举报线索,
not from problems: :mod:`models.form_leads` (it uses :data:`CLUES_TITLE` and :func:`_issuer`).

The two statistics tables of seed 004 (资料报送统计表, 案件办理情况统计表: ``materials_form``,
``cases_form``, ``campaign_materials_form`` and their rows) live in :mod:`models.form_stats`;
:data:`FORMS` still names them (``materials``, ``cases``).

The rows of a ledger form are a generator reading the problems in blocks of
:data:`BLOCK` (``models.ledger_query.rows``): a ledger of 100,000 problems never sits in memory as
dicts, only its ids do. The 回头看 ledger's 责任人签字 column holds the signer, time and key
fingerprint of a row whose newest 责任人确认 is valid, and stays blank otherwise (for a
handwritten signature); its signature block lists every row signature and the newest revision's
审核 and 单位盖章, each with its status.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, NamedTuple

from . import ledger_query, signing, validate
from .errors import NotFound, ValidationError
from .forms import Column, Form, SignatureLine
from .i18n import QT_TRANSLATE_NOOP
from .ledger_query import LedgerFilter
from .permissions import ROLE_LABELS, Role, operation
from .problems import SOURCES, STATUSES
from .session import Session, own_unit_id
from .xlsx_forms import CHECKLIST, REVIEW

#: Form code -> the name shown in the export dialog (context "forms").
FORMS: dict[str, str] = {
    "problem_list": QT_TRANSLATE_NOOP("forms", "专项整治问题清单"),
    "lookback": QT_TRANSLATE_NOOP("forms", "“回头看”清查评估台账"),
    "common": QT_TRANSLATE_NOOP("forms", "整改工作台账（共性）"),
    "individual": QT_TRANSLATE_NOOP("forms", "整改工作台账（个性）"),
    "clues": QT_TRANSLATE_NOOP("forms", "突出问题线索征询表"),
    "materials": QT_TRANSLATE_NOOP("forms", "资料报送统计表"),
    "cases": QT_TRANSLATE_NOOP("forms", "案件办理情况统计表"),
    "selfcheck": QT_TRANSLATE_NOOP("forms", "自查自纠结果"),
    "casereview": QT_TRANSLATE_NOOP("forms", "案卷评查评分表"),
    "brief": QT_TRANSLATE_NOOP("forms", "工作简报"),
    "schedule": QT_TRANSLATE_NOOP("forms", "工作调度表"),
    "case_stats": QT_TRANSLATE_NOOP("forms", "案件统计表（按月）"),
    "letter": QT_TRANSLATE_NOOP("forms", "执法监督意见书及整改情况答复"),
    "training": QT_TRANSLATE_NOOP("forms", "培训台账"),
    "training_hours": QT_TRANSLATE_NOOP("forms", "学时统计"),
}

#: The forms :func:`ledger_form` builds from the problems a ledger filter shows.
LEDGER_FORMS: tuple[str, ...] = ("problem_list", "lookback", "common", "individual")

#: Problems read per query while a ledger form's rows are written.
BLOCK = 500
#: Width of the 回头看 ledger's 责任人签字 column: "李海龙 2024-06-30 09:15" on one line, the key
#: fingerprint on the next.
SIGNATURE_WIDTH = 24.0

#: Seed 000 (青交执法监法〔2023〕30号), 附件1-3: titles as the notice names them.
COMMON_TITLE = "交通运输执法领域突出问题整改工作台账（共性）"
INDIVIDUAL_TITLE = "交通运输执法领域突出问题整改工作台账（个性）"
CLUES_TITLE = "执法领域突出问题线索征询表"      # after the issuing office's name
SELFCHECK_TITLE = "自查自纠结果"                # after the campaign's title
CASEREVIEW_TITLE = "行政执法案卷评查评分表"

_UNIT_LINE = REVIEW.lines[0]                               # 填报单位（盖章）：
_DATE_LABEL = REVIEW.lines[1].partition("：")[0] + "："     # 填报时间：
_NOTE_LEAD = CHECKLIST.note.partition("存在问题包括")[0] + "存在问题包括"   # 注: 存在问题包括
_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\s]+')


class FormOptions(NamedTuple):
    """What the export dialog asks: the date line and the people named in the footer."""

    fill_date: date | None = None        # 填报时间 / the date line; None = today
    filler: str = ""                     # 填报人
    contact: str = ""                    # 联系人
    phone: str = ""                      # 联系电话


#: The options of an export that asks nothing (date line: today, no names).
DEFAULT_OPTIONS = FormOptions()


# --- small helpers --------------------------------------------------------------------------------

def date_line(day: date) -> str:
    """A date as the forms' date lines write it: ``2024 年 6 月 30 日``."""
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def deadline_text(value: str | None) -> str:
    """A stored ISO date as the seeds write a deadline (``2024年8月31日``); '' when none."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.year}年{day.month}月{day.day}日"


def local_minute(stamp: str | None) -> str:
    """A stored UTC time stamp as local ``YYYY-MM-DD HH:MM`` ('' when none)."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp[:16].replace("T", " ")


def _local_day(stamp: str | None) -> date | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp).astimezone().date()
    except ValueError:
        return None


def _num(value: Any) -> Any:
    """A number as printed: 5.0 -> 5, 2.5 stays; None stays None."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def file_stem(*parts: str) -> str:
    """A file name (no extension) from ``parts`` joined by '-', without characters that file
    systems refuse."""
    return "-".join(_BAD_FILE_CHARS.sub("_", p).strip("_") for p in parts if p)


def _options(options: FormOptions) -> FormOptions:
    """``options`` checked: names at most 40 characters, a phone number of digits and - + ( )."""
    return FormOptions(
        options.fill_date or date.today(),
        validate.text(options.filler, "姓名", required=False, limit=40),
        validate.text(options.contact, "姓名", required=False, limit=40),
        validate.phone(options.phone, "联系电话"))


def _unit_id(session: Session) -> int | None:
    return session.unit_id if session.unit_id is not None else own_unit_id(session.store)


def _unit_name(session: Session, unit_id: int | None) -> str:
    row = session.store.conn.execute("SELECT name FROM units WHERE id = ?",
                                     (unit_id,)).fetchone()
    return row[0] if row else ""


def _campaign(session: Session, campaign_id: int | None) -> dict[str, Any] | None:
    if campaign_id is None:
        return None
    rows = session.store.query("SELECT * FROM campaigns WHERE id = ?", (campaign_id,))
    if not rows:
        raise NotFound(what="专项行动", key=campaign_id)
    campaign = rows[0]
    campaign["categories"] = [r[0] for r in session.store.conn.execute(
        "SELECT name FROM campaign_categories WHERE campaign_id = ? ORDER BY position",
        (campaign_id,))]
    return campaign


def _person_names(session: Session) -> dict[int, str]:
    return {int(pid): name for pid, name in session.store.conn.execute(
        "SELECT id, name FROM people")}


def _account_name(session: Session, account_id: int | None) -> str:
    """The person's name of an account (the user name when no person is linked)."""
    row = session.store.conn.execute(
        "SELECT coalesce(nullif(p.name, ''), a.username) FROM accounts a"
        " LEFT JOIN people p ON p.id = a.person_id WHERE a.id = ?", (account_id,)).fetchone()
    return row[0] if row else ""


def _role_label(value: str) -> str:
    try:
        return ROLE_LABELS[Role(value)]
    except ValueError:
        return value


def _columns(specs: Iterable[tuple[str, float, str]]) -> tuple[Column, ...]:
    return tuple(Column(header, width, align) for header, width, align in specs)


def _layout_columns(layout: Any, centred: Iterable[str]) -> list[tuple[str, float, str]]:
    """The columns of one of :data:`models.xlsx_forms.LAYOUTS` as (header, width, align)."""
    middle = set(centred)
    return [(c.header, c.width, "center" if c.header in middle else "left")
            for c in layout.columns]


# --- the ledger forms -----------------------------------------------------------------------------

def _yes_no(value: str) -> str:
    return {"yes": "是", "no": "否"}.get(value or "", "")


def _rebound_text(row: dict[str, Any]) -> str:
    """是否出现反弹: 是 for a rebound; 否 once the problem was evaluated (struck off, or its
    effect recorded) without one; blank before that."""
    if row["rebound"]:
        return "是"
    if row["status"] == "closed" or row["effective"]:
        return "否"
    return ""


def _responsible(row: dict[str, Any]) -> str:
    """责任部门(人): the department and the person's name."""
    return " ".join(p for p in (row["responsible_dept"], row["responsible_person"] or "") if p)


def _issue_text(row: dict[str, Any]) -> str:
    """存在问题 of the 问题清单 names the category (the seed's 注): the issue, prefixed with its
    category unless it already says it."""
    issue, category = row["issue"], row["category"]
    if not category or category in issue:
        return issue
    return f"{category}：{issue}"


def _source_text(row: dict[str, Any]) -> str:
    text = SOURCES.get(row["source"], row["source"])
    return f"{text}（{row['source_channel']}）" if row["source_channel"] else text


def _categories_note(campaign: dict[str, Any] | None) -> str:
    """The 问题清单's 注 line over the campaign's categories, worded as the seed words it (…执法
    becomes …执法问题, the last joined by 以及); '' without a campaign."""
    names = list(campaign["categories"]) if campaign else []
    if not names:
        return ""
    worded = [f"{n}问题" if n.endswith("执法") else n for n in names]
    if len(worded) == 1:
        return f"{_NOTE_LEAD}{worded[0]}。"
    return f"{_NOTE_LEAD}{'、'.join(worded[:-1])}以及{worded[-1]}。"


class _Ledger(NamedTuple):
    """What every ledger form needs: the ids in order, the unit, the campaign, the options."""

    ids: list[int]
    unit_id: int | None
    unit: str
    campaign: dict[str, Any] | None
    options: FormOptions
    whole: bool = False     # the filter is the campaign alone: the rows are the signed ledger's


def _problem_rows(session: Session, ids: list[int]) -> Iterator[dict[str, Any]]:
    """The display rows of ``ids`` (models.ledger_query.rows), read :data:`BLOCK` at a time."""
    for start in range(0, len(ids), BLOCK):
        yield from ledger_query.rows(session, ids[start:start + BLOCK]).values()


def _scope_ids(session: Session, ids: list[int], scope: str, campaign_id: int | None
               ) -> list[int]:
    """``ids`` (in their order) of the problems whose scope (共性/个性) is ``scope``."""
    sql = "SELECT id FROM problems WHERE scope = ?"
    params: list[Any] = [scope]
    if campaign_id is not None:
        sql += " AND campaign_id = ?"
        params.append(campaign_id)
    wanted = {row[0] for row in session.store.conn.execute(sql, params)}
    return [pid for pid in ids if pid in wanted]


#: At most this many 责任人签字 are listed one by one in a form's signature block; beyond it the
#: block gives their number (each row's own cell still shows its signature).
MAX_ROW_SIGNATURE_LINES = 200


class _RowSignatures:
    """The 责任人签字 of a 回头看 ledger, worked out one block of rows at a time as the rows are
    written (memory stays bounded at 100,000 rows): the cell of each validly signed row, up to
    :data:`MAX_ROW_SIGNATURE_LINES` signature lines, and the count of every status."""

    def __init__(self, session: Session) -> None:
        self.session = session
        conn = session.store.conn
        self.any = conn.execute("SELECT 1 FROM signatures WHERE meaning = ? LIMIT 1",
                                (signing.MEANING,)).fetchone() is not None
        self.fingerprints = dict(conn.execute("SELECT key_id, fingerprint FROM signing_keys"))
        self.names = _person_names(session)
        self.lines: list[SignatureLine] = []
        self.counts = {"valid": 0, "stale": 0, "invalid": 0}

    def block(self, rows: list[dict[str, Any]]) -> dict[int, str]:
        """problem id -> the 责任人签字 cell, for the rows of one block that are validly signed."""
        if not self.any:
            return {}
        conn = self.session.store.conn
        newest = signing.newest_signatures(conn, [r["id"] for r in rows])
        cells: dict[int, str] = {}
        for r in rows:
            sig = newest.get(r["id"])
            if sig is None:
                continue
            state = signing.signature_status(conn, r["id"], sig)
            try:
                env = json.loads(sig["envelope"])
            except ValueError:
                env = {}
            name = (env.get("signer") or {}).get("name") or self.names.get(sig["person_id"], "")
            when = local_minute(sig["signed_at"])
            fingerprint = self.fingerprints.get(sig["key_id"], "")
            self.counts[state["status"]] = self.counts.get(state["status"], 0) + 1
            if len(self.lines) < MAX_ROW_SIGNATURE_LINES:
                self.lines.append(SignatureLine(
                    signing.MEANING, name, _role_label(env.get("role", "")), when, fingerprint,
                    state["status"], f"序号 {r['seq_no']}"))
            if state["status"] == "valid":
                # name and time on one line, the fingerprint on the next (never split)
                cells[r["id"]] = "\n".join(p for p in (f"{name} {when}".strip(), fingerprint)
                                           if p)
        return cells

    def summary(self) -> str:
        """A note giving the number of 责任人签字 when not all are listed; '' otherwise."""
        total = sum(self.counts.values())
        if total <= len(self.lines):
            return ""
        return (f"责任人签字共 {total} 条（有效 {self.counts['valid']} 条，已过期 "
                f"{self.counts['stale']} 条，无效 {self.counts['invalid']} 条），上表只列出前 "
                f"{len(self.lines)} 条；每一行的签字见表中“责任人签字”栏。")


def _revision_signatures(session: Session, led: _Ledger) -> tuple[str, list[SignatureLine]]:
    """The newest signed revision of the campaign's ledger of the unit: the name of its valid
    审核 signer ('' when none) and its 审核 / 单位盖章 signature lines with their status.

    Only for an export of the whole ledger (``led.whole``: no filter but the campaign): a
    revision's signatures vouch for all of it, not for a filtered selection."""
    campaign_id = led.campaign["id"] if led.campaign else None
    if not led.whole or campaign_id is None or led.unit_id is None \
            or not session.store.conn.execute(
                "SELECT 1 FROM ledger_revisions WHERE campaign_id = ? AND unit_id = ? LIMIT 1",
                (campaign_id, led.unit_id)).fetchone():
        return "", []
    from . import ledger_signing
    state = ledger_signing.ledger_state(session, campaign_id, led.unit_id, with_rows=False)
    revision = state["revisions"][-1]
    lines = [SignatureLine(s["meaning"], s["name"], _role_label(s["role"]),
                           local_minute(s["signed_at"]), s["fingerprint"] or "", s["status"],
                           f"第 {revision['rev_no']} 版台账")
             for s in revision["signatures"]]
    reviewer = next((s.name for s in lines
                     if s.meaning == ledger_signing.REVIEW and s.status == "valid"), "")
    return reviewer, lines


def _problem_list(session: Session, led: _Ledger) -> Form:
    columns = _columns(_layout_columns(CHECKLIST, ("序号", "整改时限")))

    def rows() -> Iterator[list[Any]]:
        for r in _problem_rows(session, led.ids):
            yield [r["seq_no"], _issue_text(r), r["manifestation"], r["measures"],
                   _responsible(r), deadline_text(r["deadline"]), r["remarks"]]

    note = _categories_note(led.campaign)
    return Form("problem_list", CHECKLIST.title, f"{CHECKLIST.lines[0]}{led.unit}",
                date_line(led.options.fill_date), columns, rows(), len(led.ids),
                footer=(f"{CHECKLIST.footer[0]}{led.options.filler}",),
                notes=(note,) if note else (), file_stem=_stem(led, "problem_list"))


def _lookback_title(campaign: dict[str, Any], day: date) -> str:
    """The 回头看 title with the campaign's year (its start date, else its end, else the fill
    date) in place of the seed's 2023."""
    year = next((int(v[:4]) for v in (campaign.get("start_date"), campaign.get("end_date"))
                 if v), day.year)
    rest = REVIEW.title.partition("年")[2]
    return f"{year} 年{rest}"


def _lookback(session: Session, led: _Ledger) -> Form:
    assert led.campaign is not None     # ledger_form checks
    tracker = _RowSignatures(session)
    reviewer, revision_lines = _revision_signatures(session, led)
    # 责任人签字 is wider than on the blank form: it holds name, time and key fingerprint
    columns = _columns((h, SIGNATURE_WIDTH if h == "责任人签字" else w, a) for h, w, a in
                       _layout_columns(REVIEW, ("序号", "是否取得预期成效", "是否出现反弹")))
    # Filled while the rows are written (both writers print them after the rows).
    signatures: list[SignatureLine] = []
    notes: list[str] = []

    def rows() -> Iterator[list[Any]]:
        for start in range(0, len(led.ids), BLOCK):
            block = list(ledger_query.rows(session, led.ids[start:start + BLOCK]).values())
            cells = tracker.block(block)
            for r in block:
                yield [r["seq_no"], r["category"], r["issue"], r["completion"],
                       _yes_no(r["effective"]), _rebound_text(r), r["rebound_measures"],
                       cells.get(r["id"], "")]
        signatures.extend(tracker.lines + revision_lines)
        summary = tracker.summary()
        if summary:
            notes.append(summary)

    labels = REVIEW.footer   # 审核人： 联系人： 联系电话：
    footer = (f"{labels[0]}{reviewer}", f"{labels[1]}{led.options.contact}",
              f"{labels[2]}{led.options.phone}")
    return Form("lookback", _lookback_title(led.campaign, led.options.fill_date),
                f"{_UNIT_LINE}{led.unit}", f"{_DATE_LABEL}{date_line(led.options.fill_date)}",
                columns, rows(), len(led.ids), footer=footer, notes=notes,  # type: ignore[arg-type]
                signatures=signatures,  # type: ignore[arg-type]
                file_stem=_stem(led, "lookback"))


def _scoped(session: Session, led: _Ledger, code: str) -> Form:
    """整改工作台账（共性）/（个性）: the 问题清单's columns with 问题来源 and 整改状态 before 备注."""
    scope = "common" if code == "common" else "individual"
    ids = _scope_ids(session, led.ids, scope, led.campaign["id"] if led.campaign else None)
    # two more columns than the 问题清单: the long texts give up some width, so that a date and
    # 已整改（待验收） keep to one line
    widths = {"具体表现": 30, "整改措施": 30, "整改时限": 16}
    specs = [(h, widths.get(h, w), a)
             for h, w, a in _layout_columns(CHECKLIST, ("序号", "整改时限"))]
    columns = _columns(specs[:-1] + [("问题来源", 12, "center"), ("整改状态", 16, "center"),
                                     specs[-1]])
    reviewer, revision_lines = _revision_signatures(session, led)

    def rows() -> Iterator[list[Any]]:
        for r in _problem_rows(session, ids):
            yield [r["seq_no"], _issue_text(r), r["manifestation"], r["measures"],
                   _responsible(r), deadline_text(r["deadline"]), _source_text(r),
                   STATUSES.get(r["status"], r["status"]), r["remarks"]]

    footer = (f"填报人：{led.options.filler}", f"审核人：{reviewer}",
              f"联系电话：{led.options.phone}")
    return Form(code, COMMON_TITLE if scope == "common" else INDIVIDUAL_TITLE,
                f"{_UNIT_LINE}{led.unit}", f"{_DATE_LABEL}{date_line(led.options.fill_date)}",
                columns, rows(), len(ids), footer=footer, signatures=tuple(revision_lines),
                file_stem=_stem(led, code))


def _issuer(session: Session, campaign: dict[str, Any] | None, unit_id: int | None) -> str:
    """Who asks for the clues: the campaign's issuing office, else the unit above ours."""
    if campaign and campaign.get("issuer"):
        return str(campaign["issuer"])
    row = session.store.conn.execute(
        "SELECT p.name FROM units u JOIN units p ON p.id = u.parent_id WHERE u.id = ?",
        (unit_id,)).fetchone()
    return row[0] if row else ""


def _stem(led: _Ledger, code: str) -> str:
    return file_stem(led.unit, FORMS[code], led.options.fill_date.isoformat())


@operation("problem.read")
def ledger_form(session: Session, code: str, flt: LedgerFilter,
                options: FormOptions = DEFAULT_OPTIONS, *, sort: str = "seq_no",
                descending: bool = False) -> Form:
    """The ledger form ``code`` (one of :data:`LEDGER_FORMS`) over the problems ``flt`` shows,
    sorted as the ledger sorts them (``sort``: a key of ``models.ledger_query.SORT_KEYS``).

    The unit in the header is the session's; the campaign (title year, categories of the 注,
    the signed revisions) is ``flt.campaign_id``, which the 回头看
    ledger requires (ValidationError otherwise). The rows are a generator: read them once, on
    the thread that built the form. ``row_count`` is exact.
    """
    if code not in LEDGER_FORMS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "没有这种台账表格：{code}。"), code=code)
    options = _options(options)
    campaign = _campaign(session, flt.campaign_id)
    if code == "lookback" and campaign is None:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "“回头看”清查评估台账是一个专项行动的台账：请先选定专项行动，再导出。"))
    unit_id = _unit_id(session)
    ids = ledger_query.problem_ids(session, flt, sort, descending)
    whole = campaign is not None and flt._replace(campaign_id=None) == LedgerFilter()
    led = _Ledger(ids, unit_id, _unit_name(session, unit_id), campaign, options, whole)
    if code == "problem_list":
        return _problem_list(session, led)
    if code == "lookback":
        return _lookback(session, led)
    return _scoped(session, led, code)


# --- self-check and case-file review --------------------------------------------------------------

@operation("selfcheck.read")
def selfcheck_form(session: Session, selfcheck_id: int,
                   options: FormOptions = DEFAULT_OPTIONS) -> Form:
    """The result of self-check ``selfcheck_id``: every item of its list version with the answer
    (符合 / 不符合 / 不适用, 未答 when not answered), the note, what was looked at and the 序号 of
    the ledger problem it hung; the totals, 自查人 (who started it) and 负责人 (blank, signed by
    hand) below."""
    from . import selfcheck
    options = _options(options)
    sc = selfcheck.get_selfcheck(session, selfcheck_id)
    summary = selfcheck.selfcheck_summary(session, selfcheck_id)
    unit = _unit_name(session, sc["unit_id"])
    starter = _account_name(session, sc["account_id"])
    columns = _columns((("编号", 8, "center"), ("检查内容", 40, "left"),
                        ("结果", 10, "center"), ("说明", 30, "left"), ("查阅资料", 22, "left"),
                        ("台账问题序号", 10, "center")))
    rows = [[i["code"], i["text"], selfcheck.ANSWERS.get(i["answer"] or "", "未答"),
             i["note"] or "", i["evidence"] or "", i["problem_seq_no"]]
            for s in sc["sections"] for i in s["items"]]
    counts = summary["by_answer"]
    totals = (f"合计：{summary['total']} 项，符合 {counts['conform']} 项，"
              f"不符合 {counts['nonconform']} 项，不适用 {counts['na']} 项，"
              f"未答 {counts['unanswered']} 项")
    footer = (totals, f"自查人：{starter}", "负责人：")
    notes = [f"自查清单：《{sc['template_name']}》{sc['template_version']}"]
    if sc["status"] != "completed":
        notes.append("本次自查尚未完成。")
    return Form("selfcheck", f"{sc['campaign_title']}{SELFCHECK_TITLE}",
                f"自查单位（盖章）：{unit}",
                f"{_DATE_LABEL}{date_line(options.fill_date)}",   # 自查人 is in the footer
                columns, rows, len(rows), footer=footer, notes=tuple(notes),
                file_stem=file_stem(unit, FORMS["selfcheck"], options.fill_date.isoformat()))


@operation("casefile.read")
def casereview_form(session: Session, review_id: int,
                    options: FormOptions = DEFAULT_OPTIONS) -> Form:
    """The score sheet of review ``review_id``: the veto items first, then every scored item by
    stage with its points, the points deducted and the reviewer's note; 得分, 等级, 评查人 (复核人
    for a 复核) and 评查日期 (the day it was submitted, else the fill date) below."""
    from . import casereviews, scoring
    options = _options(options)
    review = casereviews.get_review(session, review_id)
    case = review["case_file"]
    columns = _columns((("编号", 8, "center"), ("阶段", 12, "center"), ("评查项目", 44, "left"),
                        ("分值", 8, "center"), ("扣分", 8, "center"), ("说明", 32, "left")))
    vetoes: list[list[Any]] = []
    scored: list[list[Any]] = []
    for section in review["sections"]:
        for item in section["items"]:
            note = item["note"] or ""
            if item["veto"]:
                vetoes.append([item["code"], "否决项", item["text"], "否决",
                               "否决" if item["count"] else None, note])
                continue
            if item["count"] and item["count"] > 1:
                note = f"{note}（{item['count']} 处）"
            scored.append([item["code"], section["name"], item["text"], _num(item["points"]),
                           _num(item["deducted"]), note])
    rows = vetoes + scored
    reviewer = _account_name(session, review["reviewer_id"])
    recheck = review["round"] == 2
    day = _local_day(review["submitted_at"]) or options.fill_date
    score = "" if review["score"] is None else f"{_num(review['score'])}"
    footer = [f"得分：{score}（满分 {_num(review['max_score'])}）",
              f"等级：{scoring.GRADES.get(review['grade'] or '', '')}",
              f"{'复核人' if recheck else '评查人'}：{reviewer}",
              f"评查日期：{date_line(day)}"]
    if recheck:
        footer.append("复核：本表为复核评查，复核结论为最终结论。")
    tpl = session.store.conn.execute("SELECT name, version FROM templates WHERE id = ?",
                                     (review["template_id"],)).fetchone()
    notes = [f"评查标准：《{tpl[0]}》{tpl[1]}"] if tpl else []
    if review["note"]:
        notes.append(f"评查意见：{review['note']}")
    if review["status"] != "submitted":
        notes.append("本评查尚未提交，得分为暂计。")
    return Form("casereview", CASEREVIEW_TITLE,
                f"案卷编号：{case['case_no']}　　案由：{case['cause']}",
                f"当事人：{case['party']}", columns, rows, len(rows), footer=tuple(footer),
                notes=tuple(notes), landscape=False,
                file_stem=file_stem(case["case_no"], FORMS["casereview"]))

"""执法监督意见书及整改情况答复 as a printable form (xlsx and PDF), at both ends.

One form per letter (code ``letter``): a two-column table (项目 | 内容) with the letter as the
office issued it (下发单位, 专项行动, 签发日期, 整改期限, 存在的问题 numbered, 整改要求) and the
unit's answer (整改情况, 印证资料 with each file's size and SHA-256, 答复状态, overdue or not);
受文单位 and 编号 in the header block; the 单位负责人签发 signature in the signature block with its
status as judged where the form is made. A4 portrait.

* at the unit: :func:`letter_form` (a received letter, its answer and signature judged here);
* at the office: :func:`office_letter_form` (an issued letter, the answer the unit sent,
  judged at the office: models.office_letters);
* in packages (material ``letters`` with ``forms``): :func:`package_forms` gives one form per
  received letter whose answer is signed (signed within the package's period when it has one),
  named ``执法监督意见书答复-<number>``.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from .evidence import format_size
from .form_data import (
    DEFAULT_OPTIONS,
    FormOptions,
    _options,
    date_line,
    deadline_text,
    file_stem,
    local_minute,
)
from .form_stats import contact_footer
from .forms import Column, Form, SignatureLine
from .letters import MEANING, get_letter
from .permissions import operation
from .session import Session

TITLE = "执法监督意见书及整改情况答复"
FORM_CODE = "letter"
#: File name (without extension) of a letter's form in a package, before the number.
PACKAGE_PREFIX = "执法监督意见书答复"

_STATE_TEXT = {"none": "未答复", "draft": "已起草，尚未签发", "signed": "已签发"}
_SIGNATURE_TEXT = {"valid": "签名有效", "stale": "签发后答复又有改动", "invalid": "签名无效",
                   "unsigned": "未签名"}
_NOTE = ("“整改情况”和“印证资料”由受文单位填写，经单位负责人用个人签名密钥电子签名签发；"
         "签名覆盖意见书编号、整改情况和每个印证资料的 SHA-256。")


def _problems_text(problems: list[str]) -> str:
    return "\n".join(f"{n}. {p}" for n, p in enumerate(problems, 1))


def _files_text(files: list[dict[str, Any]], office: bool) -> str:
    if not files:
        return "无"
    lines = []
    for n, f in enumerate(files, 1):
        line = (f"{n}. {f['original_name']}（{format_size(int(f['size'] or 0))}，"
                f"SHA-256 {str(f['sha256'])[:16]}…）")
        if office and not f.get("present"):
            line += "（文件未收到）"
        lines.append(line)
    return "\n".join(lines)


def _form(letter: dict[str, Any], answer: dict[str, Any] | None, state: str,
          signature: dict[str, Any], overdue: bool, options: FormOptions, *,
          office: bool) -> Form:
    """The form of one letter (see the module doc); ``signature`` is the newest signature as
    :func:`models.letters.judge` gives it, with ``fingerprint``."""
    options = _options(options)
    issued = local_minute(letter.get("issued_at"))[:10]
    rows: list[list[Any]] = [["下发单位", letter["issuer_name"]]]
    if letter.get("campaign"):
        rows.append(["所属专项行动", letter["campaign"]])
    rows += [["签发日期", issued or "—"],
             ["整改期限", deadline_text(letter.get("deadline")) or "未设定"],
             ["存在的问题", _problems_text(letter["problems"])]]
    if letter.get("requirements"):
        rows.append(["整改要求", letter["requirements"]])
    rows.append(["整改情况", (answer or {}).get("measures") or "（未答复）"])
    rows.append(["印证资料", _files_text((answer or {}).get("files") or [], office)])
    status = _STATE_TEXT[state]
    if state == "signed" or signature["status"] != "unsigned":
        status += f"；{_SIGNATURE_TEXT.get(signature['status'], signature['status'])}"
    if overdue:
        status += "；已逾期"
    rows.append(["答复状态", status])
    signed = signature["status"] != "unsigned"
    footer = (f"单位负责人（签发）：{signature['signer'] if signed else ''}",
              f"签发时间：{local_minute(signature['signed_at']) if signed else ''}",
              *contact_footer(options))
    sigs = [SignatureLine(MEANING, signature["signer"], "负责人",
                          local_minute(signature["signed_at"]), signature.get("fingerprint", ""),
                          signature["status"], "整改情况答复")] if signed else []
    columns = (Column("项目", 24, "center"), Column("内容", 66, "left"))
    return Form(FORM_CODE, TITLE, f"受文单位：{letter['unit_name']}",
                f"编号：{letter['number']}", columns, rows, len(rows), footer=footer,
                notes=(_NOTE, f"制表日期：{date_line(options.fill_date or date.today())}"),
                signatures=sigs, landscape=False,
                file_stem=file_stem(PACKAGE_PREFIX, letter["number"]))


@operation("problem.read")
def letter_form(session: Session, letter_id: int,
                options: FormOptions = DEFAULT_OPTIONS) -> Form:
    """The form of received letter ``letter_id`` with its answer and signature as judged here."""
    data = get_letter(session, letter_id)
    return _form(data, data["answer"], data["state"], data["signature"], data["overdue"],
                 options, office=False)


@operation("office.read")
def office_letter_form(session: Session, letter_id: int,
                       options: FormOptions = DEFAULT_OPTIONS) -> Form:
    """The form of issued letter ``letter_id`` with the answer its unit sent, as judged at the
    office (models.office_letters)."""
    from .office_letters import office_letter
    data = office_letter(session, letter_id)
    answer = data["answer"]
    signature = answer["signature"] if answer else {"status": "unsigned", "signer": "",
                                                     "signed_at": "", "fingerprint": ""}
    return _form(data, answer, data["state"], signature, data["overdue"], options, office=True)


def package_forms(session: Session, campaign_id: int | None,
                  period: tuple[date, date] | None) -> list[tuple[str, Callable[[], Form]]]:
    """The forms a package with the ``letters`` material carries (see the module doc), for
    models.package_contents.PACKAGE_FORM_BUILDERS; ``campaign_id`` does not narrow them (a
    letter names its campaign in words)."""
    from .package_contents import safe_name
    sql = ("SELECT l.id, l.number FROM supervision_letters l JOIN letter_answers a"
           " ON a.letter_id = l.id WHERE l.side = 'received' AND a.status = 'signed'")
    params: list[Any] = []
    if period is not None:
        sql += " AND substr(a.signed_at, 1, 10) BETWEEN ? AND ?"
        params += [period[0].isoformat(), period[1].isoformat()]
    out: list[tuple[str, Callable[[], Form]]] = []
    used: set[str] = set()
    for lid, number in session.store.conn.execute(sql + " ORDER BY l.id", params).fetchall():
        name = safe_name(f"{PACKAGE_PREFIX}-{number}")
        if name in used:
            name = safe_name(f"{PACKAGE_PREFIX}-{number}-{lid}")
        used.add(name)
        out.append((name, lambda lid=lid: letter_form(session, int(lid))))
    return out


"""An official form filled with data, ready to be written as xlsx or PDF.

A :class:`Form` is what the two writers (``models.xlsx_export`` and ``models.pdf_export``) take:
the title, the header block (unit, date), the columns, the rows (streamed: an iterable of cell
values, so 100,000 rows never sit in memory), the footer block (填报人, 审核人, 联系人 …), notes,
and the signatures that vouch for the content. The builders in ``models.form_data`` make one per
official form of the seeds; the forms of later issues (资料报送统计表, 案件办理情况统计表) are built
from plain rows.

The content digest
    Both writers feed what they write into a :class:`ContentDigest` and print its SHA-256 on the
    document (after the footer in xlsx; in the PDF's signature block, as text and as a QR code).
    It covers the form's code, title, header block, column headers, every row, the footer, the
    notes and the signature block, each as canonical JSON (see :meth:`ContentDigest.add`), not the
    file's bytes: the xlsx and the PDF
    of the same data carry the same digest, so a printed page can be matched to its digital
    original whatever format that is.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

DIGEST_FORMAT = "fieldledger-form/2"

#: progress(done_rows, total_rows or 0) — called by the writers now and then.
Progress = Callable[[int, int], None]
#: cancelled() -> True when the user asked to stop; the writer then raises ExportCancelled.
Cancelled = Callable[[], bool]


class Column(NamedTuple):
    """One column of a form's table."""

    header: str                 # as printed on the form
    width: float                # in Excel character units; the PDF scales the widths to the page
    align: str = "left"         # "left", "center" or "right"
    group: str = ""             # an upper header spanning consecutive columns with the same group
                                # (案件数 over 实际案件数 and 测试案件数); "" = a single header cell


class SignatureLine(NamedTuple):
    """One signature shown in a form's signature block (PDF) and below the table (xlsx)."""

    meaning: str                # 责任人确认, 审核, 单位盖章 (the meanings of models.signing)
    name: str                   # who signed (for a seal: the chief who applied it)
    role: str                   # his role, as shown (执法队员, 法制审核, 负责人)
    signed_at: str              # local time, "YYYY-MM-DD HH:MM"
    fingerprint: str            # the key's fingerprint, XXXX-XXXX-XXXX-XXXX
    status: str                 # "valid", "stale" or "invalid" (models.signing statuses)
    subject: str = ""           # what it covers when not the whole form ("第 1 版台账", "序号 3")


class Form(NamedTuple):
    """An official form with its data. ``rows`` may be a generator: a writer reads it once."""

    code: str                   # which form: see models.form_data.FORMS
    title: str                  # the title row, year and campaign already filled in
    header_left: str            # e.g. "填报单位（盖章）：玛沁县大武超限检测站"
    header_right: str           # e.g. "填报时间：2024 年 6 月 30 日"
    columns: tuple[Column, ...]
    rows: Iterable[Sequence[Any]]   # cell values (str, int, float or None), one per column
    row_count: int | None       # for progress; None when not known in advance
    footer: tuple[str, ...] = ()    # lines below the table, e.g. ("审核人：马文斌", "联系人：")
    # notes and signatures may be lists that the row generator completes as it runs (a ledger's
    # 责任人签字 are worked out block by block): read them only after the rows
    notes: Sequence[str] = ()       # 注 / 说明 lines, below the footer
    signatures: Sequence[SignatureLine] = ()
    file_stem: str = ""         # a suggested file name, without extension
    landscape: bool = True      # A4 landscape (every official ledger is)


class ExportResult(NamedTuple):
    path: str
    rows: int
    sha256: str                 # the content digest printed on the document


class ExportCancelled(Exception):
    """The user cancelled an export; the writer removed its partial file."""


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str).encode("utf-8")


class ContentDigest:
    """SHA-256 over a form's content as it is written (see the module doc).

    Fed in this order: :meth:`start` with the form (code, title, header block, column headers),
    :meth:`add` once per row, :meth:`finish` with the footer, notes and signatures (after the
    rows: see :class:`Form`); each part is one line of canonical
    JSON (UTF-8, sorted keys, no whitespace), values as written (numbers as numbers, None as
    null). ``hexdigest()`` after :meth:`finish`.
    """

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.rows = 0

    def _line(self, value: Any) -> None:
        self._hash.update(_canonical(value) + b"\n")

    def start(self, form: Form) -> None:
        self._line({"format": DIGEST_FORMAT, "code": form.code, "title": form.title,
                    "header": [form.header_left, form.header_right],
                    "columns": [[c.group, c.header] for c in form.columns]})

    def add(self, row: Sequence[Any]) -> None:
        self._line(list(row))
        self.rows += 1

    def finish(self, form: Form) -> str:
        self._line({"footer": list(form.footer), "notes": list(form.notes), "rows": self.rows,
                    "signatures": [list(sig) for sig in form.signatures]})
        return self._hash.hexdigest()


def digest_of(form: Form) -> str:
    """The content digest of ``form`` (consumes its rows)."""
    digest = ContentDigest()
    digest.start(form)
    for row in form.rows:
        digest.add(row)
    return digest.finish(form)


def cell_text(value: Any) -> str:
    """How a cell value is printed in a PDF cell (xlsx keeps numbers as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float):
        # as the xlsx shows it: every digit, never an exponent (1234567.5, not 1.23457e+06)
        if value.is_integer():
            return str(int(value))
        from decimal import Decimal
        return format(Decimal(repr(value)), "f")
    return str(value)

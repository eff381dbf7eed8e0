"""Reading spreadsheets a user brings (ledgers, templates, case-file lists): the checks before
opening (size, .xls and encrypted files), openpyxl in normal mode (read-only mode knows no merged
cells), cell values as text, merged ranges, and the Chinese errors for a file that cannot be read.
"""
from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import FieldLedgerError
from .i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

#: Files larger than this are refused before they are opened (a ledger of 10,000 rows is ~1 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024


class ImportFileError(FieldLedgerError):
    """The file cannot be read as a workbook of the expected form; nothing was stored."""


class NotAWorkbook(ImportFileError):
    template = QT_TRANSLATE_NOOP(
        "errors", "无法读取文件：{name}\n它不是有效的 Excel 工作簿（.xlsx），或文件已损坏。"
        "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。")


class OldFormat(ImportFileError):
    template = QT_TRANSLATE_NOOP(
        "errors", "“{name}”是旧版 .xls 格式，或设置了打开密码。\n请在 Excel 或 WPS 中打开它，"
        "另存为“Excel 工作簿（.xlsx）”（不设密码）后再导入。")


class FileTooLarge(ImportFileError):
    template = QT_TRANSLATE_NOOP(
        "errors", "文件太大（{size} MB，最多 {limit} MB）：{name}\n请只保留需要导入的工作表后再导入。")


class FileReadError(ImportFileError):
    template = QT_TRANSLATE_NOOP("errors", "无法读取文件：{name}\n原因：{reason}\n请确认文件没有被其他程序占用，"
                                 "U 盘已插好。")


def cell_text(value: Any) -> str:
    """A cell's value as the user sees it: dates ISO, whole floats without .0, text stripped."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def open_workbook(path: Path) -> Any:
    """The workbook at ``path`` (values, not formulas), or an :class:`ImportFileError`."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            magic = fh.read(8)
    except OSError as exc:
        raise FileReadError(name=name, reason=exc.strerror or str(exc)) from None
    if size > MAX_FILE_BYTES:
        raise FileTooLarge(name=name, size=round(size / 1048576, 1),
                           limit=MAX_FILE_BYTES // 1048576)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: .xls, or an encrypted .xlsx
        raise OldFormat(name=name)
    if not magic.startswith(b"PK"):
        raise NotAWorkbook(name=name)
    import warnings

    from openpyxl import load_workbook
    try:
        with warnings.catch_warnings():  # "unknown extension", "no default style": harmless
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=True)
    except OSError as exc:
        raise FileReadError(name=name, reason=exc.strerror or str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        log.info("cannot read %s as xlsx: %r", path, exc)
        raise NotAWorkbook(name=name) from None


def merged_fill(ws: Any) -> dict[tuple[int, int], tuple[Any, int]]:
    """(row, col) of every covered cell of a merged range -> (value, width of the range). The
    value of its top-left cell fills the range's first column on every row (a vertical merge);
    the other columns are empty (a horizontal merge is read into its first column only)."""
    out: dict[tuple[int, int], tuple[Any, int]] = {}
    for rng in ws.merged_cells.ranges:
        value = ws.cell(rng.min_row, rng.min_col).value
        width = rng.max_col - rng.min_col + 1
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                out[(r, c)] = (value if c == rng.min_col else None, width)
    return out


def read_bytes(path: Path) -> bytes:
    """The file's bytes (for its hash), refusing one over :data:`MAX_FILE_BYTES`."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileTooLarge(name=path.name, size=round(size / 1048576, 1),
                               limit=MAX_FILE_BYTES // 1048576)
        return path.read_bytes()
    except OSError as exc:
        raise FileReadError(name=path.name, reason=exc.strerror or str(exc)) from None

"""A diagnostics file for support that holds no personal data (:func:`export_diagnostics`).

:func:`export_diagnostics` writes a zip for support. It holds exactly:

``README.txt``
    what the zip holds and what it never holds, when and by which version it was made, how many
    strings were replaced, and which logs were cut to their last :data:`MAX_LOG_BYTES`;
``about.txt``
    :func:`about_text` without names: versions, data folder, sizes, last backup, the unit's name
    and code, the installation id, the keys' use, fingerprint, state and date (never who holds
    them);
``system.txt``
    operating system and version, processor type, Python, locale and encodings, time zone, the
    free space of the data folder's disk, the installed versions of the packages of
    ``requirements.txt`` (:data:`PACKAGES`), a few display variables (:data:`ENVIRONMENT`), and
    ``extra`` (what the GUI adds: Qt and PySide6 versions, platform plugin, screen scale);
``database.txt``
    SQLite version, data version, page size and count, free pages, journal mode, file sizes,
    the result of ``PRAGMA integrity_check``, the audit-chain verification (its summary and the
    first findings: sequence numbers, table names and row ids only) and the row count of every
    table: counts, never contents;
``logs/fieldledger.log`` and its rotated siblings ``.1`` … ``.5``
    the log files, each at most its last :data:`MAX_LOG_BYTES`, read line by line and scrubbed
    (:class:`Scrubber`).

It never holds: the database or any copy of it, evidence files, backups, private keys or their
encrypted copies, passwords or password hashes, audit-log entries, the contents of any record
(problems, case files, leads, letters, briefs), the computer's name, environment variables other
than :data:`ENVIRONMENT`. Every text file of the zip (not only the logs) is scrubbed: the names,
account names (and login names typed), 执法证号 and phone numbers of the people the database knows
(its own and, at an office, those received from units), the parties and officers of case files,
the people and contacts of leads, the names on the units' keys, the operating-system user's name,
become ``<人员>``, ``<账号>``, ``<证号>``, ``<电话>``; patterns catch what the database does not
know: Chinese mobile and landline numbers (``<电话>``), 18-digit ID numbers (``<身份证号>``),
licence plates (``<车牌>``), e-mail addresses (``<邮箱>``); the user's home folder becomes ``~``
and other users' folder names ``<账号>``. Unit names and codes are kept: they name public
bodies, not persons, and support needs to know which unit calls. Scrubbing is best effort: a
name typed into a free text that appears in no list and matches no pattern stays.

The zip is written to a temporary file in the target folder and renamed when complete; a
``cancelled()`` that turns true (checked between steps, during the integrity check, the audit
verification and every few hundred log lines) removes it and raises
:class:`~models.errors.Cancelled`. ``progress(done, total)`` reports along the way.
"""
from __future__ import annotations

import os
import platform
import sqlite3
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from .errors import Cancelled
from .files import fsync_folder, remove_quietly, replace, temp_path, write_error
from .logs import log
from .migrations import LATEST_VERSION
from .paths import DataDir
from .store import Store, sqlite_errors
from .version import PRODUCT_NAME, __version__

from .diagnostics import file_size, about_info, about_text, format_size
from .scrub import Scrubber, scrubber_for

#: Each log file goes into the zip with at most its last this many bytes.
MAX_LOG_BYTES = 5 * 1024 * 1024
#: The distributions of requirements.txt whose installed versions system.txt lists
#: (tests/test_diagnostics.py keeps the two in step).
PACKAGES = ("pyside6-essentials", "pyside6-addons", "sqlite-utils", "openpyxl", "reportlab",
            "rl-accel", "platformdirs", "cryptography", "pyrage")
#: The only environment variables system.txt names (display and language settings).
ENVIRONMENT = ("LANG", "LC_ALL", "LANGUAGE", "QT_QPA_PLATFORM", "QT_SCALE_FACTOR",
               "QT_SCREEN_SCALE_FACTORS", "QT_AUTO_SCREEN_SCALE_FACTOR", "QT_FONT_DPI",
               "XDG_SESSION_TYPE", "WAYLAND_DISPLAY")
#: Lines between two checks of ``cancelled()`` while logs are copied.
CANCEL_EVERY = 500

Progress = Callable[[int, int], None]


class DiagnosticsReport(NamedTuple):
    """What :func:`export_diagnostics` wrote: the zip, its size, how many strings were replaced,
    the files in it, and the logs that were cut to their last :data:`MAX_LOG_BYTES`."""

    path: Path
    size: int
    redactions: int
    files: list[str]
    truncated: list[str]


def log_files(data_dir: DataDir) -> list[Path]:
    """The log file and its rotated siblings (``.1``, ``.2`` …) that exist, newest first."""
    main = data_dir.log_file
    found = [main] if main.is_file() else []
    try:
        rotated = [p for p in main.parent.iterdir()
                   if p.name.startswith(main.name + ".") and p.name[len(main.name) + 1:].isdigit()
                   and p.is_file()]
    except OSError:
        rotated = []
    return found + sorted(rotated, key=lambda p: int(p.name.rsplit(".", 1)[1]))


def system_text(data_dir: DataDir, extra: Mapping[str, str]) -> str:
    """system.txt: the machine and the software around the program (see the module doc)."""
    import locale
    import shutil
    import time
    from importlib import metadata
    lines = ["[系统]",
             f"操作系统：{platform.system()} {platform.release()}（{platform.version()}）",
             f"平台：{platform.platform()}",
             f"处理器架构：{platform.machine()}",
             f"Python：{sys.version.splitlines()[0]}（{platform.python_implementation()}，"
             f"{'打包版' if getattr(sys, 'frozen', False) else '源码运行'}）",
             f"Python 程序：{sys.executable}"]
    try:
        loc = locale.getlocale()
    except ValueError:
        loc = (None, None)
    offset = -(time.altzone if time.daylight and time.localtime().tm_isdst else time.timezone)
    lines += [f"区域设置：{loc[0] or '-'}，{loc[1] or '-'}",
              f"首选编码：{locale.getpreferredencoding(False)}，文件系统编码：{sys.getfilesystemencoding()}",
              f"时区：{'/'.join(time.tzname)}（UTC{offset / 3600:+.1f}）"]
    try:
        usage = shutil.disk_usage(data_dir.root)
        lines.append(f"数据文件夹所在磁盘：可用 {format_size(usage.free)}，"
                     f"共 {format_size(usage.total)}")
    except OSError as exc:
        lines.append(f"数据文件夹所在磁盘：无法读取（{exc.strerror or exc}）")
    lines += ["", "[程序包]"]
    for name in PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "未安装（或打包版中无记录）"
        lines.append(f"{name}：{version}")
    lines += ["", "[环境变量]"]
    lines += [f"{name}={os.environ[name]}" for name in ENVIRONMENT
              if name in os.environ] or ["（无）"]
    if extra:
        lines += ["", "[图形界面]"]
        lines += [f"{label}：{value}" for label, value in extra.items()]
    return "\n".join(lines) + "\n"


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def _integrity(conn: sqlite3.Connection, cancelled: Callable[[], bool] | None) -> list[str]:
    """``PRAGMA integrity_check`` (at most 50 lines), stopped when ``cancelled()`` turns true."""
    if cancelled is not None:
        conn.set_progress_handler(lambda: 1 if cancelled() else 0, 20_000)
    try:
        return [str(r[0]) for r in conn.execute("PRAGMA integrity_check(50)")]
    except sqlite3.OperationalError as exc:
        if cancelled is not None and cancelled() and "interrupt" in str(exc).lower():
            raise Cancelled() from exc
        raise
    finally:
        if cancelled is not None:
            conn.set_progress_handler(None, 0)


def database_text(store: Store, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> str:
    """database.txt: how the database is, in numbers and check results (never contents).
    ``progress`` goes from 0 to 100."""
    conn = store.conn
    report = progress or (lambda _d, _t: None)

    def pragma(name: str) -> Any:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]

    with sqlite_errors(store.path):
        wal = store.path.with_name(store.path.name + "-wal")
        lines = ["[数据库]",
                 f"SQLite：{sqlite3.sqlite_version}",
                 f"数据版本：{pragma('user_version')}（本程序支持到 {LATEST_VERSION}）",
                 f"文件大小：{file_size(store.path)} 字节；WAL：{file_size(wal)} 字节",
                 f"页大小：{pragma('page_size')}；页数：{pragma('page_count')}；"
                 f"空闲页：{pragma('freelist_count')}",
                 f"日志模式：{pragma('journal_mode')}；自动清理：{pragma('auto_vacuum')}；"
                 f"编码：{pragma('encoding')}；外键检查：{pragma('foreign_keys')}"]
        report(5, 100)
        _check(cancelled)
        result = _integrity(conn, cancelled)
        lines += ["", "[完整性检查 PRAGMA integrity_check]", *result]
        report(30, 100)
        _check(cancelled)
        verification = store.verify_audit(
            progress=lambda d, t: report(30 + (60 * d // t if t else 60), 100),
            cancelled=cancelled)
        if verification.cancelled:
            raise Cancelled()
        lines += ["", "[审计链校验]", verification.summary()]
        for problem in verification.problems[:20]:
            where = f"序号 {problem.seq}" if problem.seq is not None else "数据表"
            lines.append(f"  {where}：{problem.detail}")
        _check(cancelled)
        lines += ["", "[各表行数]"]
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                                      " ORDER BY name").fetchall():
            if (sql or "").upper().startswith("CREATE VIRTUAL TABLE"):
                lines.append(f"{name}：（全文索引，未计数）")
                continue
            count = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            lines.append(f"{name}：{count}")
        report(100, 100)
    return "\n".join(lines) + "\n"


def _cap_text() -> str:
    """:data:`MAX_LOG_BYTES` as people read it (5 MB)."""
    return format_size(MAX_LOG_BYTES)


def _readme(created: datetime, redactions: int, truncated: list[str], logs: list[str]) -> str:
    cut = "、".join(truncated) if truncated else "无"
    return "\n".join([
        f"{PRODUCT_NAME} 诊断信息（程序版本 {__version__}，生成于 {created:%Y-%m-%d %H:%M:%S}）",
        "",
        "本文件供技术支持排查问题，不含个人信息。其中有：",
        "  about.txt     版本、数据版本、数据文件夹、数据库和印证资料的大小、最近一次备份、本单位、"
        "密钥指纹（不含持有人姓名）",
        "  system.txt    操作系统、Python、区域设置、磁盘可用空间、程序包版本、图形界面信息",
        "  database.txt  数据库完整性检查、审计链校验结果、各表行数（只有数字，没有内容）",
        f"  logs/         日志文件（{len(logs)} 个），每个最多取最后 {_cap_text()}，已去除个人信息",
        "",
        f"被截断的日志：{cut}",
        f"已替换的个人信息：{redactions} 处（姓名、账号、执法证号、电话、身份证号、车牌、邮箱）。",
        "  记号：<人员>、<账号>、<证号>、<电话>、<身份证号>、<车牌>、<邮箱>；用户文件夹写作 ~。",
        "本单位名称和代码保留（单位不是个人）。",
        "",
        "其中从不包含：数据库或其副本、印证资料、备份、私钥及其加密副本、密码、审计记录的内容、"
        "任何台账记录的内容（问题、案卷、线索、意见书、简报）、计算机名、其他环境变量。",
        "去除个人信息依据数据库中登记的人员、账号、当事人和联系人，以及电话、身份证号、车牌的格式；"
        "自由文本中未登记且不符合这些格式的内容无法识别。",
    ]) + "\n"


def _copy_log(zf: Any, name: str, path: Path, scrubber: Scrubber,
              step: Callable[[int], None], cancelled: Callable[[], bool] | None) -> bool | None:
    """Copy the last :data:`MAX_LOG_BYTES` of ``path`` into the zip as ``name``, scrubbed line
    by line; True when the start was cut off, None when the file went away meanwhile (rotated)."""
    try:
        src = open(path, "rb")
    except FileNotFoundError:
        return None
    with src, zf.open(name, "w", force_zip64=True) as out:
        size = os.fstat(src.fileno()).st_size
        start = max(0, size - MAX_LOG_BYTES)
        if start:
            src.seek(start)
            step(len(src.readline()))   # the first line is cut: left out whole
        for n, raw in enumerate(src, 1):
            out.write(scrubber.scrub(raw.decode("utf-8", "replace")).encode("utf-8"))
            step(len(raw))
            if n % CANCEL_EVERY == 0:
                _check(cancelled)
    return start > 0


def export_diagnostics(store: Store, data_dir: DataDir, target_zip: str | os.PathLike[str], *,
                       extra: Mapping[str, str] | None = None,
                       backup_folders: Iterable[Path] = (),
                       progress: Progress | None = None,
                       cancelled: Callable[[], bool] | None = None) -> DiagnosticsReport:
    """Write the diagnostics zip ``target_zip`` (see the module doc for exactly what it holds
    and never holds). ``extra`` (label -> value) goes into system.txt and about.txt.

    Written to a temporary file beside the target and renamed when complete. Raises
    :class:`~models.errors.Cancelled` when ``cancelled()`` turns true (no file is left),
    ``DiskFull`` or ``FileWriteFailed`` when the folder cannot be written.
    """
    import zipfile

    target = Path(target_zip)
    report = progress or (lambda _d, _t: None)
    logs = log_files(data_dir)
    log_total = sum(min(file_size(p), MAX_LOG_BYTES) for p in logs)
    state = {"read": 0}

    def log_step(n: int) -> None:
        state["read"] += n
        report(100 + (min(100, 100 * state["read"] // log_total) if log_total else 100), 200)

    created = datetime.now()
    _check(cancelled)
    scrubber = scrubber_for(store)
    info = about_info(store, data_dir, backup_folders, extra=extra)
    tmp = temp_path(target)
    names: list[str] = []
    truncated: list[str] = []
    try:
        try:
            with zipfile.ZipFile(tmp, "x", compression=zipfile.ZIP_DEFLATED) as zf:
                def put(name: str, text: str) -> None:
                    zf.writestr(name, scrubber.scrub(text))
                    names.append(name)

                put("about.txt", about_text(info, names=False))
                put("system.txt", system_text(data_dir, info.extra))
                report(2, 200)
                put("database.txt", database_text(
                    store, lambda d, _t: report(2 + 98 * d // 100, 200), cancelled))
                for path in logs:
                    _check(cancelled)
                    name = f"logs/{path.name}"
                    cut = _copy_log(zf, name, path, scrubber, log_step, cancelled)
                    if cut is not None:
                        names.append(name)
                    if cut:
                        truncated.append(name)
                zf.writestr("README.txt", _readme(created, scrubber.count, truncated,
                                                  [n for n in names if n.startswith("logs/")]))
                names.append("README.txt")
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
        except OSError as exc:
            raise write_error(exc, target) from exc
        _check(cancelled)
        replace(tmp, target)
    finally:
        remove_quietly(tmp)
    fsync_folder(target.parent)
    report(200, 200)
    log.info("diagnostics written: %s (%d redactions)", target.name, scrubber.count)
    return DiagnosticsReport(target, file_size(target), scrubber.count, names, truncated)


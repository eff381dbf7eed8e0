"""The command line: one entry point (``main.py``) for the GUI and the headless subcommands.

Exit status: 0 success, 1 a check failed (e.g. a broken audit chain), 2 a user error (bad
arguments, unusable database), with the Chinese message on standard error.

This module holds the entry point (:func:`parse_args`, :func:`run`) and the commands ``gui``,
``init``, ``demo``, ``audit``, ``ledger``, ``export``, ``backup``, ``db`` and ``diagnostics``; the
``package`` and ``office`` command groups (their parsers and handlers) live in
:mod:`models.cli_package` and are registered here.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from . import audit
from .cli_letters import letters_command, letters_parser
from .cli_package import (campaign_id_of, office_command, office_parser, package_command,
                          package_parser)
from .errors import FieldLedgerError
from .logs import log, setup_logging
from .migrations import LATEST_VERSION
from .paths import DataDir
from .session import UNIT_LEVELS, is_set_up, setup_installation
from .store import open_store, sqlite_errors


def program_name() -> str:
    """How the program is called in usage lines: ``FieldLedger`` (or ``FieldLedger-cli``) when
    built, ``main.py`` from source."""
    return Path(sys.argv[0]).stem if getattr(sys, "frozen", False) else "main.py"


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="数据文件夹（默认：系统的用户数据文件夹）")
    parser = argparse.ArgumentParser(
        prog=program_name(), parents=[common],
        description="执法台账 FieldLedger：离线的执法监督与整改台账。不带子命令时启动图形界面。")
    parser.add_argument("--version", action="version", version=version_text())
    sub = parser.add_subparsers(dest="command", metavar="子命令")

    gui = sub.add_parser("gui", parents=[common], help="启动图形界面（默认）")
    gui.add_argument("--lang", choices=["zh_CN", "en"], help="界面语言")

    init = sub.add_parser("init", parents=[common], help="不经向导建立一个新的安装（本单位和第一个负责人账号）")
    init.add_argument("--unit-name", required=True, help="本单位名称")
    init.add_argument("--unit-code", required=True, help="本单位代码")
    init.add_argument("--unit-level", required=True, choices=sorted(UNIT_LEVELS),
                      help="层级：province 省级, city 市州, county 县区, station 站所")
    init.add_argument("--chief-name", required=True, help="负责人姓名")
    init.add_argument("--chief-title", default="", help="负责人职务")
    init.add_argument("--username", required=True, help="负责人的登录用户名")
    init.add_argument("--password-env", metavar="VAR",
                      help="从这个环境变量读取密码（不给则在终端提示输入）")

    sub.add_parser("demo", parents=[common], help="用示例数据（青海的单位层级和两个专项行动）建立一个演示安装")

    aud = sub.add_parser("audit", parents=[common], help="审计链：校验、查看末条记录")
    aud_sub = aud.add_subparsers(dest="audit_command", metavar="动作", required=True)
    aud_sub.add_parser("verify", parents=[common], help="校验审计链；被破坏时以非零状态退出并指出第一处断点")
    aud_sub.add_parser("head", parents=[common], help="以 JSON 输出审计链末条记录（序号和哈希）")
    log_p = aud_sub.add_parser("log", parents=[common], help="列出最近的审计记录")
    log_p.add_argument("--limit", type=int, default=20)

    ledger = sub.add_parser("ledger", parents=[common], help="问题台账：导入 Excel 台账、导出空白表格")
    led_sub = ledger.add_subparsers(dest="ledger_command", metavar="动作", required=True)
    imp = led_sub.add_parser("import", parents=[common],
                             help="导入专项整治问题清单或“回头看”清查评估台账（.xlsx）；先列出每行的检查结果")
    imp.add_argument("file", help="Excel 文件（.xlsx）")
    imp.add_argument("--campaign", required=True,
                     help="导入到哪个专项行动：文号（如 襄交〔2024〕127号）或编号；none 表示不属于专项行动")
    imp.add_argument("--username", required=True, help="以哪个账号导入")
    imp.add_argument("--password-env", metavar="VAR",
                     help="从这个环境变量读取密码（不给则在终端提示输入）")
    imp.add_argument("--default-category", metavar="类别",
                     help="无法识别问题类别的行归入这个类别（不给则这些行报错、不导入）")
    imp.add_argument("--dry-run", action="store_true", help="只检查并列出结果，不导入")
    blank = led_sub.add_parser("blank", parents=[common], help="保存通知附件格式的空白表格")
    blank.add_argument("layout", choices=["checklist", "review"],
                       help="checklist 专项整治问题清单，review “回头看”清查评估台账")
    blank.add_argument("file", help="保存到（.xlsx）")

    _export_parser(sub, common)
    package_parser(sub, common)
    office_parser(sub, common)
    letters_parser(sub, common)

    bk = sub.add_parser("backup", parents=[common],
                        help="备份：建立、检查数据库备份，从备份恢复（恢复前请关闭图形界面）")
    bk_sub = bk.add_subparsers(dest="backup_command", metavar="动作", required=True)
    bk_create = bk_sub.add_parser(
        "create", parents=[common],
        help="用 SQLite 在线备份建立一份经过检查的数据库备份（默认放在数据文件夹的 backups 中并轮换）")
    bk_create.add_argument("--to", metavar="FOLDER",
                           help="备份到这个文件夹（如移动硬盘），并把印证资料增量复制到其中的 evidence 文件夹")
    bk_check = bk_sub.add_parser("check", parents=[common],
                                 help="检查一个备份文件能否用来恢复；不能时以非零状态退出并说明原因")
    bk_check.add_argument("file", help="备份文件（.sqlite）")
    bk_restore = bk_sub.add_parser(
        "restore", parents=[common],
        help="用备份替换当前数据库（先检查备份；原数据库移到数据文件夹的 replaced 中）。必须先关闭所有执法台账窗口")
    bk_restore.add_argument("file", help="备份文件（.sqlite）")

    db = sub.add_parser("db", parents=[common], help="数据库：完整性检查、版本")
    db_sub = db.add_subparsers(dest="db_command", metavar="动作", required=True)
    db_sub.add_parser("check", parents=[common], help="运行 SQLite 完整性检查并报告数据版本")

    diag = sub.add_parser("diagnostics", parents=[common],
                          help="关于与诊断：显示版本、数据文件夹、密钥指纹；导出不含个人信息的诊断包供技术支持")
    diag_sub = diag.add_subparsers(dest="diagnostics_command", metavar="动作", required=True)
    diag_sub.add_parser("about", parents=[common],
                        help="显示版本、数据版本、数据文件夹、数据库和印证资料大小、最近一次备份、本单位和密钥指纹")
    diag_export = diag_sub.add_parser(
        "export", parents=[common],
        help="导出诊断信息（.zip：系统和数据库检查结果、去除个人信息的日志），供技术支持排查问题")
    diag_export.add_argument("file", help="保存到（.zip）")

    smoke = sub.add_parser(
        "smoke-test",
        help="自检：在临时文件夹中建立演示安装，启动图形界面，检查翻译、字体、模板、PDF 导出和审计链；"
             "全部通过时以 0 退出（检查安装或打包后的程序；不读写用户的数据和设置）")
    smoke.add_argument("--offscreen", action="store_true",
                       help="不显示窗口（没有显示器时自动如此）")
    smoke.add_argument("--screenshot", metavar="FILE", help="把主窗口保存为图片")
    smoke.add_argument("--report", metavar="FILE", help="同时把检查结果写入这个文件")
    smoke.add_argument("--keep", action="store_true", help="保留临时文件夹")
    return parser


#: The forms ``export`` writes (models.form_data.FORMS without the two statistics tables, which
#: the office writes with ``office stats``).
EXPORT_FORMS = ("problem_list", "lookback", "common", "individual", "clues", "selfcheck",
                "casereview")


def _export_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                   common: argparse.ArgumentParser) -> None:
    exp = sub.add_parser(
        "export", parents=[common],
        help="导出正式表格（Excel 或 PDF）：专项整治问题清单、“回头看”清查评估台账、整改工作台账（共性/个性）、"
             "线索征询表、自查自纠结果、案卷评查评分表")
    exp.add_argument("form", choices=EXPORT_FORMS,
                     help="problem_list 专项整治问题清单，lookback “回头看”清查评估台账，common / individual "
                          "整改工作台账（共性/个性），clues 线索征询表，selfcheck 自查自纠结果，"
                          "casereview 案卷评查评分表")
    exp.add_argument("--format", choices=["xlsx", "pdf"], required=True, help="文件格式")
    exp.add_argument("--out", required=True, metavar="FILE", help="保存到")
    exp.add_argument("--campaign", help="专项行动：文号或编号（“回头看”台账必须指定）")
    exp.add_argument("--status", action="append", metavar="状态",
                     help="只导出这些状态的问题（可多次给出）：open 待整改、in_progress 整改中、"
                          "rectified 已整改（待验收）、closed 已销号、rebound 反弹；也可写中文。"
                          "clues 线索征询表按线索状态：open 待办理、handling 办理中、closed 已办结")
    exp.add_argument("--selfcheck", type=int, metavar="ID", help="自查记录编号（selfcheck，默认最近一次）")
    exp.add_argument("--review", type=int, metavar="ID", help="评查记录编号（casereview，必须指定）")
    exp.add_argument("--date", metavar="YYYY-MM-DD", help="填报时间（默认今天）")
    exp.add_argument("--filler", default="", help="填报人")
    exp.add_argument("--contact", default="", help="联系人")
    exp.add_argument("--phone", default="", help="联系电话")
    exp.add_argument("--user", "--username", dest="username", required=True,
                     help="以哪个账号导出")
    exp.add_argument("--password-env", metavar="VAR",
                     help="从这个环境变量读取密码（不给则在终端提示输入）")


#: Sub-commands that need Qt: ``main.py`` runs them from ``ui`` (this module never imports Qt).
GUI_COMMANDS = ("smoke-test",)


def version_text() -> str:
    """What ``--version`` prints: ``执法台账 FieldLedger 0.9.0`` (from models/version.py)."""
    from .version import PRODUCT_NAME, __version__
    return f"{PRODUCT_NAME} {__version__}"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line; ``command`` is None when the GUI is to start."""
    words = list(sys.argv[1:] if argv is None else argv)
    explicit = bool(words) and words[0] == "gui"
    if explicit:
        words = words[1:]
    if not {"gui", "-h", "--help", "--version", *GUI_COMMANDS, *_COMMANDS} & set(words):
        # The GUI start (plain, or ``gui [--lang L]``): a small parser instead of building every
        # sub-command's, which costs 10-30 ms of start-up as the commands grow.
        gui = argparse.ArgumentParser(prog=program_name() + (" gui" if explicit else ""))
        gui.add_argument("--data-dir", metavar="DIR", default=None)
        if explicit:
            gui.add_argument("--lang", choices=["zh_CN", "en"], default=None)
        args = gui.parse_args(words)
        args.command = "gui" if explicit else None
        if not explicit:
            args.lang = None
        return args
    if explicit:
        words = ["gui", *words]
    args = build_parser().parse_args(words)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    return args


def run(args: argparse.Namespace) -> int:
    """Run a headless subcommand; return the exit status."""
    data_dir = DataDir.resolve(args.data_dir)
    setup_logging(data_dir.log_file if data_dir.root.exists() else None)
    try:
        return _COMMANDS[args.command](args, data_dir)
    except FieldLedgerError as exc:
        log.info("command %s: %r", args.command, exc, exc_info=True)
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception:  # a bug: traceback to the log, a pointer to it for the user
        setup_logging(data_dir.log_file)
        log.exception("unexpected error in command %s", args.command)
        print(f"内部错误，详细信息已写入日志：{data_dir.log_file}", file=sys.stderr)
        return 3


def _init(args: argparse.Namespace, data_dir: DataDir) -> int:
    store = open_store(data_dir)
    try:
        if args.password_env:
            password = os.environ.get(args.password_env, "")
        else:
            import getpass
            password = getpass.getpass("负责人账号的密码：")
        session = setup_installation(
            store, unit={"name": args.unit_name, "code": args.unit_code, "level": args.unit_level},
            chief={"name": args.chief_name, "title": args.chief_title},
            username=args.username, password=password)
        print(f"已建立：{args.unit_name}，账号 {session.username}（负责人、管理员），数据文件夹 {data_dir.root}")
        return 0
    finally:
        store.close()


def _demo(args: argparse.Namespace, data_dir: DataDir) -> int:
    from .demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo
    store = open_store(data_dir)
    try:
        if is_set_up(store):
            print(f"错误：{data_dir.root} 已有一个安装，演示数据只能建在空的数据文件夹里。", file=sys.stderr)
            return 2
        create_demo(store, progress=lambda msg: print(f"· {msg}"), with_signatures=True)
        names = "、".join(u for u, _r, _p in DEMO_ACCOUNTS) + "、admin"
        print(f"演示安装已建立：{data_dir.root}\n账号 {names}，密码均为 {DEMO_PASSWORD}")
        return 0
    finally:
        store.close()


def _audit(args: argparse.Namespace, data_dir: DataDir) -> int:
    store = open_store(data_dir, create=False)
    try:
        if args.audit_command == "head":
            seq, digest = audit.head(store.conn)
            print(json.dumps({"seq": seq, "hash": digest,
                              "installation_id": store.installation_id}, ensure_ascii=False))
            return 0
        if args.audit_command == "log":
            rows = store.query("SELECT seq, ts, actor, action, tbl, row_key FROM audit_log"
                               " ORDER BY seq DESC LIMIT ?", (args.limit,))
            for r in reversed(rows):
                print(f"{r['seq']:>8}  {r['ts'][:19]}  {r['actor']:<16} {r['action']:<12}"
                      f" {r['tbl']} {r['row_key'] or ''}")
            return 0
        report = store.verify_audit()
        print(report.summary())
        for problem in report.problems[1:20]:
            where = f"序号 {problem.seq}" if problem.seq is not None else "数据表"
            print(f"  {where}：{problem.detail}")
        if not report.ok:
            print(f"第一处断点：序号 {report.first_broken_seq}" if report.first_broken_seq
                  else "", file=sys.stderr)
        return 0 if report.ok else 1
    finally:
        store.close()


def _db(args: argparse.Namespace, data_dir: DataDir) -> int:
    store = open_store(data_dir, create=False)
    try:
        with sqlite_errors(store.path):
            result = [r[0] for r in store.conn.execute("PRAGMA integrity_check")]
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        print(f"数据版本 {version}（本程序支持到 {LATEST_VERSION}）；完整性检查：{'; '.join(result)}")
        return 0 if result == ["ok"] else 1
    finally:
        store.close()


def _backup(args: argparse.Namespace, data_dir: DataDir) -> int:
    """``backup create|check|restore``: the store is opened only to take a backup; a restore
    opens nothing (it needs the installation closed)."""
    from pathlib import Path

    from . import backup, restore
    from .errors import ValidationError
    if args.backup_command == "check":
        try:
            info = backup.check_backup(Path(args.file))
        except ValidationError as exc:
            print(f"备份不可用：{exc}", file=sys.stderr)
            return 1
        print(f"备份可用：{info.path}\n建立时间 {info.created}，{info.size} 字节，数据版本 "
              f"{info.user_version}（本程序支持到 {LATEST_VERSION}），审计链末条序号 {info.audit_seq}"
              f"，哈希 {info.audit_hash[:16]}…")
        return 0
    if args.backup_command == "restore":
        outcome = restore.restore_installation(data_dir, Path(args.file))
        print(f"已从备份恢复：{args.file}（审计链末条序号 {outcome.restored_seq}）")
        if outcome.replaced is not None:
            print(f"原数据库已移到：{outcome.replaced}")
        if outcome.evidence is not None:
            ev = outcome.evidence
            print(f"印证资料：从备份补回 {ev.copied} 个文件，已有 {ev.present} 个"
                  + (f"，{len(ev.skipped)} 个无法复制（见日志）" if ev.skipped else ""))
        if outcome.evidence_error is not None:
            print(f"注意：印证资料没有全部从备份补回：{outcome.evidence_error}", file=sys.stderr)
        restored = open_store(data_dir, create=False)
        try:
            restore.record_restore(restored, "restore", outcome)
        finally:
            restored.close()
        return 0
    store = open_store(data_dir, create=False)
    try:
        if args.to:
            from datetime import datetime
            folder = Path(args.to)
            info = backup.backup_database(store, folder / backup.backup_name(datetime.now()))
            copied = backup.backup_evidence(store, folder / "evidence")
            print(f"印证资料：新复制 {copied.copied} 个文件，已有 {copied.present} 个"
                  + (f"，{len(copied.skipped)} 个无法复制（见日志）" if copied.skipped else ""))
        else:
            info = backup.automatic_backup(store, reason="manual")
        print(f"已备份：{info.path}（{info.size} 字节，审计链末条序号 {info.audit_seq}）")
        return 0
    finally:
        store.close()


def _ledger(args: argparse.Namespace, data_dir: DataDir) -> int:
    from pathlib import Path

    from . import ledger_import, xlsx_forms
    if args.ledger_command == "blank":
        xlsx_forms.write_blank(Path(args.file), xlsx_forms.LAYOUTS[args.layout])
        print(f"已保存：{args.file}")
        return 0
    from .session import login
    store = open_store(data_dir, create=False)
    try:
        if args.password_env:
            password = os.environ.get(args.password_env, "")
        else:
            import getpass
            password = getpass.getpass(f"{args.username} 的密码：")
        session = login(store, args.username, password)
        campaign_id = campaign_id_of(store, args.campaign)
        preview = ledger_import.preview_file(session, args.file, campaign_id,
                                             default_category=args.default_category)
        labels = {"new": "将导入", "duplicate": "已在台账（跳过）", "error": "有错误（不导入）"}
        for note in preview.notes:
            print(f"提示：{note.text()}")
        for row in preview.rows:
            notes = "；".join(n.text() for n in row.notes)
            print(f"{row.sheet} 第 {row.row_no} 行  {labels[row.state]}  "
                  f"{row.values.get('issue', '')[:30]}{'  ' + notes if notes else ''}")
        new, dup, bad = (preview.count(s) for s in ("new", "duplicate", "error"))
        print(f"共 {len(preview.rows)} 行：将导入 {new} 行，已在台账中 {dup} 行，有错误 {bad} 行。")
        if args.dry_run or not new:
            print("未导入任何内容。" if args.dry_run else "没有需要导入的行。")
            return 1 if bad else 0
        changes = ledger_import.import_rows(session, preview)
        print(f"已导入 {len(changes.rows.get('problems', ()))} 个问题。")
        return 1 if bad else 0
    finally:
        store.close()


def _export(args: argparse.Namespace, data_dir: DataDir) -> int:
    from datetime import date

    from . import form_data, problems, validate
    from .errors import ValidationError
    from .i18n import QT_TRANSLATE_NOOP
    from .ledger_query import LedgerFilter
    from .session import login
    store = open_store(data_dir, create=False)
    try:
        if args.password_env:
            password = os.environ.get(args.password_env, "")
        else:
            import getpass
            password = getpass.getpass(f"{args.username} 的密码：")
        session = login(store, args.username, password)
        day = validate.iso_date(args.date, "日期")
        options = form_data.FormOptions(date.fromisoformat(day) if day else None,
                                        args.filler, args.contact, args.phone)
        if args.form == "selfcheck":
            sc = args.selfcheck or store.conn.execute("SELECT max(id) FROM selfchecks"
                                                      ).fetchone()[0]
            if sc is None:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "还没有自查记录可以导出。"))
            form = form_data.selfcheck_form(session, sc, options)
        elif args.form == "casereview":
            if args.review is None:
                raise ValidationError(QT_TRANSLATE_NOOP(
                    "errors", "请用 --review 指定要导出的评查记录编号。"))
            form = form_data.casereview_form(session, args.review, options)
        elif args.form == "clues":
            from . import form_leads, leads
            names = {label: code for code, label in leads.STATUSES.items()}
            wanted = tuple(names.get(s, s) for s in args.status or ())
            form = form_leads.clues_form(session, leads.LeadFilter(
                campaign_id=campaign_id_of(store, args.campaign) if args.campaign else None,
                status=wanted or None), options)
        else:
            labels = {label: code for code, label in problems.STATUSES.items()}
            statuses = tuple(labels.get(s, s) for s in args.status or ())
            flt = LedgerFilter(campaign_id=campaign_id_of(store, args.campaign)
                               if args.campaign else None, status=statuses or None)
            form = form_data.ledger_form(session, args.form, flt, options)
        if args.format == "pdf":
            from . import pdf_export as writer
        else:
            from . import xlsx_export as writer  # type: ignore[no-redef]
        out = args.out
        if not out.lower().endswith(f".{args.format}"):
            out += f".{args.format}"   # a PDF is never written under an .xlsx name
        result = writer.write_form(form, out)
        print(f"已导出：{result.path}")
        print(f"行数：{result.rows}")
        print(f"内容摘要（SHA-256）：{result.sha256}")
        return 0
    finally:
        store.close()


def _diagnostics(args: argparse.Namespace, data_dir: DataDir) -> int:
    """``diagnostics about|export FILE``: the About information, or the diagnostics zip."""
    from . import diagnostics, diagnostics_export
    store = open_store(data_dir, create=False)
    try:
        if args.diagnostics_command == "about":
            info = diagnostics.about_info(store, data_dir)
            print(diagnostics.about_text(info, names=True), end="")
            return 0
        out = args.file if args.file.lower().endswith(".zip") else args.file + ".zip"
        report = diagnostics_export.export_diagnostics(store, data_dir, out, extra={"界面": "命令行"})
        print(f"已导出诊断信息：{report.path}（{report.size} 字节）")
        print(f"已替换个人信息 {report.redactions} 处；其中不含个人信息，可交给技术支持。")
        if report.truncated:
            print(f"以下日志只取了最后 {diagnostics.format_size(diagnostics_export.MAX_LOG_BYTES)}："
                  + "、".join(report.truncated))
        return 0
    finally:
        store.close()


_COMMANDS = {"init": _init, "demo": _demo, "audit": _audit, "db": _db, "ledger": _ledger,
             "export": _export, "package": package_command, "office": office_command,
             "letters": letters_command, "backup": _backup, "diagnostics": _diagnostics}

"""The ``package`` and ``office`` command groups of the command line (:mod:`models.cli`).

:func:`package_parser` and :func:`office_parser` add the sub-parsers of ``main.py package …``
(submission packages: the station's export and outbox, the office's verify, import, receipt,
letter and instruct, the station's receipt-import, set-office and instructions-import) and
``main.py office stats materials|cases`` (the office's statistics); :func:`package_command` and
:func:`office_command` run them and return the exit status (0 success, 1 a package refused or a
check failed, 2 a user error raised as FieldLedgerError and reported by :func:`models.cli.run`).
The parsers are built without importing the package modules: each handler imports what it needs.
:func:`campaign_id_of` reads a campaign given by 文号 or id, for every command that takes one.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from .paths import DataDir
from .store import Store, open_store


#: The material codes of models.package_contents.MATERIALS (kept here: the parser is built
#: without importing the package modules).
_PACKAGE_MATERIALS = ("ledger", "selfchecks", "casereviews", "signatures", "audit", "forms")


def package_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                   common: argparse.ArgumentParser) -> None:
    """``package``: submission packages. One sub-parser for the station's actions (export,
    outbox) and the office's (verify, import, receipt): each adds its own action here."""
    pkg = sub.add_parser("package", parents=[common],
                         help="报送包：生成并写入 U 盘、查看待回执的报送包、校验")
    pkg_sub = pkg.add_subparsers(dest="package_command", metavar="动作", required=True)
    exp = pkg_sub.add_parser(
        "export", parents=[common],
        help="生成下一个报送包（默认包含上级机关回执确认以来的全部变化），写入 U 盘并读回校验")
    exp.add_argument("--out", required=True, metavar="DIR", help="写到哪个文件夹（U 盘）")
    exp.add_argument("--campaign", default="none",
                     help="专项行动：文号或编号；none（默认）表示本单位全部专项行动")
    exp.add_argument("--period", metavar="YYYY-MM-DD/YYYY-MM-DD", help="报送期间")
    exp.add_argument("--materials", default=",".join(_PACKAGE_MATERIALS),
                     help="报送材料，逗号分隔：ledger 问题台账，selfchecks 自查自纠，casereviews 案卷评查，"
                          "signatures 签名，audit 审计记录，forms 正式表格（默认全部）")
    exp.add_argument("--attach", action="append", metavar="材料名称=文件",
                     help="专项行动要求的材料所附的文件，如 “工作简报=简报第3期.pdf”（可多次给出）")
    exp.add_argument("--recipient", action="append", metavar="age1…",
                     help="上级机关的 age 加密公钥（可多次给出；不给则用设置中的公钥，都没有则不加密）")
    exp.add_argument("--user", "--username", dest="username", required=True,
                     help="以哪个账号生成（持有单位签章密钥的负责人）")
    exp.add_argument("--password-env", metavar="VAR",
                     help="从这个环境变量读取密码（即签章密钥口令；不给则在终端提示输入）")
    out = pkg_sub.add_parser("outbox", parents=[common], help="列出已生成的报送包及其回执状态")
    out.add_argument("--user", "--username", dest="username", required=True, help="以哪个账号查看")
    out.add_argument("--password-env", metavar="VAR",
                     help="从这个环境变量读取密码（不给则在终端提示输入）")
    ver = pkg_sub.add_parser(
        "verify", parents=[common],
        help="校验一个报送包（解密、签名、清单、每个文件）；不合格时以非零状态退出并说明原因")
    ver.add_argument("file", help="报送包文件")
    who = ver.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit-key", metavar="unit.pub", help="报送单位签章密钥的公钥文件（minisign .pub）")
    who.add_argument("--enrollment", metavar="FILE.json", help="报送单位签章密钥的登记文件")
    ver.add_argument("--identity", action="append", metavar="age-key.txt",
                     help="本机关的 age 解密密钥文件（报送包已加密时需要；可多次给出）")
    ver.add_argument("--stored-key", action="store_true",
                     help="使用本机保存的解密密钥（需 --username，以其登录密码解开）")
    ver.add_argument("--user", "--username", dest="username",
                     help="使用本机解密密钥时：持有它的负责人账号")
    ver.add_argument("--password-env", metavar="VAR",
                     help="从这个环境变量读取密码（不给则在终端提示输入）")
    imp = pkg_sub.add_parser(
        "import", parents=[common],
        help="上级机关导入下级单位的报送包：逐个校验并导入；不合格的移入隔离文件夹，有包被拒时以非零状态退出")
    imp.add_argument("files", nargs="+", metavar="FILE", help="报送包文件（可多个）")
    imp.add_argument("--user", "--username", dest="username", required=True,
                     help="以哪个账号导入（负责人或管理员）")
    imp.add_argument("--password-env", metavar="VAR",
                     help="从这个环境变量读取密码（不给则在终端提示输入）")
    imp.add_argument("--identity", action="append", metavar="age-key.txt",
                     help="本机关的 age 解密密钥文件（报送包已加密时需要；可多次给出）")
    imp.add_argument("--stored-key", action="store_true",
                     help="使用本机保存的解密密钥（以该账号的登录密码解开）")
    imp.add_argument("--dry-run", action="store_true", help="只校验并列出将导入的内容，不导入")
    _receipt_parsers(pkg_sub, common)
    _instruction_parsers(pkg_sub, common)


def _receipt_parsers(pkg_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                     common: argparse.ArgumentParser) -> None:
    """``package receipt`` (office), ``package receipt-import`` and ``package set-office``
    (station)."""
    rec = pkg_sub.add_parser("receipt", parents=[common],
                             help="上级机关为下级单位已导入的报送包出具签名回执，写入 U 盘")
    rec.add_argument("--unit", required=True, metavar="CODE", help="下级单位的单位代码")
    rec.add_argument("--out", required=True, metavar="DIR", help="写到哪个文件夹（U 盘）")
    rimp = pkg_sub.add_parser("receipt-import", parents=[common],
                              help="导入上级机关的回执：核验签名后把所列报送包标记为已送达")
    rimp.add_argument("file", help="回执文件（…-回执-….json）")
    seto = pkg_sub.add_parser("set-office", parents=[common],
                              help="登记上级单位：导入其单位签章密钥登记文件，用于核验回执")
    seto.add_argument("enrollment", metavar="ENROLLMENT.json", help="上级单位签章密钥的登记文件")
    for parser in (rec, rimp, seto):
        parser.add_argument("--user", "--username", dest="username", required=True,
                            help="以哪个账号操作（负责人）")
        parser.add_argument("--password-env", metavar="VAR",
                            help="从这个环境变量读取密码（即签章密钥口令；不给则在终端提示输入）")


def _instruction_parsers(pkg_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                         common: argparse.ArgumentParser) -> None:
    """``package letter`` and ``package instruct`` (office), ``package instructions-import``
    (station)."""
    let = pkg_sub.add_parser("letter", parents=[common],
                             help="上级机关登记一份发给下级单位的执法监督意见书（随下一次下发的指令送达）")
    let.add_argument("--unit", required=True, metavar="CODE", help="下级单位的单位代码")
    let.add_argument("--number", required=True, metavar="N", help="意见书编号，如 果交执法监〔2024〕3号")
    let.add_argument("--problem", action="append", required=True, metavar="TEXT",
                     help="存在的问题（每个问题给一次，可多次给出）")
    let.add_argument("--requirements", default="", metavar="T", help="整改要求")
    let.add_argument("--deadline", metavar="YYYY-MM-DD", help="整改期限（不给则不设期限）")
    let.add_argument("--campaign", default="", help="所属专项行动（文号或名称，可不填）")
    ins = pkg_sub.add_parser(
        "instruct", parents=[common],
        help="上级机关向下级单位下发指令：专项行动、模板和执法监督意见书，用单位签章密钥签名后写入 U 盘")
    ins.add_argument("--unit", required=True, metavar="CODE", help="下级单位的单位代码")
    ins.add_argument("--campaign", action="append", default=[], metavar="ID",
                     help="要下发的专项行动：文号或编号（可多次给出）")
    ins.add_argument("--template", action="append", default=[], type=int, metavar="ID",
                     help="要下发的模板版本编号（可多次给出）")
    ins.add_argument("--letter", action="append", default=[], type=int, metavar="ID",
                     help="要下发的执法监督意见书编号（package letter 给出的编号，可多次给出）")
    ins.add_argument("--out", required=True, metavar="DIR", help="写到哪个文件夹（U 盘）")
    imp = pkg_sub.add_parser(
        "instructions-import", parents=[common],
        help="导入上级来文：核验上级单位的签名后导入其中的专项行动、模板和执法监督意见书；不合格时以非零状态退出")
    imp.add_argument("file", help="上级来文文件（…-指令-….json）")
    imp.add_argument("--dry-run", action="store_true", help="只核验并列出内容，不导入")
    for parser in (let, ins, imp):
        parser.add_argument("--user", "--username", dest="username", required=True,
                            help="以哪个账号操作（负责人；下发指令须持有单位签章密钥）")
        parser.add_argument("--password-env", metavar="VAR",
                            help="从这个环境变量读取密码（即签章密钥口令；不给则在终端提示输入）")


def office_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                  common: argparse.ArgumentParser) -> None:
    """``office stats materials|cases``: the office's statistics over its units' packages."""
    office = sub.add_parser("office", parents=[common], help="上级机关：下级单位报送情况的统计")
    office_sub = office.add_subparsers(dest="office_command", metavar="动作", required=True)
    stats = office_sub.add_parser("stats", parents=[common],
                                  help="资料报送统计表、案件办理情况统计表（不给文件时以文本列出）")
    stats_sub = stats.add_subparsers(dest="stats_command", metavar="表格", required=True)
    mat = stats_sub.add_parser("materials", parents=[common],
                               help="资料报送统计表：各单位是否已报送专项行动要求的材料")
    mat.add_argument("--campaign", required=True, help="本机的专项行动：文号或编号")
    mat.add_argument("--as-of", metavar="YYYY-MM-DD", help="统计截至日期（默认今天）")
    cases = stats_sub.add_parser("cases", parents=[common],
                                 help="案件办理情况统计表：各单位结案日期在统计期间内的案件数和执法人员数")
    for parser, required in ((mat, False), (cases, True)):
        parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", required=required,
                            help="统计期间的开始日期" + ("" if required else "（与 --to 一起给出）"))
        parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", required=required,
                            help="统计期间的结束日期")
        parser.add_argument("--xlsx", metavar="FILE", help="另存为 Excel 文件")
        parser.add_argument("--pdf", metavar="FILE", help="另存为 PDF 文件")
        parser.add_argument("--user", "--username", dest="username", required=True,
                            help="以哪个账号查看")
        parser.add_argument("--password-env", metavar="VAR",
                            help="从这个环境变量读取密码（不给则在终端提示输入）")


def campaign_id_of(store: "Store", text: str) -> int | None:
    """A campaign given by 文号 or id on the command line (None for 'none')."""
    from .errors import NotFound
    if text.lower() == "none":
        return None
    row = store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ? OR CAST(id AS TEXT) = ?"
                             " ORDER BY doc_no = ? DESC LIMIT 1", (text, text, text)).fetchone()
    if row is None:
        raise NotFound(what="专项行动", key=text)
    return int(row[0])


def _password(args: argparse.Namespace) -> str:
    if args.password_env:
        return os.environ.get(args.password_env, "")
    import getpass
    return getpass.getpass(f"{args.username} 的密码：")


def _attachments(values: list[str]) -> dict[str, list[Any]]:
    """``--attach 名称=文件`` values as material name -> files; ValidationError without "="."""
    from pathlib import Path

    from .errors import ValidationError
    from .i18n import QT_TRANSLATE_NOOP
    out: dict[str, list[Path]] = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "“{value}”的写法不对，应为“材料名称=文件”，如“工作简报=简报第3期.pdf”。"),
                value=value)
        out.setdefault(name.strip(), []).append(Path(path.strip()))
    return out


def package_command(args: argparse.Namespace, data_dir: DataDir) -> int:
    """``package …``: runs ``package export`` and ``package outbox`` (the station's side) and
    hands every other action to its handler below."""
    if args.package_command == "verify":
        return _package_verify(args, data_dir)
    if args.package_command == "import":
        return _package_import(args, data_dir)
    if args.package_command in ("receipt", "receipt-import", "set-office"):
        return _package_receipt(args, data_dir)
    if args.package_command in ("letter", "instruct", "instructions-import"):
        return _package_instructions(args, data_dir)
    from datetime import date
    from pathlib import Path

    from . import package_out
    from .errors import ValidationError
    from .i18n import QT_TRANSLATE_NOOP
    from .session import login
    store = open_store(data_dir, create=False)
    try:
        password = _password(args)
        session = login(store, args.username, password)
        if args.package_command == "outbox":
            labels = {"written": "已写出，待回执", "delivered": "已收到回执"}
            rows = package_out.list_outbox(session)
            for r in rows:
                kept = "" if r["kept_present"] else "（本机副本缺失）"
                print(f"第 {r['seq']} 号  {r['created_at'][:19]}  {labels[r['status']]}  "
                      f"{'加密' if r['encrypted'] else '未加密'}  {r['size']} 字节  "
                      f"{r['file_name']}{kept}\n    SHA-256 {r['sha256']}")
            print(f"共 {len(rows)} 个报送包。")
            return 0
        period = None
        if args.period:
            try:
                start, _sep, end = args.period.partition("/")
                period = (date.fromisoformat(start), date.fromisoformat(end))
            except ValueError:
                bad = QT_TRANSLATE_NOOP(
                    "errors", "报送期间应写成 YYYY-MM-DD/YYYY-MM-DD，例如 2024-06-01/2024-06-30。")
                raise ValidationError(bad) from None
        result = package_out.export_package(
            session, Path(args.out), password, campaign_id=campaign_id_of(store, args.campaign),
            period=period, materials=[m.strip() for m in args.materials.split(",") if m.strip()],
            recipients=args.recipient, campaign_files=_attachments(args.attach or []))
        print(f"已写入并校验：{result.path}")
        print(f"报送包序号：{result.seq}（包含审计记录 {result.since_seq + 1}–{result.audit_head_seq}）")
        print(f"{'已为上级机关加密' if result.encrypted else '未加密（尚未设置上级机关的加密公钥）'}，"
              f"共 {result.files} 个文件，{result.size} 字节")
        print(f"SHA-256：{result.sha256}")
        print("可以安全拔出 U 盘。本机保留一份副本，收到回执前可随时再次写出。")
        return 0
    finally:
        store.close()


def _package_import(args: argparse.Namespace, data_dir: DataDir) -> int:
    """``package import``: each package checked, reported in Chinese and (unless ``--dry-run``)
    imported or quarantined; exit 1 when any package was refused."""
    from pathlib import Path

    from . import office_import
    from .session import login
    identities = [Path(f).read_text(encoding="utf-8") for f in args.identity or ()]
    store = open_store(data_dir, create=False)
    try:
        password = _password(args)
        session = login(store, args.username, password)
        if args.stored_key:
            from .office_keys import unlock_identities
            identities += unlock_identities(session, password)
        refused = 0
        for name in args.files:
            if args.dry_run:
                report = office_import.verify_and_preview(session, Path(name), identities)
                print("\n".join(report.lines()))
                refused += bool(report.problems)
                continue
            result = office_import.import_package(session, Path(name), identities)
            print("\n".join(result.report.lines()))
            if result.status == "imported":
                print(f"已导入：{result.report.unit_name} 第 {result.report.seq} 号报送包。")
            elif result.status == "quarantined":
                refused += 1
                print(f"已拒收并隔离：{result.quarantined_to or name}")
            print()
        if args.dry_run:
            print("（试运行：未导入任何内容。）")
        return 1 if refused else 0
    finally:
        store.close()


def _package_receipt(args: argparse.Namespace, data_dir: DataDir) -> int:
    """``package receipt`` / ``receipt-import`` / ``set-office``."""
    from pathlib import Path

    from . import receipts
    from .session import login
    store = open_store(data_dir, create=False)
    try:
        password = _password(args)
        session = login(store, args.username, password)
        if args.package_command == "receipt":
            path = receipts.write_receipt(session, args.unit, password, Path(args.out))
            print(f"已写出回执：{path}")
        elif args.package_command == "set-office":
            text = Path(args.enrollment).read_text(encoding="utf-8")
            reg = receipts.set_office(session, text)
            print(f"已登记上级单位：{reg.name}（{reg.code}）")
            print(f"签章密钥指纹：{reg.fingerprint}  请与上级单位当面核对。")
        else:
            before = {r["seq"] for r in receipts.package_out.list_outbox(session)
                      if r["status"] == "delivered"}
            receipts.import_receipt(session, Path(args.file))
            after = sorted(r["seq"] for r in receipts.package_out.list_outbox(session)
                           if r["status"] == "delivered")
            new = [seq for seq in after if seq not in before]
            if new:
                print("已核验回执，标记为已送达：" + "、".join(f"第 {n} 号" for n in new))
            else:
                print("已核验回执，所列报送包此前均已标记为已送达，没有变化。")
        return 0
    finally:
        store.close()


def _stored_identities(args: argparse.Namespace, data_dir: DataDir) -> list[str]:
    """``--stored-key``: the decryption keys the account ``--username`` holds in the data
    folder, opened with its login password (from ``--password-env`` or a prompt)."""
    from .errors import ValidationError
    from .i18n import QT_TRANSLATE_NOOP
    from .office_keys import unlock_identities
    from .session import login
    if not args.username:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "使用本机解密密钥（--stored-key）时须用 --username 指明持有它的负责人账号。"))
    store = open_store(data_dir, create=False)
    try:
        password = _password(args)
        return unlock_identities(login(store, args.username, password), password)
    finally:
        store.close()


def _package_instructions(args: argparse.Namespace, data_dir: DataDir) -> int:
    """``package letter`` / ``instruct`` / ``instructions-import``; a refused file exits 2
    with its Chinese reason (through :func:`run`)."""
    from pathlib import Path

    from . import instructions, office_instructions
    from .session import login
    store = open_store(data_dir, create=False)
    try:
        password = _password(args)
        session = login(store, args.username, password)
        if args.package_command == "letter":
            changes = office_instructions.issue_letter(
                session, unit_code=args.unit, number=args.number, problems=args.problem,
                requirements=args.requirements, deadline=args.deadline, campaign=args.campaign)
            letter_id = next(iter(changes.rows["supervision_letters"]))
            print(f"已登记执法监督意见书“{args.number.strip()}”（编号 {letter_id}），发往 {args.unit}。")
            print(f"用 package instruct --unit {args.unit} --letter {letter_id} --out DIR 下发。")
        elif args.package_command == "instruct":
            written = office_instructions.write_instructions(
                session, args.unit, password, Path(args.out),
                campaign_ids=[campaign_id_of(store, c) for c in args.campaign],
                template_ids=args.template, letter_ids=args.letter)
            print(f"已写出第 {written.seq} 号指令：{written.path}")
            print(f"专项行动 {written.campaigns} 个，模板 {written.templates} 个，"
                  f"执法监督意见书 {written.letters} 份；{written.size} 字节，"
                  f"SHA-256 {written.sha256}")
        else:
            preview = instructions.read_instructions(session, Path(args.file))
            print("\n".join(preview.lines()))
            if args.dry_run:
                print("（试运行：未导入任何内容。）")
                return 0
            result = instructions.import_instructions(session, Path(args.file),
                                                      sha256=preview.sha256)
            if result.already:
                print("这份来文此前已导入，没有变化。")
            else:
                print(f"已导入：新增专项行动 {result.campaigns_added} 个，更新 "
                      f"{result.campaigns_updated} 个；新增模板 {result.templates_added} 个；"
                      f"收到执法监督意见书 {result.letters_added} 份。")
        return 0
    finally:
        store.close()


def _package_verify(args: argparse.Namespace, data_dir: DataDir) -> int:
    """``package verify``: exit 0 with a summary, 1 with the reason a package is refused."""
    import base64
    from pathlib import Path

    from . import minisign, package_format
    from .enrollment import EnrollmentInvalid, read_enrollment
    from .errors import ValidationError
    from .i18n import QT_TRANSLATE_NOOP

    def read_text(name: str) -> str:
        try:
            return Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "无法读取文件“{path}”：{reason}"),
                                  path=name, reason=getattr(exc, "strerror", None) or str(exc))

    unit_code = None
    if args.unit_key:
        try:
            public = minisign.parse_public_key(read_text(args.unit_key))
        except ValueError:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "“{path}”不是 minisign 公钥文件（.pub）。"), path=args.unit_key) from None
        raw = public.key.public_bytes_raw()
    else:
        document = read_enrollment(read_text(args.enrollment))
        if document["key"]["kind"] != "seal":
            raise EnrollmentInvalid(QT_TRANSLATE_NOOP(
                "errors", "这个登记文件登记的是个人签名密钥，报送包须用单位签章密钥校验。"))
        raw = base64.b64decode(document["key"]["public_key"])
        unit_code = document["unit"]["code"]

    def key_for(info: object) -> bytes:
        claimed = info.get("FieldLedger-Unit-Code")  # type: ignore[attr-defined]
        if unit_code is not None and claimed != unit_code:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "报送包自称来自单位 {claimed}，登记文件却是单位 {unit} 的密钥。"),
                claimed=claimed, unit=unit_code)
        return raw

    identities = [read_text(name) for name in args.identity or ()]
    if args.stored_key:
        identities += _stored_identities(args, data_dir)
    try:
        result = package_format.verify_package(Path(args.file), key_for=key_for,
                                               identities=identities)
    except package_format.PackageInvalid as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"错误：无法读取报送包“{args.file}”：{exc.strerror or exc}", file=sys.stderr)
        return 2
    info = result.info
    print(f"校验通过：{result.path}")
    print(f"单位：{info.get('Source-Organization', '')}（代码 {info.get('FieldLedger-Unit-Code')}）"
          f"  报送包序号：{info.get('FieldLedger-Sequence')}")
    print(f"上一个报送包：{info.get('FieldLedger-Previous-Package', '')}")
    print(f"专项行动：{info.get('FieldLedger-Campaign', '')}  期间：{info.get('FieldLedger-Period', '')}"
          f"  材料：{info.get('FieldLedger-Materials', '')}")
    print(f"审计链末条：{info.get('FieldLedger-Audit-Head', '')}  生成时间："
          f"{info.get('FieldLedger-Created', '')}")
    print(f"签章密钥：{info.get('FieldLedger-Signing-Key')}  {'已加密' if result.encrypted else '未加密'}"
          f"  共 {len(result.files)} 个文件")
    print(f"SHA-256：{result.sha256}")
    return 0


def office_command(args: argparse.Namespace, data_dir: DataDir) -> int:
    """``office stats materials|cases``: the table as text, or written to --xlsx / --pdf."""
    from datetime import date

    from . import office_stats, validate
    from .errors import NotFound, ValidationError
    from .i18n import QT_TRANSLATE_NOOP
    from .session import login

    def day(text: str | None) -> date | None:
        value = validate.iso_date(text, "日期")
        return date.fromisoformat(value) if value else None

    start, end = day(args.start), day(args.end)
    if (start is None) != (end is None):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "errors", "请同时给出 --from 和 --to（统计期间的开始和结束日期）。"))
    period = (start, end) if start and end else None
    store = open_store(data_dir, create=False)
    try:
        session = login(store, args.username, _password(args))
        if args.stats_command == "materials":
            campaign_id = campaign_id_of(store, args.campaign)
            if campaign_id is None:
                raise NotFound(what="专项行动", key=args.campaign)
            as_of = day(args.as_of) or date.today()
            table = office_stats.materials_table(session, campaign_id, period=period,
                                                 as_of=as_of)
            lines = office_stats.materials_lines(table)

            def form() -> object:
                return office_stats.materials_table_form(session, campaign_id, period=period,
                                                         as_of=as_of)
        else:
            assert period is not None
            lines = office_stats.cases_lines(office_stats.cases_table(session, period))

            def form() -> object:
                return office_stats.cases_table_form(session, period)
        if not (args.xlsx or args.pdf):
            print("\n".join(lines))
            return 0
        for fmt, out in (("xlsx", args.xlsx), ("pdf", args.pdf)):
            if not out:
                continue
            if fmt == "pdf":
                from . import pdf_export as writer
            else:
                from . import xlsx_export as writer  # type: ignore[no-redef]
            if not out.lower().endswith(f".{fmt}"):
                out += f".{fmt}"
            result = writer.write_form(form(), out)  # type: ignore[arg-type]
            print(f"已导出：{result.path}")
            print(f"行数：{result.rows}")
            print(f"内容摘要（SHA-256）：{result.sha256}")
        return 0
    finally:
        store.close()

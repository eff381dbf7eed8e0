"""``main.py letters list``: the 执法监督意见书 received here with the state of their answers,
and those this installation issued with the answers its units sent (models.letters,
models.office_letters), as lines of Chinese text.

Registered by :mod:`models.cli` (:func:`letters_parser`, :func:`letters_command`).
"""
from __future__ import annotations

import argparse
import os
from datetime import date

from .paths import DataDir
from .store import open_store

_ANSWER = {None: "未答复", "draft": "草稿（未签发）", "signed": "已签发"}
_VERIFIED = {"valid": "签名有效", "stale": "签名与内容不符", "invalid": "签名无效",
             "unsigned": "未签名"}


def letters_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                   common: argparse.ArgumentParser) -> None:
    let = sub.add_parser("letters", parents=[common], help="执法监督意见书：列出收到和下发的意见书及答复情况")
    let_sub = let.add_subparsers(dest="letters_command", metavar="动作", required=True)
    lst = let_sub.add_parser("list", parents=[common],
                             help="列出收到的意见书（答复状态、是否逾期）和本单位下发的意见书（下级答复及签名核验）")
    lst.add_argument("--username", required=True, help="以哪个账号查看")
    lst.add_argument("--password-env", metavar="VAR",
                     help="从这个环境变量读取密码（不给则在终端提示输入）")


def lines(session: object, today: date | None = None) -> list[str]:
    """What ``letters list`` prints."""
    from . import instructions, office_letters
    out: list[str] = []
    received = instructions.received_letters(session, today=today)  # type: ignore[arg-type]
    out.append(f"收到的执法监督意见书：{len(received)} 份")
    for r in received:
        state = _ANSWER.get(r["answer_status"], r["answer_status"])
        if r["answer_status"] == "signed" and r["answer_signed_at"]:
            state += f" {r['answer_signed_at'][:10]}"
        out.append(f"  {r['number']}  {r['issuer_name']}  整改期限 {r['deadline'] or '未设定'}"
                   f"  答复：{state}{'  已逾期' if r['overdue'] else ''}")
    issued = office_letters.letter_answers_at_office(session, today=today)  # type: ignore[arg-type]
    if issued:
        out.append(f"本单位下发的执法监督意见书：{len(issued)} 份")
    for r in issued:
        state = _ANSWER.get(None if r["state"] == "none" else r["state"], r["state"])
        if r["answer"] is not None and r["verified"] != "unsigned":
            state += f"（{_VERIFIED.get(r['verified'], r['verified'])}）"
        flag = "  已逾期" if r["overdue"] else ("  逾期答复" if r["late"] else "")
        out.append(f"  {r['number']}  {r['unit_name']}（{r['unit_code']}）  整改期限 "
                   f"{r['deadline'] or '未设定'}  答复：{state}{flag}")
    return out


def letters_command(args: argparse.Namespace, data_dir: DataDir) -> int:
    from .session import login
    store = open_store(data_dir, create=False)
    try:
        if args.password_env:
            password = os.environ.get(args.password_env, "")
        else:
            import getpass
            password = getpass.getpass(f"{args.username} 的密码：")
        session = login(store, args.username, password)
        print("\n".join(lines(session)))
        return 0
    finally:
        store.close()

"""The command line's ledger commands: a blank form, and an import with its row-by-row report.

``main.py`` runs as a user would run it, on a copy of the demo installation.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from openpyxl import load_workbook

from core_helpers import run_cli
from models.demo import DEMO_PASSWORD, XIANGYUAN_2024
from models.paths import DataDir
from models.store import open_store


def _fill(blank: Path, out: Path, rows: list[list[object]]) -> Path:
    """The blank 问题清单 with ``rows`` written over its numbered rows (as a clerk fills it in)."""
    wb = load_workbook(blank)
    ws = wb.active
    for i, row in enumerate(rows):
        for j, value in enumerate(row, 1):
            ws.cell(5 + i, j, value)
    wb.save(out)
    return out


def _problems(dd: DataDir) -> list[tuple[str, str, str | None]]:
    store = open_store(dd, create=False)
    try:
        return [tuple(r) for r in store.conn.execute(
            "SELECT p.category, p.issue, p.deadline FROM problems p JOIN campaigns c"
            " ON c.id = p.campaign_id WHERE c.doc_no = ? ORDER BY p.seq_no",
            (XIANGYUAN_2024["doc_no"],))]
    finally:
        store.close()


def test_blank_form_then_dry_run_then_import_then_again(demo_dir: DataDir, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blank = tmp_path / "空白.xlsx"
    result = run_cli("ledger", "blank", "checklist", str(blank))
    assert result.returncode == 0, result.stderr
    ws = load_workbook(blank).active
    assert ws["A1"].value == "交通运输领域突出问题专项整治问题清单"
    assert [c.value for c in ws[4]] == ["序号", "存在问题", "具体表现", "整改措施", "责任部门(人)",
                                        "整改时限", "备注"]
    filled = _fill(blank, tmp_path / "问题清单.xlsx", [
        [1, "野蛮执法问题", "强行登车检查，与驾驶员发生推搡", "开展文明执法培训", "一班 李海龙", "2024-08-31"],
        [2, "机械执法问题", "对轻微超限不分情节一律扣车", "制定分类处置指引", "法制组", "九月"],
    ])
    args = ["ledger", "import", str(filled), "--data-dir", str(demo_dir.root),
            "--campaign", XIANGYUAN_2024["doc_no"], "--username", "officer",
            "--password-env", "FL_TEST_PASSWORD"]
    monkeypatch.setenv("FL_TEST_PASSWORD", DEMO_PASSWORD)
    dry = run_cli(*args, "--dry-run")
    assert dry.returncode == 1                       # a row has an error
    assert "第 5 行  将导入" in dry.stdout
    assert "第 6 行  有错误（不导入）" in dry.stdout and "不是日期：九月" in dry.stdout
    assert "未导入任何内容" in dry.stdout
    assert _problems(demo_dir) == []

    done = run_cli(*args)
    assert "已导入 1 个问题" in done.stdout, done.stdout + done.stderr
    assert _problems(demo_dir) == [("野蛮执法", "野蛮执法问题", "2024-08-31")]

    again = run_cli(*args)
    assert "第 5 行  已在台账（跳过）" in again.stdout and "没有需要导入的行" in again.stdout
    assert len(_problems(demo_dir)) == 1

    wrong = run_cli(*args[:-2], "--password-env", "FL_NO_SUCH_VARIABLE")
    assert wrong.returncode == 2 and "用户名或密码不正确" in wrong.stderr

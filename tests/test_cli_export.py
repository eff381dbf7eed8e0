"""``main.py export``: an official form written from the command line, as a user would run it on
a copy of the demo; the path, the row count and the content digest printed; refusals with a
Chinese message and exit status 2."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from core_helpers import copy_installation, run_cli
from form_helpers import LOOKBACK_TITLE, QINGHAI_DOC_NO, UNIT, build_signed_demo

from models.demo import DEMO_PASSWORD
from models.paths import DataDir


@pytest.fixture(scope="module")
def signed_template(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    template = DataDir(tmp_path_factory.mktemp("cli-export") / "data")
    build_signed_demo(template)
    return template


@pytest.fixture
def demo_signed(signed_template: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                ) -> DataDir:
    monkeypatch.setenv("FL_TEST_PASSWORD", DEMO_PASSWORD)
    return copy_installation(signed_template, DataDir(tmp_path / "data"))


def _export(dd: DataDir, *args: str):
    return run_cli("export", *args, "--data-dir", str(dd.root), "--user", "officer",
                   "--password-env", "FL_TEST_PASSWORD")


def test_export_lookback_as_xlsx(demo_signed: DataDir, tmp_path: Path) -> None:
    pytest.importorskip("models.xlsx_export")
    from openpyxl import load_workbook
    out = tmp_path / "回头看.xlsx"
    result = _export(demo_signed, "lookback", "--format", "xlsx", "--out", str(out),
                     "--campaign", QINGHAI_DOC_NO, "--date", "2024-06-30", "--contact", "王丽",
                     "--phone", "0975-8381200")
    assert result.returncode == 0, result.stderr
    assert f"已导出：{out}" in result.stdout and "行数：4" in result.stdout
    digest = re.search(r"内容摘要（SHA-256）：([0-9a-f]{64})", result.stdout).group(1)
    ws = load_workbook(out).active
    texts = [row[0] for row in ws.iter_rows(values_only=True) if row and row[0]]
    assert texts[0] == LOOKBACK_TITLE
    assert ws["A2"].value == f"填报单位（盖章）：{UNIT}"
    assert "联系人：王丽" in texts and "联系电话：0975-8381200" in texts
    assert texts[-1] == f"内容摘要（SHA-256）：{digest}"


def test_export_problem_list_as_pdf_by_status(demo_signed: DataDir, tmp_path: Path) -> None:
    pytest.importorskip("models.pdf_export")
    out = tmp_path / "问题清单.pdf"
    result = _export(demo_signed, "problem_list", "--format", "pdf", "--out", str(out),
                     "--status", "已销号", "--status", "rebound", "--filler", "李海龙")
    assert result.returncode == 0, result.stderr
    assert "行数：2" in result.stdout, "the two struck-off problems of the demo"
    assert out.read_bytes()[:5] == b"%PDF-"


def test_export_clues_from_the_leads(demo_signed: DataDir, tmp_path: Path) -> None:
    """``export clues``: the 线索征询表 of the unit's 投诉举报线索, by campaign and lead status."""
    pytest.importorskip("models.xlsx_export")
    from openpyxl import load_workbook
    out = tmp_path / "线索征询表.xlsx"
    result = _export(demo_signed, "clues", "--format", "xlsx", "--out", str(out),
                     "--campaign", QINGHAI_DOC_NO, "--status", "已办结", "--date", "2024-06-30")
    assert result.returncode == 0, result.stderr
    assert "行数：2" in result.stdout, "the demo's two closed leads of the 2023 campaign"
    ws = load_workbook(out).active
    assert ws["A1"].value == "青海省交通运输综合行政执法监督局执法领域突出问题线索征询表"
    bad = _export(demo_signed, "clues", "--format", "xlsx", "--out", str(out),
                  "--status", "rebound")
    assert bad.returncode == 2 and "线索状态" in bad.stderr


def test_export_refusals(demo_signed: DataDir, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    no_campaign = _export(demo_signed, "lookback", "--format", "xlsx", "--out", str(out))
    assert no_campaign.returncode == 2 and "专项行动" in no_campaign.stderr
    bad_date = _export(demo_signed, "problem_list", "--format", "xlsx", "--out", str(out),
                       "--date", "2024-13-01")
    assert bad_date.returncode == 2 and "不是有效日期" in bad_date.stderr
    no_review = _export(demo_signed, "casereview", "--format", "xlsx", "--out", str(out))
    assert no_review.returncode == 2 and "--review" in no_review.stderr
    wrong = run_cli("export", "clues", "--format", "xlsx", "--out", str(out), "--data-dir",
                    str(demo_signed.root), "--user", "officer", "--password-env", "FL_NO_SUCH")
    assert wrong.returncode == 2 and "用户名或密码不正确" in wrong.stderr
    assert not out.exists()

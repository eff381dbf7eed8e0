"""Templates (self-check lists, case-review standards): the built-in examples, the Excel layout
and JSON in and out without loss, hand-edited workbooks becoming new versions, and bad templates
refused with sheet, row and column named in Chinese."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest
from openpyxl import load_workbook

from conftest import login_as
from core_helpers import is_chinese
from models import audit, template_io, templates
from models.errors import ValidationError
from models.session import Session
from models.store import Store
from models.template_check import TemplateInvalid, from_dict
from models.templates import Template

BUILTINS = templates.builtin_templates()
REVIEW = next(t for t in BUILTINS if t.kind == "case_review")
QINGHAI = BUILTINS[0]


@pytest.fixture
def chief(demo: Store) -> Session:
    return login_as(demo, "chief")


def builtin_id(store: Store, kind: str = "case_review") -> int:
    return store.conn.execute("SELECT min(id) FROM templates WHERE kind = ?", (kind,)).fetchone()[0]


def edit(path: Path, change: Callable[[Any], None]) -> Path:
    """Open a workbook as a clerk would in Excel, change it, save it."""
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def column(ws: Any, header: str) -> int:
    return next(c.column for c in ws[1] if c.value == header)


def row_of(ws: Any, code: str) -> int:
    col = column(ws, "编号")
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == code)


def invalid(path: Path) -> TemplateInvalid:
    with pytest.raises(TemplateInvalid) as info:
        template_io.read_file(path)
    assert is_chinese(str(info.value))
    return info.value


# --- built-ins ------------------------------------------------------------------------------------

def test_builtin_templates_are_examples_of_the_domain() -> None:
    assert [t.kind for t in BUILTINS] == ["selfcheck", "selfcheck", "case_review"]
    assert all(t.example and t.version and t.issuer and t.note for t in BUILTINS)
    assert [s.name for s in QINGHAI.sections] == ["逐利执法", "执法不规范", "执法方式简单僵化",
                                                  "执法粗暴", "执法“寻租”"]
    texts = {i.text for _s, i in QINGHAI.items()}
    assert {"下达或变相下达罚没指标", "随意拦车扣车", "“一刀切”执法", "以罚代管、一罚了之",
            "对执法辅助人员监管不力"} <= texts
    assert len(BUILTINS[1].sections) == 8
    vetoes = {i.text for _s, i in REVIEW.items() if i.veto}
    assert {"执法主体不合法", "执法人员少于2人", "超过追诉时效", "应移送未移送"} <= vetoes
    assert REVIEW.standard().max_score == 100
    assert (REVIEW.excellent, REVIEW.passing) == (90, 70)


def test_demo_has_the_builtins_and_installing_again_adds_nothing(demo: Store,
                                                                 chief: Session) -> None:
    rows = templates.list_templates(chief)
    assert sorted(r["code"] for r in rows) == sorted(t.code for t in BUILTINS)
    assert all(r["revision"] == 1 and r["example"] == 1 and r["active"] == 1 for r in rows)
    head = audit.head(demo.conn)
    assert not templates.install_builtin_templates(chief)
    assert audit.head(demo.conn) == head
    got = templates.get_template(chief, builtin_id(demo))
    assert got["sections"][0]["items"][0]["id"] and got["revision"] == 1
    assert from_dict({k: v for k, v in got.items() if k in REVIEW.to_dict()}) == REVIEW


# --- round trips ----------------------------------------------------------------------------------

@pytest.mark.parametrize("tpl", BUILTINS, ids=lambda t: t.kind + "-" + t.code)
def test_round_trip_xlsx_json_xlsx_loses_nothing(tpl: Template, tmp_path: Path) -> None:
    first = tmp_path / "模板.xlsx"
    template_io.write_xlsx(tpl, first)
    from_xlsx = template_io.read_file(first)
    assert from_xlsx == tpl
    as_json = tmp_path / "模板.json"
    as_json.write_text(template_io.to_json(from_xlsx), encoding="utf-8")
    from_json = template_io.read_file(as_json)
    assert from_json == tpl
    second = tmp_path / "模板2.xlsx"
    template_io.write_xlsx(from_json, second)
    assert template_io.read_file(second) == tpl
    assert template_io.read_file(second).content_sha256() == tpl.content_sha256()


def test_export_operations_write_what_was_stored(demo: Store, chief: Session,
                                                 tmp_path: Path) -> None:
    tid = builtin_id(demo)
    path = template_io.export_template(chief, tid, tmp_path / "标准.json")
    assert json.loads(Path(path).read_text(encoding="utf-8")) == REVIEW.to_dict()
    template_io.export_template(chief, tid, tmp_path / "标准.xlsx")
    wb = load_workbook(tmp_path / "标准.xlsx")
    assert wb.sheetnames == ["模板信息", "分组", "条目", "填写说明"]
    assert [c.value for c in wb["条目"][1]] == ["分组", "编号", "内容", "要点说明", "印证资料",
                                               "否决项", "分值", "每处扣分"]
    assert template_io.read_file(tmp_path / "标准.xlsx") == REVIEW


# --- a template edited by hand -------------------------------------------------------------------

def hand_edit(wb: Any) -> None:
    """Reorder two rows, add an item, change points (the stage still adds up)."""
    ws = wb["条目"]
    a, b = row_of(ws, "G3"), row_of(ws, "G4")
    for col in range(1, ws.max_column + 1):
        ws.cell(a, col).value, ws.cell(b, col).value = ws.cell(b, col).value, ws.cell(a, col).value
    ws.cell(row_of(ws, "M1"), column(ws, "分值")).value = 2
    ws.append(["卷面", "M4", "案卷装订不牢固", "每处扣1分。", "", "", 1, 1])


def test_hand_edited_workbook_imports_as_a_new_version(demo: Store, chief: Session,
                                                       tmp_path: Path) -> None:
    old = builtin_id(demo)
    path = Path(template_io.export_template(chief, old, tmp_path / "评查标准.xlsx"))
    edit(path, hand_edit)
    changes = template_io.import_template(chief, path)
    (new,) = [int(k) for k in changes.rows["templates"]]
    row = demo.query("SELECT * FROM templates WHERE id = ?", (new,))[0]
    assert (row["code"], row["revision"]) == (REVIEW.code, 2)
    assert row["version"] == f"{REVIEW.version}（修订2）"   # the label was left as it was
    assert row["source"] == "评查标准.xlsx"
    tpl = templates.load_template(demo.conn, new)
    items = [i.code for s in tpl.sections if s.name in ("归档", "卷面") for i in s.items]
    assert items == ["G1", "G2", "G4", "G3", "M1", "M2", "M3", "M4"]
    by_code = {i.code: i for _s, i in tpl.items()}
    assert by_code["M1"].points == 2 and by_code["M4"].text == "案卷装订不牢固"
    assert templates.load_template(demo.conn, old) == REVIEW        # the old version is intact
    head = audit.head(demo.conn)
    assert not template_io.import_template(chief, path)             # the same content again
    assert audit.head(demo.conn) == head

    def bump(wb: Any) -> None:
        info = wb["模板信息"]
        r = next(r for r in range(1, info.max_row + 1) if info.cell(r, 1).value == "版本")
        info.cell(r, 2).value = "2025版"
        wb["条目"].cell(row_of(wb["条目"], "M4"), column(wb["条目"], "内容")).value = "案卷装订不规范"
    edit(path, bump)
    (third,) = template_io.import_template(chief, path).rows["templates"]
    assert demo.query("SELECT version, revision FROM templates WHERE id = ?",
                      (third,))[0] == {"version": "2025版", "revision": 3}
    assert demo.verify_audit().ok


def test_merged_and_blank_group_cells_mean_the_group_above(tmp_path: Path) -> None:
    path = tmp_path / "自查.xlsx"
    template_io.write_xlsx(QINGHAI, path)

    def merge(wb: Any) -> None:
        ws = wb["条目"]
        first, last = row_of(ws, "1.1"), row_of(ws, "1.4")
        for r in range(first + 1, last + 1):
            ws.cell(r, 1).value = None
        ws.merge_cells(start_row=first, start_column=1, end_row=last - 1, end_column=1)
    edit(path, merge)
    assert template_io.read_file(path) == QINGHAI


# --- bad templates --------------------------------------------------------------------------------

@pytest.fixture
def review_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "评查标准.xlsx"
    template_io.write_xlsx(REVIEW, path)
    return path


def test_missing_columns_are_named(review_xlsx: Path) -> None:
    def drop(wb: Any) -> None:
        ws = wb["条目"]
        ws.cell(1, column(ws, "编号")).value = "序 列"
        ws.cell(1, column(ws, "分值")).value = None
    error = invalid(edit(review_xlsx, drop))
    assert "工作表“条目”第 1 行" in str(error) and "表头缺少栏目：编号、分值" in str(error)


def test_duplicate_codes_are_named_with_both_places(review_xlsx: Path) -> None:
    def dup(wb: Any) -> None:
        ws = wb["条目"]
        ws.cell(row_of(ws, "D2"), column(ws, "编号")).value = "D1"
    error = invalid(edit(review_xlsx, dup))
    (issue,) = error.issues
    assert (issue.loc.sheet, issue.loc.column, issue.loc.field) == ("条目", "B", "编号")
    text = issue.text()
    assert text.startswith(f"工作表“条目”第 {issue.loc.row} 行 B 列（编号）")
    assert "编号“D1”重复" in text and f"第 {issue.loc.row - 1} 行" in text


def test_points_that_are_not_numbers(review_xlsx: Path) -> None:
    def words(wb: Any) -> None:
        ws = wb["条目"]
        ws.cell(row_of(ws, "J4"), column(ws, "分值")).value = "九分"
        ws.cell(row_of(ws, "J5"), column(ws, "每处扣分")).value = "0.125"
        ws.cell(row_of(ws, "S1"), column(ws, "每处扣分")).value = 5    # more than its 4
        sec = wb["分组"]
        sec.cell(3, 3).value = "五"                                   # 立案's points
    error = invalid(edit(review_xlsx, words))
    texts = [i.text() for i in error.issues]
    assert any("条目”" in t and "G 列（分值）：不是数字：九分" in t for t in texts)
    assert any("H 列（每处扣分）：最多两位小数：0.125" in t for t in texts)
    assert any("每处扣分 5 超过该条目分值 4" in t for t in texts)
    assert any(t.startswith("工作表“分组”第 3 行 C 列（分值）：不是数字：五") for t in texts)
    assert f"模板有 {len(error.issues)} 处错误" in str(error)


def test_thresholds_out_of_order(review_xlsx: Path) -> None:
    def swap(wb: Any) -> None:
        info = wb["模板信息"]
        for r in range(1, info.max_row + 1):
            if info.cell(r, 1).value == "优秀分数线":
                info.cell(r, 2).value = 60
            if info.cell(r, 1).value == "合格分数线":
                info.cell(r, 2).value = 80
    error = invalid(edit(review_xlsx, swap))
    (issue,) = error.issues
    assert (issue.loc.sheet, issue.loc.column, issue.loc.field) == ("模板信息", "B", "合格分数线")
    assert "分数线顺序不对" in issue.text() and "满分（100）" in issue.text()


def test_points_rules_of_a_standard(review_xlsx: Path) -> None:
    def break_points(wb: Any) -> None:
        ws = wb["条目"]
        ws.cell(row_of(ws, "F1"), column(ws, "分值")).value = 3         # a veto item with points
        ws.cell(row_of(ws, "G1"), column(ws, "分值")).value = 1         # 归档 now adds up to 6 < 8
        ws.cell(row_of(ws, "G1"), column(ws, "每处扣分")).value = 1
        ws.cell(row_of(ws, "L1"), column(ws, "分组")).value = "受案"     # no such group
    texts = [i.text() for i in invalid(edit(review_xlsx, break_points)).issues]
    assert any("否决项不计分值" in t for t in texts)
    assert any("分组“归档”各条目分值合计 6，少于分组分值 8" in t for t in texts)
    assert any("A 列（分组）：分组“受案”不在“分组”工作表中" in t for t in texts)


def test_missing_sheet_and_wrong_kind(tmp_path: Path, review_xlsx: Path) -> None:
    edit(review_xlsx, lambda wb: wb.remove(wb["分组"]))
    assert "工作表“分组”：工作簿中没有这个工作表" in str(invalid(review_xlsx))
    path = tmp_path / "自查.xlsx"
    template_io.write_xlsx(QINGHAI, path)
    edit(path, lambda wb: wb["模板信息"].cell(2, 2, "检查表"))
    assert "应为“自查清单”或“案卷评查标准”，而不是：检查表" in str(invalid(path))
    edit(path, lambda wb: (wb["模板信息"].cell(2, 2, "自查清单"), wb["条目"].cell(1, 6, "分值"),
                           wb["条目"].cell(2, 6, 5)))      # points in a self-check list
    error = invalid(path)
    assert "自查清单的条目不设分值" in str(error)


def test_bad_json_templates(tmp_path: Path) -> None:
    data = REVIEW.to_dict()
    data["sections"][1]["items"][1]["code"] = "L1"
    data["sections"][2]["items"][0]["points"] = "很多"
    data["version"] = ""
    path = tmp_path / "标准.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    texts = [i.text() for i in invalid(path).issues]
    assert "模板信息（版本）：不能为空。" in texts
    assert any(t.startswith("第 2 组第 2 条（编号）：编号“L1”重复（第一次出现在第 2 组第 1 条（编号））") for t in texts)
    assert "第 3 组第 1 条（分值）：不是数字：很多。" in texts
    path.write_text("{ 不是 JSON", encoding="utf-8")
    assert "不是有效的 JSON：第 1 行" in str(invalid(path))
    other = tmp_path / "说明.txt"
    other.write_text("随便写的", encoding="utf-8")
    with pytest.raises(template_io.TemplateFileError):
        template_io.read_file(other)


def test_a_refused_import_stores_nothing(demo: Store, chief: Session, review_xlsx: Path) -> None:
    edit(review_xlsx, lambda wb: wb["条目"].cell(3, 2, "F1"))
    head = audit.head(demo.conn)
    with pytest.raises(TemplateInvalid):
        template_io.import_template(chief, review_xlsx)
    assert audit.head(demo.conn) == head


# --- versions in use ------------------------------------------------------------------------------

def test_used_versions_cannot_be_deleted_only_deactivated(demo: Store, chief: Session) -> None:
    from models import selfcheck
    tid = builtin_id(demo, "selfcheck")
    qh = demo.conn.execute("SELECT id FROM campaigns WHERE doc_no LIKE '青交%'").fetchone()[0]
    selfcheck.start_selfcheck(chief, qh, tid)
    with pytest.raises(ValidationError, match="已有 1 份自查或评查记录使用，不能删除，只能停用"):
        templates.delete_template(chief, tid)
    templates.set_template_active(chief, tid, False)
    assert [r["id"] for r in templates.list_templates(chief, "selfcheck", active_only=True)] \
        == [builtin_id(demo, "selfcheck") + 1]
    with pytest.raises(ValidationError, match="已停用"):
        selfcheck.start_selfcheck(chief, qh, tid)
    unused = builtin_id(demo, "case_review")
    templates.delete_template(chief, unused)
    assert not demo.query("SELECT 1 FROM template_items WHERE template_id = ?", (unused,))
    assert demo.verify_audit().ok


def test_thresholds_out_of_order_are_reported_with_the_other_errors(review_xlsx: Path) -> None:
    def swap_and_duplicate(wb: Any) -> None:
        info = wb["模板信息"]
        for r in range(1, info.max_row + 1):
            if info.cell(r, 1).value == "合格分数线":
                info.cell(r, 2).value = 95
        items = wb["条目"]
        items.cell(3, 2).value = items.cell(2, 2).value      # a duplicate code
    error = invalid(edit(review_xlsx, swap_and_duplicate))
    texts = [issue.text() for issue in error.issues]
    assert any("分数线顺序不对" in t for t in texts)
    assert any("重复" in t for t in texts)

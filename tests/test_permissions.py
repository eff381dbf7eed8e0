"""Every operation with every role: the core enforces the permission table, and session rules
(throttling, lock-out, disabled accounts, the last admin, first-run setup, password storage)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest

from conftest import login_as
from core_helpers import ROOT, Clock, is_chinese
from models import (accounts, audit, audit_ops, campaigns, casefiles, casereviews, directory,
                    enrollment, evidence, form_data, keys, ledger_import, ledger_query,
                    ledger_signing, package_contents, package_out, passwords, problems,
                    selfcheck, selfcheck_evidence, signing, template_io, templates)
from models import office_import, office_keys, office_stats, office_units, receipts
from models import instructions, office_instructions
from models import office_browse
from models import letter_forms, letter_problems, letters, office_letters
from models import form_training, office_training, training
from models import form_leads, leads
from models import (briefs, case_stats, form_brief, form_reports, office_reports, reminders,
                    schedule)
import report_helpers as reports
from models.demo import DEMO_PASSWORD
from models.errors import (AccountDisabled, AccountLocked, AlreadySetUp, AuthenticationFailed,
                           LoginThrottled, PermissionDenied, ValidationError)
from models.permissions import OPERATION_MODULES, ROLE_LABELS, Role, load_operations
from models.session import LOCK_SECONDS, Session, login, setup_installation
from models.store import Changes, Store
from xlsx_builders import write_form

ROLE_USERS = {Role.OFFICER: "officer", Role.REVIEWER: "reviewer", Role.CHIEF: "chief",
              Role.ADMIN: "admin"}


#: The complete registry, whichever modules happen to be imported by this file.
OPERATIONS = load_operations()


def one(store: Store, sql: str, *params: Any) -> Any:
    return store.conn.execute(sql, params).fetchone()[0]


# --- the argument for each operation ------------------------------------------------------------
# Each entry: (call(session) -> result, what it writes: "data", "event" (an audit entry only) or
# None). The arguments are valid for the demo data, so an allowed role's call succeeds. A new
# operation must be added here (see the test below).

def _acct(s: Session, name: str) -> int:
    return one(s.store, "SELECT id FROM accounts WHERE username = ?", name)


def _person(s: Session, name: str) -> int:
    return one(s.store, "SELECT id FROM people WHERE name = ?", name)


def _unit(s: Session, code: str) -> int:
    return one(s.store, "SELECT id FROM units WHERE code = ?", code)


QINGHAI_DOC_NO = "青交执法监法〔2023〕30号"
SEEDED_ISSUE = "矩阵测试：超限检测站存在下达罚没指标的情况"


def _ledger_sha(s: Session) -> str:
    """The hash of the campaign's ledger as the signer would be shown it (read without the
    permission check, as the dialog's read is not what is being tested)."""
    from models.ledger_signing import content_text, ledger_content
    from models.signing import sha256_hex
    content = ledger_content(s.store.conn, _campaign(s), s.unit_id)
    return sha256_hex(content_text(content).encode("utf-8"))


def _campaign(s: Session, doc_no: str = QINGHAI_DOC_NO) -> int:
    return one(s.store, "SELECT id FROM campaigns WHERE doc_no = ?", doc_no)


def _problem(s: Session) -> int:
    """The problem :func:`seed_problem` put in the demo (status 待整改, no responsible person)."""
    return one(s.store, "SELECT id FROM problems WHERE issue = ?", SEEDED_ISSUE)


def _evidence_file(s: Session) -> str:
    """A small text file outside the data folder, to attach as evidence."""
    path = s.store.path.parent.parent / "整改说明.txt"
    path.write_text("已取消罚没指标，相关文件已废止。\n", encoding="utf-8")
    return str(path)


def _folder(s: Session, name: str) -> Path:
    """An empty folder outside the data folder (a USB stick, a work folder)."""
    path = s.store.path.parent.parent / name
    path.mkdir(exist_ok=True)
    return path


def _import_file(s: Session) -> str:
    """A 问题清单 workbook of two problems of the Qinghai 2023 campaign, outside the data folder."""
    path = s.store.path.parent.parent / "问题清单.xlsx"
    write_form(path, "checklist", [
        ["逐利执法问题", "罚没款与绩效考核挂钩", "取消挂钩", "一班 李海龙", "2023-09-28", ""],
        ["执法不规范问题", "夜间拦车检查时间过长", "限定检查时长", "二班 索南扎西", "2023年9月底", ""]])
    return str(path)


def _import_preview(s: Session) -> ledger_import.ImportPreview:
    """A chief's preview of :func:`_import_file` (made without logging in, so nothing is logged)."""
    chief = s._replace(roles=frozenset({Role.CHIEF}))
    return ledger_import.preview_file(chief, _import_file(s), _campaign(s))


def _evidence(s: Session) -> int:
    """The evidence :func:`seed` attached to the seeded problem."""
    return one(s.store, "SELECT max(id) FROM evidence WHERE problem_id = ?", _problem(s))


def _answer(s: Session) -> int:
    """The answer (item 1.1, 符合) :func:`seed` gave in the self-check it started."""
    return one(s.store, "SELECT max(id) FROM selfcheck_answers")


def _own_answer_file(s: Session) -> int:
    """A file of the seeded answer added by ``s`` itself (only the adder or a chief may remove
    one); the seeded one when ``s`` may not fill self-checks (the call is refused anyway)."""
    if s.roles & {Role.OFFICER, Role.REVIEWER, Role.CHIEF}:
        selfcheck_evidence.attach_file(s, _answer(s), _evidence_file(s))
    return one(s.store, "SELECT max(id) FROM selfcheck_evidence")


SEEDED_CASE = "矩阵测试：玛交执罚〔2024〕99号"


def _template(s: Session, kind: str = "selfcheck") -> int:
    """The first built-in template of ``kind`` in the demo."""
    return one(s.store, "SELECT min(id) FROM templates WHERE kind = ?", kind)


def _changed_template(s: Session) -> templates.Template:
    """The first built-in self-check list with a changed note (a new version)."""
    tpl = templates.load_template(s.store.conn, _template(s))
    return tpl._replace(note=tpl.note + "（本站修订）")


def _template_file(s: Session) -> str:
    """:func:`_changed_template` as a workbook outside the data folder."""
    path = s.store.path.parent.parent / "自查清单.xlsx"
    template_io.write_xlsx(_changed_template(s), path)
    return str(path)


def _selfcheck(s: Session) -> int:
    return one(s.store, "SELECT max(id) FROM selfchecks")


def _case_file(s: Session) -> int:
    return one(s.store, "SELECT id FROM case_files WHERE case_no = ?", SEEDED_CASE)


def _seeded_review(s: Session) -> int:
    return one(s.store, "SELECT min(id) FROM case_reviews WHERE case_file_id = ?", _case_file(s))


def _own_review(s: Session) -> int:
    """The session's draft review of the seeded case file, started when it has none (which a
    role without the permission is refused)."""
    found = s.store.conn.execute("SELECT id FROM case_reviews WHERE case_file_id = ? AND"
                                 " reviewer_id = ?", (_case_file(s), s.account_id)).fetchone()
    if found is None:
        casereviews.start_review(s, _case_file(s), _template(s, "case_review"))
        return _own_review(s)
    return found[0]


def _case_list(s: Session) -> str:
    path = s.store.path.parent.parent / "案卷清单.xlsx"
    casefiles.write_blank(path, [["玛交执罚〔2024〕31号", "行政处罚", "公路路政", "车辆超限运输", "张某",
                                  "李海龙", "否", "", "2024-05-02", ""]])
    return str(path)


def _case_preview(s: Session) -> casefiles.CaseImportPreview:
    chief = s._replace(roles=frozenset({Role.CHIEF}))
    return casefiles.preview_case_files(chief, _case_list(s))


def _own_key(s: Session, username: str | None = None) -> str:
    """The active person key of ``username`` (default: the acting account), or a made-up id."""
    row = s.store.conn.execute(
        "SELECT k.key_id FROM signing_keys k JOIN accounts a ON a.person_id = k.person_id"
        " WHERE a.username = ? AND k.status = 'active'", (username or s.username,)).fetchone()
    return row[0] if row else "0" * 32


def _own_problem(s: Session) -> int:
    """The problem seeded for the signing operations whose 责任人 is the acting person (or the
    seeded problem without one)."""
    row = s.store.conn.execute("SELECT id FROM problems WHERE responsible_person_id = ?"
                               " AND issue LIKE '签字测试：%'", (s.person_id,)).fetchone()
    return row[0] if row else _problem(s)


def seed(store: Store, name: str) -> None:
    """What the operation ``name`` needs in the demo: one open problem of the Qinghai 2023
    campaign entered by the chief, and for the evidence operations a file attached to it; a
    self-check for the self-check operations (with item 1.1 answered and a file attached to it
    for the self-check evidence ones); a registered case file for the case-file ones,
    with a reviewer's draft review (one deduction) for the review operations."""
    chief = login_as(store, "chief")
    problems.create_problem(chief, campaign_id=_campaign(chief), category="逐利执法",
                            issue=SEEDED_ISSUE, manifestation="按月下达罚款任务。")
    if name.startswith("evidence."):
        evidence.attach(chief, _problem(chief), _evidence_file(chief))
    if name == "templates.install_builtin_templates":
        templates.delete_template(chief, _template(chief))      # one built-in to install again
    if name.startswith(("selfcheck.", "selfcheck_evidence.", "form_data.selfcheck")):
        selfcheck.start_selfcheck(chief, _campaign(chief), _template(chief))
        if name == "selfcheck.complete_selfcheck":
            for (code,) in store.conn.execute("SELECT code FROM template_items WHERE"
                                              " template_id = ?", (_template(chief),)).fetchall():
                selfcheck.answer_item(chief, _selfcheck(chief), code, "conform")
    if name.startswith("selfcheck_evidence."):
        selfcheck.answer_item(chief, _selfcheck(chief), "1.1", "conform")
        selfcheck_evidence.attach_file(chief, _answer(chief), _evidence_file(chief))
    if name.startswith(("casefiles.", "casereviews.", "form_data.casereview")):
        casefiles.add_case_file(chief, case_no=SEEDED_CASE, case_type="行政处罚", cause="车辆超限运输")
    if name.startswith(("keys.", "enrollment.")) and not name.startswith("keys.create_"):
        for user in ("officer", "reviewer", "chief"):
            keys.create_own_key(login_as(store, user), DEMO_PASSWORD)
        keys.create_seal_key(chief, DEMO_PASSWORD)
    if name.startswith("signing."):
        for user in ("officer", "reviewer", "chief"):
            owner = login_as(store, user)
            keys.create_own_key(owner, DEMO_PASSWORD)
            problems.create_problem(chief, campaign_id=_campaign(chief), category="逐利执法",
                                    issue=f"签字测试：{user} 负责的问题",
                                    responsible_person_id=owner.person_id)
    if name.startswith("ledger_signing."):
        for user in ("reviewer", "chief"):
            keys.create_own_key(login_as(store, user), DEMO_PASSWORD)
        keys.create_seal_key(chief, DEMO_PASSWORD)
        problems.create_problem(chief, campaign_id=_campaign(chief), category="逐利执法",
                                issue="审核测试问题")
    if name in ("package_out.export_package", "package_out.write_again",
                "package_out.mark_delivered"):
        keys.create_seal_key(chief, DEMO_PASSWORD)
        if name != "package_out.export_package":
            package_out.export_package(chief, _folder(chief, "stick"), DEMO_PASSWORD,
                                       materials=("ledger",))
    if name.startswith(("office_units.", "office_import.")):
        keys.create_seal_key(chief, DEMO_PASSWORD)
        seal = keys._active_key(store, "seal", unit_id=chief.unit_id)
        folder = store.path.parent.parent
        folder.joinpath("单位签章密钥登记.json").write_text(
            enrollment.enrollment_file(chief, seal, DEMO_PASSWORD), encoding="utf-8")
        folder.joinpath("报送包.flpkg").write_bytes(b"not a package")
    if name.startswith("receipts."):
        keys.create_seal_key(chief, DEMO_PASSWORD)
        seal = keys._active_key(store, "seal", unit_id=chief.unit_id)
        text = enrollment.enrollment_file(chief, seal, DEMO_PASSWORD)
        pkg = package_out.export_package(chief, _folder(chief, "stick"), DEMO_PASSWORD,
                                         materials=("ledger",))
        office_units.register_unit(chief, text)             # the unit is its own office here
        office_import.import_package(chief, pkg.path)
        receipts.set_office(chief, text)
        folder = store.path.parent.parent
        folder.joinpath("上级单位登记.json").write_text(text, encoding="utf-8")
        receipts.write_receipt(chief, "QH-632621-DW", DEMO_PASSWORD, folder).rename(
            folder / "回执.json")
        if name == "receipts.set_office":
            with store.write(chief.actor) as w:
                w.delete("settings", receipts.OFFICE_SETTING)
    if name.startswith(("instructions.", "office_instructions.")):
        keys.create_seal_key(chief, DEMO_PASSWORD)
        text = enrollment.enrollment_file(chief, keys.held_seal_key(chief), DEMO_PASSWORD)
        office_units.register_unit(chief, text)             # the unit is its own office here
        receipts.set_office(chief, text)
        office_instructions.issue_letter(chief, unit_code="QH-632621-DW",
                                         number="矩阵测试〔2024〕1号",
                                         problems=["未按期报送工作简报"], deadline="2024-08-31")
        folder = store.path.parent.parent
        office_instructions.write_instructions(
            chief, "QH-632621-DW", DEMO_PASSWORD, folder,
            letter_ids=[one(store, "SELECT max(id) FROM supervision_letters")]
        ).path.rename(folder / "来文.json")
    if name.startswith(("letters.", "letter_problems.", "letter_forms.", "office_letters.")):
        # two letters received from 果洛州 (the demo's: one answered with a file and signed by
        # the chief, one with a draft answer), and one this unit issued to itself
        from models.demo import _demo_letters
        keys.create_own_key(chief, DEMO_PASSWORD)
        _demo_letters(store)
        keys.create_seal_key(chief, DEMO_PASSWORD)
        office_units.register_unit(chief, enrollment.enrollment_file(
            chief, keys.held_seal_key(chief), DEMO_PASSWORD))
        office_instructions.issue_letter(chief, unit_code="QH-632621-DW",
                                         number="矩阵测试〔2024〕3号",
                                         problems=["未按期报送工作简报"], deadline="2024-08-31")
    if name == "keys.give_seal_key":
        accounts.set_roles(login_as(store, "admin"), _acct(chief, "officer2"), ["chief"])
    if name.startswith(("office_browse.", "office_reports.")):
        keys.create_seal_key(chief, DEMO_PASSWORD)
        seal = keys._active_key(store, "seal", unit_id=chief.unit_id)
        office_units.register_unit(chief, enrollment.enrollment_file(chief, seal, DEMO_PASSWORD))
        office_import.import_package(chief, package_out.export_package(
            chief, _folder(chief, "stick"), DEMO_PASSWORD, materials=("ledger", "audit")).path)
    if name.startswith(("briefs.", "schedule.", "case_stats.", "reminders.", "form_brief.",
                        "form_reports.")):
        reports.seed_reports(chief)
    if name.startswith("office_keys.") and name != "office_keys.create_decryption_key":
        office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    if name == "office_keys.give_decryption_key":
        accounts.set_roles(login_as(store, "admin"), _acct(chief, "officer2"), ["chief"])
    if (name.startswith("casereviews.") and name != "casereviews.start_review"
            or name == "form_data.casereview_form"):
        reviewer = login_as(store, "reviewer")
        casereviews.start_review(reviewer, _case_file(chief), _template(chief, "case_review"))
        casereviews.mark_item(reviewer, _seeded_review(chief), "J4", 1, "缺少救济途径")
    if name in ("training.update_training", "training.delete_training",
                "office_training.unit_training"):
        training.add_training(chief, _person(chief, "李海龙"), date="2024-03-01",
                              topic="矩阵测试：行政处罚法", form="central", hours=2)
    if name == "office_training.unit_training":
        keys.create_seal_key(chief, DEMO_PASSWORD)
        seal = keys._active_key(store, "seal", unit_id=chief.unit_id)
        office_units.register_unit(chief, enrollment.enrollment_file(chief, seal, DEMO_PASSWORD))
        office_import.import_package(chief, package_out.export_package(
            chief, _folder(chief, "stick"), DEMO_PASSWORD, materials=("training",)).path)
    if name.startswith(("leads.", "form_leads.")):
        leads.create_lead(chief, received_date="2023-05-10", channel="12328",
                          content="反映夜间拦车检查时间过长", party="一班",
                          campaign_id=_campaign(chief))
        if name == "leads.reopen_lead":
            leads.close_lead(chief, _lead(chief), result="已答复来电人")
    if name == "leads.unit_leads":
        keys.create_seal_key(chief, DEMO_PASSWORD)
        seal = keys._active_key(store, "seal", unit_id=chief.unit_id)
        office_units.register_unit(chief, enrollment.enrollment_file(chief, seal, DEMO_PASSWORD))
        office_import.import_package(chief, package_out.export_package(
            chief, _folder(chief, "stick"), DEMO_PASSWORD, materials=("ledger", "leads")).path)


def _lead(s: Session) -> int:
    """The lead seeded for the lead operations."""
    return one(s.store, "SELECT max(id) FROM leads")



def _training(s: Session) -> int:
    """The training record seeded for the training operations."""
    return one(s.store, "SELECT max(id) FROM trainings")


def _received(s: Session, n: int = 0) -> int:
    """The ``n``-th letter received in the seeded demo (0: answered and signed, 1: a draft)."""
    return s.store.conn.execute("SELECT id FROM supervision_letters WHERE side = 'received'"
                                " ORDER BY id").fetchall()[n][0]


def _issued(s: Session) -> int:
    return one(s.store, "SELECT max(id) FROM supervision_letters WHERE side = 'issued'")


def _answer_sha(s: Session) -> str:
    """The hash of the draft answer as the signing dialog would show it (read without the
    permission check)."""
    conn = s.store.conn
    letter = letters.received_letter(conn, _received(s, 1))
    return letters.sha256_hex((letters.current_text(conn, letter, letters.answer_of(
        conn, letter["id"])) or "").encode("utf-8"))


CALLS: dict[str, tuple[Callable[[Session], Any], str | None]] = {
    "directory.list_units": (lambda s: directory.list_units(s), None),
    "directory.get_own_unit": (lambda s: directory.get_own_unit(s), None),
    "directory.update_own_unit": (
        lambda s: directory.update_own_unit(s, name="玛沁县大武超限检测站（新址）"), "data"),
    "directory.add_unit": (
        lambda s: directory.add_unit(s, name="甘德县交通运输综合行政执法大队", code="QH-632623",
                                     level="county", parent_id=_unit(s, "QH-632600")), "data"),
    "directory.update_unit": (
        lambda s: directory.update_unit(s, _unit(s, "QH-630106"), name="湟中区执法大队"), "data"),
    "directory.list_people": (lambda s: directory.list_people(s), None),
    "directory.add_person": (
        lambda s: directory.add_person(s, name="新队员", title="执法队员", cert_no="63260021099",
                                       phone="13800000001"), "data"),
    "directory.update_person": (
        lambda s: directory.update_person(s, _person(s, "索南扎西"), title="执法中队长"), "data"),
    "accounts.list_accounts": (lambda s: accounts.list_accounts(s), None),
    "accounts.create_account": (
        lambda s: accounts.create_account(s, username="newuser", password="newpass-789",
                                          roles=["officer"]), "data"),
    "accounts.set_roles": (
        lambda s: accounts.set_roles(s, _acct(s, "officer2"), ["officer", "reviewer"]), "data"),
    "accounts.set_active": (lambda s: accounts.set_active(s, _acct(s, "officer2"), False), "data"),
    "accounts.reset_password": (
        lambda s: accounts.reset_password(s, _acct(s, "officer2"), "reset-pass-123"), "data"),
    "accounts.unlock": (lambda s: accounts.unlock(s, "officer2"), "event"),
    "accounts.change_own_password": (
        lambda s: accounts.change_own_password(s, DEMO_PASSWORD, "own-new-pass-1"), "data"),
    "campaigns.create_campaign": (
        lambda s: campaigns.create_campaign(
            s, title="道路运输执法专项检查", doc_no="果交〔2024〕5号", start_date="2024-03-01",
            end_date="2024-05-31", categories=["逐利执法", "执法不规范"],
            phases=[{"name": "自查", "deadline": "2024-03-31"}],
            materials=[{"name": "自查报告", "due_date": "2024-04-10"}]), "data"),
    "campaigns.update_campaign": (
        lambda s: campaigns.update_campaign(s, one(s.store, "SELECT min(id) FROM campaigns"),
                                            note="已召开部署会。"), "data"),
    "campaigns.update_campaign_details": (
        lambda s: campaigns.update_campaign_details(
            s, _campaign(s), categories=[{"id": c["id"], "name": c["name"]} for c in
                                         campaigns.get_campaign(s, _campaign(s))["categories"]]
            + ["其他问题"], materials=[{"name": "工作总结", "due_date": "2023-12-20"}]), "data"),
    "campaigns.category_usage": (lambda s: campaigns.category_usage(s, _campaign(s)), None),
    "campaigns.list_campaigns": (lambda s: campaigns.list_campaigns(s), None),
    "campaigns.get_campaign": (
        lambda s: campaigns.get_campaign(s, one(s.store, "SELECT min(id) FROM campaigns")), None),
    "campaigns.upcoming_deadlines": (
        lambda s: campaigns.upcoming_deadlines(s, today=date(2024, 6, 20)), None),
    "audit_ops.verify": (lambda s: audit_ops.verify(s), None),
    "audit_ops.recent_entries": (lambda s: audit_ops.recent_entries(s, 10), None),
    "audit_ops.head": (lambda s: audit_ops.head(s), None),
    "problems.create_problem": (
        lambda s: problems.create_problem(
            s, campaign_id=_campaign(s), category="逐利执法", issue="罚没款与绩效考核挂钩",
            source="complaint", source_channel="12328", deadline="2023-07-20",
            responsible_person_id=_person(s, "李海龙")), "data"),
    "problems.update_problem": (
        lambda s: problems.update_problem(s, _problem(s), measures="取消罚没指标，开展警示教育。",
                                          deadline="2023-09-28"), "data"),
    "problems.transition": (
        lambda s: problems.transition(s, _problem(s), "in_progress", "已制定整改方案。"), "data"),
    "problems.add_progress_note": (
        lambda s: problems.add_progress_note(s, _problem(s), "召开专题会议，逐条对照整改。",
                                             "2023-06-15"), "data"),
    "problems.bulk_update": (
        lambda s: problems.bulk_update(s, [_problem(s)], responsible_person_id=_person(s, "索南扎西"),
                                       deadline="2023-07-20"), "data"),
    "problems.get_problem": (lambda s: problems.get_problem(s, _problem(s)), None),
    "ledger_query.problem_ids": (lambda s: ledger_query.problem_ids(s), None),
    "ledger_query.rows": (lambda s: ledger_query.rows(s, [_problem(s)]), None),
    "ledger_query.counts": (lambda s: ledger_query.counts(s), None),
    "ledger_query.category_counts": (lambda s: ledger_query.category_counts(s), None),
    "ledger_query.first_ids": (lambda s: ledger_query.first_ids(s), None),
    "evidence.attach": (lambda s: evidence.attach(s, _problem(s), _evidence_file(s)), "data"),
    "evidence.list_evidence": (lambda s: evidence.list_evidence(s, _problem(s)), None),
    "evidence.detach": (lambda s: evidence.detach(s, _evidence(s)), "data"),
    "ledger_import.preview_file": (
        lambda s: ledger_import.preview_file(s, _import_file(s), _campaign(s)), None),
    "ledger_import.import_rows": (
        lambda s: ledger_import.import_rows(s, _import_preview(s)), "data"),
    "templates.install_template": (
        lambda s: templates.install_template(s, _changed_template(s)), "data"),
    "templates.install_builtin_templates": (
        lambda s: templates.install_builtin_templates(s), "data"),
    "templates.list_templates": (lambda s: templates.list_templates(s), None),
    "templates.get_template": (lambda s: templates.get_template(s, _template(s)), None),
    "templates.set_template_active": (
        lambda s: templates.set_template_active(s, _template(s), False), "data"),
    "templates.delete_template": (
        lambda s: templates.delete_template(s, _template(s, "case_review")), "data"),
    "template_io.import_template": (
        lambda s: template_io.import_template(s, _template_file(s)), "data"),
    "template_io.export_template": (
        lambda s: template_io.export_template(
            s, _template(s), s.store.path.parent.parent / "导出.json"), None),
    "selfcheck.start_selfcheck": (
        lambda s: selfcheck.start_selfcheck(s, _campaign(s, "襄交〔2024〕127号"), one(
            s.store, "SELECT id FROM templates WHERE code LIKE '%襄垣%'")), "data"),
    "selfcheck.answer_item": (
        lambda s: selfcheck.answer_item(s, _selfcheck(s), "1.1", "nonconform",
                                        note="按月统计罚款数额"), "data"),
    "selfcheck.complete_selfcheck": (
        lambda s: selfcheck.complete_selfcheck(s, _selfcheck(s)), "data"),
    "selfcheck.list_selfchecks": (lambda s: selfcheck.list_selfchecks(s), None),
    "selfcheck.get_selfcheck": (lambda s: selfcheck.get_selfcheck(s, _selfcheck(s)), None),
    "selfcheck.selfcheck_summary": (
        lambda s: selfcheck.selfcheck_summary(s, _selfcheck(s)), None),
    "selfcheck_evidence.attach_file": (
        lambda s: selfcheck_evidence.attach_file(s, _answer(s), _evidence_file(s)), "data"),
    "selfcheck_evidence.list_files": (lambda s: selfcheck_evidence.list_files(s, _answer(s)), None),
    "selfcheck_evidence.remove_file": (
        lambda s: selfcheck_evidence.remove_file(s, _own_answer_file(s)), "data"),
    "casefiles.add_case_file": (
        lambda s: casefiles.add_case_file(s, case_no="玛交执罚〔2024〕30号", case_type="行政处罚",
                                          cause="未取得道路运输经营许可从事货运"), "data"),
    "casefiles.update_case_file": (
        lambda s: casefiles.update_case_file(s, _case_file(s), party="青海某运输公司"), "data"),
    "casefiles.delete_case_file": (
        lambda s: casefiles.delete_case_file(s, _case_file(s)), "data"),
    "casefiles.list_case_files": (lambda s: casefiles.list_case_files(s), None),
    "casefiles.preview_case_files": (
        lambda s: casefiles.preview_case_files(s, _case_list(s)), None),
    "casefiles.import_case_files": (
        lambda s: casefiles.import_case_files(s, _case_preview(s)), "data"),
    "casereviews.start_review": (
        lambda s: casereviews.start_review(s, _case_file(s), _template(s, "case_review")), "data"),
    "casereviews.mark_item": (
        lambda s: casereviews.mark_item(s, _own_review(s), "D1", 1, "未出示执法证件"), "data"),
    "casereviews.submit_review": (
        lambda s: casereviews.submit_review(s, _own_review(s)), "data"),
    "casereviews.discard_review": (
        lambda s: casereviews.discard_review(s, _own_review(s)), "data"),
    "casereviews.review_problems": (
        lambda s: casereviews.review_problems(s, _seeded_review(s), campaign_id=_campaign(s)),
        "data"),
    "casereviews.list_reviews": (lambda s: casereviews.list_reviews(s, _case_file(s)), None),
    "casereviews.get_review": (lambda s: casereviews.get_review(s, _seeded_review(s)), None),
    "casereviews.review_summary": (lambda s: casereviews.review_summary(s), None),
    "keys.list_keys": (lambda s: keys.list_keys(s), None),
    "keys.list_statements": (lambda s: keys.list_statements(s), None),
    "keys.create_own_key": (lambda s: keys.create_own_key(s, DEMO_PASSWORD), "data"),
    "keys.create_seal_key": (lambda s: keys.create_seal_key(s, DEMO_PASSWORD), "data"),
    "keys.give_seal_key": (
        lambda s: keys.give_seal_key(s, DEMO_PASSWORD, "officer2", DEMO_PASSWORD), "data"),
    "keys.rotate_key": (
        lambda s: keys.rotate_key(s, _own_key(s), DEMO_PASSWORD, "定期更换"), "data"),
    "keys.revoke_key": (lambda s: keys.revoke_key(s, _own_key(s), DEMO_PASSWORD, "调离"), "data"),
    "signing.sign_rows": (lambda s: signing.sign_rows(s, [_own_problem(s)], DEMO_PASSWORD),
                          "data"),
    "signing.row_signature_status": (
        lambda s: signing.row_signature_status(s, _own_problem(s)), None),
    "signing.list_row_signatures": (
        lambda s: signing.list_row_signatures(s, _own_problem(s)), None),
    "ledger_signing.review_ledger": (
        lambda s: ledger_signing.review_ledger(s, _campaign(s), DEMO_PASSWORD, _ledger_sha(s)),
        "data"),
    "ledger_signing.seal_ledger": (
        lambda s: ledger_signing.seal_ledger(s, _campaign(s), DEMO_PASSWORD, _ledger_sha(s)),
        "data"),
    "ledger_signing.ledger_state": (
        lambda s: ledger_signing.ledger_state(s, _campaign(s)), None),
    "keys.revoke_key_by_seal": (
        lambda s: keys.revoke_key_by_seal(s, _own_key(s, "officer"), DEMO_PASSWORD, "遗失口令"),
        "data"),
    "enrollment.public_key_file": (
        lambda s: enrollment.public_key_file(s, _own_key(s, "officer")), None),
    "enrollment.enrollment_file": (
        lambda s: enrollment.enrollment_file(s, _own_key(s), DEMO_PASSWORD), "event"),
    "enrollment.sign_file": (
        lambda s: enrollment.sign_file(s, _evidence_file(s), DEMO_PASSWORD), "event"),
    "form_data.ledger_form": (
        lambda s: form_data.ledger_form(s, "lookback", ledger_query.LedgerFilter(
            campaign_id=_campaign(s))), None),
    "form_data.selfcheck_form": (lambda s: form_data.selfcheck_form(s, _selfcheck(s)), None),
    "office_units.register_unit": (
        lambda s: office_units.register_unit(s, (s.store.path.parent.parent / "单位签章密钥登记.json")
                                             .read_text(encoding="utf-8")), "data"),
    "office_units.list_units": (lambda s: office_units.list_units(s), None),
    "office_import.verify_and_preview": (
        lambda s: office_import.verify_and_preview(s, s.store.path.parent.parent / "报送包.flpkg"),
        None),
    "office_import.import_package": (
        lambda s: office_import.import_package(
            s, s.store.path.parent.parent / "报送包.flpkg").changes, "data"),
    "office_import.list_packages": (lambda s: office_import.list_packages(s), None),
    "office_import.list_alarms": (lambda s: office_import.list_alarms(s), None),
    "office_import.unit_records": (
        lambda s: office_import.unit_records(s, "QH-632621-DW", "problems"), None),
    "office_browse.unit_source": (lambda s: office_browse.unit_source(s, "QH-632621-DW"), None),
    "office_browse.unit_ledger": (lambda s: office_browse.unit_ledger(s, "QH-632621-DW"), None),
    "office_browse.unit_revisions": (
        lambda s: office_browse.unit_revisions(s, "QH-632621-DW"), None),
    "office_browse.unit_selfchecks": (
        lambda s: office_browse.unit_selfchecks(s, "QH-632621-DW"), None),
    "office_browse.unit_reviews": (lambda s: office_browse.unit_reviews(s, "QH-632621-DW"), None),
    "office_browse.unit_browse": (lambda s: office_browse.unit_browse(s, "QH-632621-DW"), None),
    "office_browse.problem_detail": (
        lambda s: office_browse.problem_detail(s, "QH-632621-DW", _problem(s)), None),
    "training.add_trainings": (
        lambda s: training.add_trainings(
            s, [_person(s, "李海龙"), _person(s, "索南扎西")], date="2024-03-05",
            topic="法治讲堂：行政强制法", form="lecture", hours=3.5), "data"),
    "training.add_training": (
        lambda s: training.add_training(s, _person(s, "马文斌"), date="2024-03-06",
                                        topic="线上自学", form="online", hours=2), "data"),
    "training.update_training": (
        lambda s: training.update_training(s, _training(s), hours=2.5), "data"),
    "training.delete_training": (lambda s: training.delete_training(s, _training(s)), "data"),
    "training.list_trainings": (lambda s: training.list_trainings(s, 2024), None),
    "training.training_years": (lambda s: training.training_years(s), None),
    "training.year_totals": (lambda s: training.year_totals(s, 2024), None),
    "training.certificate_flags": (lambda s: training.certificate_flags(s), None),
    "training.reminders": (lambda s: training.reminders(s, date(2024, 6, 30)), None),
    "training.set_certificate": (
        lambda s: training.set_certificate(s, _person(s, "李海龙"), "valid", "2022-05-10",
                                           "2027-05-09"), "data"),
    "form_training.ledger_form": (lambda s: form_training.ledger_form(s, 2024), None),
    "form_training.hours_form": (lambda s: form_training.hours_form(s, 2024), None),
    "office_training.unit_training": (
        lambda s: office_training.unit_training(s, "QH-632621-DW"), None),
    "leads.create_lead": (
        lambda s: leads.create_lead(s, received_date="2024-06-03", channel="信箱",
                                    content="来信反映卸载收费未公示"), "data"),
    "leads.update_lead": (
        lambda s: leads.update_lead(s, _lead(s), handling="转一班核查"), "data"),
    "leads.close_lead": (lambda s: leads.close_lead(s, _lead(s), result="已答复来电人"), "data"),
    "leads.reopen_lead": (lambda s: leads.reopen_lead(s, _lead(s), "来电人再次反映"), "data"),
    "leads.delete_lead": (lambda s: leads.delete_lead(s, _lead(s)), "data"),
    "leads.problem_from_lead": (
        lambda s: leads.problem_from_lead(s, _lead(s), category="执法不规范"), "data"),
    "leads.link_problem": (lambda s: leads.link_problem(s, _lead(s), _problem(s)), "data"),
    "leads.list_leads": (lambda s: leads.list_leads(s), None),
    "leads.get_lead": (lambda s: leads.get_lead(s, _lead(s)), None),
    "leads.lead_counts": (lambda s: leads.lead_counts(s), None),
    "leads.link_candidates": (lambda s: leads.link_candidates(s, _lead(s)), None),
    "leads.unit_leads": (lambda s: leads.unit_leads(s, "QH-632621-DW"), None),
    "form_leads.clues_form": (lambda s: form_leads.clues_form(s), None),
    "package_contents.collect": (
        lambda s: list(package_contents.collect(
            s, campaign_id=_campaign(s), period=None, materials=("ledger", "audit"),
            since_seq=0, work_dir=_folder(s, "package-work"))), None),
    # export and write_again return what they wrote, not Changes: "event" here
    "package_out.export_package": (
        lambda s: package_out.export_package(s, _folder(s, "stick"), DEMO_PASSWORD,
                                             materials=("ledger",)), "event"),
    "package_out.write_again": (
        lambda s: package_out.write_again(s, one(s.store, "SELECT max(id) FROM package_outbox"),
                                          _folder(s, "stick2")), "event"),
    "package_out.mark_delivered": (
        lambda s: package_out.mark_delivered(
            s, [one(s.store, "SELECT max(id) FROM package_outbox")], "回执"), "data"),
    "package_out.list_outbox": (lambda s: package_out.list_outbox(s), None),
    "package_out.set_office_recipients": (
        lambda s: package_out.set_office_recipients(
            s, "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"), "data"),
    "form_data.casereview_form": (
        lambda s: form_data.casereview_form(s, _seeded_review(s)), None),
    # write_receipt returns the file it wrote: "event" here
    "receipts.write_receipt": (
        lambda s: receipts.write_receipt(s, "QH-632621-DW", DEMO_PASSWORD,
                                         _folder(s, "receipt-out")), "event"),
    "receipts.set_office": (
        lambda s: receipts.set_office(s, (s.store.path.parent.parent / "上级单位登记.json")
                                      .read_text(encoding="utf-8")), "data"),
    "receipts.office_info": (lambda s: receipts.office_info(s) or {}, None),
    "office_instructions.issue_letter": (
        lambda s: office_instructions.issue_letter(s, unit_code="QH-632621-DW",
                                                   number="矩阵测试〔2024〕2号",
                                                   problems=["暂扣车辆未出具决定书"]), "data"),
    "office_instructions.list_letters": (
        lambda s: office_instructions.list_letters(s, "issued"), None),
    "office_instructions.sent_instructions": (
        lambda s: office_instructions.sent_instructions(s), None),
    "office_instructions.write_instructions": (
        lambda s: office_instructions.write_instructions(
            s, "QH-632621-DW", DEMO_PASSWORD, _folder(s, "instructions-out"),
            letter_ids=[one(s.store, "SELECT max(id) FROM supervision_letters")]), "data"),
    "instructions.read_instructions": (
        lambda s: instructions.read_instructions(s, s.store.path.parent.parent / "来文.json"),
        None),
    "instructions.import_instructions": (
        lambda s: instructions.import_instructions(s, s.store.path.parent.parent / "来文.json"),
        "data"),
    "instructions.received_letters": (lambda s: instructions.received_letters(s), None),
    "instructions.imported_instructions": (lambda s: instructions.imported_instructions(s), None),
    "letters.get_letter": (lambda s: letters.get_letter(s, _received(s)), None),
    "letters.save_answer": (
        lambda s: letters.save_answer(s, _received(s, 1), "矩阵测试：已整改。"), "data"),
    "letters.add_answer_file": (
        lambda s: letters.add_answer_file(s, one(s.store, "SELECT max(id) FROM letter_answers"),
                                          _evidence_file(s)), "data"),
    "letters.remove_answer_file": (
        lambda s: letters.remove_answer_file(
            s, one(s.store, "SELECT max(id) FROM letter_answer_files")), "data"),
    "letters.answer_to_sign": (lambda s: letters.answer_to_sign(s, _received(s, 1)), None),
    "letters.sign_answer": (
        lambda s: letters.sign_answer(s, _received(s, 1), DEMO_PASSWORD, _answer_sha(s)), "data"),
    "letter_problems.problems_from_letter": (
        lambda s: letter_problems.problems_from_letter(s, _received(s), [1]), "data"),
    "letter_forms.letter_form": (lambda s: letter_forms.letter_form(s, _received(s)), None),
    "letter_forms.office_letter_form": (
        lambda s: letter_forms.office_letter_form(s, _issued(s)), None),
    "office_letters.letter_answers_at_office": (
        lambda s: office_letters.letter_answers_at_office(s), None),
    "office_letters.office_letter": (lambda s: office_letters.office_letter(s, _issued(s)), None),
    "receipts.import_receipt": (
        lambda s: receipts.import_receipt(s, s.store.path.parent.parent / "回执.json"), "data"),
    "office_stats.materials_table": (
        lambda s: office_stats.materials_table(s, _campaign(s), as_of=date(2024, 6, 30)), None),
    "office_stats.materials_table_form": (
        lambda s: office_stats.materials_table_form(s, _campaign(s), as_of=date(2024, 6, 30)),
        None),
    "office_stats.cases_table": (
        lambda s: office_stats.cases_table(s, (date(2024, 1, 1), date(2024, 6, 30))), None),
    "office_stats.cases_table_form": (
        lambda s: office_stats.cases_table_form(s, (date(2024, 1, 1), date(2024, 6, 30))), None),
    "office_keys.create_decryption_key": (
        lambda s: office_keys.create_decryption_key(s, DEMO_PASSWORD), "data"),
    "office_keys.give_decryption_key": (
        lambda s: office_keys.give_decryption_key(s, DEMO_PASSWORD, "officer2", DEMO_PASSWORD),
        "data"),
    "office_keys.unlock_identities": (
        lambda s: office_keys.unlock_identities(s, DEMO_PASSWORD), None),
    "office_keys.list_decryption_keys": (lambda s: office_keys.list_decryption_keys(s), None),
    "office_keys.recipients_file": (lambda s: office_keys.recipients_file(s), None),
    "briefs.create_brief": (
        lambda s: briefs.create_brief(s, period="2024-06", title="矩阵测试：六月简报"), "data"),
    "briefs.update_brief": (
        lambda s: briefs.update_brief(s, reports.draft(s), body="改写的正文。"), "data"),
    "briefs.finalise_brief": (lambda s: briefs.finalise_brief(s, reports.draft(s)), "data"),
    "briefs.reopen_brief": (lambda s: briefs.reopen_brief(s, reports.final(s)), "data"),
    "briefs.delete_brief": (lambda s: briefs.delete_brief(s, reports.draft(s)), "data"),
    "briefs.list_briefs": (lambda s: briefs.list_briefs(s), None),
    "briefs.get_brief": (lambda s: briefs.get_brief(s, reports.draft(s)), None),
    "briefs.add_photo": (
        lambda s: briefs.add_photo(s, reports.draft(s), reports.photo_file(s), "路面巡查"),
        "data"),
    "briefs.set_caption": (lambda s: briefs.set_caption(s, reports.brief_photo(s), "新说明"),
                           "data"),
    "briefs.remove_photo": (lambda s: briefs.remove_photo(s, reports.brief_photo(s)), "data"),
    "schedule.list_items": (lambda s: schedule.list_items(s, None, "2024-05"), None),
    "schedule.periods": (lambda s: schedule.periods(s, None), None),
    "schedule.save_items": (
        lambda s: schedule.save_items(s, None, "2024-05", [{"task": "矩阵测试任务"}]), "data"),
    "schedule.copy_previous": (lambda s: schedule.copy_previous(s, None, "2024-06"), "data"),
    "case_stats.compute": (lambda s: case_stats.compute(s, "2024-05"), None),
    "case_stats.list_months": (lambda s: case_stats.list_months(s), None),
    "case_stats.save_month": (lambda s: case_stats.save_month(s, "2024-06", actual=3), "data"),
    "case_stats.delete_month": (lambda s: case_stats.delete_month(s, "2024-05"), "data"),
    "reminders.due_items": (lambda s: reminders.due_items(s, date(2024, 6, 1)), None),
    "reminders.late_work": (lambda s: reminders.late_work(s, date(2024, 6, 1)), None),
    "form_brief.brief_form": (lambda s: form_brief.brief_form(s, reports.draft(s)), None),
    "form_reports.schedule_form": (lambda s: form_reports.schedule_form(s, None, "2024-05"),
                                   None),
    "form_reports.case_stats_form": (lambda s: form_reports.case_stats_form(s), None),
    "office_reports.unit_reports": (
        lambda s: office_reports.unit_reports(s, "QH-632621-DW"), None),
}


def test_every_operation_module_is_loaded() -> None:
    """Each models module that declares an operation is one load_operations() imports."""
    declaring = sorted(path.stem for path in (ROOT / "models").glob("*.py")
                       if re.search(r"^@operation\(", path.read_text(encoding="utf-8"),
                                           re.MULTILINE))
    assert "problems" in declaring
    assert not set(declaring) - set(OPERATION_MODULES), (
        f"add these modules to OPERATION_MODULES in models/permissions.py: "
        f"{sorted(set(declaring) - set(OPERATION_MODULES))}")
    assert {name.split(".")[0] for name in OPERATIONS} == set(OPERATION_MODULES)


def test_every_operation_has_arguments() -> None:
    assert len(OPERATIONS) >= 26
    missing = sorted(set(OPERATIONS) - set(CALLS))
    assert not missing, f"add these operations to CALLS in {__file__}: {missing}"
    assert not set(CALLS) - set(OPERATIONS), "CALLS names an operation that no longer exists"


def test_demo_accounts_have_one_role_each(demo: Store) -> None:
    rows = dict(demo.conn.execute("SELECT username, roles FROM accounts").fetchall())
    assert rows == {user: role.value for role, user in ROLE_USERS.items()} | {"officer2": "officer"}


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_operation_with_role(name: str, role: Role, demo: Store) -> None:
    if name not in CALLS:
        pytest.fail(f"operation {name} has no arguments in CALLS")
    func, permission = OPERATIONS[name]
    assert func.permission is permission  # type: ignore[attr-defined]
    call, writes = CALLS[name]
    seed(demo, name)  # for the operations on an existing problem or evidence
    session = login_as(demo, ROLE_USERS[role])
    assert session.roles == {role}
    head_before = audit.head(demo.conn)

    if role in permission.roles:
        result = call(session)
        head_after = audit.head(demo.conn)
        if writes:
            assert head_after[0] > head_before[0], f"{name} wrote nothing"
            # Changes is true when business data changed (other results change none)
            changed = bool(result) if isinstance(result, Changes) else False
            assert changed == (writes == "data"), result
        else:
            assert head_after == head_before, f"{name} is a read but wrote to the log"
            assert result is not None
        assert demo.verify_audit().ok
    else:
        with pytest.raises(PermissionDenied) as info:
            call(session)
        message = str(info.value)
        assert is_chinese(message)
        assert f"“{permission.label}”" in message
        for r in permission.roles:
            assert ROLE_LABELS[r] in message
        assert audit.head(demo.conn) == head_before, f"{name} denied to {role} but wrote"


def test_permission_check_runs_before_validation(demo: Store) -> None:
    """A denied role learns nothing from the arguments: even bad input gives PermissionDenied."""
    officer = login_as(demo, "officer")
    with pytest.raises(PermissionDenied):
        accounts.create_account(officer, username="", password="x", roles=["nonsense"])
    with pytest.raises(PermissionDenied):
        directory.update_unit(officer, 999999, level="galaxy")
    with pytest.raises(PermissionDenied):
        problems.bulk_update(officer, [999999], deadline="not a date")
    admin = login_as(demo, "admin")
    with pytest.raises(PermissionDenied):
        problems.transition(admin, 999999, "nonsense")
    with pytest.raises(PermissionDenied):
        problems.create_problem(admin, campaign_id=999999, category="", issue="")


# --- login throttling and lock-out ----------------------------------------------------------------

def attempt(store: Store, user: str, password: str, clock: Clock) -> type[Exception] | None:
    try:
        login(store, user, password, clock=clock)
    except (AuthenticationFailed, LoginThrottled, AccountLocked, AccountDisabled) as exc:
        return type(exc)
    return None


def failure_script(store: Store, user: str) -> list[object]:
    """A fixed sequence of tries; what each gives (error class or None for a login)."""
    clock = Clock()
    out: list[object] = []
    for _ in range(3):
        out.append(attempt(store, user, "wrong-password", clock))
    out.append(attempt(store, user, "wrong-password", clock))   # at once: throttled
    clock.advance(1.01)
    out.append(attempt(store, user, "wrong-password", clock))   # 4th failure, waits 2 s
    out.append(attempt(store, user, "wrong-password", clock))   # throttled again
    clock.advance(2.01)
    out.append(attempt(store, user, "wrong-password", clock))   # 5th failure: locked
    out.append(attempt(store, user, DEMO_PASSWORD, clock))      # even the right one
    clock.advance(LOCK_SECONDS - 60)
    out.append(attempt(store, user, DEMO_PASSWORD, clock))      # still locked
    clock.advance(61)
    out.append(attempt(store, user, DEMO_PASSWORD, clock))      # lock over
    return out


EXPECTED_SCRIPT = [AuthenticationFailed] * 3 + [LoginThrottled, AuthenticationFailed,
                                                LoginThrottled, AuthenticationFailed,
                                                AccountLocked, AccountLocked, None]


def test_wrong_password_throttle_and_lock(demo: Store) -> None:
    assert failure_script(demo, "officer") == EXPECTED_SCRIPT
    assert demo.conn.execute("SELECT count(*) FROM login_attempts").fetchone()[0] == 0
    failed = demo.conn.execute("SELECT count(*) FROM audit_log WHERE action = 'login_failed'"
                               " AND row_key = 'user:officer'").fetchone()[0]
    assert failed == 5
    assert demo.verify_audit().ok


def test_throttle_and_lock_messages(demo: Store) -> None:
    clock = Clock()
    for _ in range(3):
        with pytest.raises(AuthenticationFailed, match="用户名或密码不正确"):
            login(demo, "reviewer", "wrong-password", clock=clock)
    with pytest.raises(LoginThrottled) as throttled:
        login(demo, "reviewer", DEMO_PASSWORD, clock=clock)
    assert "1 秒后再试" in str(throttled.value)
    for _ in range(2):
        clock.advance(60)
        with pytest.raises(AuthenticationFailed):
            login(demo, "reviewer", "wrong-password", clock=clock)
    with pytest.raises(AccountLocked) as locked:
        login(demo, "reviewer", DEMO_PASSWORD, clock=clock)
    assert "连续错误 5 次" in str(locked.value) and "15 分钟" in str(locked.value)


def test_unknown_user_is_throttled_like_a_known_one(demo: Store) -> None:
    assert failure_script(demo, "nobody")[:-1] == EXPECTED_SCRIPT[:-1]
    # ... and the messages are the same, so a guesser cannot tell the names apart
    clock_a, clock_b = Clock(), Clock()
    for _ in range(3):
        attempt(demo, "officer2", "wrong-password", clock_a)
        attempt(demo, "ghost", "wrong-password", clock_b)
    msgs = []
    for user, clock in (("officer2", clock_a), ("ghost", clock_b)):
        with pytest.raises(LoginThrottled) as info:
            login(demo, user, "wrong-password", clock=clock)
        msgs.append(str(info.value))
    assert msgs[0] == msgs[1]


def test_admin_unlock_clears_the_lock(demo: Store) -> None:
    clock = Clock()
    for _ in range(5):
        clock.advance(120)
        assert attempt(demo, "officer", "wrong-password", clock) is AuthenticationFailed
    assert attempt(demo, "officer", DEMO_PASSWORD, clock) is AccountLocked
    admin = login_as(demo, "admin")
    accounts.unlock(admin, "officer")
    session = login(demo, "officer", DEMO_PASSWORD, clock=clock)
    assert session.username == "officer"
    assert demo.conn.execute("SELECT 1 FROM audit_log WHERE action = 'unlock'"
                             " AND row_key = 'user:officer'").fetchone()


def test_reset_password_also_clears_the_lock(demo: Store) -> None:
    clock = Clock()
    for _ in range(5):
        clock.advance(120)
        attempt(demo, "officer2", "wrong-password", clock)
    admin = login_as(demo, "admin")
    accounts.reset_password(admin, one(demo, "SELECT id FROM accounts WHERE username = 'officer2'"),
                            "fresh-pass-42")
    assert login(demo, "officer2", "fresh-pass-42", clock=clock).username == "officer2"
    with pytest.raises(AuthenticationFailed):
        login(demo, "officer2", DEMO_PASSWORD, clock=clock)


def test_disabled_account_cannot_log_in(demo: Store) -> None:
    admin = login_as(demo, "admin")
    officer_id = one(demo, "SELECT id FROM accounts WHERE username = 'officer'")
    accounts.set_active(admin, officer_id, False)
    with pytest.raises(AccountDisabled) as info:
        login(demo, "officer", DEMO_PASSWORD)
    assert "已停用" in str(info.value)
    with pytest.raises(AuthenticationFailed):  # a wrong password reveals nothing more
        login(demo, "officer", "wrong-password")
    accounts.set_active(admin, officer_id, True)
    assert login(demo, "officer", DEMO_PASSWORD).username == "officer"


def test_last_admin_is_kept(demo: Store) -> None:
    admin = login_as(demo, "admin")
    admin_id = admin.account_id
    head = audit.head(demo.conn)
    with pytest.raises(ValidationError, match="最后一个有效的管理员"):
        accounts.set_active(admin, admin_id, False)
    with pytest.raises(ValidationError, match="最后一个有效的管理员"):
        accounts.set_roles(admin, admin_id, ["chief"])
    assert audit.head(demo.conn) == head
    assert one(demo, "SELECT roles FROM accounts WHERE id = ?", admin_id) == "admin"

    # with a second admin, the first may step down
    chief_id = one(demo, "SELECT id FROM accounts WHERE username = 'chief'")
    accounts.set_roles(admin, chief_id, ["chief", "admin"])
    accounts.set_roles(admin, admin_id, ["officer"])
    chief = login_as(demo, "chief")
    with pytest.raises(ValidationError):  # now the chief is the last admin
        accounts.set_active(chief, chief_id, False)
    assert demo.verify_audit().ok


def test_setup_runs_once(demo: Store) -> None:
    head = audit.head(demo.conn)
    with pytest.raises(AlreadySetUp) as info:
        setup_installation(demo, unit={"name": "另一个单位", "code": "X-1", "level": "station"},
                           chief={"name": "某人"}, username="intruder", password="intruder-pw-1")
    assert is_chinese(str(info.value))
    assert audit.head(demo.conn) == head
    assert not demo.conn.execute("SELECT 1 FROM accounts WHERE username = 'intruder'").fetchone()


def test_setup_on_empty_store_then_refused(store: Store) -> None:
    session = setup_installation(
        store, unit={"name": "大武超限检测站", "code": "DW-1", "level": "station",
                     "parent": {"name": "玛沁县大队", "code": "MQ-1", "level": "county"}},
        chief={"name": "站长甲", "phone": "0975-1234567"}, username="boss", password="boss-pass-1")
    assert session.roles == {Role.CHIEF, Role.ADMIN}
    assert login(store, "boss", "boss-pass-1").account_id == session.account_id
    with pytest.raises(AlreadySetUp):
        setup_installation(store, unit={"name": "另一个", "code": "DW-2", "level": "station"},
                           chief={"name": "乙"}, username="boss2", password="boss-pass-2")
    assert store.verify_audit().ok


def test_passwords_are_stored_as_scrypt(demo: Store) -> None:
    for username, stored in demo.conn.execute("SELECT username, password_hash FROM accounts"):
        scheme, n, r, p, salt, digest = stored.split("$")
        assert scheme == "scrypt" and salt and digest, username
        assert DEMO_PASSWORD not in stored
        assert passwords.check_password(DEMO_PASSWORD, stored)
        assert not passwords.check_password(DEMO_PASSWORD + "x", stored)
    hashes = [h for (h,) in demo.conn.execute("SELECT password_hash FROM accounts")]
    assert len(set(hashes)) == len(hashes)  # salted: same password, different hashes


def test_production_scrypt_cost() -> None:
    """Without the tests' speed-up, new hashes use n >= 2**14 (32 MiB class memory-hard)."""
    probe = ("import json, models.passwords as p; h = p.hash_password('correct horse 1');"
             " print(json.dumps({'n': p.SCRYPT_N, 'r': p.SCRYPT_R, 'hash': h,"
             " 'ok': p.check_password('correct horse 1', h)}))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["n"] >= 2 ** 14 and data["r"] >= 8
    scheme, n, r, _p, _salt, _digest = data["hash"].split("$")
    assert scheme == "scrypt" and int(n) == data["n"] and int(r) == data["r"]
    assert data["ok"] is True


def test_password_rule() -> None:
    for bad in ("short1", "11111111", "12121212"):
        with pytest.raises(ValidationError) as info:
            passwords.check_rule(bad)
        assert is_chinese(str(info.value))
    passwords.check_rule("demo1234")

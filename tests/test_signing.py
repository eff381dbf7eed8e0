"""责任人签字: signing one's own ledger rows (all or nothing), and the status of a row's
signature: valid, stale after changes through the app, invalid after a change behind the app's
back (the real sqlite3 tool) or a tampered signature or envelope."""
from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import login_as
from core_helpers import is_chinese, sqlite_cli

from models import audit, keys, problems, signing
from models.demo import DEMO_PASSWORD
from models.errors import ValidationError
from models.session import Session
from models.store import Store, open_store

QINGHAI_DOC_NO = "青交执法监法〔2023〕30号"


def _campaign(store: Store) -> int:
    return store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                              (QINGHAI_DOC_NO,)).fetchone()[0]


def _new_problem(store: Store, owner: Session, issue: str = "超限检测站存在下达罚没指标的情况") -> int:
    chief = login_as(store, "chief")
    changes = problems.create_problem(
        chief, campaign_id=_campaign(store), category="逐利执法", issue=issue,
        manifestation="按月下达罚款任务。", measures="取消罚款指标", responsible_dept="综合办公室",
        responsible_person_id=owner.person_id, deadline="2023-07-20")
    return int(next(iter(changes.rows["problems"])))


def _signed(store: Store) -> tuple[Session, int]:
    officer = login_as(store, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    pid = _new_problem(store, officer)
    signing.sign_rows(officer, [pid], DEMO_PASSWORD)
    return officer, pid


def _count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM signatures").fetchone()[0]


def test_sign_own_rows_valid(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    first, second = _new_problem(demo, officer), _new_problem(demo, officer, "第二个问题")
    changes = signing.sign_rows(officer, [first, second], DEMO_PASSWORD)
    assert "signatures" in changes.tables
    for pid in (first, second):
        state = signing.row_signature_status(officer, pid)
        assert state["status"] == "valid", state
        rows = signing.list_row_signatures(officer, pid)
        assert len(rows) == 1 and rows[0]["status"] == "valid"
        env = json.loads(rows[0]["envelope"])
        assert env["meaning"] == "责任人确认" and env["subject"] == f"problem:{pid}"
        assert env["signer"] == {"person_id": officer.person_id, "name": "李海龙"}
        assert env["role"] == "officer" and env["format"] == signing.CONTENT_FORMAT
        content = json.loads(rows[0]["content"])
        assert content["responsible_person_name"] == "李海龙"
        assert content["format"] == signing.CONTENT_FORMAT
        assert rows[0]["envelope"] == json.dumps(env, ensure_ascii=False, sort_keys=True,
                                                 separators=(",", ":"))
        # audit_seq is the entry that stored the signature
        entry = demo.conn.execute("SELECT tbl, row_key FROM audit_log WHERE seq = ?",
                                  (rows[0]["audit_seq"],)).fetchone()
        assert entry == ("signatures", str(rows[0]["id"]))
    # a progress note touches only updated_at: still valid
    problems.add_progress_note(officer, first, "已召开专题会议")
    assert signing.row_signature_status(officer, first)["status"] == "valid"
    assert demo.verify_audit().ok


def test_unsigned(demo: Store) -> None:
    officer = login_as(demo, "officer")
    pid = _new_problem(demo, officer)
    assert signing.row_signature_status(officer, pid)["status"] == "unsigned"
    assert signing.list_row_signatures(officer, pid) == []


def test_someone_elses_row_refused_nothing_signed(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    mine = _new_problem(demo, officer)
    theirs = _new_problem(demo, login_as(demo, "officer2"), "别人的问题")
    head = audit.head(demo.conn)
    with pytest.raises(ValidationError) as info:
        signing.sign_rows(officer, [mine, theirs], DEMO_PASSWORD)
    assert is_chinese(str(info.value)) and str(theirs) in str(info.value)
    assert _count(demo) == 0 and audit.head(demo.conn) == head


def test_wrong_passphrase_nothing_signed(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    pid = _new_problem(demo, officer)
    with pytest.raises(keys.KeyPassphraseWrong):
        signing.sign_rows(officer, [pid], "not-the-password")
    assert _count(demo) == 0
    assert signing.row_signature_status(officer, pid)["status"] == "unsigned"


#: Each signed column and a new value written behind the app's back.
TAMPER: dict[str, str] = {
    "campaign_id": "campaign_id = campaign_id + 1000",
    "unit_id": "unit_id = unit_id + 1000",
    "seq_no": "seq_no = 999",
    "category": "category = '执法不规范'",
    "issue": "issue = issue || '（已改）'",
    "manifestation": "manifestation = '无'",
    "measures": "measures = '无需整改'",
    "responsible_dept": "responsible_dept = '二班'",
    "responsible_person_id": "responsible_person_id = "
                             "(SELECT id FROM people WHERE name = '索南扎西')",
    "deadline": "deadline = '2030-01-01'",
    "completion": "completion = '已全部完成'",
    "effective": "effective = 'yes'",
    "rebound": "rebound = 1",
    "rebound_measures": "rebound_measures = '已处理'",
    "status": "status = 'closed'",
}


def test_every_signed_field_is_tampered() -> None:
    assert set(TAMPER) == set(signing.CONTENT_FIELDS)


@pytest.mark.parametrize("field", sorted(TAMPER))
def test_change_with_sqlite3_tool_is_invalid(field: str, demo_dir: Any) -> None:
    store = open_store(demo_dir)
    try:
        officer, pid = _signed(store)
        assert signing.row_signature_status(officer, pid)["status"] == "valid"
    finally:
        store.close()
    sqlite_cli(demo_dir.database, f"UPDATE problems SET {TAMPER[field]} WHERE id = {pid}")
    store = open_store(demo_dir)
    try:
        officer = login_as(store, "officer")
        assert signing.row_signature_status(officer, pid)["status"] == "invalid"
        # and also after a later change through the app
        problems.add_progress_note(officer, pid, "继续整改")
        assert signing.row_signature_status(officer, pid)["status"] == "invalid"
    finally:
        store.close()


def test_renaming_the_person_with_sqlite3_tool_is_invalid(demo_dir: Any) -> None:
    store = open_store(demo_dir)
    try:
        _officer, pid = _signed(store)
    finally:
        store.close()
    sqlite_cli(demo_dir.database, "UPDATE people SET name = '李海' WHERE name = '李海龙'")
    store = open_store(demo_dir)
    try:
        state = signing.row_signature_status(login_as(store, "chief"), pid)
        assert state["status"] == "invalid"
    finally:
        store.close()


def test_change_through_the_app_is_stale(demo: Store) -> None:
    officer, pid = _signed(demo)
    problems.update_problem(officer, pid, measures="取消全部罚款指标", completion="已取消")
    state = signing.row_signature_status(officer, pid)
    assert state["status"] == "stale"
    assert state["changes"] == 1 and state["fields"] == ["measures", "completion"]
    problems.transition(officer, pid, "in_progress")
    state = signing.row_signature_status(officer, pid)
    assert state["status"] == "stale"
    assert state["changes"] == 2 and state["fields"] == ["measures", "completion", "status"]
    # signing again makes the newest signature valid; the old one stays stale
    signing.sign_rows(officer, [pid], DEMO_PASSWORD)
    assert signing.row_signature_status(officer, pid)["status"] == "valid"
    assert [r["status"] for r in signing.list_row_signatures(officer, pid)] == ["stale", "valid"]
    # a change through the app and then one behind its back: invalid
    problems.update_problem(officer, pid, responsible_dept="一班")
    assert signing.row_signature_status(officer, pid)["status"] == "stale"
    demo.conn.execute("UPDATE problems SET issue = '改过' WHERE id = ?", (pid,))
    assert signing.row_signature_status(officer, pid)["status"] == "invalid"


def _tamper_signature(value: str) -> str:
    import base64
    raw = bytearray(base64.b64decode(value))
    raw[0] ^= 1
    return base64.b64encode(bytes(raw)).decode("ascii")


@pytest.mark.parametrize("what", ["signature", "envelope", "content", "key_id", "garbage"])
def test_tampered_signature_is_invalid(what: str, demo_dir: Any) -> None:
    store = open_store(demo_dir)
    try:
        _officer, pid = _signed(store)
        row = store.query("SELECT * FROM signatures")[0]
    finally:
        store.close()
    env = json.loads(row["envelope"])
    if what == "signature":
        sql = f"UPDATE signatures SET signature = '{_tamper_signature(row['signature'])}'"
    elif what == "envelope":
        env["signed_at"] = "2020-01-01 00:00:00"
        text = json.dumps(env, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        sql = f"UPDATE signatures SET envelope = '{text}'"
    elif what == "content":
        content = json.loads(row["content"])
        content["issue"] = "别的内容"
        sql = ("UPDATE signatures SET content = '"
               + json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
               + "'")
    elif what == "key_id":
        sql = "UPDATE signatures SET key_id = '" + "0" * 32 + "'"
    else:
        sql = "UPDATE signatures SET signature = 'not base64!'"
    sqlite_cli(demo_dir.database, sql)
    store = open_store(demo_dir)
    try:
        state = signing.row_signature_status(login_as(store, "officer"), pid)
        assert state["status"] == "invalid"
    finally:
        store.close()


def test_canonical_content_is_nfc_and_compact() -> None:
    decomposed = "e\u0301"
    text = signing.canonical_bytes({"b": decomposed, "a": 1}).decode("utf-8")
    assert text == '{"a":1,"b":"\u00e9"}'

"""审核 and 单位盖章 over frozen ledger revisions: roles, the hash the signer saw, frozen
revisions, stale after a change through the app with what changed, invalid after tampering, and
revocation (a signature made before it stands, one stored after it does not)."""
from __future__ import annotations

import base64
import json
import sqlite3

import pytest
from conftest import login_as
from core_helpers import is_chinese, sqlite_cli

from models import keys, ledger_signing, problems, signing
from models.demo import DEMO_PASSWORD
from models.errors import PermissionDenied, ValidationError
from models.store import Store

QINGHAI_DOC_NO = "青交执法监法〔2023〕30号"


def _campaign(store: Store) -> int:
    return store.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                              (QINGHAI_DOC_NO,)).fetchone()[0]


@pytest.fixture
def demo(demo: Store) -> Store:
    """The demo with a ledger of three problems in the 2023 campaign."""
    chief = login_as(demo, "chief")
    campaign = _campaign(demo)
    for user, category, issue in (("officer", "逐利执法", "下达或变相下达罚没指标"),
                                  ("officer2", "执法不规范", "随意拦车扣车"),
                                  ("officer", "执法方式简单僵化", "以罚代管、一罚了之")):
        person = login_as(demo, user).person_id
        problems.create_problem(chief, campaign_id=campaign, category=category, issue=issue,
                                manifestation="检查发现。", measures="制定整改方案",
                                responsible_dept="综合办公室", responsible_person_id=person,
                                deadline="2023-07-20")
    return demo


def _keys(store: Store) -> None:
    keys.create_own_key(login_as(store, "reviewer"), DEMO_PASSWORD)
    keys.create_seal_key(login_as(store, "chief"), DEMO_PASSWORD)


def _review(store: Store, campaign: int) -> dict:
    reviewer = login_as(store, "reviewer")
    state = ledger_signing.ledger_state(reviewer, campaign)
    ledger_signing.review_ledger(reviewer, campaign, DEMO_PASSWORD, state["sha256"])
    return ledger_signing.ledger_state(reviewer, campaign)


def _seal(store: Store, campaign: int) -> dict:
    chief = login_as(store, "chief")
    state = ledger_signing.ledger_state(chief, campaign)
    ledger_signing.seal_ledger(chief, campaign, DEMO_PASSWORD, state["sha256"])
    return ledger_signing.ledger_state(chief, campaign)


def test_review_then_seal_sign_one_frozen_revision(demo: Store) -> None:
    _keys(demo)
    campaign = _campaign(demo)
    before = ledger_signing.ledger_state(login_as(demo, "officer"), campaign)
    assert before["latest"] is None and before["draft"] == 1 and before["rows"]
    assert before["totals"]["rows"] == len(before["rows"])
    assert sum(before["totals"]["by_status"].values()) == len(before["rows"])
    state = _review(demo, campaign)
    assert state["latest"] == 1 and state["current"] and state["draft"] is None
    state = _seal(demo, campaign)
    assert len(state["revisions"]) == 1, "the seal signs the revision the reviewer signed"
    sigs = state["revisions"][0]["signatures"]
    assert [(s["meaning"], s["status"], s["role"]) for s in sigs] == [
        ("审核", "valid", "reviewer"), ("单位盖章", "valid", "chief")]
    assert sigs[0]["name"] == "马文斌" and sigs[1]["name"] == "才让东智"
    revision = demo.conn.execute("SELECT content, content_sha256 FROM ledger_revisions"
                                 ).fetchone()
    content = json.loads(revision[0])
    assert content["format"] == ledger_signing.LEDGER_FORMAT
    assert [r["seq_no"] for r in content["rows"]] == sorted(r["seq_no"] for r in content["rows"])
    assert signing.sha256_hex(revision[0].encode("utf-8")) == revision[1] == state["sha256"]
    assert demo.verify_audit().ok


def test_a_signed_revision_cannot_change(demo: Store) -> None:
    _keys(demo)
    _review(demo, _campaign(demo))
    for sql in ("UPDATE ledger_revisions SET content = '{}'", "DELETE FROM ledger_revisions"):
        with pytest.raises(sqlite3.IntegrityError):
            demo.conn.execute(sql)
    assert demo.conn.execute("SELECT count(*) FROM ledger_revisions").fetchone()[0] == 1


def test_edit_after_signing_starts_a_draft_and_reads_stale(demo: Store) -> None:
    _keys(demo)
    campaign = _campaign(demo)
    _review(demo, campaign)
    chief = login_as(demo, "chief")
    first = ledger_signing.ledger_state(chief, campaign)["rows"][0]
    problems.update_problem(chief, first["problem_id"], measures="召开专题会议，逐项整改")
    problems.create_problem(chief, campaign_id=campaign, category="逐利执法",
                            issue="新增问题：罚没款收缴不规范")
    state = ledger_signing.ledger_state(chief, campaign)
    assert state["latest"] == 1 and not state["current"] and state["draft"] == 2
    assert [s["status"] for s in state["revisions"][0]["signatures"]] == ["stale"]
    changes = state["changes"]
    assert changes["count"] == 2 and len(changes["added"]) == 1 and not changes["removed"]
    assert changes["changed"] == [{"problem_id": first["problem_id"], "seq_no": first["seq_no"],
                                   "fields": ["measures"]}]
    # the frozen revision still holds what was signed
    frozen = json.loads(demo.conn.execute("SELECT content FROM ledger_revisions").fetchone()[0])
    assert frozen["rows"][0]["measures"] == first["measures"]
    # sealing now freezes revision 2; revision 1 keeps its (stale) review
    state = _seal(demo, campaign)
    assert [r["rev_no"] for r in state["revisions"]] == [1, 2] and state["current"]
    assert [s["status"] for s in state["revisions"][1]["signatures"]] == ["valid"]
    assert [s["status"] for s in state["revisions"][0]["signatures"]] == ["stale"]


def test_refuses_when_the_ledger_changed_after_it_was_shown(demo: Store) -> None:
    _keys(demo)
    campaign = _campaign(demo)
    reviewer = login_as(demo, "reviewer")
    shown = ledger_signing.ledger_state(reviewer, campaign)["sha256"]
    chief = login_as(demo, "chief")
    row = ledger_signing.ledger_state(chief, campaign)["rows"][0]
    problems.update_problem(chief, row["problem_id"], completion="已完成整改")
    with pytest.raises(ValidationError) as err:
        ledger_signing.review_ledger(reviewer, campaign, DEMO_PASSWORD, shown)
    assert is_chinese(str(err.value)) and "重新打开" in str(err.value)
    assert demo.conn.execute("SELECT count(*) FROM ledger_revisions").fetchone()[0] == 0
    assert demo.conn.execute("SELECT count(*) FROM signatures").fetchone()[0] == 0


def test_wrong_passphrase_signs_nothing(demo: Store) -> None:
    _keys(demo)
    campaign = _campaign(demo)
    reviewer = login_as(demo, "reviewer")
    sha = ledger_signing.ledger_state(reviewer, campaign)["sha256"]
    with pytest.raises(keys.KeyPassphraseWrong):
        ledger_signing.review_ledger(reviewer, campaign, "wrong-password", sha)
    assert demo.conn.execute("SELECT count(*) FROM ledger_revisions").fetchone()[0] == 0
    assert demo.conn.execute("SELECT count(*) FROM signatures").fetchone()[0] == 0


def test_twice_by_the_same_signer_is_refused(demo: Store) -> None:
    _keys(demo)
    campaign = _campaign(demo)
    state = _review(demo, campaign)
    with pytest.raises(ValidationError) as err:
        ledger_signing.review_ledger(login_as(demo, "reviewer"), campaign, DEMO_PASSWORD,
                                     state["sha256"])
    assert "第 1 版" in str(err.value)


@pytest.mark.parametrize("user,action,allowed", [
    ("reviewer", "review_ledger", True), ("chief", "review_ledger", False),
    ("officer", "review_ledger", False), ("admin", "review_ledger", False),
    ("chief", "seal_ledger", True), ("reviewer", "seal_ledger", False),
    ("officer", "seal_ledger", False), ("admin", "seal_ledger", False)])
def test_roles(demo: Store, user: str, action: str, allowed: bool) -> None:
    """Only a reviewer signs 审核; only a chief seals."""
    _keys(demo)
    keys.create_own_key(login_as(demo, "officer"), DEMO_PASSWORD)
    campaign = _campaign(demo)
    session = login_as(demo, user)
    sha = ledger_signing.ledger_state(session, campaign)["sha256"]
    if allowed:
        getattr(ledger_signing, action)(session, campaign, DEMO_PASSWORD, sha)
        assert demo.conn.execute("SELECT count(*) FROM signatures").fetchone()[0] == 1
    else:
        with pytest.raises(PermissionDenied):
            getattr(ledger_signing, action)(session, campaign, DEMO_PASSWORD, sha)
        assert demo.conn.execute("SELECT count(*) FROM signatures").fetchone()[0] == 0


def test_seal_needs_the_seal_key(demo: Store) -> None:
    campaign = _campaign(demo)
    chief = login_as(demo, "chief")
    sha = ledger_signing.ledger_state(chief, campaign)["sha256"]
    with pytest.raises(keys.SealKeyMissing):
        ledger_signing.seal_ledger(chief, campaign, DEMO_PASSWORD, sha)


def test_tampered_revision_or_signature_is_invalid(demo_dir, demo: Store) -> None:
    _keys(demo)
    campaign = _campaign(demo)
    _review(demo, campaign)
    demo.close()
    database = demo_dir.database
    # the frozen content edited behind the app's back (dropping the trigger first)
    sqlite_cli(database, "DROP TRIGGER ledger_revisions_frozen_update;"
               " UPDATE ledger_revisions SET content = replace(content, '逐利执法', '执法不规范');")
    from models.store import open_store
    store = open_store(demo_dir)
    try:
        state = ledger_signing.ledger_state(login_as(store, "chief"), campaign)
        assert [(s["status"], s["reason"]) for s in state["revisions"][0]["signatures"]] == [
            ("invalid", "signature")]
    finally:
        store.close()


def test_altered_signature_is_invalid(demo_dir, demo: Store) -> None:
    _keys(demo)
    campaign = _campaign(demo)
    _review(demo, campaign)
    demo.close()
    sqlite_cli(demo_dir.database,
               "UPDATE signatures SET signed_at = '2020-01-01T00:00:00.000000+00:00',"
               " envelope = replace(envelope, substr(envelope, instr(envelope, 'signed_at') + 12,"
               " 10), '2020-01-01');")
    from models.store import open_store
    store = open_store(demo_dir)
    try:
        state = ledger_signing.ledger_state(login_as(store, "chief"), campaign)
        assert state["revisions"][0]["signatures"][0]["status"] == "invalid"
    finally:
        store.close()


def test_revocation(demo: Store) -> None:
    """A review stored before the reviewer's key was revoked stands (with a note); the key
    cannot sign afterwards; a signature row stored after the revocation reads invalid."""
    _keys(demo)
    campaign = _campaign(demo)
    _review(demo, campaign)
    reviewer = login_as(demo, "reviewer")
    key_id = keys._active_key(demo, "person", person_id=reviewer.person_id)
    keys.revoke_key(reviewer, key_id, DEMO_PASSWORD, "密钥所在电脑已报废")
    state = ledger_signing.ledger_state(reviewer, campaign)
    sig = state["revisions"][0]["signatures"][0]
    assert (sig["status"], sig["note"]) == ("valid", "revoked_later")
    # the same signature row, as if stored after the revocation (audit_seq past it)
    seq = signing.revoked_seq(demo.conn, key_id)
    assert seq is not None
    assert signing.key_standing(demo.conn, key_id, seq + 1) == "revoked"
    assert signing.key_standing(demo.conn, key_id, seq - 1) == "revoked_later"


def test_row_signature_stored_after_revocation_is_invalid(demo: Store) -> None:
    """A signature made with the key before it was revoked, but stored afterwards (someone kept
    the clear key), is invalid, even when its audit_seq column claims an early entry."""
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    campaign = _campaign(demo)
    row = next(r for r in ledger_signing.ledger_state(officer, campaign)["rows"]
               if r["responsible_person_id"] == officer.person_id)
    pid = row["problem_id"]
    signing.sign_rows(officer, [pid], DEMO_PASSWORD)
    key_id = keys._active_key(demo, "person", person_id=officer.person_id)
    content = signing.content_text(signing.row_content(demo.conn, pid))
    digest = signing.sha256_hex(content.encode("utf-8"))
    stamp = "2023-01-01T00:00:00.000000+00:00"   # an early time, as a forger would write
    env = signing.envelope(subject=f"problem:{pid}", content_sha256=digest,
                           person_id=officer.person_id, person_name="李海龙", role="officer",
                           key_id=key_id, signed_at=stamp)
    with keys.unlock(officer, key_id, DEMO_PASSWORD) as sign:
        forged = base64.b64encode(sign(env.encode("utf-8"))).decode("ascii")
    keys.revoke_key(officer, key_id, DEMO_PASSWORD, "口令泄露")
    state = signing.row_signature_status(officer, pid)
    assert (state["status"], state["note"]) == ("valid", "revoked_later")
    with demo.write("forger") as w:
        w.insert("signatures", {
            "meaning": signing.MEANING, "subject": f"problem:{pid}", "content": content,
            "content_sha256": digest, "envelope": env, "signature": forged, "key_id": key_id,
            "account_id": officer.account_id, "person_id": officer.person_id,
            "signed_at": stamp, "audit_seq": 1})
    state = signing.row_signature_status(officer, pid)
    assert (state["status"], state["reason"]) == ("invalid", "revoked")


def test_a_swapped_public_key_is_caught(demo_dir, demo: Store) -> None:
    """A public key replaced behind the app's back no longer matches its key id."""
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    campaign = _campaign(demo)
    pid = next(r["problem_id"] for r in ledger_signing.ledger_state(officer, campaign)["rows"]
               if r["responsible_person_id"] == officer.person_id)
    signing.sign_rows(officer, [pid], DEMO_PASSWORD)
    demo.close()
    other = base64.b64encode(bytes(range(32))).decode("ascii")
    sqlite_cli(demo_dir.database, f"UPDATE signing_keys SET public_key = '{other}';")
    from models.store import open_store
    store = open_store(demo_dir)
    try:
        state = signing.row_signature_status(login_as(store, "officer"), pid)
        assert (state["status"], state["reason"]) == ("invalid", "signature")
    finally:
        store.close()


def test_a_rename_through_the_app_is_stale_not_tampered(demo: Store) -> None:
    from models import directory
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    campaign = _campaign(demo)
    pid = next(r["problem_id"] for r in ledger_signing.ledger_state(officer, campaign)["rows"]
               if r["responsible_person_id"] == officer.person_id)
    signing.sign_rows(officer, [pid], DEMO_PASSWORD)
    directory.update_person(login_as(demo, "chief"), officer.person_id, name="李海龙（新）")
    state = signing.row_signature_status(officer, pid)
    assert (state["status"], state["fields"], state["changes"]) == (
        "stale", ["responsible_person_name"], 1)


def test_signing_twice_stores_one_signature(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    campaign = _campaign(demo)
    pid = next(r["problem_id"] for r in ledger_signing.ledger_state(officer, campaign)["rows"]
               if r["responsible_person_id"] == officer.person_id)
    signing.sign_rows(officer, [pid], DEMO_PASSWORD)
    with pytest.raises(ValidationError) as err:
        signing.sign_rows(officer, [pid], DEMO_PASSWORD)
    assert "无需重复签字" in str(err.value)
    assert demo.conn.execute("SELECT count(*) FROM signatures").fetchone()[0] == 1


def test_ledger_state_counts_row_confirmations(demo: Store) -> None:
    officer = login_as(demo, "officer")
    keys.create_own_key(officer, DEMO_PASSWORD)
    campaign = _campaign(demo)
    state = ledger_signing.ledger_state(officer, campaign)
    mine = [r["problem_id"] for r in state["rows"]
            if r["responsible_person_id"] == officer.person_id]
    assert mine
    signing.sign_rows(officer, mine, DEMO_PASSWORD)
    problems.update_problem(officer, mine[0], completion="已整改完毕")
    state = ledger_signing.ledger_state(officer, campaign)
    counts = state["confirmations"]
    assert counts["valid"] == len(mine) - 1 and counts["stale"] == 1
    assert counts["unsigned"] == len(state["rows"]) - len(mine)
    by_id = {r["problem_id"]: r["confirmation"]["status"] for r in state["rows"]}
    assert by_id[mine[0]] == "stale"

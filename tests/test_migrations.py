"""Schema migrations: every earlier version upgrades to the latest with its data and audit chain
intact, a failing migration changes nothing, and a newer database is left alone."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Callable

import pytest

from core_helpers import is_chinese, sha256_file
from models import audit, migrations
from models.errors import DatabaseTooNew
from models.migrations import LATEST_VERSION
from models.paths import DataDir
from models.store import open_store

STAMP = "2024-06-01T08:00:00.000000+00:00"

#: One plausible row per audited table, given the keys of the rows inserted before it (tables are
#: filled in the order of ``audit.AUDITED_TABLES``, parents first). A new audited table needs an
#: entry here, or test_every_audited_table_has_a_sample fails.
SAMPLES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "settings": lambda k: {"key": "sample_setting", "value": "迁移前的设置"},
    "units": lambda k: {"name": "玛沁县交通运输综合行政执法大队", "code": "MIG-001", "level": "county",
                        "parent_id": None, "created_at": STAMP, "updated_at": STAMP},
    "people": lambda k: {"unit_id": k["units"], "name": "迁移测试员", "title": "执法队员",
                         "cert_no": "63000000001", "phone": "13800000000", "active": 1,
                         "created_at": STAMP, "updated_at": STAMP},
    "accounts": lambda k: {"username": "migrator", "person_id": k["people"],
                           "password_hash": "scrypt$1024$8$1$c2FsdA==$ZGlnZXN0",
                           "roles": "officer", "active": 1, "created_at": STAMP,
                           "updated_at": STAMP},
    "campaigns": lambda k: {"title": "迁移测试专项行动", "doc_no": "测〔2024〕1号", "issuer": "测试局",
                            "kind": "special", "start_date": "2024-01-01",
                            "end_date": "2024-12-31", "note": "", "created_at": STAMP,
                            "updated_at": STAMP},
    "campaign_categories": lambda k: {"campaign_id": k["campaigns"], "position": 1,
                                      "name": "逐利执法"},
    "campaign_phases": lambda k: {"campaign_id": k["campaigns"], "position": 1, "name": "自查阶段",
                                  "start_date": "2024-01-01", "deadline": "2024-03-31",
                                  "note": ""},
    "campaign_materials": lambda k: {"campaign_id": k["campaigns"], "position": 1,
                                     "name": "整改台账", "due_date": "2024-04-30", "note": ""},
    "problems": lambda k: {"campaign_id": k["campaigns"], "unit_id": k["units"], "seq_no": 1,
                           "category": "逐利执法", "issue": "下达或变相下达罚没指标",
                           "manifestation": "按月统计罚款数额并排名", "measures": "取消罚没排名",
                           "responsible_person_id": k["people"], "deadline": "2024-07-20",
                           "source": "self_check", "status": "open", "created_at": STAMP,
                           "updated_at": STAMP},
    "problem_events": lambda k: {"problem_id": k["problems"], "ts": STAMP, "account_id": None,
                                 "from_status": None, "to_status": "open", "note": "登记"},
    "progress_notes": lambda k: {"problem_id": k["problems"], "note_date": "2024-06-05",
                                 "text": "已召开专题会议", "account_id": None, "created_at": STAMP},
    "evidence": lambda k: {"problem_id": k["problems"], "note_id": k["progress_notes"],
                           "sha256": "0" * 64, "size": 3, "media_type": "image/jpeg",
                           "original_name": "会议照片.jpg", "original_mtime": STAMP,
                           "account_id": None, "added_at": STAMP},
    "problem_imports": lambda k: {"problem_id": k["problems"], "campaign_id": k["campaigns"],
                                  "unit_id": k["units"], "layout": "checklist",
                                  "row_key": "0" * 64, "file_name": "问题清单.xlsx",
                                  "file_sha256": "1" * 64, "sheet": "Sheet1", "row_no": 5,
                                  "account_id": None, "imported_at": STAMP},
    "templates": lambda k: {"kind": "case_review", "code": "迁移测试评查标准", "revision": 1,
                            "name": "行政执法案卷评查标准", "version": "2024版", "issuer": "测试局",
                            "issued_date": "2024-01-01", "note": "", "example": 0,
                            "excellent": 90.0, "passing": 70.0, "recheck_below_pass": 1,
                            "recheck_on_disagreement": 1, "content_sha256": "2" * 64,
                            "source": "评查标准.xlsx", "active": 1, "account_id": k["accounts"],
                            "created_at": STAMP, "updated_at": STAMP},
    "template_sections": lambda k: {"template_id": k["templates"], "position": 1,
                                    "name": "送达执行", "category": "执法不规范", "points": 9.0},
    "template_items": lambda k: {"template_id": k["templates"],
                                 "section_id": k["template_sections"], "position": 1,
                                 "code": "S1", "text": "未在7日内送达处罚决定书", "guidance": "扣全分",
                                 "evidence": "送达回证", "veto": 0, "points": 4.0, "step": 4.0},
    "selfchecks": lambda k: {"campaign_id": k["campaigns"], "unit_id": k["units"],
                             "template_id": k["templates"], "title": "2024年度自查",
                             "status": "in_progress", "note": "", "account_id": k["accounts"],
                             "completed_by": None, "completed_at": None, "created_at": STAMP,
                             "updated_at": STAMP},
    "selfcheck_answers": lambda k: {"selfcheck_id": k["selfchecks"],
                                    "item_id": k["template_items"], "answer": "nonconform",
                                    "note": "两起案件超期送达", "evidence": "送达回证",
                                    "problem_id": k["problems"], "account_id": k["accounts"],
                                    "answered_at": STAMP},
    "selfcheck_evidence": lambda k: {"answer_id": k["selfcheck_answers"], "sha256": "3" * 64,
                                     "size": 2048, "media_type": "image/jpeg",
                                     "original_name": "送达回证.jpg",
                                     "original_mtime": "2024-05-20T08:00:00+00:00",
                                     "account_id": k["accounts"], "added_at": STAMP},
    "case_files": lambda k: {"unit_id": k["units"], "case_no": "玛交执罚〔2024〕12号",
                             "case_type": "penalty", "domain": "公路路政", "cause": "车辆超限运输",
                             "party": "某运输公司", "officers": "迁移测试员", "major": 0,
                             "agency": "玛沁县交通运输综合行政执法大队",
                             "closed_date": "2024-05-20", "note": "",
                             "review_state": "reviewed", "final_score": 96.0,
                             "final_grade": "excellent", "reviewed_at": "2024-06-01",
                             "source": "", "account_id": k["accounts"], "created_at": STAMP,
                             "updated_at": STAMP},
    "case_reviews": lambda k: {"case_file_id": k["case_files"], "template_id": k["templates"],
                               "round": 1, "reviewer_id": k["accounts"], "status": "submitted",
                               "score": 96.0, "grade": "excellent", "vetoed": 0, "note": "",
                               "submitted_at": STAMP, "created_at": STAMP, "updated_at": STAMP},
    "case_review_marks": lambda k: {"review_id": k["case_reviews"],
                                    "item_id": k["template_items"], "count": 1, "points": 4.0,
                                    "note": "送达超期2天", "problem_id": k["problems"],
                                    "updated_at": STAMP},
    "signing_keys": lambda k: {"key_id": "4" * 32, "kind": "person", "person_id": k["people"],
                               "unit_id": k["units"], "public_key": "A" * 43 + "=",
                               "fingerprint": "AAAA-BBBB-CCCC-DDDD", "status": "active",
                               "account_id": k["accounts"], "created_at": STAMP,
                               "retired_at": None, "replaced_by": None, "revoked_at": None},
    "key_holders": lambda k: {"signing_key_id": k["signing_keys"], "account_id": k["accounts"],
                              "sealed_key": '{"ct":"c2VhbGVk","v":1}', "created_at": STAMP,
                              "updated_at": STAMP},
    "key_statements": lambda k: {"kind": "revocation", "key_id": "4" * 32,
                                 "statement": '{"type":"revocation"}',
                                 "signatures": '{"' + "4" * 32 + '":"c2ln"}',
                                 "account_id": k["accounts"], "created_at": STAMP},
    "signatures": lambda k: {"meaning": "责任人确认", "subject": f"problem:{k['problems']}",
                             "content": '{"format":"fieldledger-row-confirm/1"}',
                             "content_sha256": "5" * 64, "envelope": '{"meaning":"责任人确认"}',
                             "signature": "c2ln", "key_id": "4" * 32,
                             "account_id": k["accounts"], "person_id": k["people"],
                             "signed_at": STAMP, "audit_seq": 1},
    "ledger_revisions": lambda k: {"campaign_id": k["campaigns"], "unit_id": k["units"],
                                   "rev_no": 1, "content": '{"format":"fieldledger-ledger/1"}',
                                   "content_sha256": "6" * 64, "row_count": 0,
                                   "account_id": k["accounts"], "created_at": STAMP},
    "package_outbox": lambda k: {"seq": 1, "campaign_id": k["campaigns"],
                                 "period_from": "2024-06-01", "period_to": "2024-06-30",
                                 "materials": '["ledger","audit"]', "since_seq": 0,
                                 "audit_head_seq": 1, "audit_head_hash": "7" * 64,
                                 "file_name": "MIG-001-000001.flpkg", "sha256": "8" * 64,
                                 "size": 4096, "prev_sha256": "none", "encrypted": 0,
                                 "created_at": STAMP, "account_id": k["accounts"],
                                 "status": "written", "delivered_at": None, "receipt": None},
    "office_units": lambda k: {"code": "MIG-STATION", "name": "迁移测试检测站", "level": "station",
                               "installation_id": "a" * 32, "registered_at": STAMP,
                               "updated_at": STAMP, "account_id": k["accounts"]},
    "office_unit_keys": lambda k: {"key_id": "b" * 32, "unit_id": k["office_units"],
                                   "kind": "seal", "public_key": "c2VhbA==",
                                   "fingerprint": "AAAA-BBBB-CCCC-DDDD", "person_name": None,
                                   "status": "active", "replaced_by": None, "first_seen": STAMP,
                                   "status_at": None, "enrollment_sha256": "9" * 64},
    "office_packages": lambda k: {"unit_id": k["office_units"], "unit_code": "MIG-STATION",
                                  "seq": 1, "sha256": "a" * 64, "size": 4096,
                                  "prev_sha256": "none", "audit_head_seq": 5,
                                  "audit_head_hash": "b" * 64, "campaign": "测〔2024〕1号",
                                  "period": "2024-06-01/2024-06-30", "materials": "ledger,audit",
                                  "signing_key": "b" * 32, "file_name": "MIG-STATION-000001.flpkg",
                                  "stored_path": None, "received_at": STAMP,
                                  "account_id": k["accounts"], "status": "imported",
                                  "reason": None},
    "office_alarms": lambda k: {"unit_id": k["office_units"], "kind": "gap",
                                "detail": "缺少第 2 号报送包", "package_sha256": "a" * 64,
                                "created_at": STAMP, "acknowledged": 0, "acknowledged_at": None,
                                "acknowledged_by": None},
    "office_records": lambda k: {"unit_id": k["office_units"], "tbl": "problems", "row_key": "1",
                                 "image": '{"id":1}', "package_id": k["office_packages"]},
    "office_package_claims": lambda k: {"package_id": k["office_packages"],
                                        "campaign_materials": '["工作简报"]', "created": STAMP},
    "campaign_origins": lambda k: {"campaign_id": k["campaigns"], "office_code": "MIG-OFFICE",
                                   "office_name": "果洛州交通运输局", "received_at": STAMP,
                                   "instruction_sha256": None},
    "decryption_keys": lambda k: {"recipient": "age1" + "q" * 58, "status": "active",
                                  "created_at": STAMP, "status_at": None,
                                  "account_id": k["accounts"]},
    "decryption_key_holders": lambda k: {"decryption_key_id": k["decryption_keys"],
                                         "account_id": k["accounts"], "sealed_key": "sealed",
                                         "created_at": STAMP, "updated_at": STAMP},
    "supervision_letters": lambda k: {"uid": "c" * 32, "side": "issued",
                                      "number": "执法监督意见书〔2024〕1号", "issuer_code": "MIG-OFFICE",
                                      "issuer_name": "果洛州交通运输局", "unit_code": "MIG-STATION",
                                      "unit_name": "玛沁超限检测站", "campaign": "测〔2024〕1号",
                                      "problems": '["未按期报送工作调度表"]',
                                      "requirements": "限期整改", "deadline": "2024-07-31",
                                      "issued_at": STAMP, "sent_at": None, "received_at": None,
                                      "instruction_sha256": None, "account_id": k["accounts"],
                                      "created_at": STAMP, "updated_at": STAMP},
    "instructions_out": lambda k: {"unit_code": "MIG-STATION", "seq": 1,
                                   "contents": '{"letters":1}', "file_name": "MIG-OFFICE.flins",
                                   "sha256": "d" * 64, "size": 2048, "created_at": STAMP,
                                   "account_id": k["accounts"]},
    "instructions_in": lambda k: {"office_code": "MIG-OFFICE", "seq": 1,
                                  "contents": '{"letters":1}', "sha256": "e" * 64,
                                  "signing_key": "b" * 32, "created": STAMP,
                                  "imported_at": STAMP, "account_id": k["accounts"]},
    "letter_answers": lambda k: {"letter_id": k["supervision_letters"], "letter_uid": "c" * 32,
                                 "measures": "已组织全员学习并逐项整改", "status": "signed",
                                 "signed_at": STAMP, "account_id": k["accounts"],
                                 "created_at": STAMP, "updated_at": STAMP},
    "letter_answer_files": lambda k: _file_row(k, "answer_id", "letter_answers"),
    "leads": lambda k: {"unit_id": k["units"], "campaign_id": k["campaigns"],
                        "received_date": "2024-05-06", "channel": "12328",
                        "content": "反映超限站卸载收费不公示", "party": "货车司机王某",
                        "contact": "13900000000", "handling": "转站长核查", "result": "",
                        "status": "handling", "closed_date": None, "problem_id": k["problems"],
                        "account_id": k["accounts"], "created_at": STAMP, "updated_at": STAMP},
    "trainings": lambda k: {"unit_id": k["units"], "person_id": k["people"], "date": "2024-05-10",
                            "topic": "行政处罚法解读", "form": "central", "hours": 4.0,
                            "assessment": "合格", "note": "", "account_id": k["accounts"],
                            "created_at": STAMP, "updated_at": STAMP},
    "person_certificates": lambda k: {"person_id": k["people"], "status": "valid",
                                      "issued_date": "2022-01-01", "valid_until": "2027-01-01",
                                      "note": "", "updated_at": STAMP},
    "briefs": lambda k: {"unit_id": k["units"], "campaign_id": k["campaigns"], "period": "2024-05",
                         "issue_no": 3, "title": "三年行动工作简报（第3期）", "body": "本月开展案卷评查",
                         "status": "final", "account_id": k["accounts"], "created_at": STAMP,
                         "updated_at": STAMP},
    "brief_photos": lambda k: _file_row(k, "brief_id", "briefs"),
    "schedule_items": lambda k: {"unit_id": k["units"], "campaign_id": k["campaigns"],
                                 "period": "2024-05", "position": 1, "task": "制定实施方案",
                                 "owner": "法规科", "status": "done", "progress": "已印发",
                                 "note": "", "account_id": k["accounts"], "created_at": STAMP,
                                 "updated_at": STAMP},
    "case_stats": lambda k: {"unit_id": k["units"], "month": "2024-03", "records": 324,
                             "actual": 4, "test": 288, "officers": 1057, "exams": 45, "note": "",
                             "account_id": k["accounts"], "created_at": STAMP,
                             "updated_at": STAMP},
    "campaign_material_rules": lambda k: {"material_id": k["campaign_materials"],
                                          "kind": "briefs", "monthly_day": 25,
                                          "month_offset": 0},
}


def _file_row(k: dict[str, Any], parent_col: str, parent: str) -> dict[str, Any]:
    return {parent_col: k[parent], "sha256": "f" * 64, "size": 1024, "media_type": "image/jpeg",
            "original_name": "现场照片.jpg", "original_mtime": None, "caption": "",
            "account_id": k["accounts"], "added_at": STAMP}


def schema(db: Path) -> list[tuple[str, str, str, str | None]]:
    """Tables, indexes and triggers as SQLite stores them."""
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
            " WHERE type IN ('table', 'index', 'trigger')"))
    finally:
        conn.close()


def tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def create_at(data_dir: DataDir, version: int) -> None:
    """A closed database migrated to ``version`` only (0: an empty file)."""
    if version == 0:
        data_dir.root.mkdir(parents=True)
        data_dir.database.write_bytes(b"")  # an empty file is an SQLite database of version 0
        return
    store = open_store(data_dir, migrate_to=version)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == version
    finally:
        store.close()


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str, str | None]]:
    dd = DataDir(tmp_path_factory.mktemp("fresh") / "data")
    open_store(dd).close()
    return schema(dd.database)


def test_every_audited_table_has_a_sample(tmp_path: Path) -> None:
    dd = DataDir(tmp_path / "data")
    store = open_store(dd)
    try:
        existing = tables(store.conn)
    finally:
        store.close()
    audited = set(audit.AUDITED_TABLES)
    assert audited <= existing, "every audited table exists at the latest version"
    assert audited <= set(SAMPLES), f"add sample rows for {sorted(audited - set(SAMPLES))}"


def test_empty_file_and_migrate_to_zero_agree(tmp_path: Path) -> None:
    """``open_store(migrate_to=0)`` leaves a database without tables at version 0."""
    dd = DataDir(tmp_path / "data")
    store = open_store(dd, migrate_to=0)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert tables(store.conn) == set()
    finally:
        store.close()


@pytest.mark.parametrize("version", range(LATEST_VERSION))
def test_upgrade_from_every_version(version: int, tmp_path: Path, fresh_schema: list) -> None:
    dd = DataDir(tmp_path / "data")
    create_at(dd, version)

    # Put data in every audited table that exists at this version, through the Writer.
    inserted: dict[str, tuple[Any, dict[str, Any]]] = {}
    if version > 0:
        store = open_store(dd, migrate_to=version)
        try:
            present = tables(store.conn)
            keys: dict[str, Any] = {}
            with store.write("tester") as w:
                for table in audit.AUDITED_TABLES:
                    if table not in present:
                        continue
                    values = SAMPLES[table](keys)
                    keys[table] = w.insert(table, values)
                    inserted[table] = (keys[table], values)
            assert store.verify_audit().ok
            seq_before_upgrade = audit.head(store.conn)[0]
        finally:
            store.close()
        assert "units" in inserted  # version 1 and later have the foundation tables
    else:
        seq_before_upgrade = 0

    store = open_store(dd)  # migrates to the latest version
    try:
        conn = store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION

        for table, (key, values) in inserted.items():
            key_col = audit.AUDITED_TABLES[table]
            row = store.query(f'SELECT * FROM "{table}" WHERE "{key_col}" = ?', (key,))
            assert len(row) == 1, f"{table} row {key} lost in the upgrade from {version}"
            assert {c: row[0][c] for c in values} == values

        report = store.verify_audit()
        assert report.ok, report.summary()

        migrate_entries = conn.execute(
            "SELECT seq, row_key, after FROM audit_log WHERE action = 'migrate' ORDER BY seq"
        ).fetchall()
        assert [int(r[1]) for r in migrate_entries] == list(range(1, LATEST_VERSION + 1))
        applied_now = [int(r[1]) for r in migrate_entries if r[0] > seq_before_upgrade]
        assert applied_now == list(range(version + 1, LATEST_VERSION + 1))
        for _seq, key, after in migrate_entries:
            assert f'"user_version":{key}' in after
        assert store.installation_id  # settings got their installation id
    finally:
        store.close()

    assert schema(dd.database) == fresh_schema

    # Opening again applies nothing more.
    store = open_store(dd)
    try:
        n = store.conn.execute("SELECT count(*) FROM audit_log WHERE action = 'migrate'").fetchone()
        assert n[0] == LATEST_VERSION
    finally:
        store.close()


@pytest.mark.parametrize("target", range(1, LATEST_VERSION + 1))
def test_failing_migration_changes_nothing(target: int, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    dd = DataDir(tmp_path / "data")
    create_at(dd, target - 1)
    schema_before = schema(dd.database)
    real = migrations.MIGRATIONS[target - 1]

    def broken(conn: sqlite3.Connection) -> None:
        real(conn)
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("migration interrupted")

    patched = list(migrations.MIGRATIONS)
    patched[target - 1] = broken
    monkeypatch.setattr(migrations, "MIGRATIONS", patched)
    with pytest.raises(RuntimeError, match="migration interrupted"):
        open_store(dd)

    conn = sqlite3.connect(dd.database)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == target - 1
        assert "half_done" not in tables(conn)
    finally:
        conn.close()
    assert schema(dd.database) == schema_before  # nothing of the real migration either

    monkeypatch.undo()  # the real migration now goes through and the chain is whole
    store = open_store(dd)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert "half_done" not in tables(store.conn)
        assert store.verify_audit().ok
        keys = [int(r[0]) for r in store.conn.execute(
            "SELECT row_key FROM audit_log WHERE action = 'migrate' ORDER BY seq")]
        assert keys == list(range(1, LATEST_VERSION + 1))
    finally:
        store.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_newer_database_is_refused_and_untouched(journal: str, tmp_path: Path) -> None:
    dd = DataDir(tmp_path / "data")
    open_store(dd).close()
    conn = sqlite3.connect(dd.database)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    wal = dd.database.with_name(dd.database.name + "-wal")
    shm = dd.database.with_name(dd.database.name + "-shm")
    assert not wal.exists() and not shm.exists()
    digest = sha256_file(dd.database)

    with pytest.raises(DatabaseTooNew) as info:
        open_store(dd)

    message = str(info.value)
    assert is_chinese(message) and "请安装最新版本" in message
    assert str(LATEST_VERSION + 1) in message and str(dd.database) in message
    assert sha256_file(dd.database) == digest
    assert not wal.exists(), "opening a newer database must not create its -wal file"
    assert not shm.exists(), "opening a newer database must not create its -shm file"

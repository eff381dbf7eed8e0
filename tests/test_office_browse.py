"""The office browses its units' imported ledgers, revisions, self-checks and reviews
(models.office_browse): every 责任人签字, 审核 and 单位盖章 judged from what the unit sent with the
station's own rules (the same states the station shows), a later package that changed a row, a
row changed outside the app, a signature by another unit's key, a revoked key, a seal key the
office did not register, and the audit index that keeps it quick."""
from __future__ import annotations

import base64
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import login_as
from core_helpers import deliver, director, seal_enrollment
from form_helpers import QINGHAI_DOC_NO, build_signed_demo

from models import (
    evidence,
    key_crypto,
    keys,
    ledger_signing,
    office_browse,
    office_units,
    problems,
    selfcheck,
    signing,
)
from models.demo import DEMO_PASSWORD
from models.errors import NotFound
from models.paths import DataDir
from models.session import Session, now_text
from models.store import Store, open_store

CODE = "QH-632621-DW"


@pytest.fixture
def boss(office: Store) -> Session:
    return director(office)


def ledger(boss: Session) -> dict[int, dict[str, Any]]:
    """The office's view of the station's ledger, by the station's problem id."""
    return {row["id"]: row for row in office_browse.unit_ledger(boss, CODE)}


def judged(state: dict[str, Any]) -> tuple[Any, ...]:
    return (state["status"], state["reason"], state["changes"], state["fields"], state["note"])


def station_states(station: Store) -> dict[int, tuple[Any, ...]]:
    ids = [pid for (pid,) in station.conn.execute("SELECT id FROM problems")]
    return {pid: judged(state) for pid, state in signing.statuses(station.conn, ids).items()}


def campaign_id(station: Store) -> int:
    return station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                (QINGHAI_DOC_NO,)).fetchone()[0]


def rows_of(station: Store, user: str) -> list[int]:
    """The 2023 campaign's problems whose 责任人 is ``user``, by 序号."""
    person = login_as(station, user).person_id
    return [pid for (pid,) in station.conn.execute(
        "SELECT id FROM problems WHERE campaign_id = ? AND responsible_person_id = ?"
        " ORDER BY seq_no", (campaign_id(station), person))]


def own_key(station: Store, user: str) -> str:
    session = login_as(station, user)
    return keys._active_key(station, "person", person_id=session.person_id)


def store_signature(station: Store, pid: int, key_id: str, person_id: int, name: str,
                    sign: Any) -> None:
    """A 责任人签字 of problem ``pid`` made with ``sign`` and stored through the audited writer,
    the way signing.sign_rows stores one (for keys the app would not sign with)."""
    content = signing.content_text(signing.row_content(station.conn, pid))
    digest = signing.sha256_hex(content.encode("utf-8"))
    stamp = now_text()
    env = signing.envelope(subject=f"problem:{pid}", content_sha256=digest, person_id=person_id,
                           person_name=name, role="officer", key_id=key_id, signed_at=stamp)
    signature = base64.b64encode(sign(env.encode("utf-8"))).decode("ascii")
    with station.write("test") as w:
        seq = station.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0] + 1
        w.insert("signatures", {"meaning": signing.MEANING, "subject": f"problem:{pid}",
                                "content": content, "content_sha256": digest, "envelope": env,
                                "signature": signature, "key_id": key_id, "account_id": None,
                                "person_id": person_id, "signed_at": stamp, "audit_seq": seq})


# --- 责任人签字 -------------------------------------------------------------------------------------

def test_row_signatures_read_as_on_the_station(station: Store, office: Store, boss: Session,
                                              tmp_path: Path) -> None:
    deliver(station, office, tmp_path / "stick")
    rows = ledger(boss)
    assert len(rows) == station.conn.execute("SELECT count(*) FROM problems").fetchone()[0]
    assert {pid: judged(r["signature"]) for pid, r in rows.items()} == station_states(station)
    assert Counter(r["signature"]["status"] for r in rows.values()) == {
        "unsigned": 4, "valid": 2, "stale": 1}
    first, second = rows_of(station, "officer"), rows_of(station, "officer2")
    assert rows[first[0]]["signature"]["signer"] == "李海龙"
    assert rows[second[-1]]["signature"]["fields"] == ["completion"]
    fingerprint = station.conn.execute("SELECT fingerprint FROM signing_keys WHERE key_id = ?",
                                       (own_key(station, "officer"),)).fetchone()[0]
    assert rows[first[0]]["signature"]["fingerprint"] == fingerprint
    # the fields a reader needs, the names and the campaign worked out from what was sent
    row = rows[first[0]]
    problem = station.conn.execute("SELECT seq_no, issue, status, source FROM problems"
                                   " WHERE id = ?", (first[0],)).fetchone()
    assert (row["seq_no"], row["issue"], row["status"], row["source"]) == tuple(problem)
    assert row["responsible"] == "李海龙" and row["campaign"].startswith("交通运输执法领域")
    assert [r["seq_no"] for r in rows.values()][:4] == [1, 2, 3, 4]


def test_a_later_package_makes_a_signature_stale(station: Store, office: Store, boss: Session,
                                                 tmp_path: Path) -> None:
    pid = rows_of(station, "officer")[0]
    deliver(station, office, tmp_path / "stick")
    assert ledger(boss)[pid]["signature"]["status"] == "valid"
    problems.update_problem(login_as(station, "chief"), pid, completion="已全部整改到位")
    deliver(station, office, tmp_path / "stick2")
    state = ledger(boss)[pid]["signature"]
    assert (state["status"], state["changes"], state["fields"]) == ("stale", 1, ["completion"])
    assert judged(state) == station_states(station)[pid]
    detail = office_browse.problem_detail(boss, CODE, pid)
    assert detail["changed"] == ["completion"]
    assert detail["signed"]["completion"] != detail["current"]["completion"] == "已全部整改到位"


def test_rows_changed_outside_the_app_are_invalid(station: Store, office: Store, boss: Session,
                                                  tmp_path: Path) -> None:
    pid, other = rows_of(station, "officer")[0], rows_of(station, "officer2")[0]
    # changed at the station with the sqlite3 tool (no audit entry), then sent
    station.conn.execute("UPDATE problems SET measures = '整改措施被改写' WHERE id = ?", (pid,))
    deliver(station, office, tmp_path / "stick")
    rows = ledger(boss)
    assert (rows[pid]["signature"]["status"], rows[pid]["signature"]["reason"]) == (
        "invalid", "tampered")
    assert judged(rows[pid]["signature"]) == station_states(station)[pid]
    # changed at the office after the import
    with office.write("test") as w:
        record_id, image = office.conn.execute(
            "SELECT id, image FROM office_records WHERE tbl = 'problems' AND row_key = ?",
            (str(other),)).fetchone()
        w.update("office_records", record_id, {
            "image": image.replace(rows[other]["issue"], "存在问题被改写")})
    state = ledger(boss)[other]["signature"]
    assert (state["status"], state["reason"]) == ("invalid", "tampered")


def test_a_signature_by_another_units_key_is_invalid(station: Store, office: Store,
                                                     boss: Session, tmp_path: Path) -> None:
    build_signed_demo(DataDir(tmp_path / "other"))      # its own keys
    other = open_store(DataDir(tmp_path / "other"))
    try:
        unit_id = login_as(other, "chief").unit_id
        with other.write("test") as w:     # a second unit with its own code
            w.update("units", unit_id, {"code": "QH-632621-XX", "name": "花石峡超限检测站"})
        deliver(other, office, tmp_path / "stick-other")
        key_id = own_key(other, "officer")
        key_row = dict(zip(*_columns(other, "SELECT * FROM signing_keys WHERE key_id = ?",
                                     key_id)))
        # the station files the other unit's key as one of its own officer's and signs with it
        officer = login_as(station, "officer")
        pid = rows_of(station, "officer")[1]          # a row 李海龙 has not signed
        with station.write("test") as w:
            w.insert("signing_keys", {**{k: v for k, v in key_row.items() if k != "id"},
                                      "person_id": officer.person_id,
                                      "unit_id": officer.unit_id, "account_id": None})
        with keys.unlock(login_as(other, "officer"), key_id, DEMO_PASSWORD) as sign:
            store_signature(station, pid, key_id, officer.person_id, "李海龙", sign)
    finally:
        other.close()
    assert station_states(station)[pid][0] == "valid"     # the station trusts its own table
    deliver(station, office, tmp_path / "stick")
    state = ledger(boss)[pid]["signature"]
    assert (state["status"], state["reason"]) == ("invalid", "other_unit")
    # the other unit's own rows are judged with its own keys
    other_rows = office_browse.unit_ledger(boss, "QH-632621-XX")
    assert Counter(r["signature"]["status"] for r in other_rows)["valid"] == 2
    # a key the unit did not send does not count either
    removed = own_key(station, "officer2")
    office.conn.execute("DELETE FROM office_records WHERE tbl = 'signing_keys'"
                        " AND json_extract(image, '$.key_id') = ?", (removed,))
    reasons = {(r["signature"]["status"], r["signature"]["reason"])
               for pid_, r in ledger(boss).items() if pid_ in rows_of(station, "officer2")}
    assert reasons == {("invalid", "unknown_key")}


def _columns(store: Store, sql: str, *params: Any) -> tuple[list[str], tuple[Any, ...]]:
    cur = store.conn.execute(sql, params)
    return [d[0] for d in cur.description], cur.fetchone()


def test_revoked_keys(station: Store, office: Store, boss: Session, tmp_path: Path) -> None:
    owner = login_as(station, "officer2")
    key_id = own_key(station, "officer2")
    blob = station.conn.execute(
        "SELECT h.sealed_key FROM key_holders h JOIN signing_keys k ON k.id = h.signing_key_id"
        " WHERE k.key_id = ? AND h.account_id = ?", (key_id, owner.account_id)).fetchone()[0]
    keys.revoke_key(owner, key_id, DEMO_PASSWORD, "密钥遗失")
    before, after = rows_of(station, "officer2")
    # a signature made with the key after its revocation (the app refuses to make one)
    private = key_crypto.open_private(blob, DEMO_PASSWORD, key_id, owner.account_id)
    with key_crypto._signer(private) as sign:
        store_signature(station, after, key_id, owner.person_id, "索南扎西", sign)
    deliver(station, office, tmp_path / "stick")
    rows = ledger(boss)
    assert judged(rows[before]["signature"]) == ("valid", None, 0, [], "revoked_later")
    assert (rows[after]["signature"]["status"], rows[after]["signature"]["reason"]) == (
        "invalid", "revoked")
    assert {pid: judged(r["signature"]) for pid, r in rows.items()} == station_states(station)


# --- 审核 and 单位盖章 -------------------------------------------------------------------------------

def test_revisions_with_review_and_seal(station: Store, office: Store, boss: Session,
                                        tmp_path: Path) -> None:
    deliver(station, office, tmp_path / "stick")
    (first,) = office_browse.unit_revisions(boss, CODE)
    assert first["rev_no"] == 1 and first["intact"] and not first["current"]
    assert first["campaign"].startswith("交通运输执法领域")
    assert [(s["meaning"], s["name"], s["status"]) for s in first["signatures"]] == [
        ("审核", "马文斌", "stale"), ("单位盖章", "才让东智", "stale")]
    assert [c["fields"] for c in first["changes"]["changed"]] == [["completion"]]
    # the station reviews and seals the ledger as it is now: revision 2
    campaign = campaign_id(station)
    for user, sign in (("reviewer", ledger_signing.review_ledger),
                       ("chief", ledger_signing.seal_ledger)):
        session = login_as(station, user)
        state = ledger_signing.ledger_state(session, campaign, with_rows=False)
        sign(session, campaign, DEMO_PASSWORD, state["sha256"])
    deliver(station, office, tmp_path / "stick2")
    revisions = office_browse.unit_revisions(boss, CODE)
    assert [(r["rev_no"], r["current"]) for r in revisions] == [(1, False), (2, True)]
    assert revisions[1]["changes"] is None and revisions[0]["changes"] is None
    station_side = ledger_signing.ledger_state(login_as(station, "chief"), campaign,
                                               with_rows=False)["revisions"]
    assert [[(s["meaning"], s["status"], s["reason"], s["fingerprint"]) for s in r["signatures"]]
            for r in revisions] == [
        [(s["meaning"], s["status"], s["reason"], s["fingerprint"]) for s in r["signatures"]]
        for r in station_side]
    assert [s["status"] for s in revisions[1]["signatures"]] == ["valid", "valid"]
    # a seal key the office did not register for the unit does not count
    with office.write("test") as w:
        for key_row_id, in office.conn.execute(
                "SELECT id FROM office_unit_keys WHERE kind = 'seal'").fetchall():
            w.update("office_unit_keys", key_row_id, {
                "public_key": base64.b64encode(b"\x01" * 32).decode("ascii")})
    states = [(s["meaning"], s["status"], s["reason"])
              for s in office_browse.unit_revisions(boss, CODE)[1]["signatures"]]
    assert states == [("审核", "valid", None), ("单位盖章", "invalid", "unregistered_seal")]


def test_a_changed_revision_is_invalid(station: Store, office: Store, boss: Session,
                                       tmp_path: Path) -> None:
    deliver(station, office, tmp_path / "stick")
    record_id, image = office.conn.execute(
        "SELECT id, image FROM office_records WHERE tbl = 'ledger_revisions'").fetchone()
    row = json.loads(image)
    row["content"] = row["content"].replace("下达或变相下达罚没指标", "下达罚没指标")
    with office.write("test") as w:
        w.update("office_records", record_id, {"image": json.dumps(row, ensure_ascii=False)})
    (revision,) = office_browse.unit_revisions(boss, CODE)
    assert not revision["intact"]
    assert {(s["status"], s["reason"]) for s in revision["signatures"]} == {
        ("invalid", "signature")}


# --- self-checks, reviews, one problem ----------------------------------------------------------

def _pdf(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "整改通知书.pdf"
    path.write_bytes(b"%PDF-1.4\n% scanned notice\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return path


def test_selfchecks_reviews_and_one_problem(station: Store, office: Store, boss: Session,
                                            tmp_path: Path) -> None:
    chief = login_as(station, "chief")
    campaign = campaign_id(station)
    template = station.conn.execute(      # the list of the 2023 campaign's five aspects
        "SELECT id FROM templates WHERE kind = 'selfcheck' AND name LIKE '%五个方面%'"
        ).fetchone()[0]
    started = selfcheck.start_selfcheck(chief, campaign, template, title="2024年自查")
    (sc_id,) = started.rows["selfchecks"]
    codes = [c for (c,) in station.conn.execute(
        "SELECT i.code FROM template_items i JOIN template_sections s ON s.id = i.section_id"
        " WHERE i.template_id = ? ORDER BY s.position, i.position", (template,))]
    selfcheck.answer_item(chief, int(sc_id), codes[0], "conform", evidence="查阅考核办法")
    selfcheck.answer_item(chief, int(sc_id), codes[1], "nonconform", note="发现罚没指标文件一份")
    pid = rows_of(station, "officer")[0]
    evidence.attach(chief, pid, _pdf(tmp_path / "scan"))
    problems.add_progress_note(chief, pid, "已下发整改通知书。")
    deliver(station, office, tmp_path / "stick")

    (sc,) = office_browse.unit_selfchecks(boss, CODE)
    assert sc["title"] == "2024年自查" and sc["total"] == len(codes)
    assert (sc["answered"], sc["conform"], sc["nonconform"]) == (2, 1, 1)
    assert sc["template"] and sc["campaign"].startswith("交通运输执法领域") and sc["by"]
    texts = [t for (t,) in station.conn.execute(
        "SELECT i.text FROM template_items i JOIN template_sections s ON s.id = i.section_id"
        " WHERE i.template_id = ? ORDER BY s.position, i.position", (template,))]
    assert [a["text"] for a in sc["answers"]] == texts
    assert [a["answer"] for a in sc["answers"][:3]] == ["conform", "nonconform", None]
    hung = station.conn.execute("SELECT p.seq_no FROM selfcheck_answers a JOIN problems p"
                                " ON p.id = a.problem_id WHERE a.answer = 'nonconform'"
                                ).fetchone()[0]
    assert sc["answers"][1]["problem_seq_no"] == hung
    assert sc["answers"][1]["note"] == "发现罚没指标文件一份"

    cases = office_browse.unit_reviews(boss, CODE)
    expected = {r[0]: r[1:] for r in station.conn.execute(
        "SELECT case_no, review_state, final_score, final_grade FROM case_files"
        " WHERE unit_id = ?", (chief.unit_id,))}
    assert {c["case_no"]: (c["review_state"], c["final_score"], c["final_grade"])
            for c in cases} == expected
    reviewed = next(c for c in cases if c["reviews"] and c["reviews"][0]["marks"])
    marks = reviewed["reviews"][0]["marks"]
    assert reviewed["reviews"][0]["reviewer"] == "马文斌"
    assert all(m["text"] and m["code"] for m in marks)

    detail = office_browse.problem_detail(boss, CODE, pid)
    assert detail["problem"]["id"] == pid
    assert [e["to_status"] for e in detail["events"]] == [r[0] for r in station.conn.execute(
        "SELECT to_status FROM problem_events WHERE problem_id = ? ORDER BY id", (pid,))]
    assert "已下发整改通知书。" in [n["text"] for n in detail["notes"]]
    (item,) = detail["evidence"]
    assert item["original_name"] == "整改通知书.pdf" and item["present"]
    Path(item["path"]).unlink()
    assert not office_browse.problem_detail(boss, CODE, pid)["evidence"][0]["present"]
    with pytest.raises(NotFound):
        office_browse.problem_detail(boss, CODE, 99999)


def test_browse_reads_everything_at_once(station: Store, office: Store, boss: Session,
                                         tmp_path: Path) -> None:
    deliver(station, office, tmp_path / "stick")
    everything = office_browse.unit_browse(boss, CODE)
    assert everything["ledger"] == office_browse.unit_ledger(boss, CODE)
    assert everything["revisions"] == office_browse.unit_revisions(boss, CODE)
    assert everything["reviews"] == office_browse.unit_reviews(boss, CODE)
    source = everything["source"]
    assert source["unit"] == {"code": CODE, "name": "玛沁县大武超限检测站"}
    assert source["packages"] == 1 and source["last"]["seq"] == 1
    assert source["counts"]["problems"] == len(everything["ledger"])


def test_unknown_unit_and_a_unit_without_packages(station: Store, office: Store, boss: Session
                                                  ) -> None:
    with pytest.raises(NotFound):
        office_browse.unit_ledger(boss, "QH-000000")
    office_units.register_unit(boss, seal_enrollment(login_as(station, "chief"), DEMO_PASSWORD))
    assert office_browse.unit_ledger(boss, CODE) == []
    assert office_browse.unit_source(boss, CODE)["last"] is None


def test_audit_lookups_use_the_index(station: Store, office: Store, boss: Session,
                                     tmp_path: Path) -> None:
    deliver(station, office, tmp_path / "stick")
    plan = " ".join(str(r) for r in office.conn.execute(
        "EXPLAIN QUERY PLAN SELECT image FROM office_records WHERE unit_id = 1"
        " AND tbl = 'audit_log' AND json_extract(image, '$.tbl') = 'problems'"
        " AND json_extract(image, '$.row_key') = '1'"))
    assert "office_records_audit" in plan
    assert office.verify_audit().ok


def test_signatures_without_their_audit_entries(station: Store, office: Store, boss: Session,
                                                tmp_path: Path) -> None:
    """Signatures whose audit entries the office never received cannot be judged valid."""
    deliver(station, office, tmp_path / "stick")
    office.conn.execute("DELETE FROM office_records WHERE tbl = 'audit_log'")
    states = {(r["signature"]["status"], r["signature"]["reason"])
              for r in ledger(boss).values() if r["signature"]["status"] != "unsigned"}
    assert states == {("invalid", "no_audit")}

"""About and diagnostics (models/diagnostics.py): the About information of the demo, the
diagnostics zip and what it holds, scrubbing personal data from the logs, cancelling, and the
``diagnostics`` commands."""
from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from conftest import login_as
from core_helpers import ROOT, run_cli
from models import backup, diagnostics, diagnostics_export, keys, office_keys, scrub
from models.demo import DEMO_PASSWORD
from models.errors import Cancelled
from models.migrations import LATEST_VERSION
from models.paths import DataDir
from models.store import Store
from models.version import PRODUCT_NAME, __version__

FINGERPRINT = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$")
ID_NUMBER = "63262119850712301X"
PLATE = "青A12345"
MOBILE = "13999887766"


def _with_keys(store: Store) -> dict[str, str]:
    """The chief's own key and the unit seal key; key kind -> fingerprint."""
    chief = login_as(store, "chief")
    keys.create_own_key(chief, DEMO_PASSWORD)
    keys.create_seal_key(chief, DEMO_PASSWORD)
    return {kind: fp for kind, fp in store.conn.execute(
        "SELECT kind, fingerprint FROM signing_keys WHERE status = 'active'")}


def _zip_texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name).decode("utf-8") for name in zf.namelist()}


def _personal(store: Store) -> dict[str, str]:
    """What the seeded log names: a person, an account, a 执法证号, a phone of the demo."""
    name, cert, phone = store.conn.execute(
        "SELECT name, cert_no, phone FROM people WHERE cert_no != '' AND phone LIKE '0%'"
        " ORDER BY id").fetchone()
    return {"name": name, "cert": cert, "phone": phone, "username": "officer2"}


# --- about ---------------------------------------------------------------------------------------

def test_about_info_of_the_demo(demo: Store, demo_dir: DataDir) -> None:
    fingerprints = _with_keys(demo)
    info = diagnostics.about_info(demo, demo_dir, extra={"Qt": "6.x"})
    assert (info.product, info.version) == (PRODUCT_NAME, __version__)
    assert info.schema_version == info.schema_latest == LATEST_VERSION
    assert info.data_folder == demo_dir.root and info.database == demo_dir.database
    assert info.database_size == demo_dir.database.stat().st_size > 0
    wal = demo_dir.database.with_name(demo_dir.database.name + "-wal")
    assert info.wal_size == (wal.stat().st_size if wal.exists() else 0)
    unit = demo.conn.execute("SELECT u.name, u.code FROM units u JOIN settings s"
                             " ON s.key = 'own_unit_id' AND s.value = u.id").fetchone()
    assert (info.unit_name, info.unit_code) == unit
    assert info.installation_id == demo.installation_id
    assert info.last_backup is None and info.last_backup_time is None
    assert info.extra == {"Qt": "6.x"} and not info.is_office
    by_kind = {k.kind: k for k in info.keys}
    assert by_kind["seal"].fingerprint == fingerprints["seal"]
    assert by_kind["person"].fingerprint == fingerprints["person"]
    assert info.keys[0].kind == "seal"          # the seal key first
    chief = demo.conn.execute("SELECT p.name FROM accounts a JOIN people p ON p.id = a.person_id"
                              " WHERE a.username = 'chief'").fetchone()[0]
    assert {k.holders for k in info.keys} == {chief}
    assert all(FINGERPRINT.match(k.fingerprint) and k.status == "active" for k in info.keys)


def test_evidence_totals_come_from_the_database(demo: Store, demo_dir: DataDir,
                                                tmp_path: Path) -> None:
    from models import evidence, problems
    chief = login_as(demo, "chief")
    campaign = demo.conn.execute("SELECT min(id) FROM campaigns").fetchone()[0]
    problems.create_problem(chief, campaign_id=campaign, category="逐利执法", issue="证据测试")
    pid = demo.conn.execute("SELECT max(id) FROM problems").fetchone()[0]
    before = diagnostics.evidence_totals(demo)
    photo = tmp_path / "a.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 500)
    evidence.attach(chief, pid, photo)
    evidence.attach(chief, pid, photo)          # the same content twice: one file
    files, size = diagnostics.evidence_totals(demo)
    assert (files, size) == (before[0] + 1, before[1] + photo.stat().st_size)
    assert diagnostics.about_info(demo, demo_dir).evidence_files == files


def test_last_backup_is_the_newest_of_all_folders(demo: Store, demo_dir: DataDir,
                                                  tmp_path: Path) -> None:
    taken = backup.automatic_backup(demo, now=datetime(2024, 5, 1, 9, 30))
    info = diagnostics.about_info(demo, demo_dir)
    assert info.last_backup == taken.path and info.last_backup_time == datetime(2024, 5, 1, 9, 30)
    usb = tmp_path / "usb"
    later = backup.backup_database(demo, usb / "fieldledger-20240602-080000.sqlite")
    info = diagnostics.about_info(demo, demo_dir, [usb])
    assert info.last_backup == later.path and info.last_backup_time == datetime(2024, 6, 2, 8)


def test_office_decryption_keys_are_listed(demo: Store, demo_dir: DataDir) -> None:
    chief = login_as(demo, "chief")
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    recipient = office_keys.active_recipients(demo)[0]
    info = diagnostics.about_info(demo, demo_dir)
    assert info.is_office
    (key,) = [k for k in info.keys if k.kind == "decryption"]
    assert key.fingerprint == diagnostics.recipient_fingerprint(recipient)
    assert FINGERPRINT.match(key.fingerprint) and key.status == "active" and key.holders


def test_about_text_names_holders_only_when_asked(demo: Store, demo_dir: DataDir) -> None:
    fingerprints = _with_keys(demo)
    info = diagnostics.about_info(demo, demo_dir)
    holder = info.keys[0].holders
    plain = diagnostics.about_text(info)
    named = diagnostics.about_text(info, names=True)
    for text in (plain, named):
        assert __version__ in text and str(demo_dir.root) in text
        assert f"数据版本：{LATEST_VERSION}" in text and info.unit_name in text
        assert all(fp in text for fp in fingerprints.values())
        assert "还没有备份" in text
    assert holder not in plain and holder in named
    assert diagnostics.about_text(info, tr=lambda s: s.replace("数据版本", "Data version")
                                  ).count("Data version") == 1


# --- the zip -------------------------------------------------------------------------------------

def test_export_holds_the_promised_files(demo: Store, demo_dir: DataDir, tmp_path: Path) -> None:
    _with_keys(demo)
    seen: list[tuple[int, int]] = []
    out = tmp_path / "out"
    out.mkdir()
    report = diagnostics_export.export_diagnostics(demo, demo_dir, out / "diag.zip",
                                            extra={"Qt": "6.11.3"},
                                            progress=lambda d, t: seen.append((d, t)))
    assert report.path == out / "diag.zip" and report.size == report.path.stat().st_size
    texts = _zip_texts(report.path)
    assert set(texts) == set(report.files) == {"README.txt", "about.txt", "system.txt",
                                               "database.txt"}   # no log written yet
    assert report.truncated == []
    assert __version__ in texts["about.txt"] and "密钥指纹" in texts["about.txt"]
    assert "Qt：6.11.3" in texts["about.txt"] and "Qt：6.11.3" in texts["system.txt"]
    db = texts["database.txt"]
    assert "[完整性检查 PRAGMA integrity_check]\nok\n" in db
    assert "审计链完整" in db
    people = demo.conn.execute("SELECT count(*) FROM people").fetchone()[0]
    assert f"\npeople：{people}\n" in db and f"数据版本：{LATEST_VERSION}" in db
    assert "日志模式：wal" in db and "页大小：" in db
    system = texts["system.txt"]
    assert "操作系统：" in system and "cryptography：" in system and "数据文件夹所在磁盘" in system
    assert "不含个人信息" in texts["README.txt"] and "从不包含" in texts["README.txt"]
    assert seen and seen[-1] == (200, 200)
    assert [p.name for p in out.iterdir()] == ["diag.zip"]   # no temporary file left


def test_packages_follow_requirements_txt() -> None:
    names = [line.split("==")[0].strip() for line in
             (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert list(diagnostics_export.PACKAGES) == names


def test_logs_are_scrubbed_and_counted(demo: Store, demo_dir: DataDir, tmp_path: Path) -> None:
    p = _personal(demo)
    home = str(Path.home())
    demo_dir.logs.mkdir(parents=True, exist_ok=True)
    demo_dir.log_file.write_text("2024-05-01 10:00:00,000 INFO fieldledger: started\n",
                                 encoding="utf-8")
    plain = diagnostics_export.export_diagnostics(demo, demo_dir, tmp_path / "plain.zip")
    seeded = [
        f"2024-05-01 10:00:01,000 INFO fieldledger: login as {p['username']}#4\n",
        f"2024-05-01 10:00:02,000 WARNING fieldledger: problem for {p['name']} not saved\n",
        f"2024-05-01 10:00:03,000 INFO fieldledger: 执法证号 {p['cert']}，电话 {p['phone']}\n",
        f"2024-05-01 10:00:04,000 INFO fieldledger: 当事人手机{MOBILE}，身份证{ID_NUMBER}\n",
        f"2024-05-01 10:00:05,000 INFO fieldledger: 车辆 {PLATE} 超限\n",
        f"2024-05-01 10:00:06,000 ERROR fieldledger: cannot read {home}/文档/台账.xlsx\n",
    ]
    with open(demo_dir.log_file, "a", encoding="utf-8") as fh:
        fh.writelines(seeded)
    rotated = demo_dir.log_file.with_name("fieldledger.log.1")
    rotated.write_text(f"2024-04-30 09:00:00,000 INFO fieldledger: {p['name']} exported\n",
                       encoding="utf-8")
    report = diagnostics_export.export_diagnostics(demo, demo_dir, tmp_path / "diag.zip")
    texts = _zip_texts(report.path)
    assert {"logs/fieldledger.log", "logs/fieldledger.log.1"} <= set(texts)
    whole = "\n".join(texts.values())
    for secret in (p["name"], p["cert"], p["phone"], MOBILE, ID_NUMBER, PLATE, home,
                   f"{p['username']}#"):
        assert secret not in whole, secret
    log = texts["logs/fieldledger.log"]
    assert "login as <账号>#4" in log and "problem for <人员> not saved" in log
    assert "执法证号 <证号>，电话 <电话>" in log
    assert "当事人手机<电话>，身份证<身份证号>" in log and "车辆 <车牌> 超限" in log
    assert "cannot read ~/文档/台账.xlsx" in log
    assert "<人员> exported" in texts["logs/fieldledger.log.1"]
    assert "started" in log and "fieldledger:" in log             # the rest stays readable
    # one replacement per seeded value: eight in the log, one in its rotated sibling
    assert report.redactions - plain.redactions == 9
    assert f"已替换的个人信息：{report.redactions} 处" in texts["README.txt"]


def test_unit_names_are_kept(demo: Store, demo_dir: DataDir, tmp_path: Path) -> None:
    unit = demo.conn.execute("SELECT u.name FROM units u JOIN settings s"
                             " ON s.key = 'own_unit_id' AND s.value = u.id").fetchone()[0]
    demo_dir.logs.mkdir(parents=True, exist_ok=True)
    demo_dir.log_file.write_text(f"INFO fieldledger: package of {unit} written\n",
                                 encoding="utf-8")
    texts = _zip_texts(diagnostics_export.export_diagnostics(demo, demo_dir, tmp_path / "d.zip").path)
    assert unit in texts["logs/fieldledger.log"] and unit in texts["about.txt"]


def test_scrubber_rules() -> None:
    scrubber = scrub.Scrubber({"li": "<账号>", "李海": "<人员>", "李海龙": "<人员>",
                                     "0975-8381201": "<电话>"}, home="/home/wang", os_user="wang")
    text = scrubber.scrub("client li logged in; 李海龙 and 李海 called 0975-8381201 from "
                          "/home/wang/x and /home/zhao/y; Li again; link wang")
    assert text == ("client <账号> logged in; <人员> and <人员> called <电话> from ~/x and "
                    "/home/<账号>/y; <账号> again; link <账号>")
    assert scrubber.count == 8
    # a long hexadecimal hash is not a phone or an ID number
    digest = "ab13912345678cd" + "0" * 49
    assert scrubber.scrub(digest) == digest


def test_a_long_log_is_cut_to_its_tail(demo: Store, demo_dir: DataDir, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diagnostics_export, "MAX_LOG_BYTES", 1000)
    demo_dir.logs.mkdir(parents=True, exist_ok=True)
    lines = [f"line {n:04d} INFO fieldledger: something happened\n" for n in range(200)]
    demo_dir.log_file.write_text("".join(lines), encoding="utf-8")
    report = diagnostics_export.export_diagnostics(demo, demo_dir, tmp_path / "d.zip")
    log = _zip_texts(report.path)["logs/fieldledger.log"]
    assert report.truncated == ["logs/fieldledger.log"]
    assert len(log.encode()) <= 1000 and log.endswith(lines[-1]) and log.startswith("line ")
    assert "line 0000" not in log
    assert "被截断的日志：logs/fieldledger.log" in _zip_texts(report.path)["README.txt"]


@pytest.mark.parametrize("at", [0, 50, 150])
def test_a_cancelled_export_leaves_no_file(demo: Store, demo_dir: DataDir, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, at: int) -> None:
    """Cancelled at once, during the audit verification (progress 32-90 of 200), or while the
    logs are copied (100-200)."""
    monkeypatch.setattr(diagnostics_export, "CANCEL_EVERY", 10)
    demo_dir.logs.mkdir(parents=True, exist_ok=True)
    demo_dir.log_file.write_text("INFO fieldledger: a line\n" * 5000, encoding="utf-8")
    state = {"done": 0, "asked_at": -1}

    def progress(done: int, _total: int) -> None:
        state["done"] = done

    def cancelled() -> bool:
        if state["done"] >= at:
            state["asked_at"] = state["done"]
            return True
        return False

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        diagnostics_export.export_diagnostics(demo, demo_dir, out / "d.zip", progress=progress,
                                       cancelled=cancelled)
    assert list(out.iterdir()) == []
    assert at <= state["asked_at"] < (100 if at < 100 else 200)


def test_an_unwritable_folder_is_a_clear_error(demo: Store, demo_dir: DataDir,
                                               tmp_path: Path) -> None:
    from models.files import FileWriteFailed
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(FileWriteFailed):
        diagnostics_export.export_diagnostics(demo, demo_dir, blocker / "d.zip")


# --- command line --------------------------------------------------------------------------------

def test_cli_about_and_export(demo_dir: DataDir, tmp_path: Path) -> None:
    result = run_cli("diagnostics", "about", "--data-dir", str(demo_dir.root))
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout and f"数据版本：{LATEST_VERSION}" in result.stdout
    assert str(demo_dir.root) in result.stdout
    target = tmp_path / "support"
    result = run_cli("diagnostics", "export", str(target), "--data-dir", str(demo_dir.root))
    assert result.returncode == 0, result.stderr
    made = target.with_suffix(".zip")
    assert str(made) in result.stdout and "不含个人信息" in result.stdout
    texts = _zip_texts(made)
    assert {"README.txt", "about.txt", "system.txt", "database.txt"} <= set(texts)

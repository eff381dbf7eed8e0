"""The office's own age decryption keys (models.office_keys): created and sealed under the login
password, unlocked with the signing keys' throttle, retired but kept, re-encrypted with a new
password, given to a second chief; published in the seal key's enrollment file (a changed
recipient breaks the proof); the station stores them when it registers its office; end to end a
package encrypted to the office opens with the stored key (and with Debian's ``age``) and not
without it; ``package verify|import --stored-key``."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest
from conftest import login_as
from core_helpers import (
    OFFICE_PASSWORD,
    Clock,
    director,
    is_chinese,
    run_cli,
    seal_enrollment,
)
from form_helpers import QINGHAI_DOC_NO

from models import (
    accounts,
    audit,
    enrollment,
    key_unlock,
    keys,
    office_import,
    office_keys,
    office_units,
    package_out,
    receipts,
)
from models.demo import DEMO_PASSWORD
from models.errors import AuthenticationFailed, ValidationError
from models.session import LOCK_SECONDS
from models.store import Store

NEW_PASSWORD = "a-new-login-pass-2"
FAST = ("ledger", "signatures", "audit")


def recipient_of(identity: str) -> str:
    return str(pyrage.x25519.Identity.from_str(identity).to_public())


def decrypts(identities: list[str], recipient: str) -> bool:
    """True when ``identities`` open a message encrypted to ``recipient``."""
    sealed = pyrage.encrypt(b"package", [pyrage.x25519.Recipient.from_str(recipient)])
    try:
        return pyrage.decrypt(sealed, [pyrage.x25519.Identity.from_str(i)
                                       for i in identities]) == b"package"
    except pyrage.DecryptError:
        return False


def export(station: Store, stick: Path) -> package_out.ExportedPackage:
    chief = login_as(station, "chief")
    campaign = station.conn.execute("SELECT id FROM campaigns WHERE doc_no = ?",
                                    (QINGHAI_DOC_NO,)).fetchone()[0]
    return package_out.export_package(chief, stick, DEMO_PASSWORD, campaign_id=campaign,
                                      materials=FAST)


# --- the key ------------------------------------------------------------------------------------

def test_create_seals_the_identity_under_the_login_password(demo: Store) -> None:
    chief = login_as(demo, "chief")
    with pytest.raises(keys.KeyPassphraseWrong):
        office_keys.create_decryption_key(chief, "not-my-password")
    assert demo.conn.execute("SELECT count(*) FROM decryption_keys").fetchone()[0] == 0
    with pytest.raises(office_keys.DecryptionKeyMissing) as info:
        office_keys.unlock_identities(chief, DEMO_PASSWORD)
    assert is_chinese(str(info.value))

    changes = office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    assert changes.tables == {"decryption_keys", "decryption_key_holders"}
    [row] = office_keys.list_decryption_keys(chief)
    assert row["status"] == "active" and row["holders"] == "才让东智"
    assert row["holder_accounts"] == str(chief.account_id) and "sealed_key" not in row
    assert office_keys.active_recipients(demo) == [row["recipient"]]
    assert row["recipient"].startswith("age1") and office_keys.is_recipient(row["recipient"])

    [identity] = office_keys.unlock_identities(chief, DEMO_PASSWORD)
    assert identity.startswith("AGE-SECRET-KEY-1") and recipient_of(identity) == row["recipient"]
    assert decrypts([identity], row["recipient"])

    # nothing clear in the database or the audit log; the copy's image is its hash only
    blob = demo.conn.execute("SELECT sealed_key FROM decryption_key_holders").fetchone()[0]
    assert "AGE-SECRET-KEY" not in blob and json.loads(blob)["aead"] == "chacha20poly1305"
    log = "\n".join(str(r) for r in demo.conn.execute("SELECT * FROM audit_log"))
    assert "AGE-SECRET-KEY" not in log and identity[15:40] not in log
    image = json.loads(demo.conn.execute(
        "SELECT after FROM audit_log WHERE tbl = 'decryption_key_holders'").fetchone()[0])
    assert image["sealed_key"].startswith("sha256:")
    # the copy is bound to its key and its holder
    other = login_as(demo, "admin")
    assert office_keys._open(blob, DEMO_PASSWORD, row["recipient"], other.account_id) is None
    assert office_keys._open(blob, DEMO_PASSWORD, "age1" + row["recipient"][4:][::-1],
                             chief.account_id) is None
    # others may see the recipient, not unlock it
    for user in ("officer", "reviewer", "admin"):
        assert office_keys.list_decryption_keys(login_as(demo, user))[0]["recipient"] == \
            row["recipient"]
    assert demo.verify_audit().ok


def test_wrong_passphrase_is_throttled_like_the_signing_keys(demo: Store) -> None:
    chief = login_as(demo, "chief")
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    clock = Clock()
    opened: list[list[str]] = []

    def attempt(passphrase: str) -> type[Exception] | None:
        try:
            opened.append(office_keys.unlock_identities(chief, passphrase, clock=clock))
        except keys.FieldLedgerError as exc:
            assert is_chinese(str(exc)) and "解密" in str(exc), str(exc)
            return type(exc)
        return None

    assert attempt("wrong-1") is keys.KeyPassphraseWrong
    assert "登录密码" in str(keys.KeyPassphraseWrong(office_keys._WRONG))
    assert attempt("wrong-2") is keys.KeyPassphraseWrong
    assert attempt("wrong-3") is keys.KeyPassphraseWrong
    assert attempt(DEMO_PASSWORD) is key_unlock.KeyUnlockThrottled  # must wait 1 s, even when right
    clock.advance(1.5)
    assert attempt("wrong-4") is keys.KeyPassphraseWrong
    clock.advance(2.5)
    assert attempt("wrong-5") is keys.KeyPassphraseWrong       # 5th: locked
    clock.advance(60)
    assert attempt(DEMO_PASSWORD) is key_unlock.KeyUnlockLocked
    assert opened == []
    assert demo.conn.execute("SELECT count(*) FROM audit_log WHERE action = 'key_unlock_failed'"
                             ).fetchone()[0] == 5
    # the signing keys of the same account have their own slots: not locked by this
    keys.create_seal_key(chief, DEMO_PASSWORD)
    with keys.unlock(chief, keys.held_seal_key(chief), DEMO_PASSWORD, clock=clock):
        pass
    clock.advance(LOCK_SECONDS)
    assert attempt(DEMO_PASSWORD) is None and len(opened) == 1
    assert demo.conn.execute("SELECT count(*) FROM key_unlock_attempts").fetchone()[0] == 0
    assert demo.verify_audit().ok


def test_a_new_key_retires_the_old_one_which_still_opens_older_packages(demo: Store) -> None:
    chief = login_as(demo, "chief")
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    [first] = office_keys.active_recipients(demo)
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    [second] = office_keys.active_recipients(demo)
    assert second != first
    rows = office_keys.list_decryption_keys(chief)
    assert [(r["recipient"], r["status"]) for r in rows] == [(second, "active"),
                                                              (first, "retired")]
    assert rows[1]["status_at"] and rows[1]["status_at"] >= rows[1]["created_at"]
    identities = office_keys.unlock_identities(chief, DEMO_PASSWORD)
    assert [recipient_of(i) for i in identities] == [second, first]       # active first
    assert decrypts(identities, first) and decrypts(identities, second)
    assert demo.verify_audit().ok


def test_password_change_reencrypts_the_copies_in_the_same_transaction(demo: Store) -> None:
    chief = login_as(demo, "chief")
    keys.create_seal_key(chief, DEMO_PASSWORD)
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    before = dict(demo.conn.execute("SELECT id, sealed_key FROM decryption_key_holders"))
    with pytest.raises(keys.KeyPassphraseWrong):
        office_keys.unlock_identities(chief, "wrong")      # a failure on record, cleared below
    head = audit.head(demo.conn)[0]
    changes = accounts.change_own_password(chief, DEMO_PASSWORD, NEW_PASSWORD)
    assert changes.tables == {"accounts", "key_holders", "decryption_key_holders"}
    # one transaction: the password, the seal key's copy and both decryption copies together
    entries = demo.conn.execute("SELECT tbl FROM audit_log WHERE seq > ? ORDER BY seq",
                                (head,)).fetchall()
    assert sorted(t for (t,) in entries) == ["accounts", "decryption_key_holders",
                                             "decryption_key_holders", "key_holders"]
    after = dict(demo.conn.execute("SELECT id, sealed_key FROM decryption_key_holders"))
    assert set(after) == set(before) and all(after[k] != before[k] for k in after)
    assert demo.conn.execute("SELECT count(*) FROM key_unlock_attempts").fetchone()[0] == 0
    with pytest.raises(keys.KeyPassphraseWrong):
        office_keys.unlock_identities(chief, DEMO_PASSWORD)
    assert len(office_keys.unlock_identities(chief, NEW_PASSWORD)) == 2
    # an administrator's reset does not re-encrypt: the previous password still opens them
    accounts.reset_password(login_as(demo, "admin"), chief.account_id, "reset-by-admin-3")
    assert len(office_keys.unlock_identities(chief, NEW_PASSWORD)) == 2
    assert demo.verify_audit().ok


def test_give_to_a_second_chief(demo: Store) -> None:
    chief = login_as(demo, "chief")
    with pytest.raises(office_keys.DecryptionKeyMissing):
        office_keys.give_decryption_key(chief, DEMO_PASSWORD, "officer2", DEMO_PASSWORD)
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    with pytest.raises(ValidationError) as info:
        office_keys.give_decryption_key(chief, DEMO_PASSWORD, "officer2", DEMO_PASSWORD)
    assert is_chinese(str(info.value)) and "负责人" in str(info.value)
    officer2 = demo.conn.execute("SELECT id FROM accounts WHERE username = 'officer2'"
                                 ).fetchone()[0]
    accounts.set_roles(login_as(demo, "admin"), officer2, ["chief"])
    with pytest.raises(AuthenticationFailed):
        office_keys.give_decryption_key(chief, DEMO_PASSWORD, "officer2", "not-his-password")
    with pytest.raises(keys.KeyPassphraseWrong):
        office_keys.give_decryption_key(chief, "not-my-password", "officer2", DEMO_PASSWORD)
    assert demo.conn.execute("SELECT count(*) FROM decryption_key_holders").fetchone()[0] == 2

    changes = office_keys.give_decryption_key(chief, DEMO_PASSWORD, "officer2", DEMO_PASSWORD)
    assert changes.tables == {"decryption_key_holders"}
    assert [r["holders"] for r in office_keys.list_decryption_keys(chief)] == [
        "才让东智、索南扎西", "才让东智、索南扎西"]
    second = login_as(demo, "officer2")
    identities = office_keys.unlock_identities(second, DEMO_PASSWORD)
    assert sorted(identities) == sorted(office_keys.unlock_identities(chief, DEMO_PASSWORD))
    with pytest.raises(ValidationError):            # he holds them all already
        office_keys.give_decryption_key(chief, DEMO_PASSWORD, "officer2", DEMO_PASSWORD)
    # each copy opens with its holder's own password
    accounts.change_own_password(second, DEMO_PASSWORD, NEW_PASSWORD)
    assert len(office_keys.unlock_identities(second, NEW_PASSWORD)) == 2
    assert len(office_keys.unlock_identities(chief, DEMO_PASSWORD)) == 2
    assert demo.verify_audit().ok


def test_recipients_file(demo: Store, tmp_path: Path) -> None:
    chief = login_as(demo, "chief")
    with pytest.raises(office_keys.DecryptionKeyMissing):
        office_keys.recipients_file(chief)
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    text = office_keys.recipients_file(login_as(demo, "officer"))
    assert package_out.parse_recipients(text) == office_keys.active_recipients(demo)
    assert "玛沁县大武超限检测站" in text.splitlines()[0]


# --- publishing: the enrollment file -------------------------------------------------------------

def test_enrollment_carries_the_recipients_under_the_proof(office: Store) -> None:
    boss = director(office)
    older = json.loads(seal_enrollment(boss, OFFICE_PASSWORD))
    assert "recipients" not in older                   # no decryption key yet: no field
    office_keys.create_decryption_key(boss, OFFICE_PASSWORD)
    text = seal_enrollment(boss, OFFICE_PASSWORD)
    document = enrollment.read_enrollment(text)
    assert document["recipients"] == office_keys.active_recipients(office)
    # older files without the field stay valid
    assert "recipients" not in enrollment.read_enrollment(json.dumps(older))

    # a recipient swapped for another valid one: the proof no longer holds
    other = str(pyrage.x25519.Identity.generate().to_public())
    tampered = dict(document, recipients=[other])
    with pytest.raises(enrollment.EnrollmentInvalid) as info:
        enrollment.read_enrollment(json.dumps(tampered, ensure_ascii=False))
    assert info.value.template == enrollment._BAD_PROOF
    # malformed lists are refused before the proof, naming the field
    for bad in (["age1notarecipient"], "age1" + other[4:], [other] * 2,
                [str(pyrage.x25519.Identity.generate().to_public()) for _ in range(9)], [7]):
        with pytest.raises(enrollment.EnrollmentInvalid) as info:
            enrollment.read_enrollment(json.dumps(dict(document, recipients=bad)))
        assert "recipients" in str(info.value) and is_chinese(str(info.value))
    assert office.verify_audit().ok


def test_a_person_keys_file_carries_no_recipients(demo: Store) -> None:
    chief = login_as(demo, "chief")
    office_keys.create_decryption_key(chief, DEMO_PASSWORD)
    keys.create_own_key(chief, DEMO_PASSWORD)
    key_id = keys._active_key(demo, "person", person_id=chief.person_id)
    document = json.loads(enrollment.enrollment_file(chief, key_id, DEMO_PASSWORD))
    assert "recipients" not in document
    document["recipients"] = office_keys.active_recipients(demo)
    with pytest.raises(enrollment.EnrollmentInvalid):
        enrollment.read_enrollment(json.dumps(document))


def test_set_office_stores_the_recipients(station: Store, office: Store) -> None:
    boss = director(office)
    chief = login_as(station, "chief")
    package_out.set_office_recipients(chief, str(pyrage.x25519.Identity.generate().to_public()))
    typed = package_out.office_recipients(station)
    # a file without recipients registers the office and leaves the typed ones alone
    reg = receipts.set_office(chief, seal_enrollment(boss, OFFICE_PASSWORD))
    assert reg.recipients == [] and package_out.office_recipients(station) == typed
    office_keys.create_decryption_key(boss, OFFICE_PASSWORD)
    head = audit.head(station.conn)[0]
    reg = receipts.set_office(chief, seal_enrollment(boss, OFFICE_PASSWORD))
    assert reg.recipients == office_keys.active_recipients(office)
    assert package_out.office_recipients(station) == reg.recipients
    assert "settings" in reg.tables
    entries = station.conn.execute("SELECT row_key FROM audit_log WHERE seq > ?",
                                   (head,)).fetchall()
    assert entries == [(package_out.RECIPIENTS_SETTING,)]      # the office itself is unchanged
    # the same file again: nothing changes
    assert not receipts.set_office(chief, seal_enrollment(boss, OFFICE_PASSWORD))
    assert station.verify_audit().ok


# --- end to end --------------------------------------------------------------------------------

def test_registered_office_receives_encrypted_packages(station: Store, office: Store,
                                                       stick: Path, tmp_path: Path) -> None:
    boss = director(office)
    office_keys.create_decryption_key(boss, OFFICE_PASSWORD)
    office_units.register_unit(boss, seal_enrollment(login_as(station, "chief"), DEMO_PASSWORD))
    receipts.set_office(login_as(station, "chief"), seal_enrollment(boss, OFFICE_PASSWORD))

    exported = export(station, stick)
    assert exported.encrypted
    assert exported.path.read_bytes().startswith(b"age-encryption.org/v1")
    # without the key: refused, and nothing changes
    report = office_import.verify_and_preview(boss, exported.path)
    assert report.problems and not report.importable
    identities = office_keys.unlock_identities(boss, OFFICE_PASSWORD)
    assert office_import.verify_and_preview(boss, exported.path, identities).importable
    result = office_import.import_package(boss, exported.path, identities)
    assert result.status == "imported", result.report.lines()

    # the office takes a new key: the station learns it from the next enrollment file, and
    # the package encrypted to the retired key still opens
    office_keys.create_decryption_key(boss, OFFICE_PASSWORD)
    receipts.set_office(login_as(station, "chief"), seal_enrollment(boss, OFFICE_PASSWORD))
    assert package_out.office_recipients(station) == office_keys.active_recipients(office)
    identities = office_keys.unlock_identities(boss, OFFICE_PASSWORD)
    assert office_import.verify_and_preview(boss, exported.path, identities).already_imported
    stick2 = tmp_path / "stick2"
    stick2.mkdir()
    second = export(station, stick2)
    only_old = [i for i in identities
                if recipient_of(i) not in office_keys.active_recipients(office)]
    assert office_import.verify_and_preview(boss, second.path, only_old).problems
    assert office_import.import_package(boss, second.path, identities).status == "imported"
    assert station.verify_audit().ok and office.verify_audit().ok


@pytest.mark.skipif(shutil.which("age") is None, reason="age is not installed")
def test_the_stored_identity_works_with_age(station: Store, office: Store, stick: Path,
                                            tmp_path: Path) -> None:
    boss = director(office)
    office_keys.create_decryption_key(boss, OFFICE_PASSWORD)
    receipts.set_office(login_as(station, "chief"), seal_enrollment(boss, OFFICE_PASSWORD))
    exported = export(station, stick)
    [identity] = office_keys.unlock_identities(boss, OFFICE_PASSWORD)
    key_file = tmp_path / "office-key.txt"
    key_file.write_text(identity + "\n", encoding="ascii")
    plain = tmp_path / "package.zip"
    done = subprocess.run(["age", "-d", "-i", str(key_file), "-o", str(plain),
                           str(exported.path)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert plain.read_bytes().startswith(b"PK\x03\x04")
    # and the exported recipients file encrypts for that identity with age -R
    recipients = tmp_path / "接收公钥.txt"
    recipients.write_text(office_keys.recipients_file(boss), encoding="utf-8")
    message = tmp_path / "message.age"
    subprocess.run(["age", "-R", str(recipients), "-o", str(message), str(plain)], check=True,
                   timeout=60)
    assert pyrage.decrypt(message.read_bytes(), [pyrage.x25519.Identity.from_str(identity)]
                          ) == plain.read_bytes()


def test_cli_stored_key(station: Store, office: Store, stick: Path, tmp_path: Path) -> None:
    boss = director(office)
    office_keys.create_decryption_key(boss, OFFICE_PASSWORD)
    station_enrollment = tmp_path / "station.json"
    station_enrollment.write_text(seal_enrollment(login_as(station, "chief"), DEMO_PASSWORD),
                                  encoding="utf-8")
    office_units.register_unit(boss, station_enrollment.read_text(encoding="utf-8"))
    receipts.set_office(login_as(station, "chief"), seal_enrollment(boss, OFFICE_PASSWORD))
    exported = export(station, stick)
    root = str(office.data_dir.root)
    office.close()
    os.environ["FL_OFFICE_PW"] = OFFICE_PASSWORD
    try:
        plain = run_cli("package", "verify", str(exported.path), "--enrollment",
                        str(station_enrollment))
        assert plain.returncode == 1 and "解密" in plain.stderr, plain.stdout + plain.stderr
        verified = run_cli("package", "verify", str(exported.path), "--enrollment",
                           str(station_enrollment), "--stored-key", "--data-dir", root,
                           "--username", "director", "--password-env", "FL_OFFICE_PW")
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert "校验通过" in verified.stdout and "已加密" in verified.stdout
        no_user = run_cli("package", "verify", str(exported.path), "--enrollment",
                          str(station_enrollment), "--stored-key", "--data-dir", root)
        assert no_user.returncode == 2 and "--username" in no_user.stderr
        os.environ["FL_OFFICE_PW"] = "wrong-password"
        wrong = run_cli("package", "import", str(exported.path), "--stored-key",
                        "--data-dir", root, "--username", "director",
                        "--password-env", "FL_OFFICE_PW")
        assert wrong.returncode == 2 and "错误" in wrong.stderr
        os.environ["FL_OFFICE_PW"] = OFFICE_PASSWORD
        done = run_cli("package", "import", str(exported.path), "--stored-key", "--data-dir",
                       root, "--username", "director", "--password-env", "FL_OFFICE_PW")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "已导入" in done.stdout
    finally:
        os.environ.pop("FL_OFFICE_PW", None)

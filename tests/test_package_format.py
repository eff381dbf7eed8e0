"""Submission packages (models.package_format): round trip, tampering, truncation, keys, a stick
pulled mid-write, and the standard tools (``minisign``, ``age``, ``unzip``) on our packages.

``minisign``, ``age`` and ``unzip`` come from Debian (``bash packaging/setup.sh --dev``).
"""
from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from core_helpers import is_chinese, run_cli
from models import key_crypto, key_unlock, keys, minisign
from models import package_format as pf
from models import package_read
from models.demo import DEMO_PASSWORD
from models.errors import DiskFull, FieldLedgerError
from models.files import FileWriteFailed
from models.package_format import PackageFile, PackageInvalid

from conftest import login_as

INFO = {"Source-Organization": "某县综合行政执法局", "FieldLedger-Unit-Code": "630102",
        "FieldLedger-Sequence": "7", "FieldLedger-Previous-Package": "a" * 64,
        "FieldLedger-Campaign": "青执法〔2025〕3号", "FieldLedger-Period": "2025-01-01/2025-03-31",
        "FieldLedger-Materials": "problem_list,selfcheck", "FieldLedger-Audit-Head": "42:" + "b" * 64,
        "FieldLedger-Created": "2025-04-01T08:00:00Z"}


class Unit:
    """A unit's seal key held in memory (what keys.unlock yields in the app)."""

    def __init__(self, seed: int) -> None:
        self.private = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
        self.public = self.private.public_key().public_bytes_raw()
        self.sign = self.private.sign


UNIT_A, UNIT_B = Unit(1), Unit(2)


def small_files(folder: Path) -> list[PackageFile]:
    photo = folder / "photo.jpg"
    photo.write_bytes(bytes(range(256)) * 3)
    return [PackageFile("records/problems.jsonl", '{"id":1,"issue":"台账不全"}\n'.encode()),
            PackageFile("forms/专项整治问题清单.xlsx", b"PK-xlsx"),
            PackageFile("evidence/ab/ab12.jpg", photo),
            PackageFile("records/100%.txt", b"percent")]


def write(folder: Path, name: str = "pkg.zip", unit: Unit = UNIT_A, info: dict | None = None,
          recipients: tuple[str, ...] = ()) -> pf.WrittenPackage:
    src = folder / "src"
    src.mkdir(exist_ok=True)
    return pf.write_package(folder / name, small_files(src), info or INFO, public_key=unit.public,
                            sign=unit.sign, recipients=recipients)


def key_of(unit: Unit):
    return lambda info: unit.public


@pytest.fixture
def plain(tmp_path: Path) -> pf.WrittenPackage:
    return write(tmp_path)


@pytest.fixture
def identity() -> Any:
    return x25519.Identity.generate()


def test_round_trip_plain(tmp_path: Path, plain: pf.WrittenPackage) -> None:
    assert plain.path.read_bytes()[:4] == b"PK\x03\x04" and not plain.encrypted
    assert plain.sha256 == hashlib.sha256(plain.path.read_bytes()).hexdigest()
    assert plain.files == 4 and plain.size == plain.path.stat().st_size
    assert sorted(os.listdir(tmp_path)) == ["pkg.zip", "src"]   # no temporary file left
    got = pf.verify_package(plain.path, key_for=key_of(UNIT_A), staging=tmp_path / "stage")
    assert got.sha256 == plain.sha256 and not got.encrypted
    assert got.files == [f.path for f in small_files(tmp_path / "src")]
    for f in small_files(tmp_path / "src"):
        data = f.source if isinstance(f.source, bytes) else f.source.read_bytes()
        assert (got.staged / f.path).read_bytes() == data
    assert got.staged.parent == (tmp_path / "stage").resolve()
    for label, value in INFO.items():
        assert got.info[label] == value
    assert got.info["FieldLedger-Format-Version"] == pf.FORMAT_VERSION
    assert got.info["FieldLedger-Signing-Key"] == key_crypto.key_id_of(UNIT_A.public)
    assert got.info["Payload-Oxum"] == f"{plain.payload_bytes}.4"
    with zipfile.ZipFile(plain.path) as zf:
        names = zf.namelist()
        assert all(n.startswith("630102-7/") for n in names)
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
        assert zf.read("630102-7/bagit.txt") == (b"BagIt-Version: 1.0\n"
                                                 b"Tag-File-Character-Encoding: UTF-8\n")
        manifest = zf.read("630102-7/manifest-sha256.txt").decode()
        assert "  data/records/100%25.txt\n" in manifest
        tags = zf.read("630102-7/tagmanifest-sha256.txt").decode().splitlines()
        assert [line.split("  ")[1] for line in tags] == ["bagit.txt", "bag-info.txt",
                                                          "manifest-sha256.txt"]
        sig = zf.read("630102-7/tagmanifest-sha256.txt.minisig").decode()
        assert "unit:630102\tseq:7\tprevious:" + "a" * 64 in sig
        info_utf8 = [i for i in zf.infolist() if not i.filename.isascii()]
        assert info_utf8 and all(i.flag_bits & 0x800 for i in info_utf8)


def test_reproducible(tmp_path: Path) -> None:
    one, two = write(tmp_path, "one.zip"), write(tmp_path, "two.zip")
    assert one.sha256 == two.sha256


def test_round_trip_encrypted(tmp_path: Path, identity: Any) -> None:
    other = x25519.Identity.generate()
    got = write(tmp_path, "pkg.age", recipients=(str(identity.to_public()),
                                                  str(other.to_public())))
    data = got.path.read_bytes()
    assert got.encrypted and data.startswith(b"age-encryption.org/v1\n")
    assert b"630102" not in data and "专项整治".encode() not in data
    for ident in (identity, other):
        checked = pf.verify_package(got.path, key_for=key_of(UNIT_A), identities=[str(ident)],
                                    staging=tmp_path / "stage")
        assert checked.encrypted and checked.sha256 == got.sha256
        assert (checked.staged / "records/problems.jsonl").read_bytes().startswith(b'{"id":1')
    with pytest.raises(PackageInvalid) as exc:
        pf.verify_package(got.path, key_for=key_of(UNIT_A))
    assert exc.value.reason == "decrypt"
    with pytest.raises(PackageInvalid) as exc:
        pf.verify_package(got.path, key_for=key_of(UNIT_A),
                          identities=[str(x25519.Identity.generate())])
    assert exc.value.reason == "decrypt"
    # the plain ZIP never lands beside the package, nor is left in staging
    assert sorted(os.listdir(tmp_path)) == ["pkg.age", "src", "stage"]
    assert all(p.name.startswith("package-") for p in (tmp_path / "stage").iterdir())


def _signature_comment_span(path: Path) -> range:
    """Offsets in the package file of the minisig's first line (without its line end)."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("630102-7/tagmanifest-sha256.txt.minisig")
        data = zf.read(info)
    with open(path, "rb") as fh:
        fh.seek(info.header_offset + 26)
        name_len, extra_len = int.from_bytes(fh.read(2), "little"), int.from_bytes(fh.read(2),
                                                                                   "little")
    start = info.header_offset + 30 + name_len + extra_len
    return range(start, start + data.index(b"\n"))


def test_every_byte_flip_is_rejected_except_the_untrusted_comment(
        tmp_path: Path, plain: pf.WrittenPackage) -> None:
    data = plain.path.read_bytes()
    comment = _signature_comment_span(plain.path)
    bad = tmp_path / "bad.zip"
    accepted, reasons = [], set()
    for offset in range(len(data)):
        flipped = bytearray(data)
        flipped[offset] ^= 0xFF
        bad.write_bytes(flipped)
        try:
            pf.verify_package(bad, key_for=key_of(UNIT_A))
        except PackageInvalid as exc:
            assert is_chinese(str(exc))
            reasons.add(exc.reason)
        else:
            accepted.append(offset)
    assert accepted == list(comment)
    assert {"structure", "manifest", "signature", "unsafe_path"} <= reasons


def test_every_byte_flip_of_an_encrypted_package_is_rejected(tmp_path: Path,
                                                              identity: Any) -> None:
    got = write(tmp_path, "pkg.age", recipients=(str(identity.to_public()),))
    data = got.path.read_bytes()
    bad = tmp_path / "bad.age"
    for offset in range(len(data)):
        flipped = bytearray(data)
        flipped[offset] ^= 0xFF
        bad.write_bytes(flipped)
        with pytest.raises(PackageInvalid) as exc:
            pf.verify_package(bad, key_for=key_of(UNIT_A), identities=[str(identity)])
        assert exc.value.reason in {"decrypt", "structure", "truncated"}, offset


def test_truncations_are_rejected_as_incomplete(tmp_path: Path, plain: pf.WrittenPackage,
                                                identity: Any) -> None:
    data = plain.path.read_bytes()
    bad = tmp_path / "cut.zip"
    for cut in sorted({*range(0, len(data), 97), *range(len(data) - 200, len(data))}):
        bad.write_bytes(data[:cut])
        with pytest.raises(PackageInvalid) as exc:
            pf.verify_package(bad, key_for=key_of(UNIT_A))
        assert exc.value.reason == "truncated", cut
        assert "不完整" in str(exc.value)
    enc = write(tmp_path, "pkg.age", recipients=(str(identity.to_public()),)).path.read_bytes()
    for cut in range(0, len(enc), 53):
        bad.write_bytes(enc[:cut])
        with pytest.raises(PackageInvalid) as exc:
            pf.verify_package(bad, key_for=key_of(UNIT_A), identities=[str(identity)])
        assert exc.value.reason in {"decrypt", "truncated"}


def test_package_signed_by_a_claiming_b_is_rejected(tmp_path: Path) -> None:
    claims_b = write(tmp_path, "b.zip", unit=UNIT_A, info={**INFO, "FieldLedger-Unit-Code": "B"})
    office_keys = {"630102": UNIT_A.public, "B": UNIT_B.public}

    def office(info: Any) -> bytes:
        return office_keys[info["FieldLedger-Unit-Code"]]
    with pytest.raises(PackageInvalid) as exc:
        pf.verify_package(claims_b.path, key_for=office)
    assert exc.value.reason == "key" and is_chinese(str(exc.value))
    # even with bag-info's key id made to match B, the signature does not verify with B's key
    with pytest.raises(PackageInvalid) as exc:
        pf.verify_package(claims_b.path, key_for=lambda info: UNIT_B.public)
    assert exc.value.reason == "key"
    a = write(tmp_path, "a.zip", unit=UNIT_A)
    assert pf.verify_package(a.path, key_for=office).info["FieldLedger-Unit-Code"] == "630102"


def test_a_key_not_matching_the_signature_is_rejected(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    got = write(tmp_path)
    # a reader that skipped the key-id check would still meet the signature
    monkeypatch.setattr(package_read, "signing_key_id",
                        lambda key: key_crypto.key_id_of(UNIT_A.public))
    with pytest.raises(PackageInvalid) as exc:
        pf.verify_package(got.path, key_for=key_of(UNIT_B))
    assert exc.value.reason == "signature"


def test_revoked_key_is_rejected(demo: Any, tmp_path: Path) -> None:
    chief = login_as(demo, "chief")
    keys.create_seal_key(chief, DEMO_PASSWORD)
    key_id = keys._active_key(demo, "seal", unit_id=chief.unit_id)
    public, _row = keys.stored_public_key(demo.conn, key_id)
    with keys.unlock(chief, key_id, DEMO_PASSWORD) as sign:
        got = pf.write_package(tmp_path / "p.zip", [PackageFile("records/a.jsonl", b"{}\n")],
                               INFO, public_key=public, sign=sign)

    def office(info: Any) -> bytes:
        found = keys.stored_public_key(demo.conn, info["FieldLedger-Signing-Key"])
        if found is None or found[1]["status"] != "active":
            raise key_unlock.KeyNotUsable()
        return found[0]
    assert pf.verify_package(got.path, key_for=office).sha256 == got.sha256
    keys.revoke_key(chief, key_id, DEMO_PASSWORD, "印章密钥遗失")
    with pytest.raises(PackageInvalid) as exc:
        pf.verify_package(got.path, key_for=office)
    assert exc.value.reason == "key" and is_chinese(str(exc.value))


class FailingFile(io.FileIO):
    """A file on a stick that fails after ``budget`` bytes with ``error``."""

    budget = 0
    error = errno.ENOSPC

    def write(self, data: Any) -> int:
        if FailingFile.budget < len(data):
            raise OSError(FailingFile.error, os.strerror(FailingFile.error))
        FailingFile.budget -= len(data)
        return super().write(data)


def _nothing_left(folder: Path, name: str) -> None:
    assert sorted(os.listdir(folder)) in (["src"], sorted(["src", name]))
    assert not (folder / name).exists()


@pytest.mark.parametrize("error, raised", [(errno.ENOSPC, DiskFull), (errno.EIO, FileWriteFailed)])
@pytest.mark.parametrize("encrypted", [False, True])
def test_stick_failing_mid_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, identity: Any,
                                 error: int, raised: type, encrypted: bool) -> None:
    recipients = (str(identity.to_public()),) if encrypted else ()
    monkeypatch.setattr(pf, "_open_for_write", lambda path: FailingFile(path, "xb"))
    for budget in (0, 100, 1000, 2000):
        FailingFile.budget, FailingFile.error = budget, error
        with pytest.raises(raised) as exc:
            write(tmp_path, recipients=recipients)
        assert is_chinese(str(exc.value))
        _nothing_left(tmp_path, "pkg.zip")
    monkeypatch.undo()
    again = write(tmp_path, recipients=recipients)
    assert pf.verify_package(again.path, key_for=key_of(UNIT_A),
                             identities=[str(identity)]).sha256 == again.sha256


@pytest.mark.parametrize("encrypted", [False, True])
def test_stick_losing_the_tail_leaves_nothing_that_verifies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, identity: Any, encrypted: bool) -> None:
    recipients = (str(identity.to_public()),) if encrypted else ()
    real_replace = pf.replace

    def replace_truncated(tmp: Path, target: Path) -> None:
        with open(tmp, "r+b") as fh:       # the stick kept only part of what was written
            fh.truncate(os.path.getsize(tmp) // 2)
        real_replace(tmp, target)
    monkeypatch.setattr(pf, "replace", replace_truncated)
    with pytest.raises(PackageInvalid) as exc:
        write(tmp_path, recipients=recipients)
    assert exc.value.reason == "write" and "重新写出" in str(exc.value)
    _nothing_left(tmp_path, "pkg.zip")
    monkeypatch.undo()
    again = write(tmp_path, recipients=recipients)
    assert again.path.exists()


def test_read_back_error_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path) -> Any:
        raise OSError(errno.EIO, "Input/output error")
    monkeypatch.setattr(package_read, "_open_for_read", broken)   # the read-back
    with pytest.raises(PackageInvalid) as exc:
        write(tmp_path)
    assert exc.value.reason == "write"
    _nothing_left(tmp_path, "pkg.zip")


def test_read_back_during_the_write_sees_what_landed(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The payload is read back while it is written: a byte that reads back differently (a
    failing medium) refuses the package and leaves nothing."""
    real_open = open

    class Flipping:
        def __init__(self, fh: Any) -> None:
            self.fh, self.pos = fh, 0

        def read(self, n: int) -> bytes:
            data = bytearray(self.fh.read(n))
            if self.pos <= 300 < self.pos + len(data):
                data[300 - self.pos] ^= 0x01
            self.pos += len(data)
            return bytes(data)

        def __enter__(self) -> "Flipping":
            return self

        def __exit__(self, *exc: Any) -> None:
            self.fh.close()

    def flipping_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        fh = real_open(path, mode, *args, **kwargs)
        return Flipping(fh) if kwargs.get("buffering") == 0 else fh

    monkeypatch.setattr(pf, "open", flipping_open, raising=False)
    with pytest.raises(PackageInvalid) as exc:
        write(tmp_path)
    assert exc.value.reason == "write"
    _nothing_left(tmp_path, "pkg.zip")


def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    from models.forms import ExportCancelled
    src = tmp_path / "src"
    src.mkdir()
    with pytest.raises(ExportCancelled):
        pf.write_package(tmp_path / "pkg.zip", small_files(src), INFO, public_key=UNIT_A.public,
                         sign=UNIT_A.sign, cancelled=lambda: True)
    _nothing_left(tmp_path, "pkg.zip")


@pytest.mark.parametrize("info, files", [
    ({**INFO, "FieldLedger-Campaign": "两行\n文字"}, None),
    ({**INFO, "Payload-Oxum": "1.1"}, None),
    ({k: v for k, v in INFO.items() if k != "FieldLedger-Sequence"}, None),
    (INFO, [PackageFile("../evil", b"x")]),
    (INFO, [PackageFile("a.txt", b"x"), PackageFile("A.TXT", b"y")]),
])
def test_writer_refuses_what_a_reader_would_reject(tmp_path: Path, info: dict,
                                                  files: list | None) -> None:
    with pytest.raises(FieldLedgerError) as exc:
        pf.write_package(tmp_path / "p.zip", files or [PackageFile("a.txt", b"x")], info,
                         public_key=UNIT_A.public, sign=UNIT_A.sign)
    assert is_chinese(str(exc.value))
    assert os.listdir(tmp_path) == []


def _run(*args: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)


def test_interop_minisign_age_unzip(tmp_path: Path, identity: Any) -> None:
    for tool in ("minisign", "age", "unzip"):
        assert shutil.which(tool), f"{tool} is missing: run bash packaging/setup.sh --dev"
    got = write(tmp_path, "pkg.age", recipients=(str(identity.to_public()),))
    key_file = tmp_path / "office-key.txt"
    key_file.write_text(f"# office\n{identity}\n")
    plain = tmp_path / "plain.zip"
    result = _run("age", "-d", "-i", key_file, "-o", plain, got.path)
    assert result.returncode == 0, result.stderr
    assert _run("unzip", "-t", plain).returncode == 0
    out = tmp_path / "out"
    assert _run("unzip", "-q", plain, "-d", out).returncode == 0
    bag = out / "630102-7"
    pub = tmp_path / "unit.pub"
    pub.write_text(minisign.public_key_file(minisign.public_key_from_raw(UNIT_A.public)))
    result = _run("minisign", "-Vm", bag / "tagmanifest-sha256.txt", "-p", pub,
                  "-x", bag / "tagmanifest-sha256.txt.minisig")
    assert result.returncode == 0, result.stderr
    assert "unit:630102\tseq:7" in result.stdout
    # the manifests check with coreutils, as any BagIt validator does
    for manifest in ("tagmanifest-sha256.txt", "manifest-sha256.txt"):
        if manifest == "manifest-sha256.txt":
            text = (bag / manifest).read_text().replace("%25", "%")
            (bag / "check.txt").write_text(text)
            manifest = "check.txt"
        result = subprocess.run(["sha256sum", "-c", manifest], cwd=bag, capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    # our own plain package, through the same tools
    zipped = write(tmp_path, "pkg.zip")
    assert _run("unzip", "-t", zipped.path).returncode == 0
    pf.verify_package(plain, key_for=key_of(UNIT_A))


def test_cli_verify(tmp_path: Path, identity: Any) -> None:
    got = write(tmp_path)
    pub = tmp_path / "unit.pub"
    pub.write_text(minisign.public_key_file(minisign.public_key_from_raw(UNIT_A.public)))
    result = run_cli("package", "verify", str(got.path), "--unit-key", str(pub))
    assert result.returncode == 0, result.stderr
    assert "校验通过" in result.stdout and "630102" in result.stdout and got.sha256 in result.stdout
    data = bytearray(got.path.read_bytes())
    data[200] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(data)
    result = run_cli("package", "verify", str(bad), "--unit-key", str(pub))
    assert result.returncode == 1 and "已拒收" in result.stderr
    other = tmp_path / "other.pub"
    other.write_text(minisign.public_key_file(minisign.public_key_from_raw(UNIT_B.public)))
    result = run_cli("package", "verify", str(got.path), "--unit-key", str(other))
    assert result.returncode == 1 and "签名密钥" in result.stderr
    enc = write(tmp_path, "pkg.age", recipients=(str(identity.to_public()),))
    key_file = tmp_path / "office-key.txt"
    key_file.write_text(f"{identity}\n")
    result = run_cli("package", "verify", str(enc.path), "--unit-key", str(pub),
                     "--identity", str(key_file))
    assert result.returncode == 0, result.stderr
    assert "已加密" in result.stdout
    result = run_cli("package", "verify", str(enc.path), "--unit-key", str(pub))
    assert result.returncode == 1 and "解密" in result.stderr

"""Signatures in minisign's format, checked both ways against the real ``minisign`` tool.

``minisign`` comes from Debian's package (``bash packaging/setup.sh --dev`` installs it).
"""
from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from models import minisign
from models.minisign import SignatureInvalid

TRUSTED = "timestamp:1767225600\tfile:整改报告.xlsx\tunit:某县综合行政执法局"


def run_minisign(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the real minisign (never waiting for a password: stdin is closed)."""
    assert shutil.which("minisign"), "minisign is missing: run bash packaging/setup.sh --dev"
    return subprocess.run(["minisign", *map(str, args)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, Path, minisign.MinisignPublicKey]:
    """A file signed by a FieldLedger key: (file, .pub file, key); the .minisig sits beside it."""
    private_key = Ed25519PrivateKey.generate()
    key = minisign.public_key(private_key)
    data = tmp_path / "整改报告.xlsx"
    data.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 500)
    Path(f"{data}.minisig").write_text(
        minisign.sign_file(private_key, data, trusted_comment=TRUSTED), encoding="utf-8")
    pub = tmp_path / "unit.pub"
    pub.write_text(minisign.public_key_file(key), encoding="utf-8")
    return data, pub, key


def test_file_layout_byte_by_byte() -> None:
    private_key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    raw_public = private_key.public_key().public_bytes_raw()
    key = minisign.public_key(private_key)
    assert key.key_id == hashlib.sha256(raw_public).digest()[:8]
    assert minisign.key_id_text(key.key_id) == key.key_id[::-1].hex().upper()

    pub_text = minisign.public_key_file(key)
    comment, line, end = pub_text.split("\n")
    assert comment == f"untrusted comment: minisign public key {minisign.key_id_text(key.key_id)}"
    assert end == ""
    assert base64.b64decode(line) == b"Ed" + key.key_id + raw_public
    assert minisign.parse_public_key(pub_text) == key
    assert minisign.parse_public_key(line) == key

    data = b"hello\n"
    lines = minisign.sign(private_key, data, trusted_comment="tc").split("\n")
    assert lines[0] == "untrusted comment: signature from minisign secret key"
    body = base64.b64decode(lines[1])
    assert body[:2] == b"ED" and body[2:10] == key.key_id and len(body) == 74
    signature = body[10:]
    assert signature == private_key.sign(hashlib.blake2b(data, digest_size=64).digest())
    assert lines[2] == "trusted comment: tc"
    assert base64.b64decode(lines[3]) == private_key.sign(signature + b"tc")
    assert lines[4:] == [""]


def test_real_minisign_verifies_our_signature(signed: tuple) -> None:
    data, pub, key = signed
    result = run_minisign("-Vm", data, "-p", pub)
    assert result.returncode == 0, result.stderr
    assert "Signature and comment signature verified" in result.stdout
    assert f"Trusted comment: {TRUSTED}" in result.stdout
    # the same with the key given inline, as the documentation shows
    result = run_minisign("-Vm", data, "-P", minisign.public_key_line(key))
    assert result.returncode == 0, result.stderr
    assert minisign.verify_file(key, data, Path(f"{data}.minisig").read_text()) == (
        TRUSTED, key.key_id)


def test_tampered_file_fails_both(signed: tuple) -> None:
    data, pub, key = signed
    content = bytearray(data.read_bytes())
    content[1000] ^= 1
    data.write_bytes(bytes(content))
    result = run_minisign("-Vm", data, "-p", pub)
    assert result.returncode != 0
    assert "verified" not in result.stdout
    with pytest.raises(SignatureInvalid) as caught:
        minisign.verify_file(key, data, Path(f"{data}.minisig").read_text())
    assert "被改动过" in str(caught.value)
    with pytest.raises(SignatureInvalid):
        minisign.verify(key, bytes(content), Path(f"{data}.minisig").read_text())


def test_tampered_trusted_comment_fails_both(signed: tuple) -> None:
    data, pub, key = signed
    sig = Path(f"{data}.minisig")
    sig.write_text(sig.read_text().replace("unit:某县", "unit:某市"), encoding="utf-8")
    result = run_minisign("-Vm", data, "-p", pub)
    assert result.returncode != 0
    assert "某市" not in result.stdout
    with pytest.raises(SignatureInvalid) as caught:
        minisign.verify_file(key, data, sig.read_text())
    assert "可信说明被改动过" in str(caught.value)


def test_untrusted_comment_may_change(signed: tuple) -> None:
    data, pub, key = signed
    sig = Path(f"{data}.minisig")
    sig.write_text(sig.read_text().replace("signature from minisign secret key", "随便写"),
                   encoding="utf-8")
    assert run_minisign("-Vm", data, "-p", pub).returncode == 0
    assert minisign.verify_file(key, data, sig.read_text()).trusted_comment == TRUSTED


def test_wrong_key_fails_both(signed: tuple, tmp_path: Path) -> None:
    data, _pub, _key = signed
    other = minisign.public_key(Ed25519PrivateKey.generate())
    other_pub = tmp_path / "other.pub"
    other_pub.write_text(minisign.public_key_file(other), encoding="utf-8")
    assert run_minisign("-Vm", data, "-p", other_pub).returncode != 0
    with pytest.raises(SignatureInvalid) as caught:
        minisign.verify_file(other, data, Path(f"{data}.minisig").read_text())
    assert minisign.key_id_text(other.key_id) in str(caught.value)
    # a different key that claims the signer's key id is refused by the signature itself
    impostor = other._replace(key_id=_key.key_id)
    with pytest.raises(SignatureInvalid):
        minisign.verify_file(impostor, data, Path(f"{data}.minisig").read_text())


def test_malformed_signature_files_are_refused(signed: tuple) -> None:
    data, _pub, key = signed
    text = Path(f"{data}.minisig").read_text()
    lines = text.split("\n")
    broken = [
        "",
        "not a signature",
        "\n".join(lines[:3]),
        "\n".join(["comment"] + lines[1:]),
        "\n".join(lines[:2] + ["comment: x"] + lines[3:]),
        "\n".join(lines[:1] + [lines[1][:-4]] + lines[2:]),
        "\n".join(lines[:1] + [base64.b64encode(b"XX" + base64.b64decode(lines[1])[2:]).decode()]
                  + lines[2:]),
    ]
    for bad in broken:
        with pytest.raises(SignatureInvalid):
            minisign.verify(key, data.read_bytes(), bad)
    # Windows line ends are fine
    assert minisign.verify(key, data.read_bytes(), text.replace("\n", "\r\n")).trusted_comment == (
        TRUSTED)


def test_comments_must_be_single_lines() -> None:
    private_key = Ed25519PrivateKey.generate()
    with pytest.raises(ValueError):
        minisign.sign(private_key, b"x", trusted_comment="two\nlines")
    with pytest.raises(ValueError):
        minisign.sign(private_key, b"x", trusted_comment="ok", untrusted_comment="a\rb")
    with pytest.raises(ValueError):
        minisign.sign(private_key, b"x", trusted_comment="长" * 3000)
    with pytest.raises(ValueError):
        minisign.public_key_file(minisign.public_key(private_key), comment="a\nb")


def test_minisign_made_signature_and_key(tmp_path: Path) -> None:
    pub, sec = tmp_path / "m.pub", tmp_path / "m.key"
    result = run_minisign("-G", "-W", "-p", pub, "-s", sec)
    assert result.returncode == 0, result.stderr
    data = tmp_path / "报送材料.txt"
    data.write_text("第一阶段整改情况\n", encoding="utf-8")
    result = run_minisign("-S", "-s", sec, "-m", data, "-t", "由 minisign 签名")
    assert result.returncode == 0, result.stderr
    signature = Path(f"{data}.minisig").read_text()
    assert base64.b64decode(signature.split("\n")[1])[:2] == b"ED"  # prehashed

    key = minisign.parse_public_key(pub.read_text())
    assert minisign.verify_file(key, data, signature).trusted_comment == "由 minisign 签名"
    data.write_text("第一阶段整改情况（改）\n", encoding="utf-8")
    with pytest.raises(SignatureInvalid):
        minisign.verify_file(key, data, signature)
    data.write_text("第一阶段整改情况\n", encoding="utf-8")

    # the unencrypted secret key reads back as the same key; a signature we make with it passes
    key_id, private_key = minisign.parse_secret_key(sec.read_text())
    assert key_id == key.key_id
    assert minisign.public_key(private_key, key_id) == key
    Path(f"{data}.minisig").write_text(
        minisign.sign_file(private_key, data, trusted_comment="由本程序签名", key_id=key_id))
    result = run_minisign("-Vm", data, "-p", pub)
    assert result.returncode == 0, result.stderr
    assert "Trusted comment: 由本程序签名" in result.stdout


def test_minisign_legacy_signature(tmp_path: Path) -> None:
    pub, sec = tmp_path / "m.pub", tmp_path / "m.key"
    assert run_minisign("-G", "-W", "-p", pub, "-s", sec).returncode == 0
    data = tmp_path / "old.txt"
    data.write_bytes(b"legacy\n")
    result = run_minisign("-S", "-l", "-s", sec, "-m", data, "-t", "legacy")
    assert result.returncode == 0, result.stderr
    signature = Path(f"{data}.minisig").read_text()
    assert base64.b64decode(signature.split("\n")[1])[:2] == b"Ed"  # legacy
    key = minisign.parse_public_key(pub.read_text())
    assert minisign.verify_file(key, data, signature).trusted_comment == "legacy"
    with pytest.raises(SignatureInvalid):
        minisign.verify(key, b"legacy!\n", signature)


def test_secret_keys_we_cannot_use_are_refused(tmp_path: Path) -> None:
    pub, sec = tmp_path / "m.pub", tmp_path / "m.key"
    assert run_minisign("-G", "-W", "-p", pub, "-s", sec).returncode == 0
    comment, line = sec.read_text().splitlines()
    raw = bytearray(base64.b64decode(line))
    for offset, value in ((2, ord("S")), (100, raw[100] ^ 1), (130, 1)):
        damaged = bytearray(raw)
        damaged[offset] = value
        with pytest.raises(ValueError):
            minisign.parse_secret_key(f"{comment}\n{base64.b64encode(bytes(damaged)).decode()}\n")
    with pytest.raises(ValueError):
        minisign.parse_public_key(sec.read_text())


def test_signing_with_a_function_and_the_raw_public_key(tmp_path: Path) -> None:
    """What the key store hands out (a signing function, never the key): same bytes, real check."""
    private_key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    raw_public = private_key.public_key().public_bytes_raw()
    data = tmp_path / "签名测试.txt"
    data.write_text("整改完成情况\n", encoding="utf-8")
    text = minisign.sign_file_with(private_key.sign, raw_public, data, trusted_comment=TRUSTED)
    assert text == minisign.sign_file(private_key, data, trusted_comment=TRUSTED)
    assert minisign.derive_key_id(raw_public) == minisign.derive_key_id(private_key)
    key = minisign.public_key_from_raw(raw_public)
    assert key == minisign.public_key(private_key)
    Path(f"{data}.minisig").write_text(text, encoding="utf-8")
    pub = tmp_path / "k.pub"
    pub.write_text(minisign.public_key_file(key), encoding="utf-8")
    result = run_minisign("-Vm", data, "-p", pub)
    assert result.returncode == 0, result.stderr
    # a function of another key is refused before anything is returned
    other = Ed25519PrivateKey.generate()
    with pytest.raises(ValueError):
        minisign.sign_file_with(other.sign, raw_public, data, trusted_comment=TRUSTED)
    with pytest.raises(ValueError):
        minisign.public_key_from_raw(raw_public[:31])

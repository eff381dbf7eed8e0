"""Ed25519 signatures in minisign's file format, so anyone can check a signed file with ``minisign``.

Pure functions; nothing here touches the database. A signature is made either with a
``cryptography`` private key object, or with the raw 32-byte public key and a
``sign(data) -> signature`` function (:func:`sign_prehashed_with`, :func:`sign_file_with`), so
that a clear key never leaves :func:`models.keys.unlock`.

The formats (all multi-byte integers little-endian, base64 is standard with padding, every line
ends with ``\\n``):

* public key file (``.pub``)::

      untrusted comment: <text>
      base64("Ed" || key_id(8) || public_key(32))

* signature file (``.minisig``), prehashed form, the one minisign writes and checks by default::

      untrusted comment: <text>
      base64("ED" || key_id(8) || ed25519(BLAKE2b-512(file)))
      trusted comment: <text>
      base64(ed25519(signature(64) || trusted_comment_utf8))

  The untrusted comment may be edited by anyone; the trusted comment is covered by the second
  ("global") signature, so changing it makes the check fail. A legacy ``"Ed"`` signature is the
  same with the signature made over the file itself instead of its BLAKE2b-512 hash.

* unencrypted secret key file (``minisign -G -W``), 158 bytes after base64::

      "Ed" || kdf "\\0\\0" || "B2" || salt(32) || opslimit(8) || memlimit(8)
      || key_id(8) || seed(32) || public_key(32) || checksum(32)

  minisign computes the checksum only for password-protected keys; an unencrypted key carries 32
  zero bytes there. Password-protected keys are not read here.

The key id of a key made by FieldLedger is derived from the key, not drawn at random as minisign
does: the first 8 bytes of SHA-256 over the 32 raw public-key bytes, stored in that byte order.
minisign shows a key id as the little-endian 64-bit number in upper-case hex (see
:func:`key_id_text`), so the id it prints is those 8 bytes in reverse order.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from pathlib import Path
from typing import BinaryIO, Callable, NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .errors import FieldLedgerError
from .i18n import QT_TRANSLATE_NOOP

KEY_ID_BYTES = 8
#: Signature algorithm tags: prehashed (BLAKE2b-512 of the file) and legacy (the file itself).
ALG_PREHASHED = b"ED"
ALG_LEGACY = b"Ed"
#: Tag of an Ed25519 key (public and secret key files).
ALG_KEY = b"Ed"
UNTRUSTED_PREFIX = "untrusted comment: "
TRUSTED_PREFIX = "trusted comment: "
#: minisign reads each comment line into a fixed buffer (1024 and 8192 bytes, prefix and line end
#: included); longer comments would be cut and the file would no longer verify.
MAX_UNTRUSTED_COMMENT_BYTES = 1000
MAX_TRUSTED_COMMENT_BYTES = 8000
_CHUNK = 1024 * 1024
_SECRET_KEY_BYTES = 158
_PUBLIC_KEY_BYTES = 32

#: Makes an Ed25519 signature of its argument (what ``models.keys.unlock`` yields).
Signer = Callable[[bytes], bytes]

_MALFORMED = QT_TRANSLATE_NOOP(
    "errors", "签名文件格式不对，无法校验：{reason}\n请确认选择的是与文件配套的 .minisig 签名文件。")
_WRONG_KEY = QT_TRANSLATE_NOOP(
    "errors", "签名不是用这个公钥做的（签名的密钥编号 {signed_by}，公钥的编号 {expected}）。\n"
    "请使用签发单位的公钥校验。")
_DATA_CHANGED = QT_TRANSLATE_NOOP(
    "errors", "签名与文件不符：文件在签名后被改动过，或签名不属于这个文件。请勿采信该文件。")
_COMMENT_CHANGED = QT_TRANSLATE_NOOP(
    "errors", "签名中的可信说明被改动过，签名无效。请勿采信该文件。")


class SignatureInvalid(FieldLedgerError):
    """A signature file that does not prove the file came unchanged from the key's holder."""

    template = _DATA_CHANGED


class MinisignPublicKey(NamedTuple):
    """A public key with the key id minisign files carry alongside it."""

    key_id: bytes
    key: Ed25519PublicKey


class Verified(NamedTuple):
    """What a good signature tells: its trusted comment and the key id that signed."""

    trusted_comment: str
    key_id: bytes


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def derive_key_id(key: Ed25519PublicKey | Ed25519PrivateKey | bytes) -> bytes:
    """The 8-byte key id of a FieldLedger key: SHA-256(raw public key)[:8], in that byte order.

    ``key`` is a key object or the 32 raw public-key bytes.
    """
    if isinstance(key, (bytes, bytearray)):
        raw = bytes(key)
        if len(raw) != _PUBLIC_KEY_BYTES:
            raise ValueError("an Ed25519 public key is 32 bytes")
    else:
        if isinstance(key, Ed25519PrivateKey):
            key = key.public_key()
        raw = _raw_public(key)
    return hashlib.sha256(raw).digest()[:KEY_ID_BYTES]


def key_id_text(key_id: bytes) -> str:
    """``key_id`` as minisign prints it: the little-endian 64-bit number in upper-case hex."""
    if len(key_id) != KEY_ID_BYTES:
        raise ValueError("a key id is 8 bytes")
    return f"{int.from_bytes(key_id, 'little'):016X}"


def public_key(private_key: Ed25519PrivateKey, key_id: bytes | None = None) -> MinisignPublicKey:
    """The public half of ``private_key`` with its key id (derived when ``key_id`` is None)."""
    key_id = derive_key_id(private_key) if key_id is None else key_id
    if len(key_id) != KEY_ID_BYTES:
        raise ValueError("a key id is 8 bytes")
    return MinisignPublicKey(key_id, private_key.public_key())


def public_key_from_raw(raw: bytes, key_id: bytes | None = None) -> MinisignPublicKey:
    """The public key of the 32 raw bytes ``raw`` with its key id (derived when None).

    Raises ValueError when ``raw`` is not 32 bytes or ``key_id`` not 8.
    """
    key_id = derive_key_id(raw) if key_id is None else key_id
    if len(key_id) != KEY_ID_BYTES:
        raise ValueError("a key id is 8 bytes")
    return MinisignPublicKey(key_id, Ed25519PublicKey.from_public_bytes(bytes(raw)))


def _comment(text: str, limit: int) -> str:
    if "\n" in text or "\r" in text:
        raise ValueError("a minisign comment is a single line")
    if len(text.encode("utf-8")) > limit:
        raise ValueError(f"a minisign comment holds at most {limit} bytes")
    return text


def public_key_line(key: MinisignPublicKey) -> str:
    """The base64 line of a public key file (what ``minisign -P`` takes)."""
    return _b64(ALG_KEY + key.key_id + _raw_public(key.key))


def public_key_file(key: MinisignPublicKey, comment: str | None = None) -> str:
    """The text of a minisign ``.pub`` file for ``key``.

    ``comment`` is the untrusted comment (default: minisign's own ``minisign public key <id>``).
    Raises ValueError for a comment with a line break or too long for minisign.
    """
    if comment is None:
        comment = f"minisign public key {key_id_text(key.key_id)}"
    comment = _comment(comment, MAX_UNTRUSTED_COMMENT_BYTES)
    return f"{UNTRUSTED_PREFIX}{comment}\n{public_key_line(key)}\n"


def _payload_line(text: str) -> str:
    """The base64 line of a ``.pub`` file, or ``text`` itself when it is just that line."""
    lines = [line.rstrip("\r\n") for line in text.splitlines()]
    lines = [line for line in lines if line.strip()]
    if len(lines) == 1:
        return lines[0].strip()
    if len(lines) == 2 and lines[0].startswith(UNTRUSTED_PREFIX):
        return lines[1].strip()
    raise ValueError("not a minisign key file")


def _b64decode(line: str, size: int) -> bytes:
    try:
        data = base64.b64decode(line.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("invalid base64") from exc
    if len(data) != size:
        raise ValueError(f"expected {size} bytes, got {len(data)}")
    return data


def parse_public_key(text: str) -> MinisignPublicKey:
    """Read a minisign public key: the text of a ``.pub`` file or its bare base64 line.

    Raises ValueError when ``text`` is not an Ed25519 minisign public key.
    """
    data = _b64decode(_payload_line(text), 2 + KEY_ID_BYTES + 32)
    if data[:2] != ALG_KEY:
        raise ValueError("not an Ed25519 minisign public key")
    return MinisignPublicKey(data[2:10], Ed25519PublicKey.from_public_bytes(data[10:]))


def parse_secret_key(text: str) -> tuple[bytes, Ed25519PrivateKey]:
    """Read an unencrypted minisign secret key file (``minisign -G -W``): ``(key_id, key)``.

    Raises ValueError for anything else, a password-protected key included, and when the stored
    public key or checksum does not match the secret key.
    """
    data = _b64decode(_payload_line(text), _SECRET_KEY_BYTES)
    if data[:2] != ALG_KEY or data[4:6] != b"B2":
        raise ValueError("not an Ed25519 minisign secret key")
    if data[2:4] != b"\0\0":
        raise ValueError("the minisign secret key is password-protected")
    key_id, seed, stored_public, checksum = data[54:62], data[62:94], data[94:126], data[126:]
    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    if not hmac.compare_digest(_raw_public(private_key.public_key()), stored_public):
        raise ValueError("the minisign secret key is damaged")
    expected = hashlib.blake2b(data[:2] + key_id + seed + stored_public, digest_size=32).digest()
    if checksum != bytes(32) and not hmac.compare_digest(checksum, expected):
        raise ValueError("the minisign secret key checksum does not match")
    return key_id, private_key


def _hash_stream(stream: BinaryIO) -> bytes:
    digest = hashlib.blake2b(digest_size=64)
    for chunk in iter(lambda: stream.read(_CHUNK), b""):
        digest.update(chunk)
    return digest.digest()


def hash_file(path: Path) -> bytes:
    """BLAKE2b-512 of the file at ``path``, read in chunks. Raises OSError when unreadable."""
    with open(path, "rb") as stream:
        return _hash_stream(stream)


def prehash(data: bytes) -> bytes:
    """BLAKE2b-512 of ``data``: what a prehashed (``ED``) signature signs."""
    return hashlib.blake2b(data, digest_size=64).digest()


def sign_prehashed_with(sign: Signer, public_raw: bytes, digest: bytes, *,
                        trusted_comment: str, key_id: bytes | None = None,
                        untrusted_comment: str | None = None) -> str:
    """The text of a ``.minisig`` file for a file whose BLAKE2b-512 is ``digest``, made with
    ``sign`` (an Ed25519 signing function) whose public key is the 32 bytes ``public_raw``.

    ``key_id`` defaults to :func:`derive_key_id` of ``public_raw``; ``untrusted_comment`` to
    minisign's ``signature from minisign secret key``. Both signatures are checked against
    ``public_raw`` before the text is returned. Raises ValueError for a comment with a line break
    or too long for minisign, a digest that is not 64 bytes, or a ``sign`` that does not belong
    to ``public_raw``.
    """
    if len(digest) != 64:
        raise ValueError("a BLAKE2b-512 digest is 64 bytes")
    key = public_key_from_raw(public_raw, key_id)
    trusted = _comment(trusted_comment, MAX_TRUSTED_COMMENT_BYTES)
    untrusted = _comment("signature from minisign secret key" if untrusted_comment is None
                         else untrusted_comment, MAX_UNTRUSTED_COMMENT_BYTES)
    signature = bytes(sign(digest))
    global_signature = bytes(sign(signature + trusted.encode("utf-8")))
    try:
        key.key.verify(signature, digest)
        key.key.verify(global_signature, signature + trusted.encode("utf-8"))
    except InvalidSignature:
        raise ValueError("the signing function does not belong to this public key") from None
    return (f"{UNTRUSTED_PREFIX}{untrusted}\n{_b64(ALG_PREHASHED + key.key_id + signature)}\n"
            f"{TRUSTED_PREFIX}{trusted}\n{_b64(global_signature)}\n")


def sign_prehashed(private_key: Ed25519PrivateKey, digest: bytes, *, trusted_comment: str,
                   key_id: bytes | None = None, untrusted_comment: str | None = None) -> str:
    """The text of a ``.minisig`` file for a file whose BLAKE2b-512 is ``digest``.

    ``key_id`` defaults to :func:`derive_key_id`; ``untrusted_comment`` to minisign's
    ``signature from minisign secret key``. Raises ValueError for a comment with a line break or
    too long for minisign, or a digest that is not 64 bytes.
    """
    return sign_prehashed_with(private_key.sign, _raw_public(private_key.public_key()), digest,
                               trusted_comment=trusted_comment, key_id=key_id,
                               untrusted_comment=untrusted_comment)


def sign(private_key: Ed25519PrivateKey, data: bytes, *, trusted_comment: str,
         key_id: bytes | None = None, untrusted_comment: str | None = None) -> str:
    """The text of a ``.minisig`` file for ``data``; see :func:`sign_prehashed`."""
    return sign_prehashed(private_key, prehash(data), trusted_comment=trusted_comment,
                          key_id=key_id, untrusted_comment=untrusted_comment)


def sign_file(private_key: Ed25519PrivateKey, path: Path, *, trusted_comment: str,
              key_id: bytes | None = None, untrusted_comment: str | None = None) -> str:
    """The text of a ``.minisig`` file for the file at ``path``, read in chunks.

    Raises OSError when the file cannot be read; see :func:`sign_prehashed` for the rest.
    """
    return sign_prehashed(private_key, hash_file(path), trusted_comment=trusted_comment,
                          key_id=key_id, untrusted_comment=untrusted_comment)


def sign_file_with(sign: Signer, public_raw: bytes, path: Path, *, trusted_comment: str,
                   key_id: bytes | None = None, untrusted_comment: str | None = None) -> str:
    """:func:`sign_file` with a signing function and its raw public key instead of a key object.

    Raises OSError when the file cannot be read; see :func:`sign_prehashed_with` for the rest.
    """
    return sign_prehashed_with(sign, public_raw, hash_file(path), trusted_comment=trusted_comment,
                               key_id=key_id, untrusted_comment=untrusted_comment)


class _Parsed(NamedTuple):
    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes


def _malformed(reason: str) -> SignatureInvalid:
    return SignatureInvalid(_MALFORMED, reason=reason)


def _parse_signature(text: str) -> _Parsed:
    lines = [line.rstrip("\r\n") for line in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    if len(lines) != 4:
        raise _malformed(f"应有 4 行，实有 {len(lines)} 行")
    if not lines[0].startswith(UNTRUSTED_PREFIX):
        raise _malformed("第 1 行不是 untrusted comment")
    if not lines[2].startswith(TRUSTED_PREFIX):
        raise _malformed("第 3 行不是 trusted comment")
    try:
        body = _b64decode(lines[1].strip(), 2 + KEY_ID_BYTES + 64)
    except ValueError:
        raise _malformed("第 2 行的签名数据已损坏") from None
    try:
        global_signature = _b64decode(lines[3].strip(), 64)
    except ValueError:
        raise _malformed("第 4 行的签名数据已损坏") from None
    if body[:2] not in (ALG_PREHASHED, ALG_LEGACY):
        raise _malformed("不是 Ed25519 签名")
    return _Parsed(body[:2], body[2:10], body[10:], lines[2][len(TRUSTED_PREFIX):],
                   global_signature)


def _verify(key: MinisignPublicKey, signature_text: str, digest: bytes | None,
            data: bytes | None) -> Verified:
    parsed = _parse_signature(signature_text)
    if not hmac.compare_digest(parsed.key_id, key.key_id):
        raise SignatureInvalid(_WRONG_KEY, signed_by=key_id_text(parsed.key_id),
                               expected=key_id_text(key.key_id))
    if parsed.algorithm == ALG_PREHASHED:
        message = digest if digest is not None else prehash(data or b"")
    elif data is None:
        raise _malformed("旧式（未预先散列）签名，须提供文件全部内容")
    else:
        message = data
    try:
        key.key.verify(parsed.signature, message)
    except InvalidSignature:
        raise SignatureInvalid(_DATA_CHANGED) from None
    try:
        key.key.verify(parsed.global_signature,
                       parsed.signature + parsed.trusted_comment.encode("utf-8"))
    except InvalidSignature:
        raise SignatureInvalid(_COMMENT_CHANGED) from None
    return Verified(parsed.trusted_comment, parsed.key_id)


def verify(key: MinisignPublicKey, data: bytes, signature_text: str) -> Verified:
    """Check the ``.minisig`` text ``signature_text`` for ``data`` against ``key``.

    Checks what ``minisign -V`` checks, in its order: the key id, the signature over the file (or
    its BLAKE2b-512 hash), then the global signature over the trusted comment. Returns the
    trusted comment; raises :class:`SignatureInvalid` saying what is wrong otherwise.
    """
    return _verify(key, signature_text, None, data)


def verify_file(key: MinisignPublicKey, path: Path, signature_text: str) -> Verified:
    """:func:`verify` for the file at ``path``, hashed in chunks for a prehashed signature.

    Raises OSError when the file cannot be read.
    """
    parsed = _parse_signature(signature_text)
    if parsed.algorithm == ALG_LEGACY:
        return _verify(key, signature_text, None, Path(path).read_bytes())
    return _verify(key, signature_text, hash_file(path), None)

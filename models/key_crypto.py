"""The cryptography of the signing keys, apart from the database: Ed25519 keys, their ids and
fingerprints, the encrypted private copy, signing with a clear key and checking a signature.

:mod:`models.keys` stores the keys and their statements, :mod:`models.key_unlock` opens a held
copy to sign; :mod:`models.office_keys` seals the office's decryption identities the same way.

Encrypted copy
    :func:`seal_private`: scrypt (memory-hard, the cost of :data:`models.passwords.SCRYPT_N`)
    turns the holder's passphrase and a random salt into a 256-bit key, and ChaCha20-Poly1305
    with a random nonce encrypts the 32 raw private bytes. The associated data binds the copy to
    its key id and holder account, so a copy moved to another key or account does not open
    (:func:`open_private` then returns None, as for a wrong passphrase).

Clear keys
    A clear private key is kept in a ``bytearray`` that :func:`wipe` overwrites with zeros; the
    signer of :func:`_signer` wipes it when its block ends, and stops working. This is best
    effort: Python's ``bytes`` objects made on the way (the scrypt output, the AEAD's plaintext)
    cannot be overwritten, only dropped at once; OpenSSL clears its own copy when the key object
    is freed. Nothing clear is ever written to the database, a file or the log.

Fingerprints
    A fingerprint is the first 10 bytes of SHA-256 of the raw public key in base32, grouped as
    ``XXXX-XXXX-XXXX-XXXX``: two people read it aloud to compare. The key id is 32 hex digits of
    the same hash.
"""
from __future__ import annotations

import base64
import hashlib
import json
import secrets
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from . import passwords
from .audit import canonical

BLOB_VERSION = 1
Signer = Callable[[bytes], bytes]


def _b64(data: bytes | bytearray) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def fingerprint(public_key: bytes) -> str:
    """``XXXX-XXXX-XXXX-XXXX``: base32 of the first 10 bytes of SHA-256 of the raw public key."""
    text = base64.b32encode(hashlib.sha256(public_key).digest()[:10]).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def key_id_of(public_key: bytes) -> str:
    """The stable id of a key: 32 hex digits of SHA-256 of the raw public key."""
    return hashlib.sha256(public_key).hexdigest()[:32]


def _aad(key_id: str, account_id: int) -> bytes:
    return canonical({"key_id": key_id, "holder": account_id}).encode("utf-8")


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal_private(private: bytearray, passphrase: str, key_id: str, account_id: int) -> str:
    """The encrypted copy (JSON text) of the raw private key ``private`` for ``account_id``."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
    n, r, p = passwords.SCRYPT_N, passwords.SCRYPT_R, passwords.SCRYPT_P
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    box = ChaCha20Poly1305(_kek(passphrase, salt, n, r, p))
    sealed = box.encrypt(nonce, bytes(private), _aad(key_id, account_id))
    return canonical({"v": BLOB_VERSION, "kdf": "scrypt", "n": n, "r": r, "p": p,
                      "salt": _b64(salt), "aead": "chacha20poly1305", "nonce": _b64(nonce),
                      "ct": _b64(sealed)})


def open_private(blob: str, passphrase: str, key_id: str, account_id: int) -> bytearray | None:
    """The raw private key in a new ``bytearray`` (the caller wipes it), or None when the
    passphrase is wrong or the copy does not belong to ``key_id`` and ``account_id``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
    data = json.loads(blob)
    box = ChaCha20Poly1305(_kek(passphrase, base64.b64decode(data["salt"]), int(data["n"]),
                                int(data["r"]), int(data["p"])))
    try:
        clear = box.decrypt(base64.b64decode(data["nonce"]), base64.b64decode(data["ct"]),
                            _aad(key_id, account_id))
    except InvalidTag:
        return None
    out = bytearray(clear)
    del clear
    return out


def wipe(buf: bytearray) -> None:
    """Overwrite ``buf`` with zeros (best effort; see the module doc)."""
    for i in range(len(buf)):
        buf[i] = 0


@contextmanager
def _signer(private: bytearray) -> Iterator[Signer]:
    """A signing function over ``private`` for the block; wipes ``private`` afterwards."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    state: dict[str, Any] = {"key": Ed25519PrivateKey.from_private_bytes(private)}

    def sign(data: bytes) -> bytes:
        key = state.get("key")
        if key is None:
            raise RuntimeError("the signing key is locked again")
        return key.sign(bytes(data))

    try:
        yield sign
    finally:
        state.clear()
        wipe(private)


def _new_private() -> tuple[bytearray, bytes]:
    """A fresh key: (raw private bytes in a bytearray, raw public key)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes_raw()
    private = bytearray(raw)
    del raw
    return private, key.public_key().public_bytes_raw()


def verify_signature(public_key: bytes, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` is the Ed25519 signature of ``data`` by the raw ``public_key``
    (a malformed key or signature is simply not valid)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True

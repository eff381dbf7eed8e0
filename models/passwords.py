"""Password hashing with scrypt (memory-hard, in the standard library) and the password rule."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP

# n=2**15, r=8: 32 MiB of memory and about 0.1 s per check on the target machines.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
_MAXMEM = 128 * 1024 * 1024
MIN_LENGTH = 8


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64 parts) for ``password``."""
    n = n or SCRYPT_N
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P,
                            maxmem=_MAXMEM, dklen=32)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def check_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; constant time in the comparison."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n),
                             r=int(r), p=int(p), maxmem=_MAXMEM, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


#: A hash of a random password, checked against when the user name is unknown, so that a wrong
#: name takes as long as a wrong password.
_DUMMY = None


def dummy_hash() -> str:
    global _DUMMY
    if _DUMMY is None:
        _DUMMY = hash_password(secrets.token_hex(16))
    return _DUMMY


def check_rule(password: str) -> None:
    """Raise ValidationError unless ``password`` is acceptable (length, not all one kind)."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "密码至少需要 {n} 位。"), n=MIN_LENGTH)
    if password.isdigit() and len(set(password)) <= 2:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "密码过于简单，请不要使用重复的数字。"))

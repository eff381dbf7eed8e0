"""The pieces of the submission package format that the writer and the reader share.

:mod:`models.package_format` writes packages and :mod:`models.package_read` checks them; both
take from here the names and fixed texts of the BagIt tag files, the bag-info label syntax, the
manifest path encoding (RFC 8493 §2.1.3), the minisign trusted comment, the key id written as
``FieldLedger-Signing-Key``, the ``progress`` / ``cancelled`` callback types and the one place
a package file is opened for reading. Nothing here writes a file or decides whether a package
is acceptable. The format is documented in docs/package-format.md.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import BinaryIO, Callable, Mapping

FORMAT_VERSION = "1"
BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
MANIFEST = "manifest-sha256.txt"
BAG_INFO = "bag-info.txt"
BAGIT = "bagit.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
SIGNATURE = "tagmanifest-sha256.txt.minisig"
TAG_FILES = (BAGIT, BAG_INFO, MANIFEST)
AGE_MAGIC = b"age-encryption.org/v1\n"
_CHUNK = 1024 * 1024
_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

#: ``progress(done, total)``: bytes processed so far out of about ``total``.
Progress = Callable[[int, int], None]
#: True when the user asked to stop.
Cancelled = Callable[[], bool]


def signing_key_id(public_key: bytes) -> str:
    """The ``FieldLedger-Signing-Key`` of a raw public key: the key id FieldLedger stores (32 hex
    digits of SHA-256, as :func:`models.key_crypto.key_id_of`)."""
    return hashlib.sha256(public_key).hexdigest()[:32]


def trusted_comment(info: Mapping[str, str], bag: str) -> str:
    """The minisign trusted comment of a package: format, bag name, unit, sequence, previous."""
    return (f"fieldledger-package:{FORMAT_VERSION}\tbag:{bag}"
            f"\tunit:{info.get('FieldLedger-Unit-Code', '')}"
            f"\tseq:{info.get('FieldLedger-Sequence', '')}"
            f"\tprevious:{info.get('FieldLedger-Previous-Package', '')}")


def _encode_path(path: str) -> str:
    """RFC 8493 §2.1.3: ``%``, CR and LF in a manifest path are percent-encoded."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _decode_path(text: str) -> str:
    return re.sub(r"%(25|0D|0A)", lambda m: {"25": "%", "0D": "\r", "0A": "\n"}[m.group(1)],
                  text, flags=re.IGNORECASE)


def _open_for_read(path: Path) -> BinaryIO:
    return open(path, "rb")

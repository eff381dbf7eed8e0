"""Hostile ZIP files handed to verify_package: each is rejected with the right reason, nothing is
written outside the staging folder, and memory stays bounded whatever the headers claim.

The ZIPs are built byte by byte here (zipfile will not write most of them), starting from the
entries of a real signed package, so that every case passes every check but the one it breaks.
"""
from __future__ import annotations

import os
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from models import package_format as pf
from models.package_format import PackageFile, PackageInvalid

KEY = Ed25519PrivateKey.from_private_bytes(bytes([7]) * 32)
PUBLIC = KEY.public_key().public_bytes_raw()
INFO = {"FieldLedger-Unit-Code": "630102", "FieldLedger-Sequence": "1",
        "FieldLedger-Previous-Package": "none", "FieldLedger-Created": "2025-04-01T08:00:00Z"}
BAG = "630102-1/"


class E(NamedTuple):
    """One entry to put in a hand-made ZIP, with fields to forge."""

    name: bytes
    data: bytes
    method: int = 0
    external: int = 0o100644 << 16
    size: int | None = None           # forged uncompressed size (both headers)
    offset: int | None = None         # forged local header offset in the central directory
    stored: bytes | None = None       # the bytes actually stored (compressed data)


def build(entries: list[E], comment: bytes = b"") -> bytes:
    """A ZIP in the layout package_format writes, with whatever the entries forge."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        stored = e.data if e.stored is None else e.stored
        size = len(e.data) if e.size is None else e.size
        csize = len(stored) if e.size is None else e.size
        flags = 0 if e.name.isascii() else 0x800
        crc = zlib.crc32(e.data)
        offset = len(out)
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, e.method, 0, 33, crc,
                           csize, size, len(e.name), 0) + e.name + stored
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 0x314, 20, flags, e.method,
                               0, 33, crc, csize, size, len(e.name), 0, 0, 0, 0, e.external,
                               offset if e.offset is None else e.offset) + e.name
    cd_offset = len(out)
    out += central
    out += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                       len(central), cd_offset, len(comment)) + comment
    return bytes(out)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> list[E]:
    """The entries of a real signed package (evidence photo, records, all tag files)."""
    folder = tmp_path_factory.mktemp("real")
    files = [PackageFile("records/problems.jsonl", b'{"id":1}\n'),
             PackageFile("evidence/ab/ab12.jpg", os.urandom(4000))]
    got = pf.write_package(folder / "p.zip", files, INFO, public_key=PUBLIC, sign=KEY.sign)
    with zipfile.ZipFile(got.path) as zf:
        return [E(i.filename.encode(), zf.read(i)) for i in zf.infolist()]


def check(tmp_path: Path, data: bytes, reason: str) -> PackageInvalid:
    """verify_package on ``data``: rejected for ``reason``, nothing left anywhere."""
    work = tmp_path / "work"
    work.mkdir()
    package = work / "hostile.zip"
    package.write_bytes(data)
    staging = work / "staging"
    before = sorted(tmp_path.parent.iterdir())
    with pytest.raises(PackageInvalid) as exc:
        pf.verify_package(package, key_for=lambda info: PUBLIC, staging=staging)
    assert exc.value.reason == reason, str(exc.value)
    assert sorted(tmp_path.parent.iterdir()) == before
    assert sorted(p.name for p in work.iterdir()) in (["hostile.zip"],
                                                      ["hostile.zip", "staging"])
    if staging.exists():
        assert list(staging.iterdir()) == []     # the fresh folder was removed again
    return exc.value


def test_the_builder_makes_a_package_that_verifies(tmp_path: Path, real: list[E]) -> None:
    package = tmp_path / "rebuilt.zip"
    package.write_bytes(build(real))
    got = pf.verify_package(package, key_for=lambda info: PUBLIC, staging=tmp_path / "s")
    assert (got.staged / "records/problems.jsonl").read_bytes() == b'{"id":1}\n'


def _with(real: list[E], **changes: Any) -> list[E]:
    """``real`` with the photo entry replaced by ``E(**changes)`` fields."""
    return [e._replace(**changes) if e.name.endswith(b".jpg") else e for e in real]


def _named(real: list[E], name: str) -> list[E]:
    return _with(real, name=name.encode())


@pytest.mark.parametrize("name", [
    BAG + "data/../../../evil.txt", "/etc/passwd", BAG + "data\\..\\evil.txt",
    "C:/Windows/evil.txt", BAG + "data/evil\x00.txt", BAG + "data/./evil.txt",
    BAG + "data//evil.txt", BAG + "data/CON.txt", BAG + "data/evil.txt ",
    BAG + "data/e\u0301vil.txt",   # not NFC
])
def test_unsafe_names(tmp_path: Path, real: list[E], name: str) -> None:
    check(tmp_path, build(_named(real, name)), "unsafe_path")


def test_name_outside_the_top_folder(tmp_path: Path, real: list[E]) -> None:
    check(tmp_path, build(_named(real, "other/data/evidence/ab/ab12.jpg")), "extra")


def test_not_utf8_name(tmp_path: Path, real: list[E]) -> None:
    entries = [e._replace(name=BAG.encode() + b"data/\xff\xfe.jpg") if e.name.endswith(b".jpg")
               else e for e in real]
    check(tmp_path, build(entries), "unsafe_path")


@pytest.mark.parametrize("mode", [0o120777, 0o040755, 0o020644, 0o010644, 0o100755, 0])
def test_symlinks_and_special_files(tmp_path: Path, real: list[E], mode: int) -> None:
    check(tmp_path, build(_with(real, external=mode << 16)), "special_file")


def test_duplicate_names(tmp_path: Path, real: list[E]) -> None:
    photo = next(e for e in real if e.name.endswith(b".jpg"))
    check(tmp_path, build([photo._replace(data=b"evil"), *real]), "duplicate")


def test_names_differing_only_by_case(tmp_path: Path, real: list[E]) -> None:
    photo = next(e for e in real if e.name.endswith(b".jpg"))
    check(tmp_path, build([photo._replace(name=photo.name.upper()), *real]), "duplicate")


def test_entry_not_in_the_manifest(tmp_path: Path, real: list[E]) -> None:
    extra = E((BAG + "data/evidence/ab/extra.exe").encode(), b"MZ")
    err = check(tmp_path, build([extra, *real]), "extra")
    assert "extra.exe" in str(err)


def test_tag_file_not_in_any_manifest(tmp_path: Path, real: list[E]) -> None:
    check(tmp_path, build([*real, E((BAG + "fetch.txt").encode(), b"x")]), "extra")


def test_missing_entry(tmp_path: Path, real: list[E]) -> None:
    err = check(tmp_path, build([e for e in real if not e.name.endswith(b".jpg")]), "missing")
    assert "ab12.jpg" in str(err)


def test_missing_signature(tmp_path: Path, real: list[E]) -> None:
    check(tmp_path, build([e for e in real if not e.name.endswith(b".minisig")]), "missing")


def test_deflated_bomb(tmp_path: Path, real: list[E]) -> None:
    big = b"\0" * (50 * 1024 * 1024)
    bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
    stored = bomb.compress(big) + bomb.flush()
    assert len(stored) < 100_000
    entries = _with(real, method=8, stored=stored, data=big)
    check(tmp_path, build(entries), "compressed")


def test_overlapping_entries(tmp_path: Path, real: list[E]) -> None:
    """Two central directory records pointing at the same local header (the 42.zip trick)."""
    data = bytearray(build(real))
    # rewrite the second record's offset to the first record's
    cd = data.rindex(b"PK\x05\x06")
    cd_offset = struct.unpack_from("<I", data, cd + 16)[0]
    first = cd_offset
    second = first + 46 + struct.unpack_from("<H", data, first + 28)[0]
    struct.pack_into("<I", data, second + 42, 0)
    check(tmp_path, bytes(data), "structure")


def test_forged_size_bigger_than_the_file(tmp_path: Path, real: list[E]) -> None:
    entries = _with(real, size=0xFFFFFFF0)
    tracemalloc.start()
    try:
        check(tmp_path, build(entries), "size")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024


def test_forged_10gb_zip64_size_memory_bounded(tmp_path: Path, real: list[E]) -> None:
    """A ZIP64 record claiming a 10 GB photo: rejected after reading only headers."""
    data = bytearray(build(real))
    cd = data.rindex(b"PK\x05\x06")
    # grow the photo's size through a ZIP64 extra in its central record
    cd_offset = struct.unpack_from("<I", data, cd + 16)[0]
    pos = cd_offset
    while data[pos:pos + 4] == b"PK\x01\x02":
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_len].endswith(b".jpg"):
            break
        pos += 46 + name_len
    extra = struct.pack("<HHQQ", 1, 16, 10 * 1024 ** 3, 10 * 1024 ** 3)
    struct.pack_into("<II", data, pos + 20, 0xFFFFFFFF, 0xFFFFFFFF)
    struct.pack_into("<H", data, pos + 30, len(extra))
    end = pos + 46 + name_len
    data[end:end] = extra
    cd = data.rindex(b"PK\x05\x06")
    struct.pack_into("<I", data, cd + 12, struct.unpack_from("<I", data, cd + 12)[0] + len(extra))
    tracemalloc.start()
    try:
        err = check(tmp_path, bytes(data), "size")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, peak
    assert "10737418240" in str(err)


def test_forged_entry_count(tmp_path: Path, real: list[E]) -> None:
    data = bytearray(build(real))
    cd = data.rindex(b"PK\x05\x06")
    struct.pack_into("<HH", data, cd + 8, 0xFFFE, 0xFFFE)
    check(tmp_path, bytes(data), "structure")


def test_archive_comment_and_trailing_data(tmp_path: Path, real: list[E]) -> None:
    check(tmp_path, build(real, comment=b"hello"), "structure")
    (tmp_path / "work").rename(tmp_path / "work1")
    check(tmp_path, build(real) + b"\0" * 10, "structure")


def test_prepended_data(tmp_path: Path, real: list[E]) -> None:
    check(tmp_path, b"MZ" + build(real), "structure")


def test_not_a_zip_at_all(tmp_path: Path) -> None:
    check(tmp_path, b"hello world" * 10, "truncated")
    (tmp_path / "work").rename(tmp_path / "work1")
    check(tmp_path, b"", "truncated")


def test_staging_never_escapes(tmp_path: Path, real: list[E]) -> None:
    """A good package extracts only under its fresh staging folder, and a second one beside it."""
    package = tmp_path / "p.zip"
    package.write_bytes(build(real))
    one = pf.verify_package(package, key_for=lambda info: PUBLIC, staging=tmp_path / "s")
    two = pf.verify_package(package, key_for=lambda info: PUBLIC, staging=tmp_path / "s")
    assert one.staged != two.staged and one.staged.parent == two.staged.parent
    written = {p.relative_to(one.staged).as_posix() for p in one.staged.rglob("*") if p.is_file()}
    assert written == {"records/problems.jsonl", "evidence/ab/ab12.jpg"}

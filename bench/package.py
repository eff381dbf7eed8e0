"""Submission package benchmark: writing and verifying a package (models.package_format).

    python bench/package.py [--items 10000] [--photo-mb 300] [--photo-kb 500] [--runs 3]
                            [--memory-mb 100 300] [--keep FOLDER]
                            [--write-target 1.5] [--verify-target 1.3] [--memory-target 1.25]

The payload: ``--items`` ledger items as a JSONL of realistic rows (Chinese text from
bench/ledger.py's phrases, generated without a database) and ``--photo-mb`` of photo-like
incompressible files (``os.urandom``, ``--photo-kb`` each) in a temporary folder.

- write: ``write_package`` signed, not encrypted (temporary name, fsync, rename, read back and
  verify) against the physical floor measured in the same run: one Python pass that reads every
  file, hashes it with hashlib (SHA-256) and writes it once into one target file (a package
  is one file), fsynced once. ``zip -0 -r`` is timed for context when installed. Target: median write / median floor at
  most ``--write-target``. The encrypted write (age via pyrage) is reported, without a target.
- verify: ``verify_package`` of the plain package against one hashlib SHA-256 pass over the
  package's bytes. Target: at most ``--verify-target``. Encrypted verification is reported.
- memory: peak resident memory (``ru_maxrss``) of a fresh interpreter writing and verifying a
  package for each of ``--memory-mb`` megabytes of photos. Target: the peak for the largest at
  most ``--memory-target`` times the peak for the smallest (memory does not grow with photos).

Wall times (the work is disk and hashing, not Python CPU), medians of ``--runs`` alternating runs.
Exit status 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger import DETAILS, ISSUES, MEASURES, PLACES  # noqa: E402  (bench/ledger.py)

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from models import package_format as pf  # noqa: E402

_CHUNK = 1024 * 1024
INFO = {"Source-Organization": "某县综合行政执法局", "FieldLedger-Unit-Code": "630102",
        "FieldLedger-Sequence": "1", "FieldLedger-Previous-Package": "none",
        "FieldLedger-Campaign": "青执法〔2025〕3号", "FieldLedger-Period": "2025-01-01/2025-03-31",
        "FieldLedger-Materials": "ledger,forms", "FieldLedger-Audit-Head": "1:" + "0" * 64,
        "FieldLedger-Created": "2025-04-01T08:00:00Z"}


def make_payload(folder: Path, items: int, photo_mb: int, photo_kb: int) -> list[pf.PackageFile]:
    """The records JSONL and the photos under ``folder``; the package's file list."""
    rnd = random.Random(7)
    issues = [(category, text) for category, texts in ISSUES.items() for text in texts]
    folder.mkdir(parents=True, exist_ok=True)
    records = folder / "problems.jsonl"
    with open(records, "w", encoding="utf-8") as fh:
        for n in range(1, items + 1):
            category, issue = rnd.choice(issues)
            row = {"id": n, "issue": f"{rnd.choice(PLACES)}{issue}",
                   "detail": rnd.choice(DETAILS), "measure": rnd.choice(MEASURES),
                   "dept": "综合执法大队", "owner": "张三", "deadline": "2025-06-30",
                   "status": rnd.choice(["open", "in_progress", "rectified", "closed"]),
                   "campaign_id": 1, "category": category}
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True,
                                separators=(",", ":")) + "\n")
    files = [pf.PackageFile("records/problems.jsonl", records)]
    count = max(1, photo_mb * 1024 // photo_kb)
    for n in range(count):
        data = os.urandom(photo_kb * 1024)
        digest = hashlib.sha256(data).hexdigest()
        path = folder / f"{digest}.jpg"
        path.write_bytes(data)
        files.append(pf.PackageFile(f"evidence/{digest[:2]}/{digest}.jpg", path))
    return files


def floor(files: list[pf.PackageFile], out: Path) -> float:
    """One pass: read every file, SHA-256 it, write it once into the single file ``out`` (a
    package is one file), fsync it once. Seconds."""
    out.unlink(missing_ok=True)
    start = time.perf_counter()
    with open(out, "wb") as dst:
        for f in files:
            digest = hashlib.sha256()
            with open(f.source, "rb") as src:
                for chunk in iter(lambda: src.read(_CHUNK), b""):
                    digest.update(chunk)
                    dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    return time.perf_counter() - start


def hash_pass(path: Path) -> float:
    start = time.perf_counter()
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return time.perf_counter() - start


def timed(func, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def memory_child(photo_mb: int, photo_kb: int, items: int) -> None:
    """In a fresh interpreter: build, write and verify; print ru_maxrss (KiB)."""
    import resource
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes_raw()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_payload(Path(tmp) / "src", items, photo_mb, photo_kb)
        got = pf.write_package(Path(tmp) / "p.zip", files, INFO, public_key=public, sign=key.sign)
        pf.verify_package(got.path, key_for=lambda info: public, staging=Path(tmp) / "stage")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--photo-mb", type=int, default=300)
    parser.add_argument("--photo-kb", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-mb", type=int, nargs="+", default=[100, 300])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--write-target", type=float, default=1.5)
    parser.add_argument("--verify-target", type=float, default=1.3)
    parser.add_argument("--memory-target", type=float, default=1.25)
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child is not None:
        memory_child(args.memory_child, args.photo_kb, args.items)
        return 0

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-package-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        files = make_payload(work / "src", args.items, args.photo_mb, args.photo_kb)
        payload = sum(Path(f.source).stat().st_size for f in files)
        print(f"payload: {len(files) - 1} photos + records of {args.items} items, "
              f"{payload / 1e6:.0f} MB")
        key = Ed25519PrivateKey.generate()
        public = key.public_key().public_bytes_raw()
        from pyrage import x25519
        identity = x25519.Identity.generate()
        times: dict[str, list[float]] = {k: [] for k in (
            "floor", "write", "write_age", "zip0", "hash", "verify", "verify_age")}
        zip_tool = shutil.which("zip")
        for run in range(args.runs):
            times["floor"].append(floor(files, work / "floor.bin"))
            target = work / "p.zip"
            target.unlink(missing_ok=True)
            t, got = timed(pf.write_package, target, files, INFO, public_key=public,
                           sign=key.sign)
            times["write"].append(t)
            times["hash"].append(hash_pass(target))
            t, _ = timed(pf.verify_package, target, key_for=lambda info: public)
            times["verify"].append(t)
            enc = work / "p.age"
            enc.unlink(missing_ok=True)
            t, _ = timed(pf.write_package, enc, files, INFO, public_key=public, sign=key.sign,
                         recipients=[str(identity.to_public())])
            times["write_age"].append(t)
            t, _ = timed(pf.verify_package, enc, key_for=lambda info: public,
                         identities=[str(identity)])
            times["verify_age"].append(t)
            if zip_tool:
                (work / "z.zip").unlink(missing_ok=True)
                start = time.perf_counter()
                subprocess.run([zip_tool, "-0", "-q", "-r", str(work / "z.zip"), "src"],
                               cwd=work, check=True)
                times["zip0"].append(time.perf_counter() - start)
            print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:.2f}s" for k, v in times.items()
                                                 if v))
        med = {k: statistics.median(v) for k, v in times.items() if v}
        write_ratio = med["write"] / med["floor"]
        verify_ratio = med["verify"] / med["hash"]
        print(f"floor (read + sha256 + write + fsync): {med['floor']:.2f}s "
              f"({payload / med['floor'] / 1e6:.0f} MB/s)")
        if "zip0" in med:
            print(f"zip -0 -r (context): {med['zip0']:.2f}s ({med['zip0'] / med['floor']:.2f}x floor)")
        print(f"write_package, signed: {med['write']:.2f}s = {write_ratio:.2f}x floor "
              f"(target <= {args.write_target})")
        print(f"write_package, signed + age: {med['write_age']:.2f}s = "
              f"{med['write_age'] / med['floor']:.2f}x floor (no target)")
        print(f"one sha256 pass over the package: {med['hash']:.2f}s")
        print(f"verify_package: {med['verify']:.2f}s = {verify_ratio:.2f}x one hash pass "
              f"(target <= {args.verify_target})")
        print(f"verify_package, age: {med['verify_age']:.2f}s = "
              f"{med['verify_age'] / med['hash']:.2f}x (no target)")
        peaks = []
        for mb in args.memory_mb:
            out = subprocess.run([sys.executable, __file__, "--memory-child", str(mb),
                                  "--photo-kb", str(args.photo_kb), "--items", str(args.items)],
                                 capture_output=True, text=True, check=True)
            peaks.append(int(out.stdout.split()[-1]))
            print(f"peak memory, {mb} MB of photos: {peaks[-1] / 1024:.0f} MB")
        memory_ratio = peaks[-1] / peaks[0]
        print(f"memory {args.memory_mb[-1]} MB / {args.memory_mb[0]} MB of photos: "
              f"{memory_ratio:.2f} (target <= {args.memory_target})")
        missed = [name for name, ok in (("write", write_ratio <= args.write_target),
                                        ("verify", verify_ratio <= args.verify_target),
                                        ("memory", memory_ratio <= args.memory_target)) if not ok]
        print("targets met" if not missed else f"targets missed: {', '.join(missed)}")
        return 1 if missed else 0
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

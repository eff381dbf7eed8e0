"""Office import benchmark: many small submission packages from many units (models.office_import).

    python bench/office_import.py [--units 10] [--packages 100] [--problems 5] [--keep FOLDER]
                                  [--target 2.5]

Builds ``--units`` real station installations (each its own unit code, chief and unit seal key),
and at each station ``--packages`` consecutive packages: before each one the station hangs
``--problems`` new problems on its ledger and updates one older problem, then writes the next
package exactly as ``package export`` does (records changed since the previous package, the
audit entries since then, chained by the previous package's SHA-256; materials ledger and
audit, no forms and no photos: small packages). The office registers every unit from its
enrollment file, then imports all the packages in the order a clerk would (unit by unit, oldest
first), each in its own transaction as the 导入 button does.

Figures (wall time): the import of every package; the baseline measured in the same run, the
container verification alone (``package_format.verify_package`` of every package with the right
key, staging included: decryption, ZIP, manifests, signature, hashes) — the ratio shows what the
office's own work adds (chain checks, audit re-hashing, records upsert, audit log); a second
import of every package (each "already imported", nothing changes); the office database's size
and peak resident memory. Target: import / verification at most ``--target``; the second import
must change nothing (it is recognised by the file's SHA-256 before any other check). Exit status 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import (audit, enrollment, keys, office_import, office_units,  # noqa: E402
                    package_contents, package_format, package_out, problems)
from models.paths import DataDir  # noqa: E402
from models.session import Session, login, setup_installation  # noqa: E402
from models.store import Store, open_store  # noqa: E402

PASSWORD = "bench-pass-1"
ISSUES = ["执法人员未按规定出示执法证件", "超限检测站卸载场地收费标准未公示", "现场检查笔录当事人未签字",
          "对同类违法行为处罚幅度不一致", "12328 投诉处理超过时限未回复"]


def _station(root: Path, n: int) -> tuple[Store, Session, str]:
    store = open_store(DataDir(root / f"station-{n:03d}"))
    session = setup_installation(
        store, unit={"name": f"玛沁县第{n + 1}超限检测站", "code": f"QH-6326-{n + 1:03d}",
                     "level": "station"},
        chief={"name": f"站长{n + 1}"}, username="chief", password=PASSWORD)
    session = login(store, "chief", PASSWORD)
    keys.create_seal_key(session, PASSWORD)
    return store, session, keys.held_seal_key(session)


def write_station_packages(root: Path, out: Path, n: int, packages: int,
                           per_package: int) -> tuple[str, list[Path]]:
    """One station's enrollment file text and its packages, oldest first."""
    store, session, key_id = _station(root, n)
    try:
        public = keys.stored_public_key(store.conn, key_id)[0]
        unit_code, unit_name = store.conn.execute(
            "SELECT code, name FROM units WHERE id = ?", (session.unit_id,)).fetchone()
        paths: list[Path] = []
        prev, since = "none", 0
        with keys.unlock(session, key_id, PASSWORD) as sign:
            for seq in range(1, packages + 1):
                for k in range(per_package):
                    problems.create_problem(session, category="执法不规范",
                                            issue=ISSUES[(seq + k) % len(ISSUES)],
                                            manifestation=f"第 {seq} 批第 {k + 1} 项：现场核查发现")
                first = store.conn.execute("SELECT min(id) FROM problems").fetchone()[0]
                problems.update_problem(session, first, remarks=f"第 {seq} 次复核")
                head = audit.head(store.conn)
                info = package_out.bag_info(
                    unit_name=unit_name, unit_code=unit_code, seq=seq, prev_sha256=prev,
                    campaign="none", period=None, materials=["ledger", "audit"], head=head,
                    created="2026-06-30T08:00:00Z")
                work = Path(tempfile.mkdtemp(dir=root))
                try:
                    files = package_contents.collect(
                        session, campaign_id=None, period=None, materials=["ledger", "audit"],
                        since_seq=since, work_dir=work, until_seq=head[0])
                    target = out / package_out.package_file_name(unit_code, seq)
                    package_format.write_package(target, files, info, public_key=public,
                                                 sign=sign)
                finally:
                    shutil.rmtree(work, ignore_errors=True)
                prev = hashlib.sha256(target.read_bytes()).hexdigest()
                since = head[0]
                paths.append(target)
        return enrollment.enrollment_file(session, key_id, PASSWORD), paths
    finally:
        store.close()


def dump(store: Store) -> list:
    out = []
    for (name,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                      " ORDER BY name"):
        out.append((name, store.conn.execute(f'SELECT * FROM "{name}"').fetchall()))
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--packages", type=int, default=100, help="packages per unit")
    parser.add_argument("--problems", type=int, default=5, help="new problems per package")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--target", type=float, default=2.5)
    args = parser.parse_args()
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="fl-bench-import-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        stick = root / "stick"
        stick.mkdir(exist_ok=True)
        t0 = time.perf_counter()
        enrolled: list[tuple[str, list[Path]]] = [
            write_station_packages(root, stick, n, args.packages, args.problems)
            for n in range(args.units)]
        total = sum(len(p) for _e, p in enrolled)
        size = sum(p.stat().st_size for _e, ps in enrolled for p in ps)
        print(f"packages: {total} from {args.units} units, {size / total / 1024:.1f} KiB each on"
              f" average (built in {time.perf_counter() - t0:.1f} s)")

        office = open_store(DataDir(root / "office"))
        try:
            setup_installation(office, unit={"name": "果洛州交通运输综合行政执法支队",
                                             "code": "QH-6326", "level": "city"},
                               chief={"name": "才让"}, username="director", password=PASSWORD)
            session = login(office, "director", PASSWORD)
            publics: dict[str, bytes] = {}
            for text, _paths in enrolled:
                reg = office_units.register_unit(session, text)
                row = office_units.current_seal_key(office, reg.unit_id)
                publics[reg.unit_code] = office_units.raw_public(row)

            staging = root / "verify-staging"
            t0 = time.perf_counter()
            for _text, paths in enrolled:
                for path in paths:
                    staging.mkdir()
                    package_format.verify_package(
                        path, key_for=lambda info: publics[info["FieldLedger-Unit-Code"]],
                        staging=staging)
                    shutil.rmtree(staging)
            verify_s = time.perf_counter() - t0

            t0 = time.perf_counter()
            statuses: dict[str, int] = {}
            for _text, paths in enrolled:
                for path in paths:
                    result = office_import.import_package(session, path)
                    statuses[result.status] = statuses.get(result.status, 0) + 1
            import_s = time.perf_counter() - t0
            alarms = len(office_import.list_alarms(session))
            import_peak = peak_mb()

            before = dump(office)
            t0 = time.perf_counter()
            again: dict[str, int] = {}
            for _text, paths in enrolled:
                for path in paths:
                    result = office_import.import_package(session, path)
                    again[result.status] = again.get(result.status, 0) + 1
            again_s = time.perf_counter() - t0
            unchanged = dump(office) == before
            records = office.conn.execute("SELECT count(*) FROM office_records").fetchone()[0]
            db_mb = office.data_dir.database.stat().st_size / 1024 / 1024
        finally:
            office.close()

        ratio = import_s / verify_s
        print(f"verify only (baseline): {verify_s:.2f} s, {verify_s / total * 1000:.1f} ms a package")
        print(f"import:                 {import_s:.2f} s, {import_s / total * 1000:.1f} ms a package,"
              f" {total / import_s:.0f} packages/s  {statuses}")
        print(f"import / verify:        {ratio:.2f}x (target at most {args.target}x)")
        print(f"second import:          {again_s:.2f} s, {again}, database unchanged: {unchanged}")
        print(f"office: {records} records, {alarms} alarms, database {db_mb:.1f} MiB,"
              f" peak memory after the import {import_peak:.0f} MiB")
        ok = (ratio <= args.target and unchanged and statuses == {"imported": total}
              and again == {"already_imported": total} and alarms == 0)
        print("OK" if ok else "TARGET MISSED")
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

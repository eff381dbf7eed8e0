"""Export benchmark: the official forms to xlsx (models.xlsx_export) and PDF (models.pdf_export).

    python bench/export.py [--rows 100000] [--runs 3] [--memory-rows 10000 100000]
                           [--pdf-rows 1000] [--keep FOLDER]
                           [--speed-target 1.5] [--memory-target 1.25]

Rows are ledger-like, the seven columns of the 专项整治问题清单 (序号, 存在问题, 具体表现, 整改措施,
责任部门(人), 整改时限, 备注), with realistic Chinese text made from bench/ledger.py's phrases
(seeded, so every run writes the same values): a pool of 5,000 distinct rows cycled with a running
序号, so that generating them costs next to nothing and holds little memory.

- xlsx speed: ``--rows`` rows through ``xlsx_export.write_form`` (title, header block, styled and
  bordered cells, row heights, footer, digest, atomic write) against bare openpyxl write-only
  appending the same values to an unstyled sheet, in the same run, alternating, ``--runs`` times
  each. Target: the ratio of the median CPU times at most 1.5. CPU time (``process_time``), not
  wall time, because on a shared machine the wall time of a ten-second run mostly measures what
  the other processes did meanwhile; the wall times are printed too.
- xlsx memory: peak resident memory (``ru_maxrss``) of a fresh interpreter writing each of
  ``--memory-rows`` rows with ``write_form``, and the same interpreter's memory in use after its
  imports and the text pool (what the writing added is the difference). Target: the peak for
  the largest count at most 1.25 times the peak for the smallest (memory does not grow with
  rows).
- PDF: ``--pdf-rows`` rows through ``pdf_export.write_form`` (embedded CJK font, wrapped cells,
  page numbers, signature block and QR code); time, pages and size, no target. Skipped with a
  message when that module is not there.

Exit status 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("OPENPYXL_LXML", "False")  # as the app: lxml writes 汉字 as &#NNNNN;

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger import DETAILS, ISSUES, MEASURES, PLACES  # noqa: E402  (bench/ledger.py)

from models.forms import Column, Form, SignatureLine  # noqa: E402

SPEED_TARGET = 1.5
MEMORY_TARGET = 1.25
POOL = 5_000

COLUMNS = (Column("序号", 6, "center"), Column("存在问题", 22), Column("具体表现", 36),
           Column("整改措施", 36), Column("责任部门(人)", 16), Column("整改时限", 14, "center"),
           Column("备注", 14))
DEPTS = ["执法一中队", "执法二中队", "法制科", "综合科", "站办公室"]
PEOPLE = ["马文斌", "才让东周", "李海龙", "索南扎西", "王建军", "张永华"]
REMARKS = ["", "", "", "群众关注度高，需重点督办。", "立行立改", "长期坚持"]
NOTE = ("注: 存在问题包括治超联合执法机制落实不到位、运动式执法问题、“一刀切”执法问题、简单粗暴执法问题、"
        "野蛮执法问题、机械执法问题、逐利执法问题以及其他问题。")


def pool(seed: int = 20240630) -> list[tuple[str, ...]]:
    """:data:`POOL` distinct rows of text (without 序号), the same on every run."""
    rnd = random.Random(seed)
    out = []
    for _ in range(POOL):
        aspect = rnd.choice(list(ISSUES))
        issue = rnd.choice(ISSUES[aspect])
        place = rnd.choice(PLACES)
        n, m = rnd.randint(1, 30), rnd.randint(2, 500) * 100
        measures = rnd.choice(MEASURES).format(issue=issue, n=n)
        if rnd.random() < 0.3:
            measures += rnd.choice(MEASURES).format(issue=rnd.choice(ISSUES[aspect]), n=n)
        out.append((f"{aspect}：{issue}", rnd.choice(DETAILS).format(place=place, issue=issue,
                                                                  n=n, m=m),
                    measures, f"{rnd.choice(DEPTS)}（{rnd.choice(PEOPLE)}）",
                    f"2024 年 {rnd.randint(7, 12)} 月 {rnd.randint(1, 28)} 日", rnd.choice(REMARKS)))
    return out


def rows(count: int, texts: list[tuple[str, ...]]) -> Iterator[tuple]:
    for i in range(count):
        yield (i + 1, *texts[i % POOL])


def form(count: int, texts: list[tuple[str, ...]]) -> Form:
    return Form(
        "problem_list", "交通运输领域突出问题专项整治问题清单", "单 位 (公 章) :玛沁县大武超限检测站",
        "2024 年 6 月 30 日", COLUMNS, rows(count, texts), count, footer=("填 报 人:王丽",),
        notes=(NOTE,),
        signatures=(SignatureLine("审核", "马文斌", "法制审核", "2024-06-30 11:05",
                                  "7F3A-19C2-BB04-6E5D", "valid", "第 1 版台账"),
                    SignatureLine("单位盖章", "才让东周", "负责人", "2024-06-30 16:40",
                                  "0C9E-55A1-2D7B-F318", "valid")))


def bare_openpyxl(path: Path, count: int, texts: list[tuple[str, ...]]) -> None:
    """The floor: openpyxl write-only appending the same values, no styles, nothing else."""
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("问题清单")
    for row in rows(count, texts):
        ws.append(row)
    wb.save(path)


def measure_speed(folder: Path, count: int, runs: int, texts: list[tuple[str, ...]],
                  target: float) -> float:
    """Both writers ``runs`` times, alternating; the ratio of the medians of their CPU times."""
    from models import xlsx_export

    def ours() -> None:
        xlsx_export.write_form(form(count, texts), folder / "form.xlsx")

    def bare() -> None:
        bare_openpyxl(folder / "bare.xlsx", count, texts)

    cpu: dict[str, list[float]] = {"write_form": [], "bare openpyxl": []}
    wall: dict[str, list[float]] = {"write_form": [], "bare openpyxl": []}
    for _ in range(runs):
        for name, fn in (("bare openpyxl", bare), ("write_form", ours)):
            t, c = time.perf_counter(), time.process_time()
            fn()
            cpu[name].append(time.process_time() - c)
            wall[name].append(time.perf_counter() - t)
    print(f"\nxlsx, {count} rows x {len(COLUMNS)} columns, {runs} runs each, alternating")
    for name, times in cpu.items():
        size = (folder / ("form.xlsx" if name == "write_form" else "bare.xlsx")).stat().st_size
        print(f"  {name:<15} CPU median {statistics.median(times):6.2f} s"
              f" (min {min(times):6.2f})   wall median {statistics.median(wall[name]):6.2f} s"
              f"   {count / statistics.median(wall[name]):7.0f} rows/s   {size / 1e6:5.1f} MB")

    def ratio(times: dict[str, list[float]], pick=statistics.median) -> float:
        return pick(times["write_form"]) / pick(times["bare openpyxl"])

    print(f"  write_form / bare: CPU {ratio(cpu):.2f}x of medians, {ratio(cpu, min):.2f}x of the"
          f" fastest runs; wall {ratio(wall):.2f}x of medians (target: CPU <= {target}x)")
    return ratio(cpu)


CHILD = r"""
import os, resource, sys, tempfile
os.environ.setdefault("OPENPYXL_LXML", "False")
sys.path.insert(0, {bench!r}); sys.path.insert(0, {root!r})
import export
from models import xlsx_export
import openpyxl
texts = export.pool()
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:  # the memory in use now, where the system tells it (Linux); else the peak so far
    with open("/proc/self/status") as status:
        start = next(int(l.split()[1]) for l in status if l.startswith("VmRSS:"))
except (OSError, StopIteration):
    pass
with tempfile.TemporaryDirectory(dir={folder!r}) as tmp:
    xlsx_export.write_form(export.form({count}, texts), os.path.join(tmp, "m.xlsx"))
print(start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def measure_memory(folder: Path, counts: list[int], target: float) -> float:
    print("\nxlsx peak memory, each count in a fresh interpreter (ru_maxrss)")
    peaks = []
    for count in counts:
        code = CHILD.format(bench=str(ROOT / "bench"), root=str(ROOT), folder=str(folder),
                            count=count)
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout.split()
        start, peak = int(out[0]) / 1024, int(out[1]) / 1024   # KiB on Linux
        peaks.append(peak)
        print(f"  {count:>8} rows: peak {peak:6.1f} MiB, after imports {start:6.1f} MiB, "
              f"added by writing {peak - start:5.1f} MiB ({time.perf_counter() - t:.1f} s)")
    ratio = peaks[-1] / peaks[0]
    print(f"  peak {counts[-1]} / {counts[0]} rows: {ratio:.2f}x (target <= {target}x)")
    return ratio


def measure_pdf(folder: Path, count: int, texts: list[tuple[str, ...]]) -> None:
    try:
        from models import pdf_export
    except ImportError as exc:
        print(f"\nPDF: skipped, models.pdf_export cannot be imported ({exc})")
        return
    path = folder / "form.pdf"
    t = time.perf_counter()
    result = pdf_export.write_form(form(count, texts), path)
    took = time.perf_counter() - t
    try:
        from pypdf import PdfReader
        pages = f"{len(PdfReader(path).pages)} pages"
    except ImportError:     # a development dependency
        pages = "pages not counted (no pypdf)"
    print(f"\nPDF, {count} rows: {took:.2f} s, {pages}, {path.stat().st_size / 1e6:.2f} MB, "
          f"{result.rows} rows written")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--pdf-rows", type=int, default=1_000)
    parser.add_argument("--keep", help="write the files into this folder and keep them")
    parser.add_argument("--speed-target", type=float, default=SPEED_TARGET,
                        help=f"largest CPU time ratio write_form / bare (default {SPEED_TARGET})")
    parser.add_argument("--memory-target", type=float, default=MEMORY_TARGET,
                        help=f"largest peak memory ratio (default {MEMORY_TARGET})")
    args = parser.parse_args()

    import openpyxl
    texts = pool()
    print(f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}; openpyxl {openpyxl.__version__}"
          f" (lxml {'on' if openpyxl.LXML else 'off'}); {POOL} distinct rows cycled")
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        ratio = measure_speed(folder, args.rows, args.runs, texts, args.speed_target)
        if ratio > args.speed_target:
            failed.append(f"xlsx speed {ratio:.2f}x > {args.speed_target}x")
        growth = measure_memory(folder, sorted(args.memory_rows), args.memory_target)
        if growth > args.memory_target:
            failed.append(f"xlsx memory grows {growth:.2f}x > {args.memory_target}x")
        measure_pdf(folder, args.pdf_rows, texts)
        print(f"\nself peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}"
              " MiB")
    if failed:
        print("MISSED: " + "; ".join(failed))
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())

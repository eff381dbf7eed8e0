"""bench/ledger_scroll.py runs end to end on a small ledger: it builds its data once and reuses it,
scrolls the real ledger and a plain table, prints its figures and exits non-zero when a step is
over the limit."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from core_helpers import ROOT

SCRIPT = ROOT / "bench" / "ledger_scroll.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(SCRIPT), "--problems", "1200", "--steps", "12",
                           "--pages", "6", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=240, env=env)


@pytest.mark.slow
def test_the_scroll_benchmark_reports_and_fails_over_the_limit(tmp_path: Path) -> None:
    data = tmp_path / "bench-data"
    # The figures themselves are the benchmark's business: here a loaded machine must not fail it.
    first = run("--data-dir", str(data), "--limit-ms", "5000")
    assert first.returncode == 0, first.stdout + first.stderr
    out = first.stdout
    assert f"built 1200 problems in {data}" in out
    assert "QStandardItemModel, 1000 rows: 22 steps" in out   # End, Home, 12, Home, 6, End
    assert "LedgerModel, 1200 rows: 22 steps" in out
    fetched = re.search(r"rows fetched from the core while scrolling: (\d+) in (\d+) calls", out)
    assert fetched and 0 < int(fetched[1]) <= 1200 and int(fetched[2]) >= 1
    assert re.search(r"ledger / plain table: median step [\d.]+x", out)
    assert re.search(r"slowest ledger step or slice: [\d.]+ ms \(target <= 5000 ms\): met", out)

    second = run("--data-dir", str(data), "--limit-ms", "0.001")
    assert second.returncode == 1, second.stdout + second.stderr
    assert f"reusing {data} (1200 problems)" in second.stdout
    assert "built" not in second.stdout
    assert second.stdout.rstrip().endswith("MISSED")

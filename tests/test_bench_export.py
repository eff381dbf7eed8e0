"""bench/export.py runs end to end on a few rows: it writes the xlsx with write_form and with bare
openpyxl, measures memory in fresh interpreters, writes the PDF, prints its figures and exits
non-zero when a target is missed."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from core_helpers import ROOT

SCRIPT = ROOT / "bench" / "export.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(SCRIPT), "--rows", "600", "--runs", "1",
                           "--memory-rows", "200", "400", "--pdf-rows", "30", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=240, env=env)


@pytest.mark.slow
def test_the_export_benchmark_reports_and_fails_over_a_target(tmp_path: Path) -> None:
    # The figures themselves are the benchmark's business: here a loaded machine must not fail it.
    ok = run("--keep", str(tmp_path), "--speed-target", "100", "--memory-target", "100")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    out = ok.stdout
    assert "xlsx, 600 rows x 7 columns, 1 runs each, alternating" in out
    assert re.search(r"write_form / bare: CPU [\d.]+x of medians", out)
    assert re.search(r"200 rows: peak +[\d.]+ MiB", out) and re.search(r"400 rows: peak", out)
    assert re.search(r"PDF, 30 rows: [\d.]+ s, \d+ pages", out)
    assert out.rstrip().endswith("all targets met")
    assert {"form.xlsx", "bare.xlsx", "form.pdf"} <= {p.name for p in tmp_path.iterdir()}
    missed = run("--speed-target", "0.01")
    assert missed.returncode == 1
    assert "MISSED: xlsx speed" in missed.stdout

"""bench/office_import.py runs end to end on a few packages: real stations write them, the office
registers the units, verifies, imports them twice, prints its figures and exits non-zero when a
target is missed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core_helpers import ROOT

SCRIPT = ROOT / "bench" / "office_import.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(SCRIPT), "--units", "2", "--packages", "3",
                           "--problems", "2", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=240, env=env)


@pytest.mark.slow
def test_the_import_benchmark_reports_and_fails_over_a_target(tmp_path: Path) -> None:
    ok = run("--keep", str(tmp_path / "ok"), "--target", "100")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "{'imported': 6}" in ok.stdout and "{'already_imported': 6}" in ok.stdout
    assert "database unchanged: True" in ok.stdout and ok.stdout.rstrip().endswith("OK")
    missed = run("--keep", str(tmp_path / "missed"), "--target", "0.01")
    assert missed.returncode == 1 and "TARGET MISSED" in missed.stdout

"""The smoke test (``main.py smoke-test``), run from source as the build runs it on the bundle,
and ``main.py --version``."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from core_helpers import MAIN, ROOT, run_cli

from models.version import PRODUCT_NAME, __version__

#: Every check, in the order the report prints them.
CHECKS = ["version", "demo", "templates", "pdf-font", "pdf-export", "xlsx-export", "main-window",
          "qt-translation", "ui-font", "icon", "dashboard", "second-start", "english", "restore",
          "gui-exit", "exit-backup", "log", "audit-chain"]


def smoke(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python main.py smoke-test ARGS`` offscreen, with no display, as on a build machine."""
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    base.update({"PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen", **(env or {})})
    return subprocess.run([sys.executable, str(MAIN), "smoke-test", *args], cwd=ROOT, check=False,
                          capture_output=True, text=True, encoding="utf-8", timeout=300, env=base)


def test_version_comes_from_models_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{PRODUCT_NAME} {__version__}" == "执法台账 FieldLedger " + __version__


def test_smoke_test_passes_from_source(tmp_path: Path) -> None:
    shot = tmp_path / "main-window.png"
    report = tmp_path / "report.txt"
    result = smoke("--screenshot", str(shot), "--report", str(report))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    folder = Path(lines[0].removeprefix("FieldLedger smoke test in "))
    checks = [line.split()[1] for line in lines if line.startswith("ok   ")]
    assert checks == CHECKS[:CHECKS.index("dashboard") + 1] + ["screenshot"] \
        + CHECKS[CHECKS.index("dashboard") + 1:]
    assert not [line for line in lines if line.startswith("FAIL")]
    assert re.fullmatch(rf"smoke test passed: {len(CHECKS) + 1} checks in [\d.]+ s", lines[-1])
    text = dict(line[5:].split(None, 1) for line in lines if line.startswith("ok   "))
    assert text["version"].startswith(f"{PRODUCT_NAME} {__version__}, Python ")
    assert "from source" in text["version"]
    assert "7 problems" in text["demo"]
    assert "3 built-in templates" in text["templates"]
    assert "Chinese font embedded" in text["pdf-export"]
    assert "“执法台账” shown (offscreen)" in text["main-window"]
    assert "确定、取消" in text["qt-translation"]
    assert "draws Chinese" in text["ui-font"]
    assert "answered" in text["second-start"]
    assert "“FieldLedger”" in text["english"]
    assert "restored" in text["restore"] and "replaced/fieldledger-replaced-" in text["restore"]
    assert "no warning or error" in text["log"]
    assert text["audit-chain"].startswith("审计链完整")
    assert report.read_text(encoding="utf-8").splitlines() == lines
    assert shot.stat().st_size > 10_000
    assert not folder.exists(), "the temporary folder is removed"


def test_smoke_test_fails_on_the_first_broken_check(tmp_path: Path) -> None:
    """Without any font for Qt the interface cannot draw Chinese: that check fails, exit 1, and
    nothing after it runs."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{empty}</dir>'
                    f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    result = smoke("--keep", env={"FONTCONFIG_FILE": str(conf)})
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines if line.startswith("ok   ")] == \
        CHECKS[:CHECKS.index("ui-font")]
    assert next(line for line in lines if line.startswith("FAIL")).startswith("FAIL ui-font ")
    assert lines[-1] == "smoke test FAILED at ui-font (8 checks passed before it)"
    kept = Path(lines[-2].removeprefix("kept: "))
    assert (kept / "data" / "fieldledger.sqlite3").is_file()
    shutil.rmtree(kept)


@pytest.mark.parametrize("failing, expected", [(False, 0), (True, 1)])
def test_report_stops_at_the_first_failure(failing: bool, expected: int, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from ui.smoke import CheckFailed, Report

    def broken() -> str:
        raise CheckFailed("something is missing")

    report = Report(str(tmp_path / "copy.txt"))
    assert report.check("first", lambda: "fine")
    assert report.check("second", broken if failing else (lambda: "fine too")) is not failing
    assert report.check("third", lambda: "fine") is not failing
    assert report.close() == expected
    out = capsys.readouterr().out.splitlines()
    if failing:
        assert out == ["ok   first          fine", "FAIL second         something is missing",
                       "smoke test FAILED at second (1 checks passed before it)"]
    else:
        assert out[:3] == ["ok   first          fine", "ok   second         fine too",
                           "ok   third          fine"]
    assert (tmp_path / "copy.txt").read_text(encoding="utf-8").splitlines() == out

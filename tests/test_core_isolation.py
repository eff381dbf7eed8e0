"""The core (``models``) must stay free of Qt: the CLI and the tests import it without PySide6."""
from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import models
from core_helpers import ROOT

CHILD = """
import importlib, json, pkgutil, sys
import models
names = sorted('models.' + m.name for m in pkgutil.iter_modules(models.__path__))
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))
print(json.dumps({'imported': names, 'qt': qt}))
"""


def test_models_import_without_pyside6() -> None:
    expected = sorted("models." + m.name for m in pkgutil.iter_modules(models.__path__))
    assert len(expected) >= 14  # store, audit, migrations, session, ... all present
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["imported"] == expected
    assert out["qt"] == [], f"the core pulled in Qt modules: {out['qt']}"


@pytest.mark.parametrize("module", ["models.evidence", "models.filetypes"])
def test_evidence_code_loads_no_qt_dataclasses_zipfile_or_tempfile(module: str) -> None:
    """Attaching a file is on the worker's hot path: the heavy modules load only when needed."""
    probe = (f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0]"
             " in ('PySide6', 'shiboken6', 'dataclasses', 'zipfile', 'tempfile')))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_child_would_notice_pyside6() -> None:
    """Guard against a vacuous check: the same probe does see PySide6 when it is imported."""
    probe = "import PySide6.QtCore, sys; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_command_line_parsing_gui_and_sub_commands() -> None:
    """The plain GUI start takes the short path; everything else goes through the full parser."""
    from models.cli import parse_args

    plain = parse_args(["--data-dir", "/tmp/x"])
    assert (plain.command, plain.data_dir, plain.lang) == (None, "/tmp/x", None)
    assert parse_args([]).command is None
    gui = parse_args(["gui", "--lang", "en", "--data-dir", "D"])
    assert (gui.command, gui.lang, gui.data_dir) == ("gui", "en", "D")
    verify = parse_args(["audit", "verify", "--data-dir", "D"])
    assert (verify.command, verify.audit_command, verify.data_dir) == ("audit", "verify", "D")
    tricky = parse_args(["--data-dir", "demo"])  # a folder named like a sub-command
    assert tricky.data_dir == "demo"

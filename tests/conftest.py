"""Shared fixtures: real SQLite files in temp folders, Qt offscreen, fast password hashing."""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENPYXL_LXML", "False")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from models import passwords  # noqa: E402
from models.paths import DataDir  # noqa: E402
from models.store import Store, open_store  # noqa: E402
from ui_helpers import gui, translations  # noqa: E402,F401 - fixtures of the GUI tests


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash new passwords with a small scrypt cost so tests run fast (checked hashes keep theirs)."""
    monkeypatch.setattr(passwords, "SCRYPT_N", 2 ** 10)
    monkeypatch.setattr(passwords, "_DUMMY", None)


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "data")


@pytest.fixture
def store(data_dir: DataDir):
    s = open_store(data_dir)
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    """A closed demo installation (accounts chief, reviewer, officer, officer2, admin), built once."""
    from core_helpers import build_demo
    template = DataDir(tmp_path_factory.mktemp("demo-template") / "data")
    build_demo(template)
    return template


@pytest.fixture
def demo_dir(demo_template: DataDir, tmp_path: Path) -> DataDir:
    """A fresh copy of the demo installation for one test."""
    from core_helpers import copy_installation
    return copy_installation(demo_template, DataDir(tmp_path / "data"))


@pytest.fixture
def demo(demo_dir: DataDir):
    """The open store of a fresh demo copy."""
    store = open_store(demo_dir)
    yield store
    store.close()


def login_as(store: Store, username: str):
    from models.demo import DEMO_PASSWORD
    from models.session import login
    return login(store, username, DEMO_PASSWORD)


@pytest.fixture(scope="session")
def signed_template(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    """A closed demo installation with signatures in every state (built once per run)."""
    from form_helpers import build_signed_demo
    template = DataDir(tmp_path_factory.mktemp("signed-demo") / "data")
    build_signed_demo(template)
    return template


@pytest.fixture
def station(signed_template: DataDir, tmp_path: Path):
    """The open store of a fresh copy of the signed demo: a station with its unit seal key."""
    from core_helpers import copy_installation
    store = open_store(copy_installation(signed_template, DataDir(tmp_path / "station")))
    yield store
    store.close()


@pytest.fixture
def office(tmp_path: Path):
    """The open store of an upper office (果洛州, its director ``director``)."""
    from core_helpers import make_office
    store = make_office(tmp_path / "office")
    yield store
    store.close()


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    """An empty folder standing for a USB stick."""
    path = tmp_path / "U盘"
    path.mkdir()
    return path

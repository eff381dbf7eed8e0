"""The installer build's inputs, without running PyInstaller: the spec (run with stand-ins for
PyInstaller's build classes), the icons it draws, the Windows installer script and the scripts'
single source of the version."""
from __future__ import annotations

import ast
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from core_helpers import ROOT

from models.paths import APP_NAME
from models.version import __version__

SPEC = ROOT / "packaging" / "fieldledger.spec"
ISS = ROOT / "packaging" / "windows" / "FieldLedger.iss"
BUILD_SCRIPTS = [SPEC, ISS, ROOT / "packaging" / "build.sh",
                 ROOT / "packaging" / "windows" / "build.ps1"]
LINUX_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


class Built:
    """What the spec asked PyInstaller to build."""

    def __init__(self) -> None:
        self.analysis: dict[str, Any] = {}
        self.exes: list[dict[str, Any]] = []
        self.collect: dict[str, Any] = {}


def run_spec(monkeypatch: pytest.MonkeyPatch, workpath: Path,
             imports: dict[str, set[str]] | None = None) -> tuple[dict[str, Any], Built]:
    """Execute the spec as PyInstaller would, with stand-ins that record what it asks for.
    ``imports`` (file -> library names) answers the stand-in of ``get_imports``."""
    built = Built()
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda name: [f"{name}.everything"]  # type: ignore[attr-defined]
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda path: {(name, None) for name in  # type: ignore[attr-defined]
                                          (imports or {}).get(path, set())}
    for name in ("PyInstaller", "PyInstaller.utils", "PyInstaller.depend"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", bindepend)
    monkeypatch.setattr(sys, "path", list(sys.path))

    class Analysis:
        def __init__(self, scripts: list[str], **kwargs: Any) -> None:
            built.analysis = {"scripts": scripts, **kwargs}
            self.datas = [(str(Path(folder) / Path(src).name), src, "DATA")
                          for src, folder in kwargs["datas"]]
            self.binaries: list[tuple[str, str, str]] = []
            self.scripts: list[Any] = []
            self.pure: list[Any] = []

    def exe(*args: Any, **kwargs: Any) -> str:
        built.exes.append(kwargs)
        return kwargs["name"]

    def collect(*args: Any, **kwargs: Any) -> None:
        built.collect = {"args": args, **kwargs}

    namespace: dict[str, Any] = {
        "SPECPATH": str(SPEC.parent), "workpath": str(workpath), "__name__": "__main__",
        "Analysis": Analysis, "PYZ": lambda pure: "pyz", "EXE": exe, "COLLECT": collect}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)  # noqa: S102
    return namespace, built


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Built]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return run_spec(monkeypatch, tmp_path_factory.mktemp("work"))


def test_version_is_read_from_models_version_only(spec: tuple[dict[str, Any], Built]) -> None:
    namespace, _built = spec
    assert namespace["__version__"] == __version__
    assert "from models.version import" in SPEC.read_text(encoding="utf-8")
    for script in BUILD_SCRIPTS:
        assert __version__ not in script.read_text(encoding="utf-8-sig"), script
    for script in BUILD_SCRIPTS[2:]:
        assert "from models.version import __version__" in script.read_text(encoding="utf-8-sig")


def test_spec_bundles_the_program_files(spec: tuple[dict[str, Any], Built]) -> None:
    built = spec[1]
    datas = built.analysis["datas"]
    for source, _folder in datas:
        assert Path(source).is_file(), source
    bundled = {f"{folder}/{Path(source).name}" for source, folder in datas}
    templates = {f"resources/templates/{p.name}" for p in (ROOT / "resources" / "templates")
                 .glob("*.json")}
    assert len(templates) >= 3
    expected = {"resources/i18n/fieldledger_en.qm", "resources/icons/fieldledger.svg",
                "resources/icons/fieldledger.png", "resources/icons/fieldledger.ico", *templates}
    if sys.platform != "win32":
        expected.add("resources/fonts/wqy-microhei.ttc")
    assert expected <= bundled
    assert {f for f in bundled if not f.startswith("resources/fonts/wqy-microhei-copyright")} \
        == expected
    assert built.analysis["scripts"] == [str(ROOT / "main.py")]
    assert {"models.everything", "ui.everything", "reportlab.everything"} \
        <= set(built.analysis["hiddenimports"])


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux build's font")
def test_linux_build_bundles_the_chinese_font_from_the_system() -> None:
    assert LINUX_FONT.is_file(), "packaging/setup.sh installs fonts-wqy-microhei"
    text = SPEC.read_text(encoding="utf-8")
    assert str(LINUX_FONT) in text
    # Not in the source tree: copied into the bundle by the build only.
    assert not (ROOT / "resources" / "fonts" / LINUX_FONT.name).exists()


def test_one_folder_named_fieldledger(spec: tuple[dict[str, Any], Built]) -> None:
    built = spec[1]
    names = [exe["name"] for exe in built.exes]
    assert names == (["FieldLedger", "FieldLedger-cli"] if sys.platform == "win32"
                     else ["FieldLedger"])
    assert all(exe["exclude_binaries"] for exe in built.exes)  # one folder, not one file
    assert built.collect["name"] == "FieldLedger"


@pytest.mark.parametrize("dest, unwanted", [
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", False),
    ("PySide6/Qt/translations/qtbase_en.qm", False),
    ("PySide6/Qt/translations/qt_help_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/Qt/translations/qtmultimedia_zh_CN.qm", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", False),
    ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", False),
    ("PySide6/Qt/lib/libQt6Charts.so.6", False),
    ("PySide6/Qt/lib/libQt6Svg.so.6", False),
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),
    ("PySide6/Qt/lib/libQt6QmlModels.so.6", True),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
    ("PySide6/Qt/lib/libQt6Network.so.6", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", False),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", False),
    ("PySide6\\Qt6Pdf.dll", True),
    ("PySide6\\Qt6Gui.dll", False),
    ("resources/templates/3-case-review-standard.json", False),
])
def test_unwanted_files(spec: tuple[dict[str, Any], Built], dest: str, unwanted: bool) -> None:
    namespace, _built = spec
    assert namespace["_unwanted"](dest) is unwanted


@pytest.mark.skipif(sys.platform == "win32", reason="libraries only unwanted ones need: Linux")
def test_prune_drops_what_only_unwanted_files_need(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    imports = {"src/qxcb": {"libQt6Gui.so.6", "libxcb.so.1"},
               "src/qpdf": {"libQt6Pdf.so.6", "libQt6Gui.so.6", "liblcms2.so.2"},
               "src/Pdf": {"liblcms2.so.2"}, "src/Gui": set(), "src/xcb": set(),
               "src/lcms2": set()}
    namespace, _built = run_spec(monkeypatch, tmp_path, imports)
    binaries = [("PySide6/Qt/plugins/platforms/libqxcb.so", "src/qxcb", "BINARY"),
                ("PySide6/Qt/plugins/imageformats/libqpdf.so", "src/qpdf", "BINARY"),
                ("PySide6/Qt/lib/libQt6Pdf.so.6", "src/Pdf", "BINARY"),
                ("PySide6/Qt/lib/libQt6Gui.so.6", "src/Gui", "BINARY"),
                ("libxcb.so.1", "src/xcb", "BINARY"), ("liblcms2.so.2", "src/lcms2", "BINARY")]
    kept = [dest for dest, _src, _kind in namespace["_prune"](binaries)]
    assert kept == ["PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/lib/libQt6Gui.so.6",
                    "libxcb.so.1"]
    imports["src/qxcb"].add("libQt6Pdf.so.6")   # a kept plugin needs a dropped library
    with pytest.raises(SystemExit, match="libQt6Pdf"):
        namespace["_prune"](binaries)


def _imported_modules() -> set[str]:
    names: set[str] = set()
    for path in [ROOT / "main.py", *(ROOT / "models").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_nothing_the_program_imports_is_excluded(spec: tuple[dict[str, Any], Built]) -> None:
    """An excluded module the program imports would fail only in the built program (as Pillow,
    which the briefs and the demo use, once did)."""
    excluded = set(spec[1].analysis["excludes"])
    imported = _imported_modules()
    assert "PIL" in {name.split(".")[0] for name in imported}
    clash = {name for name in imported
             if any(name == ex or name.startswith(ex + ".") for ex in excluded)}
    assert not clash


def test_icons_are_drawn_from_the_svg(spec: tuple[dict[str, Any], Built], qapp: Any) -> None:
    """The spec drew them (packaging/icons.py, in its own process) into the build folder."""
    from PySide6.QtGui import QImageReader

    icon_dir = spec[0]["ICON_DIR"]
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import icons
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    reader = QImageReader(str(icon_dir / "fieldledger.png"))
    assert reader.size().width() == reader.size().height() == icons.PNG_SIZE
    reader = QImageReader(str(icon_dir / "fieldledger.ico"))
    assert reader.format() == b"ico"
    assert reader.imageCount() == len(icons.ICO_SIZES)
    sizes = []
    for i in range(reader.imageCount()):
        assert reader.jumpToImage(i)
        image = reader.read()
        assert not image.isNull()
        sizes.append(image.width())
    assert sorted(sizes) == sorted(icons.ICO_SIZES)


def test_inno_setup_script() -> None:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, for the Chinese text"
    text = raw.decode("utf-8-sig")
    assert "AppVersion={#AppVersion}" in text and "#ifndef AppVersion" in text
    assert "DefaultDirName={autopf}\\FieldLedger" in text
    assert 'Source: "{#SourceDir}\\*"' in text and "recursesubdirs" in text
    assert 'Filename: "{app}\\FieldLedger.exe"; Tasks: desktopicon' in text
    assert 'MessagesFile: "compiler:Default.isl"' in text
    assert re.search(r'#if FileExists\(.*ChineseSimplified\.isl', text)
    # The data folder (platformdirs' user data folder, named after the program) is never deleted.
    assert "[UninstallDelete]" not in text.replace("No [UninstallDelete]", "")
    assert "DelTree" not in text and "DeleteFile" not in text
    # An update removes only the program's own libraries (no stale Qt plugins), nothing else.
    deleted = re.findall(r'^Type: filesandordirs; Name: "([^"]+)"', text, re.M)
    assert deleted == ["{app}\\_internal"]
    assert f"{{localappdata}}\\{APP_NAME}" in text


def test_requirements_build_pins_pyinstaller() -> None:
    lines = [line.split("#")[0].strip() for line in
             (ROOT / "requirements-build.txt").read_text(encoding="utf-8").splitlines()]
    assert {"-r requirements.txt", "pyinstaller==6.22.3",
            "pyinstaller-hooks-contrib==2026.9"} <= set(lines)

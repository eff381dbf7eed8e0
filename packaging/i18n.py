"""Translation sources and catalogues, with Qt's own tools from the PySide6 wheel.

    python packaging/i18n.py update    extract texts from ui/, models/ and main.py into the .ts
    python packaging/i18n.py release   compile the .ts into the .qm the app loads
    python packaging/i18n.py check     fail if a text is missing from the .ts or untranslated

The source language is Chinese; ``resources/i18n/fieldledger_en.ts`` holds the English texts.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TS_FILES = [I18N / "fieldledger_en.ts"]


def _tool(name: str) -> str:
    """The pyside6 tool next to the running interpreter, or on PATH."""
    local = Path(sys.executable).parent / f"pyside6-{name}"
    if local.exists():
        return str(local)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install the requirements first")
    return found


def sources() -> list[str]:
    files = [ROOT / "main.py", *sorted((ROOT / "ui").rglob("*.py")),
             *sorted((ROOT / "models").rglob("*.py"))]
    return [str(f.relative_to(ROOT)) for f in files]


def update(ts_files: list[Path] = TS_FILES) -> None:
    for ts in ts_files:
        subprocess.run([_tool("lupdate"), *sources(), "-source-language", "zh_CN",
                        "-target-language", ts.stem.split("_", 1)[1], "-locations", "none",
                        "-no-obsolete", "-ts", str(ts)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)


def release() -> None:
    for ts in TS_FILES:
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True)


def messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) -> (translation, type attribute) of every message in ``ts``."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            out[(name, message.findtext("source") or "")] = (
                (tr.text or "") if tr is not None else "", tr.get("type") if tr is not None else None)
    return out


def check() -> list[str]:
    """Problems: texts in the code missing from a .ts, and texts without a finished translation."""
    problems = []
    for ts in TS_FILES:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            update([fresh])
            current, extracted = messages(ts), messages(fresh)
        for key in extracted.keys() - current.keys():
            problems.append(f"{ts.name}: not yet in the .ts: [{key[0]}] {key[1]!r}")
        for key, (text, kind) in current.items():
            if key in extracted and (not text or kind in ("unfinished", "vanished", "obsolete")):
                problems.append(f"{ts.name}: untranslated: [{key[0]}] {key[1]!r}")
    return problems


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "release"
    if command == "update":
        update()
    elif command == "release":
        release()
    elif command == "check":
        problems = check()
        print("\n".join(problems) or "translations complete")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

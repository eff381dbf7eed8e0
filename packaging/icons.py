"""Draw the application icon's raster files from ``resources/icons/fieldledger.svg``.

    python packaging/icons.py OUT_DIR

writes ``OUT_DIR/fieldledger.png`` (256 x 256, for Linux menus and ``.desktop`` files) and
``OUT_DIR/fieldledger.ico`` (16 to 256 pixels, for the Windows executable and installer). The ICO
file holds one PNG-compressed image per size, the form Windows has read since Vista; it is written
here by hand so the build needs nothing but Qt (no Pillow). The build (``fieldledger.spec``) runs
this before bundling; the files are build products, never committed.
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "fieldledger.svg"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
PNG_SIZE = 256


def render_png(size: int) -> bytes:
    """The icon drawn at ``size`` x ``size`` pixels, as PNG bytes (needs a Qt GUI application)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read the icon: {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file holding ``images`` (size -> PNG bytes): ICONDIR, one ICONDIRENTRY per image
    (width and height 0 mean 256), then the PNG data."""
    count = len(images)
    header = struct.pack("<HHH", 0, 1, count)
    entries, blobs = b"", b""
    offset = 6 + 16 * count
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def make_icons(out_dir: Path) -> tuple[Path, Path]:
    """Write the PNG and the ICO into ``out_dir``; return their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out_dir.mkdir(parents=True, exist_ok=True)
    png = out_dir / "fieldledger.png"
    ico = out_dir / "fieldledger.ico"
    png.write_bytes(render_png(PNG_SIZE))
    ico.write_bytes(ico_bytes({size: render_png(size) for size in ICO_SIZES}))
    return png, ico


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for path in make_icons(Path(sys.argv[1])):
        print(f"written: {path}")

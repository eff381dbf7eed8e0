"""Whether a folder lies on removable media (a USB stick, an SD card).

A live database does not belong on a USB stick: pulling it out, a loose contact or a stick that
lies about flushing its cache tears the database and the audit chain with it. Sticks carry
submission packages and backups; the data folder must be on the machine's own disk, so
:func:`check_data_folder` refuses a removable one (:class:`DataFolderRemovable`).

How it is told, without Qt (``QStorageInfo`` names the device but not whether it is removable):

- **Windows**: ``GetDriveTypeW`` of the folder's drive is ``DRIVE_REMOVABLE`` (USB sticks and
  card readers; USB hard disks report themselves as fixed and are allowed).
- **Linux**: the folder's device number (``st_dev``) is looked up in ``/sys/dev/block/MAJ:MIN``;
  the device (or, for a partition, its disk) is removable when its ``removable`` flag is 1 (what
  USB sticks and card readers report, the same flag Windows reads) or it is an SD card (``type``
  SD; the machine's own eMMC is not). USB hard disks and SSDs report themselves as fixed and are
  allowed, as on Windows.
- Elsewhere, or when the system cannot say (network shares, container overlays), the folder is
  taken as not removable: the check only refuses what it is sure of.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from .errors import StorageError
from .i18n import QT_TRANSLATE_NOOP

#: A card on an MMC/SD controller in ``/sys/devices`` (its ``type`` file says SD or MMC).
_MMC_CARD = re.compile(r"mmc\d+:[0-9a-f]+")
_DRIVE_REMOVABLE = 2


class DataFolderRemovable(StorageError):
    template = QT_TRANSLATE_NOOP(
        "errors",
        "数据文件夹在U盘或存储卡上：{path}\n正在使用的台账数据库不能放在可移动存储上："
        "拔出U盘或接触不良会损坏台账和审计链。\n请选择本机硬盘上的文件夹作为数据文件夹；"
        "U盘只用来存放报送包和备份（设置 → 数据与日志 → 立即备份到U盘或文件夹）。")


def _existing(path: Path) -> Path:
    """``path`` or its nearest existing parent (a data folder may not exist yet)."""
    path = Path(path).absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _linux_removable(path: Path, sys_root: Path) -> bool:
    try:
        dev = os.stat(path).st_dev
    except OSError:
        return False
    major, minor = os.major(dev), os.minor(dev)
    if major == 0:  # anonymous device: tmpfs, overlay, btrfs subvolume, network file system
        return False
    link = sys_root / "dev" / "block" / f"{major}:{minor}"
    try:
        device = link.resolve(strict=True)
    except OSError:
        return False
    parts = device.parts
    for i, part in enumerate(parts):  # an SD card (not the machine's own eMMC)
        if _MMC_CARD.fullmatch(part):
            try:
                if (Path(*parts[:i + 1]) / "type").read_text(encoding="ascii").strip() == "SD":
                    return True
            except OSError:
                pass
    for folder in (device, device.parent):  # the disk itself, or a partition's disk
        try:
            if (folder / "removable").read_text(encoding="ascii").strip() == "1":
                return True
        except OSError:
            continue
    return False


def _windows_removable(path: Path) -> bool:
    import ctypes

    drive = os.path.splitdrive(str(path))[0]
    if not drive or drive.startswith("\\\\"):  # no drive letter, or a network share
        return False
    kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")  # type: ignore[attr-defined]
    return kind == _DRIVE_REMOVABLE


def is_removable(path: Path, *, sys_root: Path = Path("/sys")) -> bool:
    """True when the folder ``path`` (or, if it does not exist yet, its nearest existing parent)
    is on removable media. ``sys_root`` is for tests (a copy of the ``/sys`` layout)."""
    where = _existing(Path(path))
    if sys.platform == "win32":
        return _windows_removable(where)
    if sys.platform.startswith("linux"):
        return _linux_removable(where, sys_root)
    return False


def check_data_folder(root: Path) -> None:
    """Raise :class:`DataFolderRemovable` when the data folder ``root`` is on removable media."""
    if is_removable(root):
        raise DataFolderRemovable(path=str(root))

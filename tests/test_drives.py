"""models.drives: a data folder on a USB stick or SD card is told apart from the machine's own
disk (read from a copy of the /sys layout), and open_store refuses it with a Chinese message."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from models import drives
from models.drives import DataFolderRemovable, check_data_folder, is_removable
from models.paths import DataDir
from models.store import open_store

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /sys layout")


def _fake_sys(tmp_path: Path, folder: Path, device_path: str, *, removable: str | None = None,
              card_type: str | None = None) -> Path:
    """A /sys copy where ``folder``'s device number links to ``device_path`` (below devices/)."""
    root = tmp_path / "sys"
    dev = os.stat(folder).st_dev
    device = root / "devices" / device_path
    device.mkdir(parents=True)
    if removable is not None:
        (device.parent / "removable").write_text(removable + "\n")
    if card_type is not None:
        card = next(p for p in [device, *device.parents] if drives._MMC_CARD.fullmatch(p.name))
        (card / "type").write_text(card_type + "\n")
    links = root / "dev" / "block"
    links.mkdir(parents=True)
    (links / f"{os.major(dev)}:{os.minor(dev)}").symlink_to(device)
    return root


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    if os.major(os.stat(path).st_dev) == 0:
        pytest.skip("the temporary folder is on an anonymous device")
    return path


def test_a_partition_of_a_usb_stick_is_removable(tmp_path, folder):
    root = _fake_sys(tmp_path, folder,
                     "pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0/"
                     "block/sdb/sdb1", removable="1")
    assert is_removable(folder, sys_root=root)
    # A folder not made yet is judged by its nearest existing parent.
    assert is_removable(folder / "not" / "yet", sys_root=root)


def test_a_usb_hard_disk_is_not(tmp_path, folder):
    """USB hard disks and SSDs say they are fixed (as Windows reads them too): allowed."""
    root = _fake_sys(tmp_path, folder,
                     "pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host7/target7:0:0/7:0:0:0/"
                     "block/sdc/sdc1", removable="0")
    assert not is_removable(folder, sys_root=root)


def test_a_disk_flagged_removable_is_removable(tmp_path, folder):
    root = _fake_sys(tmp_path, folder, "platform/card-reader/block/sdc/sdc1", removable="1")
    assert is_removable(folder, sys_root=root)


def test_the_machines_own_disk_is_not(tmp_path, folder):
    root = _fake_sys(tmp_path, folder, "pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/"
                     "0:0:0:0/block/sda/sda2", removable="0")
    assert not is_removable(folder, sys_root=root)


def test_an_sd_card_is_removable_but_built_in_emmc_is_not(tmp_path, folder):
    sd = _fake_sys(tmp_path / "a", folder, "platform/mmc_host/mmc1/mmc1:aaaa/block/mmcblk1/"
                   "mmcblk1p1", removable="0", card_type="SD")
    assert is_removable(folder, sys_root=sd)
    emmc = _fake_sys(tmp_path / "b", folder, "platform/mmc_host/mmc0/mmc0:0001/block/mmcblk0/"
                     "mmcblk0p2", removable="0", card_type="MMC")
    assert not is_removable(folder, sys_root=emmc)


def test_unknown_devices_are_not_refused(tmp_path, folder):
    empty = tmp_path / "sys-empty"
    empty.mkdir()
    assert not is_removable(folder, sys_root=empty)
    assert not is_removable(folder)      # this machine's real /sys: the test folder is not on USB


def test_open_store_refuses_a_data_folder_on_a_usb_stick(tmp_path, monkeypatch):
    monkeypatch.setattr(drives, "is_removable", lambda path, **_k: True)
    data = DataDir(tmp_path / "stick" / "FieldLedger")
    with pytest.raises(DataFolderRemovable) as caught:
        open_store(data)
    text = str(caught.value)
    assert "U盘" in text and str(data.root) in text and "本机硬盘" in text
    assert not data.database.exists()
    with pytest.raises(DataFolderRemovable):
        check_data_folder(data.root)

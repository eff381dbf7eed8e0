"""The campaign's required materials in a submission package: files attached at the station go
under data/materials/, bag-info lists what the package carries (attached files and the forms that
supply a material), the office keeps the files and records the claims for the 资料报送统计表."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import login_as
from core_helpers import is_chinese
from models import campaigns, office_import, package_contents, package_format, package_out
from models.demo import DEMO_PASSWORD
from models.errors import ValidationError
from models.session import Session
from models.store import Store
from test_office_import import director, enroll, office  # noqa: F401  (fixture)

CAMPAIGN = 2        # the demo's 襄交〔2024〕127号 campaign


def add_materials(station: Store) -> Session:
    """Two more required materials on the demo campaign (a plan and photos)."""
    chief = login_as(station, "chief")
    current = package_contents.campaign_materials(chief, CAMPAIGN)
    items = [{"id": m["id"], "name": m["name"], "due_date": m["due_date"], "note": m["note"]}
             for m in current]
    items += [{"name": "“三年行动”实施方案", "due_date": "2024-06-30", "note": ""},
              {"name": "照片视频", "due_date": None, "note": ""}]
    campaigns.update_campaign_details(chief, CAMPAIGN, materials=items)
    return chief


def files(tmp_path: Path) -> dict[str, list[Path]]:
    folder = tmp_path / "docs"
    folder.mkdir()
    plan = folder / "实施方案.pdf"
    plan.write_bytes(b"%PDF-1.4 plan")
    one = folder / "现场:检查?.jpg"
    one.write_bytes(b"\xff\xd8 one")
    other = tmp_path / "照片"
    other.mkdir()
    two = other / "现场:检查?.JPG"
    two.write_bytes(b"\xff\xd8 two")
    return {"“三年行动”实施方案": [plan], "照片视频": [one, two]}


def test_safe_names() -> None:
    assert package_contents.safe_name("a/b\\c:d*e?.jpg") == "a_b_c_d_e_.jpg"
    assert package_contents.safe_name(" .. ") == "文件"
    assert package_contents.safe_name("x" * 200 + ".pdf") == "x" * 80 + ".pdf"
    assert package_contents.safe_name("Ａ\u0301.txt") == "Ａ\u0301.txt"
    assert package_contents.safe_name("e\u0301.txt") == "\u00e9.txt"     # NFC


def test_forms_supply_materials_by_name(station: Store) -> None:
    chief = login_as(station, "chief")
    found = package_contents.material_forms(chief, CAMPAIGN)
    assert found == {"2023年自查整改工作“回头看”清查评估台账（附件1）": "lookback",
                     "交通运输执法领域突出问题专项整治问题清单（附件2）": "problem_list"}
    assert package_contents.material_forms(chief, None) == {}


def test_attached_files_travel_and_the_office_keeps_them(station: Store, office: Store,  # noqa: F811
                                                        tmp_path: Path) -> None:
    chief = add_materials(station)
    session = director(office)
    from models import office_units
    office_units.register_unit(session, enroll(station))
    stick = tmp_path / "stick"
    stick.mkdir()
    out = package_out.export_package(chief, stick, DEMO_PASSWORD, campaign_id=CAMPAIGN,
                                     recipients=[], campaign_files=files(tmp_path))
    verified = package_format.verify_package(out.path, key_for=lambda info: _public(station))
    claimed = json.loads(verified.info["FieldLedger-Campaign-Materials"])
    assert claimed == ["2023年自查整改工作“回头看”清查评估台账（附件1）",
                       "交通运输执法领域突出问题专项整治问题清单（附件2）",
                       "“三年行动”实施方案", "照片视频"]
    names = [n for n in verified.files if n.startswith("materials/")]
    assert names == ["materials/03-“三年行动”实施方案/实施方案.pdf",
                     "materials/04-照片视频/现场_检查_.jpg",
                     "materials/04-照片视频/现场_检查_ (2).JPG"]
    with zipfile.ZipFile(out.path) as z:
        manifest = json.loads(next(z.read(n) for n in z.namelist()
                                   if n.endswith("data/records/manifest.json")))
    assert manifest["campaign_materials"][1]["files"] == ["现场_检查_.jpg", "现场_检查_ (2).JPG"]
    assert "people" in manifest["counts"]
    assert package_out.list_outbox(chief)[-1]["materials"][-2:] == ["“三年行动”实施方案", "照片视频"]

    result = office_import.import_package(session, out.path)
    assert result.status == "imported", result.report.lines()
    assert result.report.campaign_materials == claimed
    assert any("专项行动要求的材料" in line for line in result.report.lines())
    row = office.conn.execute("SELECT campaign_materials, created FROM office_package_claims"
                              " WHERE package_id = ?", (result.package_id,)).fetchone()
    assert json.loads(row[0]) == claimed and row[1] == verified.info["FieldLedger-Created"]
    kept = office.data_dir.root / "office" / result.report.unit_code / str(out.seq) / "materials"
    assert (kept / "04-照片视频" / "现场_检查_ (2).JPG").read_bytes() == b"\xff\xd8 two"
    people = office_import.unit_records(session, result.report.unit_code, "people")
    assert len(people) == station.conn.execute("SELECT count(*) FROM people WHERE unit_id = ?",
                                               (chief.unit_id,)).fetchone()[0]


def _public(station: Store) -> bytes:
    from models import keys
    from test_office_import import seal_key
    return keys.stored_public_key(station.conn, seal_key(station))[0]


@pytest.mark.parametrize("case", ["not_required", "no_campaign", "missing_file"])
def test_bad_attachments_are_refused_before_anything_is_written(station: Store, tmp_path: Path,
                                                                case: str) -> None:
    chief = add_materials(station)
    stick = tmp_path / "stick"
    stick.mkdir()
    attached = files(tmp_path)
    campaign: int | None = CAMPAIGN
    if case == "not_required":
        attached["工作简报"] = attached.pop("照片视频")
    elif case == "no_campaign":
        campaign = None
    else:
        attached["照片视频"].append(tmp_path / "gone.jpg")
    with pytest.raises(ValidationError) as err:
        package_out.export_package(chief, stick, DEMO_PASSWORD, campaign_id=campaign,
                                   recipients=[], campaign_files=attached)
    assert is_chinese(str(err.value))
    assert list(stick.iterdir()) == [] and package_out.list_outbox(chief) == []


def test_without_forms_only_attached_materials_are_claimed(station: Store, tmp_path: Path) -> None:
    chief = add_materials(station)
    stick = tmp_path / "stick"
    stick.mkdir()
    attached = files(tmp_path)
    del attached["照片视频"]
    out = package_out.export_package(chief, stick, DEMO_PASSWORD, campaign_id=CAMPAIGN,
                                     materials=["ledger", "audit"], recipients=[],
                                     campaign_files=attached)
    info = package_format.verify_package(out.path, key_for=lambda i: _public(station)).info
    assert json.loads(info["FieldLedger-Campaign-Materials"]) == ["“三年行动”实施方案"]

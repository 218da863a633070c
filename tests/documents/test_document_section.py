"""``document:`` of district.yaml (SPEC §2): what the office's documents carry, and the
defaults when a key (or the whole section) is left out."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE
from xjj_cli.chinese import document_number
from xjj_cli.model import Contact, District
from xjj_cli.validate import validate_repository


def _district(data_dir: Path) -> District:
    repo = validate_repository(data_dir)
    assert not repo.log.errors
    assert repo.district is not None
    return repo.district.record


def test_without_document_every_key_takes_the_spec_default(base_data: Path) -> None:
    yaml_file = base_data / "district.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text.split("document:\n", 1)[0], encoding="utf-8")
    district = _district(base_data)
    paper = district.paper
    assert paper.mark == "任城区新基建指挥部办公室文件"  # office + 文件
    assert paper.prefix is None  # the 文号 is left blank to fill in by hand
    assert paper.recipients == "各镇街，区直有关部门，有关企业"
    assert paper.copy_to == []
    # no default: a document that needs one refuses without it (tests/cli/test_document_fields.py)
    assert paper.interview_by is None
    assert paper.accountability_to == ""  # the bulletin's 三 heading reads it as a text
    assert paper.rectify_working_days == 10
    assert paper.contact is None
    # what was written stays as written: the derived defaults live in ``paper`` only
    assert district.document.mark is None
    assert district.document.interview_by is None
    assert district.document.accountability_to is None


def test_the_derived_defaults_follow_the_office() -> None:
    district = District.model_validate(
        {"district": "甲区", "city": "乙市", "office": "甲区新基建办公室", "year": 2026}
    )
    assert district.paper.mark == "甲区新基建办公室文件"
    assert district.paper.interview_by is None  # who presides is not the office (SPEC §6)


def test_the_sample_district_carries_its_document() -> None:
    paper = _district(SAMPLE).paper
    assert paper.mark == "任城区新基建指挥部办公室文件"
    assert paper.prefix == "任新基建办"
    assert paper.copy_to == ["区委办公室", "区政府办公室", "区委督查室"]
    assert paper.interview_by == "区新基建指挥部副指挥长、区政府分管负责同志"
    assert paper.accountability_to == "区纪委监委"
    assert paper.rectify_working_days == 10
    assert paper.contact == Contact(name="王明", phone="0537-2345678")


def test_document_numbers_follow_gbt_9704() -> None:
    assert document_number("任新基建办", 2026, 12) == "任新基建办〔2026〕12号"
    assert document_number("任新基建办", 2027, None) == "任新基建办〔2027〕\u3000\u3000号"
    assert document_number(None, 2026, 12) == ""

"""``xjj notices`` (SPEC §6): one 约谈通知 or 问责函 per unit, numbered in the roster's order,
the 整改报告 due on the official calendar, and the register as .xlsx and .csv.

The sample district's 2026-10 has six units for 问责 and seven for 约谈; the roster's order
is the accountability list's (``ev.findings``: strongest action first, then by unit code).
Each test runs on a copy of the sample outside any git work tree, so the fingerprint in the
front matter is the hash of the data files and the goldens are the same on every checkout.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from conftest import SAMPLE
from xjj_cli.cli import app
from xjj_cli.pipeline import evaluate

Golden = Callable[[str, str], None]
Xjj = Callable[..., Result]

MONTH = "2026-10"
ISSUED = "2026-11-05"

ACCOUNTABILITY = ["长沟镇", "南张街道", "区住建局", "区自然资源局", "铁塔公司任城分公司", "喻屯镇"]
INTERVIEWS = [
    "安居街道",
    "区供电公司",
    "区大数据局",
    "区发改局（能源局）",
    "区交通运输局",
    "区行政审批服务局",
    "唐口街道",
]
ROSTER = [*(("问责函", n) for n in ACCOUNTABILITY), *(("约谈通知", n) for n in INTERVIEWS)]
REGISTER = f"{MONTH}-约谈问责登记表"

runner = CliRunner()


@pytest.fixture
def xjj(sample_copy_with_templates: Path) -> Xjj:
    """Run ``xjj notices`` on the sample copy with the given arguments."""

    def run(*args: str) -> Result:
        return runner.invoke(app, ["--data", str(sample_copy_with_templates), "notices", *args])

    return run


def stems(draft: bool = False) -> list[str]:
    mark = "-征求意见稿" if draft else ""
    return [f"{MONTH}-{kind}-{name}{mark}" for kind, name in ROSTER]


def read_register(folder: Path, month: str = MONTH) -> list[dict[str, str]]:
    text = (folder / f"{month}-约谈问责登记表.csv").read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def october(xjj: Xjj, out: Path, *more: str) -> Result:
    result = xjj(
        "--month", MONTH, "--date", ISSUED, "--number-from", "13", "--out", str(out), *more
    )
    assert result.exit_code == 0, result.output
    return result


def test_one_notice_per_unit_numbered_in_the_roster_order_and_the_register(
    xjj: Xjj, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = october(xjj, out)
    expected = [out / f"{stem}.{ext}" for stem in stems() for ext in ("docx", "md")]
    expected += [out / f"{REGISTER}.xlsx", out / f"{REGISTER}.csv"]
    assert result.stdout.splitlines() == [str(p) for p in expected]
    assert sorted(out.iterdir()) == sorted(expected)
    rows = read_register(out)
    assert [(r["name"], r["kind"]) for r in rows] == [
        *((n, "accountability") for n in ACCOUNTABILITY),
        *((n, "interview") for n in INTERVIEWS),
    ]
    assert [r["number"] for r in rows] == [f"任新基建办〔2026〕{n}号" for n in range(13, 26)]
    assert {r["date"] for r in rows} == {ISSUED}
    # Thursday 5 November 2026 + 10 working days (no holiday in November): Thursday 19th
    assert {r["due"] for r in rows} == {"2026-11-19"}
    assert {r["note"] for r in rows} == {""}
    assert rows[0]["unit"] == "cg" and rows[0]["reasons"].startswith("长沟镇")
    number_line = '<div class="number">任新基建办〔2026〕14号</div>'
    assert number_line in (out / f"{stems()[1]}.md").read_text(encoding="utf-8")


def test_the_default_folder_is_reports_month_notices_beside_the_data(
    xjj: Xjj, sample_copy_with_templates: Path
) -> None:
    result = xjj("--month", MONTH, "--date", ISSUED)
    assert result.exit_code == 0, result.output
    folder = sample_copy_with_templates.parent / "reports" / MONTH / "notices"
    assert (folder / f"{REGISTER}.csv").is_file()
    assert len(list(folder.glob("*.docx"))) == len(ROSTER)


def test_without_number_from_the_number_is_left_blank_to_fill_by_hand(
    xjj: Xjj, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = xjj("--month", MONTH, "--date", ISSUED, "--out", str(out))
    assert result.exit_code == 0, result.output
    markdown = (out / f"{stems()[0]}.md").read_text(encoding="utf-8")
    assert '<div class="number">任新基建办〔2026〕　　号</div>' in markdown
    assert "\nnumber: null\n" in markdown
    assert {r["number"] for r in read_register(out)} == {""}


def test_number_from_without_a_prefix_is_refused(
    xjj: Xjj, sample_copy_with_templates: Path, tmp_path: Path
) -> None:
    district = sample_copy_with_templates / "district.yaml"
    text = district.read_text(encoding="utf-8").replace("  prefix: 任新基建办\n", "")
    district.write_text(text, encoding="utf-8")
    result = xjj("--month", MONTH, "--number-from", "13", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert "prefix" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", ["abc", "0", "-3"])
def test_a_number_from_that_is_not_a_positive_whole_number_is_a_usage_error(
    xjj: Xjj, value: str, tmp_path: Path
) -> None:
    result = xjj("--month", MONTH, f"--number-from={value}", "--out", str(tmp_path / "o"))
    assert result.exit_code == 2, result.output
    assert "--number-from" in result.stderr and "Input" not in result.stderr


def test_nothing_existing_is_overwritten_and_nothing_is_written_when_one_file_exists(
    xjj: Xjj, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    existing = out / f"{REGISTER}.csv"
    existing.write_bytes(b"kept")
    result = xjj("--month", MONTH, "--date", ISSUED, "--out", str(out))
    assert result.exit_code == 1, result.output
    assert "已存在" in result.stderr and "--force" in result.stderr
    assert existing.read_bytes() == b"kept"
    assert list(out.iterdir()) == [existing]  # refused before writing anything


def test_a_second_run_is_refused_and_force_overwrites(xjj: Xjj, tmp_path: Path) -> None:
    out = tmp_path / "out"
    october(xjj, out)
    notice = out / f"{stems()[0]}.md"
    notice.write_text("changed by hand", encoding="utf-8")
    again = xjj("--month", MONTH, "--date", ISSUED, "--number-from", "13", "--out", str(out))
    assert again.exit_code == 1, again.output
    assert notice.read_text(encoding="utf-8") == "changed by hand"
    october(xjj, out, "--force")
    assert notice.read_text(encoding="utf-8").startswith("---\ntitle:")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_month_that_is_not_reportable_is_refused(xjj: Xjj, tmp_path: Path) -> None:
    result = xjj("--month", "2026-12", "--date", ISSUED, "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "2026年12月还不能出正式报告" in result.stderr and "--draft" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_draft_says_so_in_every_file_name_at_the_top_and_in_the_docx_header(
    xjj: Xjj, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = xjj("--month", "2026-12", "--draft", "--date", "2026-12-01", "--out", str(out))
    assert result.exit_code == 0, result.output
    names = [Path(line).name for line in result.stdout.splitlines()]
    assert names and all(Path(n).stem.endswith("-征求意见稿") for n in names), names
    assert "2026-12-约谈问责登记表-征求意见稿.csv" in names
    first = out / names[0]
    markdown = first.with_suffix(".md").read_text(encoding="utf-8")
    assert "\ndraft: true\n---\n\n**征求意见稿：2026年12月" in markdown
    document = Document(str(first.with_suffix(".docx")))
    assert "征求意见稿" in document.sections[0].header.paragraphs[0].text
    register = (out / "2026-12-约谈问责登记表-征求意见稿.csv").read_bytes().decode("utf-8-sig")
    assert register.startswith("征求意见稿：")


def test_a_month_without_interview_or_accountability_writes_nothing_and_says_so(
    xjj: Xjj, tmp_path: Path
) -> None:
    result = xjj("--month", "2026-01", "--date", "2026-02-05", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "2026年1月没有需约谈或问责的单位" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_due_date_skips_national_day_and_counts_the_tiaoxiu_saturday(
    xjj: Xjj, tmp_path: Path
) -> None:
    # Wednesday 30 September 2026: 1–7 October off (国庆); 8, 9 October; Saturday 10 October
    # is a 调休 working day; 12–16 and 19, 20 October: the tenth working day is the 20th
    # (Monday to Friday alone would give 14 October; without the 调休 Saturday, 21 October).
    out = tmp_path / "out"
    result = xjj("--month", "2026-09", "--date", "2026-09-30", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = read_register(out, "2026-09")
    assert rows and {r["due"] for r in rows} == {"2026-10-20"}
    assert "于2026年10月20日前" in next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "放假安排" not in result.stderr


def test_a_due_date_can_fall_on_a_tiaoxiu_saturday(
    xjj: Xjj, sample_copy_with_templates: Path, tmp_path: Path
) -> None:
    district = sample_copy_with_templates / "district.yaml"
    text = district.read_text(encoding="utf-8")
    district.write_text(
        text.replace("rectify_working_days: 10", "rectify_working_days: 3"), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = xjj("--month", "2026-09", "--date", "2026-09-30", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert {r["due"] for r in read_register(out, "2026-09")} == {
        "2026-10-10"
    }  # 8, 9 and Saturday 10


def test_a_due_date_in_a_year_without_a_schedule_warns_and_is_noted(
    xjj: Xjj, tmp_path: Path
) -> None:
    # Monday 28 December 2026: 29, 30, 31 December, then 2027 counted Monday to Friday
    out = tmp_path / "out"
    held = ("--at", "2026-12-30 09:00", "--place", "区政府3号楼302会议室")
    result = xjj("--month", MONTH, "--date", "2026-12-28", *held, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "整改报告截止日期2027年1月11日是按周一至周五推算的" in result.stderr
    assert "2027年的放假安排" in result.stderr
    rows = read_register(out)
    assert {r["due"] for r in rows} == {"2027-01-11"}
    assert {r["note"] for r in rows} == {"按周一至周五推算（尚无2027年放假安排），请核对"}
    sheet = load_workbook(out / f"{REGISTER}.xlsx").active
    assert sheet is not None
    assert sheet["I2"].value == rows[0]["note"]


def test_the_register_workbook_opens_with_headings_rows_frozen_header_and_filters(
    xjj: Xjj, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    october(xjj, out)
    sheet = load_workbook(out / f"{REGISTER}.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "文号",
        "日期",
        "单位",
        "类别",
        "事由",
        "整改报告截止日期",
        "约谈时间",
        "约谈地点",
        "备注",
    )
    assert len(rows) == 1 + len(ROSTER)
    assert rows[1][:4] == ("任新基建办〔2026〕13号", dt.datetime(2026, 11, 5), "长沟镇", "问责")
    assert rows[-1][2:4] == ("唐口街道", "约谈")
    assert rows[1][5] == dt.datetime(2026, 11, 19)
    assert sheet["B2"].number_format == 'yyyy"年"m"月"d"日"'
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:I{len(rows)}"
    # the 约谈's time as a date and time cell (interviews/2026-10.yaml), none for a 问责函
    assert rows[1][6:8] == (None, None)
    assert rows[-1][6:8] == (dt.datetime(2026, 11, 12, 15, 0), "区政府3号楼302会议室")
    assert sheet.cell(len(rows), 7).number_format == 'yyyy"年"m"月"d"日" hh:mm'
    assert (sheet.column_dimensions["E"].width or 0) > (sheet.column_dimensions["D"].width or 0)


def test_the_register_is_the_same_bytes_for_the_same_data(xjj: Xjj, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    october(xjj, first)
    october(xjj, second)
    for name in (f"{REGISTER}.xlsx", f"{stems()[0]}.docx"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_register_csv_matches_its_golden_file(xjj: Xjj, tmp_path: Path, golden: Golden) -> None:
    out = tmp_path / "out"
    october(xjj, out)
    golden(f"{MONTH}/notices-register.csv", (out / f"{REGISTER}.csv").read_bytes().decode())


@pytest.mark.parametrize(
    ("kind", "stem"),
    [
        ("accountability", f"{MONTH}-问责函-长沟镇"),
        ("interview", f"{MONTH}-约谈通知-安居街道"),
    ],
)
def test_a_notice_of_each_kind_matches_its_golden_file(
    kind: str, stem: str, xjj: Xjj, tmp_path: Path, golden: Golden
) -> None:
    out = tmp_path / "out"
    october(xjj, out)
    golden(f"{MONTH}/notice-{kind}.md", (out / f"{stem}.md").read_bytes().decode("utf-8"))


def docx_paragraphs(path: Path) -> list[str]:
    """The body's paragraphs, then the 版记's lines: in a text box anchored after the text
    (render/docx_colophon.py)."""
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    (box,) = document.element.body.iter(qn("w:txbxContent"))
    lines += ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in box.iter(qn("w:p"))]
    return lines


def test_the_interview_notice_docx_names_the_unit_the_interview_and_the_due_date(
    xjj: Xjj, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    october(xjj, out)
    text = "\n".join(docx_paragraphs(out / f"{MONTH}-约谈通知-安居街道.docx"))
    assert "关于对安居街道进行约谈的通知" in text
    assert "\n安居街道：\n" in text  # 主送机关: the unit
    assert "任新基建办〔2026〕19号" in text
    assert "决定对你单位进行约谈" in text
    # district.yaml's interview_by: who presides; interviews/2026-10.yaml: when and where
    assert "\n主持约谈：区新基建指挥部副指挥长、区政府分管负责同志\n" in text
    assert "\n时间：2026年11月12日（星期四）15:00\n地点：区政府3号楼302会议室\n" in text
    assert "　　年" not in text  # never blanks to fill in by hand
    assert "参加人员：安居街道主要负责同志、分管负责同志。" in text
    assert "于2026年11月19日前将书面整改报告报送" in text
    assert "（联系人：王明，联系电话：0537-2345678）" in text
    assert "抄送：区委办公室，区政府办公室，区委督查室。" in text
    assert "2026年11月5日印发" in text


def test_the_accountability_letter_docx_goes_to_the_commission_with_a_copy_to_the_unit(
    xjj: Xjj, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    october(xjj, out)
    text = "\n".join(docx_paragraphs(out / f"{MONTH}-问责函-区自然资源局.docx"))
    assert "关于提请对区自然资源局进行问责的函" in text
    paragraphs = text.split("\n")
    first, second = paragraphs[paragraphs.index("一、基本情况") + 1 :][:2]
    # two reasons, numbered: the overdue task and the overdue ledger problem
    assert first.startswith("（一）市重点督办任务") and first.endswith("。")
    assert second.startswith("（二）问题未按期解决（9月至10月）：“建设用地指标未落实”问题")
    assert "WT-" not in text and "SJ-" not in text  # no internal code
    assert second.endswith("。")
    assert "\n区纪委监委：\n" in text  # 主送机关: document.accountability_to
    assert "任新基建办〔2026〕16号" in text
    assert "提请区纪委监委对区自然资源局有关责任人员依规依纪问责" in text
    assert "于2026年11月19日前报送书面整改报告" in text
    assert "抄送：区自然资源局，区委办公室，区政府办公室，区委督查室。" in text


def test_no_notice_carries_an_internal_code_and_its_evidence_follows_its_opening(
    xjj: Xjj, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    october(xjj, out)
    ev = evaluate(SAMPLE, MONTH)
    codes = [p.id for p in ev.data.projects] + [t.id for t in ev.data.tasks]
    codes += [p.id for p in ev.data.problems]
    metrics = [m.name for m in ev.data.metrics if m.ranked]
    for stem in stems():
        text = "\n".join(docx_paragraphs(out / f"{stem}.docx"))
        for code in codes:
            assert code not in text, (stem, code)
        assert not re.search(r"[A-Z]{2,}-\d{4}-\d{2,}", text), stem
        # a rule's metrics come in the evidence in the order the opening names them
        opening = next(p for p in text.split("\n") if p.startswith("根据"))
        for rule in ("排名后", "低于全区完成率"):
            lines = [p for p in text.split("\n") if p.startswith("（") and rule in p]
            order = [m for line in lines for m in metrics if f"（{m}，" in line]
            assert order == sorted(order, key=opening.index), (stem, order)


def test_the_accountability_letter_is_in_the_letter_form(xjj: Xjj, tmp_path: Path) -> None:
    """GB/T 9704 §10.1: the office's full name in red at the top over a red double line (thick
    above, thin below), the 发文字号 at the right under it, no page number on the first page
    (a first-page footer with the thin-over-thick double line instead), and a 版记 with 抄送
    but no 印发 line and no rules. The 约谈通知 keeps the 文件 form."""
    out = tmp_path / "out"
    october(xjj, out)
    letter = Document(str(out / f"{MONTH}-问责函-区自然资源局.docx"))
    head, number = letter.paragraphs[:2]
    assert head.text == "任城区新基建指挥部办公室"  # the full name, not "…文件"
    assert {str(run.font.color.rgb) for run in head.runs} == {"C00000"}
    (line,) = head._p.get_or_add_pPr().findall(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert (line.get(qn("w:val")), line.get(qn("w:color"))) == ("thickThinSmallGap", "C00000")
    assert head.paragraph_format.left_indent == head.paragraph_format.right_indent < 0  # 170 mm
    assert number.text == "任新基建办〔2026〕16号"
    assert number.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert number._p.get_or_add_pPr().find(qn("w:pBdr")) is None  # no red rule of the 文件 form
    section = letter.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_footer
    assert not first.is_linked_to_previous and "PAGE" not in first._element.xml
    assert 'w:val="thinThickSmallGap"' in first._element.xml
    assert "PAGE" in section.footer._element.xml  # page 2 on: numbered
    text = "\n".join(docx_paragraphs(out / f"{MONTH}-问责函-区自然资源局.docx"))
    assert "印发" not in text and "文件" not in text
    assert "抄送：区自然资源局，区委办公室，区政府办公室，区委督查室。" in text
    (borders,) = letter.element.body.iter(qn("w:tblBorders"))
    assert {side.get(qn("w:val")) for side in borders} == {"nil"}

    notice = Document(str(out / f"{MONTH}-约谈通知-安居街道.docx"))
    assert notice.paragraphs[0].text == "任城区新基建指挥部办公室文件"
    assert not notice.sections[0].different_first_page_header_footer
    assert "2026年11月5日印发" in "\n".join(
        docx_paragraphs(out / f"{MONTH}-约谈通知-安居街道.docx")
    )

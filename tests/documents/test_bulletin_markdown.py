"""The bulletin's Markdown against golden files, and the bulletin command.

Regenerate the golden files after an intended change with
``XJJ_UPDATE_GOLDEN=1 make test`` and review the diff in the pull request.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from documents.bulletin_checks import (
    POINTS,
    disagreeing_points,
    past_requests,
    plain,
    roster_counts,
    sentences,
    verdict_counts,
)
from xjj_cli.bulletin.build import acted_group, build_bulletin
from xjj_cli.bulletin.model import UnitReasons
from xjj_cli.bulletin.overview import verdict
from xjj_cli.bulletin.steps import due_date
from xjj_cli.cli import app
from xjj_cli.engine.results import Action
from xjj_cli.load.fingerprint import Fingerprint, content_hash, fingerprint
from xjj_cli.pipeline import evaluate
from xjj_cli.render.blocks import front_matter
from xjj_cli.render.bulletin import escape_markdown, render_markdown, split_front_matter

ISSUED = dt.date(2026, 11, 5)
runner = CliRunner()


def markdown_for(month: str, data: Path = SAMPLE) -> str:
    ev = evaluate(data, month)
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    return render_markdown(bulletin, ev.data.rules, data.parent / "templates")


@pytest.mark.parametrize("month", ["2026-10", "2026-06"])
def test_markdown_matches_the_golden_file(month: str, golden: Callable[[str, str], None]) -> None:
    golden(f"bulletin-{month}.md", markdown_for(month))


def test_markdown_reads_like_an_office_notice() -> None:
    matter, text = split_front_matter(markdown_for("2026-10"))
    assert text.startswith('<div class="mark">')
    assert "\n# 关于2026年10月份全区新基建工作推进情况的通报\n" in text
    assert front_matter(matter)["fingerprint"] == "sha256:" + "0" * 64
    headings = re.findall(r"^##? .+$", text.split('<div class="attachments">', 1)[0], re.M)
    assert headings == [
        "# 关于2026年10月份全区新基建工作推进情况的通报",
        "## 一、总体情况",
        "## 二、存在的主要问题",
        "## 三、通报及约谈问责情况",
        "## 四、下步工作要求",
    ]
    assert "2026年11月5日" in text and "任城区新基建指挥部办公室" in text
    assert "0" * 64 not in text  # the fingerprint is metadata, not printed


def test_values_are_escaped_and_never_run_as_template_code(sample_copy: Path) -> None:
    project = sample_copy / "projects" / "5g" / "5G-2026-004.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(
        text.replace(
            "name: 任城区5G基站建设（住宅小区深度覆盖）", "name: '{{ 7*7 }} | *粗* <b>x</b>'"
        ),
        encoding="utf-8",
    )
    rendered = markdown_for("2026-10", sample_copy)
    assert "{{ 7\\*7 }} \\| \\*粗\\* \\<b\\>x\\</b\\>" in rendered


def test_a_district_template_overrides_the_builtin_one(sample_copy: Path) -> None:
    (sample_copy.parent / "templates").mkdir()
    (sample_copy.parent / "templates" / "bulletin.md.j2").write_text(
        "# {{ b.title }}\n本区自定义格式\n", encoding="utf-8"
    )
    assert (
        markdown_for("2026-10", sample_copy)
        == "# 关于2026年10月份全区新基建工作推进情况的通报\n本区自定义格式\n"
    )


def test_fingerprint_is_the_content_hash_and_changes_with_the_data(sample_copy: Path) -> None:
    before = fingerprint(sample_copy)
    assert before.commit is None and before.content_hash == content_hash(SAMPLE)
    (sample_copy / "events" / "2026-10.yaml").write_text("cards: []\n", encoding="utf-8")
    assert fingerprint(sample_copy).content_hash != before.content_hash


def test_the_fingerprint_of_the_files_the_load_found_is_the_one_of_a_walk(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulletin hashes the files as its load found them (no second walk of the folder):
    the same fingerprint as walking it, notes, nested folders and links included."""
    from xjj_cli.load import fingerprint as module
    from xjj_cli.pipeline import run_month

    (sample_copy / "notes").mkdir()
    (sample_copy / "notes" / "说明 a.md").write_text("附注\n", encoding="utf-8")
    (sample_copy / "README.md").write_text("本区数据\n", encoding="utf-8")
    (sample_copy / "events" / "link.md").symlink_to(sample_copy / "README.md")
    walked = content_hash(sample_copy)
    listed = run_month(sample_copy, "2026-10").listed
    assert ("notes/说明 a.md", str(sample_copy / "notes" / "说明 a.md")) in listed
    walks: list[Path] = []

    def walk(data_dir: Path) -> list[Path]:
        walks.append(data_dir)
        return []

    monkeypatch.setattr(module, "data_files", walk)
    assert fingerprint(sample_copy, listed).content_hash == walked
    assert walks == []


def test_bulletin_command_writes_markdown_atomically_and_refuses_to_overwrite(
    tmp_path: Path,
) -> None:
    args = [
        "--data",
        str(SAMPLE),
        "bulletin",
        "-f",
        "md",
        "--out",
        str(tmp_path),
        "--date",
        "2026-11-05",
    ]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    (written,) = tmp_path.iterdir()
    assert written.name == "2026-10-新基建月度通报.md"
    assert first.stdout.strip() == str(written)
    written.write_text("办公室手工修改过的版本", encoding="utf-8")
    second = runner.invoke(app, args)
    assert second.exit_code == 1
    assert "--force" in second.stderr
    assert written.read_text(encoding="utf-8") == "办公室手工修改过的版本"
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0
    assert "\n# 关于2026年10月份" in written.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-10-新基建月度通报.md"]


def test_bulletin_rejects_a_bad_date() -> None:
    result = runner.invoke(
        app, ["--data", str(SAMPLE), "bulletin", "--date", "2026-11-31", "--out", "/tmp/none"]
    )
    assert result.exit_code == 2
    assert "不存在" in result.stderr and "格式" not in result.stderr


# --- the document's parts and its wording (SPEC §5) ------------------------------------


def body_of(month: str = "2026-10") -> str:
    return split_front_matter(markdown_for(month))[1]


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def before_annexes(text: str) -> str:
    """The body: the document before its 附件 (tables and divs left out)."""
    body = text.split('<div class="attachments">', 1)[0]
    return "\n".join(
        line
        for line in body.splitlines()
        if line and not line.startswith(("|", "<div", "</div", "---"))
    )


def test_the_parts_of_the_document_come_in_the_contracts_order() -> None:
    text = body_of()
    order = [
        '<div class="mark">任城区新基建指挥部办公室文件</div>',
        '<div class="number">任新基建办〔2026〕\u3000\u3000号</div>',
        "# 关于2026年10月份全区新基建工作推进情况的通报",
        "各镇街，区直有关部门，有关企业：",
        '<div class="attachments">',
        '<div class="signature">',
        '<div class="note">',
        *(f'<div class="annex-label">附件{n}</div>' for n in range(1, 6)),
        '<div class="colophon">',
        '<div class="copy-to">抄送：区委办公室，区政府办公室，区委督查室。</div>',
        "2026年11月5日印发",
    ]
    places = [text.index(part) for part in order]
    assert places == sorted(places)
    assert "（联系人：王明，联系电话：0537-2345678）" in text
    annexes = re.findall(r"\d\\\. (\S+)", section(text, '<div class="attachments">', "</div>"))
    assert annexes == [
        "各领域和镇街指标完成情况",
        "区直部门和企业履职排名",
        "红黄项目清单",
        "逾期督办任务和问题清单",
        "通报约谈问责依据明细",
    ]
    assert text.rstrip().endswith("</div>\n\n</div>")


def test_the_overview_is_one_paragraph_ending_with_the_verdict_of_the_roster() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    overview = section(body_of(), "## 一、总体情况\n\n", "\n")
    counts = roster_counts(ev.findings)
    assert counts == {"通报": 5, "约谈": 7, "提请问责": 6}
    assert overview.endswith("本月通报5个、约谈7个、提请问责6个单位。")
    assert verdict_counts(overview) == counts
    assert "蓝色32个、黄色6个、红色3个，尚未开工2个" in overview
    assert "1至10月完成投资19.32亿元，占年度计划的76.9%" in overview
    # against 序时进度 from the printed figures: 76.9 − 83.3 = −6.4
    assert "低于序时进度（83.3%）6.4个百分点" in overview
    # each ranked metric against last month (like for like) and 序时进度
    assert (
        "3项指标完成率为5G基站86.6%（上月77.7%）、充电桩86.3%（上月77.7%）、"
        "上云企业87.4%（上月77.4%），均高于序时进度（83.3%）" in overview
    )


def test_a_verdict_leaves_out_a_kind_with_no_unit() -> None:
    assert verdict({Action.notify: 2, Action.accountability: 1}) == "本月通报2个、提请问责1个单位。"
    assert verdict({}) == "本月无通报、约谈和提请问责的单位。"


def test_every_difference_agrees_with_the_printed_figures_beside_it() -> None:
    text = before_annexes(body_of())
    assert POINTS.search(plain(text)), "the body states differences in points"
    assert disagreeing_points(text) == []


def test_a_request_never_names_a_date_before_the_documents_date() -> None:
    text = before_annexes(body_of())
    assert past_requests(text, ISSUED) == []
    # the overdue are said as overdue, counted to the month's end
    assert "已逾期61天" in text and "限期2026年" not in text
    # what is asked is asked by a date after the document's
    assert "2026年11月30日前" in text


def test_no_internal_code_and_the_office_named_at_most_once() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    codes = [p.id for p in ev.data.projects] + [t.id for t in ev.data.tasks]
    codes += [p.id for p in ev.data.problems] + list(ev.data.units)
    text = plain(section(body_of(), "# 关于", '<div class="attachments">'))
    for code in codes:
        assert not re.search(rf"(?<![A-Za-z0-9-]){re.escape(code)}(?![A-Za-z0-9-])", text), code
    assert text.count("任城区新基建指挥部办公室") <= 1
    assert "我办" in text


def test_the_problems_are_grouped_by_kind_each_unit_once_in_a_group() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    two = section(body_of(), "## 二、存在的主要问题", "## 三、")
    titles = re.findall(r'^<span class="lead">（.）(.+)。</span>', two, re.M)
    assert titles == [
        "镇街指标滞后",
        "项目进度滞后",
        "市重点督办任务逾期",
        "问题清单逾期未办结",
        "市挂图作战平台亮牌",
        "不配合工作",
    ]
    names = sorted({u.name for u in ev.data.units.values()}, key=len, reverse=True)
    for group in re.split(r'^<span class="lead">', two, flags=re.M)[1:]:
        said = plain(group)
        for name in names:
            # a longer name holding this one (区供电公司 in 区供电公司任城…) is not this one
            count = said.count(name) - sum(
                said.count(other) for other in names if other != name and name in other
            )
            assert count <= 1, (name, said)
    assert "长沟镇（5G基站65.4%、充电桩76.7%、上云企业76.9%，其中5G基站被列为红色）" in two
    assert "区能源服务中心（2个，最长逾期21天）" in two
    assert "各领域推进情况" not in body_of() and "按计划推进" not in body_of()


def test_each_unit_of_the_roster_has_one_sentence_in_its_action() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    three = section(body_of(), "## 三、通报及约谈问责情况", "## 四、")
    parts = {
        "notify": section(three, "### （一）通报", "### （二）约谈"),
        "interview": section(three, "### （二）约谈", "### （三）提请区纪委监委依规依纪问责"),
        "accountability": three.split("### （三）提请区纪委监委依规依纪问责", 1)[1],
    }
    for finding in ev.findings:
        part = parts[finding.action.key]
        assert re.search(rf"^\d+\\\. {re.escape(finding.name)}", part, re.M), finding.name
        others = [p for p in parts.values() if p is not part]
        assert not any(re.search(rf"^\d+\\\. {re.escape(finding.name)}", p, re.M) for p in others)
    assert (
        "长沟镇5G基站、充电桩、上云企业3项指标连续8个月以上排名后三名，完成率均低于全区平均。"
        in three
    )
    # the facts 二 told are not told again: the reason in plain words
    assert re.search(r"\d\\\. 区大数据局承担的市重点督办任务逾期未完成。", three)
    assert "第16名" not in three  # the month-by-month figures are in 附件5


def test_the_requirements_name_every_unit_of_three_and_the_warned_in_one_sentence() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    text = body_of()
    four = section(text, "## 四、下步工作要求", '<div class="attachments">')
    items = re.findall(r"^\d\\\. (.+)$", four, re.M)
    assert 3 <= len(items) <= 5, items
    said = plain(four)
    for finding in ev.findings:
        assert finding.name in said or "被通报、约谈和提请问责的单位" in said, finding.name
    acted_named = [f.name for f in ev.findings if f.name in said]
    assert len(acted_named) >= len(ev.findings) - 1
    near = [w for w in ev.warnings if w.warning.value == "streak_near"]
    warned = [s for s in sentences(four) if "再有1个月将被约谈或提请问责" in s]
    assert len(warned) == 1
    for w in near:
        assert ev.data.units[w.unit].name in warned[0]
    assert "预警提示" not in text and "请抓紧" not in text


def test_a_group_of_more_than_ten_units_names_ten_and_refers_to_the_annex() -> None:
    units = tuple(
        UnitReasons(f"U{n}", f"单位{n}", "区直部门", Action.interview, (), f"单位{n}理由。")
        for n in range(1, 14)
    )
    group = acted_group(Action.interview, units, "区纪委监委", 5)
    assert not group.listed
    assert group.text == (
        "对" + "、".join(f"单位{n}" for n in range(1, 11)) + "等13个单位（详见附件5）进行约谈。"
    )
    ten = acted_group(Action.interview, units[:10], "区纪委监委", 5)
    assert ten.listed and ten.text == ""
    none = acted_group(Action.interview, (), "区纪委监委", 5)
    assert not none.listed and none.text == "本月无约谈的单位。"


def test_the_requirements_are_due_after_the_documents_date() -> None:
    assert due_date("2026-10", dt.date(2026, 11, 5)) == dt.date(2026, 11, 30)
    assert due_date("2026-10", dt.date(2026, 11, 25)) == dt.date(2026, 12, 31)
    assert due_date("2026-10", dt.date(2026, 12, 7)) == dt.date(2026, 12, 31)
    assert due_date("2026-12", dt.date(2027, 1, 6)) == dt.date(2027, 1, 31)


def test_an_empty_domain_is_left_out(sample_copy: Path) -> None:
    for project in (sample_copy / "projects" / "ai").glob("*.yaml"):
        project.unlink()
    bulletin = build_bulletin(evaluate(sample_copy, "2026-10"), Fingerprint("0" * 64), ISSUED)
    assert "人工智能" not in [d.name for d in bulletin.domains]
    assert "人工智能" not in markdown_for("2026-10", sample_copy)


def test_two_months_are_always_liang() -> None:
    text = body_of()
    assert "二个月" not in text and "连续2个月" not in text
    assert "连续两个月" in text


def test_jun_only_with_two_cases_or_more() -> None:
    text = body_of()
    assert "1次（均" not in text
    for line in sentences(before_annexes(text)):
        if "完成率均低于全区平均" in line:
            assert re.search(r"\d项指标", line), line


def test_no_date_or_figure_right_after_an_item_number() -> None:
    for line in before_annexes(body_of()).splitlines():
        assert not re.match(r"\d+\\?\.\s*\d", line), line


def test_no_full_width_brackets_nested_in_others() -> None:
    for line in body_of().splitlines():
        depth = 0
        for char in line:
            if char == "（":
                depth += 1
                assert depth == 1, line
            elif char == "）":
                depth -= 1


def test_no_sentence_skeleton_is_repeated_more_than_three_times() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    names = sorted({u.name for u in ev.data.units.values()}, key=len, reverse=True)
    skeletons: dict[str, int] = {}
    for sentence in sentences(before_annexes(body_of())):
        skeleton = re.sub(r"“[^”]*”", "Q", sentence)
        for name in names:
            skeleton = skeleton.replace(name, "U")
        skeleton = re.sub(r"[\d.]+", "N", skeleton)
        skeletons[skeleton] = skeletons.get(skeleton, 0) + 1
    assert max(skeletons.values()) <= 3, max(skeletons.items(), key=lambda kv: kv[1])


def test_the_number_is_printed_when_given_and_left_blank_otherwise(tmp_path: Path) -> None:
    args = ["--data", str(SAMPLE), "bulletin", "-f", "md", "--date", "2026-11-05"]
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "a"), "--number", "12"])
    assert result.exit_code == 0, result.output
    (written,) = (tmp_path / "a").iterdir()
    text = written.read_text(encoding="utf-8")
    assert front_matter(split_front_matter(text)[0])["number"] == "任新基建办〔2026〕12号"
    assert '<div class="number">任新基建办〔2026〕12号</div>' in text
    matter, _ = split_front_matter(markdown_for("2026-10"))
    assert front_matter(matter)["number"] is None


def test_without_a_prefix_or_copy_to_the_lines_are_empty_or_left_out(sample_copy: Path) -> None:
    district = sample_copy / "district.yaml"
    text = district.read_text(encoding="utf-8")
    text = text.replace("  prefix: 任新基建办\n", "").replace(
        "  copy_to: [区委办公室, 区政府办公室, 区委督查室]\n", ""
    )
    district.write_text(text.replace("  contact: {name: 王明, phone: 0537-2345678}\n", ""), "utf-8")
    body = split_front_matter(markdown_for("2026-10", sample_copy))[1]
    assert '<div class="number"></div>' in body
    assert "抄送" not in body and 'class="note"' not in body


# --- 附件 ----------------------------------------------------------------------------------


def annex_rows(text: str, number: int) -> list[list[str]]:
    """附件N's tables: their rows (headers too) as lists of cells."""
    annex = text.split(f'<div class="annex-label">附件{number}</div>', 1)[1]
    annex = re.split(r'<div class="(?:annex-label|colophon)">', annex, maxsplit=1)[0]
    lines = [line for line in annex.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]


def test_annex_1_has_the_domains_table_and_each_metrics_towns() -> None:
    rows = annex_rows(body_of(), 1)
    assert rows[0] == [
        "领域",
        "项目数",
        "蓝色",
        "黄色",
        "红色",
        "未开工",
        "平均形象进度",
        "计划进度",
    ]
    domains = [row[0] for row in rows[2:9]]
    assert domains[0] == "5G基站建设" and len(domains) == 7
    assert rows[2][1:8] == ["10", "7", "1", "1", "1", "74.7%", "78.1%"]
    assert any(row[:2] == ["16", "长沟镇"] for row in rows)


def test_annex_3_lists_the_red_then_yellow_projects_with_why() -> None:
    header, _, *rows = annex_rows(body_of(), 3)
    assert header == ["序号", "项目名称", "责任单位", "颜色", "滞后情况", "需协调解决的问题"]
    colours = [re.sub(r"<[^>]+>", "", row[3]) for row in rows]
    assert colours == ["红色"] * 3 + ["黄色"] * 6
    first = rows[0]
    assert first[1] == "任城区5G基站建设（住宅小区深度覆盖）"
    assert first[4].startswith("计划完成75.0%，实际50.0%，滞后25.0个百分点")
    assert "（区住建局负责）" in first[5]


def test_annex_4_lists_the_overdue_tasks_and_problems() -> None:
    rows = annex_rows(body_of(), 4)
    tasks = [row for row in rows if row[0].isdigit() and len(row) == 5]
    problems = [row for row in rows if row[0].isdigit() and len(row) == 6]
    assert [row[4] for row in tasks] == [
        "已逾期61天，未完成",
        "已逾期16天，未完成",
        "2026年10月20日完成，逾期20天",
    ]
    assert problems[0][1:] == [
        "建设用地指标未落实",
        "110千伏喻屯输变电工程",
        "区自然资源局",
        "2026年9月15日",
        "已逾期46天，未解决",
    ]
    assert len(problems) == 8


def test_annex_5_has_one_row_per_unit_of_three_with_its_reasons() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    header, rule, *rows = annex_rows(body_of(), 5)
    assert header == ["序号", "单位", "处理意见", "依据"]
    assert rule[-1] == ":---"  # 依据 reads from the left
    order = {"accountability": 0, "interview": 1, "notify": 2}
    units = sorted((u for g in bulletin.acted for u in g.units), key=lambda u: order[u.action.key])
    words = {Action.accountability: "提请问责", Action.interview: "约谈", Action.notify: "通报"}
    assert [row[:3] for row in rows] == [
        [str(n), u.name, words[u.action]] for n, u in enumerate(units, 1)
    ]
    for row, unit in zip(rows, units, strict=True):
        strong = [r.detail for r in unit.reasons if r.action >= Action.notify]
        lines = row[3].split("<br>")
        assert lines == [f"{n}.{escape_markdown(d)}" for n, d in enumerate(strong, 1)]
    cells = {row[1]: row[3] for row in rows}
    assert cells["长沟镇"].split("<br>")[0] == (
        "1.连续9个月排名后三名（5G基站，2月至10月）："
        "8月第16名（共16名），9月第16名（共16名），10月第16名（共16名）"
    )
    assert cells["区自然资源局"] == (
        "1.市重点督办任务逾期（8月至10月）：“8月底前完成110千伏喻屯输变电工程建设用地报批”"
        "完成时限为2026年8月31日，已逾期61天，仍未完成<br>"
        "2.问题未按期解决（9月至10月）：“建设用地指标未落实”问题解决时限为2026年9月15日，"
        "已逾期46天仍未解决"
    )
    codes = [p.id for p in ev.data.projects] + [t.id for t in ev.data.tasks]
    codes += [p.id for p in ev.data.problems]
    for cell in cells.values():
        assert not any(code in cell.replace("\\", "") for code in codes), cell


def test_annex_5_is_left_out_when_no_unit_is_acted_on() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    ev.findings = [f for f in ev.findings if f.action < Action.notify]  # a calm month
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    assert bulletin.evidence == () and "通报约谈问责依据明细" not in bulletin.annexes
    assert bulletin.annex.evidence is None
    assert bulletin.overview.verdict == "本月无通报、约谈和提请问责的单位。"


def test_a_warned_units_name_is_escaped(sample_copy: Path) -> None:
    towns = sample_copy / "towns" / "towns.csv"
    text = towns.read_text(encoding="utf-8")
    towns.write_text(text.replace("唐口街道", "唐口*街道*<b>"), encoding="utf-8")
    four = section(split_front_matter(markdown_for("2026-10", sample_copy))[1], "## 四、", "<div")
    assert "唐口\\*街道\\*\\<b\\>" in four

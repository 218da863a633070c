"""The bulletin's Markdown against golden files, and the bulletin command.

Regenerate the golden files after an intended change with
``XJJ_UPDATE_GOLDEN=1 make test`` and review the diff in the pull request.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli.bulletin.build import build_bulletin
from xjj_cli.bulletin.steps import WARNED_UNITS
from xjj_cli.cli import app
from xjj_cli.engine.results import Action
from xjj_cli.load.fingerprint import Fingerprint, content_hash, fingerprint
from xjj_cli.messages.formats import cn_date
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
    for heading in (
        "## 一、总体情况",
        "## 二、各领域推进情况",
        "### （一）5G基站建设",
        "## 三、存在的主要问题",
        "## 四、通报及约谈问责情况",
        "### （一）通报",
        "### （二）约谈",
        "### （三）提请问责",
        "## 五、下步工作要求",
    ):
        assert heading in text
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


# --- the document's parts (the Markdown contract) and its wording (SPEC §5) -----------------


def body_of(month: str = "2026-10") -> str:
    return split_front_matter(markdown_for(month))[1]


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def sentences(text: str) -> list[str]:
    """The body's lines that are sentences: not tables, not divs, not the annexes."""
    before_annexes = text.split('<div class="annex">', 1)[0]
    return [
        line
        for line in before_annexes.splitlines()
        if line and not line.startswith(("|", "<div", "</div", "---"))
    ]


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
        '<div class="annex-label">附件1</div>',
        '<div class="annex-label">附件2</div>',
        '<div class="annex-label">附件3</div>',
        '<div class="colophon">',
        '<div class="copy-to">抄送：区委办公室，区政府办公室，区委督查室。</div>',
        "2026年11月5日印发",
    ]
    places = [text.index(part) for part in order]
    assert places == sorted(places)
    assert "（联系人：王明，联系电话：0537-2345678）" in text
    assert "附件：1\\. 镇街排名表\n\n2\\. 区直部门和企业履职排名\n\n3\\. 约谈问责依据明细" in text
    assert text.rstrip().endswith("</div>\n\n</div>")


def test_sums_are_in_yi_yuan_and_read_against_time_progress() -> None:
    overview = section(body_of(), "## 一、总体情况", "## 二、")
    assert "全年计划完成投资25.12亿元，1至10月累计完成19.32亿元，占年度计划的76.9%，" in overview
    assert "低于序时进度6.4个百分点" in overview
    assert "5G基站累计完成690个，完成年度目标797个的86.6%，高于序时进度3.2个百分点" in overview
    # the investment and each of the seven domains: metrics against 序时进度, projects
    # against their plans' progress, its figure named once
    assert overview.count("序时进度") + overview.count("计划进度") == 8
    assert "低于计划进度（72.7%）1.0个百分点" in overview and "按项目计划" not in overview
    assert not re.search(r"[蓝黄红]色0个|0个、", body_of())


def test_no_figure_of_the_overview_is_repeated_word_for_word_in_the_domains() -> None:
    text = body_of()
    overview = section(text, "## 一、总体情况", "## 二、")
    domains = section(text, "## 二、", "## 三、")
    for clause in re.split(r"[，。；\n]", overview):
        if re.search(r"\d", clause) and len(clause) > 8:
            assert clause not in domains, clause


def test_two_months_are_always_liang() -> None:
    text = body_of()
    assert "二个月" not in text and "连续2个月" not in text
    assert "连续两个月" in text and "连续3个月" in text


def test_overdue_tasks_say_their_time_limit() -> None:
    text = body_of()
    assert "截止" not in text
    assert "完成时限为2026年8月31日，已逾期61天" in text


def test_jun_only_with_two_cases_or_more() -> None:
    text = body_of()
    assert "1次（均" not in text
    assert not re.search(r"共有项目1个，均", text)
    for line in sentences(text):
        if "完成率均低于全区平均" in line:
            assert re.search(r"\d项指标", line), line


def test_no_date_or_figure_right_after_an_item_number() -> None:
    for line in sentences(body_of()):
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


def test_a_colour_is_not_a_verb_and_no_phrase_is_left_unfinished() -> None:
    text = body_of()
    assert "首次红色" not in text and "月为红色" not in text and "月为黄色" not in text
    assert "首次被列为红色" in text or "本月被列为红色" in text
    assert "后三名、低于全区" not in text and "后三名；低于全区平均" in text
    assert "| 较上月 |" not in text and "| 排名变化 |" in text
    assert "上升1位" in text and "下降2位" in text


def test_no_internal_code_in_a_sentence() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    codes = [p.id for p in ev.data.projects] + [t.id for t in ev.data.tasks]
    codes += [p.id for p in ev.data.problems]
    for line in sentences(body_of()):
        for code in codes:
            assert code not in line.replace("\\", ""), (code, line)


def test_every_unit_of_the_accountability_list_is_in_its_actions_section() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    text = body_of()
    four = section(text, "## 四、通报及约谈问责情况", "## 五、")
    parts = {
        "notify": section(four, "### （一）通报", "### （二）约谈"),
        "remind": section(four, "### （一）通报", "### （二）约谈"),
        "interview": section(four, "### （二）约谈", "### （三）提请问责"),
        "accountability": four.split("### （三）提请问责", 1)[1],
    }
    assert "提请区纪委监委依规依纪问责" in parts["accountability"]
    assert "连续两个月排名后三名" in four and "连续3个月的提请问责" in four
    for finding in ev.findings:
        part = parts[finding.action.key]
        assert re.search(rf"^\d+\\\. {re.escape(finding.name)}", part, re.M), finding.name
        others = [p for key, p in parts.items() if p is not part and key != "remind"]
        assert not any(re.search(rf"^\d+\\\. {re.escape(finding.name)}", p, re.M) for p in others)
    assert (
        "长沟镇5G基站、充电桩、上云企业3项指标连续8个月以上排名后三名，完成率均低于全区平均。"
        in four
    )
    assert "第16名" not in four  # the month-by-month figures are in 附件3
    annex = text.split('<div class="annex-label">附件3</div>', 1)[1]
    assert "8月第16名（共16名）" in annex


def test_next_steps_come_from_the_data() -> None:
    steps = section(body_of(), "## 五、下步工作要求", '<div class="attachments">')
    assert "铁塔公司任城分公司要针对“任城区5G基站建设（住宅小区深度覆盖）”项目" in steps
    assert "区自然资源局要抓紧完成“8月底前完成110千伏喻屯输变电工程建设用地报批”任务" in steps
    assert "长沟镇还需完成5G基站18个、充电桩14个、上云企业3家" in steps
    assert "在收到约谈通知或提请问责函后10个工作日内" in steps
    assert "5个工作日" not in steps


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


# --- 附件3 约谈问责依据明细 and the trimmed wording ----------------------------------------------


def annex_rows(text: str) -> list[list[str]]:
    """附件3's table: its rows (header first) as lists of cells."""
    annex = text.split('<div class="annex-label">附件3</div>', 1)[1].split("</div>", 1)[0]
    lines = [line for line in annex.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]


def test_annex_3_has_one_row_per_unit_interviewed_or_proposed_for_accountability() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    header, rule, *rows = annex_rows(body_of())
    assert header == ["序号", "单位", "处理意见", "依据"]
    assert rule[-1] == ":---"  # 依据 reads from the left
    units = [*bulletin.accountability, *bulletin.interviews]  # 四's order
    assert [row[:3] for row in rows] == [
        [str(n), u.name, "提请问责" if u.action is Action.accountability else "约谈"]
        for n, u in enumerate(units, 1)
    ]
    for row, unit in zip(rows, units, strict=True):
        strong = [r.detail for r in unit.reasons if r.action >= Action.interview]
        lines = row[3].split("<br>")
        assert lines == [f"{n}.{escape_markdown(d)}" for n, d in enumerate(strong, 1)]
        for line in lines:
            assert re.match(r"\d+\.[^\d]", line), line  # no figure right after the number
    others = {u.name for u in (*bulletin.notices, *bulletin.reminders)} - {u.name for u in units}
    assert others and not any(row[1] in others for row in rows)


def test_annex_3_keeps_every_figure_and_no_internal_code() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    (_, _, *rows) = annex_rows(body_of())
    cells = {row[1]: row[3] for row in rows}
    assert cells["长沟镇"].split("<br>")[0] == (
        "1.连续9个月排名后三名（5G基站，2月至10月）："
        "8月第16名（共16名），9月第16名（共16名），10月第16名（共16名）"
    )
    assert (
        "4.连续9个月低于全区完成率（5G基站，2月至10月）：8月51.9%（全区68.9%），" in cells["长沟镇"]
    )
    assert cells["区自然资源局"] == (
        "1.市重点督办任务逾期（8月至10月）：“8月底前完成110千伏喻屯输变电工程建设用地报批”"
        "完成时限为2026年8月31日，已逾期61天，仍未完成<br>"
        "2.问题未按期解决（9月至10月）：“建设用地指标未落实”问题限期2026年9月15日解决，"
        "已逾期46天仍未解决"
    )
    assert "节点“取得建设用地批复”（2026年9月15日到期）逾期46天未完成" in cells["区供电公司"]
    assert "二十里铺街道于2026年10月9日反映" in cells["区住建局"]
    assert "计划完成75.0%，实际50.0%，滞后25.0个百分点" in cells["铁塔公司任城分公司"]
    codes = [p.id for p in ev.data.projects] + [t.id for t in ev.data.tasks]
    codes += [p.id for p in ev.data.problems]
    for cell in cells.values():
        assert not any(code in cell.replace("\\", "") for code in codes), cell


def test_annex_3_is_left_out_when_no_unit_is_interviewed_or_held_accountable() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    ev.findings = [f for f in ev.findings if f.action < Action.interview]  # a calm month
    assert ev.findings
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), ISSUED)
    assert bulletin.evidence == () and "约谈问责依据明细" not in bulletin.annexes
    assert "依据见附件" not in bulletin.rule_text


def test_what_holds_for_every_item_is_said_once() -> None:
    text = body_of()
    steps = section(text, "## 五、下步工作要求", '<div class="attachments">')
    assert "力争早日摘除红色" not in text
    assert steps.count("解决情况随下月进度一并报送") == 1
    assert "以上问题的解决情况随下月进度一并报送。" in steps
    # the overdue node is named once in its step; the units that hold it up in a sentence of
    # their own
    assert "逾期46天的问题，抓紧完成该节点。区自然资源局要协调解决" in steps


def test_no_sentence_of_the_body_runs_past_120_characters() -> None:
    for line in sentences(body_of()):
        plain = re.sub(r"<[^>]+>|\*\*|\\", "", line)
        for sentence in re.findall(r"[^。]*。?", plain):
            assert len(sentence) <= 120, sentence


def warnings_part(text: str) -> str:
    steps = section(text, "## 五、下步工作要求", '<div class="attachments">')
    return steps.split("预警提示\n", 1)[1].split("\n### ", 1)[0] if "预警提示\n" in steps else ""


def test_the_warnings_name_each_warned_unit_and_its_deadline() -> None:
    found = json.loads(
        runner.invoke(
            app, ["--data", str(SAMPLE), "warnings", "--month", "2026-10", "-f", "json"]
        ).stdout
    )
    part = warnings_part(body_of())
    assert part, "五 has no 预警提示"
    named, rest = found["units"][:WARNED_UNITS], found["units"][WARNED_UNITS:]
    assert rest, "the sample names a bounded selection and counts the rest"
    for unit in named:
        assert f"{unit['name']}：" in part
        for w in unit["warnings"]:
            if w["warning"] != "streak_near":  # a streak's is 若下月仍…
                assert cn_date(dt.date.fromisoformat(w["by"])) in part
    for unit in rest:
        assert unit["name"] not in part
    count = sum(len(u["warnings"]) for u in rest)
    assert f"另有{len(rest)}个单位{count}条预警事项" in part
    # the most urgent first: the units in the order of xjj warnings
    places = [part.index(f"{u['name']}：") for u in named]
    assert places == sorted(places)


def test_a_month_without_warnings_has_no_warnings_part(base_data: Path) -> None:
    district = base_data / "district.yaml"
    calm = "  interview_streak: 8\n  accountability_streak: 9\n"
    calm += "  red_accountability_streak: 9\n  warn_days: 0\n"
    text = district.read_text(encoding="utf-8")
    district.write_text(text.replace("rules:\n", "rules:\n" + calm), encoding="utf-8")
    assert evaluate(base_data, "2026-10").warnings == ()
    steps = section(markdown_for("2026-10", base_data), "## 五、下步工作要求", "<div")
    assert "预警" not in steps


def test_a_warned_units_name_is_escaped(sample_copy: Path) -> None:
    towns = sample_copy / "towns" / "towns.csv"
    text = towns.read_text(encoding="utf-8")
    towns.write_text(text.replace("唐口街道", "唐口*街道*<b>"), encoding="utf-8")
    part = warnings_part(split_front_matter(markdown_for("2026-10", sample_copy))[1])
    assert "唐口\\*街道\\*\\<b\\>：" in part

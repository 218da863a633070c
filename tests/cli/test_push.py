"""xjj push (SPEC §9): 催报, 预警 and the month's summary to the WeCom and DingTalk robots —
the dry run's JSON, sending to a local server that answers as each robot, the month guard,
the working days of the schedule, the variables it needs, and never a secret in any output."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from conftest import SAMPLE, pending_november
from online.robots import Answer, Robot, closed_port
from xjj_cli.cli import app

runner = CliRunner()

KEY = "wecom-key-7f3a9c21"
TOKEN = "ding-token-51be0d77"
SECRET = "SECdeadbeef0123456789"


def push(data: Path, *args: str, env: dict[str, str] | None = None, code: int = 0) -> Result:
    base = {"XJJ_WECOM_WEBHOOK": "", "XJJ_DINGTALK_WEBHOOK": "", "XJJ_DINGTALK_SECRET": ""}
    result = runner.invoke(app, ["--data", str(data), "push", *args], env={**base, **(env or {})})
    assert result.exit_code == code, (result.stdout, result.stderr)
    for secret in (KEY, TOKEN, SECRET):
        assert secret not in result.stdout and secret not in result.stderr
    assert "Traceback" not in result.stderr
    return result


def bodies(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def env_of(robot: Robot) -> dict[str, str]:
    return {
        "XJJ_WECOM_WEBHOOK": robot.url(f"/cgi-bin/webhook/send?key={KEY}"),
        "XJJ_DINGTALK_WEBHOOK": robot.url(f"/robot/send?access_token={TOKEN}"),
        "XJJ_DINGTALK_SECRET": SECRET,
    }


def test_the_dry_run_prints_the_json_it_would_post_one_per_line() -> None:
    result = push(SAMPLE, "--what", "status", "--to", "wecom", "--to", "dingtalk")
    wecom, dingtalk = bodies(result)
    content = wecom["markdown"]["content"]
    assert wecom["msgtype"] == "markdown"
    assert content.startswith("**2026年11月数据报送催办**\n以下31个单位尚未报送2026年11月数据")
    assert "请于12月5日前报送" in content
    assert "\n- **古槐街道**：镇街月度数据\n" in content
    assert "- **协力气体**：项目进度（IIOT-2026-002 " in content
    assert content.endswith("\n联系人：王明，联系电话：0537-2345678")
    # the same lines; DingTalk's end with two spaces, its Markdown's hard line break
    text = dingtalk["markdown"]["text"]
    assert dingtalk["markdown"]["title"] == "2026年11月数据报送催办"
    assert text == "  \n".join(content.split("\n")) + "  "
    assert dingtalk["at"] == {"atMobiles": [], "isAtAll": False}
    assert "（未设置环境变量 XJJ_WECOM_WEBHOOK）" in result.stderr


def test_the_dry_run_shows_the_webhook_masked(tmp_path: Path) -> None:
    env = {
        "XJJ_WECOM_WEBHOOK": f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}",
        "XJJ_DINGTALK_WEBHOOK": f"https://oapi.dingtalk.com/robot/send?access_token={TOKEN}",
        "XJJ_DINGTALK_SECRET": SECRET,
    }
    result = push(SAMPLE, "--what", "summary", env=env)  # both: their webhooks are set
    assert "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***" in result.stderr
    assert "https://oapi.dingtalk.com/robot/send?access_token=***" in result.stderr
    assert len(bodies(result)) == 2


def test_the_summary_says_the_bulletin_s_verdict_the_red_projects_and_who_is_called() -> None:
    (body,) = bodies(push(SAMPLE, "--what", "summary", "--to", "wecom", "--month", "2026-10"))
    lines = body["markdown"]["content"].split("\n")
    assert lines[0] == "**2026年10月新基建工作推进情况**"
    assert lines[1] == "本月通报5个、约谈7个、提请问责6个单位。"  # as the bulletin says it
    assert lines[2] == "红色项目3个："
    assert lines[3] == "- 5G-2026-004 任城区5G基站建设（住宅小区深度覆盖）（铁塔公司任城分公司）"
    assert lines[6].startswith("约谈7个单位：安居街道、区供电公司")
    assert lines[7].startswith("提请问责6个单位：长沟镇、南张街道")


def test_warnings_are_by_unit_in_the_order_of_xjj_warnings() -> None:
    (body,) = bodies(push(SAMPLE, "--what", "warnings", "--to", "dingtalk", "--month", "2026-10"))
    lines = [line.removesuffix("  ") for line in body["markdown"]["text"].split("\n")]
    assert lines[0] == "**2026年10月预警提示**"
    report = runner.invoke(
        app, ["--data", str(SAMPLE), "warnings", "--month", "2026-10", "--format", "json"]
    )
    expected = json.loads(report.stdout)["units"]
    count = sum(len(u["warnings"]) for u in expected)
    assert lines[1].startswith(f"以下{len(expected)}个单位有{count}条预警")
    units = [line for line in lines[2:] if line.startswith("**")]
    assert units == [f"**{u['name']}**" for u in expected]  # most urgent first
    warnings = [line for line in lines if line.startswith("- ")]
    assert len(warnings) == count and all(line.endswith("前）") for line in warnings)


def test_status_default_month_is_the_one_being_collected_and_the_deadline_follows_report_by(
    sample_copy: Path,
) -> None:
    district = sample_copy / "district.yaml"
    text = district.read_text(encoding="utf-8")
    district.write_text(text.replace("document:\n", "document:\n  report_by: 8\n", 1), "utf-8")
    pending_november(sample_copy)
    (body,) = bodies(push(sample_copy, "--what", "status", "--to", "wecom"))
    content = body["markdown"]["content"]
    assert "尚未报送2026年11月数据，请于12月8日前报送：" in content
    assert "- **柳行街道**" not in content


def test_status_with_everybody_submitted_says_so_and_sends_nothing() -> None:
    with Robot([Answer()]) as robot:
        result = push(SAMPLE, "--what", "status", "--month", "2026-09", "--send", env=env_of(robot))
    assert robot.received == []
    assert result.stdout == ""
    assert "2026年9月数据已全部报送，无需催报，未推送。" in result.stderr


def test_a_month_not_reportable_is_refused_unless_draft_then_every_message_says_so(
    sample_copy: Path,
) -> None:
    pending_november(sample_copy)
    for what in ("summary", "warnings"):
        refused = push(sample_copy, "--what", what, "--month", "2026-11", code=1)
        assert "2026年11月还不能出正式报告" in refused.stderr
        assert refused.stdout == ""
    result = push(sample_copy, "--what", "summary", "--month", "2026-11", "--draft")
    found = bodies(result)
    assert len(found) == 2
    for body in found:
        text = body["markdown"].get("content") or body["markdown"]["text"]
        assert text.startswith("**【征求意见稿】2026年11月新基建工作推进情况**")
        assert "\n> 征求意见稿：2026年11月镇街数据尚未报齐" in text


def test_mobiles_of_units_csv_are_mentioned(sample_copy: Path) -> None:
    units = sample_copy / "units" / "units.csv"
    rows = units.read_text(encoding="utf-8").splitlines()
    rows = [rows[0] + ",mobile"] + [
        row + (",13800138001" if row.startswith("xlqt,") else ",") for row in rows[1:]
    ]
    units.write_text("\n".join(rows) + "\n", encoding="utf-8")
    wecom, mention, dingtalk = bodies(
        push(sample_copy, "--what", "status", "--to", "wecom", "--to", "dingtalk")
    )
    assert "@" not in wecom["markdown"]["content"]
    assert mention == {
        "msgtype": "text",
        "text": {
            "content": "请以上单位的联系人及时查看。",
            "mentioned_mobile_list": ["13800138001"],
        },
    }
    assert dingtalk["at"] == {"atMobiles": ["13800138001"], "isAtAll": False}
    assert "- **协力气体**：项目进度（" in dingtalk["markdown"]["text"]
    assert "） @13800138001  \n" in dingtalk["markdown"]["text"]


def test_a_mobile_that_is_not_a_mobile_number_is_a_data_error(sample_copy: Path) -> None:
    units = sample_copy / "units" / "units.csv"
    rows = units.read_text(encoding="utf-8").splitlines()
    rows = (
        [rows[0] + ",mobile"]
        + [row + ",0537-123" for row in rows[1:2]]
        + [row + "," for row in rows[2:]]
    )
    units.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = push(sample_copy, "--what", "status", code=1)
    assert "units/units.csv:2:" in result.stderr and "“mobile”的值无效：0537-123" in result.stderr


@pytest.mark.parametrize(
    ("to", "env", "variable"),
    [
        ("wecom", {}, "XJJ_WECOM_WEBHOOK"),
        ("dingtalk", {"XJJ_DINGTALK_SECRET": SECRET}, "XJJ_DINGTALK_WEBHOOK"),
        (
            "dingtalk",
            {"XJJ_DINGTALK_WEBHOOK": f"https://x/robot/send?access_token={TOKEN}"},
            "XJJ_DINGTALK_SECRET",
        ),
    ],
)
def test_sending_without_its_variable_is_a_usage_error_naming_it(
    to: str, env: dict[str, str], variable: str
) -> None:
    result = push(SAMPLE, "--what", "summary", "--to", to, "--send", env=env, code=2)
    assert f"未设置环境变量 {variable}" in result.stderr
    assert result.stdout == ""


def test_sending_posts_exactly_what_the_dry_run_prints_and_signs_dingtalk() -> None:
    with Robot([Answer()]) as robot:
        env = env_of(robot)
        dry = bodies(
            push(SAMPLE, "--what", "summary", "--to", "wecom", "--to", "dingtalk", env=env)
        )
        sent = push(
            SAMPLE, "--what", "summary", "--to", "wecom", "--to", "dingtalk", "--send", env=env
        )
    assert sent.stdout == ""
    assert "已推送到企业微信：第1/1条。" in sent.stderr and "已推送到钉钉：第1/1条。" in sent.stderr
    wecom, dingtalk = robot.received
    assert [wecom.body, dingtalk.body] == dry
    assert wecom.query == {"key": KEY}
    assert wecom.raw.decode("utf-8") == json.dumps(
        dry[0], ensure_ascii=False, separators=(",", ":")
    )
    timestamp = dingtalk.query["timestamp"]
    assert (
        dingtalk.query["sign"]
        == base64.b64encode(
            hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256).digest()
        ).decode()
    )


def test_an_errcode_fails_with_exit_1_and_the_service_s_message() -> None:
    answer = Answer({"errcode": 310000, "errmsg": f"sign not match, token={TOKEN}"})
    with Robot([answer]) as robot:
        result = push(
            SAMPLE, "--what", "summary", "--to", "dingtalk", "--send", env=env_of(robot), code=1
        )
    assert "钉钉推送失败：errcode 310000，sign not match" in result.stderr
    assert len(robot.received) == 1


def test_a_rate_limit_is_waited_out(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr("xjj_cli.online.services.SLEEP", waits.append)
    limited = Answer({"errcode": 45009, "errmsg": "api freq out of limit"})
    with Robot([limited, Answer()]) as robot:
        result = push(SAMPLE, "--what", "summary", "--to", "wecom", "--send", env=env_of(robot))
    assert len(robot.received) == 2 and waits == [1.0]
    assert "企业微信第1次推送未成功（发送过于频繁（errcode 45009）），1秒后重试。" in result.stderr


def test_a_closed_port_fails_after_four_tries(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr("xjj_cli.online.services.SLEEP", waits.append)
    env = {"XJJ_WECOM_WEBHOOK": f"http://127.0.0.1:{closed_port()}/send?key={KEY}"}
    result = push(SAMPLE, "--what", "summary", "--to", "wecom", "--send", env=env, code=1)
    assert "企业微信推送失败：已尝试4次仍未成功（网络错误：" in result.stderr
    assert waits == [1.0, 2.0, 4.0]


def test_a_slow_robot_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("xjj_cli.online.services.SLEEP", lambda _: None)
    monkeypatch.setattr("xjj_cli.online.services.TIMEOUT", 0.2)
    with Robot([Answer(delay=2.0)]) as robot:
        result = push(
            SAMPLE, "--what", "summary", "--to", "wecom", "--send", env=env_of(robot), code=1
        )
    assert "已尝试4次仍未成功（0.2秒内无响应）" in result.stderr
    assert len(robot.received) == 4


@pytest.mark.parametrize(
    ("date", "acts", "said"),
    [
        ("2026-12-01", True, ""),  # Tuesday, the 1st working day
        ("2026-12-07", True, ""),  # Monday, the 5th
        ("2026-12-08", False, "不是本月第1至5个工作日（是第6个）"),
        ("2026-12-05", False, "（不是工作日）"),  # Saturday
    ],
)
def test_working_days_act_only_on_the_first_to_fifth(date: str, acts: bool, said: str) -> None:
    result = push(
        SAMPLE, "--what", "status", "--to", "wecom", "--working-days", "1-5", "--date", date
    )
    assert bool(result.stdout) is acts
    assert said in result.stderr


def test_working_days_must_be_a_range() -> None:
    result = push(SAMPLE, "--what", "status", "--working-days", "5-1", code=2)
    assert "--working-days 应为“起-止”工作日序号" in result.stderr


def test_help_is_in_chinese() -> None:
    result = runner.invoke(app, ["push", "--help"])
    assert result.exit_code == 0
    assert "推送到工作群" in result.stdout and "XJJ_DINGTALK_SECRET" in result.stdout

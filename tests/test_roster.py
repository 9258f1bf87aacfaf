"""The roster kind (review/kinds/roster.py) with the example roster of invented people
(tests/fixtures/roster.yaml), through the real `review` command and [tool.review] roster:
exact positions, suggestions and Chinese messages; nothing on correct names, titles and
dates; a broken roster stops the run with one line."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from engine_support import run_review

from review import engine
from review.engine import RuleSet
from review.kinds import roster as roster_kind
from review.rules.examples import verify
from review.rules.loader import load_pack

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "roster.yaml"
PACK = ROOT / "review" / "packs" / "roster.yaml"
ROSTER_RULES = ("typo/leader-name", "typo/roster-name", "terminology/roster-title", "terminology/roster-tenure")


def run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return run_review(*args, cwd=folder)  # the real command, in this process


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    shutil.copyfile(FIXTURE, tmp_path / "roster.yaml")
    (tmp_path / "pyproject.toml").write_text('[tool.review]\nroster = "roster.yaml"\n', encoding="utf-8")
    return tmp_path


def page(date: str | None, body: str) -> str:
    head = f"---\ntitle: 测试页面\ndate: {date}\n---\n\n" if date else "---\ntitle: 测试页面\n---\n\n"
    return head + body + "\n"


def roster_findings(folder: Path, text: str) -> list[dict]:
    (folder / "p.md").write_text(text, encoding="utf-8")
    proc = run(folder, "--format", "json", "--select", ",".join(ROSTER_RULES), "p.md")
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["findings"]


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of needle."""
    i = -1
    for _ in range(nth):
        i = text.index(needle, i + 1)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def brief(findings):
    return [(f["rule"], f["line"], f["column"], f["text"], f["suggestion"], f["message"]) for f in findings]


# --- titles and tenure on the page's date --------------------------------------------------


def test_title_of_another_post_then(site):
    """The issue's case: 副主任 written when the roster says 秘书长 on the page's date."""
    text = page("2024-06-01", "市人大常委会副主任王晓梅出席会议。主任王晓梅讲话。")
    found = roster_findings(site, text)
    assert brief(found) == [
        (
            "terminology/roster-tenure",
            *at(text, "副主任"),
            "副主任",
            "秘书长",
            "任职时间与人员名册不符：页面日期 2024-06-01，王晓梅尚未任副主任（名册任期：2026-01-15 至 今）",
        ),
        (
            "terminology/roster-title",
            *at(text, "主任王晓梅讲话"),
            "主任",
            "秘书长",
            "职务与人员名册不符：页面日期 2024-06-01，王晓梅任秘书长，名册中没有「主任」这一职务",
        ),
    ]
    assert all(not f["fixable"] and f["severity"] == "error" for f in found)


def test_a_post_no_longer_held(site):
    text = page("2026-03-01", "秘书长王晓梅主持会议，副主任赵振邦出席。")
    assert brief(roster_findings(site, text)) == [
        (
            "terminology/roster-tenure",
            *at(text, "秘书长"),
            "秘书长",
            "副主任",
            "任职时间与人员名册不符：页面日期 2026-03-01，王晓梅已不任秘书长（名册任期：2021-03-01 至 2025-12-31）",
        ),
        (
            "terminology/roster-tenure",
            *at(text, "副主任"),
            "副主任",
            "原副主任",
            "任职时间与人员名册不符：页面日期 2026-03-01，赵振邦已不任副主任（名册任期：2018-02-01 至 2023-01-09）",
        ),
    ]


def test_title_after_the_name_and_in_a_run(site):
    text = page("2024-06-01", "王晓梅副主任讲话。党组书记、副主任陈立国讲话。")
    assert brief(roster_findings(site, text)) == [
        (
            "terminology/roster-tenure",
            *at(text, "副主任"),
            "副主任",
            "秘书长",
            "任职时间与人员名册不符：页面日期 2024-06-01，王晓梅尚未任副主任（名册任期：2026-01-15 至 今）",
        ),
        (
            "terminology/roster-title",
            *at(text, "副主任", 2),
            "副主任",
            None,
            "职务与人员名册不符：页面日期 2024-06-01，陈立国任主任、党组书记，名册中没有「副主任」这一职务",
        ),
    ]


def test_former_posts(site):
    text = page("2024-06-01", "原副主任赵振邦出席。原副主任王晓梅出席。")
    assert brief(roster_findings(site, text)) == [
        (
            "terminology/roster-tenure",
            *at(text, "副主任", 2),
            "副主任",
            None,
            "任职时间与人员名册不符：页面日期 2024-06-01，王晓梅尚未任副主任（名册：自 2026-01-15 起），不应称「原副主任」",
        ),
    ]


@pytest.mark.parametrize(
    "date, body",
    [
        # the right title on the right day, either side of the name, first and last day of a term
        ("2024-06-01", "市人大常委会秘书长王晓梅出席会议，王晓梅秘书长讲话。"),
        ("2021-03-01", "秘书长王晓梅主持会议。"),
        ("2025-12-31", "秘书长王晓梅主持会议。"),
        ("2026-01-15", "市人大常委会副主任王晓梅出席会议。"),
        ("2024-06-01", "党组书记、主任陈立国讲话。"),
        ("2024-08-01", "研究室副主任周敏华介绍情况。"),
        # a former post, an undated one, a title not next to the name
        ("2026-03-01", "原秘书长王晓梅、原副主任赵振邦出席。"),
        ("2024-06-01", "时任副主任赵振邦曾参与起草。"),
        ("2024-06-01", "王晓梅出席会议并讲话，会议由副主任主持。"),
    ],
)
def test_correct_titles_and_dates_give_nothing(site, date, body):
    assert roster_findings(site, page(date, body)) == []


def test_without_a_date_titles_are_not_judged(site):
    assert roster_findings(site, page(None, "主任王晓梅讲话。")) == []


def test_the_blog_plugins_date_mapping(site):
    text = "---\ntitle: 讲座\ndate:\n  created: 2024-06-01\n---\n\n主任王晓梅讲话。\n"
    assert [f["rule"] for f in roster_findings(site, text)] == ["terminology/roster-title"]


# --- names one character off -----------------------------------------------------------------


def test_a_roster_name_with_a_wrong_character(site):
    text = page("2024-06-01", "会议由王晓玫同志主持，陈立囯讲话。")
    assert brief(roster_findings(site, text)) == [
        (
            "typo/roster-name",
            *at(text, "王晓玫"),
            "王晓玫",
            "王晓梅",
            "「王晓玫」与人员名册中的「王晓梅」只差一字，疑为误写",
        ),
        (
            "typo/roster-name",
            *at(text, "陈立囯"),
            "陈立囯",
            "陈立国",
            "「陈立囯」与人员名册中的「陈立国」只差一字，疑为误写",
        ),
    ]


def test_a_leaders_name_with_a_wrong_character(site):
    text = page(None, "全国人大常委会委员长赵乐纪出席。丁学祥同志讲话。")
    assert brief(roster_findings(site, text)) == [
        (
            "typo/leader-name",
            *at(text, "赵乐纪"),
            "赵乐纪",
            "赵乐际",
            "「赵乐纪」疑为「赵乐际」之误，领导人姓名必须准确",
        ),
        (
            "typo/leader-name",
            *at(text, "丁学祥"),
            "丁学祥",
            "丁薛祥",
            "「丁学祥」疑为「丁薛祥」之误，领导人姓名必须准确",
        ),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "习近平总书记指出，王沪宁、赵乐际、丁薛祥出席。",  # the right names
        "要深入学习近年来出台的法规，复习近期的培训内容，了解学习近况。",  # 习近 + a common word
        "沪宁城际铁路，王沪宇宙飞船。",  # the changed character inside a common word
        "王晓明同志、张建军同志参加。",  # a dictionary name: another person
        "王晓梅、陈立国、赵振邦、周敏华出席。",  # the roster's own names
        "王晓，梅花开放。陈立a国。",  # punctuation or a letter in the changed place
    ],
)
def test_near_misses_that_are_not_misspellings(site, body):
    assert roster_findings(site, page("2024-06-01", body)) == []


# --- the pack, the configuration, a broken roster --------------------------------------------


def test_pack_examples_hold_with_and_without_the_site_roster():
    rules = tuple(load_pack(PACK))
    assert verify(rules) == []
    bound = roster_kind.bind(rules, FIXTURE)
    assert verify(bound) == []
    # The site roster reaches only the `site: true` rules.
    by_id = {r.id: r for r in bound}
    assert "王晓梅" in {p.name for p in by_id["terminology/roster-title"].options["roster"]}
    assert "王晓梅" not in {p.name for p in by_id["typo/leader-name"].options["roster"]}


def test_without_a_configured_roster_only_the_packs_people(tmp_path):
    text = page("2024-06-01", "主任王晓梅讲话，王晓玫参加，委员长赵乐纪出席。")
    assert [f["rule"] for f in roster_findings(tmp_path, text)] == ["typo/leader-name"]


def test_positions_hold_after_a_bom_and_crlf(site):
    text = page("2024-06-01", "第一段。\r\n\r\n主任王晓梅讲话。").replace("\n", "\r\n").replace("\r\r", "\r")
    (site / "p.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    proc = run(site, "--format", "json", "--select", ",".join(ROSTER_RULES), "p.md")
    found = json.loads(proc.stdout)["findings"]
    lines = text.split("\n")
    assert [(f["line"], f["column"]) for f in found] == [(8, 1)]
    assert lines[7][found[0]["column"] - 1 : found[0]["end_column"] - 1] == "主任"


@pytest.mark.parametrize(
    "roster, where, reason",
    [
        ("people:\n  - name: 王晓梅\n    title: 秘书长\n", ":2:", "有 title 时需写明 from"),
        ("people:\n  - name: 王晓梅\n    title: 秘书长\n    from: 2021-02-30\n", ":2:", "from 应为日期"),
        (
            "people:\n  - name: 王晓梅\n    title: 秘书长\n    from: 2021-03-01\n    to: 2020-01-01\n",
            ":2:",
            "to 早于 from",
        ),
        ("people:\n  - name: 王晓梅\n    titel: 秘书长\n", ":2:", "未知字段 titel"),
        ("people:\n  - name: Wang\n    title: 秘书长\n    from: 2021-03-01\n", ":2:", "name 应为"),
        ("people:\n  - name: 王晓梅\n    name: 王晓\n", ":3:", "键「name」重复出现"),
        ("people: [\n", ":2:", "不是有效的 YAML"),
        ("- name: 王晓梅\n", ":1:", "只含 people 列表"),
    ],
)
def test_a_broken_roster_is_one_line_and_exit_2(site, roster, where, reason):
    (site / "roster.yaml").write_text(roster, encoding="utf-8")
    (site / "p.md").write_text(page("2024-06-01", "正文。"), encoding="utf-8")
    proc = run(site, "p.md")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "roster.yaml" + where in lines[0] and reason in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_missing_roster_is_a_configuration_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.review]\nroster = "nowhere.yaml"\n', encoding="utf-8")
    (tmp_path / "p.md").write_text("正文。\n", encoding="utf-8")
    proc = run(tmp_path, "p.md")
    assert proc.returncode == 2
    assert "pyproject.toml:2:" in proc.stderr and "找不到人员名册 nowhere.yaml" in proc.stderr


def test_the_library_sees_the_roster_too(site):
    """The site build reviews pages through review.api with the same rules."""
    from review.api import check_text, load_rules

    rules = load_rules(site)
    found = check_text(rules, "p.md", page("2024-06-01", "主任王晓梅讲话。"))
    assert [f.rule for f in found if f.rule in ROSTER_RULES] == ["terminology/roster-title"]


def test_rule_set_without_dictionary_load_for_clean_text():
    """A page with no near-miss never reads jieba's dictionary (the hook stays fast)."""
    rules = tuple(load_pack(PACK))
    rule = next(r for r in rules if r.id == "typo/leader-name")
    ruleset = RuleSet((rule,))
    engine.check(ruleset, "p.md", "会议由市人大常委会主持。\n" * 50)
    (matcher,) = [m for m in ruleset.matcher.kinds if getattr(m, "rules", None)]
    assert matcher.rules[0].options["dictionary"]._text is None


def test_a_lectures_speaker_title_in_front_matter(site):
    text = "---\ntitle: 讲座\ndate: 2024-06-01\nspeaker: 王晓梅\nspeaker_title: 示例市人大常委会副主任\n---\n\n正文。\n"
    assert brief(roster_findings(site, text)) == [
        (
            "terminology/roster-tenure",
            *at(text, "副主任\n"),
            "副主任",
            "秘书长",
            "任职时间与人员名册不符：页面日期 2024-06-01，王晓梅尚未任副主任（名册任期：2026-01-15 至 今）",
        ),
    ]
    for right in ("示例市人大常委会秘书长", '"示例市人大常委会秘书长"', "原示例市人大常委会秘书长"):
        ok = text.replace("示例市人大常委会副主任", right).replace(
            "2024-06-01", "2024-06-01" if "原" not in right else "2026-03-01"
        )
        assert roster_findings(site, ok) == [], right
    quoted = text.replace("示例市人大常委会副主任", '"示例市人大常委会主任"')
    assert brief(roster_findings(site, quoted)) == [
        (
            "terminology/roster-title",
            *at(quoted, '主任"'),
            "主任",
            "秘书长",
            "职务与人员名册不符：页面日期 2024-06-01，王晓梅任秘书长，名册中没有「主任」这一职务",
        ),
    ]


def test_two_character_names_only_where_they_end(site):
    text = page("2024-06-01", "主任林峰出席会议。主任林峰，副秘书长林峰同志。副主任林峰华出席。秘书长林峰调研。")
    assert brief(roster_findings(site, text)) == [
        (
            "terminology/roster-title",
            *at(text, "主任林峰出席"),
            "主任",
            "副秘书长",
            "职务与人员名册不符：页面日期 2024-06-01，林峰任副秘书长，名册中没有「主任」这一职务",
        ),
        (
            "terminology/roster-title",
            *at(text, "主任林峰，"),
            "主任",
            "副秘书长",
            "职务与人员名册不符：页面日期 2024-06-01，林峰任副秘书长，名册中没有「主任」这一职务",
        ),
        (
            "terminology/roster-title",
            *at(text, "秘书长林峰调研"),
            "秘书长",
            "副秘书长",
            "职务与人员名册不符：页面日期 2024-06-01，林峰任副秘书长，名册中没有「秘书长」这一职务",
        ),
    ]
    # 林峰华 is someone else; two-character names get no one-character-off check (林锋).
    assert roster_findings(site, page("2024-06-01", "副主任林峰华出席，林锋发言。")) == []

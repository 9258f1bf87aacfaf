"""One policy from commit to build: whatever the site build refuses (an unregistered lecture
category, an impossible date, a link to a draft, an automatic request to another host), the
review command reports at commit time, with file, line and a Chinese message.

The e2e tests build a copy of the site with the real `mkdocs build` and run the real command
(in process) on the same input; the unit tests check the rule options and the build's
messages without a build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from engine_support import run_review

from review.api import check_text, load_rules
from review.document import drafts as shared_drafts
from review.kinds import draftlink
from review.model import ReviewError
from review.rules import config as config_mod
from review.rules.loader import load_pack

LECTURE = "docs/lectures/posts/2026-03-local-legislation.md"
HEAD = "---\ntitle: 测试页\n---\n\n"


def findings(project: Path, *paths: str) -> list[dict]:
    """The real command on `paths`, in `project` (its own pyproject.toml), as JSON."""
    result = run_review("--format", "json", *paths, cwd=project)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def with_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- e2e: the build refuses, and review reports the same at commit time ----------------


@pytest.fixture
def site(tmp_path):
    from site_support import copy_site

    return copy_site(tmp_path / "site")


@pytest.mark.e2e
def test_unregistered_category_refused_by_build_and_reported_by_review(site):
    from site_support import build

    with_line(site / LECTURE, "categories:\n  - 立法工作\n", "categories:\n  - 立法工做\n")
    built = build(site)
    assert built.returncode != 0
    assert f"{LECTURE}:6：讲堂分类「立法工做」未在 lecture-categories.yml 中登记" in built.output, built.output
    assert "Traceback" not in built.output

    [f] = [f for f in findings(site, LECTURE) if f["rule"] == "metadata/unregistered-category"]
    assert (f["path"], f["line"], f["text"], f["severity"]) == (LECTURE, 6, "立法工做", "error")
    assert "未登记" in f["message"] and "立法工作" in f["message"]  # names the registered ones


@pytest.mark.e2e
def test_impossible_date_refused_in_chinese_and_reported_by_review(site):
    from site_support import build

    with_line(site / LECTURE, "date: 2026-03-12\n", "date: 2026-06-31\n")
    built = build(site)
    assert built.returncode != 0
    assert "第 3 行的日期「2026-06-31」不存在" in built.output, built.output
    assert "lectures/posts/2026-03-local-legislation.md" in built.output
    assert "out of range" not in built.output

    [f] = [f for f in findings(site, LECTURE) if f["rule"] == "metadata/invalid-date"]
    assert (f["path"], f["line"], f["column"], f["text"]) == (LECTURE, 3, 7, "2026-06-31")
    assert re.search(r"[\u4e00-\u9fff]", f["message"])


DRAFT_LINKER = "docs/study/policy-links.md"
DRAFT_PAGE = "---\ntitle: 草稿页\ndraft: true\n---\n\n尚未定稿。\n"


def _linking_page(extra_meta: str = "") -> str:
    return (
        f"---\ntitle: 链接到草稿\n{extra_meta}---\n\n# 链接到草稿\n\n"
        "正文第一段。\n\n参见[尚未定稿的页面](policy-draft.md#第一节)。\n"
    )


@pytest.mark.e2e
def test_link_to_draft_refused_by_build_and_reported_by_review_at_the_link(site):
    from site_support import build

    (site / "docs/study/policy-draft.md").write_text(DRAFT_PAGE, encoding="utf-8")
    (site / DRAFT_LINKER).write_text(_linking_page(), encoding="utf-8")

    [f] = [f for f in findings(site, DRAFT_LINKER) if f["rule"] == "metadata/link-to-draft"]
    assert (f["line"], f["column"], f["text"]) == (9, 13, "policy-draft.md#第一节")
    assert "study/policy-draft.md" in f["message"]

    built = build(site)
    assert built.returncode != 0
    # The build's review gate refuses it first, at the same place.
    assert f"{DRAFT_LINKER}:9:13: metadata/link-to-draft" in built.output, built.output


@pytest.mark.e2e
def test_the_builds_own_draft_link_check_names_the_line(site):
    """With the review finding exempted (a reason given), the build's own check (on the
    HTML) still refuses the link, and its message now names the source line."""
    from site_support import build

    (site / "docs/study/policy-draft.md").write_text(DRAFT_PAGE, encoding="utf-8")
    exempt = "review:\n  ignore: [metadata/link-to-draft -- 测试构建自身的链接检查]\n"
    (site / DRAFT_LINKER).write_text(_linking_page(exempt), encoding="utf-8")
    built = build(site)
    assert built.returncode != 0
    assert "study/policy-links.md:11：链接指向未发布的页面 study/policy-draft.md" in built.output, built.output


# ---- unit: the one registry of lecture categories ---------------------------------------


def test_the_category_registry_is_one_file_read_by_build_and_review():
    from studysite import lectures

    mkdocs_text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "lecture_categories: !relative $config_dir/lecture-categories.yml" in mkdocs_text
    built = lectures.check_categories(lectures.read_table(ROOT / "lecture-categories.yml"))
    reviewed = config_mod.load(None, ROOT).lists["lecture-categories"]
    assert tuple(built) == reviewed and "立法工作" in reviewed


def _one_of_rules(tmp_path, values: list[str] | None):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        yaml.safe_dump(
            {
                "rules": [
                    {
                        "id": "metadata/test-one-of",
                        "kind": "frontmatter",
                        "check": "one-of",
                        "field": "categories",
                        "list": "cats",
                        "severity": "error",
                        "message": "分类「{text}」未登记；已登记：{detail}",
                        "standard": "已登记的分类",
                        "rationale": "测试。",
                        "examples": [{"bad": "x"}, {"good": "y"}],
                    }
                ]
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    lines = ["[tool.review]", 'rules = ["pack.yaml"]']
    if values is not None:
        (tmp_path / "cats.yml").write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
        lines.append('lists = { cats = "cats.yml" }')
    (tmp_path / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_rules(tmp_path)


def _own(rules, text: str) -> list:
    return [f for f in check_text(rules, "docs/a.md", text) if f.rule == "metadata/test-one-of"]


@pytest.mark.parametrize(
    ("meta", "bad"),
    [
        ("categories:\n  - 甲\n  - 丁\n", [(5, 5, "丁")]),
        ("categories: [丁, 甲, 戊]\n", [(3, 14, "丁"), (3, 20, "戊")]),
        ("categories: 丁\n", [(3, 13, "丁")]),
        ('categories:\n  - "甲 "\n', [(4, 5, '"甲 "')]),  # a near miss is not registered
        ("categories:\n  - 甲\n  - 乙\n", []),
        ("tags: [丁]\n", []),  # another field is not checked
    ],
)
def test_one_of_reports_each_unregistered_value_at_its_place(tmp_path, meta, bad):
    rules = _one_of_rules(tmp_path, ["甲", "乙"])
    found = _own(rules, f"---\ntitle: 页\n{meta}---\n\n正文。\n")
    # Line 3 starts after "---\ntitle: 页\n"; columns count code points.
    assert [(f.line, f.column, f.text) for f in found] == bad
    assert all(f.message == f"分类「{f.text}」未登记；已登记：甲、乙" for f in found)


def test_one_of_without_its_list_reports_nothing(tmp_path):
    rules = _one_of_rules(tmp_path, None)
    assert _own(rules, "---\ntitle: 页\ncategories: [丁]\n---\n") == []


def test_list_file_mapping_keys_are_the_values(tmp_path):
    (tmp_path / "cats.yml").write_text("甲: a\n乙: b\n", encoding="utf-8")
    assert config_mod.read_list(tmp_path / "cats.yml") == ("甲", "乙")


@pytest.mark.parametrize(
    ("setting", "files", "why"),
    [
        ('lists = { cats = "missing.yml" }', {}, "无法读取"),
        ('lists = { cats = "cats.yml" }', {"cats.yml": "[甲, [乙]]\n"}, "应为文字列表"),
        ('lists = { cats = "cats.yml" }', {"cats.yml": "[甲\n"}, "不是有效的 YAML"),
        ('lists = ["cats.yml"]', {}, "列表名"),
    ],
)
def test_bad_list_configuration_is_one_clear_line_with_exit_2(tmp_path, setting, files, why):
    (tmp_path / "pyproject.toml").write_text(f"[tool.review]\n{setting}\n", encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ReviewError, match=why):
        config_mod.load(None, tmp_path)
    (tmp_path / "a.md").write_text("---\ntitle: 页\n---\n", encoding="utf-8")
    result = run_review("a.md", cwd=tmp_path)
    assert result.returncode == 2 and "lists" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("record", "why"),
    [
        ({"check": "one-of", "field": "categories"}, "list"),
        ({"check": "required", "field": "title", "list": "cats"}, "list 只用于"),
    ],
)
def test_one_of_options_are_checked_when_the_pack_loads(tmp_path, record, why):
    rule = {
        "id": "metadata/x",
        "kind": "frontmatter",
        "severity": "error",
        "message": "消息",
        "standard": "标准",
        "rationale": "依据。",
        "examples": [{"bad": "x"}, {"good": "y"}],
        **record,
    }
    pack = tmp_path / "p.yaml"
    pack.write_text(yaml.safe_dump({"rules": [rule]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReviewError, match=why):
        load_pack(pack)


def test_the_builds_category_refusal_names_file_and_line(tmp_path):
    from studysite import lectures

    posts = tmp_path / "docs" / "lectures" / "posts"
    posts.mkdir(parents=True)
    (posts / "a.md").write_text(
        "---\ntitle: 讲座\ncategories:\n  - 代表工作\n  - 错分类\n---\n正文\n", encoding="utf-8"
    )
    (posts / "b.md").write_text("---\ntitle: 讲座\ncategories: [代表工作]\n---\n错分类\n", encoding="utf-8")
    slugify = lectures.category_slugifier({"代表工作": "deputies"}, str(posts), str(tmp_path))
    assert slugify("代表工作", "-") == "deputies"
    with pytest.raises(lectures.LectureError) as caught:
        slugify("错分类", "-")
    # Only the post whose front matter names it (b.md says it in the body only).
    assert str(caught.value).startswith("docs/lectures/posts/a.md:5：讲堂分类「错分类」未在")
    assert "已登记：代表工作" in str(caught.value)


# ---- unit: impossible dates in the build -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "value"),
    [
        ("---\ntitle: 页\ndate: 2026-06-31\n---\n", 3, "2026-06-31"),
        ("---\ntitle: 页\nhistory:\n  - date: 2026-02-29\n---\n", 4, "2026-02-29"),
    ],
)
def test_the_build_names_an_impossible_date_in_chinese(text, line, value):
    from studysite import drafts

    decision = drafts.decide("study/p.md", text)
    assert decision.error == (
        f"study/p.md：第 {line} 行的日期「{value}」不存在，应为真实存在的日期（YYYY-MM-DD）；"
        "front matter 因此无法被 MkDocs 读取，会丢弃全部元数据（包括 draft）"
    )


def test_a_real_leap_day_is_not_refused():
    from studysite import drafts

    assert drafts.decide("study/p.md", "---\ntitle: 页\ndate: 2028-02-29\n---\n").error is None


# ---- unit: links to drafts ------------------------------------------------------------


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    root = tmp_path / "docs"
    (root / "study").mkdir(parents=True)
    (root / "Drafts").mkdir()
    (root / "Drafts" / "x.md").write_text("---\ntitle: 文件夹草稿\n---\n", encoding="utf-8")
    (root / "study" / "d.md").write_text("---\ntitle: 草稿\ndraft: true\n---\n", encoding="utf-8")
    (root / "study" / "p.md").write_text("---\ntitle: 已定稿\ndraft: false\n---\n", encoding="utf-8")
    (root / "study" / "q.md").write_text('---\ntitle: 含糊\ndraft: "true"\n---\n', encoding="utf-8")
    return root


def _draft_hits(page: Path, body: str) -> list[tuple[str, str]]:
    from review.document.markdown import parse

    text = HEAD + body
    doc = parse(str(page), text)
    return [(text[s:e], target) for s, e, target in draftlink.draft_links(str(page), doc.views["markup"])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[甲](d.md)\n", [("d.md", "study/d.md")]),
        ("[甲](./d.md#节 '标题')\n", [("./d.md#节", "study/d.md")]),
        ("[甲](<d.md>)\n", [("d.md", "study/d.md")]),
        ("[甲](%64.md)\n", [("%64.md", "study/d.md")]),
        ("[甲](../Drafts/x.md)\n", [("../Drafts/x.md", "Drafts/x.md")]),
        ("![图](d.md)\n", [("d.md", "study/d.md")]),
        ("[甲][r]\n\n[r]: d.md\n", [("d.md", "study/d.md")]),
        ("[甲](p.md) [乙](q.md) [丙](missing.md)\n", []),  # published, ambiguous (its own error), absent
        ("[甲](../../outside.md) [乙](/study/d.md) [丙](https://x.invalid/d.md)\n", []),
        ("`[甲](d.md)`\n\n```\n[甲](d.md)\n```\n\n<!-- [甲](d.md) -->\n", []),  # code and comments
    ],
)
def test_links_to_drafts_found_at_their_address(docs, body, expected):
    assert _draft_hits(docs / "study" / "page.md", body) == expected


def test_draft_decision_follows_an_edited_target(docs):
    page = docs / "study" / "page.md"
    assert _draft_hits(page, "[甲](p.md)\n") == []
    target = docs / "study" / "p.md"
    target.write_text("---\ntitle: 又成了草稿\ndraft: true\n---\n", encoding="utf-8")
    assert _draft_hits(page, "[甲](p.md)\n") == [("p.md", "study/p.md")]


def test_a_page_without_markdown_links_reads_no_other_file(docs, monkeypatch):
    calls = []
    monkeypatch.setattr(shared_drafts, "linked_draft", lambda *a: calls.append(a))
    assert _draft_hits(docs / "study" / "page.md", "正文[链接](https://example.invalid/)，图![](a.png)。\n") == []
    assert calls == []


def test_the_builds_link_message_line_comes_from_the_source(docs):
    from studysite import drafts

    page = docs / "study" / "page.md"
    page.write_text(HEAD + "第一段。\n\n见[甲](d.md)。\n", encoding="utf-8")
    assert drafts.link_lines(str(page), ["study/d.md"]) == {"study/d.md": 7}


def test_review_reports_a_link_to_draft_through_the_command(docs):
    page = docs / "study" / "page.md"
    page.write_text(HEAD + "见[甲](d.md)。\n", encoding="utf-8")
    (docs.parent / "pyproject.toml").write_text("[tool.review]\n", encoding="utf-8")
    [f] = [f for f in findings(docs.parent, "docs/study/page.md") if f["rule"] == "metadata/link-to-draft"]
    assert (f["path"], f["line"], f["column"], f["text"]) == ("docs/study/page.md", 5, 6, "d.md")
    assert f["message"] == "链接指向草稿「study/d.md」，草稿不发布，站点构建会拒绝这个链接"


# ---- unit: links to other hosts, per the gate's policy ------------------------------------

EXTERNAL = [
    ("[中国人大网](http://www.npc.gov.cn/)", False),  # a link a reader follows: allowed
    ('<a href="https://www.gov.cn/">中国政府网</a>', False),
    ('<img src="https://x.invalid/a.png" alt="图">', True),  # fetched by itself: refused
    ('<iframe src="//x.invalid/v"></iframe>', True),
]


@pytest.mark.parametrize(("markdown", "refused"), EXTERNAL)
def test_external_links_review_and_build_audit_agree(markdown, refused):
    offline = pytest.importorskip("studysite.offline", reason="the site extras (selectolax) are not installed")
    import markdown as md

    html = md.markdown(markdown)
    assert bool(offline.audit_html(f"<!doctype html><html><body>{html}</body></html>", "a/index.html")) == refused
    rules = load_rules(ROOT)
    fetches = [f for f in check_text(rules, "docs/a.md", HEAD + markdown + "\n") if f.rule == "markup/external-fetch"]
    assert bool(fetches) == refused, markdown

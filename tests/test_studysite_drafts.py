"""studysite.drafts: the draft decision on what MkDocs parses, symlinks, comments, links."""

from __future__ import annotations

import os

import pytest

from studysite import drafts

DRAFT = [
    "---\ndraft: true\n---\nx",
    "---\n{draft: true, title: t}\n---\nx",
    '---\n"draft": true\n---\n',
    "---\ndraft: yes\n---\n",
    "---\ndraft: On\n---\n",
    "---\n  title: t\n  draft: TRUE\n---\n",
    "---\nx: &a true\ndraft: *a\n---\n",
    "---\n? draft\n: true\n---\n",
]
PUBLISHED = ["---\ntitle: t\n---\n# ok", "# plain\n", "---\ndraft: false\n---\n", "---\n# only a comment\n---\n"]
AMBIGUOUS = {
    '---\ndraft: "true"\n---\n': "含义不明确",
    "---\nDraft: true\n---\n": "像是 draft",
    "---\ndr\u200baft: true\n---\n": "像是 draft",
    "---\ndraft: 1\n---\n": "含义不明确",
    "---\ndraft:\n---\n": "含义不明确",
    "---\ndraft: false\ndraft: true\n---\n": "不止一个",
    "---\ntitle: [unclosed\ndraft: true\n---\n": "无法被 MkDocs 读取",
    "---\ndate: 2026-02-30\ndraft: true\n---\n": "无法被 MkDocs 读取",
    "---\n- draft\n---\n": "顶层不是键值对",
    "---\ndraft: true\n---": "没有按 MkDocs 的格式结束",
    "\n---\ndraft: true\n---\n": "没有按 MkDocs 的格式结束",
    "Draft: true\n\n# x": "含义不明确",  # MultiMarkdown metadata: MkDocs reads a string
}


@pytest.mark.parametrize("text", DRAFT)
def test_true_in_any_yaml_spelling_is_a_draft(text):
    assert drafts.decide("a/p.md", text) == drafts.Decision("a/p.md", True)


@pytest.mark.parametrize("text", PUBLISHED)
def test_ordinary_pages_are_not_drafts(text):
    assert drafts.decide("a/p.md", text) == drafts.Decision("a/p.md", False)


@pytest.mark.parametrize(("text", "why"), AMBIGUOUS.items())
def test_ambiguous_or_unreadable_front_matter_is_an_error_naming_the_file(text, why):
    decision = drafts.decide("study/p.md", text)
    assert decision.error and decision.error.startswith("study/p.md：") and why in decision.error


@pytest.mark.parametrize("path", ["drafts/a.md", "x/Drafts/a.md", "x/DRAFTS/y/a.md", "ｄｒａｆｔｓ/a.md"])
def test_drafts_folder_in_any_case(path):
    assert drafts.in_draft_folder(path) and drafts.decide(path, "# x").draft


def test_a_file_named_drafts_is_not_a_folder():
    assert not drafts.in_draft_folder("x/drafts.md")


def test_symlinks_leaving_docs_or_entering_drafts(tmp_path):
    docs = tmp_path / "docs"
    (docs / "Drafts").mkdir(parents=True)
    (docs / "Drafts" / "d.md").write_text("x")
    (docs / "ok.md").write_text("x")
    (tmp_path / "outside.md").write_text("x")
    os.symlink("Drafts/d.md", docs / "to-draft.md")
    os.symlink("../outside.md", docs / "out.md")
    os.symlink("ok.md", docs / "alias.md")
    assert "草稿目录" in drafts.symlink_problem(str(docs / "to-draft.md"), str(docs))
    assert "docs 目录之外" in drafts.symlink_problem(str(docs / "out.md"), str(docs))
    assert drafts.symlink_problem(str(docs / "alias.md"), str(docs)) is None
    assert drafts.symlink_problem(str(docs / "ok.md"), str(docs)) is None


def test_strip_comments_keeps_directives_and_code():
    text = "a<!-- note -->b\n\n<!-- more -->\n\n```\n<!-- code -->\n```\n"
    assert drafts.strip_comments(text) == "ab\n\n<!-- more -->\n\n```\n<!-- code -->\n```\n"


def test_links_to_unpublished_pages_found_in_parsed_html():
    unpublished = {"/study/secret/": "study/secret.md"}
    html = (
        '<a href="secret/">a</a><a href="./secret/index.html">b</a><a href="&#115;ecret/">c</a>'
        '<a href="https://other.example/study/secret/">d</a><a href="#x">e</a>'
    )
    found = drafts.links_to_unpublished(html, "study/", unpublished)
    assert [href for href, _ in found] == ["secret/", "./secret/index.html", "secret/"]

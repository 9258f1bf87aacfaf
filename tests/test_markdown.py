"""Masking: what text rules must not see is blanked, positions never move."""

import pytest

from review.document.markdown import FILL, parse

DOC = """---
title: 标题 dang的
template: 模板 dang
---
# 标题 `dang代码`

学习**重点**内容，见[链接 dang的](http://x.cn/dang的 "dang") 与 ![图](dang.png)。

<!-- 编者 dang的 -->
```python
dang的 = 1
```

    dang的缩进代码

> 引用 dang的
- 列表 dang的

| 表 | dang的 |
|---|---|
网址 https://dang.example.com/dang的,后文
"""


def test_views_keep_length_and_line_breaks():
    doc = parse("a.md", DOC)
    for view in doc.views.values():
        assert len(view) == len(DOC)
        assert [i for i, c in enumerate(view) if c == "\n"] == [i for i, c in enumerate(DOC) if c == "\n"]


@pytest.mark.parametrize(
    "hidden",
    [
        "template: 模板 dang",
        "title: ",
        "`dang代码`",
        "dang的 = 1",
        "dang的缩进代码",
        "<!-- 编者 dang的 -->",
        "http://x.cn/dang的",
        "dang.png",
    ],
)
def test_not_checked_parts_are_blank_in_prose(hidden):
    doc = parse("a.md", DOC)
    start = DOC.index(hidden)
    assert set(doc.views["prose"][start : start + len(hidden)]) <= {FILL, " ", "\n"}


@pytest.mark.parametrize(
    "visible", ["# 标题", "重点", "链接 dang的", "引用 dang的", "列表 dang的", "| 表 | dang的 |", "图"]
)
def test_checked_parts_stay_visible(visible):
    doc = parse("a.md", DOC)
    start = DOC.index(visible)
    assert doc.views["prose"][start : start + len(visible)] == visible


def test_emphasis_delimiters_hidden_but_lone_stars_kept():
    doc = parse("a.md", "学习**重点**内容，dang的**大和巩固拓展****成果\n")
    prose = doc.views["prose"]
    assert prose.startswith("学习" + FILL * 2 + "重点" + FILL * 2)
    assert "dang的**大" in prose and "****成果" in prose


def test_bare_url_visible_in_urls_scope_only():
    doc = parse("a.md", DOC)
    url = "https://dang.example.com/dang的"
    start = DOC.index(url)
    assert doc.views["urls"][start : start + len(url)] == url
    assert FILL in doc.views["prose"][start : start + len(url)]
    assert doc.views["prose"][start + len(url)] == ","  # trailing punctuation is prose


def test_markup_scope_sees_tags_and_link_urls_not_code():
    doc = parse("a.md", "<script>x</script> [a](javascript:alert) `<script>`\n")
    assert "<script>" in doc.views["markup"][:10]
    assert "javascript:alert" in doc.views["markup"]
    assert doc.views["markup"].count("<script>") == 1


def test_unterminated_fence_masks_to_end():
    doc = parse("a.md", "正文\n```\ndang的\n")
    assert "dang" not in doc.views["prose"]


def test_unterminated_front_matter_is_not_masked():
    doc = parse("a.md", "---\ntitle: x\n正文 dang的\n")
    assert doc.front_matter is not None and not doc.front_matter.closed
    assert "dang的" in doc.views["prose"]


def test_positions_are_code_points():
    doc = parse("a.md", "第一行\n第二行ab")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 1)
    assert doc.position(7) == (2, 4)


def test_crlf_lines():
    text = "---\r\ntitle: 标题\r\n---\r\n正文`代码`\r\n"
    doc = parse("a.md", text)
    assert doc.views["prose"].endswith("正文" + FILL * 4 + "\r\n")


def test_published_front_matter_values_are_checked():
    doc = parse("a.md", DOC)
    start = DOC.index("标题 dang的")
    assert doc.views["prose"][start : start + len("标题 dang的")] == "标题 dang的"
    assert doc.body_start == DOC.index("# 标题")


def test_front_matter_opens_as_mkdocs_reads_it():
    assert parse("a.md", "--- \ntitle: t\n---\n正文\n").front_matter.closed
    assert parse("a.md", "---\ntitle: t\n---").front_matter.closed is False  # no line break after the fence
    assert parse("a.md", "----\ntitle: t\n---\n").front_matter is None


def test_stray_comment_opener_hides_nothing():
    for text in ("注释以 `<!--` 开头。\n\n学习dang的\n", "正文 <!-- 没有结束\n\n学习dang的\n"):
        doc = parse("a.md", text)
        assert "学习dang的" in doc.views["prose"] and doc.comments == ()


def test_comment_inside_code_span_is_not_a_comment_and_backticks_inside_comments_are_hidden():
    doc = parse("a.md", "`<!-- review-disable masking -->` <!-- 注释 `x` --> 正文\n")
    assert len(doc.comments) == 1 and doc.text[slice(*doc.comments[0])] == "<!-- 注释 `x` -->"

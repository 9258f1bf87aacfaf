"""The site logic in studysite/, imported directly (no MkDocs build): navigation order,
最近更新, self-tests, tag order, lecture headers, print compilation, git dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.utils.meta import get_data

from studysite import gitdates, lectures, nav, pages, printing, quiz, recent, tags
from studysite.errors import SiteInputError

SITE = {
    "index.md": "首页",
    "tags.md": "标签",
    "study/index.md": "学习资料",
    "study/print.md": "打印版",
    "study/deputies/index.md": "代表工作",
    "study/deputies/a.md": "代表议案",
    "study/system/index.md": "人民代表大会制度",
    "study/system/b.md": "根本政治制度",
    "study/system/a.md": "常设机关",
    "guide/index.md": "编辑指南",
    "plan/index.md": "工作要点",
}
ORDER = ["index.md", {"study": ["index.md", "system", "deputies", "print.md"]}, "plan", "tags.md", "guide"]


def make_nav(tmp_path: Path, pages_: dict[str, str] = SITE):
    docs = tmp_path / "docs"
    for uri, title in pages_.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(f"---\ntitle: {title}\n---\n\n# {title}\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "测试", "docs_dir": str(docs)})
    assert config.validate() == ([], [])
    return get_navigation(get_files(config), config)


def sidebar(items, depth=0):
    """(depth, title) of every item as the sidebar shows it."""
    out = []
    for item in items:
        out.append((depth, item.title if item.title else pages.title_of(item)))
        if item.children:
            out += sidebar(item.children, depth + 1)
    return out


def test_declared_order_drives_sidebar_footer_and_titles(tmp_path):
    site = nav.apply_order(make_nav(tmp_path), ORDER, pages.title_of)
    uris = [p.file.src_uri for p in site.pages]
    assert uris == [
        "index.md",
        "study/index.md",
        "study/system/index.md",
        "study/system/a.md",
        "study/system/b.md",
        "study/deputies/index.md",
        "study/deputies/a.md",
        "study/print.md",
        "plan/index.md",
        "tags.md",
        "guide/index.md",
    ]
    # sections carry the Chinese title of their index page, not the folder name
    titles = [t for _, t in sidebar(site.items) if t]
    assert "人民代表大会制度" in titles and "System" not in titles and "Study" not in titles
    # the footer chain is the sidebar order, both ways
    assert [p.next_page.file.src_uri if p.next_page else None for p in site.pages] == [*uris[1:], None]
    assert [p.previous_page.file.src_uri if p.previous_page else None for p in site.pages] == [None, *uris[:-1]]
    assert list(pages.nav_order(site.pages[5])) == site.pages


def test_unlisted_pages_follow_listed_ones(tmp_path):
    site = nav.apply_order(make_nav(tmp_path, {**SITE, "extra/index.md": "附录"}), ORDER, pages.title_of)
    assert [p.file.src_uri for p in site.pages][-1] == "extra/index.md"


def test_bad_order_entry_is_a_chinese_error():
    with pytest.raises(SiteInputError, match=r"extra\.nav_order 第 2 项"):
        nav.parse_order(["index.md", 3])


def test_recent_updates_newest_first_with_lecture_dates(tmp_path):
    entries = [
        recent.page_entry("study/a.md", "---\ntitle: 甲\n---\n", "2026-03-01"),
        recent.page_entry("lectures/posts/b.md", "---\ntitle: 乙\ndate: 2026-06-10\n---\n", "2026-02-01"),
        recent.page_entry("plan/c.md", "# 丙\n", "2026-05-01"),
        recent.page_entry("lectures/posts/d.md", "---\ntitle: 丁\ndate: 2026-01-10\n---\n", "2026-03-01"),
    ]
    assert recent.page_entry("study/print.md", "---\ntitle: 打印\nprint_section: study\n---\n", "2026-09-01") is None
    newest = recent.latest([e for e in entries if e], 3)
    assert [e.title for e in newest] == ["乙", "丙", "丁"]  # 丁 and 甲 tie on 3-1; the lecture's date breaks it
    listing = recent.markdown_list(newest, "index.md")
    assert listing.splitlines()[0] == "- [乙](lectures/posts/b.md)　<small>2026年6月10日</small>"
    assert recent.fill("## 最近更新\n\n<!-- 最近更新 -->\n", listing).count("- [") == 3
    assert recent.wanted("study/a.md", ["study"]) and not recent.wanted("study/index.md", ["study"])
    assert not recent.wanted("guide/a.md", ["study", "plan"])


QUESTION = """\
前文

!!! quiz "单选题"

    题干：哪一个？

    - [ ] 甲
    - [x] 乙
    - [ ] 丙

    解析：依据[第一条](a.md#第一条)。

```markdown
!!! quiz "单选题"
```
"""


def test_quiz_parse_and_render():
    (q,) = quiz.parse(QUESTION, "docs/a.md")
    assert (q.kind, q.options, q.answer, q.line) == ("single", ("甲", "乙", "丙"), (1,), 3)
    assert q.explanation.startswith("解析：依据[第一条](a.md#第一条)")
    out = quiz.to_html(QUESTION, "docs/a.md")
    assert out.startswith('前文\n\n<div class="quiz" data-kind="single" data-answer="1" data-right="B" markdown>')
    assert out.count('type="radio"') == 3 and "**正确答案：B**" in out
    assert '```markdown\n!!! quiz "单选题"\n```' in out  # code blocks untouched
    assert quiz.to_html("没有测试。\n") == "没有测试。\n"


def test_quiz_multiple_and_true_false():
    multi = quiz.parse(
        '!!! quiz "多选题"\n\n    题？\n\n    - [x] 甲\n    - [X] 乙\n    - [ ] 丙\n\n    解析：因为。\n'
    )[0]
    assert multi.answer == (0, 1) and 'type="checkbox"' in quiz.render(multi, 1)
    tf = quiz.parse('!!! quiz "判断题"\n\n    对吗？\n\n    - [ ] 正确\n    - [x] 错误\n\n    解析：不对。\n')[0]
    assert tf.answer == (1,) and 'data-right="错误"' in quiz.render(tf, 2)


@pytest.mark.parametrize(
    "block, message",
    [
        ('!!! quiz "填空题"\n\n    题？\n\n    - [x] 甲\n    - [ ] 乙\n\n    解析：。\n', "题型「填空题」"),
        ('!!! quiz "单选题"\n\n    - [x] 甲\n    - [ ] 乙\n\n    解析：。\n', "缺少题干"),
        ('!!! quiz "单选题"\n\n    题？\n\n    - [x] 甲\n\n    解析：。\n', "至少要有两个选项"),
        ('!!! quiz "单选题"\n\n    题？\n\n    - [x] 甲\n    - [x] 乙\n\n    解析：。\n', "恰好标出一个正确选项"),
        ('!!! quiz "多选题"\n\n    题？\n\n    - [x] 甲\n    - [ ] 乙\n\n    解析：。\n', "至少两个正确选项"),
        ('!!! quiz "判断题"\n\n    题？\n\n    - [x] 对\n    - [ ] 错\n\n    解析：。\n', "「正确」和「错误」"),
        ('!!! quiz "单选题"\n\n    题？\n\n    - [x] 甲\n    - [ ] 乙\n', "缺少解析"),
    ],
)
def test_quiz_errors_name_file_and_line(block, message):
    with pytest.raises(quiz.QuizError) as err:
        quiz.parse("# 标题\n\n" + block, "docs/study/x.md")
    assert message in str(err.value) and str(err.value).startswith("docs/study/x.md:3：")


def test_every_study_topic_ends_with_a_valid_self_test():
    root = Path(__file__).resolve().parent.parent / "docs" / "study"
    for topic in sorted(p for p in root.iterdir() if p.is_dir()):
        text = (topic / "index.md").read_text(encoding="utf-8")
        questions = quiz.parse(text, str(topic))
        assert 3 <= len(questions) <= 5, topic
        assert {q.kind for q in questions} == {"single", "multiple", "truefalse"}, topic
        for q in questions:
            assert "laws/" in q.explanation and "#第" in q.explanation, (topic, q.line)


def test_tags_in_pinyin_order():
    names = ["监督工作", "代表工作", "人大讲堂", "立法工作", "全过程人民民主", "安全"]
    assert sorted(names, key=tags.pinyin_key) == [
        "安全",
        "代表工作",
        "监督工作",
        "立法工作",
        "全过程人民民主",
        "人大讲堂",
    ]
    assert sorted(names) != sorted(names, key=tags.pinyin_key)  # code point order differs


def test_lecture_header_and_categories():
    meta = {"slug": "a-b", "speaker": "张三<b>", "speaker_title": "教授", "summary": "提要"}
    md = lectures.with_header("# 题目\n\n正文\n", "lectures/posts/x.md", meta)
    assert md.startswith('# 题目\n\n<p class="lecture-speaker">主讲人：张三&lt;b&gt;（教授）</p>')
    assert '!!! abstract "内容提要"' in md
    with pytest.raises(lectures.LectureError, match=r"lectures/posts/x\.md 须在 front matter 写 slug"):
        lectures.header("lectures/posts/x.md", {"slug": "中文", "speaker": "张三"})
    with pytest.raises(lectures.LectureError, match="缺少主讲人"):
        lectures.header("lectures/posts/x.md", {"slug": "a"})
    slugify = lectures.category_slugifier(lectures.check_categories({"代表工作": "deputies"}))
    assert slugify("代表工作", "-") == "deputies"
    with pytest.raises(lectures.LectureError, match="讲堂分类「未登记」未在"):
        slugify("未登记", "-")
    with pytest.raises(lectures.LectureError, match="须为小写英文"):
        lectures.check_categories({"代表工作": "Deputies Work"})


def test_print_rebase_and_compact():
    html = '<h2 id="x">标题</h2><a href="#x">本页</a><a href="../b/#y">另一页</a><img src="../../assets/a.png">'
    out = printing.rebase(html, "study/a/", "study/print/", "p1-")
    assert 'id="p1-x"' in out and 'href="#p1-x"' in out
    assert 'href="../b/#y"' in out and 'src="../../assets/a.png"' in out
    assert (
        printing.compact_html("<div>\n    <p>a</p>\n</div><pre>\n    x\n</pre>")
        == "<div>\n<p>a</p>\n</div><pre>\n    x\n</pre>"
    )


def test_git_dates_parse_and_chinese_date():
    log = "#2026-05-01\nstudy/a.md\nstudy/b.md\n\n#2026-04-01\nstudy/a.md\nplan/c.md\n"
    dates = gitdates.parse_log(log, dirty=" M docs/plan/c.md\n", prefix="docs/")
    assert dates == {"study/a.md": "2026-05-01", "study/b.md": "2026-05-01"}
    assert gitdates.chinese_date("2026-06-09") == "2026年6月9日"
    assert gitdates.chinese_date(dt.date(2026, 12, 31)) == "2026年12月31日"


def test_sitemap_dropped_only_without_site_url(tmp_path):
    (tmp_path / "sitemap.xml").write_text("<urlset/>")
    pages.drop_sitemap(str(tmp_path), "http://intranet/")
    assert (tmp_path / "sitemap.xml").exists()
    pages.drop_sitemap(str(tmp_path), None)
    assert not (tmp_path / "sitemap.xml").exists()


def test_quiz_errors_count_lines_of_the_file_with_front_matter():
    source = (
        "---\ntitle: 测试\n---\n\n# 测试\n\n"
        + '!!! quiz "判断题"\n\n    对吗？\n\n    - [x] 正确\n    - [x] 错误\n\n    解析：。\n'
    )
    first = pages.body_first_line(source)
    body = get_data(source)[0]  # what MkDocs hands to on_page_markdown
    with pytest.raises(quiz.QuizError, match=r"^docs/a.md:7："):
        quiz.to_html(body, "docs/a.md", first)

"""The built site (real MkDocs): one order for sidebar, footer and print; the law library
with an anchor per article; generated 最近更新; theme labels; tags; sitemap."""

from __future__ import annotations

import html as htmlmod
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from site_support import build, copy_site, real_site

from studysite import tags

pytestmark = pytest.mark.e2e  # builds the real site: not in `make check`

STUDY_TOPICS = ["人民代表大会制度", "全过程人民民主", "立法工作", "监督工作", "代表工作"]


@pytest.fixture(scope="module")
def site():
    built = real_site()
    assert built.returncode == 0, built.output
    return built.site


def read(site, path: str) -> str:
    return (
        (site / path / "index.html").read_text(encoding="utf-8")
        if not path.endswith(".html")
        else (site / path).read_text(encoding="utf-8")
    )


def footer(html: str) -> tuple[str | None, str | None]:
    prev = re.search(r'md-footer__link--prev" aria-label="上一页: ([^"]*)"', html)
    nxt = re.search(r'md-footer__link--next" aria-label="下一页: ([^"]*)"', html)
    return (htmlmod.unescape(prev.group(1)) if prev else None, htmlmod.unescape(nxt.group(1)) if nxt else None)


def walk_footer(site) -> list[tuple[str, str]]:
    """(url, title) from the home page following 下一页 to the end."""
    url, seen = "", []
    while url is not None and len(seen) < 200:
        html = read(site, url) if url else read(site, "index.html")
        title = re.search(r"<title>(.*?)( - 市人大机关学习园地)?</title>", html).group(1)
        seen.append((url, htmlmod.unescape(title)))
        nxt = re.search(r'<a href="([^"]*)" class="md-footer__link md-footer__link--next"', html)
        if not nxt:
            break
        base = url.rstrip("/").split("/") if url else []
        parts = base + nxt.group(1).split("/")
        stack: list[str] = []
        for part in parts:
            if part == "..":
                stack.pop()
            elif part not in ("", "."):
                stack.append(part)
        url = "/".join(stack) + "/" if stack else None
    return seen


def test_footer_follows_the_declared_order(site):
    chain = walk_footer(site)
    urls = [u for u, _ in chain]
    titles = [t for _, t in chain]
    # home → 学习资料, not 标签; study topics in the declared order, then print, laws, lectures
    assert urls[1] == "study/"
    topics = [titles.index(t) for t in STUDY_TOPICS]
    assert topics == sorted(topics), titles
    assert (
        urls.index("study/print/")
        < urls.index("laws/")
        < urls.index("laws/constitution/")
        < urls.index("laws/oversight-law/")
        < urls.index("lectures/")
        < urls.index("plan/")
        < urls.index("tags/")
        < urls.index("guide/")
    )
    # every page in the chain links back to the one before it
    for (_prev_url, prev_title), (url, _) in itertools.pairwise(chain):
        assert footer(read(site, url))[0] == prev_title, url


def test_print_compilation_in_the_declared_order(site):
    html = read(site, "study/print")
    heads = [htmlmod.unescape(h) for h in re.findall(r'<article class="print-page">\s*<h1[^>]*>(.*?)<', html)]
    topics = [heads.index(t) for t in STUDY_TOPICS]
    assert topics == sorted(topics), heads


def test_law_pages_have_an_anchor_per_article(site):
    html = read(site, "laws/constitution")
    ids = re.findall(r'id="(第[^"]+条)"', html)
    assert len(ids) == 143 and len(set(ids)) == 143
    assert 'id="第五十七条"' in html and 'id="第三章第一节"' in html
    assert "制定和修改情况" in html and "目录" in html
    index = read(site, "laws")
    for slug in ("constitution", "deputies-law", "oversight-law", "legislation-law", "election-law"):
        assert f'href="{slug}/"' in index


def test_links_to_articles_land_on_existing_anchors(site):
    """Every link from study pages and lectures to laws/…#第X条 names an id of that page."""
    links = 0
    for page in list((site / "study").rglob("index.html")) + list((site / "lectures").rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        for target, anchor in re.findall(r'href="([^"#]*laws/[a-z-]+/)#([^"]+)"', html):
            law = (page.parent / target / "index.html").resolve()
            assert f'id="{anchor}"' in law.read_text(encoding="utf-8"), (page, target, anchor)
            links += 1
    assert links >= 15


def test_recent_updates_are_generated(site):
    html = read(site, "index.html")
    section = html.split('id="最近更新"', 1)[1].split("</ul>", 1)[0]
    items = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', section)
    assert len(items) == 6
    assert "<!-- 最近更新 -->" not in html
    dates = re.findall(r"<small>(\d+)年(\d+)月(\d+)日</small>", section)
    assert dates == sorted(dates, key=lambda d: tuple(map(int, d)), reverse=True)


def test_lecture_labels_say_where_they_go(site):
    post = read(site, "lectures/2026/03/12/local-legislation-quality")
    assert "返回人大讲堂" in post and "讲堂信息" in post
    assert "回到主页" not in post and "元数据" not in post
    assert "可以在左侧" not in read(site, "lectures")


def test_tags_in_pinyin_order(site):
    html = read(site, "tags")
    names = [htmlmod.unescape(n) for n in re.findall(r'<h2 id="tag:([^"]+)"', html)]
    assert len(names) >= 5
    assert names == sorted(names, key=tags.pinyin_key), names


def test_no_sitemap_without_site_url_and_a_full_one_with_it(site, tmp_path):
    assert not (site / "sitemap.xml").exists()
    project = copy_site(tmp_path / "project")
    built = build(project, env={"SITE_URL": "http://xuexi.rd.local/"})
    assert built.returncode == 0, built.output
    locs = [e.text for e in ET.parse(built.site / "sitemap.xml").getroot().iter() if e.tag.endswith("loc")]
    assert "http://xuexi.rd.local/laws/constitution/" in locs and len(locs) > 30


def test_malformed_self_test_stops_the_build_with_file_and_line(tmp_path):
    project = copy_site(tmp_path / "project")
    page = project / "docs" / "study" / "oversight" / "index.md"
    text = page.read_text(encoding="utf-8")
    lines = text.count("\n")
    page.write_text(
        text + '\n!!! quiz "单选题"\n\n    题？\n\n    - [x] 甲\n    - [x] 乙\n\n    解析：无。\n', encoding="utf-8"
    )
    built = build(project)
    assert built.returncode != 0
    assert f"docs/study/oversight/index.md:{lines + 2}：单选题须恰好标出一个正确选项" in built.output, built.output
    assert "Traceback" not in built.output

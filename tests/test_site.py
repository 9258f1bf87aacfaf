"""End-to-end tests of the study site: real `mkdocs build --strict` runs of the real site
and of temporary copies with canary pages added."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from site_support import build, copy_site, files_under, real_site

pytestmark = pytest.mark.e2e  # real MkDocs builds


@pytest.fixture(scope="module")
def site() -> Path:
    result = real_site()
    assert result.returncode == 0, result.output
    return result.site


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_real_site_builds_strict(site):
    for page in (
        "index.html",
        "404.html",
        "study/print/index.html",
        "guide/rules/index.html",
        "plan/party-building-2026/index.html",
        "tags/index.html",
        "lectures/archive/2026/index.html",
        "lectures/category/legislation/index.html",
    ):
        assert (site / page).is_file(), page


# ---- drafts never leak ---------------------------------------------------------------

CANARY_DRAFT_PAGE = "CANARYdraftpage7d1f"
CANARY_DRAFT_DIR = "CANARYdraftsdir93ab"
CANARY_DRAFT_POST = "CANARYdraftpost5c2e"
CANARY_COMMENT = "CANARYcomment41e8"
CANARY_INLINE = "CANARYinline0b77"
CANARY_POST_COMMENT = "CANARYpostcomment66d0"


def add_canaries(docs: Path) -> None:
    write(
        docs / "study" / "oversight" / "unfinished.md",
        f"---\ntitle: 未定稿的页面\ndraft: true\ntags:\n  - 监督工作\n---\n\n# 未定稿的页面\n\n{CANARY_DRAFT_PAGE}\n",
    )
    write(docs / "drafts" / "notes.md", f"---\ntitle: 草稿\n---\n\n# 草稿\n\n{CANARY_DRAFT_DIR}\n")
    write(
        docs / "drafts" / "figure.svg",
        f"<svg xmlns='http://www.w3.org/2000/svg'><title>{CANARY_DRAFT_DIR}</title></svg>\n",
    )
    write(
        docs / "lectures" / "posts" / "2026-06-draft.md",
        "---\ntitle: 尚未发布的讲堂\ndate: 2026-06-01\nslug: unpublished\ndraft: true\n"
        f"categories:\n  - 监督工作\ntags:\n  - {CANARY_DRAFT_POST}\nspeaker: 张三\n---\n\n"
        f"# 尚未发布的讲堂\n\n{CANARY_DRAFT_POST}\n\n<!-- more -->\n\n正文。\n",
    )
    page = docs / "study" / "oversight" / "methods.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("## 专题询问", f"<!-- 编辑批注：{CANARY_COMMENT}\n第二行 -->\n\n## 专题询问", 1)
    text = text.replace("## 执法检查\n", f"## 执法检查\n\n执法检查<!-- {CANARY_INLINE} -->要坚持问题导向。\n", 1)
    write(page, text)
    post = docs / "lectures" / "posts" / "2026-03-local-legislation.md"
    text = post.read_text(encoding="utf-8")
    write(post, text.replace("<!-- more -->", f"<!-- {CANARY_POST_COMMENT} -->\n\n<!-- more -->", 1))


@pytest.fixture(scope="module")
def canary_build(tmp_path_factory):
    project = copy_site(tmp_path_factory.mktemp("canary"))
    add_canaries(project / "docs")
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize(
    "marker",
    [CANARY_DRAFT_PAGE, CANARY_DRAFT_DIR, CANARY_DRAFT_POST, CANARY_COMMENT, CANARY_INLINE, CANARY_POST_COMMENT],
)
def test_canary_appears_nowhere_in_output(canary_build, marker):
    escaped = json.dumps(marker)[1:-1].encode()
    for path in files_under(canary_build.site):
        data = path.read_bytes()
        assert marker.encode() not in data and escaped not in data, f"{marker} leaked into {path}"


def test_canary_pages_not_written_and_published_pages_are(canary_build):
    site = canary_build.site
    assert not (site / "drafts").exists()
    assert not (site / "study" / "oversight" / "unfinished").exists()
    assert not list(site.glob("lectures/**/unpublished"))
    methods = (site / "study" / "oversight" / "methods" / "index.html").read_text(encoding="utf-8")
    assert "执法检查要坚持问题导向" in methods and "<!--" not in methods
    # No site_url, no sitemap (hooks/pages.py); tests/test_nav.py builds one with SITE_URL.
    for sitemap in site.glob("sitemap.xml*"):
        assert b"unfinished" not in sitemap.read_bytes() and b"drafts" not in sitemap.read_bytes()


def test_link_from_published_page_to_draft_fails(tmp_path):
    project = copy_site(tmp_path)
    add_canaries(project / "docs")
    index = project / "docs" / "study" / "index.md"
    write(index, index.read_text(encoding="utf-8") + "\n另见[未定稿的页面](oversight/unfinished.md)。\n")
    result = build(project)
    assert result.returncode != 0
    assert "study/index.md" in result.output and "oversight/unfinished.md" in result.output
    assert "草稿" in result.output


def test_overlay_that_replaces_plugins_still_hides_drafts(tmp_path):
    # An overlay's plugins list replaces the base list: the blog plugin is gone, so the
    # lecture posts become plain pages; the draft post must still not be published.
    project = copy_site(tmp_path)
    add_canaries(project / "docs")
    write(project / "overlay.yml", "INHERIT: mkdocs.yml\nplugins:\n  - material/search\n  - material/tags\n")
    result = build(project, config="overlay.yml")
    assert result.returncode == 0, result.output
    for path in files_under(result.site):
        assert CANARY_DRAFT_POST.encode() not in path.read_bytes(), path


def test_overlay_without_search_plugin_is_refused(tmp_path):
    project = copy_site(tmp_path)
    write(
        project / "overlay.yml",
        "INHERIT: mkdocs.yml\nplugins:\n  - material/blog:\n      blog_dir: lectures\n      draft_on_serve: false\n",
    )
    result = build(project, config="overlay.yml")
    assert result.returncode != 0
    assert "material/search" in result.output


# ---- Chinese search: tests/test_search.py and tests/test_search_browser.py ------------

# ---- nothing external ----------------------------------------------------------------


def test_output_references_no_other_host(site):
    from studysite import offline

    theme = frozenset(str(p.relative_to(site)) for p in files_under(site / "assets" / "javascripts"))
    assert offline.audit_site(str(site), None, theme) == []
    for path in files_under(site):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8")
            assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text, path


def test_audit_finds_every_kind_of_external_reference(tmp_path):
    from studysite import offline

    write(
        tmp_path / "a.html",
        '<img src="https://cdn.example.com/a.png"><a href="//example.org/x">link</a>'
        '<p style="background:url(http://img.example.net/b.png)"></p><a href="../b/">ok</a>',
    )
    write(
        tmp_path / "b.css",
        "/* https://comment.example.com */ @import url('https://fonts.example.com/c.css');"
        " .x{background:url(data:image/png;base64,AAAA)}",
    )
    write(tmp_path / "c.js", 'fetch("https://api.example.com/v1");const ns="http://www.w3.org/2000/svg";')
    write(tmp_path / "d.html", '<meta http-equiv="refresh" content="0; url=https://away.example.com/">')
    found = offline.audit_site(str(tmp_path))
    assert len(found) == 5, found  # the <a href> is a link a reader follows, not a request
    for host in ("cdn.example.com", "img.example.net", "fonts.example.com", "api.example.com", "away.example.com"):
        assert any(host in f for f in found), host


def test_links_to_the_site_itself_are_not_external(tmp_path):
    """`mkdocs serve` sets site_url to its own address, so pages carry rel=canonical links to
    http://127.0.0.1:8000/…: the site's own host, not an external one."""
    from studysite import offline

    write(
        tmp_path / "a.html",
        '<link rel="canonical" href="http://127.0.0.1:8000/study/">'
        '<img src="http://127.0.0.1:8001/x"><img src="http://127.0.0.1:8000.evil.example/">',
    )
    found = offline.audit_site(str(tmp_path), offline.own_origin("http://127.0.0.1:8000/"))
    assert found == [
        "a.html：<img src>：http://127.0.0.1:8001/x",
        "a.html：<img src>：http://127.0.0.1:8000.evil.example/",
    ]


def test_external_asset_fails_the_build(tmp_path):
    project = copy_site(tmp_path)
    write(
        project / "docs" / "assets" / "stylesheets" / "site.css",
        "@import url('https://fonts.example.com/css?family=Noto');\n",
    )
    result = build(project)
    assert result.returncode != 0
    assert "fonts.example.com" in result.output and "外部地址" in result.output
    assert not result.site.exists()  # a refused build publishes nothing


# ---- what a member sees ----------------------------------------------------------------


def test_work_plan_restored(site):
    html = (site / "plan" / "party-building-2026" / "index.html").read_text(encoding="utf-8")
    for expected in (
        "党的二十大",
        "主题教育成果",
        "党纪学习教育",
        "习近平新时代中国特色社会主义思想",
        "习近平总书记关于党的建设的重要思想",
        "《中国共产党纪律处分条例》",
    ):
        assert expected in html, expected
    for masked in ("dang", "JY", "**", "QQ", "主编提示", "点击此处"):
        assert masked not in html, masked


def test_lecture_urls_are_ascii_and_show_speaker(site):
    lectures = [p for p in files_under(site / "lectures")]
    assert all(str(p.relative_to(site)).isascii() for p in lectures)
    post = site / "lectures" / "2026" / "03" / "12" / "local-legislation-quality" / "index.html"
    html = post.read_text(encoding="utf-8")
    assert "主讲人：刘文彬" in html and "内容提要" in html


def test_pages_show_last_updated_and_review_status(site):
    html = (site / "study" / "system" / "fundamental" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"最后更新：\d{4}年\d{1,2}月\d{1,2}日", html)
    assert "内容审核：通过" in html


def test_print_page_collects_the_whole_section(site):
    html = (site / "study" / "print" / "index.html").read_text(encoding="utf-8")
    for title in (
        "人民代表大会制度是我国的根本政治制度",
        "基层立法联系点",
        "监督法规定的监督方式",
        "代表议案与代表建议有什么不同",
        "设区的市的立法权限和程序",
    ):
        assert title in html, title
    assert html.count('class="print-page"') >= 10
    assert 'href="../oversight/methods/' in html or 'href="../oversight/methods/#' in html


def test_404_page_is_chinese(site):
    assert "页面不存在" in (site / "404.html").read_text(encoding="utf-8")


def test_navigation_stays_small(site):
    # navigation.prune: a page carries only the navigation around it, not the whole tree.
    html = (site / "plan" / "party-building-2026" / "index.html").read_text(encoding="utf-8")
    assert "专题询问的组织和实务" not in html
    assert html.count('class="md-nav__link') < 60


def test_mkdocs_serve_serves_the_site(tmp_path):
    """What `make serve` runs: the dev server builds the real site (review gate, offline
    audit and all) and answers on 127.0.0.1."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    project = copy_site(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body, deadline = None, time.time() + 90
        while time.time() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.5)
        if body is None:
            proc.terminate()
            raise AssertionError(proc.communicate(timeout=30)[0][-3000:])
        assert "市人大机关学习园地" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/search/search_index.json", timeout=5) as response:
            assert '"docs"' in response.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=30)

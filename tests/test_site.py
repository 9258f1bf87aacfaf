"""End-to-end tests of the study site: real `mkdocs build --strict` runs of the real site
and of temporary copies with canary pages added."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_support import ROOT, build, copy_site, files_under, load_hook, real_site

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
    for page in ("index.html", "404.html", "study/print/index.html", "guide/rules/index.html",
                 "plan/party-building-2026/index.html", "tags/index.html",
                 "lectures/archive/2026/index.html", "lectures/category/legislation/index.html"):
        assert (site / page).is_file(), page


# ---- drafts never leak ---------------------------------------------------------------

CANARY_DRAFT_PAGE = "CANARYdraftpage7d1f"
CANARY_DRAFT_DIR = "CANARYdraftsdir93ab"
CANARY_DRAFT_POST = "CANARYdraftpost5c2e"
CANARY_COMMENT = "CANARYcomment41e8"
CANARY_INLINE = "CANARYinline0b77"
CANARY_POST_COMMENT = "CANARYpostcomment66d0"


def add_canaries(docs: Path) -> None:
    write(docs / "study" / "oversight" / "unfinished.md",
          f"---\ntitle: 未定稿的页面\ndraft: true\ntags:\n  - 监督工作\n---\n\n# 未定稿的页面\n\n{CANARY_DRAFT_PAGE}\n")
    write(docs / "drafts" / "notes.md", f"---\ntitle: 草稿\n---\n\n# 草稿\n\n{CANARY_DRAFT_DIR}\n")
    write(docs / "drafts" / "figure.svg", f"<svg xmlns='http://www.w3.org/2000/svg'><title>{CANARY_DRAFT_DIR}</title></svg>\n")
    write(docs / "lectures" / "posts" / "2026-06-draft.md",
          "---\ntitle: 尚未发布的讲堂\ndate: 2026-06-01\nslug: unpublished\ndraft: true\n"
          f"categories:\n  - 监督工作\ntags:\n  - {CANARY_DRAFT_POST}\nspeaker: 张三\n---\n\n"
          f"# 尚未发布的讲堂\n\n{CANARY_DRAFT_POST}\n\n<!-- more -->\n\n正文。\n")
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


@pytest.mark.parametrize("marker", [CANARY_DRAFT_PAGE, CANARY_DRAFT_DIR, CANARY_DRAFT_POST,
                                    CANARY_COMMENT, CANARY_INLINE, CANARY_POST_COMMENT])
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
    write(project / "overlay.yml", "INHERIT: mkdocs.yml\nplugins:\n  - material/blog:\n      blog_dir: lectures\n      draft_on_serve: false\n")
    result = build(project, config="overlay.yml")
    assert result.returncode != 0
    assert "material/search" in result.output


# ---- Chinese search ------------------------------------------------------------------

def index_of(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def page_terms(index: dict) -> dict[str, set[str]]:
    """Every term the browser indexes for each page (all its entries): tokens of titles and
    texts split with the index's own separator, tags apart, and the alias words."""
    split = re.compile(index["config"]["separator"])
    pages: dict[str, set[str]] = {}
    for doc in index["docs"]:
        body = re.sub(r"<[^>]*>", " ", doc["title"] + " " + doc["text"])
        terms = pages.setdefault(doc["location"].split("#")[0], set())
        terms.update(t for t in split.split(body) if t)
        terms.update(doc.get("alias", "").split())
    return pages


def findable(terms: set[str], query: str) -> bool:
    # Material appends a trailing wildcard to every query term: a prefix finds a term.
    return any(term.startswith(query) for term in terms)


def test_search_index_is_segmented_compact_utf8(site):
    search_index = load_hook("search_index")
    raw = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    index = json.loads(raw)
    # Plain UTF-8: no character is written as a 6-byte \\uXXXX escape.
    assert raw == json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    separator = re.compile(index["config"]["separator"])
    assert separator.fullmatch("\u200b") and separator.fullmatch(search_index.SEPARATOR)
    text = "".join(doc["text"] for doc in index["docs"])
    assert "人民代表大会" + search_index.SEPARATOR + "制度" in text or "人民代表大会制度" in text
    assert text.count(search_index.SEPARATOR) > 1000
    assert "\u200b" not in raw  # every separator is written as the 2-byte one
    # No separator next to punctuation that the browser splits on anyway.
    assert not re.search(f"{search_index.SEPARATOR}[，。、]|[，。、]{search_index.SEPARATOR}", text)


def test_function_words_attach_to_the_word_before():
    search_index = load_hook("search_index")
    assert search_index.attach_function_words(["人民", "的", "意见", "和", "建议"]) == ["人民的", "意见和", "建议"]
    assert search_index.attach_function_words(["的", "确"]) == ["的", "确"]  # nothing before it
    assert search_index.attach_function_words(["2026", "年", "的"]) == ["2026", "年的"]
    bases = {}
    assert search_index.attach_function_words(["检察机关", "都", "由", "人大", "产生"], bases) == \
        ["检察机关都由", "人大", "产生"]
    assert bases == {"检察机关都": "检察机关", "检察机关都由": "检察机关"}


def test_alias_keeps_only_what_a_prefix_cannot_find():
    search_index = load_hook("search_index")
    segmenter = search_index.Segmenter("test", list, lambda word: 0, None)
    search_index._state.update(words=frozenset({"委员会", "常务委员会"}), segmenter=segmenter)
    search_index._subwords.cache_clear()
    split = re.compile("[\\s\u200b\u034f，。]+")
    docs = [{"location": "a/", "title": "标题", "text": "人民代表大会常务委员会\u034f会议"},
            {"location": "a/#b", "title": "小节", "text": "常委会\u034f委员"}]
    aliases = {"人民代表大会常务委员会": ("常委会", "人大常委会")}
    kept, left = search_index.alias_field(docs, aliases, split)
    # 常委会 is a token already; 委员 is a prefix of 委员会, which the alias keeps.
    assert set(kept) == {"人大常委会", "委员会"}, kept
    # A word left out stays a term of the index somewhere (the browser segments queries
    # with the index's terms), on the first page that left it out.
    docs[1]["text"] = "\u034f".join(segmenter.cut(["人民代表大会常务委员会", "的", "会议"]))
    kept, left = search_index.alias_field(docs, aliases, split)
    assert "人民代表大会常务委员会" in left  # 的 was attached to it
    other = ["x"]
    search_index.anchor([(kept, left), (other, ["人民代表大会常务委员会"])], {"会议"})
    assert "人民代表大会常务委员会" in kept and other == ["x"]


def test_search_index_adds_aliases_and_parts_of_compounds(site):
    from review.api import load_rules, search_terms

    index = index_of(site)
    aliases = search_terms(load_rules(ROOT)).aliases
    pages = page_terms(index)
    plain: dict[str, str] = {}
    for doc in index["docs"]:
        location = doc["location"].split("#")[0]
        plain[location] = plain.get(location, "") + re.sub(index["config"]["separator"], "", doc["title"] + doc["text"])
    checked = 0
    for location, text in plain.items():
        for long, shorts in aliases.items():
            if long in text:
                checked += 1
                for short in shorts:
                    assert findable(pages[location], short), (location, long, short)
    assert checked, "no page uses a long name that the packs give short forms for"
    committee = pages["study/system/standing-committee/"]
    assert findable(committee, "委员会") and findable(committee, "常委会")
    # That page says 检察机关, not 检察院: the browser searches 检察院 as 检察* because 检察 is
    # a term of the index (a part of 检察机关), which must therefore stay one.
    assert findable(pages["study/system/fundamental/"], "检察")
    assert "检察" in set().union(*pages.values())
    # Aliases live on the page entry only: sections do not repeat them.
    assert not any(doc.get("alias") for doc in index["docs"] if "#" in doc["location"])


def test_build_refuses_without_jieba(tmp_path):
    # A `jieba` that cannot be imported, as on a machine where it is not installed (rjieba,
    # which segments when present, does not make the build accept that).
    blocker = tmp_path / "blocker"
    write(blocker / "jieba.py", "raise ImportError('jieba is not installed')\n")
    project = copy_site(tmp_path / "project")
    result = build(project, env={"PYTHONPATH": f"{blocker}:{ROOT}"})
    assert result.returncode != 0
    assert "jieba" in result.output


def test_without_rjieba_python_jieba_gives_the_same_tokens(tmp_path, site):
    # rjieba (jieba-rs) is only the faster engine: without it the build falls back to
    # Python jieba, and every title and text of the index is the same.
    blocker = tmp_path / "blocker"
    write(blocker / "rjieba.py", "raise ImportError('rjieba is not installed')\n")
    result = build(ROOT, env={"PYTHONPATH": f"{blocker}:{ROOT}"}, site=tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "分词正常（jieba" in result.output
    fallback, fast = index_of(result.site), index_of(site)
    assert [(d["location"], d["title"], d["text"]) for d in fallback["docs"]] == \
           [(d["location"], d["title"], d["text"]) for d in fast["docs"]]


def test_build_refuses_other_theme_language(tmp_path):
    project = copy_site(tmp_path)
    write(project / "overlay.yml", "INHERIT: mkdocs.yml\ntheme:\n  language: en\n")
    result = build(project, config="overlay.yml")
    assert result.returncode != 0
    assert "theme.language" in result.output


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

    write(tmp_path / "a.html", '<img src="https://cdn.example.com/a.png"><a href="//example.org/x">link</a>'
          '<p style="background:url(http://img.example.net/b.png)"></p><a href="../b/">ok</a>')
    write(tmp_path / "b.css", "/* https://comment.example.com */ @import url('https://fonts.example.com/c.css');"
          " .x{background:url(data:image/png;base64,AAAA)}")
    write(tmp_path / "c.js", 'fetch("https://api.example.com/v1");const ns="http://www.w3.org/2000/svg";')
    write(tmp_path / "d.html", '<meta http-equiv="refresh" content="0; url=https://away.example.com/">')
    found = offline.audit_site(str(tmp_path))
    assert len(found) == 5, found  # the <a href> is a link a reader follows, not a request
    for host in ("cdn.example.com", "img.example.net", "fonts.example.com", "api.example.com",
                 "away.example.com"):
        assert any(host in f for f in found), host


def test_links_to_the_site_itself_are_not_external(tmp_path):
    """`mkdocs serve` sets site_url to its own address, so pages carry rel=canonical links to
    http://127.0.0.1:8000/…: the site's own host, not an external one."""
    from studysite import offline

    write(tmp_path / "a.html", '<link rel="canonical" href="http://127.0.0.1:8000/study/">'
          '<img src="http://127.0.0.1:8001/x"><img src="http://127.0.0.1:8000.evil.example/">')
    found = offline.audit_site(str(tmp_path), offline.own_origin("http://127.0.0.1:8000/"))
    assert found == ["a.html：<img src>：http://127.0.0.1:8001/x", "a.html：<img src>：http://127.0.0.1:8000.evil.example/"]


def test_external_asset_fails_the_build(tmp_path):
    project = copy_site(tmp_path)
    write(project / "docs" / "assets" / "stylesheets" / "site.css",
          "@import url('https://fonts.example.com/css?family=Noto');\n")
    result = build(project)
    assert result.returncode != 0
    assert "fonts.example.com" in result.output and "外部地址" in result.output
    assert not result.site.exists()  # a refused build publishes nothing


# ---- what a member sees ----------------------------------------------------------------

def test_work_plan_restored(site):
    html = (site / "plan" / "party-building-2026" / "index.html").read_text(encoding="utf-8")
    for expected in ("党的二十大", "主题教育成果", "党纪学习教育", "习近平新时代中国特色社会主义思想",
                     "习近平总书记关于党的建设的重要思想", "《中国共产党纪律处分条例》"):
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
    for title in ("人民代表大会制度是我国的根本政治制度", "基层立法联系点", "监督法规定的监督方式",
                  "代表议案与代表建议有什么不同", "设区的市的立法权限和程序"):
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
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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

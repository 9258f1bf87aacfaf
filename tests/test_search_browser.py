"""The reader's search in a real headless Chromium on a real build: the site's own pages plus
a few fixture pages (tests/fixtures/search: compounds, laws with short names in front
matter), built once for every test here. Queries are typed into Material's header box."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from site_support import ROOT, build, copy_site, serve

pytestmark = pytest.mark.e2e  # builds the site or drives Chromium: not in `make check`

FIXTURES = ROOT / "tests" / "fixtures" / "search"
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_site(tmp_path_factory.mktemp("search-site"))
    shutil.copytree(FIXTURES, project / "docs" / "fixtures")
    result = build(project)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="module")
def server(built):
    srv = serve(built)
    yield srv
    srv.close()


@pytest.fixture()
def page(browser, server):
    """A fresh (cold) browser context on the home page; every request recorded, none may
    leave 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    seen: list[str] = []
    context.on("request", lambda req: seen.append(req.url))
    page = context.new_page()
    page.goto(server.url)
    page.seen = seen
    yield page
    context.close()
    outside = [u for u in seen if not u.startswith((server.url, "data:", "blob:"))]
    assert not outside, f"requests left 127.0.0.1: {outside}"


def search(page, query: str) -> list[dict]:
    """Type a query as a member does; the results as shown: link (site-relative), title,
    the snippet's text and its highlighted words."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.wait_for_function(
        "q => document.querySelector('[data-site-search]').dataset.searched === q", arg=query, timeout=15000
    )
    rows = page.eval_on_selector_all(
        ".md-search-result__item",
        """els => els.map(e => ({
        href: e.querySelector('a').href,
        title: e.querySelector('h1').textContent,
        text: e.textContent,
        marks: [...e.querySelectorAll('mark')].map(m => m.textContent)}))""",
    )
    base = page.url.split("#")[0].split("?")[0]
    for row in rows:
        row["link"] = row["href"].removeprefix(base).split("#")[0]
    return rows


def links(rows) -> list[str]:
    return [r["link"] for r in rows]


# (query, what kind of query, the page that must come first)
FIRST = [
    ("全过程人民民主", "whole term", "study/democracy/"),
    ("基层立法联系点", "whole term", "study/democracy/grassroots-outreach/"),
    ("刘文彬", "lecture speaker", "lectures/2026/03/12/local-legislation-quality/"),
    ("王海燕", "lecture speaker", "lectures/2026/05/20/deputy-suggestions/"),
    ("代表法", "short name in front matter", "fixtures/deputies-law/"),
    ("监督法", "short name in front matter", "fixtures/oversight-law/"),
    ("编码", "part of a compound (邮政编码)", "fixtures/postal/"),
    ("共享", "part of a compound (资源共享)", "fixtures/postal/"),
]
# (query, kind, a page that must be among the results)
FOUND = [
    ("常委会", "alias of 人民代表大会常务委员会", "study/system/standing-committee/"),
    ("委员会", "part of a compound", "study/system/standing-committee/"),
    ("议案", "two-character word", "study/deputies/motions-and-suggestions/"),
    ("询问", "two-character word", "study/oversight/methods/"),
    ("党纪学习教育", "restored term", "plan/party-building-2026/"),
    ("执法检查", "whole term", "study/oversight/methods/"),
]


def test_queries_rank_the_right_page_first_and_find_the_rest(page):
    wrong = []
    for query, kind, expected in FIRST:
        got = links(search(page, query))
        if not got or got[0] != expected:
            wrong.append(f"{query}（{kind}）: expected {expected} first, got {got[:5]}")
    for query, kind, expected in FOUND:
        got = links(search(page, query))
        if expected not in got:
            wrong.append(f"{query}（{kind}）: expected {expected}, got {got[:10]}")
    assert not wrong, "\n".join(wrong)


def test_the_editors_guide_and_rule_reference_stay_out_of_reader_search(page):
    # 常委会 and 党的建设 used to bring up rule pages first (they quote the terms, and bad
    # examples on purpose).
    for query in ("常委会", "党的建设", "检察院", "委员会"):
        rows = search(page, query)
        assert rows, query
        assert not [r for r in rows if r["link"].startswith("guide/")], (query, links(rows))


def test_highlights_cover_the_matched_word_only(page):
    rows = search(page, "人大")
    assert rows
    for row in rows:
        # 人大 where the result says 人大 (never 人民, never a longer word); the long name
        # it stands for only where the result has no 人大 at all.
        if "人大" in row["text"]:
            assert set(row["marks"]) == {"人大"}, row
        else:
            assert set(row["marks"]) <= {"人民代表大会"}, row
    rows = search(page, "常委会")
    marks = {m for r in rows for m in r["marks"]}
    # The short form is highlighted where written, the long name where the page has only that.
    assert "人民代表大会常务委员会" in marks, marks
    assert all(m == "常委会" or m.endswith("人民代表大会常务委员会") for m in marks), marks


def test_results_carry_no_invisible_character(page):
    for query in ("全过程人民民主", "人民代表大会", "人大", "代表法"):
        for row in search(page, query):
            assert not INVISIBLE.search(row["title"] + row["text"]), (query, row["title"])
    # What a member copies from the results list is the rendered text.
    copied = page.inner_text(".md-search-result__list")
    assert copied and not INVISIBLE.search(copied), repr(copied)


def test_first_search_loads_only_what_the_query_needs(page, built):
    page.wait_for_load_state("networkidle")
    before = len(page.seen)
    search(page, "全过程人民民主")
    page.wait_for_timeout(300)
    fetched = page.seen[before:]
    assert fetched and all("/search/" in u for u in fetched), fetched
    assert not any(u.endswith("search_index.json") for u in page.seen), "Material's whole index was fetched"
    shards = [u for u in fetched if "/search/t/" in u]
    assert 1 <= len(shards) <= len("全过程人民民主") - 1, shards
    # Material's own index stays empty: nothing of the site is in it.
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []


def test_pages_with_every_word_come_first_and_nothing_found_says_so(page):
    one = set(links(search(page, "全过程人民民主")))
    other = set(links(search(page, "基层立法联系点")))
    both = links(search(page, "全过程人民民主 基层立法联系点"))
    assert one & other, "the fixture site should have pages with both"
    assert set(both[: len(one & other)]) == one & other, both
    box = page.locator("input.md-search__input")
    box.fill("")
    box.fill("zzqxw")
    page.wait_for_function("() => document.querySelector('[data-site-search]').dataset.searched === 'zzqxw'")
    assert "没有" in page.inner_text(".md-search-result__meta")
    assert page.locator(".md-search-result__item").count() == 0


def test_a_law_article_by_its_number(page):
    """代表法第七条 finds the Deputies Law and lands on its article 7 (each article is a part
    of the index with its own anchor); 宪法第五十七条 likewise."""
    from urllib.parse import unquote

    for query, target in (
        ("代表法第七条", "laws/deputies-law/#第七条"),
        ("宪法第五十七条", "laws/constitution/#第五十七条"),
    ):
        rows = search(page, query)
        hrefs = [unquote(r["href"]) for r in rows]
        assert hrefs and hrefs[0].endswith(target), (query, hrefs[:5])

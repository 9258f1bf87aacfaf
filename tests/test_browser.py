"""The built site in a real headless Chromium (Debian's package, driven by Playwright):
Chinese queries typed into the search box, no request leaving 127.0.0.1, a lecture on a
phone-sized screen."""
from __future__ import annotations

import os
import shutil

import pytest

from site_support import ROOT, real_site, serve

pytestmark = pytest.mark.e2e  # a real browser on a built site

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LECTURE = "lectures/2026/03/12/local-legislation-quality/"

# (query, what kind of query, a page that must be among the results)
QUERIES = [
    ("全过程人民民主", "whole term", "study/democracy/"),
    ("基层立法联系点", "whole term", "study/democracy/grassroots-outreach/"),
    ("全过程民主", "short form of a long name", "study/democracy/"),
    ("委员会", "part of a compound", "study/system/standing-committee/"),
    ("检察院", "part of a compound", "study/system/fundamental/"),
    ("议案", "two-character word", "study/deputies/motions-and-suggestions/"),
    ("询问", "two-character word", "study/oversight/methods/"),
    ("立法", "two-character word", "study/legislation/local-regulations/"),
    ("刘文彬", "lecture speaker", LECTURE),
    ("王海燕", "lecture speaker", "lectures/2026/05/20/deputy-suggestions/"),
    ("党纪学习教育", "restored term", "plan/party-building-2026/"),
    ("执法检查", "whole term", "study/oversight/methods/"),
]


def alias_queries():
    """常委会 for a page that only says 人民代表大会常务委员会, when the packs define it."""
    from review.api import load_rules, search_terms

    aliases = search_terms(load_rules(ROOT)).aliases
    if "常委会" in aliases.get("人民代表大会常务委员会", ()):
        return [("常委会", "short form of a long name", "study/system/standing-committee/")]
    return []


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (never a downloaded browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server():
    built = real_site()
    assert built.returncode == 0, built.output
    srv = serve(built.site)
    yield srv
    srv.close()


@pytest.fixture()
def requests_log(browser, server):
    """A browser context that records every request (pages, workers, assets) and lets
    only those to the local server through."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    seen: list[str] = []

    def route(r):
        seen.append(r.request.url)
        if r.request.url.startswith(server.url) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    context.on("request", lambda req: seen.append(req.url))
    yield context, seen
    context.close()
    outside = [u for u in seen if not (u.startswith(server.url) or u.startswith(("data:", "blob:")))]
    assert not outside, f"requests left 127.0.0.1: {outside}"


def search(page, query: str) -> list[str]:
    """Type a query as a member does and return the result links (site-relative)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on key-up
    page.wait_for_function(
        """q => {
            const meta = document.querySelector('.md-search-result__meta');
            return meta && !meta.textContent.includes('初始化') && !meta.textContent.includes('键入')
              && document.querySelector('input.md-search__input').value === q;
        }""", arg=query, timeout=15000)
    page.wait_for_timeout(150)
    links: list[str] = []
    for _ in range(20):  # Material renders ten results at a time, more as the list scrolls
        links = page.eval_on_selector_all(
            ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
        page.eval_on_selector(".md-search__scrollwrap", "el => { el.scrollTop = el.scrollHeight; }")
        page.wait_for_timeout(100)
        if len(page.query_selector_all(".md-search-result__item > a.md-search-result__link")) == len(links):
            break
    return links


def test_chinese_queries_find_expected_pages(requests_log, server):
    context, _ = requests_log
    page = context.new_page()
    page.goto(server.url)
    missing = []
    for query, kind, expected in QUERIES + alias_queries():
        links = [link.removeprefix(server.url).split("?")[0].split("#")[0] for link in search(page, query)]
        if expected not in links:
            missing.append(f"{query}（{kind}）: expected {expected}, got {links[:10]}")
    assert not missing, "\n".join(missing)


# A whole standard term must rank its own page first, not pages sharing a part of it.
FIRST = [
    ("全过程人民民主", "study/democracy/"),
    ("基层立法联系点", "study/democracy/grassroots-outreach/"),
]


def test_whole_standard_terms_rank_their_page_first(requests_log, server):
    context, _ = requests_log
    page = context.new_page()
    page.goto(server.url)
    for query, expected in FIRST:
        links = [link.removeprefix(server.url).split("?")[0].split("#")[0] for link in search(page, query)]
        assert links and links[0] == expected, f"{query}: {links[:5]}"


def test_home_page_with_results_screenshot(requests_log, server, tmp_path):
    context, _ = requests_log
    page = context.new_page()
    page.goto(server.url)
    search(page, "全过程人民民主")
    page.eval_on_selector(".md-search__scrollwrap", "el => { el.scrollTop = 0; }")
    page.wait_for_timeout(200)
    shot = tmp_path / "screenshot.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    if os.environ.get("UPDATE_SCREENSHOT"):
        shutil.copy(shot, ROOT / "docs" / "assets" / "screenshot.png")


def test_result_snippets_show_no_separator(requests_log, server):
    # The index separates words with U+034F (2 bytes) instead of U+200B (3 bytes): a member
    # must see the same snippet, with no gap or box between Chinese words. Measured on the
    # rendered result: the text is as wide without the separators, and a plain space (what
    # a 1-byte separator would be) would make it visibly wider.
    context, _ = requests_log
    page = context.new_page()
    page.goto(server.url)
    search(page, "人民代表大会")
    widths = page.evaluate("""sep => {
        const el = [...document.querySelectorAll('.md-search-result__article p')]
            .find(p => p.textContent.includes(sep));
        if (!el) return null;
        const text = el.textContent;
        const width = s => {
            const span = document.createElement('span');
            span.style.whiteSpace = 'pre';
            span.textContent = s;
            el.appendChild(span);
            const w = span.getBoundingClientRect().width;
            span.remove();
            return w;
        };
        return [width(text), width(text.replaceAll(sep, '')), width(text.replaceAll(sep, ' ')),
                text.split(sep).length - 1];
    }""", "\u034f")
    assert widths, "no result snippet contains the index separator"
    shown, without, spaced, count = widths
    assert count >= 3, widths
    assert abs(shown - without) < 0.5, widths
    assert spaced > without + count, widths


def test_lecture_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="zh-CN")
    seen: list[str] = []
    context.on("request", lambda req: seen.append(req.url))
    page = context.new_page()
    page.goto(server.url + LECTURE)
    assert page.locator("h1").first.inner_text().startswith("地方立法如何做到")
    assert page.get_by_text("主讲人：刘文彬").is_visible()
    # Readable on a phone: no sideways scrolling, text not shrunk below 14 CSS pixels.
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    assert size >= 14, size
    assert page.locator("label.md-header__button[for='__drawer']").is_visible()  # menu button
    context.close()
    assert all(u.startswith(server.url) for u in seen), seen

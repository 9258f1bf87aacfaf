"""The built site in a real headless Chromium (Debian's package, driven by Playwright):
Chinese queries typed into the search box, no request leaving 127.0.0.1, a lecture on a
phone-sized screen."""

from __future__ import annotations

import os
import shutil

import pytest
from site_support import ROOT

pytestmark = pytest.mark.e2e  # a real browser on a built site

LECTURE = "lectures/2026/03/12/local-legislation-quality/"

# The search queries themselves are in tests/test_search_browser.py.


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
        }""",
        arg=query,
        timeout=15000,
    )
    page.wait_for_timeout(150)
    links: list[str] = []
    for _ in range(20):  # Material renders ten results at a time, more as the list scrolls
        links = page.eval_on_selector_all(
            ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)"
        )
        page.eval_on_selector(".md-search__scrollwrap", "el => { el.scrollTop = el.scrollHeight; }")
        page.wait_for_timeout(100)
        if len(page.query_selector_all(".md-search-result__item > a.md-search-result__link")) == len(links):
            break
    return links


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


def test_lecture_on_a_phone(browser, server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
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

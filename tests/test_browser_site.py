"""Reading the site in Debian's Chromium (Playwright) on a desktop (1280×800) and a phone
(390×844): footer order against the sidebar, generated 最近更新, self-tests answered right
and wrong, Chinese labels, links to single articles, print view. Screenshots go to a temporary
folder, or to notes/img/ with SAVE_SCREENSHOTS=1 (the ones in notes/laws.md)."""

from __future__ import annotations

import os
import re
from urllib.parse import unquote

import pytest
from site_support import ROOT

pytestmark = pytest.mark.e2e  # builds the site or drives Chromium: not in `make check`

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
# Theme labels that would mean an English (or wrong) label reached a reader.
ENGLISH = [
    "Search",
    "Previous",
    "Next",
    "Table of contents",
    "Back to index",
    "Navigation",
    "Metadata",
    "Back to top",
    "Type to start searching",
]


@pytest.fixture(params=["desktop", "phone"])
def device(request):
    return request.param, DESKTOP if request.param == "desktop" else PHONE


@pytest.fixture()
def open_page(browser, server):
    """new(page_options) -> page; every request is recorded and only 127.0.0.1 served."""
    contexts, seen = [], []

    def new(options):
        context = browser.new_context(locale="zh-CN", **options)

        def route(r):
            seen.append(r.request.url)
            r.continue_() if r.request.url.startswith((server.url, "data:")) else r.abort()

        context.route("**/*", route)
        contexts.append(context)
        return context.new_page()

    yield new, seen
    for context in contexts:
        context.close()
    outside = [u for u in seen if not u.startswith((server.url, "data:", "blob:"))]
    assert not outside, f"requests left 127.0.0.1: {outside}"


def screenshot(page, tmp_path, name: str):
    folder = ROOT / "notes" / "img" if os.environ.get("SAVE_SCREENSHOTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    page.screenshot(path=str(path), scale="css")  # CSS pixels: a phone shot stays small
    assert path.stat().st_size > 10_000
    return path


def test_footer_follows_the_sidebar(open_page, server):
    new, _ = open_page
    page = new(DESKTOP)
    page.goto(server.url + "study/")
    # the sidebar's order of the study topics (their index pages), as a reader sees it
    sidebar = page.eval_on_selector_all(".md-sidebar--primary .md-nav__link[href]", "els => els.map(e => e.href)")
    topics = [u for u in dict.fromkeys(sidebar) if re.search(r"/study/[a-z]+/$", u)]
    assert len(topics) == 6 and topics[-1].endswith("/study/print/"), sidebar  # 5 topics, print
    # following 下一页 from 学习资料 visits them in the same order
    visited = []
    for _ in range(30):
        link = page.locator("a.md-footer__link--next")
        if not link.count() or "/study/" not in page.url:
            break
        link.click()
        page.wait_for_load_state()
        visited.append(page.url)
    assert [u for u in visited if u in topics] == topics, visited
    # and 上一页 walks back through the same pages
    back = []
    for _ in range(len(visited)):
        page.locator("a.md-footer__link--prev").click()
        page.wait_for_load_state()
        back.append(page.url)
    assert back[:-1] == visited[-2::-1] and back[-1] == server.url + "study/"


def test_recent_updates_on_the_home_page(open_page, server):
    new, _ = open_page
    page = new(DESKTOP)
    page.goto(server.url)
    items = page.locator("h2#最近更新 + ul > li")
    assert items.count() == 6
    first = items.first.locator("a")
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().rstrip("¶") == title


def answer(page, index: int, choices: list[int]) -> str:
    quiz = page.locator(".quiz").nth(index)
    for n in choices:
        quiz.locator(".quiz-options input").nth(n).check()
    quiz.locator("button.quiz-check").click()
    return quiz.locator(".quiz-result").inner_text()


def test_self_test_answered_wrong_then_right(open_page, server, device, tmp_path):
    name, options = device
    new, seen = open_page
    page = new(options)
    page.goto(server.url + "study/system/")
    quiz = page.locator(".quiz").first
    explain = quiz.locator(".quiz-explain")
    assert not explain.is_visible()  # the answer is not shown before answering
    requests_before = len(seen)
    storage = "() => [JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie]"
    stored_before = page.evaluate(storage)  # the theme's own keys; answering adds none
    quiz.locator("button.quiz-check").click()
    assert "请先选择答案" in quiz.locator(".quiz-result").inner_text()
    assert "回答错误" in answer(page, 0, [0]) and "正确答案是 B" in quiz.locator(".quiz-result").inner_text()
    assert explain.is_visible() and "宪法第二条" in explain.inner_text()
    assert "回答正确" in answer(page, 0, [1])
    # multiple choice: all four bodies are right, three of them is wrong
    assert "回答错误" in answer(page, 2, [0, 1, 2])
    assert "回答正确" in answer(page, 2, [3])
    # true/false
    assert "回答正确" in answer(page, 1, [0])
    assert len(seen) == requests_before, "answering made a request"
    assert page.evaluate(storage) == stored_before and "quiz" not in "".join(stored_before)
    if name == "phone":
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], width
    quiz.scroll_into_view_if_needed()
    screenshot(page, tmp_path, f"self-test-{name}.png")


def test_print_view_hides_answers_and_breadcrumb(open_page, server):
    new, _ = open_page
    page = new(DESKTOP)
    page.goto(server.url + "study/system/standing-committee/")
    assert page.locator(".md-path").count() and page.locator(".md-path").first.is_visible()
    page.goto(server.url + "study/system/")
    answer(page, 0, [1])
    page.emulate_media(media="print")
    quiz = page.locator(".quiz").first
    assert quiz.locator(".quiz-options").is_visible()
    assert not quiz.locator(".quiz-explain").is_visible() and not quiz.locator("button.quiz-check").is_visible()
    page.goto(server.url + "study/system/standing-committee/")
    page.emulate_media(media="print")
    assert not page.locator(".md-path").first.is_visible()


def test_link_to_a_single_article_lands_on_it(open_page, server, device, tmp_path):
    name, options = device
    new, _ = open_page
    page = new(options)
    page.goto(server.url + "study/system/fundamental/")
    page.get_by_role("link", name="宪法第二条").click()
    page.wait_for_load_state()
    assert unquote(page.url).endswith("/laws/constitution/#第二条")
    target = page.locator("[id='第二条']")
    assert target.inner_text().startswith("第二条")
    box = target.bounding_box()
    height = options["viewport"]["height"]
    assert box and 0 <= box["y"] < height / 2, box  # scrolled to the article, below the header
    page.goto(server.url + "laws/constitution/#第五十七条")
    page.wait_for_timeout(200)
    assert (
        page.evaluate("() => getComputedStyle(document.getElementById('第五十七条')).backgroundColor")
        != "rgba(0, 0, 0, 0)"
    )  # the linked article is marked
    if name == "desktop":
        screenshot(page, tmp_path, "law-article-desktop.png")


def test_chinese_labels_on_a_phone(open_page, server, tmp_path):
    new, _ = open_page
    page = new(PHONE)
    page.goto(server.url + "lectures/2026/03/12/local-legislation-quality/")
    # the lecture's sidebar (in the drawer on a phone): its back link and its heading
    back = page.locator(".md-post__back")
    assert back.count() == 1 and "返回人大讲堂" in back.text_content()
    assert back.locator("a").evaluate("a => a.href") == server.url + "lectures/"  # where it says
    html = page.content()
    assert "讲堂信息" in html and "元数据" not in html and "回到主页" not in html
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "请输入关键词"
    labels = page.eval_on_selector_all(
        "[aria-label], [title], [placeholder]",
        "els => els.flatMap(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')]).filter(Boolean)",
    )
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_timeout(300)
    drawer = page.locator(".md-sidebar--primary").inner_text()
    assert "学习资料" in drawer and "法律法规" in drawer
    footer = page.locator(".md-footer").inner_text()
    for word in ENGLISH:
        assert not any(word.lower() == label.lower() for label in labels), (word, labels)
        assert word not in drawer and word not in footer
    page.goto(server.url + "lectures/")
    assert "可以在左侧" not in page.locator(".md-content").inner_text()
    page.goto(server.url + "laws/")
    assert page.locator("table").is_visible()
    screenshot(page, tmp_path, "law-library-phone.png")


def test_law_library_screenshot(open_page, server, tmp_path):
    new, _ = open_page
    page = new(DESKTOP)
    page.goto(server.url + "laws/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "法律法规"
    screenshot(page, tmp_path, "law-library.png")

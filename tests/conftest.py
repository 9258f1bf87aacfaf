"""What every test shares: the repository's paths, the raw work plan kept in the repository,
the real-text corpus beside it (optional), and a pack cache of the test run's own.

The test modules import the paths from here (`from conftest import ROOT`)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# The raw work plan an editor received (copied from ../shared/corpus so a clone has it).
WORK_PLAN = FIXTURES / "work-plan-2026-raw.txt"
# 646 real legal texts (11 MB): beside the repository on CI and the team's machines only.
LAWS = ROOT.parent / "shared" / "corpus" / "laws"
LAWS_MISSING = f"真实法律文本语料不在 {LAWS}（新克隆的仓库没有 ../shared）：跳过依赖它的测试"


def pytest_configure(config: pytest.Config) -> None:
    # Tests never write into the user's ~/.cache/review: one temporary folder per test run,
    # inherited by the `review` and `mkdocs` processes the tests start. An explicit
    # REVIEW_CACHE_DIR (a warm cache for a quick local loop) is kept.
    if "REVIEW_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="review-test-cache-")
        os.environ["REVIEW_CACHE_DIR"] = folder
        config.add_cleanup(lambda: _remove(folder))


def _remove(folder: str) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    os.environ.pop("REVIEW_CACHE_DIR", None)


@pytest.fixture(scope="session")
def laws_corpus() -> Path:
    """The real-text corpus; the test skips, saying why, where it is absent."""
    if not LAWS.is_dir():
        pytest.skip(LAWS_MISSING)
    return LAWS


@pytest.fixture()
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty pack cache for one test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("REVIEW_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def browser():
    """Chromium driven by Playwright, one per test module."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (never a downloaded browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server():
    """The site's real pages, built once per test module and served on localhost (a module
    that serves another site defines its own `server`)."""
    from site_support import real_site, serve  # builds with MkDocs: only the browser tests need it

    built = real_site()
    assert built.returncode == 0, built.output
    srv = serve(built.site)
    yield srv
    srv.close()

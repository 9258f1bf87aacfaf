"""Issue 9's hostile inputs (tests/hostile/), replayed through the real `mkdocs build` of a
copy of the site, the real `review` command and a real Chromium.

Build: all variants of a class go into one copy of the site. The build must fail and name
variants in its message; those are taken out and the rest built again (the stages stop
one after another: drafts, source review, then the audits of the written site), until the
build succeeds with only variants allowed to build. A failed build must leave the previous
site untouched; a successful one must hold none of the variants' forbidden text in any
file (bytes, JSON escapes, or the text a parser reads), and Chromium must request nothing
from another host on its pages. Variants whose text would show in every page's
navigation are built alone."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from site_support import ROOT, build, copy_site, files_under, serve

pytestmark = pytest.mark.e2e  # builds the site or drives Chromium: not in `make check`

CLASSES = ("text", "channels", "drafts", "fetch", "disagree")
SENTINEL = "previous-site.txt"


def variants(name: str) -> list[dict]:
    return importlib.import_module(f"hostile.{name}").VARIANTS


sys.path.insert(0, str(Path(__file__).parent))


def add(project: Path, variant: dict) -> None:
    for rel, content in variant.get("files", {}).items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    if variant.get("pyproject_append"):
        with open(project / "pyproject.toml", "a", encoding="utf-8") as fh:
            fh.write(variant["pyproject_append"])
    for rel, target in variant.get("links", {}).items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)


def named(output: str, variant: dict) -> bool:
    """The build's message names the variant, on a line that gives the expected reason."""
    reasons = variant.get("reason", "")
    reasons = (reasons,) if isinstance(reasons, str) else reasons
    return any(variant["key"] in line and any(r in line for r in reasons) for line in output.splitlines())


def forms(marker: str) -> list[bytes]:
    return [marker.encode(), json.dumps(marker)[1:-1].encode()]


def assert_absent(site: Path, markers: list[str]) -> None:
    from studysite.visible import file_text

    for path in files_under(site):
        data = path.read_bytes()
        text = file_text(str(path.relative_to(site)), data) or ""
        squashed = re.sub(r"[\s\u034f\u200b]", "", text)
        for marker in markers:
            assert not any(f in data for f in forms(marker)), f"{marker} reached {path}"
            assert marker not in text and marker not in squashed, f"{marker} readable in {path}"


def run_class(tmp_path: Path, chosen: list[dict], overlay: str | None = None) -> tuple[list[dict], Path | None]:
    """Build, peel off named variants, build again; returns the variants that built and
    the site they built into (None when every variant was refused)."""
    project = copy_site(tmp_path / "project")
    site = tmp_path / "site-out"
    site.mkdir()
    (site / SENTINEL).write_text("the site before this build\n", encoding="utf-8")
    config = "mkdocs.yml"
    if overlay:
        (project / "overlay.yml").write_text(overlay, encoding="utf-8")
        config = "overlay.yml"
    for variant in chosen:
        add(project, variant)
    remaining = list(chosen)
    while remaining:
        result = build(project, config=config, site=site)
        if result.returncode == 0:
            break
        caught = [v for v in remaining if named(result.output, v)]
        assert caught, (
            f"the build failed without naming any of {[v['key'] for v in remaining]}:\n{result.output[-4000:]}"
        )
        for v in caught:
            assert v["expect"] in ("refuse", "either"), (
                f"{v['key']} ({v['about']}) must build:\n{result.output[-3000:]}"
            )
        # A refused build publishes nothing: the previous site is as it was, no staging left.
        assert sorted(p.name for p in site.iterdir()) == [SENTINEL], result.output[-2000:]
        assert not [p for p in tmp_path.iterdir() if ".building-" in p.name or ".old-" in p.name]
        for v in caught:
            remaining.remove(v)
            for rel in list(v.get("files", {})) + list(v.get("links", {})):
                path = project / rel
                if path.is_symlink() or path.is_file():
                    path.unlink()
    else:
        return [], None
    refused_late = [v for v in remaining if v["expect"] == "refuse"]
    assert not refused_late, (
        f"published although they must be refused: {[(v['key'], v['about']) for v in refused_late]}"
    )
    assert not (site / SENTINEL).exists()
    assert_absent(site, [m for v in remaining for m in v.get("markers", [])])
    return remaining, site


def groups():
    for name in CLASSES:
        together = [v for v in variants(name) if not v.get("alone")]
        if together:
            yield pytest.param(name, tuple(v["key"] for v in together), id=f"{name}-together")
        for v in variants(name):
            if v.get("alone"):
                yield pytest.param(name, (v["key"],), id=f"{name}-{v['key']}")


def pages_of(site: Path, built: list[dict]) -> list[str]:
    urls = []
    for v in built:
        for rel in v.get("files", {}):
            if rel.startswith("docs/") and rel.endswith(".md"):
                url = rel[len("docs/") : -3] + "/"
                if (site / url / "index.html").is_file():
                    urls.append(url)
    return urls


def requests_leaving(browser, site: Path, urls: list[str]) -> list[str]:
    server = serve(site)
    context = browser.new_context(locale="zh-CN")
    seen: list[str] = []

    def route(r):
        seen.append(r.request.url)
        (r.continue_ if r.request.url.startswith(server.url) else r.abort)()

    context.route("**/*", route)
    context.on("request", lambda req: seen.append(req.url))
    try:
        page = context.new_page()
        for url in [*urls, ""]:
            page.goto(server.url + url, wait_until="networkidle")
    finally:
        context.close()
        server.close()
    return [u for u in seen if not u.startswith((server.url, "data:", "blob:", "about:"))]


@pytest.mark.parametrize(("name", "keys"), list(groups()))
def test_build_publishes_nothing_forbidden(name, keys, tmp_path, browser):
    chosen = [v for v in variants(name) if v["key"] in keys]
    overlay = next((v["overlay"] for v in chosen if v.get("overlay")), None)
    built, site = run_class(tmp_path, chosen, overlay)
    if site is None:
        return
    outside = requests_leaving(browser, site, pages_of(site, built))
    assert not outside, f"requests left the site: {outside}"
    for v in built:
        if v.get("link_check"):
            html = (site / pages_of(site, [v])[0] / "index.html").read_text(encoding="utf-8")
            for host in ("http://www.npc.gov.cn/", "https://www.example.gov.cn/"):
                tag = re.search(r"<a [^>]*href=\"" + re.escape(host) + '"[^>]*>', html)
                assert tag, host
                assert "noopener" in tag.group() and "noreferrer" in tag.group() and "external-link" in tag.group()


# ---- the review command on the same inputs ---------------------------------------------


def cli_cases():
    for name in CLASSES:
        for v in variants(name):
            if not v.get("cli"):
                continue
            yield pytest.param(name, v["key"], id=f"{name}-{v['key']}")


def run_review(project: Path, *paths: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "review", "--format", "json", *paths],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(("name", "key"), list(cli_cases()))
def test_review_command_agrees(name, key, tmp_path):
    variant = next(v for v in variants(name) if v["key"] == key)
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    # The list files [tool.review] names (the lecture category registry) come with it.
    (project / "lecture-categories.yml").write_bytes((ROOT / "lecture-categories.yml").read_bytes())
    add(project, variant)
    sources = [rel for rel in variant["files"] if rel.startswith("docs/")]
    paths = sorted({str(Path(rel).parent) for rel in sources}) if variant.get("cli_dir") else sources
    result = run_review(project, *paths)
    expected = variant["cli"]
    if expected == "clean":
        assert result.returncode == 0, result.stdout + result.stderr
        return
    if expected == "refuse":
        assert result.returncode == 2, result.stdout + result.stderr
        assert any(Path(s).name in result.stderr for s in sources), result.stderr
        return
    category = expected.split(":", 1)[1]
    assert result.returncode in (1, 2), result.stdout + result.stderr
    if result.returncode == 2:
        assert any(Path(s).name in result.stderr for s in sources), result.stderr
        return
    found = json.loads(result.stdout)["findings"]
    assert any(f["category"] == category and f["severity"] == "error" for f in found), found

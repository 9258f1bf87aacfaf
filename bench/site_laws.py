"""`python bench/site.py --laws`: the site built from real legal texts (../shared/corpus/laws,
646 texts, the rest of the pages recombined from their chapters and articles), and a
reader's first search on a cold browser (Chromium, new profile per query, served from
127.0.0.1): time to the first result shown, bytes moved. Compared side by side on the
same pages: this site's sharded index (with and without the review gate), Pagefind
(extended, over the same HTML) and mkdocs-material's default lunr index (no hooks).

    python bench/site.py --laws [--pages 2000] [--scale 20000] [--profile]

`--scale N` also writes N generated pages and times the index alone (the same index writer
and browser client, without the rest of a MkDocs build) to see bytes per query as the
archive grows.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import pstats
import random
import re
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the tests' browser and flags)

CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
QUERIES = ["人民代表大会常务委员会", "常委会", "代表法", "编码", "共享", "检察院"]
ARTICLE = re.compile(r"(?m)^第[一二三四五六七八九十百千零〇]+条[\s\u3000].*$")
CHAPTER = re.compile(r"(?m)^##+\s+\S.*$")


@functools.lru_cache(maxsize=1)
def corpus_texts() -> list[tuple[str, str, str]]:
    """(short name, title, body) of every text of the corpus the review passes (the gate
    refuses, rightly, texts with unfilled ×× templates and transcription defects)."""
    sys.path.insert(0, str(ROOT))
    from review.api import check_text, load_rules

    rules = load_rules(ROOT)
    out = []
    for path in sorted(CORPUS.rglob("*.md")):
        if path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        title_match = re.search(r"(?m)^#\s+(.+)$", text)
        title = title_match.group(1).strip() if title_match else path.stem
        body = re.sub(r"<!--.*?-->", "", text[title_match.end() :] if title_match else text, flags=re.S)
        body = body.replace("<", "《").replace(">", "》")  # <法名> in amendment notes: not HTML
        short = re.sub(r"\(.*?\)$", "", path.stem).removeprefix("中华人民共和国")
        if any(f.severity == "error" for f in check_text(rules, "docs/law.md", page(title, body))):
            continue
        out.append((short, title, body))
    return out


def page(title: str, body: str, aliases=()) -> str:
    head = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
    if aliases:
        head += "aliases:\n" + "".join(f"  - {json.dumps(a, ensure_ascii=False)}\n" for a in aliases)
    return head + f"---\n\n# {title}\n\n{body.strip()}\n"


def generate(docs: Path, pages: int, seed: int = 2026) -> tuple[int, int]:
    """All texts of the corpus as pages, then pages recombined from their articles (each a
    few chapters of articles drawn from several texts) up to `pages`. Returns (pages, bytes)."""
    rng = random.Random(seed)
    texts = corpus_texts()
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(page("法律法规库", "基准测试站点：法律法规全文。"), encoding="utf-8")
    written, size = 1, 0
    articles = []
    for i, (short, title, body) in enumerate(texts):
        if written >= pages:
            break
        folder = docs / "laws" / f"{i // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = page(title, body, [short] if short != title else [])
        (folder / f"law-{i:04d}.md").write_text(text, encoding="utf-8")
        written += 1
        size += len(text.encode())
        articles.extend(ARTICLE.findall(body))
    k = 0
    while written < pages:
        folder = docs / "compiled" / f"{k // 200:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        parts = []
        for c in range(rng.randint(3, 6)):
            parts.append(f"## 第{c + 1}部分\n")
            parts.extend(rng.choice(articles) for _ in range(rng.randint(8, 20)))
        text = page(f"法规条文汇编第{k + 1}篇", "\n\n".join(parts))
        (folder / f"page-{k:05d}.md").write_text(text, encoding="utf-8")
        written += 1
        k += 1
        size += len(text.encode())
    return written, size


# ---- serving and the browser -----------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


SITE_SEARCH = """q => document.querySelector('[data-site-search]').dataset.searched === q"""
LUNR_SEARCH = """() => document.querySelector('.md-search-result__item')
  || (document.querySelector('.md-search-result__meta') || {textContent: ''}).textContent.includes('没有')"""
PAGEFIND = """async q => {
  const pf = await import('/pagefind/pagefind.js');
  const s = await pf.search(q);
  await Promise.all(s.results.slice(0, 10).map(r => r.data()));
  return s.results.length;
}"""


def first_searches(site: Path, engine: str, queries, timeout_s: float = 60) -> list[tuple[str, float, int, int]]:
    """(query, seconds to the first result, bytes moved, requests) on a cold browser: a new
    context per query (empty cache), the home page loaded, then the query typed."""
    from playwright.sync_api import sync_playwright

    httpd, url = serve(site)
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                moved: list[int] = []
                outside: list[str] = []

                def finished(req, moved=moved):
                    try:
                        sizes = req.sizes()
                        moved.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])
                    except Exception:
                        moved.append(0)

                page.on(
                    "request",
                    lambda r, o=outside: o.append(r.url) if not r.url.startswith((url, "data:", "blob:")) else None,
                )
                if engine == "lunr":
                    # Material fetches its whole index when the page loads: count from there.
                    page.on("requestfinished", lambda r, f=finished: f(r) if "search" in r.url else None)
                    page.goto(url, wait_until="domcontentloaded")
                else:
                    page.goto(url)
                    page.wait_for_load_state("networkidle")
                    page.on("requestfinished", finished)
                start = time.perf_counter()
                try:
                    if engine == "pagefind":
                        page.evaluate(PAGEFIND, query)
                    else:
                        box = page.locator("input.md-search__input")
                        box.click()
                        box.fill(query)
                        page.wait_for_function(
                            SITE_SEARCH if engine == "site" else LUNR_SEARCH,
                            arg=query if engine == "site" else None,
                            timeout=timeout_s * 1000,
                        )
                    elapsed = time.perf_counter() - start
                except Exception:
                    elapsed = float("inf")
                page.wait_for_timeout(300)  # let the requests of this query finish
                out.append((query, elapsed, sum(moved), len(moved)))
                if outside:
                    raise SystemExit(f"requests left 127.0.0.1: {outside[:3]}")
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return out


def run_pagefind(site: Path) -> float:
    """Pagefind (extended: Chinese segmentation) over a built site, from Python; seconds."""
    import asyncio

    try:
        from pagefind.index import PagefindIndex
    except ImportError:
        return float("nan")  # not installed: pip install 'pagefind[extended]'

    async def index():
        async with PagefindIndex(config={"force_language": "zh", "output_path": str(site / "pagefind")}) as idx:
            await idx.add_directory(str(site))

    start = time.perf_counter()
    asyncio.run(index())
    return time.perf_counter() - start


def folder_size(path: Path) -> tuple[int, int]:
    files = [f for f in path.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files), len(files)


# ---- the index alone at scale ------------------------------------------------------------

SHELL = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>搜索</title></head><body>
<input class="md-toggle" type="checkbox" id="__search">
<div class="md-search" data-site-search data-index="search/" data-root="./" data-none="没有找到符合条件的结果"
 data-one="找到 1 个符合条件的结果" data-other="找到 # 个符合条件的结果" data-placeholder="键入以开始搜索">
<form name="site-search"><input class="md-search__input"></form>
<div class="md-search__scrollwrap"><div class="md-search-result"><div class="md-search-result__meta">键入以开始搜索</div>
<ol class="md-search-result__list"></ol></div></div></div>
<script src="site-search.js"></script></body></html>"""


def simple_html(markdown_text: str) -> str:
    """Headings and paragraphs, all these generated pages hold (Python-Markdown would take
    most of the time at this scale and is measured in the full builds)."""
    out = []
    for n, block in enumerate(re.split(r"\n\s*\n", markdown_text)):
        block = block.strip()
        heading = re.match(r"(#+)\s+(.*)", block)
        if heading:
            level = len(heading.group(1))
            out.append(f'<h{level} id="h{n}">{heading.group(2)}</h{level}>')
        elif block:
            out.append(f"<p>{block}</p>")
    return "\n".join(out)


def index_only(docs: Path, out: Path) -> dict:
    """The sharded index of every page under docs, written by the build's own index writer,
    with a bare page carrying the search box and client; peak memory included."""
    import yaml

    sys.path.insert(0, str(ROOT))
    from review.api import load_rules, search_terms
    from studysite import search

    terms = search_terms(load_rules(ROOT))
    builder = search.IndexBuilder(
        str(out / "search"), search.make_cut(terms.words), {k: tuple(v) for k, v in terms.aliases.items()}
    )
    start = time.perf_counter()
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = {}
        m = re.match(r"---\n(.*?)\n---\n", text, re.S)
        if m:
            meta = yaml.safe_load(m.group(1)) or {}
            text = text[m.end() :]
        body = simple_html(text)
        url = str(path.relative_to(docs).with_suffix("")) + "/"
        builder.add(search.page_doc(url, str(meta.get("title", "")), body, search.front_matter_aliases(meta)))
    figures = builder.write()
    figures["seconds"] = time.perf_counter() - start
    import resource

    figures["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    (out / "index.html").write_text(SHELL, encoding="utf-8")
    shutil.copy(ROOT / "overrides" / "assets" / "javascripts" / "site-search.js", out / "site-search.js")
    return figures


# ---- where the time goes ------------------------------------------------------------------

PROFILE_CHILD = r"""
import cProfile, pstats, runpy, sys
stats_path = sys.argv[3]
sys.argv = ["mkdocs", "build", "--strict", "-q", "-f", sys.argv[1], "-d", sys.argv[2]]
prof = cProfile.Profile()
prof.enable()
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit:
    pass
prof.disable()
prof.dump_stats(stats_path)
"""

GROUPS = [
    ("studysite", "search index (studysite/search.py)"),
    ("hooks/search_index", "search index (studysite/search.py)"),
    ("review", "review gate (review)"),
    ("hooks/", "other site hooks"),
    ("material/plugins/search", "Material search plugin"),
    ("material/plugins/blog", "Material blog plugin"),
    ("material", "Material theme"),
    ("markdown", "Markdown rendering"),
    ("pymdownx", "Markdown rendering"),
    ("jinja2", "page templates (Jinja)"),
    ("mkdocs", "MkDocs core"),
    ("yaml", "YAML"),
    ("<built-in", "built-ins (I/O, regex, json)"),
    ("", "other"),
]


def profile_build(project: Path, config: str, out: Path) -> list[tuple[str, float]]:
    """Own time of every function of one build, summed by where it lives."""
    stats_file = project / "build.prof"
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
    )
    proc = subprocess.run(
        [sys.executable, "-c", PROFILE_CHILD, config, str(out), str(stats_file)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if not stats_file.exists():
        return [(f"profiled build failed: {proc.stderr.strip().splitlines()[-1:] or ['?']}", 0.0)]
    stats = pstats.Stats(str(stats_file), stream=io.StringIO())

    def group(filename: str, func: str) -> str:
        where = "<built-in " + func if filename == "~" else filename.replace(os.sep, "/")
        return next(name for needle, name in GROUPS if needle in where)

    totals: dict[str, float] = {}
    for (filename, _line, func), (_cc, _nc, tt, _ct, callers) in stats.stats.items():
        if filename != "~" or not callers:
            name = group(filename, func)
            totals[name] = totals.get(name, 0.0) + tt
            continue
        # A built-in (regex, json, I/O, rjieba) counts for the code that called it, in
        # proportion to the time each caller spent in it.
        spent = sum(c[2] for c in callers.values()) or 1.0
        for (cfile, _cline, cfunc), c in callers.items():
            name = group(cfile, cfunc)
            totals[name] = totals.get(name, 0.0) + tt * c[2] / spent
    return sorted(totals.items(), key=lambda kv: -kv[1])


# The site refuses to build without a hook named review_gate.py; the benchmark's own copy of
# the site measures the gate's cost against a stand-in of that name that does nothing.
NO_GATE = "bench-no-gate/review_gate.py"


def stand_in(project: Path) -> None:
    (project / "bench-no-gate").mkdir(exist_ok=True)
    (project / NO_GATE).write_text('"""Benchmark only: the review gate left out."""\n', encoding="utf-8")


def overlay(project: Path, name: str, hooks: list[str] | None, plugins: str | None = None) -> str:
    text = "INHERIT: mkdocs.yml\n"
    if hooks is not None:
        text += "hooks:\n" + "".join(f"  - {h}\n" for h in hooks) if hooks else "hooks: []\n"
    if plugins:
        text += plugins
    (project / name).write_text(text, encoding="utf-8")
    return name


def fmt_searches(rows) -> str:
    times = [t for _, t, _, _ in rows]
    sizes = [b for _, _, b, _ in rows]
    if not rows:
        return "–"
    worst = max(times)
    shown = "did not finish" if worst == float("inf") else f"{min(times):.2f}–{worst:.2f} s"
    return f"{shown}, {min(sizes) / 1e3:.0f}–{max(sizes) / 1e3:.0f} KB"


def main(args, run_build, site_files) -> int:
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent (the real-text benchmark needs ../shared/corpus/laws)")
        return 0
    project = Path(tempfile.mkdtemp(prefix="site-laws-"))
    try:
        return _run(args, run_build, site_files, project)
    finally:
        if not args.keep:
            shutil.rmtree(project, ignore_errors=True)
        else:
            print(f"\nproject kept in {project}")


def _run(args, run_build, site_files, project: Path) -> int:
    for name in site_files:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    detail = {}
    if args.pages:  # --pages 0: only the index at --scale
        pages, source = generate(project / "docs", args.pages)
        (project / "docs" / "lectures").mkdir(exist_ok=True)
        (project / "docs" / "lectures" / "index.md").write_text(
            "---\ntitle: 人大讲堂\n---\n\n# 人大讲堂\n", encoding="utf-8"
        )
        hooks = re.findall(r"(?m)^  - (hooks/\S+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        stand_in(project)
        no_gate = overlay(project, "no-gate.yml", [NO_GATE if h == "hooks/review_gate.py" else h for h in hooks])
        # Material as it comes: no hooks, no blog, and none of this site's templates (the
        # search box of overrides/ would replace Material's own search).
        (project / "material-theme").mkdir(exist_ok=True)
        defaults = overlay(
            project,
            "material-defaults.yml",
            [],
            "plugins:\n  - material/search\ntheme:\n  name: material\n  language: zh\n"
            "  custom_dir: material-theme\n  font: false\n  features:\n    - navigation.prune\n",
        )
        load = os.getloadavg()
        print(
            f"{pages} pages from {CORPUS} ({source / 1e6:.1f} MB of Markdown; {len(corpus_texts())} real texts, "
            f"the rest recombined from their articles); {os.cpu_count()} CPUs, load {load[0]:.1f} at start.\n"
        )

        rows = []
        builds = {}
        for label, config in (
            ()
            if args.only_profile
            else (
                ("this site, with the review gate", "mkdocs.yml"),
                ("this site, without the gate", no_gate),
                ("mkdocs-material defaults (lunr, jieba, no hooks)", defaults),
            )
        ):
            out = project / f"out-{len(builds)}"
            try:
                elapsed, rss = run_build(project, config, out)
            except SystemExit as exc:  # e.g. the review gate refusing real text with findings
                print(f"{label}: build failed: {str(exc).splitlines()[0][:300]}")
                builds[label] = None
                continue
            builds[label] = out
            size, files = folder_size(out)
            index_size = folder_size(out / "search")[0] if (out / "search").exists() else 0
            rows.append(
                (
                    label,
                    f"{elapsed:.0f} s",
                    f"{rss / 2**20:.0f} MiB",
                    f"{size / 1e6:.0f} MB ({files} files)",
                    f"{index_size / 1e6:.1f} MB",
                )
            )
        base = builds.get("mkdocs-material defaults (lunr, jieba, no hooks)")
        if base and (seconds := run_pagefind(base)) == seconds:
            size, files = folder_size(base / "pagefind")
            rows.append(
                (
                    "Pagefind 1.5 extended over the defaults' HTML",
                    f"+ {seconds:.0f} s",
                    "–",
                    f"+ {size / 1e6:.0f} MB ({files} files)",
                    f"{size / 1e6:.1f} MB",
                )
            )
        if args.only_profile:
            rows = None
    if args.pages and rows is not None:
        print("| build | time | peak memory | output | search files |")
        print("| --- | --- | --- | --- | --- |")
        for row in rows:
            print("| " + " | ".join(row) + " |")

        print(
            f"\nA reader's first search on a cold browser (queries: {'、'.join(QUERIES)}): time to the first "
            "result shown, bytes moved (headers and bodies) after the home page loaded.\n"
        )
        print("| search | first result | per query |")
        print("| --- | --- | --- |")
        for label, engine, key, queries in (
            ("this site's sharded index, with the gate", "site", "this site, with the review gate", QUERIES),
            ("this site's sharded index, without the gate", "site", "this site, without the gate", QUERIES),
            (
                "Pagefind (JS API, 10 results' fragments)",
                "pagefind",
                "mkdocs-material defaults (lunr, jieba, no hooks)",
                QUERIES,
            ),
            (
                "mkdocs-material lunr (2 queries)",
                "lunr",
                "mkdocs-material defaults (lunr, jieba, no hooks)",
                QUERIES[:2],
            ),
        ):
            site = builds.get(key)
            if not site:
                print(f"| {label} | build failed | |")
                continue
            found = first_searches(site, engine, queries)
            detail[label] = found
            print(
                f"| {label} | {fmt_searches(found)} | "
                + "; ".join(f"{q} {t:.2f} s {b / 1e3:.0f} KB" for q, t, b, _ in found)
                + " |"
            )

    if args.scale:
        docs = project / "scale-docs"
        n, size = generate(docs, args.scale)
        out = project / "scale-out"
        figures = index_only(docs, out)
        found = first_searches(out, "site", QUERIES)
        detail["scale"] = found
        print(
            f"\nIndex alone at {n} pages ({size / 1e6:.0f} MB of Markdown): {figures['seconds']:.0f} s, "
            f"{figures['terms']} terms in {figures['shards']} shards ({figures['shard_bytes'] / 1e6:.0f} MB, "
            f"largest {figures['largest_shard'] / 1e3:.0f} KB), {figures['parts']} fragments "
            f"({figures['fragment_bytes'] / 1e6:.0f} MB), peak memory of the bench process "
            f"{figures['maxrss'] / 2**20:.0f} MiB; first search {fmt_searches(found)}: "
            + "; ".join(f"{q} {t:.2f} s {b / 1e3:.0f} KB" for q, t, b, _ in found)
        )
        shutil.rmtree(docs, ignore_errors=True)

    if args.profile and args.pages:
        print("\nWhere the time goes (one build with the gate under cProfile, own time by module):\n")
        print("| part | seconds |")
        print("| --- | --- |")
        for name, seconds in profile_build(project, "mkdocs.yml", project / "out-profile")[:12]:
            print(f"| {name} | {seconds:.1f} |")
    load = os.getloadavg()
    print(f"\nload at the end: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min)")
    site = (
        detail.get("this site's sharded index, with the gate")
        or detail.get("this site's sharded index, without the gate")
        or detail.get("scale")
        or []
    )
    ok = bool(site) and all(t <= 1.0 and b <= 1.5e6 for _, t, b, _ in site)
    return 0 if ok else 1

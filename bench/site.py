"""Benchmark of the study site build at scale: a generated site of 2,000 Chinese pages
(3-5 KB each, nested sections) built with the real mkdocs.yml and hooks, with and without
the review gate.

    python bench/site.py [--pages 2000] [--repeat 3] [--keep]

Prints build time (median, with the range of the runs), output size, search-index size, peak memory of the build
process, and the gate's overhead, as a Markdown table for the README. Targets (issue 4):
gate <= 10 %, build <= 20 s, output < 150 MB. `--laws` measures real pages and a reader's first
search (bench/site_laws.py, issue 14).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_FILES = ("mkdocs.yml", "pyproject.toml", "hooks", "overrides")
GATE = "hooks/review_gate.py"
TOPICS = [
    "人民代表大会制度",
    "全过程人民民主",
    "立法工作",
    "监督工作",
    "代表工作",
    "机关党建",
    "预算审查",
    "备案审查",
    "基层立法联系点",
    "理论学习",
]
NUMERALS = "一二三四五六七八九十"
CHILD = r"""
import resource, runpy, sys
sys.argv = ["mkdocs", "build", "--strict", "-q", "-f", sys.argv[1], "-d", sys.argv[2]]
code = 0
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exc:
    code = exc.code or 0
print("MAXRSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def clean_sentences() -> list[str]:
    """Sentences of the real site's own pages, which pass review: the generated pages are
    recombined from them, so the gated build has real text to check and passes."""
    sentences = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if "guide" in path.parts:  # the editors' guide quotes syntax and bad examples
            continue
        text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        for line in text.splitlines():
            if not line or line[0] in "#|<!-:>*" or line[0].isdigit() or "[" in line or "`" in line:
                continue
            for s in re.findall(r"[^。！？]+[。！？]", line):
                if len(s) > 12 and all(s.count(a) == s.count(b) for a, b in ("“”", "《》", "（）")):
                    sentences.append(s.strip())
    return sentences


def page_text(rng: random.Random, sentences: list[str], title: str, tag: str) -> str:
    size = rng.randint(3000, 5000)
    out = [f"---\ntitle: {title}\ntags:\n  - {tag}\n---\n\n# {title}\n"]
    length, heading = len(out[0].encode()), 0
    while length < size:
        if heading < len(NUMERALS) and (heading == 0 or rng.random() < 0.3):
            out.append(f"\n## {NUMERALS[heading]}、{rng.choice(TOPICS)}\n")
            heading += 1
        para = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        out.append("\n" + para + "\n")
        length += len(out[-1].encode()) + 12
    return "".join(out)


def generate(project: Path, pages: int, seed: int = 2026) -> int:
    """Sections of sections of pages under docs/, about `pages` pages in all."""
    rng = random.Random(seed)
    sentences = clean_sentences()
    docs = project / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(
        "---\ntitle: 学习园地首页\n---\n\n# 学习园地首页\n\n基准测试站点。\n", encoding="utf-8"
    )
    (docs / "lectures").mkdir()
    (docs / "lectures" / "index.md").write_text("---\ntitle: 人大讲堂\n---\n\n# 人大讲堂\n", encoding="utf-8")
    tops, subs = 10, 10
    per_sub = max(1, -(-(pages - 1 - tops - tops * subs) // (tops * subs)))
    written = 1
    for t in range(tops):
        top = docs / f"topic-{t:02d}"
        top.mkdir()
        name = TOPICS[t % len(TOPICS)]
        (top / "index.md").write_text(page_text(rng, sentences, f"{name}学习专栏", name), encoding="utf-8")
        written += 1
        for s in range(subs):
            sub = top / f"part-{s:02d}"
            sub.mkdir()
            (sub / "index.md").write_text(page_text(rng, sentences, f"{name}（第{s + 1}辑）", name), encoding="utf-8")
            written += 1
            for p in range(per_sub):
                title = f"{name}学习材料第{s + 1}辑第{p + 1}篇"
                (sub / f"page-{p:03d}.md").write_text(page_text(rng, sentences, title, name), encoding="utf-8")
                written += 1
    return written


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_build(project: Path, config: str, out: Path) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
    )
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, config, str(out)], cwd=project, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"build with {config} failed:\n{proc.stdout}\n{proc.stderr}")
    rss = int(re.search(r"MAXRSS_KB (\d+)", proc.stderr).group(1))
    return elapsed, rss * 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated project")
    parser.add_argument(
        "--laws",
        action="store_true",
        help="build from ../shared/corpus/laws and measure a reader's first search (bench/site_laws.py)",
    )
    parser.add_argument("--scale", type=int, default=0, help="with --laws: also the index alone at this many pages")
    parser.add_argument("--profile", action="store_true", help="with --laws: where the build's time goes")
    parser.add_argument(
        "--only-profile", action="store_true", help="with --laws --profile: skip the timed builds and searches"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import site_laws

    if args.laws:
        return site_laws.main(args, run_build, SITE_FILES)

    project = Path(tempfile.mkdtemp(prefix="site-bench-"))
    for name in SITE_FILES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    pages = generate(project, args.pages)
    source = folder_size(project / "docs")
    hooks = [
        site_laws.NO_GATE if h == GATE else h
        for h in re.findall(r"(?m)^  - (hooks/\S+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    ]
    site_laws.stand_in(project)
    # An overlay replaces the hooks list as a whole: this is the site with a gate that does nothing.
    (project / "no-gate.yml").write_text(
        "INHERIT: mkdocs.yml\nhooks:\n" + "".join(f"  - {h}\n" for h in hooks), encoding="utf-8"
    )

    out = project / "out"
    runs: dict[str, list[tuple[float, int]]] = {"gate": [], "no-gate": []}
    run_build(project, "mkdocs.yml", out)  # warm-up: jieba's dictionary cache, the packs' cache
    for _ in range(args.repeat):
        runs["no-gate"].append(run_build(project, "no-gate.yml", out))
        runs["gate"].append(run_build(project, "mkdocs.yml", out))
    # The reader's search: shards and fragments, of which a query loads a few (bench/site_laws.py
    # measures what a query moves); the whole no longer goes to any browser.
    index = folder_size(out / "search")
    output = folder_size(out)

    gate = [t for t, _ in runs["gate"]]
    plain = [t for t, _ in runs["no-gate"]]
    t_gate, t_plain = statistics.median(gate), statistics.median(plain)
    rss = max(m for _, m in runs["gate"])
    overhead = (t_gate - t_plain) / t_plain * 100
    # Builds alternate (no gate, gate, ...): each pair ran under the same load, so the
    # spread of the pairs' overheads shows how much noise is in the median's figure.
    pairs = sorted((g - p) / p * 100 for g, p in zip(gate, plain, strict=False))
    print(
        f"Generated {pages} pages ({source / 1e6:.1f} MB of Markdown, 3-5 KB each, 10 × 10 nested sections); "
        f"median of {args.repeat} builds each, {os.cpu_count()} CPUs.\n"
    )
    print("| measure | value | target |")
    print("| --- | --- | --- |")
    print(f"| build time, with review gate | {t_gate:.1f} s ({min(gate):.1f}–{max(gate):.1f}) | ≤ 20 s |")
    print(f"| build time, without gate | {t_plain:.1f} s ({min(plain):.1f}–{max(plain):.1f}) | |")
    print(f"| review gate overhead | {overhead:+.1f} % (pairs {pairs[0]:+.1f} to {pairs[-1]:+.1f} %) | ≤ 10 % |")
    print(f"| output size | {output / 1e6:.1f} MB | < 150 MB |")
    print(f"| search files (shards and fragments, loaded a few per query) | {index / 1e6:.1f} MB | |")
    print(f"| peak memory (build process) | {rss / 2**20:.0f} MiB | |")
    if args.keep:
        print(f"\nproject kept in {project}")
    else:
        shutil.rmtree(project, ignore_errors=True)
    ok = t_gate <= 20 and overhead <= 10 and output < 150e6
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

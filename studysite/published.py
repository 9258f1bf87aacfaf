"""Review of the published artifact: everything a reader can see in the built site (pages,
files copied as they are, the sitemap, the search index, file and folder names) goes
through the publication rules (`review.api.check_published_text`). This is the last line
of defence behind the source review: no suppression comment, no configured ignore, no
front-matter flag reaches it. The only pages allowed to show forbidden text are the ones
the build itself generates from rule records (the rule reference), and only the text those
records hold; and the few quotations listed in QUOTED below, by page, rule and text."""

from __future__ import annotations

import json
import os
import posixpath
import time
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

from review.quoted import QUOTED  # the one list, shared with the source review

from . import visible

SEARCH_INDEX = "search/search_index.json"
# The build's own list of page generators whose pages may show rule records' text.
GENERATORS = ("hooks/pages",)
RULE_PAGES = "guide/rules/"


@dataclass(frozen=True)
class PageOrigin:
    src_uri: str  # the source file under docs/ (or the generated page's name)
    url: str  # the page's URL in the site ("guide/rules/secrecy/")
    allowed: str | None = None  # text the build generated for this page, whitespace removed


@dataclass(frozen=True)
class Problem:
    output: str  # file in the site
    source: str | None
    rule: str
    text: str

    def __str__(self) -> str:
        where = f"{self.output}（来源 {self.source}）" if self.source else self.output
        return f"{where}：{self.rule}「{self.text.strip()[:60]}」"


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]
    files: int
    seconds: float


@dataclass(frozen=True)
class _Unit:
    """Text of one output file (or one page's search entries) to review."""

    output: str
    source: str | None
    origin: PageOrigin | None
    text: str


@dataclass
class _Run:
    """One review run. Units are reviewed in large batches (the engine's cost per call
    dominates for small texts), separated by blank lines so no match spans two units;
    a segment seen before (navigation, header and footer repeat on every page) is not
    reviewed again."""

    check: Callable[[str, str], tuple]
    units: list[_Unit] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    shown: dict[str, str] = field(default_factory=dict)  # page URL -> its reviewed text

    def add(self, output: str, source: str | None, origin: PageOrigin | None, segments) -> None:
        if origin is not None and origin.allowed is not None:
            fresh = list(segments)  # an allowance never covers the same text on another page
        else:
            fresh = [s for s in segments if s not in self.seen]
            self.seen.update(fresh)
        if fresh:
            self.units.append(_Unit(output, source, origin, "\n".join(fresh)))

    def novel(self, url: str, text: str) -> str:
        """The lines of a page's search entries that the page itself did not show (the
        index repeats the pages' text: what was reviewed there is not reviewed twice)."""
        page = self.shown.get(url)
        if page is None:
            return text
        return "\n".join(line for line in text.split("\n") if line.strip() not in page)

    def problems(self, batch_chars: int = 400_000) -> list[Problem]:
        found: list[Problem] = []
        batch: list[_Unit] = []
        size = 0
        for unit in [*self.units, None]:
            if unit is not None:
                batch.append(unit)
                size += len(unit.text)
            if batch and (unit is None or size >= batch_chars):
                found += self._review(batch)
                batch, size = [], 0
        return found

    def _review(self, batch: list[_Unit]) -> list[Problem]:
        starts, line = [], 1
        for unit in batch:
            starts.append(line)
            line += unit.text.count("\n") + 4  # the unit and the three separating newlines
        text = "\n\n\n\n".join(u.text for u in batch)
        out = []
        for f in self.check("（站点输出）", text):
            if f.severity != "error":
                continue
            unit = batch[bisect_right(starts, f.line) - 1]
            if not _allowed(f, unit.origin, text):
                out.append(Problem(unit.output, unit.source, f.rule, f.text))
        return out


def _squash(text: str) -> str:
    """Text without spaces and invisible characters (the search index separates words with
    U+034F or U+200B), for comparing what a page shows with what the build generated."""
    return "".join(c for c in text if not c.isspace() and c != "\u034f" and unicodedata.category(c) != "Cf")


def _allowed(finding, origin: PageOrigin | None, text: str) -> bool:
    """Only the build's own pages, and only text that their records hold (compared as
    found and as written in `text`, since the finding's text may be normalised)."""
    if origin is None:
        return False
    shown = text[finding.start : finding.end]
    if (origin.src_uri, finding.rule, finding.text) in QUOTED or (origin.src_uri, finding.rule, shown) in QUOTED:
        return True
    allowed = origin.allowed
    if not allowed:
        return False
    return _squash(finding.text) in allowed or _squash(shown) in allowed


def review_site(
    rules,
    site_dir: str,
    pages: Mapping[str, PageOrigin],
    statics: Mapping[str, str],
    trusted: frozenset[str] = frozenset(),
) -> Report:
    """`pages`: output file → its page; `statics`: output file → source file copied as is;
    `trusted`: output files of the installed theme (its bundles are not site content)."""
    from review.api import check_published_text

    started = time.perf_counter()
    run = _Run(lambda path, text: check_published_text(rules, path, text))
    by_url = {origin.url: origin for origin in pages.values()}
    names: list[str] = []
    count = 0
    index_data = None
    for folder, dirs, files in os.walk(site_dir):
        dirs.sort()
        for name in sorted(files):
            rel = os.path.relpath(os.path.join(folder, name), site_dir).replace(os.sep, "/")
            names.append(unquote(rel))
            if rel in trusted:
                continue
            with open(os.path.join(folder, name), "rb") as fh:
                data = fh.read()
            if rel == SEARCH_INDEX:
                index_data = data  # reviewed last, against the text the pages showed
                count += 1
                continue
            origin = pages.get(rel)
            segments = _segments(rel, data)
            count += segments is not None
            if origin is not None and origin.allowed is None and segments:
                run.shown[origin.url] = "\n".join(segments)
            run.add(rel, origin.src_uri if origin else statics.get(rel), origin, segments or ())
    if index_data is not None:
        _search_index(run, index_data, by_url)
    problems = run.problems()
    for f in run.check("（文件名）", "\n".join(names)):  # names become URLs and section titles
        if f.severity == "error":
            problems.append(Problem(f"文件名 {names[f.line - 1]}", None, f.rule, f.text))
    return Report(tuple(dict.fromkeys(problems)), count, time.perf_counter() - started)


def _segments(rel: str, data: bytes) -> list[str] | None:
    suffix = posixpath.splitext(rel.lower())[1]
    if suffix in (".html", ".htm", ".xhtml") and b"\x00" not in data[:8192]:
        try:
            return visible.html_segments(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            pass
    text = visible.file_text(rel, data)
    return None if text is None else [text]


def _search_index(run: _Run, data: bytes, by_url: Mapping[str, PageOrigin]) -> None:
    """Each page's entries of the search index, with that page's allowance."""
    try:
        docs = json.loads(data.decode("utf-8")).get("docs", [])
    except (ValueError, UnicodeDecodeError, AttributeError):
        docs = None
    if not isinstance(docs, list):
        run.add(SEARCH_INDEX, None, None, [visible.file_text(SEARCH_INDEX, data) or ""])
        return
    grouped: dict[str, list[dict]] = {}
    for doc in docs:
        if isinstance(doc, dict):
            grouped.setdefault(str(doc.get("location", "")).split("#")[0], []).append(doc)
    urls = list(grouped)
    for url, text in zip(urls, visible.search_groups_text([grouped[u] for u in urls]), strict=False):
        origin = by_url.get(url)
        text = run.novel(url, text) if origin is None or origin.allowed is None else text
        run.add(f"{SEARCH_INDEX}（{url or '首页'}）", origin.src_uri if origin else None, origin, [text])


def refusal_message(report: Report) -> str:
    lines = [str(p) for p in report.problems]
    shown = lines[:80] + ([f"……另有 {len(lines) - 80} 处"] if len(lines) > 80 else [])
    return (
        "发布审核未通过：构建出的站点中读者能看到的内容含有不得发布的文字，站点拒绝发布"
        f"（{len(lines)} 处；请改正来源文件后重新构建，这一审核不能豁免）：\n  " + "\n  ".join(shown)
    )


def origins(files) -> tuple[dict[str, PageOrigin], dict[str, str], frozenset[str]]:
    """From MkDocs's files: each written page's origin (with the text the build generated
    for rule reference pages), each copied file's source, and the installed theme's files."""
    theme = theme_files(files)
    pages: dict[str, PageOrigin] = {}
    statics: dict[str, str] = {}
    for file in files:
        if file.inclusion.is_excluded():
            continue
        if file.is_documentation_page():
            generated = (
                file.generated_by is not None
                and file.generated_by.startswith(GENERATORS)
                and file.src_uri.startswith(RULE_PAGES)
            )
            pages[file.dest_uri] = PageOrigin(
                file.src_uri, file.url, _squash(file.content_string) if generated else None
            )
        elif file.dest_uri not in theme:
            statics[file.dest_uri] = file.src_uri
    return pages, statics, theme


def theme_files(files) -> frozenset[str]:
    """Output files copied from the installed Material package (not `overrides/`)."""
    import material

    theme_dir = os.path.dirname(os.path.abspath(material.__file__)) + os.sep
    return frozenset(
        f.dest_uri for f in files if f.abs_src_path and os.path.abspath(f.abs_src_path).startswith(theme_dir)
    )

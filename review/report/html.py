"""`--format html`: one self-contained page for the person who signs a draft off. Every
finding, grouped by file and severity, with its line(s) of context and the finding's text
marked, the rule's standard form and basis, and the suggestion.

The page loads nothing (inline CSS, no script, a Content-Security-Policy that forbids every
fetch) and prints cleanly. Everything taken from a draft or a rule is escaped, and characters
a reader cannot see (bidi controls, zero-width marks) are shown as their code point, so a
draft cannot inject markup into the report or make it display text in a misleading order."""

from __future__ import annotations

import datetime
import html
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TextIO

from ..document import source
from ..explain import CATEGORY_NAMES, FIX_NAMES, SEVERITY_NAMES
from ..model import ReviewError

SEVERITY_ORDER = ("error", "warning", "info")
CONTEXT_CHARS = 60  # characters shown on each side of a finding on a long line
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
:root { --err: #b3261e; --warn: #8a5a00; --info: #2a5b8f; --line: #d9d9d9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.7 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
  "PingFang SC", sans-serif; color: #1f1f1f; background: #fafafa; }
header, main, nav { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header h1 { font-size: 1.5rem; margin: 1.2rem 0 .4rem; }
.meta { color: #555; margin: 0 0 .6rem; }
table.summary { border-collapse: collapse; margin: .4rem 0 1rem; }
table.summary th, table.summary td { border: 1px solid var(--line); padding: .2rem .7rem; text-align: left; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
nav { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: .5rem 1rem; }
nav ol { margin: .2rem 0; padding-left: 1.4rem; }
section.file { background: #fff; border: 1px solid var(--line); border-radius: 4px; margin: 1rem auto;
  padding: .2rem 1rem 1rem; }
section.file h2 { font-size: 1.15rem; margin: .6rem 0; word-break: break-all; }
h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
h3.error { color: var(--err); } h3.warning { color: var(--warn); } h3.info { color: var(--info); }
article.finding { border-left: 4px solid var(--line); padding: .3rem .8rem; margin: .5rem 0; }
article.error { border-color: var(--err); } article.warning { border-color: var(--warn); }
article.info { border-color: var(--info); }
.where { font-weight: bold; } .rule { font-family: monospace; color: #555; margin-left: .5rem; }
.message { margin: .1rem 0; }
pre.context { background: #f4f4f4; padding: .3rem .6rem; margin: .3rem 0; white-space: pre-wrap;
  word-break: break-all; font: 14px/1.6 "Noto Sans Mono CJK SC", monospace; }
pre.context .ln { color: #888; user-select: none; }
mark { background: #ffd54f; color: #000; padding: 0 1px; outline: 1px solid #c79a00; }
.cp { font-size: .75em; border: 1px solid #999; border-radius: 2px; padding: 0 2px; color: #555; }
.suggestion { margin: .2rem 0; } .suggestion b { color: #1b5e20; }
dl.explain { margin: .2rem 0 0; color: #444; font-size: .92em; }
dl.explain dt { float: left; clear: left; font-weight: bold; margin-right: .4rem; }
dl.explain dd { margin: 0 0 .1rem 0; }
.none { color: #1b5e20; font-weight: bold; }
footer { max-width: 60rem; margin: 1rem auto 2rem; padding: 0 1rem; color: #777; font-size: .85em; }
@media print {
  body { background: #fff; font-size: 11pt; }
  nav { display: none; }
  section.file { border: none; padding: 0; margin: 0 0 1rem; }
  section.file + section.file { break-before: page; }
  article.finding { break-inside: avoid; }
  mark { outline: 1px solid #000; }
  a { color: inherit; text-decoration: none; }
}
"""


def render(findings, rules, files: int) -> str:
    by_file: dict[str, list] = {}
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    counts = {path: Counter(f.severity for f in items) for path, items in by_file.items()}
    categories = Counter(f.category for f in findings)
    parts = _page(files, counts, categories, lambda i, path: _file_section(i, path, by_file[path], rules))
    return "\n".join(parts) + "\n"


class Stream:
    """Writes what `render` returns with memory flat in the number of findings. The summary
    and the list of files come first, so each file's section is rendered as its findings
    arrive and waits in a temporary file; the sections are numbered in path order at the end."""

    def __init__(self, out: TextIO, rules, files: int):
        self.out, self.rules, self.files = out, rules, files
        self.counts: dict[str, Counter] = {}
        self.categories: Counter = Counter()
        self.where: dict[str, tuple[int, int]] = {}  # path -> (position in the spool, characters)
        import tempfile  # only when HTML is asked for

        # Closed in close(); a run that fails midway leaves it to the OS (an unlinked file).
        # newline="": a carriage return in a section must come back as it went in.
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115

    def add(self, findings: Iterable) -> None:
        by_file: dict[str, list] = {}
        for f in findings:
            by_file.setdefault(f.path, []).append(f)
        for path, items in by_file.items():  # each path comes once: a run reviews a file once
            self.counts[path] = Counter(f.severity for f in items)
            self.categories.update(f.category for f in items)
            section = _file_section(0, path, items, self.rules)
            self.spool.seek(0, 2)
            self.where[path] = (self.spool.tell(), len(section))
            self.spool.write(section)

    def close(self) -> None:
        def section(index: int, path: str) -> str:
            at, size = self.where[path]
            self.spool.seek(at)
            text = self.spool.read(size)
            return text.replace(_section_open(0, path), _section_open(index, path), 1)

        for part in _page(self.files, self.counts, self.categories, section):
            self.out.write(part + "\n")
        self.spool.close()


def _page(files: int, counts: dict[str, Counter], categories: Counter, section: Callable[[int, str], str]):
    """The page's parts in order (joined by line breaks); `section(i, path)` gives the i-th
    file's section."""
    levels = sum(counts.values(), Counter())
    yield from [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>文稿审核报告</title>",
        f"<style>{CSS}</style></head><body>",
        "<header><h1>文稿审核报告</h1>",
        f'<p class="meta">生成时间：{_e(datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))}'
        f"　审核文件 {files} 个，其中 {len(counts)} 个有问题</p>",
        _summary(levels, categories),
        "</header>",
    ]
    paths = sorted(counts)
    if paths:
        yield '<nav aria-label="文件目录"><b>文件目录</b><ol>'
        for i, path in enumerate(paths, 1):
            detail = "，".join(f"{SEVERITY_NAMES[s]} {counts[path][s]}" for s in SEVERITY_ORDER if counts[path][s])
            yield f'<li><a href="#file-{i}">{_e(path)}</a>（{detail}）</li>'
        yield "</ol></nav>"
    yield "<main>"
    if not paths:
        yield '<p class="none">未发现问题。</p>'
    for i, path in enumerate(paths, 1):
        yield section(i, path)
    yield "</main>"
    yield (
        "<footer>本报告由 review 生成；规则依据可用 review --explain 规则id 查看。"
        "本页不引用任何外部资源，可离线打开和打印。</footer></body></html>"
    )


def _section_open(index: int, path: str) -> str:
    return f'<section class="file" id="file-{index}" data-path="{_e(path)}"><h2>{_e(path)}</h2>'


def _summary(levels: Counter, categories: Counter) -> str:
    total = sum(levels.values())
    rows = [f'<tr><th>问题总数</th><td class="n" data-count="total">{total}</td></tr>']
    rows += [
        f'<tr><th>{SEVERITY_NAMES[s]}</th><td class="n" data-count="{s}">{levels[s]}</td></tr>' for s in SEVERITY_ORDER
    ]
    cats = "".join(
        f'<tr><th>{_e(CATEGORY_NAMES.get(c, c))}（{_e(c)}）</th><td class="n">{n}</td></tr>'
        for c, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    table = f'<table class="summary"><caption hidden>按级别</caption>{"".join(rows)}</table>'
    if cats:
        table += f'<table class="summary"><caption hidden>按类别</caption>{cats}</table>'
    return table


def _file_section(index: int, path: str, items: list, rules) -> str:
    lines = _source_lines(path)
    out = [_section_open(index, path)]
    for severity in SEVERITY_ORDER:
        group = [f for f in items if f.severity == severity]
        if not group:
            continue
        out.append(f'<h3 class="{severity}">{SEVERITY_NAMES[severity]}（{len(group)} 处）</h3>')
        for f in sorted(group, key=lambda f: (f.line, f.column, f.rule)):
            out.append(_finding(f, lines, rules.get(f.rule)))
    out.append("</section>")
    return "\n".join(out)


def _finding(f, lines: list[str] | None, rule) -> str:
    where = f"第 {f.line} 行第 {f.column} 列"
    parts = [
        f'<article class="finding {f.severity}" data-rule="{_e(f.rule)}" data-line="{f.line}" '
        f'data-column="{f.column}">',
        f'<div><span class="where">{where}</span><span class="rule">{_e(f.rule)}</span></div>',
        f'<p class="message">{_visible(f.message)}</p>',
        _context(f, lines),
    ]
    if f.suggestion is not None:
        shown = _visible(f.suggestion) if f.suggestion else "（删除）"
        how = "可运行 review --fix 自动修复" if f.fixable else "需人工确认后修改"
        parts.append(f'<p class="suggestion">建议改为：<b>{shown}</b>（{how}）</p>')
    if rule is not None:
        parts.append(
            '<dl class="explain">'
            f"<dt>类别</dt><dd>{_e(CATEGORY_NAMES.get(rule.category, rule.category))}"
            f"　{_e(FIX_NAMES.get(rule.fix, ''))}</dd>"
            f"<dt>标准写法</dt><dd>{_visible(rule.standard)}</dd>"
            f"<dt>依据</dt><dd>{_visible(rule.rationale)}</dd></dl>"
        )
    parts.append("</article>")
    return "\n".join(parts)


def _context(f, lines: list[str] | None) -> str:
    """The finding's line(s) with its text marked; just the text when the file cannot be
    read or no longer holds it there (changed since the review)."""
    if lines is not None and 1 <= f.line <= f.end_line <= len(lines):
        span = _span_text(lines, f)
        if span == f.text:
            rows = []
            for n in range(f.line, f.end_line + 1):
                line = lines[n - 1]
                a = f.column - 1 if n == f.line else 0
                b = f.end_column - 1 if n == f.end_line else len(line)
                rows.append(f'<span class="ln">{n:>4} │ </span>{_clip(line, a, b)}')
            return '<pre class="context">' + "\n".join(rows) + "</pre>"
    note = "（无法读取原文，仅显示所报告的文字）"
    return f'<pre class="context"><mark>{_visible(f.text)}</mark></pre><p class="meta">{note}</p>'


def _span_text(lines: list[str], f) -> str:
    if f.line == f.end_line:
        return lines[f.line - 1][f.column - 1 : f.end_column - 1]
    first = lines[f.line - 1][f.column - 1 :]
    middle = lines[f.line : f.end_line - 1]
    last = lines[f.end_line - 1][: f.end_column - 1]
    return "\n".join([first, *middle, last])


def _clip(line: str, a: int, b: int) -> str:
    """The line with [a, b) marked; a long line is cut to the text around the mark."""
    before, hit, after = line[:a], line[a:b], line[b:]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS] + "…"
    marked = f"<mark>{_visible(hit)}</mark>" if hit else ""
    return _visible(before) + marked + _visible(after)


def _source_lines(path: str) -> list[str] | None:
    try:
        text = source.read(path).text
    except ReviewError:
        return None
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _visible(text: str) -> str:
    """Escaped text in which format and control characters (bidi overrides, zero-width
    marks, NUL…) are shown as their code point instead of acting on the page."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\n\t":
            out.append(ch)
        elif cat in ("Cf", "Cc", "Co", "Cs", "Zl", "Zp") or ch == "\u3164":
            out.append(f'<span class="cp">U+{ord(ch):04X}</span>')
        else:
            out.append(html.escape(ch, quote=True))
    return "".join(out)

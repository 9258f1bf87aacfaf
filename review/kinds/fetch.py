"""Automatic requests to other hosts in a draft's raw HTML: every URL a browser fetches by
itself (img src and every srcset candidate, style attributes and <style> blocks, <link>,
<base href>, meta refresh, ping, poster, object data, media and frame sources, form action,
inline script literals), read with a real parser (html.parser decodes character references;
tinycss2 reads CSS with its escapes and comments) and resolved as a browser resolves it
(backslashes read as slashes, protocol-relative forms, <base href>).

It mirrors the site's post-build audit (studysite/offline.py) so that the hook reports what
the build would refuse. Links a reader follows (<a href>, <area href>) are allowed; their
`ping`, which the browser sends by itself, is not.

The markup view is parsed (front matter, code and comments already blanked), so positions
are positions in the file. Pages without a tag cost one `in` test."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from ..document.urls import (
    FETCH_ATTRS,
    SITE,
    SRCSET_ATTRS,
    clean,
    css_urls,
    js_urls,
    refresh_url,
    resolve,
    srcset_urls,
    svg_urls,
)
from ..model import Hit, Rule
from ._compiled import each_rule
from ._regex import RegexCompiler

OPTIONS = {"inert_rels"}
BASE = f"http://{SITE}/page/"
FOLLOWED = frozenset(("a", "area", "base"))  # href a reader follows (base is handled on its own)
TAG = re.compile(r"<[A-Za-z!?/]")


def check_options(options: dict, fix: str, regex: RegexCompiler) -> dict:
    rels = options.get("inert_rels", [])
    if not isinstance(rels, list) or not all(isinstance(r, str) for r in rels):
        raise ValueError("inert_rels 应为 <link rel> 取值的列表", "inert_rels")
    if fix == "safe":
        raise ValueError("外部请求需要人工处理，不能自动修复", "fix")
    return {"inert_rels": frozenset(r.lower() for r in rels)}


def compile(rules: list[Rule]):
    return each_rule(rules, hits)


def hits(rule: Rule, doc) -> list[Hit]:
    view = doc.views["markup"]
    if "<" not in view or not TAG.search(view):
        return []  # the fast path: no tag, nothing fetched
    out = []
    for start, end, target in requests(view, doc.line_starts, rule.options["inert_rels"]):
        out.append(Hit(rule, start, end, None, target))
    return out


def requests(view: str, line_starts, inert_rels: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, resolved URL) of every automatic request to another host."""
    from html.parser import HTMLParser  # only pages with tags pay for the import

    found: list[tuple[int, int, str]] = []
    state = {"base": BASE}

    def offset() -> int:
        line, col = parser.getpos()
        return (line_starts[line - 1] if line - 1 < len(line_starts) else len(view)) + col

    def report(start: int, end: int, url: str) -> None:
        target = resolve(url, state["base"])
        if target:
            found.append((start, end, target))

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            start = offset()
            raw = self.get_starttag_text() or ""
            end = start + len(raw)
            for name, url in attributes(tag, attrs, inert_rels):
                span = _value_span(raw, name, start)
                report(*(span or (start, end)), url)
            if tag == "base":
                href = dict(attrs).get("href")
                if href is not None:
                    target = resolve(href, state["base"])
                    if target:
                        found.append((start, end, target))
                    else:
                        state["base"] = urljoin(state["base"], clean(href))

        handle_startendtag = handle_starttag

        def handle_data(self, data):
            if self.cdata_elem not in ("style", "script"):
                return
            start = offset()
            urls = css_urls(data) if self.cdata_elem == "style" else js_urls(data)
            for url in urls:
                report(start, start + len(data), url)

    parser = Parser(convert_charrefs=True)
    parser.feed(view)
    parser.close()
    return found


def attributes(tag: str, attrs: list[tuple[str, str | None]], inert_rels: frozenset[str]):
    """(attribute name, URL) of what a start tag makes the browser fetch."""
    values = {k: v for k, v in attrs if v is not None}
    for name, value in attrs:
        if value is None:
            continue
        if name in FETCH_ATTRS:
            yield name, value
        elif name in SRCSET_ATTRS:
            yield from ((name, u) for u in srcset_urls(value))
        elif name == "style":
            yield from ((name, u) for u in css_urls(value, declarations=True))
        elif name == "ping":
            yield from ((name, u) for u in value.split())
        elif name.startswith("on"):
            yield from ((name, u) for u in js_urls(value))
        elif name in ("href", "xlink:href"):
            if value.strip().lower().startswith("javascript:"):
                yield from ((name, u) for u in js_urls(value))
            elif tag == "link":
                rels = set((values.get("rel") or "").lower().split())
                if not rels or not rels <= inert_rels or "stylesheet" in rels:
                    yield name, value
            elif tag not in FOLLOWED:  # svg <use>, <image>, <feImage>
                yield name, value
    yield from (("url", u) for u in svg_urls(tag, values))
    if tag == "meta" and (values.get("http-equiv") or "").strip().lower() in ("refresh", "set-cookie"):
        target = refresh_url(values.get("content") or "")
        if target:
            yield "content", target


def _value_span(raw: str, name: str, start: int) -> tuple[int, int] | None:
    """The attribute's value as written in the tag (None when it cannot be found)."""
    m = re.search(rf"""(?i)(?<![\w:-]){re.escape(name)}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", raw)
    if not m:
        return None
    group = next(i for i in (1, 2, 3) if m.group(i) is not None)
    if m.start(group) == m.end(group):
        return None
    return start + m.start(group), start + m.end(group)

"""Markdown awareness by masking: what text rules must not see is overwritten with filler of
the same length, so every offset in a view is an offset in the original file."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from functools import cached_property
from itertools import accumulate, repeat
from operator import add

from . import frontmatter as fm_reader
from .frontmatter import FrontMatter
from .normalize import ENTITY, Normalized, needs_fold, normalize

# NUL never occurs in a readable draft (source.py rejects it), so no rule can match it.
FILL = "\x00"

FENCE_OPEN = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)$")
FENCE_CLOSE = re.compile(r"^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$")
LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
INDENTED = re.compile(r"^(?: {4}|\t)")
BACKTICKS = re.compile(r"`+")
COMMENT_OPEN = "<!--"
COMMENT_CLOSE = "-->"
LINK_DEST = re.compile(
    r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)"
)
REF_DEF = re.compile(r"(?m)^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(\S+)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*$")
AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# Attributes a reader is shown (tooltips, alternative text, form values, the table of
# contents label): masked with their tag for the style rules, read by the guard rules.
VISIBLE_ATTR = re.compile(
    r"""(?i)(?<![\w-])(?:title|alt|value|placeholder|label|aria-label|data-toc-label|summary)[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""  # noqa: E501
)
LINK_TITLE = re.compile(r"""[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|\(([^()\n]*)\))[ \t]*\)$""")
BARE_URL = re.compile(r"(?:https?://|ftp://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+", re.IGNORECASE)
ADMONITION = re.compile(
    r"(?m)^([ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+(\")[^\"\n]*(\"))?[ \t]*$"
)
# attr_list: `{: #id .class key="value" }`; a list may start with a key as well as # or .
ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[#.]|[A-Za-z_][\w:.-]*[ \t]*=)[^{}\n]*\}")
DELIMS = re.compile(r"\*\**|__*")  # not `\*+|_+`: `re` skips to literals, not to repeats
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r>]*\n")  # a blank line, or a bare ">" inside a quote
NOT_BREAK = re.compile(r"[^\r\n]")
# Block-level tags that start a raw HTML block in Python-Markdown (its `block_level_elements`).
HTML_BLOCK_OPEN = re.compile(
    r"(?i)<(address|article|aside|blockquote|details|dialog|div|dl|fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|hr|main|nav|ol|p|pre|section|table|ul|canvas|center|dd|dt|iframe|li|math|noscript|output|progress|script|style|tbody|td|tfoot|th|thead|tr|video|summary)(?![\w-])"
)
MARKDOWN_ATTR = re.compile(r"(?i)\smarkdown(?:[ \t]*=|[\s/>])")
STYLE_OPEN = re.compile(r"(?i)<style(?![\w-])")
LONE_CR = re.compile(r"\r(?!\n)")  # a CR-only line break (old Mac, some Word exports)


class Document:
    """A parsed page: its text, the masked views the rules scan, and where things are. A
    plain class (not a record): its derived views are computed once, on first use."""

    def __init__(
        self,
        path: str,
        text: str,
        views: Mapping[str, str],  # scope name -> masked text
        front_matter: FrontMatter | None,
        comments: tuple[tuple[int, int], ...],  # (start, end) of each HTML comment
        line_starts: tuple[int, ...],
        body_start: int = 0,  # where the text after the front matter begins
        # Rendered front-matter values whose YAML spelling differs from their value (escapes,
        # folded lines, block scalars): (start, end) of the scalar in the text, and the value.
        decoded: tuple[tuple[int, int, str], ...] = (),
        # Masked for the style rules, restored for the reader: character references, link
        # titles and reader-visible attribute values (title, alt, value, data-toc-label, …).
        entities: tuple[tuple[int, int], ...] = (),
        brackets: tuple[int, ...] = (),  # the [ and ] of inline links: a reader sees the link text only
        # Code blocks and inline code: masked for the style rules, shown to the guard rules (a
        # reader sees code; a fence the parser reads as never closed must hide nothing).
        code: tuple[tuple[int, int], ...] = (),
    ):
        self.path, self.text, self.views, self.front_matter = path, text, views, front_matter
        self.comments, self.line_starts, self.body_start, self.decoded = comments, line_starts, body_start, decoded
        self.entities, self.brackets, self.code = entities, brackets, code
        self._cache: dict = {}

    def paragraphs(self, scope: str) -> tuple[list[int], list[int]]:
        """Where each blank-line break starts and where the next paragraph starts, sorted."""
        key = ("paragraphs", scope)
        if key not in self._cache:
            found = list(PARAGRAPH_BREAK.finditer(self.views[scope]))
            self._cache[key] = ([m.start() for m in found], [m.end() for m in found])
        return self._cache[key]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of an offset."""
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    @cached_property
    def meta(self):
        """The front matter's YAML root node, or why it cannot be read (parsed once)."""
        return fm_reader.compose(self.front_matter)

    @cached_property
    def reader(self) -> Document | None:
        """The document as a reader sees it, for the rules that guard publication
        (normalize.py): views normalised and compacted, decoded front-matter values in
        place of their spelling. None when that changes nothing (the usual page)."""
        views = self.views
        restored = self.entities or self.code
        if restored:
            flat = LONE_CR.sub("\n", self.text)
            views = {
                k: _restore(v, flat, list(_merged(list(self.entities) + list(self.code)))) for k, v in views.items()
            }
            if self.code and "prose" in views:
                # As outside code, addresses are not prose (residue reads them in `urls`).
                urls = [
                    (start + m.start(), start + m.end())
                    for start, end in self.code
                    if "://" in flat[start:end] or "www." in flat[start:end].lower()
                    for m in BARE_URL.finditer(flat, start, end)
                ]
                views["prose"] = _apply(views["prose"], urls)
        if self.brackets:
            views = {k: _apply(v, [(b, b + 1) for b in self.brackets]) for k, v in views.items()}
        fold = needs_fold(self.text)  # once for the page, not once per view
        normalized: dict[str, Normalized] = {}
        done: dict[str, Normalized] = {}  # views are often identical (no links, no URLs)
        for scope, view in views.items():
            if view not in done:
                done[view] = normalize(view, self.decoded, fold)
            normalized[scope] = done[view]
        if all(n.identity for n in normalized.values()) and not restored:
            return None
        self._cache["normalized"] = normalized
        return Document(
            self.path,
            self.text,
            {k: n.text for k, n in normalized.items()},
            self.front_matter,
            self.comments,
            self.line_starts,
            self.body_start,
        )

    def to_original(self, hit):
        """A hit found in `reader` moved to the characters of the original text it covers.
        It stays fixable only when those characters are exactly what the rule matched."""
        n: Normalized = self._cache["normalized"][hit.rule.scope]
        start, end = n.span(hit.start, hit.end)
        exact = self.text[start:end] == n.text[hit.start : hit.end] and not self.in_code(start, end)
        return hit._replace(start=start, end=end, exact=hit.exact and exact)

    def in_code(self, start: int, end: int) -> bool:
        """Whether a span touches code (never fixed: --fix leaves code as written)."""
        return any(s < end and start < e for s, e in self.code) if self.code else False


def parse(path: str, text: str) -> Document:
    # Views are built with CR-only breaks read as LF (same length), so that lines, paragraphs
    # and `^`/`$` work for every line ending; the text itself keeps its own.
    flat = LONE_CR.sub("\n", text) if "\r" in text else text
    starts = _line_starts(flat)

    spans: list[tuple[int, int]] = []
    front = fm_reader.find(text)
    body_from = 0
    if front is not None and front.closed:
        body_from = front.end_line
        spans.append((0, starts[body_from] if body_from < len(starts) else len(text)))
    blocks = _code_blocks(flat, starts, body_from)
    spans += blocks
    markup = _apply(flat, spans)
    comments, code = _comments_and_inline_code(markup)
    markup = _apply(markup, comments + code)

    # Each scan runs only when the page has the character it starts with: most pages have
    # no HTML, few admonitions, and so on.
    spans = []
    brackets: list[int] = []
    visible: list[tuple[int, int]] = []  # link titles and reader-visible attribute values
    if "](" in markup:
        for m in LINK_DEST.finditer(markup):
            spans.append((m.start() + 1, m.end()))
            brackets += _link_brackets(markup, m.start())
            title = LINK_TITLE.search(m.group())
            if title:
                visible.append(_group_span(title, m.start()))
    if "{" in markup:
        for m in ATTR_LIST.finditer(markup):
            spans.append(m.span())
            if "=" in m.group():
                visible += [_group_span(a, m.start()) for a in VISIBLE_ATTR.finditer(m.group())]
    if "]:" in markup:
        spans += [m.span(1) for m in REF_DEF.finditer(markup)]
    if "<" in markup:
        for m in HTML_TAG.finditer(markup):
            if not AUTOLINK.fullmatch(m.group()):
                spans.append(m.span())
                if "=" in m.group():
                    visible += [_group_span(a, m.start()) for a in VISIBLE_ATTR.finditer(m.group())]
    entities: list[tuple[int, int]] = []
    if "&" in markup:
        from html import unescape  # only pages with a reference pay for the import

        # A character reference is markup: the style rules must not see (or fix) `&#x673a;`
        # as letters and a semicolon; the reader view decodes it (Document.reader).
        entities = [m.span() for m in ENTITY.finditer(markup) if unescape(m.group()) != m.group()]
        spans += entities
    if "!!!" in markup or "???" in markup:
        for m in ADMONITION.finditer(markup):
            spans.append(m.span(1))
            if m.group(2):
                spans += [m.span(2), m.span(3)]
    urls = _apply(markup, spans)
    urls = _apply(
        urls, _emphasis(urls, frozenset(end for start, end in spans if brackets and markup[start - 1 : start] == "]"))
    )

    spans = [m.span() for m in AUTOLINK.finditer(urls)] if "<" in urls else []
    if "://" in urls or "www." in urls or "WWW." in urls:
        for m in BARE_URL.finditer(urls):
            # As GFM autolinks do, trailing punctuation belongs to the sentence, not the URL.
            spans.append((m.start(), m.start() + len(m.group().rstrip(".,:;!?'*_~"))))
    prose = _apply(urls, spans)
    views = {"markup": markup, "urls": urls, "prose": prose}
    body_start = 0
    decoded: list[tuple[int, int, str]] = []
    if front is not None and front.closed:
        body_start = starts[body_from] if body_from < len(starts) else len(text)
    meta = fm_reader.compose(front)
    if front is not None and meta[0] is not None and meta[1] is None:
        in_place, decoded = _published_values(text, front, meta[0])
        if in_place:
            views = {k: _restore(v, flat, in_place) for k, v in views.items()}
    if "<" in markup and "content" in markup and STYLE_OPEN.search(markup):
        from .css import style_blocks  # tinycss2: only pages with generated content pay for it

        decoded += style_blocks(markup)  # CSS generated content: shown, not written as text
    doc = Document(
        path,
        text,
        views,
        front,
        tuple(comments),
        tuple(starts),
        body_start,
        tuple(decoded),
        _merged(entities + [v for v in visible if v[1] > v[0]]),
        tuple(brackets),
        _merged(blocks + code),
    )
    doc.__dict__["meta"] = meta  # parsed once: the metadata rules and suppressions read it too
    return doc


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted spans with overlaps joined (a reference inside an attribute value)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _group_span(m: re.Match, offset: int) -> tuple[int, int]:
    """Span (in the document) of whichever alternative group matched."""
    for i in range(1, (m.re.groups or 0) + 1):
        if m.group(i) is not None:
            return offset + m.start(i), offset + m.end(i)
    return offset, offset


def _link_brackets(text: str, close: int) -> list[int]:
    """The `]` at `close` and its `[` (nested brackets skipped, within the paragraph)."""
    depth = 0
    for i in range(close - 1, max(-1, close - 1000), -1):
        ch = text[i]
        if ch == "]":
            depth += 1
        elif ch == "[":
            if depth == 0:
                return [i, close]
            depth -= 1
        elif ch == "\n" and text[i - 1 : i] == "\n":
            break
    return []


def plain(path: str, text: str) -> Document:
    """Plain text (what a reader sees of a built page): every view is the text itself, no
    Markdown, no front matter."""
    flat = LONE_CR.sub("\n", text) if "\r" in text else text
    starts = _line_starts(flat)
    doc = Document(path, text, {"markup": flat, "urls": flat, "prose": flat}, None, (), tuple(starts))
    doc.__dict__["meta"] = (None, None)
    return doc


def _restore(view: str, text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in spans:
        out += [view[pos:start], text[start:end]]
        pos = end
    out.append(view[pos:])
    return "".join(out)


def _published_values(text: str, front: FrontMatter, root) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """The front-matter values the site prints (title, summary, tags, lecture fields, …):
    they are published, so the text rules check them too (fixes never touch them). A value
    written as itself is checked in place; one whose spelling differs (escapes, folded or
    block scalars, continuation lines) is returned decoded with the span of its scalar, for
    the rules that guard publication."""
    in_place: list[tuple[int, int]] = []
    decoded: list[tuple[int, int, str]] = []
    for node in fm_reader.rendered_scalars(root):
        start = front.start + node.start_mark.index
        end = front.start + node.end_mark.index
        if not node.value:
            continue
        # The value as written, after any anchor or tag (`&a 值`, `!!str "值"`).
        quote = node.style if node.style in ("'", '"') else ""
        if text[start:end].endswith(quote + node.value + quote):
            in_place.append((end - len(quote) - len(node.value), end - len(quote)))
        else:
            decoded.append((start, end, node.value))
    return sorted(set(in_place)), decoded


def _line_starts(flat: str) -> list[int]:
    """The offset of every line (map and accumulate in C: no Python call per line)."""
    return [0, *accumulate(map(add, map(len, flat.split("\n")[:-1]), repeat(1)))]


def _apply(text: str, spans: list[tuple[int, int]]) -> str:
    """Overwrite every span with filler, keeping line breaks so lines stay lines."""
    if not spans:
        return text
    out, pos = [], 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if start >= end:
            continue
        out.append(text[pos:start])
        piece = text[start:end]
        if "\n" in piece or "\r" in piece:
            out.append(NOT_BREAK.sub(FILL, piece))
        else:
            out.append(FILL * (end - start))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _code_blocks(text: str, starts: list[int], first: int) -> list[tuple[int, int]]:
    if "```" not in text and "~~~" not in text and "\n    " not in text and "\n\t" not in text:
        return []
    spans = []
    fence: tuple[str, int] | None = None
    prev_blank, in_list, in_indented = True, False, False
    html: tuple[re.Pattern, int] | None = None  # raw HTML block: its tag pattern and depth
    for i in range(first, len(starts)):
        start = starts[i]
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        line = text[start:end].rstrip("\r")
        if html is not None:
            # Python-Markdown passes a raw HTML block through up to its closing tag: an
            # indented line in it is shown as text, not as code.
            depth = html[1] + _tag_depth(html[0], line)
            html = (html[0], depth) if depth > 0 else None
            prev_blank = not line.strip()
            continue
        if fence is None and prev_blank and line[:1] == "<":
            opened = HTML_BLOCK_OPEN.match(line)
            # `<div markdown>` (md_in_html) has Markdown inside: its indented lines are code.
            if opened and not MARKDOWN_ATTR.search(line):
                tag = re.compile(rf"<(/?){opened.group(1)}(?![\w-])[^>]*?(/?)>", re.I)
                depth = _tag_depth(tag, line)
                if depth > 0:
                    html = (tag, depth)
                prev_blank = False
                continue
        if fence is not None:
            spans.append((start, end))
            m = FENCE_CLOSE.match(line) if fence[0] in line else None
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1]:
                fence = None
            continue
        blank = not line.strip()
        m = FENCE_OPEN.match(line) if ("```" in line or "~~~" in line) else None
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            fence = (m.group(1)[0], len(m.group(1)))
            spans.append((start, end))
            prev_blank = in_indented = False
            continue
        if not blank and line[:1] in " \t" and INDENTED.match(line) and not in_list and (prev_blank or in_indented):
            in_indented = True
            spans.append((start, end))
            continue
        if not blank:
            in_indented = False
            if LIST_ITEM.match(line):
                in_list = True
            elif not line[:1].isspace() and prev_blank:
                in_list = False
        prev_blank = blank
    return spans


def _tag_depth(tag: re.Pattern, line: str) -> int:
    """Openings minus closings of one tag on a line (self-closing ones count for nothing)."""
    depth = 0
    for m in tag.finditer(line):
        if m.group(2):
            continue
        depth += -1 if m.group(1) else 1
    return depth


def _comments_and_inline_code(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """HTML comments and inline code spans, read left to right as Markdown does: whichever
    starts first wins, so `<!--` inside a code span is text, and a backtick inside a comment
    is hidden with it. A `<!--` that is never closed is text too: treating it as a comment
    running to the end of the file would let one stray `<!--` switch the review off."""
    if "`" not in text and COMMENT_OPEN not in text:
        return [], []
    comments: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []
    breaks: list[int] | None = None  # found on the first backtick: most pages have none
    pos = 0
    while True:
        tick = text.find("`", pos)
        open_ = text.find(COMMENT_OPEN, pos)
        if tick < 0 and open_ < 0:
            break
        if open_ >= 0 and (tick < 0 or open_ < tick):
            close = text.find(COMMENT_CLOSE, open_ + len(COMMENT_OPEN))
            if close < 0:
                pos = open_ + len(COMMENT_OPEN)
                continue
            comments.append((open_, close + len(COMMENT_CLOSE)))
            pos = close + len(COMMENT_CLOSE)
            continue
        run = BACKTICKS.match(text, tick)
        assert run is not None  # text[tick] is a backtick
        if breaks is None:
            breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
        limit = next((b for b in breaks if b > tick), len(text))  # a code span ends with its paragraph
        closer = _closing_run(text, run.end(), limit, len(run.group()))
        if closer is None:
            pos = run.end()
            continue
        code.append((tick, closer))
        pos = closer
    return comments, code


def _closing_run(text: str, start: int, limit: int, size: int) -> int | None:
    for m in BACKTICKS.finditer(text, start, limit):
        if len(m.group()) == size:
            return m.end()
    return None


def _emphasis(text: str, link_ends: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Spans of the delimiters of well-formed emphasis, so that `**重点**` reads as 重点 while
    a lone `**` (a masked word) stays visible to the masking rules."""
    if "*" not in text and "_" not in text:
        return []
    spans = []
    for para_start, para_end in _paragraphs(text):
        stack: list[re.Match] = []
        for run in DELIMS.finditer(text, para_start, para_end):
            if len(run.group()) > 3:
                continue
            before = text[run.start() - 1] if run.start() > 0 else " "
            after = text[run.end()] if run.end() < len(text) else " "
            if run.group()[0] == "_" and before.isalnum() and after.isalnum():
                continue  # intraword underscore is literal
            # A link's destination is filler, yet `**[文字](a.md)**` closes after it.
            can_close = not before.isspace() and (before != FILL or run.start() in link_ends)
            can_open = not after.isspace() and after != FILL
            partner = (
                next((k for k in range(len(stack) - 1, -1, -1) if stack[k].group() == run.group()), None)
                if can_close
                else None
            )
            if partner is not None:
                spans += [stack[partner].span(), run.span()]
                del stack[partner:]
            elif can_open:
                stack.append(run)
    return spans


def _paragraphs(text: str):
    pos = 0
    for m in PARAGRAPH_BREAK.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)

"""Markdown awareness by masking: what text rules must not see is overwritten with filler of
the same length, so every offset in a view is an offset in the original file."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Mapping

# NUL never occurs in a readable draft (source.py rejects it), so no rule can match it.
FILL = "\x00"

FENCE_OPEN = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)$")
FENCE_CLOSE = re.compile(r"^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$")
LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
INDENTED = re.compile(r"^(?: {4}|\t)")
BACKTICKS = re.compile(r"`+")
COMMENT_OPEN = "<!--"
COMMENT_CLOSE = "-->"
LINK_DEST = re.compile(r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)")
REF_DEF = re.compile(r"(?m)^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(\S+)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*$")
AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
BARE_URL = re.compile(r"(?:https?://|ftp://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+", re.IGNORECASE)
ADMONITION = re.compile(r"(?m)^([ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+(\")[^\"\n]*(\"))?[ \t]*$")
ATTR_LIST = re.compile(r"\{:?[ \t]*[#.][^{}\n]*\}")
DELIMS = re.compile(r"\*+|_+")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r>]*\n")  # a blank line, or a bare ">" inside a quote
NOT_BREAK = re.compile(r"[^\r\n]")
# Front-matter keys whose values the site prints (page and lecture headers, summaries).
PUBLISHED_KEY = re.compile(r"(title|description|summary|speaker|subtitle)[ \t]*:[ \t]*(.*?)[ \t]*\r?$")
FENCE_LINE = re.compile(r"---[ \t]*\r?\n")
CLOSE_LINE = re.compile(r"(?:---|\.\.\.)[ \t]*\r?")


@dataclass(frozen=True)
class FrontMatter:
    text: str  # the YAML between the fences
    end_line: int  # 1-based line of the closing fence (last line of the file if unclosed)
    closed: bool
    start: int = 0  # offset in the document where the YAML starts (after the first line)


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    views: Mapping[str, str]  # scope name -> masked text
    front_matter: FrontMatter | None
    comments: tuple[tuple[int, int], ...]  # (start, end) of each HTML comment
    line_starts: tuple[int, ...]
    body_start: int = 0  # where the text after the front matter begins
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

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
        from ..kinds.frontmatter import compose
        return compose(self.front_matter)


def parse(path: str, text: str) -> Document:
    starts = [0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1])]

    spans: list[tuple[int, int]] = []
    front = _front_matter(text)
    body_from = 0
    if front is not None and front.closed:
        body_from = front.end_line
        spans.append((0, starts[body_from] if body_from < len(starts) else len(text)))
    spans += _code_blocks(text, starts, body_from)
    markup = _apply(text, spans)
    comments, code = _comments_and_inline_code(markup)
    markup = _apply(markup, comments + code)

    # Each scan runs only when the page has the character it starts with: most pages have
    # no HTML, few admonitions, and so on.
    spans = []
    if "](" in markup:
        spans += [(m.start() + 1, m.end()) for m in LINK_DEST.finditer(markup)]
    if "{" in markup:
        spans += [m.span() for m in ATTR_LIST.finditer(markup)]
    if "]:" in markup:
        spans += [m.span(1) for m in REF_DEF.finditer(markup)]
    if "<" in markup:
        spans += [m.span() for m in HTML_TAG.finditer(markup) if not AUTOLINK.fullmatch(m.group())]
    if "!!!" in markup or "???" in markup:
        for m in ADMONITION.finditer(markup):
            spans.append(m.span(1))
            if m.group(2):
                spans += [m.span(2), m.span(3)]
    urls = _apply(markup, spans)
    urls = _apply(urls, _emphasis(urls))

    spans = [m.span() for m in AUTOLINK.finditer(urls)] if "<" in urls else []
    if "://" in urls or "www." in urls or "WWW." in urls:
        for m in BARE_URL.finditer(urls):
            # As GFM autolinks do, trailing punctuation belongs to the sentence, not the URL.
            spans.append((m.start(), m.start() + len(m.group().rstrip(".,:;!?'*_~"))))
    prose = _apply(urls, spans)
    views = {"markup": markup, "urls": urls, "prose": prose}
    body_start = 0
    if front is not None and front.closed:
        body_start = starts[body_from] if body_from < len(starts) else len(text)
        for start, end in _published_values(text, front):
            views = {k: v[:start] + text[start:end] + v[end:] for k, v in views.items()}
    return Document(path, text, views, front, tuple(comments), tuple(starts), body_start)


def _published_values(text: str, front: FrontMatter) -> list[tuple[int, int]]:
    """Spans of the front-matter values the site prints as text (title, summary, …): they
    are published, so the text rules check them too (fixes never touch them)."""
    out, block = [], False
    pos = front.start
    for line in front.text.split("\n"):
        m = PUBLISHED_KEY.match(line)
        if m:
            value_start, value = pos + m.start(2), m.group(2)
            block = value.strip() in ("|", ">", "|-", ">-", "|+", ">+")
            if value and not block:
                quoted = len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]
                out.append((value_start + 1, value_start + len(value) - 1) if quoted
                           else (value_start, value_start + len(value)))
        elif block and line[:1] in " \t" and line.strip():
            indent = len(line) - len(line.lstrip())
            out.append((pos + indent, pos + len(line.rstrip())))
        else:
            block = False
        pos += len(line) + 1
    return out


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


def _front_matter(text: str) -> FrontMatter | None:
    """Front matter exactly where MkDocs finds it: `---` (spaces after it allowed) on the
    first line, closed by `---` or `...` on a line that ends with a line break."""
    first = FENCE_LINE.match(text)
    if not first:
        return None
    lines = text.split("\n", 2000)  # front matter is short; never split a whole huge file
    for i in range(1, min(len(lines) - 1, 2000)):  # the closing line must end with "\n"
        if CLOSE_LINE.fullmatch(lines[i]):
            return FrontMatter("\n".join(lines[1:i]), i + 1, True, start=first.end())
    return FrontMatter("\n".join(lines[1:]), len(lines), False, start=first.end())


def _code_blocks(text: str, starts: list[int], first: int) -> list[tuple[int, int]]:
    if "```" not in text and "~~~" not in text and "\n    " not in text and "\n\t" not in text:
        return []
    spans = []
    fence: tuple[str, int] | None = None
    prev_blank, in_list, in_indented = True, False, False
    for i in range(first, len(starts)):
        start = starts[i]
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        line = text[start:end].rstrip("\r")
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


def _comments_and_inline_code(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """HTML comments and inline code spans, read left to right as Markdown does: whichever
    starts first wins, so `<!--` inside a code span is text, and a backtick inside a comment
    is hidden with it. A `<!--` that is never closed is text too: treating it as a comment
    running to the end of the file would let one stray `<!--` switch the review off."""
    if "`" not in text and COMMENT_OPEN not in text:
        return [], []
    comments: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
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


def _emphasis(text: str) -> list[tuple[int, int]]:
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
            can_close = not before.isspace() and before != FILL
            can_open = not after.isspace() and after != FILL
            partner = next((k for k in range(len(stack) - 1, -1, -1)
                            if stack[k].group() == run.group()), None) if can_close else None
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

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
from urllib.parse import urljoin, urlsplit

from ..model import Hit, Rule
from ._compiled import each_rule

OPTIONS = {"inert_rels"}
SITE = "site.invalid"  # stands for the site's own host while resolving
BASE = f"http://{SITE}/page/"
SPECIAL = ("http", "https", "ws", "wss", "ftp")
LOCAL_SCHEMES = ("data", "blob", "about")
FETCH_ATTRS = frozenset(("src", "poster", "data", "background", "action", "formaction", "manifest",
                         "codebase", "lowsrc", "dynsrc", "longdesc", "icon", "archive", "classid"))
SRCSET_ATTRS = frozenset(("srcset", "imagesrcset"))
FOLLOWED = frozenset(("a", "area", "base"))  # href a reader follows (base is handled on its own)
CSS_FUNCTIONS = frozenset(("url", "src", "image-set", "-webkit-image-set", "image", "cross-fade"))
JS_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u\{([0-9A-Fa-f]{1,6})\}|u([0-9A-Fa-f]{4})|(/))")
JS_URL = re.compile(r"""["'`]\s*((?:[A-Za-z][A-Za-z0-9+.-]*:)?[\\/]{2}[^\s"'`<>]+)""")
TAG = re.compile(r"<[A-Za-z!?/]")
C0_SPACE = "".join(chr(i) for i in range(0x21))


def check_options(options: dict, fix: str) -> dict:
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


def clean(url: str) -> str:
    """The URL as a browser parses it: C0 controls and spaces trimmed, tabs and newlines
    removed, backslashes read as slashes."""
    url = url.strip(C0_SPACE)
    return url.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")


def resolve(url: str, base: str) -> str | None:
    """Where `url` leads when it is another host; None when it stays on the site."""
    url = clean(url)
    if not url or url.startswith("#"):
        return None
    try:
        target = urljoin(base, url)
        parts = urlsplit(target)
        parts.hostname  # noqa: B018  (raises on a malformed host)
    except ValueError:
        return url  # a browser may still read a host in it: report rather than guess
    scheme = parts.scheme.lower()
    if scheme in LOCAL_SCHEMES:
        return None
    if scheme in SPECIAL and not parts.netloc:
        # "https:evil.example" from an http page: WHATWG reads it as https://evil.example.
        return None if scheme == urlsplit(base).scheme else target
    if scheme == "http" and (parts.hostname or "") == SITE:
        return None
    return target


def refresh_url(content: str) -> str | None:
    """The URL of `<meta http-equiv=refresh content=…>`, with or without `url=`."""
    rest = content.lstrip()
    rest = rest[len(rest) - len(rest.lstrip("0123456789.")):]
    rest = rest.lstrip(" \t\n\r\f;,")
    if rest[:3].lower() == "url":
        after = rest[3:].lstrip()
        if after.startswith("="):
            rest = after[1:].lstrip()
    if rest[:1] in ("'", '"'):
        quote = rest[0]
        rest = rest[1:].split(quote, 1)[0]
    return rest.strip() or None


def srcset_urls(value: str) -> list[str]:
    """Every candidate's URL (URL, optional descriptors, comma-separated)."""
    urls, pos = [], 0
    while pos < len(value):
        while pos < len(value) and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < len(value) and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while pos < len(value) and (value[pos] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[pos], 0)
                pos += 1
        if url:
            urls.append(url)
    return urls


def css_urls(css: str, *, declarations: bool = False) -> list[str]:
    """url() tokens, url()/src()/image-set() strings and @import strings, read from tinycss2
    tokens: escapes decoded, comments gone."""
    import tinycss2  # type: ignore[import-untyped]  # only pages with CSS pay for it

    nodes = (tinycss2.parse_blocks_contents(css) if declarations
             else tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    out: list[str] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        kind = getattr(node, "type", "")
        if kind == "url":
            out.append(node.value)
        elif kind == "function":
            args = node.arguments or []
            if node.lower_name in CSS_FUNCTIONS:
                out += [a.value for a in args if getattr(a, "type", "") == "string"]
            stack.extend(args)
        elif kind == "at-rule":
            if node.lower_at_keyword == "import":
                out += [t.value for t in node.prelude if getattr(t, "type", "") == "string"]
            stack.extend(node.prelude or ())
            if node.content:
                stack.extend(tinycss2.parse_blocks_contents(node.content))
        elif kind == "qualified-rule":
            stack.extend(tinycss2.parse_blocks_contents(node.content or []))
        elif kind == "declaration":
            stack.extend(node.value)
        elif kind in ("() block", "[] block", "{} block"):
            stack.extend(node.content)
    return out


def js_urls(code: str) -> list[str]:
    """Absolute and protocol-relative URL literals in a script (JS escapes decoded first)."""
    if "\\" in code:
        code = JS_ESCAPE.sub(lambda m: m.group(4) or chr(int(m.group(1) or m.group(2) or m.group(3), 16)), code)
    if "//" not in code and "\\\\" not in code:
        return []
    return [m.group(1) for m in JS_URL.finditer(code) if not m.group(1).startswith(("//#", "///"))]

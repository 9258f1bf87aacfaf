"""URLs as a browser reads them: cleaned and resolved (backslashes as slashes,
protocol-relative and scheme-relative forms), the candidates of a srcset, the target of a
meta refresh, the URLs in CSS (tinycss2 tokens, escapes decoded, comments gone) and the URL
literals of a script. Shared by the review's `fetch` kind and the site's post-build audit
(studysite/offline.py), so that the hook reports what the build refuses."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from .css import walk  # tinycss2 is imported only when a page has CSS

SITE = "site.invalid"  # stands for the site's own host while resolving
SPECIAL = ("http", "https", "ws", "wss", "ftp")
LOCAL_SCHEMES = ("data", "blob", "about")
FETCH_ATTRS = frozenset(
    (
        "src",
        "poster",
        "data",
        "background",
        "action",
        "formaction",
        "manifest",
        "codebase",
        "lowsrc",
        "dynsrc",
        "longdesc",
        "icon",
        "archive",
        "classid",
    )
)
SRCSET_ATTRS = frozenset(("srcset", "imagesrcset"))
CSS_FUNCTIONS = frozenset(("url", "src", "image-set", "-webkit-image-set", "image", "cross-fade"))
JS_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u\{([0-9A-Fa-f]{1,6})\}|u([0-9A-Fa-f]{4})|(/))")
JS_URL = re.compile(r"""["'`]\s*((?:[A-Za-z][A-Za-z0-9+.-]*:)?[\\/]{2}[^\s"'`<>]+)""")
C0_SPACE = "".join(chr(i) for i in range(0x21))


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
    rest = rest[len(rest) - len(rest.lstrip("0123456789.")) :]
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
    out: list[str] = []
    for node in walk(css, declarations=declarations):
        kind = getattr(node, "type", "")
        if kind == "url":
            out.append(node.value)
        elif kind == "function" and node.lower_name in CSS_FUNCTIONS:
            out += [a.value for a in node.arguments or () if getattr(a, "type", "") == "string"]
        elif kind == "at-rule" and node.lower_at_keyword == "import":
            out += [t.value for t in node.prelude if getattr(t, "type", "") == "string"]
    return out


def js_urls(code: str) -> list[str]:
    """Absolute and protocol-relative URL literals in a script (JS escapes decoded first)."""
    if "\\" in code:
        code = JS_ESCAPE.sub(lambda m: m.group(4) or chr(int(m.group(1) or m.group(2) or m.group(3), 16)), code)
    if "//" not in code and "\\\\" not in code:
        return []
    return [m.group(1) for m in JS_URL.finditer(code) if not m.group(1).startswith(("//#", "///"))]


# SVG attributes whose url(…) the browser fetches (a paint server, a mask, a marker…).
URL_VALUED = frozenset(
    ("fill", "stroke", "mask", "clip-path", "marker", "marker-start", "marker-mid", "marker-end", "filter", "cursor")
)
# SVG animation elements: they write their values into another attribute of the element.
ANIMATION = frozenset(("set", "animate", "animatemotion", "animatetransform", "animatecolor"))


def svg_urls(tag: str, attrs: dict[str, str]) -> list[str]:
    """URLs an SVG element makes the browser fetch beyond the usual attributes: url() in a
    presentation attribute, and the href an animation (`<set>`, `<animate>`) writes."""
    low = {k.lower(): v for k, v in attrs.items() if v is not None}
    out: list[str] = []
    for name in URL_VALUED & low.keys():
        if "url(" in low[name].lower():
            out += css_urls(f"{name}: {low[name]}", declarations=True)
    if tag.lower() in ANIMATION:
        target = low.get("attributename", "").strip().lower()
        values = [low.get(k, "") for k in ("to", "from", "by")] + low.get("values", "").split(";")
        if target in ("href", "xlink:href"):
            out += [v.strip() for v in values if v.strip()]
        elif target in URL_VALUED:
            out += [u for v in values if "url(" in v.lower() for u in css_urls(f"{target}: {v}", declarations=True)]
    return out

"""What a reader can see in one output file, extracted with real parsers: the Lexbor HTML5
parser (selectolax) for HTML, SVG and XML, tinycss2 for CSS `content:` strings, the json
module for JSON. The result is plain text, one segment per line group, ready for review."""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import posixpath
import re
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

from review.document.css import walk

# Attributes whose values are addresses or machinery, not text shown to a reader. Every
# other attribute is reviewed: `title`, `alt`, `value`, `placeholder`, `aria-*`,
# `data-toc-label`, `label`, `content` and any invented `data-*` a script could display.
NOT_TEXT = frozenset(
    {
        "class",
        "id",
        "style",
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
        "cite",
        "ping",
        "manifest",
        "codebase",
        "xmlns",
        "xmlns:xlink",
        "xlink:href",
        "rel",
        "type",
        "lang",
        "dir",
        "role",
        "for",
        "name",
        "target",
        "charset",
        "http-equiv",
        "width",
        "height",
        "viewbox",
        "d",
        "fill",
        "stroke",
        "transform",
        "tabindex",
        "hidden",
        "integrity",
        "crossorigin",
        "referrerpolicy",
        "loading",
        "decoding",
        "sizes",
        "media",
        "headers",
        "colspan",
        "rowspan",
        "method",
        "enctype",
        "autocomplete",
        "checked",
        "selected",
        "disabled",
        "readonly",
        "required",
        "open",
        "async",
        "defer",
        "nomodule",
        "points",
        "x",
        "y",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "x1",
        "x2",
        "y1",
        "y2",
        "stroke-width",
        "opacity",
        "fill-rule",
        "clip-rule",
        "preserveaspectratio",
        "version",
        "focusable",
        "accesskey",
    }
)
URL_ATTRS = frozenset({"href", "src", "xlink:href", "action", "formaction", "poster", "data", "cite"})
# Addresses that show their own text to a reader (a phone number or a mail address).
SHOWN_SCHEMES = ("tel:", "mailto:", "sms:", "callto:")
BLOCKS = "p,div,li,h1,h2,h3,h4,h5,h6,td,th,dt,dd,tr,br,section,article,nav,header,footer,pre,blockquote,option"


def css_strings(css: str, *, declarations: bool = False) -> list[str]:
    """Every string a style sheet shows (`content: "…"` and any other string token, which
    tinycss2 hands over with escapes and comments already resolved)."""
    if "content" not in css.lower() and "\\" not in css:
        return []
    return [node.value for node in walk(css, declarations=declarations) if getattr(node, "type", "") == "string"]


# An SVG picture inside an address: a browser draws its <text> (url(data:image/svg+xml,…)).
DATA_SVG = re.compile(r"data:image/svg\+xml((?:;[\w=.-]+)*?)(;base64)?,([^\"'()]+)", re.I)


def data_svg_texts(value: str) -> list[str]:
    """The reader-visible text of every SVG picture written into `value` as a data: URI."""
    out: list[str] = []
    for m in DATA_SVG.finditer(value):
        try:
            svg = base64.b64decode(unquote(m.group(3))).decode("utf-8") if m.group(2) else unquote(m.group(3))
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        out += html_segments(svg)  # strictly shorter than `value`: nested pictures terminate
    return out


def _body_text(tree) -> str:
    for node in tree.css(BLOCKS):  # a block boundary never glues two words into one
        node.insert_before("\n")
    root = tree.root
    return root.text(deep=True, separator="") if root is not None else ""


def html_segments(markup: str) -> list[str]:
    """What a reader sees in an HTML document, as segments: the text of each header, nav
    and footer (repeated on many pages, so a caller can review each distinct one once), the
    remaining text (inline elements join without a gap, as the reader sees `机密<em></em>★`),
    every attribute that is not an address or machinery, scripts, and CSS strings."""
    tree = LexborHTMLParser(markup)
    segments: list[str] = []
    for node in tree.css("style"):
        css = node.text(deep=True) or ""
        segments += css_strings(css) + (data_svg_texts(css) if "data:" in css else [])
    for node in tree.css("script"):
        segments.append(node.text(deep=True) or "")
    for node in tree.css("template"):  # inert until a script clones it, but published
        outer = node.html or ""
        inner = outer[outer.find(">") + 1 :]
        inner = inner[: -len("</template>")] if inner.lower().endswith("</template>") else inner
        segments += html_segments(inner)  # strictly shorter: nested templates terminate
    attrs: list[str] = []
    for node in tree.css("*"):
        found = node.attributes
        if not found or (len(found) == 1 and ("class" in found or "id" in found)):
            continue
        for name, value in found.items():
            if not value:
                continue
            if "data:" in value.lower():
                segments += data_svg_texts(value)
            low = name.lower()
            if low == "style":
                attrs += css_strings(value, declarations=True)
            elif low in URL_ATTRS:
                if value.strip().lower().startswith(SHOWN_SCHEMES):
                    attrs.append(unquote(value))
            elif low.startswith("on") or low not in NOT_TEXT:
                attrs.append(value)
    segments.append("\n".join(attrs))
    if "<rt" in markup.lower():
        # Ruby: a reader reads the base text as words (机密) with the annotation above it, so
        # the text is reviewed both ways, with the annotations and without them.
        bare = LexborHTMLParser(markup)
        bare.strip_tags(["style", "script", "template", "rt", "rp"])
        segments.append(_body_text(bare))
    tree.strip_tags(["style", "script", "template"])
    for node in tree.css(BLOCKS):  # a block boundary never glues two words into one
        node.insert_before("\n")
    for node in tree.css("header, nav, footer"):
        if node.parent is not None and node.parent.tag not in ("header", "nav", "footer"):
            segments.append(node.text(deep=True, separator=""))
            node.decompose()
    root = tree.root
    segments.append(root.text(deep=True, separator="") if root is not None else "")
    return [s for s in segments if s.strip()]


def html_text(markup: str) -> str:
    return "\n".join(html_segments(markup))


def json_strings(data: str) -> list[str]:
    try:
        value = json.loads(data)
    except ValueError:
        return [data]
    out: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            # The keys of one mapping read as one line: in the search shards they are index
            # terms, and a term 秘密 alone on a line would look like a document's mark line.
            keys = " ".join(k for k in item if isinstance(k, str))
            if keys:
                out.append(keys)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


def _entry_html(d: dict) -> str:
    return (
        f"<div>{d.get('title', '')}</div>\n<div>{d.get('text', '')}</div>\n"
        f"<div>{' '.join(map(str, d.get('tags') or ()))} {d.get('alias', '')}</div>"
    )


def search_docs_text(docs: list) -> str:
    """Titles, texts and tags of search index entries (HTML fragments, read by the same
    parser); the index's own word separators (U+034F, U+200B) are removed as the result
    list shows them."""
    return search_groups_text([docs])[0]


def search_groups_text(groups: list[list]) -> list[str]:
    """search_docs_text for many groups of entries with one parse (one per page is slow)."""
    markup = "".join(
        f"<section>{''.join(_entry_html(d) for d in docs if isinstance(d, dict))}</section>" for docs in groups
    )
    tree = LexborHTMLParser(f"<body>{markup}</body>")
    for node in tree.css(BLOCKS):
        node.insert_before("\n")
    sections = tree.css("body > section")
    if len(sections) != len(groups):  # markup in an entry closed a section: read it whole
        return [
            html_text("".join(_entry_html(d) for d in docs if isinstance(d, dict)))
            .replace("\u034f", "")
            .replace("\u200b", "")
            for docs in groups
        ]
    return [node.text(deep=True, separator="").replace("\u034f", "").replace("\u200b", "") for node in sections]


def search_index_text(data: str) -> str:
    try:
        docs = json.loads(data).get("docs", [])
    except (ValueError, AttributeError):
        return data
    return search_docs_text(docs if isinstance(docs, list) else [])


def file_text(rel_path: str, data: bytes) -> str | None:
    """The reader-visible text of one output file, or None when it is not text."""
    name = rel_path.lower()
    if name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return None
        name = name[:-3]
    if b"\x00" in data[:8192]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    suffix = posixpath.splitext(name)[1]
    if suffix in (".html", ".htm", ".xhtml"):
        return html_text(text)
    if suffix in (".svg", ".xml", ".rss", ".atom"):
        # Parsed text joins what tags split; the raw text keeps what a parser drops (CDATA).
        return html_text(text) + "\n" + text
    if suffix == ".css":
        return "\n".join(css_strings(text) + (data_svg_texts(text) if "data:" in text else []))
    if name.endswith("search/search_index.json"):
        return search_index_text(text)
    if suffix in (".json", ".webmanifest", ".map"):
        return "\n".join(json_strings(text))
    return text  # .txt, .md, .MD, .markdown, .csv, .js and any other text copied as is

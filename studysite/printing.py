"""Whole-section print pages (front matter `print_section`) and compact HTML output."""

from __future__ import annotations

import html as htmlmod
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

ATTR_URL = re.compile(r"""\b(href|src)=(["'])(.*?)\2""", re.S)
ATTR_ID = re.compile(r"""\bid=(["'])(.*?)\1""")
VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
INDENT = re.compile(r"\n[ \t\n]+")


def rebase(html: str, source_url: str, target_url: str, prefix: str) -> str:
    """Make links of a page's HTML valid from another page, and its anchors unique."""
    base = "http://site/" + source_url

    def url(match):
        name, quote, value = match.groups()
        if value.startswith("#"):
            return f"{name}={quote}#{prefix}{value[1:]}{quote}"
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("/"):
            return match.group(0)
        absolute = urlsplit(urljoin(base, value))
        rel = posixpath.relpath(absolute.path, "/" + target_url) if absolute.path != "/" + target_url else "."
        if absolute.path.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return f"{name}={quote}{rel}{'#' + absolute.fragment if absolute.fragment else ''}{quote}"

    html = ATTR_URL.sub(url, html)
    return ATTR_ID.sub(lambda m: f"id={m.group(1)}{prefix}{m.group(2)}{m.group(1)}", html)


def compile_section(page, ordered_pages: Iterable, section: str) -> str:
    """The HTML of every page under `section` (in navigation order), one article each,
    with links rebased to the print page."""
    section = section.strip("/") + "/"
    parts = []
    for n, other in enumerate(ordered_pages):
        if other is page or not other.file.src_uri.startswith(section) or not other.content:
            continue
        body = rebase(other.content, other.url, page.url, f"p{n}-")
        if "<h1" not in body:
            body = f"<h1>{htmlmod.escape(other.title or '')}</h1>\n" + body
        parts.append(f'<article class="print-page">\n{body}\n</article>')
    return "\n".join(parts)


def compact_html(html: str) -> str:
    """Drop the theme's indentation (a third of every page at 2,000 pages); a newline still
    separates what whitespace separated, and <pre> stays as it is."""
    parts = VERBATIM.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = INDENT.sub("\n", parts[i])
    return "".join(parts)

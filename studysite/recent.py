"""最近更新 on the home page, generated from page dates instead of written by hand."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs.utils.meta import get_data

MARKER = "<!-- 最近更新 -->"
HEADING = re.compile(r"(?m)^#[ \t]+(.+?)[ \t#]*$")


@dataclass(frozen=True)
class Entry:
    date: str  # ISO: the later of its own date and its last change
    published: str  # ISO or "": a lecture's own `date:`, breaks ties (git dates often tie)
    title: str
    src_uri: str


def _iso(value) -> str:
    if isinstance(value, dict):  # blog dates may be {created: …, updated: …}
        value = value.get("updated") or value.get("created")
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, dt.date) else ""


def page_entry(src_uri: str, source: str, file_date: str) -> Entry | None:
    """A page's title and date: the later of its own `date:` (lectures) and the date of its
    last change. None for pages without a title and for print compilations."""
    _, meta = get_data(source)
    if meta.get("print_section"):
        return None
    title = meta.get("title")
    if not title:
        heading = HEADING.search(source)
        title = heading.group(1) if heading else None
    if not title:
        return None
    published = _iso(meta.get("date"))
    return Entry(max(published, file_date), published, str(title), src_uri)


def wanted(src_uri: str, sections: Iterable[str]) -> bool:
    """Pages of the listed sections, without their index pages (the overviews)."""
    return posixpath.basename(src_uri) != "index.md" and any(src_uri.startswith(s.strip("/") + "/") for s in sections)


def latest(entries: Iterable[Entry], count: int) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.date, e.published, e.src_uri), reverse=True)[:count]


def markdown_list(entries: Iterable[Entry], from_uri: str) -> str:
    base = posixpath.dirname(from_uri)
    lines = []
    for e in entries:
        d = dt.date.fromisoformat(e.date)
        link = posixpath.relpath(e.src_uri, base or ".")
        lines.append(f"- [{e.title}]({link})　<small>{d.year}年{d.month}月{d.day}日</small>")
    return "\n".join(lines) if lines else "（暂无）"


def fill(markdown: str, listing: str) -> str:
    return markdown.replace(MARKER, listing, 1)

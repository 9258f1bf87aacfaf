"""The site's one declared order (extra.nav_order in mkdocs.yml), applied to MkDocs's
navigation: sidebar, footer 上一页/下一页 and the print compilation all follow it.

The order names folders and pages by path (stable when a title changes); readers see the
Chinese title of each section's index page. Whatever the order does not list keeps
MkDocs's order after the listed items, so a new page still appears."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from studysite.errors import SiteInputError


def parse_order(spec) -> dict[str, tuple[int, object]]:
    """{name: (rank, sub-order)} from a list of names or one-key mappings {folder: [...]}."""
    table: dict[str, tuple[int, object]] = {}
    for rank, entry in enumerate(spec or ()):
        if isinstance(entry, Mapping) and len(entry) == 1:
            ((name, sub),) = entry.items()
        elif isinstance(entry, str):
            name, sub = entry, None
        else:
            raise SiteInputError(
                f"extra.nav_order 第 {rank + 1} 项「{entry}」应为文件夹名、页面文件名或「文件夹: [...]」"
            )
        table[str(name).strip("/")] = (rank, sub)
    return table


def pages_of(items: Iterable) -> list[Page]:
    """Pages in navigation order (depth first), sections included through their children."""
    out: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif isinstance(item, Section):
            out.extend(pages_of(item.children))
    return out


def _name_at(item, depth: int) -> str:
    page = item if isinstance(item, Page) else next(iter(pages_of([item])), None)
    if page is None or page.file is None:
        return ""
    parts = page.file.src_uri.split("/")
    return parts[depth] if depth < len(parts) else ""


def sort_items(items: list, spec, depth: int = 0) -> None:
    """Sort a level of the navigation in place (stable: unlisted items keep their order)."""
    table = parse_order(spec)
    keyed = []
    for pos, item in enumerate(items):
        rank, sub = table.get(_name_at(item, depth), (len(table), None))
        keyed.append((rank, pos, item, sub))
    keyed.sort(key=lambda k: (k[0], k[1]))
    items[:] = [k[2] for k in keyed]
    for _, _, item, sub in keyed:
        if isinstance(item, Section):
            sort_items(item.children, sub, depth + 1)


def name_sections(items: Iterable, title_of: Callable[[Page], str | None]) -> None:
    """A section takes the title of its index page (Chinese), not its folder name."""
    for item in items:
        if isinstance(item, Section):
            index = next(
                (
                    c
                    for c in item.children
                    if isinstance(c, Page) and c.file and posixpath.basename(c.file.src_uri) == "index.md"
                ),
                None,
            )
            title = title_of(index) if index else None
            if title:
                item.title = title
            name_sections(item.children, title_of)


def relink(nav: Navigation) -> list[Page]:
    """Recompute nav.pages and the footer's previous/next links from the (sorted) tree:
    MkDocs sets them before on_nav, so a reordered sidebar would disagree with the footer."""
    pages = pages_of(nav.items)
    for before, page, after in zip([None, *pages], pages, [*pages[1:], None], strict=False):
        page.previous_page = before
        page.next_page = after
    nav.pages = pages
    return pages


def apply_order(nav: Navigation, spec: Sequence, title_of: Callable[[Page], str | None]) -> Navigation:
    sort_items(nav.items, spec)
    name_sections(nav.items, title_of)
    relink(nav)
    return nav

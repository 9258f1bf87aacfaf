"""「人大讲堂」: registered categories with ASCII slugs, and the header of each lecture."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping

from studysite.errors import SiteInputError

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HEADING = re.compile(r"(?m)^#[ \t]+.*\n")


class LectureError(SiteInputError):
    """A lecture or the category table is not as the guide describes (message in Chinese)."""


def check_categories(table: Mapping) -> dict[str, str]:
    for name, slug in table.items():
        if not SLUG.fullmatch(str(slug)):
            raise LectureError(f"extra.lecture_categories：「{name}」的 slug「{slug}」须为小写英文、数字和短横线")
    return {str(k): str(v) for k, v in table.items()}


def category_slugifier(table: Mapping[str, str]) -> Callable[[str, str], str]:
    """The blog plugin's categories_slugify: registered names only."""

    def slugify(text: str, separator: str) -> str:
        if text not in table:
            raise LectureError(f"讲堂分类「{text}」未在 mkdocs.yml 的 extra.lecture_categories 中登记")
        return table[text]

    return slugify


def header(src_uri: str, meta: Mapping) -> str:
    """Markdown put under the lecture's title: speaker line and 内容提要."""
    slug = meta.get("slug")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise LectureError(f"讲堂文章 {src_uri} 须在 front matter 写 slug（小写英文、数字、短横线），当前为「{slug}」")
    speaker = meta.get("speaker")
    if not speaker:
        raise LectureError(f"讲堂文章 {src_uri} 缺少主讲人（front matter 的 speaker）")
    who = html.escape(str(speaker))
    if meta.get("speaker_title"):
        who += f"（{html.escape(str(meta['speaker_title']))}）"
    lines = [f'<p class="lecture-speaker">主讲人：{who}</p>', ""]
    if meta.get("summary"):
        lines += ['!!! abstract "内容提要"', "", "    " + str(meta["summary"]).strip(), ""]
    return "\n".join(lines) + "\n"


def with_header(markdown: str, src_uri: str, meta: Mapping) -> str:
    heading = HEADING.search(markdown)
    at = heading.end() if heading else 0
    return markdown[:at] + "\n" + header(src_uri, meta) + markdown[at:]


def configure_blog(plugins, table) -> None:
    """Only registered categories, each with its slug, in the blog plugin(s)."""
    table = check_categories(table or {})
    for name, plugin in plugins.items():
        if name.endswith("blog") and hasattr(plugin.config, "categories_slugify"):
            plugin.config.categories_allowed = list(table)
            plugin.config.categories_slugify = category_slugifier(table)

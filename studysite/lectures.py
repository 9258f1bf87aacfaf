"""「人大讲堂」: registered categories with ASCII slugs, and the header of each lecture."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Mapping

import yaml
from mkdocs.exceptions import PluginError

from studysite.errors import SiteInputError

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HEADING = re.compile(r"(?m)^#[ \t]+.*\n")


class LectureError(SiteInputError):
    """A lecture or the category table is not as the guide describes (message in Chinese)."""


class CategoryError(LectureError, PluginError):
    """An unregistered category, raised inside the blog plugin: as a PluginError MkDocs
    prints its one line instead of a traceback."""

    def __init__(self, message: str) -> None:
        PluginError.__init__(self, message)  # sets .message, which MkDocs prints


def read_table(path: os.PathLike | str) -> dict:
    """The registry file (lecture-categories.yml), the one list the review command also reads
    ([tool.review] lists)."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LectureError(f"无法读取讲堂分类登记表 {os.fspath(path)}（{exc.__class__.__name__}）") from None
    if not isinstance(data, dict):
        raise LectureError(f"讲堂分类登记表 {os.fspath(path)} 应为「分类名称: slug」的映射")
    return data


def check_categories(table: Mapping) -> dict[str, str]:
    for name, slug in table.items():
        if not SLUG.fullmatch(str(slug)):
            raise LectureError(f"extra.lecture_categories：「{name}」的 slug「{slug}」须为小写英文、数字和短横线")
    return {str(k): str(v) for k, v in table.items()}


def category_slugifier(
    table: Mapping[str, str], posts_dir: str | None = None, root: str = "."
) -> Callable[[str, str], str]:
    """The blog plugin's categories_slugify: registered names only. The plugin calls it
    with the name alone; its posts tell which file (and line) wrote the name."""

    def slugify(text: str, separator: str) -> str:
        if text not in table:
            where = "、".join(_writers(posts_dir, text, root)) or "讲堂文章"
            known = "、".join(table)
            raise CategoryError(f"{where}：讲堂分类「{text}」未在 lecture-categories.yml 中登记，已登记：{known}")
        return table[text]

    return slugify


def _writers(posts_dir: str | None, name: str, root: str) -> list[str]:
    """<file>:<line> of each post whose front matter lists `name` (the plugin calls the
    slugifier while it is still reading its posts, so the files are read here)."""
    found: list[str] = []
    if not posts_dir or not os.path.isdir(posts_dir):
        return found
    for folder, _, names in sorted(os.walk(posts_dir)):
        for file in sorted(names):
            if file.lower().endswith(".md"):
                path = os.path.join(folder, file)
                line = _line_of(path, name)
                if line:
                    found.append(f"{os.path.relpath(path, root)}:{line}")
    return found


def _line_of(path: str, name: str) -> int:
    """The front matter line that holds the name (0 when it holds none)."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    if not lines or lines[0].strip() != "---":
        return 0
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == "---":
            break
        if name in line:
            return number
    return 0


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
    config = getattr(table, "config", None)  # mkdocs.yml's `!relative` placeholder knows the config
    docs_dir = getattr(config, "docs_dir", None)
    root = os.path.dirname(getattr(config, "config_file_path", None) or "./mkdocs.yml")  # paths shown from here
    if isinstance(table, os.PathLike | str):
        table = read_table(table)
    table = check_categories(table or {})
    for name, plugin in plugins.items():
        if name.endswith("blog") and hasattr(plugin.config, "categories_slugify"):
            plugin.config.categories_allowed = list(table)
            posts = os.path.join(docs_dir, plugin.config.blog_dir, "posts") if docs_dir else None
            plugin.config.categories_slugify = category_slugifier(table, posts, root)

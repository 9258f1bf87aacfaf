"""The one place the site hooks reach the review package (loaded once per process)."""
from __future__ import annotations

import functools
import os
import re

import yaml

from mkdocs.exceptions import PluginError


def project_root(config) -> str:
    """Folder of mkdocs.yml: where pyproject.toml with [tool.review] lives."""
    return os.path.dirname(os.path.abspath(config.config_file_path))


@functools.lru_cache(maxsize=4)
def rules(root: str):
    try:
        from review.api import load_rules
    except ImportError as exc:
        raise PluginError(
            f"无法导入审核工具 review（{exc}）：请先运行 make install 或 pip install -e .，"
            "审核未运行时站点不能发布。"
        ) from exc
    try:
        return load_rules(root)
    except Exception as exc:  # a broken pack must stop the build with its own message
        raise PluginError(f"审核规则加载失败：{exc}") from exc


# Front matter as the hooks read it before MkDocs does (a leading BOM allowed, the closing
# fence may end the file): drafts are recognised even in a file MkDocs would misread.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)


def front_matter_text(source: str) -> str | None:
    match = FRONT_MATTER.match(source)
    return match.group(1) if match else None


def front_matter(source: str) -> dict:
    """The page's front matter as a mapping; {} when absent or unreadable (the review
    gate reports unreadable front matter)."""
    text = front_matter_text(source)
    if text is None:
        return {}
    try:
        meta = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}

"""The one place the site hooks reach the review package: rules loaded once per process
and shared by every hook."""

from __future__ import annotations

import functools
import os

from mkdocs.exceptions import PluginError


def project_root(config) -> str:
    """Folder of mkdocs.yml: where pyproject.toml with [tool.review] lives."""
    return os.path.dirname(os.path.abspath(config.config_file_path))


@functools.lru_cache(maxsize=4)
def rules(root: str):
    try:
        from studysite.gate import load_rules
    except ImportError as exc:
        raise PluginError(
            f"无法导入审核工具 review 或站点包 studysite（{exc}）："
            "请先运行 make（如 make serve）安装，审核未运行时站点不能发布。"
        ) from exc
    try:
        return load_rules(root)
    except Exception as exc:  # a broken pack must stop the build with its own message
        raise PluginError(f"审核规则加载失败：{exc}") from exc

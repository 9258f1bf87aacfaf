"""The reader's search (studysite/search.py): pages are indexed as they are rendered, the
sharded index is written at the end of the build. Material's search plugin stays for its
header search box; its single lunr index is left empty (the browser never fetches it: the
form is renamed in overrides/partials/search.html and overrides/assets/javascripts/
site-search.js drives the box)."""

from __future__ import annotations

import logging
import os
import shutil

import _review
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from studysite import search

log = logging.getLogger("mkdocs.hooks.search_index")
# Left out of the reader's search: the editors' guide with the generated rule reference,
# and the whole-section print page (a copy of the study pages).
EXCLUDE = ("guide/", "study/print/")

_build: dict = {}  # the index of the build under way (one per build; serve rebuilds)


def _search_plugin(config):
    from material.plugins.search.plugin import SearchPlugin

    if not any(isinstance(p, SearchPlugin) for p in config.plugins.values()):
        raise PluginError("缺少 material/search 插件：站内搜索框由它提供（注意覆盖配置中的 plugins 列表会整体替换）。")


def on_config(config):
    _search_plugin(config)
    try:
        import rjieba  # noqa: F401
    except ImportError as exc:
        raise PluginError(f"无法导入 rjieba（{exc}）：没有分词，中文搜索会失效，拒绝构建。") from exc
    return config


def on_pre_build(*, config):
    from review.api import search_terms

    terms = search_terms(_review.rules(_review.project_root(config)))
    out = os.path.join(config.site_dir, search.INDEX_DIR)
    shutil.rmtree(out, ignore_errors=True)
    _build["index"] = search.IndexBuilder(
        out, search.make_cut(terms.words), {k: tuple(v) for k, v in terms.aliases.items()}
    )


def _listing(page) -> bool:
    """Blog index, archive and category pages: lists of excerpts of the posts."""
    try:
        from material.plugins.blog.structure import View
    except ImportError:
        return False
    return isinstance(page, View)


@event_priority(100)  # before Material's search plugin reads the page
def on_page_context(context, *, page, config, nav):
    meta = page.meta or {}
    index = _build.get("index")
    if index is not None and not _listing(page) and not search.excluded(page.url, meta, EXCLUDE):
        index.add(
            search.page_doc(
                page.url,
                page.title or "",
                page.content or "",
                search.front_matter_aliases(meta),
                search.front_matter_boost(meta),
            )
        )
    page.meta["search"] = {"exclude": True}  # Material's own index stays empty
    return context


@event_priority(-100)
def on_post_build(*, config):
    index = _build.pop("index", None)
    if index is None:
        return
    figures = index.write()
    if not figures["pages"]:
        raise PluginError("搜索索引为空：没有页面被收录。")
    log.info(
        "搜索索引：%d 页，%d 段，%d 个词，%d 个分片（共 %.2f MB，最大 %.0f KB），片段 %.2f MB",
        figures["pages"],
        figures["parts"],
        figures["terms"],
        figures["shards"],
        figures["shard_bytes"] / 1e6,
        figures["largest_shard"] / 1e3,
        figures["fragment_bytes"] / 1e6,
    )

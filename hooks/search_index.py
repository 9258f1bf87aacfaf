"""The reader's search (studysite/search.py): pages are indexed as they are rendered, the
sharded index is written at the end of the build. Material's search plugin stays for its
header box; its lunr index is left empty and never fetched (overrides/partials/search.html)."""

from __future__ import annotations

import logging

import _review
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from studysite import search

log = logging.getLogger("mkdocs.hooks.search_index")
_build: dict = {}  # the index of the build under way (one per build; serve rebuilds)


def on_config(config):
    problem = search.missing_requirements(config.plugins)
    if problem:
        raise PluginError(problem)
    return config


def on_pre_build(*, config):
    from review.api import search_terms

    terms = search_terms(_review.rules(_review.project_root(config)))
    _build["index"] = search.start(config.site_dir, terms.words, terms.aliases)


@event_priority(100)  # before Material's search plugin reads the page
def on_page_context(context, *, page, config, nav):
    from material.plugins.blog.structure import View  # blog index, archive, category pages

    if "index" in _build:
        search.add_page(
            _build["index"], page.url, page.title or "", page.content or "", page.meta or {}, isinstance(page, View)
        )
    page.meta["search"] = {"exclude": True}  # Material's own index stays empty
    return context


@event_priority(-100)
def on_post_build(*, config):
    index = _build.pop("index", None)
    if index is not None:
        figures = index.write()
        if not figures["pages"]:
            raise PluginError("搜索索引为空：没有页面被收录。")
        log.info(search.summary(figures))

"""Nothing fetched from elsewhere (studysite.offline): after the build every HTML, SVG, CSS
and JS file is audited on parsed output; one automatic request to another host stops the
build. Links a reader follows to other hosts are allowed and marked as external."""

from __future__ import annotations

import logging
import time

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from studysite import gate, offline, published

EXTERNAL_CSS = "assets/stylesheets/external-links.css"
log = logging.getLogger("mkdocs.hooks.offline")
_theme: dict[str, frozenset] = {"files": frozenset()}


def on_config(config):
    if gate.missing_hooks(config.hooks):
        raise PluginError(gate.missing_hooks(config.hooks))
    if config.repo_url:
        raise PluginError("设置了 repo_url：主题会请求代码托管网站的接口，内网无法访问，请删除 repo_url。")
    if EXTERNAL_CSS not in config.extra_css:
        config.extra_css.append(EXTERNAL_CSS)
    return config


def on_files(files, *, config):
    files.append(File.generated(config, EXTERNAL_CSS, content=offline.EXTERNAL_CSS))
    _theme["files"] = published.theme_files(files)
    return files


def on_page_content(html, *, page, config, files):
    return offline.mark_external_links(html, offline.own_origin(config.site_url))


@event_priority(-200)  # after every file is written
def on_post_build(*, config):
    started = time.perf_counter()
    problems = offline.audit_site(config.site_dir, offline.own_origin(config.site_url), _theme["files"])
    log.info("外部请求审核：用时 %.2f 秒", time.perf_counter() - started)
    if problems:
        raise PluginError(
            "站点会自动请求外部地址（内网无法访问，也不允许向外部发出请求），拒绝发布：\n  "
            + "\n  ".join(problems[:50])
            + (f"\n  ……另有 {len(problems) - 50} 处" if len(problems) > 50 else "")
        )

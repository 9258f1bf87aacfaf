"""All or nothing (studysite.build): `mkdocs build` writes into a staging folder that
becomes site_dir only after every audit passed. `mkdocs serve` builds in place as before."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from studysite import build, gate

_state: dict = {"command": None, "dirty": False, "staging": None}


def on_startup(*, command, dirty):
    _state.update(command=command, dirty=dirty)


@event_priority(200)  # before any plugin reads site_dir
def on_config(config):
    problem = gate.missing_hooks(config.hooks)
    if problem:
        raise PluginError(problem)
    if _state["command"] in ("build", "gh-deploy"):
        _state["staging"] = build.stage(config.site_dir, bool(config.strict), _state["dirty"])
        config.site_dir = _state["staging"].folder
    return config


@event_priority(-1000)  # the very last step: every audit has passed
def on_post_build(*, config):
    staging = _state.pop("staging", None)
    if staging:
        build.publish(staging)
        config.site_dir = staging.final


def on_build_error(*, error):
    staging = _state.pop("staging", None)
    if staging:
        build.discard(staging)

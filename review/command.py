"""The `review` command: start-up first (review/startup.py), then the command line."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from . import startup

    preloaded = startup.preload()
    from . import cli  # imported after the preload: what its modules compile is found there

    startup.remember(preloaded)
    return cli.main(argv)

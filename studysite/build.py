"""Publish all or nothing: the site is built into a staging folder beside site_dir and moved
into place only after every audit passed and MkDocs counted no warning (in strict mode a
warning fails the build after the post-build events). A failed build leaves the previous
site as it was, or no site at all; never a half-audited one."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field


class WarningCounter(logging.Handler):
    """Counts what MkDocs's own strict-mode counter counts (WARNING and above on 'mkdocs')."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class Staging:
    final: str  # where the site is published
    folder: str  # where this build writes
    strict: bool
    counter: WarningCounter = field(default_factory=WarningCounter)


def stage(site_dir: str, strict: bool, dirty: bool = False) -> Staging:
    """A staging folder beside site_dir; for `--dirty` (only changed pages are written) it
    starts as a copy of the current site."""
    final = os.path.abspath(site_dir)
    parent = os.path.dirname(final)
    os.makedirs(parent, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=f".{os.path.basename(final)}.building-", dir=parent)
    if dirty and os.path.isdir(final):
        shutil.copytree(final, folder, symlinks=True, dirs_exist_ok=True)
    staging = Staging(final, folder, strict)
    logging.getLogger("mkdocs").addHandler(staging.counter)
    return staging


def publish(staging: Staging) -> bool:
    """Move the staged site into place; False (nothing moved) when strict mode will fail."""
    logging.getLogger("mkdocs").removeHandler(staging.counter)
    if staging.strict and staging.counter.count:
        return False
    old = None
    if os.path.lexists(staging.final):
        old = tempfile.mkdtemp(prefix=f".{os.path.basename(staging.final)}.old-", dir=os.path.dirname(staging.final))
        os.rename(staging.final, os.path.join(old, "site"))
    os.rename(staging.folder, staging.final)
    # Same permissions as a folder MkDocs would have created (mkdtemp makes it 0700).
    os.chmod(staging.final, 0o777 & ~_umask())
    if old:
        shutil.rmtree(old, ignore_errors=True)
    return True


def discard(staging: Staging) -> None:
    logging.getLogger("mkdocs").removeHandler(staging.counter)
    shutil.rmtree(staging.folder, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

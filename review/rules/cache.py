"""On-disk cache of parsed rule packs. Parsing YAML costs tens of milliseconds that a
pre-commit hook pays on every commit; the cache key is the pack's bytes plus the code that
interprets them, so a stale entry is never used. Entries are JSON (plain data, never code),
and loader.py validates them like a freshly parsed pack."""
from __future__ import annotations

import hashlib
import os
import json
import tempfile
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).parent.parent


def cache_dir() -> Path:
    explicit = os.environ.get("REVIEW_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "review"


@lru_cache(maxsize=1)
def code_stamp() -> bytes:
    """Changes whenever any module of the package changes (size and mtime of each)."""
    parts = []
    for folder in (PACKAGE, PACKAGE / "kinds", PACKAGE / "rules", PACKAGE / "document"):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                st = entry.stat()
                parts.append(f"{entry.path}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts).encode()


def key(*parts: bytes) -> str:
    h = hashlib.sha256(code_stamp())
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def get(name: str):
    try:
        with open(cache_dir() / f"{name}.json", encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):  # a missing, unreadable or truncated entry is just a miss
        return None


def put(name: str, value) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(value, fh, ensure_ascii=False)
        os.replace(tmp, folder / f"{name}.json")
    except OSError:
        pass  # a read-only home only costs speed

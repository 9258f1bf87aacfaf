"""On-disk cache of loaded rule packs. Parsing YAML and compiling a large pack costs tens of
milliseconds that a pre-commit hook pays on every commit; the cache key is the pack's bytes
plus the code that interprets them, so a stale entry can never be used."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).parent


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
    for folder in (PACKAGE, PACKAGE / "kinds"):
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
        with open(cache_dir() / f"{name}.pickle", "rb") as fh:
            return pickle.load(fh)
    except Exception:  # a missing, unreadable or truncated entry is just a miss
        return None


def put(name: str, value) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{name}.pickle")
    except OSError:
        pass  # a read-only home only costs speed

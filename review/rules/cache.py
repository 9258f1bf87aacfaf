"""On-disk cache of parsed rule packs. Parsing YAML costs tens of milliseconds that a
pre-commit hook pays on every commit; the cache key is the pack's bytes plus the code that
interprets them, so a stale entry is never used. Entries are JSON (plain data, never code),
and loader.py validates them like a freshly parsed pack.

The folder is bounded: every change of the code or of a pack makes new keys, so after each
write the least recently used entries beyond MAX_ENTRIES are removed (a hit refreshes an
entry's time). A run uses one entry per pack and one per boundary term it meets (~400)."""

from __future__ import annotations

import json
import os
import sys
import time
from functools import lru_cache
from pathlib import Path

try:  # CPython's own BLAKE2 (fast in software): importing `hashlib` loads OpenSSL, 2 ms a run
    from _blake2 import blake2b
except ImportError:
    from hashlib import blake2b


def digest(data: bytes = b""):
    """A 256-bit hash object for cache keys and file names."""
    return blake2b(data, digest_size=32)


PACKAGE = Path(__file__).parent.parent
MAX_ENTRIES = 2000  # a few rule-set versions' worth; about 10 MB


def cache_dir() -> Path:
    explicit = os.environ.get("REVIEW_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "review"


@lru_cache(maxsize=1)
def code_stamp() -> bytes:
    """Changes whenever any module of the package changes (size and mtime of each)."""
    parts = [sys.version]  # entries hold code compiled by this Python's `re`
    for folder in (PACKAGE, PACKAGE / "kinds", PACKAGE / "rules", PACKAGE / "document"):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                st = entry.stat()
                parts.append(f"{entry.path}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts).encode()


def key(*parts: bytes) -> str:
    h = digest(code_stamp())
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def get(name: str):
    path = cache_dir() / f"{name}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            value = json.load(fh)
    except (OSError, ValueError):  # a missing, unreadable or truncated entry is just a miss
        return None
    try:
        os.utime(path)  # recently used: evicted last
    except OSError:
        pass
    return value


def put(name: str, value) -> None:
    put_many({name: value})


def put_many(entries: dict) -> bool:
    """Write entries, then bound the folder once (a miss of the boundary terms writes
    hundreds at a time; bounding after each would list the folder hundreds of times).
    False when they could not be written."""
    import tempfile  # imported here: most runs never write a file (tempfile costs ~5 ms of a hook's start-up)

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, value in entries.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(value, fh, ensure_ascii=False)
                os.replace(tmp, folder / f"{name}.json")
            except ValueError:  # not JSON, or text UTF-8 cannot hold: not cached
                os.unlink(tmp)
        evict(folder, MAX_ENTRIES, slack=MAX_ENTRIES // 10)
    except OSError:
        return False  # a read-only home only costs speed
    return True


def evict(folder: Path, keep: int, slack: int = 0) -> int:
    """When there are more than `keep` entries, remove all but the `keep - slack` most
    recently used; returns how many went. The slack spares the writes that follow from
    dating every entry again (a cold run writes a dozen packs, each right after another)."""
    entries = []
    stale_tmp = time.time() - 3600  # a write interrupted an hour ago will not finish
    for entry in os.scandir(folder):
        if entry.name.startswith(".tmp-"):
            try:
                if entry.stat().st_mtime < stale_tmp:
                    os.remove(entry.path)
            except OSError:
                pass
        elif entry.name.endswith((".json", ".words")):  # .words: review/wordfreq.py
            entries.append(entry)
    if len(entries) <= keep:
        return 0  # the usual case, told without a stat() of each of up to MAX_ENTRIES files
    dated = []
    for entry in entries:
        try:
            dated.append((entry.stat().st_mtime_ns, entry.path))
        except OSError:
            continue  # removed meanwhile by another run
    dated.sort(reverse=True)
    removed = 0
    for _, path in dated[keep - slack :]:
        try:
            os.remove(path)
            removed += 1
        except OSError:
            pass
    return removed

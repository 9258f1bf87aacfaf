"""The pack cache: each test run has its own folder, and the folder stays bounded."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT

from review.rules import cache, loader


def test_the_test_run_never_uses_the_home_cache():
    assert os.environ["REVIEW_CACHE_DIR"]
    assert cache.cache_dir() != Path.home() / ".cache" / "review"


def test_a_loaded_pack_is_cached_and_read_back_the_same(private_cache: Path):
    packs = loader.default_pack_paths()
    first = loader.load_rules(packs)
    assert len(list(private_cache.glob("*.json"))) == len(packs)
    assert loader.load_rules(packs) == first


def test_least_recently_used_entries_are_evicted(private_cache: Path):
    for i in range(10):
        cache.put(f"entry{i}", [i])
        os.utime(private_cache / f"entry{i}.json", ns=(i * 10**9, i * 10**9))  # entry9 the newest
    assert cache.get("entry0") == [0]  # a hit makes entry0 the most recently used
    assert cache.evict(private_cache, keep=4) == 6
    assert sorted(p.stem for p in private_cache.glob("*.json")) == ["entry0", "entry7", "entry8", "entry9"]
    assert cache.evict(private_cache, keep=4) == 0


def test_every_write_keeps_the_folder_within_bounds(private_cache: Path, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 5)
    for i in range(12):
        cache.put(f"e{i:02d}", {"n": i})
        os.utime(private_cache / f"e{i:02d}.json", ns=(i * 10**9, i * 10**9))
    assert len(list(private_cache.glob("*.json"))) == 5
    assert cache.get("e11") == {"n": 11} and cache.get("e00") is None


def test_abandoned_temporary_files_are_removed(private_cache: Path):
    private_cache.mkdir()
    old, fresh = private_cache / ".tmp-old", private_cache / ".tmp-fresh"
    old.write_text("{", encoding="utf-8")
    fresh.write_text("{", encoding="utf-8")
    os.utime(old, (0, 0))
    cache.evict(private_cache, keep=10)
    assert not old.exists() and fresh.exists()


def test_a_truncated_entry_is_a_miss(private_cache: Path):
    private_cache.mkdir()
    (private_cache / "broken.json").write_text('{"a": ', encoding="utf-8")
    assert cache.get("broken") is None


def test_eviction_leaves_room_so_the_next_writes_do_not_evict_again(private_cache: Path):
    for i in range(10):
        cache.put(f"entry{i}", [i])
        os.utime(private_cache / f"entry{i}.json", ns=(i * 10**9, i * 10**9))
    assert cache.evict(private_cache, keep=8, slack=3) == 5
    assert sorted(p.stem for p in private_cache.glob("*.json")) == [f"entry{i}" for i in range(5, 10)]
    assert cache.evict(private_cache, keep=8, slack=3) == 0  # within bounds: nothing is dated


def test_the_lexicon_patterns_read_back_are_the_ones_made(private_cache: Path, monkeypatch):
    from review.api import load_rules
    from review.kinds import lexicon

    rules = [r for r in load_rules(ROOT).all if r.kind == "lexicon"]
    groups: dict = {}
    for r in rules:
        groups.setdefault(r.options["tolerant"], []).append(r)
    for tolerant, group in groups.items():
        folds = frozenset(f for r in group for f in r.options["fold"]) - {"traditional"}
        fresh = lexicon._make_patterns(tolerant, group, folds)
        assert lexicon._patterns(tolerant, group, folds) == fresh  # a miss: made and written
        with monkeypatch.context() as m:
            m.setattr(lexicon, "_make_patterns", None)  # a hit must not make them again
            assert lexicon._patterns(tolerant, group, folds) == fresh
        assert len(fresh[0]) > 100


def test_a_value_json_cannot_write_is_not_cached_and_leaves_no_file(private_cache: Path):
    from review.rules import cache

    assert cache.put_many({"a" * 64: ["\ud800"], "b" * 64: [1, 2]})
    assert cache.get("a" * 64) is None and cache.get("b" * 64) == [1, 2]
    assert not list(private_cache.glob(".tmp-*"))

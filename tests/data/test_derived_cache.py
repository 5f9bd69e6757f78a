"""The disk cache of derived frames: hit, recompute on a new key, clear (in a temporary cache folder)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import cache_key, cached_frame, clear_derived_cache
from helpers.data import manifest


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(manifest.ENV_CACHE, str(tmp_path))
    monkeypatch.delenv("GVC_NO_CACHE", raising=False)
    return tmp_path / "derived"


def test_cached_frame_hits_then_clear_removes_every_entry(tmp_cache):
    calls = []

    def compute():
        calls.append(1)
        return pd.DataFrame({"a": [1.0, 2.0]})

    first = cached_frame("toy", compute, params={"k": 1})
    second = cached_frame("toy", compute, params={"k": 1})
    pd.testing.assert_frame_equal(first, second)
    assert len(calls) == 1  # the second call read the entry
    cached_frame("toy", compute, params={"k": 2})  # another key: computed again, stored beside
    assert len(calls) == 2
    assert len(list(tmp_cache.glob("toy-*.parquet"))) == 2
    assert (tmp_cache / f"toy-{cache_key((), {'k': 1})[:16]}.parquet").is_file()
    assert clear_derived_cache() == 2
    assert not list(tmp_cache.glob("*.parquet"))
    assert clear_derived_cache() == 0
    cached_frame("toy", compute, params={"k": 1})
    assert len(calls) == 3  # recomputed after the clear


def test_no_cache_variable_neither_reads_nor_writes(tmp_cache, monkeypatch):
    monkeypatch.setenv("GVC_NO_CACHE", "1")
    cached_frame("toy", lambda: pd.DataFrame({"a": [1]}))
    assert not tmp_cache.exists()

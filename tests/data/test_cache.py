"""The derived-data cache: keys that cannot miss an input, atomic writes, recovery, and a true off switch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.data import cache as C
from helpers.data import manifest as M

ROOT = Path(__file__).resolve().parents[2]
SHARED = M.shared_dir()  # resolved before any test changes the environment


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(M.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.delenv(C.ENV_NO_CACHE, raising=False)
    return tmp_path / "cache" / "derived"


def _counting(value: float):
    calls = []

    def compute():
        calls.append(1)
        return pd.DataFrame({"x": [value]})

    return compute, calls


def test_entry_is_written_once_and_read_back(cache_dir):
    compute, calls = _counting(1.5)
    a = C.cached_frame("toy", compute, params={"p": 1})
    b = C.cached_frame("toy", compute, params={"p": 1})
    assert len(calls) == 1 and a.equals(b)
    assert [p.name.split("-")[0] for p in cache_dir.glob("*.parquet")] == ["toy"]
    assert not list(cache_dir.glob(".*")), "a temporary file was left behind"
    C.cached_frame("toy", compute, params={"p": 2})
    assert len(calls) == 2, "other parameters must give another key"


def test_no_cache_neither_reads_nor_writes(cache_dir, monkeypatch):
    stale, _ = _counting(-1.0)
    C.cached_frame("toy", stale)  # an entry exists
    before = sorted(cache_dir.iterdir())
    monkeypatch.setenv(C.ENV_NO_CACHE, "1")
    fresh, calls = _counting(2.0)
    assert C.cached_frame("toy", fresh)["x"].iloc[0] == 2.0  # not the stored entry
    assert C.cached_frame("toy", fresh)["x"].iloc[0] == 2.0
    assert len(calls) == 2
    assert sorted(cache_dir.iterdir()) == before, "GVC_NO_CACHE=1 wrote to the cache"


def test_truncated_entry_is_reported_deleted_and_recomputed(cache_dir, capsys):
    compute, calls = _counting(3.0)
    C.cached_frame("toy", compute)
    (entry,) = cache_dir.glob("toy-*.parquet")
    entry.write_bytes(entry.read_bytes()[:40])
    out = C.cached_frame("toy", compute)
    assert out["x"].iloc[0] == 3.0 and len(calls) == 2
    assert "unreadable entry" in capsys.readouterr().err
    assert pd.read_parquet(entry)["x"].iloc[0] == 3.0, "the recomputed entry was not written back"


def test_every_facts_file_and_module_is_in_the_key(tmp_path, monkeypatch):
    pkg = tmp_path / "helpers"
    shutil.copytree(ROOT / "helpers", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(C, "PACKAGE_DIR", pkg)
    files = {p.relative_to(pkg).as_posix() for p in C.package_files()}
    assert "data/facts/indicators.csv" in files and "gvc/model.py" in files and "book/cli.py" in files
    C.code_fingerprint.cache_clear()
    try:
        before = C.code_fingerprint()
        facts = pkg / "data" / "facts" / "indicators.csv"
        facts.write_text(facts.read_text().replace(",sum,exports_gdp", ",diff,exports_gdp"))
        C.code_fingerprint.cache_clear()
        assert C.code_fingerprint() != before
    finally:
        C.code_fingerprint.cache_clear()


SCRIPT = """
import json
from helpers import country_year_panel
p = country_year_panel(years=[2010], countries=["CHN"])
print(json.dumps(float(p["trade_openness"].iloc[0])))
"""


@pytest.mark.slow
def test_editing_a_facts_file_changes_the_cached_result(tmp_path):
    """The issue's case: a changed transform in indicators.csv must reach the cached panel."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "helpers", repo / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "data").mkdir()
    shutil.copy(ROOT / "data" / "sources.toml", repo / "data" / "sources.toml")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GVC_")}
    env |= {"GVC_SHARED_DIR": str(SHARED), "GVC_CACHE_DIR": str(tmp_path / "cache"), "GVC_OFFLINE": "1"}

    def value(**extra):
        proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=repo, env=env | extra, capture_output=True,
                              text=True, check=True)
        return json.loads(proc.stdout.strip().splitlines()[-1])

    summed = value()
    assert value() == summed  # served from the cache
    facts = repo / "helpers" / "data" / "facts" / "indicators.csv"
    facts.write_text(facts.read_text().replace(",sum,exports_gdp", ",diff,exports_gdp"))
    diff = value()
    assert diff != summed
    assert diff == value(GVC_NO_CACHE="1")


def test_blas_thread_settings_are_part_of_the_key(monkeypatch):
    """A result computed with the machine's default BLAS threads is never served to one-thread chapters."""
    keys = {}
    for threads in ("1", None):
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            if threads is None:
                monkeypatch.delenv(var, raising=False)
            else:
                monkeypatch.setenv(var, threads)
        C.blas_threads.cache_clear()
        keys[threads] = C.cache_key([("wgi", "raw_data/wgidataset.dta")], {"year": 2011})
    C.blas_threads.cache_clear()
    assert keys["1"] != keys[None]

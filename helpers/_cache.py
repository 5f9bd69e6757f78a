"""A disk cache for derived, expensive intermediates, keyed on inputs *and* code.

The key of a cached object is the SHA-256 of

- the sha256 of every raw file it reads (from ``data/sources.toml``),
- the source text of every module of ``helpers`` that may compute it
  (by default the whole package: a code change anywhere invalidates it),
- the call's parameters (``repr`` of a sorted dict),

so a rebuild after a change in data, code or parameters never shows stale
numbers.  Entries live under ``<cache_dir>/derived/<name>-<key16>.parquet``
(``$GVC_CACHE_DIR`` or the user cache; ``GVC_NO_CACHE=1`` disables reading).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from ._sources import cache_dir, source_file

PACKAGE_DIR = Path(__file__).resolve().parent


def code_fingerprint(modules: Iterable[str] | None = None) -> str:
    """SHA-256 over the source of the given ``helpers`` modules (file stems), or of all of them."""
    files = sorted(PACKAGE_DIR.glob("*.py")) + sorted((PACKAGE_DIR / "facts").glob("*.csv"))
    if modules is not None:
        wanted = set(modules)
        files = [f for f in files if f.stem in wanted]
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def cache_key(inputs: Iterable[tuple[str, str]] = (), params: dict | None = None, modules=None) -> str:
    """Key of a derived object: hash of input checksums, code fingerprint and parameters."""
    h = hashlib.sha256()
    for source, name in sorted(inputs):
        h.update(f"{source}/{name}:{source_file(source, name).sha256}\n".encode())
    h.update(code_fingerprint(modules).encode())
    h.update(repr(sorted((params or {}).items())).encode())
    return h.hexdigest()


def cached_frame(
    name: str,
    compute: Callable[[], pd.DataFrame],
    *,
    inputs: Iterable[tuple[str, str]] = (),
    params: dict | None = None,
    modules: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return ``compute()``, read from / written to the disk cache under a content key.

    Parameters
    ----------
    name : str
        Human-readable stem of the cache file.
    compute : callable
        Returns a DataFrame (any index; it is stored with parquet).
    inputs : iterable of (source, file)
        Raw files of the manifest the result depends on.
    params : dict, optional
        Parameters of the computation (part of the key).
    modules : iterable of str, optional
        ``helpers`` module stems whose code the result depends on (default: all).
    """
    key = cache_key(inputs, params, modules)[:16]
    folder = cache_dir() / "derived"
    path = folder / f"{name}-{key}.parquet"
    if path.is_file() and not os.environ.get("GVC_NO_CACHE"):
        return pd.read_parquet(path)
    df = compute()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    df.to_parquet(tmp)
    os.replace(tmp, path)
    return df

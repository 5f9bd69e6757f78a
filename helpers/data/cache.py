"""A disk cache for derived, expensive intermediates, keyed on every input *and* the code.

The key of a cached object is the SHA-256 of

- the sha256 of every raw file it reads (from ``data/sources.toml``),
- the fingerprint of the whole ``helpers`` package: every ``.py`` file and every facts file in
  every subfolder (:func:`code_fingerprint`), so a change anywhere in the code or in a facts
  file invalidates every entry,
- the versions of the libraries that compute (numpy, scipy, pandas),
- the call's parameters (``repr`` of a sorted dict),

so a rebuild after a change in data, code, libraries or parameters never shows stale numbers.
Entries live under ``<cache_dir>/derived/<name>-<key16>.parquet`` (``$GVC_CACHE_DIR`` or the
user cache). ``GVC_NO_CACHE=1`` neither reads nor writes entries. Writes are atomic (a temporary
file renamed into place); an entry that cannot be read (truncated, corrupt) is reported on
stderr, deleted and recomputed.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from .manifest import cache_dir, source_file

PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""Root folder of the ``helpers`` package."""

ENV_NO_CACHE = "GVC_NO_CACHE"


def package_files() -> list[Path]:
    """Every file whose content can change a computed result: ``*.py`` and facts ``*.csv`` of the package.

    Returns
    -------
    list of pathlib.Path
        Sorted by their path relative to the package root.
    """
    files = [p for p in PACKAGE_DIR.rglob("*") if p.is_file() and p.suffix in (".py", ".csv")
             and "__pycache__" not in p.parts]
    return sorted(files, key=lambda p: p.relative_to(PACKAGE_DIR).as_posix())


@cache
def code_fingerprint() -> str:
    """SHA-256 over the relative path and bytes of every file of :func:`package_files`.

    Computed once per process (the package does not change under a running kernel).

    Returns
    -------
    str
        Hex digest.
    """
    h = hashlib.sha256()
    for f in package_files():
        h.update(f.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


@cache
def library_versions() -> str:
    """Versions of the libraries that compute cached results (part of every key).

    Returns
    -------
    str
        E.g. ``"numpy=2.4.6;scipy=1.17.1;pandas=3.1.1;pyarrow=26.0.1"``.
    """
    import numpy
    import pyarrow
    import scipy

    return ";".join(f"{m.__name__}={m.__version__}" for m in (numpy, scipy, pd, pyarrow))


def cache_key(inputs: Iterable[tuple[str, str]] = (), params: dict | None = None) -> str:
    """Key of a derived object: hash of input checksums, code fingerprint, library versions and parameters.

    Parameters
    ----------
    inputs : iterable of (source, file)
        Raw files of the manifest the result depends on.
    params : dict, optional
        Parameters of the computation.

    Returns
    -------
    str
        Hex digest (64 characters).
    """
    h = hashlib.sha256()
    for source, name in sorted(inputs):
        h.update(f"{source}/{name}:{source_file(source, name).sha256}\n".encode())
    h.update(code_fingerprint().encode())
    h.update(library_versions().encode())
    h.update(repr(sorted((params or {}).items())).encode())
    return h.hexdigest()


def cache_enabled() -> bool:
    """Say whether :func:`cached_frame` reads and writes the disk cache.

    Returns
    -------
    bool
        False when ``$GVC_NO_CACHE`` is set to a non-empty value other than ``0``.
    """
    return os.environ.get(ENV_NO_CACHE, "") in ("", "0")


def cached_frame(
    name: str,
    compute: Callable[[], pd.DataFrame],
    *,
    inputs: Iterable[tuple[str, str]] = (),
    params: dict | None = None,
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

    Returns
    -------
    pandas.DataFrame
        The cached or freshly computed frame.
    """
    if not cache_enabled():
        return compute()
    key = cache_key(inputs, params)[:16]
    folder = cache_dir() / "derived"
    path = folder / f"{name}-{key}.parquet"
    if path.is_file():
        try:
            return pd.read_parquet(path)
        except Exception as err:  # a truncated or corrupt entry: report, drop, recompute
            print(f"[cache] unreadable entry {path} ({type(err).__name__}: {err}); recomputing it",
                  file=sys.stderr)
            path.unlink(missing_ok=True)
    df = compute()
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".part")
    os.close(fd)
    try:
        df.to_parquet(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return df


def clear_derived_cache() -> int:
    """Delete every entry of the derived-data cache (``<cache_dir>/derived``).

    Returns
    -------
    int
        Number of entries deleted.
    """
    folder = cache_dir() / "derived"
    n = 0
    for p in folder.glob("*.parquet") if folder.is_dir() else ():
        p.unlink(missing_ok=True)
        n += 1
    return n

"""A disk cache for derived, expensive intermediates, keyed on every input *and* the code.

The key of a cached object is the SHA-256 of

- the sha256 of every raw file it reads (from ``data/sources.toml``),
- the fingerprint of the whole ``helpers`` package: every ``.py`` file and every facts file in
  every subfolder (:func:`code_fingerprint`), so a change anywhere in the code or in a facts
  file invalidates every entry,
- the versions of the libraries that compute (numpy, scipy, pandas, pyarrow),
- the thread counts of the linear algebra (:func:`blas_threads`): a multi-threaded BLAS sums in
  another order and changes results in the last bits, so entries written by a process with the
  machine's default threads (a test run, a notebook in JupyterLab) are never served to the build's
  one-thread chapters, whose executed twins must not move,
- the call's parameters (``repr`` of a sorted dict),

so a rebuild after a change in data, code, libraries or parameters never shows stale numbers.
Entries live under ``<cache_dir>/derived/<name>-<key16>.parquet`` (``$GVC_CACHE_DIR`` or the
user cache). Arrays parsed from raw files (:func:`cached_arrays`) live under
``<cache_dir>/arrays/``, keyed on the files' sha256 and the parser's own source only.
``GVC_NO_CACHE=1`` neither reads nor writes entries. Writes are atomic (a temporary file renamed
into place); an entry that cannot be read (truncated, corrupt) is reported on stderr, deleted and
recomputed.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

import numpy as np
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


@cache
def blas_threads() -> str:
    """The thread settings of the linear algebra in this process (part of every key).

    OpenBLAS, OpenMP and MKL read ``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS`` and
    ``MKL_NUM_THREADS`` when NumPy is loaded; unset, they use every core (``os.cpu_count()``).

    Returns
    -------
    str
        E.g. ``"OPENBLAS_NUM_THREADS=1;OMP_NUM_THREADS=1;MKL_NUM_THREADS=1"`` or, unset,
        ``"OPENBLAS_NUM_THREADS=default(2);..."``.
    """
    default = f"default({os.cpu_count()})"
    return ";".join(f"{v}={os.environ.get(v) or default}"
                    for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"))


def cache_key(inputs: Iterable[tuple[str, str]] = (), params: dict | None = None) -> str:
    """Key of a derived object: hash of input checksums, code, library versions, BLAS threads and parameters.

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
    h.update(blas_threads().encode())
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


def _read_entries(paths: dict[str, Path]) -> dict[str, pd.DataFrame] | None:
    """Read every entry of ``paths``; None if one is missing; a corrupt one is reported and all deleted."""
    if not all(p.is_file() for p in paths.values()):
        return None
    try:
        return {part: pd.read_parquet(p) for part, p in paths.items()}
    except Exception as err:  # a truncated or corrupt entry: report, drop, recompute
        print(f"[cache] unreadable entry among {sorted(str(p) for p in paths.values())} "
              f"({type(err).__name__}: {err}); recomputing it", file=sys.stderr)
        for p in paths.values():
            p.unlink(missing_ok=True)
        return None


def _write_entry(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` to ``path`` atomically (a temporary file in the same folder, renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".part")
    os.close(fd)
    try:
        df.to_parquet(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


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
    path = cache_dir() / "derived" / f"{name}-{cache_key(inputs, params)[:16]}.parquet"
    hit = _read_entries({"": path})
    if hit is not None:
        return hit[""]
    df = compute()
    _write_entry(df, path)
    return df


def cached_frames(
    name: str,
    compute: Callable[[], dict[str, pd.DataFrame]],
    *,
    parts: Sequence[str],
    inputs: Iterable[tuple[str, str]] = (),
    params: dict | None = None,
) -> dict[str, pd.DataFrame]:
    """Like :func:`cached_frame` for a computation that yields several frames at once.

    All parts share one key and are computed together (e.g. every indicator family of one year
    from one Leontief factorisation); they are served from the cache only when every part is there.

    Parameters
    ----------
    name : str
        Stem of the cache files (``<name>-<part>-<key16>.parquet``).
    compute : callable
        Returns a dict part -> DataFrame with exactly the keys ``parts``.
    parts : sequence of str
        Names of the frames.
    inputs : iterable of (source, file)
        Raw files of the manifest the result depends on.
    params : dict, optional
        Parameters of the computation (part of the key).

    Returns
    -------
    dict of str to pandas.DataFrame
        The cached or freshly computed frames, by part.

    Raises
    ------
    ValueError
        If ``compute`` returns other parts than ``parts``.
    """
    def run() -> dict[str, pd.DataFrame]:
        out = compute()
        if sorted(out) != sorted(parts):
            raise ValueError(f"compute returned parts {sorted(out)}; expected {sorted(parts)}")
        return out

    if not cache_enabled():
        return run()
    key = cache_key(inputs, params)[:16]
    paths = {part: cache_dir() / "derived" / f"{name}-{part}-{key}.parquet" for part in parts}
    hit = _read_entries(paths)
    if hit is not None:
        return hit
    out = run()
    for part, path in paths.items():
        _write_entry(out[part], path)
    return out


def cached_arrays(
    name: str,
    compute: Callable[[], dict[str, np.ndarray]],
    *,
    inputs: Iterable[tuple[str, str]],
    code: Iterable[Path],
) -> dict[str, np.ndarray]:
    """Arrays parsed from raw files, cached on disk under the files' sha256 and the parser's code.

    For the slow path from a raw file to arrays (decompressing and parsing an R data file): the key
    is the sha256 of every input file (from the manifest), the bytes of the parser's source files
    ``code`` and the numpy and rdata versions -- all the parsed arrays can depend on -- so a
    change in the rest of the package does not force a re-parse. Stored uncompressed
    (``<cache_dir>/arrays/<name>-<key16>.npz``), written atomically; an unreadable entry is
    reported, deleted and parsed again; ``GVC_NO_CACHE=1`` neither reads nor writes.

    Parameters
    ----------
    name : str
        Stem of the cache file.
    compute : callable
        Returns a dict name -> numpy array (numbers or fixed-width strings, no objects).
    inputs : iterable of (source, file)
        Raw files of the manifest parsed by ``compute``.
    code : iterable of pathlib.Path
        Source files of the parser.

    Returns
    -------
    dict of str to numpy.ndarray
        The cached or freshly parsed arrays.
    """
    if not cache_enabled():
        return compute()
    import rdata

    h = hashlib.sha256()
    for source, fname in sorted(inputs):
        h.update(f"{source}/{fname}:{source_file(source, fname).sha256}\n".encode())
    for f in sorted(Path(c) for c in code):
        h.update(f.read_bytes())
    h.update(f"numpy={np.__version__};rdata={rdata.__version__}".encode())
    path = cache_dir() / "arrays" / f"{name}-{h.hexdigest()[:16]}.npz"
    if path.is_file():
        try:
            with np.load(path, allow_pickle=False) as z:
                return {k: z[k] for k in z.files}
        except Exception as err:  # a truncated or corrupt entry: report, drop, parse again
            print(f"[cache] unreadable entry {path} ({type(err).__name__}: {err}); parsing the raw file again",
                  file=sys.stderr)
            path.unlink(missing_ok=True)
    arrays = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".npz")
    os.close(fd)
    try:
        np.savez(tmp, **arrays)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return arrays


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

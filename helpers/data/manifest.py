"""The data layer: find, verify and (if need be) download every raw file.

One manifest, ``data/sources.toml``, lists every raw file the project reads:
its source id, file name, sha256, size, pinned public URL, publisher, licence
and citation.  Everything else in the project asks :func:`data_path` for a file
and gets back a local path whose checksum has been verified in this process.

Resolution order for ``data_path(source, name)``:

1. ``$GVC_DATA_DIR/<source>/<name>`` if the environment variable is set;
2. ``<repo>/../shared/data/<root>/<source>/<name>`` (the shared folder beside
   a checkout; ``root`` is ``raw`` or ``reference``);
3. the user cache, ``$GVC_CACHE_DIR`` or ``platformdirs.user_cache_dir("gvc-book")``,
   at ``<cache>/raw/<source>/<name>``;
4. a download from the manifest's pinned URL into that cache, accepted only if
   its sha256 matches.

A file found at any of these places is checked against its sha256 before it
is first used in a process; a mismatch raises :class:`ChecksumError` naming
both hashes, and nothing is read from the file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import tomllib
import urllib.request
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[2]
MANIFEST = REPO_ROOT / "data" / "sources.toml"
ENV_DATA = "GVC_DATA_DIR"
ENV_CACHE = "GVC_CACHE_DIR"
ENV_SHARED = "GVC_SHARED_DIR"
ENV_OFFLINE = "GVC_OFFLINE"


class DataError(RuntimeError):
    """Base class of every data-layer error (missing, corrupt or unreadable input)."""


class DataNotFoundError(DataError, FileNotFoundError):
    """A raw file is in none of the places the data layer looks and cannot be downloaded."""


class ChecksumError(DataError):
    """A raw file's sha256 differs from the manifest."""


class DataParseError(DataError):
    """A raw file was found and verified, but its parser failed on it."""


@dataclass(frozen=True)
class SourceFile:
    """One raw file of the manifest.

    Parameters
    ----------
    source : str
        Source id (the folder name under ``shared/data/<root>/``).
    name : str
        Path of the file inside the source folder (POSIX, may contain ``/``).
    sha256 : str
        Expected SHA-256 hex digest of the file's bytes.
    bytes : int
        Expected size in bytes.
    url : str
        Pinned public URL (raw file at a fixed commit); empty if none exists.
    root : str
        ``"raw"`` for public raw data, ``"reference"`` for peer-software outputs.
    """

    source: str
    name: str
    sha256: str
    bytes: int
    url: str
    root: str


@cache
def _manifest() -> dict:
    try:
        with MANIFEST.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as err:  # pragma: no cover - the repo ships it
        raise DataError(f"data manifest {MANIFEST} is missing; restore it from git") from err


def sources() -> list[str]:
    """Return the ids of all sources in the manifest, in manifest order.

    Returns
    -------
    list of str
        Source ids of ``data/sources.toml`` (e.g. ``"wiod2013"``).
    """
    return list(_manifest())


def source_meta(source: str) -> dict:
    """Return the manifest entry of one source.

    Parameters
    ----------
    source : str
        Source id, one of :func:`sources`.

    Returns
    -------
    dict
        The entry of ``data/sources.toml``: ``title``, ``publisher``, ``vintage``, ``coverage``,
        ``licence``, ``citation``, ``root``, ``files`` (list of dicts with ``name``, ``sha256``,
        ``bytes``, ``url``) and optional fields such as ``repository``.

    Raises
    ------
    KeyError
        If ``source`` is not in the manifest; the message lists the known sources.
    """
    man = _manifest()
    if source not in man:
        raise KeyError(f"unknown data source {source!r}; known sources: {', '.join(man)}")
    return man[source]


def source_file(source: str, name: str) -> SourceFile:
    """Return the manifest record of one raw file.

    Parameters
    ----------
    source : str
        Source id, one of :func:`sources`.
    name : str
        File name inside the source, as in the manifest.

    Returns
    -------
    SourceFile
        Its expected checksum, size, pinned URL and root.

    Raises
    ------
    KeyError
        If the source or the file is not in ``data/sources.toml``.
    """
    meta = source_meta(source)
    for entry in meta["files"]:
        if entry["name"] == name:
            return SourceFile(source, name, entry["sha256"], int(entry["bytes"]), entry["url"], meta["root"])
    names = [e["name"] for e in meta["files"]]
    raise KeyError(f"file {name!r} is not in the manifest of source {source!r} ({len(names)} files, e.g. {names[:3]})")


def shared_dir() -> Path:
    """Return the shared data folder beside the checkout.

    Returns
    -------
    pathlib.Path
        ``$GVC_SHARED_DIR`` if set, else ``<repo>/../shared/data`` (holding ``raw/`` and ``reference/``).
    """
    env = os.environ.get(ENV_SHARED)
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def cache_dir() -> Path:
    """Return the user cache folder for downloaded raw files and derived intermediates.

    Returns
    -------
    pathlib.Path
        ``$GVC_CACHE_DIR`` if set, else the platform cache folder of ``gvc-book``
        (``platformdirs.user_cache_dir``); raw files go to ``raw/``, derived frames to ``derived/``.
    """
    env = os.environ.get(ENV_CACHE)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("gvc-book"))


def candidate_paths(sf: SourceFile) -> list[tuple[str, Path]]:
    """Return the places looked at for a raw file, in resolution order.

    Parameters
    ----------
    sf : SourceFile
        The manifest record of the file.

    Returns
    -------
    list of (str, pathlib.Path)
        ``(label, path)`` for ``$GVC_DATA_DIR`` (if set), the shared folder and the cache.
    """
    out = []
    env = os.environ.get(ENV_DATA)
    if env:
        out.append((f"${ENV_DATA}", Path(env) / sf.source / sf.name))
    out.append(("shared folder", shared_dir() / sf.root / sf.source / sf.name))
    out.append(("cache", cache_dir() / sf.root / sf.source / sf.name))
    return out


def sha256_of(path: Path) -> str:
    """Compute the SHA-256 hex digest of a file, read in 1 MiB chunks.

    Parameters
    ----------
    path : pathlib.Path or str
        The file.

    Returns
    -------
    str
        Hex digest (64 characters).
    """
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_VERIFIED: dict[tuple[str, int, int], str] = {}


def verify(path: Path, sf: SourceFile) -> Path:
    """Check a file against the manifest's sha256, once per process.

    The result is remembered per (path, size, modification time), so a file is hashed again only
    if it changed.

    Parameters
    ----------
    path : pathlib.Path
        The local copy.
    sf : SourceFile
        Its manifest record.

    Returns
    -------
    pathlib.Path
        ``path``, verified.

    Raises
    ------
    ChecksumError
        If the digest differs; the message names the file and both hashes.
    """
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if _VERIFIED.get(key) == sf.sha256:
        return path
    digest = sha256_of(path)
    if digest != sf.sha256:
        raise ChecksumError(
            f"checksum mismatch for {path} (source {sf.source!r}, file {sf.name!r}):\n"
            f"  expected sha256 {sf.sha256}\n  found    sha256 {digest}\n"
            "The file is corrupt or a different vintage; refusing to read it. Replace it with the "
            f"pinned copy from {sf.url or 'the shared data folder'} or delete it so it is fetched again."
        )
    _VERIFIED[key] = digest
    return path


def _download(sf: SourceFile, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".part-")
    os.close(fd)
    try:
        with urllib.request.urlopen(sf.url, timeout=60) as resp, open(tmp, "wb") as out:
            while chunk := resp.read(1 << 20):
                out.write(chunk)
        verify(Path(tmp), sf)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return dest


def data_path(source: str, name: str, *, download: bool | None = None) -> Path:
    """Return a verified local path to a raw file of the manifest.

    Parameters
    ----------
    source, name : str
        Source id and file name as in ``data/sources.toml``.
    download : bool, optional
        Allow a download from the pinned URL when no local copy exists.
        Default: allowed unless ``$GVC_OFFLINE`` is set to a non-empty value.

    Returns
    -------
    pathlib.Path
        The first existing candidate (see module docstring), checksum-verified.

    Raises
    ------
    DataNotFoundError
        No local copy and no (successful) download; the message lists the places
        looked at, the ways to provide the file and its URL.
    ChecksumError
        A local copy exists but its bytes differ from the manifest.
    """
    sf = source_file(source, name)
    looked = candidate_paths(sf)
    for _, path in looked:
        if path.is_file():
            return verify(path, sf)
    if download is None:
        download = not os.environ.get(ENV_OFFLINE)
    reason = "downloads are disabled ($GVC_OFFLINE is set)" if not download else "no pinned URL"
    if download and sf.url:
        try:
            return _download(sf, looked[-1][1])
        except ChecksumError:
            raise
        except Exception as err:  # network errors of any kind
            reason = f"download failed: {type(err).__name__}: {err}"
    places = "\n".join(f"  - {label}: {p}" for label, p in looked)
    raise DataNotFoundError(
        f"raw file {sf.name!r} of source {sf.source!r} not found. Looked in:\n{places}\n"
        f"and {reason}. Provide it in one of three ways:\n"
        f"  1. set ${ENV_DATA} to a folder holding {sf.source}/{sf.name};\n"
        f"  2. place the shared data folder beside the checkout ({shared_dir() / sf.root / sf.source});\n"
        f"  3. download {sf.url or '(no public URL: ask the maintainers for the file)'} into "
        f"{looked[-1][1].parent} (sha256 {sf.sha256})."
    )


def sources_table() -> pd.DataFrame:
    """Describe every source of the manifest, one row each (for the book's data appendix).

    Returns
    -------
    pandas.DataFrame
        Columns ``source, title, publisher, vintage, coverage, licence, citation, repository,
        files`` (number of raw files) and ``megabytes`` (their total size).
    """
    rows = []
    for sid in sources():
        m = source_meta(sid)
        rows.append(
            dict(
                source=sid,
                title=m["title"],
                publisher=m["publisher"],
                vintage=m["vintage"],
                coverage=m["coverage"],
                licence=m["licence"],
                citation=m["citation"],
                repository=m.get("repository", ""),
                files=len(m["files"]),
                megabytes=round(sum(int(f["bytes"]) for f in m["files"]) / 1e6, 2),
            )
        )
    return pd.DataFrame(rows)


def files_table(source: str | None = None) -> pd.DataFrame:
    """List the raw files of the manifest, one row each.

    Parameters
    ----------
    source : str, optional
        Only the files of this source (default: every source).

    Returns
    -------
    pandas.DataFrame
        Columns ``source, name, sha256, bytes, url``.

    Raises
    ------
    KeyError
        If ``source`` is not in the manifest.
    """
    rows = []
    for sid in [source] if source else sources():
        for f in source_meta(sid)["files"]:
            rows.append(dict(source=sid, name=f["name"], sha256=f["sha256"], bytes=int(f["bytes"]), url=f["url"]))
    return pd.DataFrame(rows)


def check_all(sources_: list[str] | None = None) -> pd.DataFrame:
    """Resolve and checksum every manifest file (or those of ``sources_``), never stopping at a problem.

    Each file is looked for as :func:`data_path` does (and downloaded if allowed); a missing or
    corrupt file is recorded, not raised, so one pass finds every problem.

    Parameters
    ----------
    sources_ : list of str, optional
        Source ids (default: every source of the manifest).

    Returns
    -------
    pandas.DataFrame
        One row per file: ``source, name, status`` (``ok``, ``missing`` or ``corrupt``), ``location``
        (which place it came from: ``$GVC_DATA_DIR``, ``shared folder``, ``cache``; empty if
        missing), ``folder`` (the source's folder at that place), ``path``, ``expected_bytes``,
        ``expected_sha256``, ``found_bytes``, ``found_sha256`` (empty if missing) and ``message``.
    """
    rows = []
    for sid in sources_ or sources():
        for f in source_meta(sid)["files"]:
            sf = source_file(sid, f["name"])
            row = dict(source=sid, name=sf.name, status="ok", location="", folder="", path="",
                       expected_bytes=sf.bytes, expected_sha256=sf.sha256, found_bytes=pd.NA, found_sha256="",
                       message="")
            try:
                path = data_path(sid, sf.name)
            except DataNotFoundError as err:
                row.update(status="missing", message=str(err).splitlines()[0])
            except ChecksumError as err:
                path = next(p for _, p in candidate_paths(sf) if p.is_file())
                row.update(status="corrupt", path=str(path), found_bytes=path.stat().st_size,
                           found_sha256=sha256_of(path), message=str(err).splitlines()[0])
            else:
                row.update(path=str(path), found_bytes=path.stat().st_size, found_sha256=sf.sha256)
            if row["path"]:
                label = next((lab for lab, p in candidate_paths(sf) if str(p) == row["path"]), "download")
                folder = Path(row["path"])
                for _ in PurePosixPath(sf.name).parts:
                    folder = folder.parent
                row.update(location=label, folder=str(folder))
            rows.append(row)
    out = pd.DataFrame(rows)
    out["found_bytes"] = out["found_bytes"].astype("Int64")
    return out


def problems_report(table: pd.DataFrame) -> str:
    """Every missing or corrupt file of a :func:`check_all` table, with expected and found size and hash.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`check_all`.

    Returns
    -------
    str
        Empty when every file is ``ok``.
    """
    bad = table[table["status"] != "ok"]
    if bad.empty:
        return ""
    lines = [f"{len(bad)} of {len(table)} raw files are missing or corrupt:"]
    for _, r in bad.iterrows():
        lines.append(f"  - {r['status']}: {r['source']}/{r['name']}")
        lines.append(f"      expected {r['expected_bytes']:,} bytes, sha256 {r['expected_sha256']}")
        if r["status"] == "corrupt":
            lines.append(f"      found    {int(r['found_bytes']):,} bytes, sha256 {r['found_sha256']}")
            lines.append(f"      at {r['path']}")
        else:
            lines.append("      found    nothing (looked in " + ", ".join(
                f"{lab}: {p}" for lab, p in candidate_paths(source_file(r["source"], r["name"]))) + ")")
    lines.append(f"Provide them (${ENV_DATA}, the shared folder {shared_dir()} or a download into "
                 f"{cache_dir() / 'raw'}) and run `make data` again; a corrupt file must be replaced or deleted.")
    return "\n".join(lines)


def verify_all(sources_: list[str] | None = None) -> pd.DataFrame:
    """Resolve and verify every manifest file (or those of ``sources_``); return where each was found.

    Parameters
    ----------
    sources_ : list of str, optional
        Source ids (default: every source).

    Returns
    -------
    pandas.DataFrame
        The table of :func:`check_all` (``source, name, path, location, folder`` ...), all ``ok``.

    Raises
    ------
    DataError
        If any file is missing or corrupt; the message lists every one of them (:func:`problems_report`).
    """
    table = check_all(sources_)
    report = problems_report(table)
    if report:
        raise DataError(report)
    return table

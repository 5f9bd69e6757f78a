"""The data layer: manifest, resolution order, checksums, downloads and error messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import ChecksumError, DataNotFoundError, DataParseError, data_path, files_table, sources
from helpers.data import manifest as S

SRC, NAME = "fixtures-decompr", "leather.rda"


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """No env dir, an empty shared dir, an empty cache, downloads off."""
    for var in (S.ENV_DATA, S.ENV_OFFLINE):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv(S.ENV_SHARED, str(tmp_path / "shared"))
    monkeypatch.setenv(S.ENV_CACHE, str(tmp_path / "cache"))
    S._VERIFIED.clear()
    return tmp_path


REAL = S.shared_dir() / "raw" / SRC / NAME  # resolved before any test changes the environment


def real_copy() -> Path:
    """The real file from the shared folder beside the checkout (the test needs the data)."""
    return REAL


def test_manifest_is_complete_and_every_file_verifies():
    ft = files_table()
    assert ft["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert not ft.duplicated(["source", "name"]).any()
    assert {"wiod2013", "wdi_datahub", "decompr-wiod2013"} <= set(sources())
    # every raw file has a pinned URL at a 40-hex commit; the peer reference has none
    raw = ft[ft["source"] != "decompr-wiod2013"]
    assert raw["url"].str.fullmatch(r"https://raw\.githubusercontent\.com/.+/[0-9a-f]{40}/.+").all()
    assert len(S.verify_all()) == len(ft)


def test_missing_file_names_file_places_and_url(isolated, monkeypatch):
    monkeypatch.setenv(S.ENV_OFFLINE, "1")
    with pytest.raises(DataNotFoundError) as exc:
        data_path(SRC, NAME)
    msg = str(exc.value)
    assert NAME in msg and SRC in msg
    assert "GVC_DATA_DIR" in msg and "shared data folder" in msg and "download" in msg
    assert S.source_file(SRC, NAME).url in msg
    assert "$GVC_OFFLINE is set" in msg


def test_resolution_order_env_then_shared_then_cache(isolated, monkeypatch):
    good = real_copy()
    env_dir, shared, cache = isolated / "env", isolated / "shared", isolated / "cache"
    for base in (shared / "raw", cache / "raw", env_dir):
        (base / SRC).mkdir(parents=True)
        shutil.copy(good, base / SRC / NAME)
    assert data_path(SRC, NAME, download=False) == shared / "raw" / SRC / NAME
    monkeypatch.setenv(S.ENV_DATA, str(env_dir))
    assert data_path(SRC, NAME, download=False) == env_dir / SRC / NAME
    monkeypatch.delenv(S.ENV_DATA)
    (shared / "raw" / SRC / NAME).unlink()
    assert data_path(SRC, NAME, download=False) == cache / "raw" / SRC / NAME


def test_checksum_mismatch_names_both_hashes_and_refuses(isolated, monkeypatch):
    env_dir = isolated / "env"
    (env_dir / SRC).mkdir(parents=True)
    bad = env_dir / SRC / NAME
    bad.write_bytes(real_copy().read_bytes() + b"tampered")
    monkeypatch.setenv(S.ENV_DATA, str(env_dir))
    with pytest.raises(ChecksumError) as exc:
        data_path(SRC, NAME)
    msg = str(exc.value)
    assert S.source_file(SRC, NAME).sha256 in msg
    assert S.sha256_of(bad) in msg
    assert str(bad) in msg


def test_download_into_cache_is_verified(isolated, monkeypatch):
    """The download branch, served from a file:// URL so no network is needed."""
    sf = S.source_file(SRC, NAME)
    monkeypatch.setattr(S, "source_file", lambda s, n: S.SourceFile(s, n, sf.sha256, sf.bytes,
                                                                   real_copy().as_uri(), sf.root))
    path = data_path(SRC, NAME, download=True)
    assert path == isolated / "cache" / "raw" / SRC / NAME
    assert S.sha256_of(path) == sf.sha256


def test_corrupt_download_is_rejected_and_not_kept(isolated, monkeypatch):
    sf = S.source_file(SRC, NAME)
    junk = isolated / "junk.rda"
    junk.write_bytes(b"not the file")
    monkeypatch.setattr(S, "source_file", lambda s, n: S.SourceFile(s, n, sf.sha256, sf.bytes, junk.as_uri(), sf.root))
    with pytest.raises(ChecksumError):
        data_path(SRC, NAME, download=True)
    assert not (isolated / "cache" / "raw" / SRC / NAME).exists()
    assert not list((isolated / "cache" / "raw" / SRC).glob(".part-*"))


def test_failed_download_says_why(isolated, monkeypatch):
    sf = S.source_file(SRC, NAME)
    missing = (isolated / "nowhere.rda").as_uri()
    monkeypatch.setattr(S, "source_file", lambda s, n: S.SourceFile(s, n, sf.sha256, sf.bytes, missing, sf.root))
    with pytest.raises(DataNotFoundError, match="download failed"):
        data_path(SRC, NAME, download=True)


def test_unknown_source_and_file():
    with pytest.raises(KeyError, match="unknown data source 'nope'"):
        data_path("nope", "x.csv")
    with pytest.raises(KeyError, match="not in the manifest of source 'wiod2013'"):
        data_path("wiod2013", "wiot_1994.RData")


def test_unreadable_file_names_parser_and_file(tmp_path, monkeypatch):
    from helpers.data import wiot

    bad = tmp_path / "broken.RData"
    bad.write_bytes(b"\x00\x01garbage")
    monkeypatch.setattr(wiot, "data_path", lambda source, name: bad)
    with pytest.raises(DataParseError, match=r"rdata.*broken\.RData"):
        wiot.read_rdata("wiod2013", "wiot_1995.RData", "wiot_1995")

"""`make data` (``python -m helpers verify``) checks every file, then reports every problem in one go."""

from __future__ import annotations

import shutil

import pytest

from helpers.book.cli import main
from helpers.data import manifest as S

SOURCES = ["fixtures-exvatools", "fixtures-decompr"]
REAL = {sid: S.shared_dir() / "raw" / sid for sid in SOURCES}  # resolved before a test changes the environment


@pytest.fixture
def shared_copy(tmp_path, monkeypatch):
    """A shared folder holding a copy of two small sources; no env dir, an empty cache, offline."""
    for sid, folder in REAL.items():
        shutil.copytree(folder, tmp_path / "shared" / "raw" / sid)
    monkeypatch.delenv(S.ENV_DATA, raising=False)
    monkeypatch.setenv(S.ENV_SHARED, str(tmp_path / "shared"))
    monkeypatch.setenv(S.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setenv(S.ENV_OFFLINE, "1")
    S._VERIFIED.clear()
    return tmp_path / "shared" / "raw"


def test_two_broken_files_are_both_reported_with_sizes_and_hashes(shared_copy, capsys):
    corrupt = shared_copy / "fixtures-exvatools" / "wiodtest_data.rda"
    corrupt.write_bytes(corrupt.read_bytes()[:1000])
    (shared_copy / "fixtures-decompr" / "leather.rda").unlink()
    assert main(["verify", *SOURCES]) == 1
    out, err = capsys.readouterr()
    assert "2 of 3 raw files are missing or corrupt" in err
    exp = S.source_file("fixtures-exvatools", "wiodtest_data.rda")
    assert "corrupt: fixtures-exvatools/wiodtest_data.rda" in err
    assert f"expected {exp.bytes:,} bytes, sha256 {exp.sha256}" in err
    assert f"found    1,000 bytes, sha256 {S.sha256_of(corrupt)}" in err
    leather = S.source_file("fixtures-decompr", "leather.rda")
    assert "missing: fixtures-decompr/leather.rda" in err
    assert f"expected {leather.bytes:,} bytes, sha256 {leather.sha256}" in err
    # the sound file of the corrupt file's source is still checked and counted
    assert "[data] fixtures-exvatools: 1 of 2 file(s) verified" in out


def test_where_each_file_came_from_is_said_per_source(shared_copy, tmp_path, monkeypatch, capsys):
    env = tmp_path / "env" / "fixtures-exvatools"
    env.mkdir(parents=True)
    shutil.copy(shared_copy / "fixtures-exvatools" / "iciotest_data.rda", env / "iciotest_data.rda")
    monkeypatch.setenv(S.ENV_DATA, str(tmp_path / "env"))
    assert main(["verify", *SOURCES]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.startswith("[data] fixtures-exvatools"))
    assert f"1 from the ${S.ENV_DATA} {env}" in line
    assert f"1 from the shared folder {shared_copy / 'fixtures-exvatools'}" in line


def test_verify_all_raises_with_every_problem(shared_copy):
    for sid in SOURCES:
        for f in (shared_copy / sid).glob("*.rda"):
            f.unlink()
    with pytest.raises(S.DataError) as exc:
        S.verify_all(SOURCES)
    assert "3 of 3 raw files are missing or corrupt" in str(exc.value)

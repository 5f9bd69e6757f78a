"""A student can open every chapter in JupyterLab after a build, from the .md and from the .ipynb.

The test copies the chapters (``.md`` and executed ``.ipynb``) into a folder, makes every twin newer
than its source (the state a build leaves), starts the Jupyter server of the venv there (with
jupytext's contents manager, as ``make lab`` does) and asks its contents API for every chapter in
both formats: what JupyterLab does on the first click. jupytext refuses to open a pair whose
``.ipynb`` is newer than its ``.md`` when their inputs differ ("... is more recent than ..."), so
this fails if a build leaves a twin whose inputs (tags included) differ from its source.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.md"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _inputs(nb) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source.strip(), sorted(c.metadata.get("tags", []))) for c in nb.cells]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_twin_inputs_equal_the_source_tags_included(chapter):
    md = jupytext.read(ROOT / "notebooks" / f"{chapter}.md")
    ipynb = nbformat.read(ROOT / "notebooks" / f"{chapter}.ipynb", as_version=4)
    assert _inputs(md) == _inputs(ipynb), (
        f"notebooks/{chapter}.ipynb has other inputs or tags than its source: run `make chapter NB={chapter}`"
    )


@pytest.fixture(scope="module")
def jupyter_server(tmp_path_factory):
    """A Jupyter server of the venv on a copy of the chapters, twins newer than sources; yields URL, token."""
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    for chapter in CHAPTERS:
        for suffix in (".md", ".ipynb"):
            name = f"notebooks/{chapter}{suffix}"
            (root / name).write_bytes((ROOT / name).read_bytes())
        md = root / "notebooks" / f"{chapter}.md"
        os.utime(root / "notebooks" / f"{chapter}.ipynb", (md.stat().st_mtime + 60, md.stat().st_mtime + 60))
    exe = Path(sys.executable).with_name("jupyter")
    if not exe.exists():
        pytest.fail(f"{exe} missing: jupyter-server is in the lock; run make venv")
    port, token = _free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("jupyter-home")
    env = os.environ | {"JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_DATA_DIR": str(home / "data"),
                        "JUPYTER_CONFIG_DIR": str(home / "config")}
    log = (home / "server.log").open("w")
    proc = subprocess.Popen(
        [str(exe), "server", "--no-browser", f"--port={port}", "--ip=127.0.0.1", f"--ServerApp.root_dir={root}",
         f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        else:
            pytest.fail("the Jupyter server did not start within 60 s:\n" + (home / "server.log").read_text()[-3000:])
        if proc.poll() is not None:
            pytest.fail("the Jupyter server exited:\n" + (home / "server.log").read_text()[-3000:])
        yield base, token, home / "server.log"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _open(base: str, token: str, path: str) -> tuple[int, dict | str]:
    req = urllib.request.Request(f"{base}/api/contents/{path}?type=notebook&content=1",
                                 headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(errors="replace")


@pytest.mark.parametrize("suffix", [".md", ".ipynb"])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_opens_in_jupyterlab(jupyter_server, chapter, suffix):
    base, token, _ = jupyter_server
    status, body = _open(base, token, f"notebooks/{chapter}{suffix}")
    assert status == 200, f"JupyterLab cannot open notebooks/{chapter}{suffix} (HTTP {status}):\n{str(body)[:3000]}"
    cells = body["content"]["cells"]
    assert any("parameters" in c["metadata"].get("tags", []) for c in cells), "the parameters cell lost its tag"
    assert any(c.get("outputs") for c in cells if c["cell_type"] == "code"), "outputs of the twin not shown"

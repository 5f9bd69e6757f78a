"""The GitHub Pages workflow publishes what `make book` builds, by calling the Makefile, not a copy of it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _make_targets(makefile: str) -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))


def workflow_violations(workflow: str, makefile: str) -> list[str]:
    """Why a workflow is not "make book, then deploy _build/html" (empty if it is).

    Every ``run`` line must be ``make <target>`` with a target of the Makefile, ``make book`` among
    them; the one uploaded artifact must be ``_build/html``; the Python version must be the one the
    Makefile asks for.
    """
    wf = yaml.safe_load(workflow)
    steps = [s for job in wf.get("jobs", {}).values() for s in job.get("steps", [])]
    out = []
    targets = _make_targets(makefile)
    lines = [ln.strip() for s in steps if "run" in s for ln in str(s["run"]).splitlines() if ln.strip()]
    for line in lines:
        m = re.fullmatch(r"make ([a-z][a-z-]*)", line)
        if not (m and m.group(1) in targets):
            out.append(f"step `{line}` is not a Makefile target (a copy of the build?)")
    if "make book" not in lines:
        out.append("no `make book` step")
    upload = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-pages-artifact")]
    if [s.get("with", {}).get("path") for s in upload] != ["_build/html"]:
        out.append("the uploaded artifact is not _build/html")
    if not any(str(s.get("uses", "")).startswith("actions/deploy-pages") for s in steps):
        out.append("no deploy-pages step")
    wanted = re.search(r"^PYTHON \?= python(\d+\.\d+)", makefile, re.M)
    py = [str(s.get("with", {}).get("python-version")) for s in steps
          if str(s.get("uses", "")).startswith("actions/setup-python")]
    if wanted and py != [wanted.group(1)]:
        out.append(f"Python {py} is not the Makefile's {wanted.group(1)}")
    return out


def test_workflow_is_make_book_then_deploy():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^book: _build/html/index\.html", makefile, re.M), "make book no longer builds _build/html"
    assert workflow_violations(WORKFLOW.read_text(), makefile) == []


def test_a_workflow_with_its_own_build_steps_is_rejected():
    makefile = (ROOT / "Makefile").read_text()
    copied = """
jobs:
  build:
    steps:
      - uses: actions/setup-python@v5
        with: {python-version: "3.12"}
      - run: |
          pip install -r requirements-lock.txt
          jupyter-book build . -W
      - uses: actions/upload-pages-artifact@v3
        with: {path: _build}
"""
    problems = workflow_violations(copied, makefile)
    assert any("pip install" in p for p in problems)
    assert any("jupyter-book build" in p for p in problems)
    assert "no `make book` step" in problems
    assert "the uploaded artifact is not _build/html" in problems
    assert "no deploy-pages step" in problems
    assert any("3.12" in p for p in problems)

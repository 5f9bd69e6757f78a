"""The package's architecture is a tested contract: stages import only the stages before them."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import helpers

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("data", "gvc", "indices", "econometrics", "book")

# The flat public API as it stood when the package was split into stages (issue 7): every name
# must stay importable with ``from helpers import ...``.
API_BEFORE_SPLIT = """
ChecksumError CompositeIndex DIMENSIONS DataError DataNotFoundError DataParseError IOModel OUTCOMES SE_NOTE
TwfeResult WIOD_YEARS WIOT adb_manufacturing_gvc aggregate_gvc antras_chor_comparison balance_table cache_key
cached_frame composite_index country_trade_summary country_year_panel critic_weights data_path
digital_trade_index dti_ranking dti_structure entropy_weights equal_weights estimation_sample files_table
fill_report final_demand_categories fva_final_output glue gvc_codebook gvc_country_industry
gvc_country_industry_year gvc_country_year gvc_fixture_table gvc_validation_table hypothesis_table
index_weights_table indicator_catalogue io_model koopman_position kww leontief_matrices line_by_group
load_longrun_wiot load_wiot longrun_fva_comparison manufacturing_codes manufacturing_gvc_panel
manufacturing_va_exports normalise palette panel_codebook panel_fill_flags panel_schema pca_weights
rank_correlations recent_shock_resilience recent_shock_validation resilience_index resilience_indicators
resilience_validation resilience_weights set_style shock_resilience source_meta sources sources_table
trade_summary_panel twfe two_way_demean upstreamness va_by_destination va_origin_of_exports validate_panel
verdict verify_all vertical_specialisation wiod_countries wiod_economies wiod_industries wiod_to_iso3
write_gvc_datasets write_index_datasets wwyz_gvc wwz wwz_to_kww
""".split()


def _lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("lint-imports")
    env = {"PYTHONPATH": str(pythonpath), "PATH": str(exe.parent), "HOME": str(cwd)}
    return subprocess.run([str(exe), "--config", str(cwd / ".importlinter"), "--no-cache"], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_layers_contract_is_kept():
    proc = _lint_imports(ROOT, ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "1 kept, 0 broken" in proc.stdout


@pytest.mark.parametrize("violation", [
    "from helpers.book.prose import verdict\n",  # data imports the book stage directly
    "from helpers import glue\n",  # or through the flat namespace, which imports every stage
])
def test_a_wrong_way_import_breaks_the_contract(tmp_path, violation):
    shutil.copytree(ROOT / "helpers", tmp_path / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    (tmp_path / "helpers" / "data" / "wrong_way.py").write_text(violation)
    proc = _lint_imports(tmp_path, tmp_path)
    assert proc.returncode != 0
    assert "BROKEN" in proc.stdout and "helpers.data.wrong_way" in proc.stdout, proc.stdout[-2000:]


def test_public_api_kept_every_name_of_before_the_split():
    missing = [n for n in API_BEFORE_SPLIT if n not in helpers.__all__ or not hasattr(helpers, n)]
    assert not missing, missing


def test_flat_api_is_the_union_of_the_stages_and_unambiguous():
    names = []
    for stage in STAGES:
        mod = importlib.import_module(f"helpers.{stage}")
        names += list(mod.__all__)
        for n in mod.__all__:
            assert getattr(helpers, n) is getattr(mod, n), f"helpers.{n} is not helpers.{stage}.{n}"
    dup = sorted({n for n in names if names.count(n) > 1})
    assert not dup, f"names exported by two stages: {dup}"
    assert sorted(set(names)) == sorted(helpers.__all__)


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_it_holds_and_may_import(stage):
    mod = importlib.import_module(f"helpers.{stage}")
    doc = mod.__doc__ or ""
    assert doc.startswith(f"Stage {STAGES.index(stage) + 1}, {stage}:"), doc[:80]
    assert "May import:" in doc
    allowed = doc.split("May import:")[1]
    for earlier in STAGES[: STAGES.index(stage)]:
        assert f"helpers.{earlier}" in allowed or stage == "book", (stage, earlier)


def test_no_submodule_name_is_shadowed_by_a_function():
    """``helpers.data.manifest`` must be the module, not a function re-exported under its name."""
    for stage in STAGES:
        pkg = importlib.import_module(f"helpers.{stage}")
        for p in (ROOT / "helpers" / stage).glob("*.py"):
            if p.stem == "__init__":
                continue
            assert not callable(getattr(pkg, p.stem, None)) or isinstance(getattr(pkg, p.stem), type(sys)), (
                f"helpers.{stage}.{p.stem} is shadowed by a function of the same name")


def test_tests_mirror_the_package_layout():
    for stage in STAGES:
        assert list((ROOT / "tests" / stage).glob("test_*.py")), f"tests/{stage}/ has no tests"
    assert not list((ROOT / "tests").glob("test_*.py")), "tests belong in the folder of their stage"

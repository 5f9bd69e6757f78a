"""helpers.glue writes exactly what myst_nb.glue writes (the book build reads it back)."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest

from helpers import glue


def _captured(fn, *args, **kwargs):
    with mock.patch("IPython.display.display") as disp:
        fn(*args, **kwargs)
    return [(c.args, c.kwargs) for c in disp.call_args_list]


@pytest.mark.parametrize("value", [0.5, "p < 0.001", 42, True])
@pytest.mark.parametrize("display", [False, True])
def test_same_output_as_myst_nb(value, display):
    from myst_nb.ext import glue as mg

    with mock.patch.object(mg, "ipy_display") as ref:
        mg.glue("x", value, display=display)
    ours = _captured(glue, "x", value, display=display)
    assert ours == [(c.args, c.kwargs) for c in ref.call_args_list]


def test_numpy_scalars_are_glued_as_python_numbers():
    (args, kwargs), = _captured(glue, "x", np.float64(0.25))
    assert args[0] == {"application/papermill.record/text/plain": "0.25"}
    assert kwargs["metadata"]["scrapbook"] == {"name": "x", "mime_prefix": "application/papermill.record/"}


def test_floats_are_stored_to_ten_significant_digits():
    (args, _), = _captured(glue, "x", 0.12345678901234567)
    assert args[0] == {"application/papermill.record/text/plain": "0.123456789"}
    (args, _), = _captured(glue, "x", 5.59955749823704e-09)
    assert args[0] == {"application/papermill.record/text/plain": "5.599557498e-09"}

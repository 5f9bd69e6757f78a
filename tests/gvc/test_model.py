"""The Leontief system object: the bounded model cache and the toy-table algebra of io_model."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import clear_model_cache, gvc_fixture_table, io_model, model_cache_size


@pytest.fixture
def restore_cache_size():
    size = model_cache_size()
    yield
    model_cache_size(size)


def test_model_cache_is_bounded_and_clearable(restore_cache_size, io_ref):
    a, b = gvc_fixture_table("leather"), io_ref.random_balanced_table()
    assert model_cache_size(1) == 1
    ma = io_model(a)
    assert io_model(a) is ma  # cached
    io_model(b)  # evicts a's model (size 1)
    assert io_model(a) is not ma
    m2 = io_model(a)
    clear_model_cache()
    assert io_model(a) is not m2
    assert model_cache_size(0) == 0
    assert io_model(a) is not io_model(a)  # nothing kept
    with pytest.raises(ValueError, match="size=-1"):
        model_cache_size(-1)
    with pytest.raises(ValueError, match="size=True"):
        model_cache_size(True)


def test_io_model_blocks_on_a_toy(io_ref):
    """A, B, L, V and the export blocks of the model against numpy on the random balanced table."""
    t = io_ref.random_balanced_table()
    m = io_model(t)
    A, B = io_ref.leontief(t)
    np.testing.assert_allclose(m.A, A, rtol=1e-14)
    np.testing.assert_allclose(m.B, B, rtol=1e-12)
    np.testing.assert_allclose(m.vc @ m.B, 1.0, rtol=1e-12)  # V B = u' on a balanced table
    c = io_ref.country_of(t)
    for s in range(t.G):
        i = np.flatnonzero(c == s)
        np.testing.assert_allclose(m.L[np.ix_(i, i)], np.linalg.inv(np.eye(len(i)) - A[np.ix_(i, i)]), rtol=1e-12)
    np.testing.assert_allclose(m.aggregate(m.E), io_ref.gross_exports(t), rtol=1e-14)
    np.testing.assert_allclose(m.solve(np.ones(t.n)), B @ np.ones(t.n), rtol=1e-12)
    np.testing.assert_allclose(m.solve(np.ones(t.n), trans=True), B.T @ np.ones(t.n), rtol=1e-12)

"""Every GVC family of a year comes from one read of the table and one factorisation of I - A."""

from __future__ import annotations

import scipy.linalg

from helpers import (
    country_trade_summary,
    gvc_country_industry,
    industry_source_concentration,
    kww,
    load_wiot,
    manufacturing_va_exports,
)
from helpers.gvc import datasets
from helpers.gvc.model import clear_model_cache


def _fresh(monkeypatch):
    monkeypatch.setenv("GVC_NO_CACHE", "1")
    datasets._leontief_frames.cache_clear()
    datasets._trade_frame.cache_clear()
    clear_model_cache()
    calls = []
    real = scipy.linalg.lu_factor

    def counting(a, *args, **kwargs):
        calls.append(a.shape)
        return real(a, *args, **kwargs)

    monkeypatch.setattr(scipy.linalg, "lu_factor", counting)
    return calls


def test_one_factorisation_per_year_for_every_family(monkeypatch):
    calls = _fresh(monkeypatch)
    try:
        frames = datasets.year_frames(2003)
        # I - A once (io_model), the inventory-corrected I - A~ once (upstreamness): nothing else
        assert calls == [(1435, 1435), (1435, 1435)]
        datasets.year_frames(2003)
        assert len(calls) == 2, "the year's frames were computed again in the same process"
        t = load_wiot(2003)
        assert frames["country_industry"].equals(gvc_country_industry(t))
        k = kww(t)
        assert frames["country"][k.columns[1:]].equals(k[k.columns[1:]])
        assert frames["manufacturing_va_exports"].equals(manufacturing_va_exports(2003))
        assert frames["trade_summary"].equals(country_trade_summary(t))
        assert frames["industry_concentration"].equals(industry_source_concentration(t))
    finally:
        datasets._leontief_frames.cache_clear()
        datasets._trade_frame.cache_clear()


def test_trade_summary_alone_needs_no_factorisation(monkeypatch):
    calls = _fresh(monkeypatch)
    try:
        datasets.year_frame(2004, "trade_summary")
        assert calls == []
    finally:
        datasets._trade_frame.cache_clear()


def test_years_in_parallel_threads_give_the_frames_of_a_loop(monkeypatch):
    """frames_by_year computes cold years in threads: same frames as one year after another, one LU each."""
    calls = _fresh(monkeypatch)
    years = [2001, 2002, 2003]
    try:
        monkeypatch.setattr(datasets, "YEAR_WORKERS", 3)
        parallel = datasets.frames_by_year(years, "country_industry")
        assert len(calls) == 2 * len(years), "each year factorised once (I - A and I - A~), whatever the threads"
        datasets._leontief_frames.cache_clear()
        clear_model_cache()
        monkeypatch.setattr(datasets, "YEAR_WORKERS", 1)
        serial = datasets.frames_by_year(years, "country_industry")
        for y, a, b in zip(years, parallel, serial, strict=True):
            assert a.equals(b), f"{y}: parallel and serial frames differ"
            assert a.equals(gvc_country_industry(load_wiot(y)))
    finally:
        datasets._leontief_frames.cache_clear()
        datasets._trade_frame.cache_clear()


def test_frames_by_year_checks_its_arguments():
    import pytest

    with pytest.raises(ValueError, match="family"):
        datasets.frames_by_year([2001], "countries")
    with pytest.raises(ValueError, match="1990"):
        datasets.frames_by_year([1990], "country")


def test_pinned_model_is_served_whatever_the_cache_evicts():
    from helpers.gvc.model import io_model, model_cache_size, pinned_model

    t = load_wiot(2002)
    before = model_cache_size()
    try:
        model_cache_size(0)  # the cache keeps nothing: every call outside a pin builds a new system
        assert io_model(t) is not io_model(t)
        with pinned_model(t) as m:
            assert io_model(t) is m
            with pinned_model(t) as inner:  # pins nest
                assert inner is m
            assert io_model(t) is m
        assert io_model(t) is not m
    finally:
        model_cache_size(before)

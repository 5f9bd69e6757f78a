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

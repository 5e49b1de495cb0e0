"""Shared by the extraction rule tests: no disk cache, and the day events of a short text."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis import extract
from analysis.corpus import make_article
from analysis.extract import extract_article


@pytest.fixture
def isolated_cache(monkeypatch):
    """Each test extracts afresh: no disk cache, an empty memory cache."""
    monkeypatch.setattr(extract, "DISK_CACHE_DIR", None)
    extract.clear_memory_cache()


def day_events(text: str, published: dt.date) -> set[tuple[dt.date, str]]:
    """(date, signal) of the day-precision events extracted from `text`."""
    x = extract_article(make_article(text, title="t", source="test", published=published, file="t.txt"))
    return {(e.date, e.signal) for e in x.events if e.precision == "day"}

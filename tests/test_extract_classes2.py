"""Failure classes of a blind evaluation, each as a general rule with short sentences of its own."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis import extract
from analysis.corpus import make_article
from analysis.extract import extract_article
from analysis.timeexpr import resolve

D = dt.date


@pytest.fixture(autouse=True)
def isolated_cache(monkeypatch):
    monkeypatch.setattr(extract, "DISK_CACHE_DIR", None)
    extract.clear_memory_cache()


def day_events(text: str, published: dt.date):
    x = extract_article(make_article(text, title="t", source="test", published=published, file="t.txt"))
    return {(e.date, e.signal) for e in x.events if e.precision == "day"}


# 3. ordinal day forms
@pytest.mark.parametrize("expr,pub,day", [
    ("the 10th of this month", D(2021, 9, 15), D(2021, 9, 10)),
    ("on the 1st of this month", D(2021, 9, 15), D(2021, 9, 1)),
    ("the 3rd of last month", D(2021, 9, 15), D(2021, 8, 3)),
    ("the 31st of last month", D(2021, 1, 5), D(2020, 12, 31)),
    ("the 22nd of the previous month", D(2021, 3, 2), D(2021, 2, 22)),
    ("the 10th of July", D(2021, 9, 15), D(2021, 7, 10)),
    ("on the 24th", D(2021, 9, 15), D(2021, 8, 24)),
])
def test_ordinal_day_forms(expr, pub, day):
    ref = resolve(expr, pub)
    assert (ref.start, ref.precision, ref.future) == (day, "day", False)


def test_ordinal_of_this_month_after_publication_is_not_past():
    assert resolve("the 20th of this month", D(2021, 9, 15)).future


@pytest.mark.parametrize("text,day", [
    ("The cyberspace regulator summoned Tencent executives on the 10th of this month.", D(2021, 9, 10)),
    ("Regulators fined Meituan on the 3rd of last month, the company said.", D(2021, 8, 3)),
    ("The market regulator fined Alibaba on the 10th of July.", D(2021, 7, 10)),
])
def test_ordinal_day_forms_in_sentences(text, day):
    assert day_events(text, D(2021, 9, 15)) == {(day, "crackdown")}


@pytest.mark.parametrize("text", [
    "The regulator will rule on the fine on the 20th of this month.",
    "It was the 3rd time this month that regulators had criticised the sector.",
])
def test_ordinal_near_misses(text):
    assert day_events(text, D(2021, 9, 15)) == set()

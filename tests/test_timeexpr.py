"""Every time-expression rule, on short hand-written phrases, against a fixed publication date."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.timeexpr import explain, resolve, scan_phrases

D = dt.date
WED = D(2023, 7, 12)   # a Wednesday
MON = D(2021, 9, 27)   # a Monday
FRI = D(2023, 1, 13)   # a Friday


@pytest.mark.parametrize("expr,pub,start,end,precision", [
    ("Wednesday", WED, D(2023, 7, 12), D(2023, 7, 12), "day"),           # same weekday = that day
    ("Earlier Wednesday", WED, D(2023, 7, 12), D(2023, 7, 12), "day"),
    ("on Friday", WED, D(2023, 7, 7), D(2023, 7, 7), "day"),             # most recent Friday
    ("Friday's", WED, D(2023, 7, 7), D(2023, 7, 7), "day"),
    ("Tuesday night", WED, D(2023, 7, 11), D(2023, 7, 11), "day"),
    ("Sunday", MON, D(2021, 9, 26), D(2021, 9, 26), "day"),
    ("last Wednesday", WED, D(2023, 7, 5), D(2023, 7, 5), "day"),        # "last" is strictly before
    ("yesterday", WED, D(2023, 7, 11), D(2023, 7, 11), "day"),
    ("today", WED, WED, WED, "day"),
    ("three days ago", WED, D(2023, 7, 9), D(2023, 7, 9), "day"),
    ("last week", WED, D(2023, 7, 3), D(2023, 7, 9), "week"),
    ("last week's", WED, D(2023, 7, 3), D(2023, 7, 9), "week"),
    ("earlier this week", WED, D(2023, 7, 10), D(2023, 7, 12), "week"),
    ("earlier this month", WED, D(2023, 7, 1), D(2023, 7, 12), "month"),
    ("last month", D(2023, 1, 13), D(2022, 12, 1), D(2022, 12, 31), "month"),
    ("last October", MON, D(2020, 10, 1), D(2020, 10, 31), "month"),
    ("October", D(2021, 10, 20), D(2021, 10, 1), D(2021, 10, 31), "month"),   # this month, not last year's
    ("last October", D(2021, 10, 20), D(2020, 10, 1), D(2020, 10, 31), "month"),
    ("since December", WED, D(2022, 12, 1), D(2022, 12, 31), "month"),
    ("the end of October", FRI, D(2022, 10, 1), D(2022, 10, 31), "month"),
    ("November 2020", FRI, D(2020, 11, 1), D(2020, 11, 30), "month"),
    ("10 January", FRI, D(2023, 1, 10), D(2023, 1, 10), "day"),
    ("January 10", FRI, D(2023, 1, 10), D(2023, 1, 10), "day"),
    ("18 December", FRI, D(2022, 12, 18), D(2022, 12, 18), "day"),        # past-preferring: last year
    ("Dec. 24", D(2021, 1, 5), D(2020, 12, 24), D(2020, 12, 24), "day"),
    ("the 3rd of November", D(2020, 11, 4), D(2020, 11, 3), D(2020, 11, 3), "day"),
    ("April 10, 2021", FRI, D(2021, 4, 10), D(2021, 4, 10), "day"),
    ("Saturday, April 10, 2021", FRI, D(2021, 4, 10), D(2021, 4, 10), "day"),
    ("10 April 2021", FRI, D(2021, 4, 10), D(2021, 4, 10), "day"),
    ("5th of January, 2021", FRI, D(2021, 1, 5), D(2021, 1, 5), "day"),   # dateparser fallback
    ("the end of last year", FRI, D(2022, 12, 1), D(2022, 12, 31), "month"),
    ("Towards the end of last year", FRI, D(2022, 12, 1), D(2022, 12, 31), "month"),
    ("late 2020", WED, D(2020, 9, 1), D(2020, 12, 31), "span"),
    ("in late 2020", WED, D(2020, 9, 1), D(2020, 12, 31), "span"),
    ("in 2021", FRI, D(2021, 1, 1), D(2021, 12, 31), "year"),
    ("this year", MON, D(2021, 1, 1), D(2021, 9, 27), "year"),
    ("last year", FRI, D(2022, 1, 1), D(2022, 12, 31), "year"),
    ("September 26-28", MON, D(2021, 9, 26), D(2021, 9, 28), "span"),
    ("over the weekend", WED, D(2023, 7, 8), D(2023, 7, 9), "span"),
    ("mid-July", D(2021, 8, 2), D(2021, 7, 1), D(2021, 7, 31), "month"),
])
def test_resolves(expr, pub, start, end, precision):
    ref = resolve(expr, pub)
    assert ref is not None, explain(expr, pub)
    assert (ref.start, ref.end, ref.precision) == (start, end, precision), ref
    assert not ref.future


@pytest.mark.parametrize("expr", [
    "two years", "two-year", "years-long", "annual", "three years", "a turbulent year",
    "the fourth consecutive month", "recent days", "recent years", "the past few weeks", "recent months",
    "previous years", "the eighth and ninth", "decades", "May", "years",
])
def test_not_dates(expr):
    assert resolve(expr, WED) is None, explain(expr, WED)


@pytest.mark.parametrize("expr,pub", [
    ("2025", D(2022, 11, 1)), ("by 2025", D(2022, 11, 1)), ("next Monday", WED), ("tomorrow", WED),
    ("July 20", WED),   # a week after publication: a scheduled date, not last July's
])
def test_future_dates_are_flagged(expr, pub):
    ref = resolve(expr, pub)
    assert ref is not None and ref.future


def test_anaphora_are_marked_relative():
    assert resolve("the same day", WED).anaphor == 0
    assert resolve("the previous day", WED).anaphor == -1


def test_every_result_names_its_rule():
    assert explain("on Friday", WED)[1] == "weekday"
    assert explain("two years", WED)[1].startswith("duration")
    assert explain("recent days", WED)[1] == "vague"


def test_scanner_finds_phrases_ner_may_miss():
    text = "Regulators fined the firm on Friday after a probe begun Dec. 24, and met again last week. Black Friday sales."
    found = [text[a:b] for a, b in scan_phrases(text)]
    assert "Friday" in found and "Dec. 24" in found and "last week" in found
    assert "Black Friday" not in found and found.count("Friday") == 1
    assert scan_phrases("Shares may fall.") == []

"""The URL is the view: Filters -> query params -> Filters, and bad links degrade gently."""
import datetime as dt

import pytest

from analysis.filters import (SIGNALS, WINDOWS, Filters, benchmark_choices, from_query_params,
                              to_query_params)
from analysis.listings import COMPANIES


def test_defaults_from_empty_params():
    filters, notes = from_query_params({})
    assert filters == Filters()
    assert notes == []
    assert filters.companies == COMPANIES
    assert filters.benchmark_ticker is None


@pytest.mark.parametrize("filters", [
    Filters(),
    Filters(companies=("Alibaba", "JD"), venue="US", start=dt.date(2021, 1, 4), end=dt.date(2021, 12, 31),
            signals=("crackdown",), min_confidence=0.55, window=(0, 3), benchmark="KWEB",
            scale="price", event="E1a2b3c4d", article="002_4607d5f0048f1707"),
    Filters(companies=(), signals=(), venue="HK", benchmark="^HSI", window=(-5, 5), min_confidence=0.0),
])
def test_round_trip(filters):
    params = to_query_params(filters)
    assert all(isinstance(v, str) for v in params.values())
    back, notes = from_query_params(params)
    assert back == filters
    assert notes == []


def test_params_are_readable():
    params = to_query_params(Filters(companies=("Alibaba", "JD"), window=(-1, 1)))
    assert params["companies"] == "Alibaba,JD"
    assert params["window"] == "-1,1"
    assert params["start"] == "2020-07-01"
    assert "event" not in params


def test_malformed_values_are_dropped_with_one_note_each():
    filters, notes = from_query_params({"companies": "FOO", "start": "notadate", "venue": "EU"})
    assert filters.companies == COMPANIES      # nothing valid left: the default stands
    assert filters.start == Filters().start
    assert filters.venue == "both"
    assert len(notes) == 3
    assert any("FOO" in n for n in notes)
    assert any("notadate" in n for n in notes)
    assert any("EU" in n for n in notes)


def test_good_values_survive_next_to_bad_ones():
    filters, notes = from_query_params({
        "companies": "alibaba,FOO,Tencent", "signals": "crackdown,bogus", "window": "0,3",
        "conf": "2", "bench": "spy", "scale": "log", "wat": "1", "end": "2022-06-30",
    })
    assert filters.companies == ("Alibaba", "Tencent")
    assert filters.signals == ("crackdown",)
    assert filters.window == (0, 3)
    assert filters.min_confidence == Filters().min_confidence == 0.5
    assert filters.benchmark == "SPY"
    assert filters.scale == "rebased"
    assert filters.end == dt.date(2022, 6, 30)
    joined = " ".join(notes)
    for bad in ("FOO", "bogus", "2", "log", "wat"):
        assert bad in joined
    assert len(notes) == 5


def test_reversed_dates_and_unknown_window():
    filters, notes = from_query_params({"start": "2023-01-01", "end": "2021-01-01", "window": "-2,7"})
    assert (filters.start, filters.end) == (Filters().start, Filters().end)
    assert filters.window == Filters().window
    assert len(notes) == 2


def test_list_values_take_the_last_and_ids_are_checked():
    filters, notes = from_query_params({"venue": ["US", "HK"], "event": "<script>", "article": "003_x"})
    assert filters.venue == "HK"
    assert filters.event is None
    assert filters.article == "003_x"
    assert len(notes) == 1 and "event" in notes[0]


def test_long_junk_is_shortened_in_the_note():
    _, notes = from_query_params({"companies": "x" * 500})
    assert len(notes) == 1 and len(notes[0]) < 200


def test_choices_cover_the_registry():
    assert benchmark_choices()[0] == "own"
    assert {"SPY", "^HSI", "KWEB"} <= set(benchmark_choices())
    assert set(SIGNALS) == {"crackdown", "easing", "neutral"}
    assert (-1, 1) in WINDOWS


def test_listings_and_benchmarks_in_view():
    from analysis.filters import benchmarks_in_view, listings_in_view

    both = Filters(companies=("Alibaba", "Tencent"))
    assert [l.ticker for l in listings_in_view(both)] == ["BABA", "9988.HK", "0700.HK"]
    assert benchmarks_in_view(both) == ["SPY", "^HSI"]
    us = both.with_(venue="US")
    assert [l.ticker for l in listings_in_view(us)] == ["BABA"]
    assert benchmarks_in_view(us) == ["SPY"]
    assert benchmarks_in_view(us.with_(benchmark="KWEB")) == ["KWEB"]
    assert listings_in_view(Filters(companies=("Tencent",), venue="US")) == []


def test_events_in_view():
    import pandas as pd

    from analysis.filters import events_in_view

    events = pd.DataFrame({
        "event_id": ["a", "b", "c", "d", "e"],
        "date": pd.to_datetime(["2021-04-10", "2021-04-10", "2019-01-01", "2021-06-01", "2021-01-01"]),
        "end_date": pd.to_datetime(["2021-04-10", "2021-04-10", "2019-01-01", "2021-06-01", "2021-12-31"]),
        "signal": ["crackdown", "easing", "crackdown", "neutral", "crackdown"],
        "companies": ["Alibaba", "Tencent;JD", "Alibaba", "", "Meituan"],
        "confidence": [0.9, 0.5, 0.9, 0.7, 0.6],
    })
    f = Filters(companies=("Alibaba", "JD"), start=dt.date(2021, 2, 1), end=dt.date(2021, 12, 31),
                min_confidence=0.0)
    assert events_in_view(events, f)["event_id"].tolist() == ["a", "b", "d"]
    assert events_in_view(events, f.with_(min_confidence=0.6))["event_id"].tolist() == ["a", "d"]
    assert events_in_view(events, f.with_(signals=("easing",)))["event_id"].tolist() == ["b"]
    # a year-long span that overlaps the range is kept for its company
    assert "e" in events_in_view(events, f.with_(companies=("Meituan",)))["event_id"].tolist()


def test_window_labels():
    from analysis.filters import window_label

    assert [window_label(w) for w in WINDOWS] == ["[0, 0]", "[−1, +1]", "[0, +3]", "[0, +5]", "[−5, +5]"]

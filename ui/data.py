"""Cached loaders: the expensive steps run once per content, shared by every page.

- the spaCy pipeline: `st.cache_resource` (one object for the process);
- the corpus, its events, prices and the event study: `st.cache_data`, keyed by
  what they are computed from, so equal inputs give the cached answer;
- the landing figure: `st.cache_resource`, keyed the same way (see `market_chart`).

Articles a visitor adds live in that visitor's `st.session_state` only. Their
events are merged with the corpus events per session; the caches below are keyed
by content, so one session can never see another's article unless it adds the
very same text itself.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.filters import Filters, events_in_view
from analysis.listings import LISTINGS

ADDED = "added_articles"


@st.cache_resource(show_spinner="Loading the language model…")
def nlp():
    from analysis.nlp import get_nlp

    return get_nlp()


@st.cache_data(show_spinner="Reading the articles…")
def corpus():
    from analysis.corpus import load_corpus

    return load_corpus()


@st.cache_data(show_spinner="Extracting events from the articles…")
def _extraction(_article, text_key: str):
    """Cached here, in memory, by content; the extractor's own caches are bypassed because its
    disk cache would keep a visitor's pasted text on the server."""
    nlp()  # make sure the shared pipeline is the cached one
    from analysis.extract import extract_many

    return extract_many([_article], use_cache=False)[0]


def extraction(article):
    """The events and highlight spans of one article, cached by its content."""
    key = hashlib.sha1(f"{article.file}|{article.published}|{article.source}|{article.text}".encode()).hexdigest()
    return _extraction(article, key)


@dataclass(frozen=True)
class Added:
    """An article added in this browser session, with what was extracted from it."""
    article: object
    extraction: object
    key: str


def added() -> list[Added]:
    return st.session_state.setdefault(ADDED, [])


def all_articles() -> list:
    return list(corpus().articles) + [a.article for a in added()]


@st.cache_data(show_spinner=False)
def _merged(_raw_events: tuple, key: tuple) -> pd.DataFrame:
    from analysis.events import merge_events

    return merge_events(list(_raw_events))


@st.cache_data(show_spinner="Extracting events from the articles…")
def _corpus_raw_events(key: str) -> tuple:
    nlp()
    from analysis.extract import extract_events

    return tuple(extract_events(corpus().articles))


def events() -> pd.DataFrame:
    """Merged events of the corpus plus this session's added articles."""
    key = corpus_key()
    raw = list(_corpus_raw_events(key))
    keys = ["corpus:" + key]
    for item in added():
        raw.extend(item.extraction.events)
        keys.append(item.key)
    return _merged(tuple(raw), tuple(keys))


@st.cache_data(show_spinner=False)
def corpus_key() -> str:
    h = hashlib.sha1()
    for a in corpus().articles:
        h.update(f"{a.file}|{a.published}|{a.source}|{a.text}".encode())
    return h.hexdigest()


@st.cache_data(show_spinner=False)
def prices(ticker: str, refresh_stamp: str) -> pd.DataFrame:
    from analysis.market import prices_for

    return prices_for(ticker)


def refresh_stamp() -> str:
    """Changes when a Yahoo refresh wrote new files, so cached prices are re-read."""
    from analysis.market import default_cache_dir

    stamp = default_cache_dir() / "refresh.json"
    return stamp.read_text(encoding="utf-8") if stamp.is_file() else "snapshot"


@st.cache_data(show_spinner="Running the event study…")
def study(events_frame: pd.DataFrame, benchmark: str | None, refresh: str):
    from analysis.eventstudy import study as run_study

    day = events_frame.loc[events_frame["precision"] == "day"]
    tickers = [l.ticker for l in LISTINGS.values() if not l.is_benchmark]
    return run_study(day, benchmark=benchmark, listings=tickers)


def study_for(filters: Filters):
    return study(events(), filters.benchmark_ticker, refresh_stamp())


def view_events(filters: Filters) -> pd.DataFrame:
    return events_in_view(events(), filters)


def subset_study(result, *, tickers, event_ids):
    """The study restricted to the listings and events in view (same pairs for caar())."""
    from analysis.eventstudy import StudyResult

    tickers, event_ids = set(tickers), set(event_ids)

    def keep(frame):
        if frame is None or frame.empty:
            return frame
        return frame.loc[frame["ticker"].isin(tickers) & frame["event_id"].isin(event_ids)]

    pairs = {k: v for k, v in result.pairs.items() if k[0] in event_ids and k[1] in tickers}
    return StudyResult(keep(result.car), keep(result.paths), keep(result.skipped), result.params, pairs)


@st.cache_resource(show_spinner=False, max_entries=64)
def market_chart(tickers: tuple, benchmarks: tuple, start, end, scale: str, signals: tuple,
                 selected_event: str | None, events_frame: pd.DataFrame, refresh: str):
    """The landing figure for one view, and the tickers whose prices could not be read.

    Cached, so going back to a view (or toggling a filter back and forth) costs a lookup. A
    resource cache, not a data cache: a cached go.Figure would be unpickled (and re-validated by
    plotly) on every rerun, about 100 ms; the figure is never changed after it is built, and it
    depends only on the arguments (the session's own events included), so sharing it is safe.
    """
    from analysis import charts

    shown, missing = {}, []
    for t in (*tickers, *benchmarks):
        try:
            shown[t] = prices(t, refresh)
        except Exception as exc:  # a missing or broken file: name it, draw the rest
            missing.append(f"{t} ({exc})")
    lines = charts.price_lines(shown, start, end, scale)
    return charts.market_figure(
        lines, events_frame, labels={t: charts.legend_label(LISTINGS[t]) for t in shown},
        company_of={t: LISTINGS[t].company for t in shown}, currency_of={t: LISTINGS[t].currency for t in shown},
        benchmarks=benchmarks, scale=scale, start=start, end=end, selected_event=selected_event,
        signals=signals), missing

"""The sidebar every page shares: the filters of the view.

Widgets are seeded from the session's `Filters` (a link just opened overrides
them), and what they say becomes the new `Filters`, written to the URL.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from analysis.filters import (EARLIEST, SIGNALS, VENUES, WINDOWS, Filters, benchmark_choices,
                              window_label)
from analysis.listings import COMPANIES, LISTINGS
from ui import state
from ui.text import md_escape

VENUE_LABELS = {"both": "Both", "US": "US", "HK": "Hong Kong"}
SIGNAL_LABELS = {"crackdown": ":red[●] Crackdown", "easing": ":green[●] Easing", "neutral": ":gray[●] Neutral"}
LATEST = dt.date(2030, 12, 31)


def _bench_label(choice: str) -> str:
    if choice == "own":
        return "Own: SPY (US), Hang Seng (HK)"
    listing = LISTINGS.get(choice)
    return f"{choice} · {listing.name}" if listing else choice


def _seed(filters: Filters, force: bool) -> None:
    values = {
        "f_companies": list(filters.companies),
        "f_venue": filters.venue,
        "f_start": filters.start,
        "f_end": filters.end,
        "f_signals": list(filters.signals),
        "f_conf": float(filters.min_confidence),
        "f_window": filters.window,
        "f_bench": filters.benchmark,
        "f_scale": filters.scale,   # drawn on the landing page, not in the sidebar
    }
    for key, value in values.items():
        if force or key not in st.session_state:
            st.session_state[key] = value


def render() -> Filters:
    """Draw the filters in the sidebar and return the view they describe."""
    filters, from_url = state.resolve()
    _seed(filters, force=from_url)
    sb = st.sidebar
    sb.markdown("### Filters")
    companies = sb.pills("Companies", COMPANIES, selection_mode="multi", key="f_companies")
    venue = sb.segmented_control("Venue", VENUES, format_func=VENUE_LABELS.get, key="f_venue",
                                 required=True, help="Where the shares trade: New York (USD) or Hong Kong (HKD).")
    start = sb.date_input("From", key="f_start", min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD")
    end = sb.date_input("To", key="f_end", min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD")
    signals = sb.pills("Signals", SIGNALS, selection_mode="multi", format_func=SIGNAL_LABELS.get,
                       key="f_signals")
    conf = sb.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="f_conf",
                     help="How sure the extractor is that the sentence reports a dated regulatory event.")
    window = sb.selectbox("Event window (trading days)", WINDOWS, format_func=window_label, key="f_window",
                          help="Days around the event over which abnormal returns are summed (day 0 = first "
                               "trading session on or after the event).")
    bench = sb.selectbox("Benchmark", benchmark_choices(), format_func=_bench_label, key="f_bench")

    if start and end and start > end:
        sb.error("“From” is after “To”: keeping the previous dates.")
        start, end = filters.start, filters.end
    new = filters.with_(
        companies=tuple(c for c in COMPANIES if c in (companies or [])),
        venue=venue or filters.venue,
        start=start or filters.start,
        end=end or filters.end,
        signals=tuple(s for s in SIGNALS if s in (signals or [])),
        min_confidence=round(float(conf), 2),
        window=tuple(window) if window else filters.window,
        benchmark=bench or filters.benchmark,
    )
    state.publish(new)
    return new


def show_link_notes() -> None:
    """One visible note about the parts of the opened link that were dropped."""
    notes = state.notes()
    if notes:
        st.warning("Some of this link could not be used and was left out; the rest of the view is as "
                   "linked.\n\n" + "\n".join(f"- {md_escape(n)}" for n in notes), icon=":material/warning:")


def show_share_link(page) -> None:
    """The link to this exact view, with a copy button, at the foot of the sidebar."""
    from urllib.parse import urlencode, urlsplit

    base = st.context.url
    if not base:
        return  # no browser (tests run the script bare)
    parts = urlsplit(base)
    prefix = "/".join(p for p in (st.get_option("server.baseUrlPath") or "").split("/") if p)
    path = "/".join(p for p in (prefix, page.url_path) if p)
    link = f"{parts.scheme}://{parts.netloc}/{path}?{urlencode(state.link_params(), safe=',^')}"
    st.sidebar.markdown("**Link to this view**")
    st.sidebar.code(link, language=None, wrap_lines=True)

"""The view state, kept in one place and mirrored in the URL.

`st.session_state["filters"]` holds the current `Filters`; every run writes it
back to `st.query_params`, so the address bar always reopens the view. The URL
is read when it differs from what this session last wrote: a link just opened,
or the browser's back/forward. A page switch clears the query string; the
session's filters then put it back.
"""
from __future__ import annotations

import streamlit as st

from analysis.filters import Filters, from_query_params, to_query_params

_FILTERS = "filters"
_WRITTEN = "_qp_written"
_NOTES = "_qp_notes"


def _url_params() -> dict[str, str]:
    return {key: st.query_params.get_all(key)[-1] if st.query_params.get_all(key) else ""
            for key in st.query_params.keys()}


def resolve() -> tuple[Filters, bool]:
    """The filters for this run, and whether they were just read from the URL."""
    params = _url_params()
    written = st.session_state.get(_WRITTEN)
    if params and params != written:
        filters, notes = from_query_params(params)
        st.session_state[_FILTERS] = filters
        st.session_state[_NOTES] = (notes, filters)
        return filters, True
    if _FILTERS not in st.session_state:
        st.session_state[_FILTERS] = Filters()
        return st.session_state[_FILTERS], True
    return st.session_state[_FILTERS], False


def current() -> Filters:
    return st.session_state.get(_FILTERS) or resolve()[0]


def notes() -> list[str]:
    """Notes about the link that opened this view, while the view is still that link's."""
    notes, parsed = st.session_state.get(_NOTES, ([], None))
    return notes if parsed == st.session_state.get(_FILTERS) else []


def publish(filters: Filters) -> None:
    """Make `filters` the view and write them to the address bar."""
    st.session_state[_FILTERS] = filters
    params = to_query_params(filters)
    if _url_params() != params:
        st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = params


def update(**changes) -> Filters:
    """Change part of the view (e.g. the selected event) from a page or a callback."""
    filters = current().with_(**changes)
    publish(filters)
    return filters


def link_params() -> dict[str, str]:
    """Query params to pass along with st.page_link so the next page opens this view."""
    return to_query_params(current())


# --------------------------------------------------------------------------- selections
def on_chart_select(key: str) -> None:
    """Callback of the landing chart: a clicked marker becomes the selected event."""
    points = st.session_state[key].selection.points if key in st.session_state else []
    for point in points:
        ids = str(point.get("customdata") or "").split(";")
        if ids and ids[0]:
            update(event=ids[0])
            return


def on_table_select(key: str, ids_key: str, field: str = "event") -> None:
    """Callback of a table with single-row selection: its row's id becomes the selection."""
    rows = st.session_state[key].selection.rows if key in st.session_state else []
    ids = st.session_state.get(ids_key, [])
    if rows and rows[0] < len(ids):
        update(**{field: ids[rows[0]]})


def clear_selection(field: str = "event") -> None:
    update(**{field: None})
    st.session_state["_selection_nonce"] = st.session_state.get("_selection_nonce", 0) + 1


def selection_nonce() -> int:
    """Part of the chart/table keys, so closing a selection also clears its highlight."""
    return st.session_state.get("_selection_nonce", 0)

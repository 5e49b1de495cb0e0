"""Market reactions (landing): prices with the events on top, and an event's detail."""

from functools import partial

import streamlit as st

from analysis.filters import benchmarks_in_view, listings_in_view, window_label
from ui import data, detail, state, tables
from ui.frame import ensure_frame

ensure_frame()  # before anything is drawn: see ui/frame.py

f = state.current()
st.title("Market reactions")
st.caption("How China's big tech stocks moved when Beijing cracked down and when it eased off: share prices "
           "of Alibaba, Tencent, PDD, JD and Meituan with the regulatory events found in news articles. "
           "Click a marker (or a row of the table below) to see the evidence and the abnormal return around "
           "it. The address bar always holds this exact view: copy it to share.")

listings = listings_in_view(f)
if not listings:
    st.info("No listing matches the sidebar: pick at least one company, and a venue where it trades "
            "(Tencent and Meituan trade only in Hong Kong, PDD only in New York).")
    st.stop()

scale = st.segmented_control("Scale", ["rebased", "price"], key="f_scale", required=True,
                             format_func={"rebased": "Rebased to 100", "price": "Price in its currency"}.get,
                             label_visibility="collapsed") or f.scale
if scale != f.scale:
    f = state.update(scale=scale)

events = data.view_events(f)
benchmarks = benchmarks_in_view(f, listings) if f.scale == "rebased" else []
fig, missing = data.market_chart(tuple(l.ticker for l in listings), tuple(benchmarks), f.start, f.end,
                                 f.scale, f.signals, f.event, events, data.refresh_stamp())
if missing:
    st.warning("No prices for " + "; ".join(missing))
chart_key = f"market_chart_{state.selection_nonce()}"
st.plotly_chart(fig, key=chart_key, on_select=partial(state.on_chart_select, chart_key),
                selection_mode="points", config={"displaylogo": False, "scrollZoom": False})
if f.scale == "price":
    st.caption("Raw prices are as traded, each in its own currency (USD in New York, HKD in Hong Kong); "
               "benchmarks are drawn on the rebased scale only.")
else:
    st.caption(f"Rebased: adjusted close ÷ its first value in the range × 100 (dividends included). Dashed: "
               f"{', '.join(benchmarks)}. ● event naming the company · ▼ sector-wide event (dotted line) · "
               "shaded: event dated only to a month or year · a number = several events that day.")

if f.event:
    detail.show_event(f)

st.subheader(f"Events in view ({len(events)})")
if events.empty:
    st.info("No events match the sidebar filters. Widen the dates, lower the minimum confidence or "
            "add signals.")
else:
    table = tables.events_table(events)
    st.session_state["_event_table_ids"] = table["event_id"].tolist()
    table_key = f"event_table_{state.selection_nonce()}"
    st.dataframe(
        table.drop(columns=["event_id"]), key=table_key,
        on_select=partial(state.on_table_select, table_key, "_event_table_ids"),
        selection_mode="single-row", hide_index=True, width="stretch",
        column_config={
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "signal": "Signal", "companies": "Companies", "precision": "Dated to",
            "confidence": st.column_config.ProgressColumn("Confidence", min_value=0.0, max_value=1.0, format="%.2f"),
            "sentence": st.column_config.TextColumn("Evidence", width="large"),
            "sources": "Sources",
        },
    )
    st.caption(f"Select a row to open its detail. Event window for the study: {window_label(f.window)} "
               "trading days (sidebar).")

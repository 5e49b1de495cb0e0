"""Event study: CAR per event and listing, CAAR by signal with its tests, the average path."""

import streamlit as st

from analysis import charts
from analysis.eventstudy import caar, caar_path
from analysis.filters import listings_in_view, window_label
from ui import data, state, tables
from ui.frame import ensure_frame

ensure_frame()  # before anything is drawn: see ui/frame.py

f = state.current()
st.title("Event study")
st.caption(f"Abnormal returns of the listings in view around each day-dated event, over the window "
           f"{window_label(f.window)} trading days (day 0 = first session on or after the event), against "
           f"{f.benchmark_ticker or 'each listing’s own benchmark (SPY for US, Hang Seng for HK)'}. "
           "Change the window and benchmark in the sidebar.")

listings = listings_in_view(f)
events = data.view_events(f)
day_events = events.loc[events["precision"] == "day"] if not events.empty else events
if not listings or day_events.empty:
    st.info("Nothing to study for this selection: it needs at least one listing (company + venue) and one "
            "event dated to a day. Widen the dates, lower the minimum confidence or add signals.")
    st.stop()

result = data.study_for(f)
view = data.subset_study(result, tickers=[l.ticker for l in listings], event_ids=day_events["event_id"])
car = tables.car_table(view.car, f.window, events=events)

st.subheader("Average by signal (CAAR)")
summary = caar(view, f.window) if not car.empty else None
if summary is None or summary.empty:
    st.info("No event × listing pair has enough price data for this window.")
else:
    st.dataframe(
        tables.caar_table(summary), hide_index=True, width="stretch",
        column_config={
            "signal": "Signal", "n": st.column_config.NumberColumn("Pairs", help="event × listing pairs"),
            "caar_pct": st.column_config.NumberColumn("CAAR", format="%.2f%%"),
            "t_cs": st.column_config.NumberColumn("t (cross-section)", format="%.2f"),
            "p_cs": st.column_config.NumberColumn("p", format="%.3f"),
            "t_bmp": st.column_config.NumberColumn("t (BMP)", format="%.2f"),
            "p_bmp": st.column_config.NumberColumn("p (BMP)", format="%.3f"),
            "t_kp": st.column_config.NumberColumn("t (Kolari–Pynnönen)", format="%.2f"),
            "p_kp": st.column_config.NumberColumn("p (KP)", format="%.3f"),
        })
    st.download_button("Download CAAR (CSV)", summary.to_csv(index=False).encode(), icon=":material/download:",
                       file_name=f"caar_{tables.window_key(f.window)}.csv", mime="text/csv")

st.subheader("Average cumulative abnormal return around the events")
st.plotly_chart(charts.caar_path_figure(caar_path(view)), key="caar_path", config={"displaylogo": False})
st.caption("Mean CAR over all event × listing pairs of a signal, cumulated from day −10; the band is the 95% "
           "confidence interval of the mean (cross-sectional standard error).")

st.subheader(f"CAR per event and listing, window {window_label(f.window)}")
if car.empty:
    st.info("No CAR for this window: " + (tables.skipped_summary(view.skipped) or "no pair had enough data."))
else:
    st.dataframe(
        car[["event_date", "signal", "listing", "day0", "car_pct", "t_stat", "p_value", "model", "confounded",
             "confounded_by", "sentence"]],
        hide_index=True, width="stretch",
        column_config={
            "event_date": "Event date", "signal": "Signal", "listing": "Listing", "day0": "Day 0",
            "car_pct": st.column_config.NumberColumn("CAR", format="%.2f%%"),
            "t_stat": st.column_config.NumberColumn("t", format="%.2f"),
            "p_value": st.column_config.NumberColumn("p", format="%.3f"),
            "model": "Model",
            "confounded": st.column_config.CheckboxColumn("Confounded",
                                                          help="Another event falls inside the window."),
            "confounded_by": "Confounded by", "sentence": st.column_config.TextColumn("Evidence", width="large"),
        })
    st.caption(f"{int(car['confounded'].sum())} of {len(car)} rows are confounded (another event inside the "
               "window): their CAR mixes both events.")
    st.download_button("Download CAR table (CSV)", tables.car_rows(view.car, f.window).to_csv(index=False).encode(),
                       icon=":material/download:", file_name=f"car_{tables.window_key(f.window)}.csv", mime="text/csv")
    skipped = tables.skipped_summary(view.skipped)
    if skipped:
        with st.expander("Pairs not computed, and why"):
            st.markdown(skipped)

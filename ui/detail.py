"""The detail of one selected event: evidence, articles, abnormal returns around it."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import charts
from analysis.filters import Filters, listings_in_view, window_label
from analysis.joined import split_joined
from analysis.listings import LISTINGS
from ui import data, state, tables
from ui.text import md_escape

SIGNAL_BADGE = {"crackdown": ":red-badge[crackdown]", "easing": ":green-badge[easing]",
                "neutral": ":gray-badge[neutral]"}


def show_event(f: Filters) -> None:
    events = data.events()
    match = events.loc[events["event_id"] == f.event]
    box = st.container(border=True)
    if match.empty:
        box.info(f"The event in this link ({md_escape(f.event)}) is not among the events found. It may come from "
                 "an article someone added in their own browser session, which other visitors do not see.")
        box.button("Close", on_click=state.clear_selection, key="close_missing_event")
        return
    ev = match.iloc[0]
    companies = split_joined(ev["companies"])
    head, close = box.columns([6, 1])
    head.markdown(f"#### {tables.when_label(ev)} · {SIGNAL_BADGE.get(ev['signal'], md_escape(ev['signal']))} · "
                  f"{md_escape(', '.join(companies) or 'whole sector')}")
    close.button("Close ✕", on_click=state.clear_selection, key="close_event", width="stretch")
    extra = []
    if ev["precision"] != "day":
        extra.append(f"dated to the {md_escape(ev['precision'])} only: no event study")
    if bool(ev.get("mixed", False)):
        extra.append("mixed signal (e.g. a fine that closes a probe)")
    box.markdown(f"> {md_escape(ev['sentence'])}")
    box.caption(f"Signal decided by the cue “{md_escape(ev['cue'])}” · confidence {float(ev['confidence']):.2f} · "
                f"{int(ev['n_sources'])} source(s)" + ("" if not extra else " · " + " · ".join(extra)))

    same_day = events.loc[(events["date"] == ev["date"]) & (events["event_id"] != ev["event_id"])]
    if not same_day.empty:   # a marker with a count holds several events: reach the others from here
        box.markdown("**Also that day**")
        for other in same_day.itertuples():
            who = ", ".join(split_joined(other.companies)) or "whole sector"
            label = md_escape(f"{other.signal} · {who}: {charts.shorten(other.sentence, 90)}")
            box.button(label, key=f"also_{other.event_id}",
                       on_click=state.update, kwargs={"event": other.event_id}, type="tertiary")

    by_file = {a.file: a for a in data.all_articles()}
    for file in split_joined(ev["articles"]):
        article = by_file.get(file)
        if article is None:
            box.markdown(f"- {md_escape(file)}")
            continue
        cols = box.columns([5, 2])
        text = f"**{md_escape(article.title)}** — {md_escape(article.source)}, {article.published:%d %b %Y}"
        if article.url and str(article.url).startswith(("http://", "https://")):
            text += f" · [original]({article.url.replace(')', '%29').replace(' ', '%20')})"
        cols[0].markdown(text)
        with cols[1]:
            st.page_link("pages/articles.py", label="Read it here", icon=":material/article:",
                         query_params={**state.link_params(), "article": article.id})

    if ev["precision"] != "day":
        return
    shown = [l.ticker for l in listings_in_view(f)]
    result = data.study_for(f)
    named = [t for t in shown if not companies or LISTINGS[t].company in companies]
    paths = result.paths.loc[(result.paths["event_id"] == f.event) & result.paths["ticker"].isin(named)]
    left, right = box.columns([3, 2])
    with left:
        st.markdown("**Abnormal return path, trading days −10 … +10**")
        st.plotly_chart(charts.ar_path_figure(paths, labels={t: charts.legend_label(LISTINGS[t]) for t in named},
                                              window=f.window),
                        key="ar_path", config={"displaylogo": False})
    with right:
        st.markdown(f"**CAR over {window_label(f.window)}** (market model vs "
                    f"{md_escape(f.benchmark_ticker or 'each listing’s own benchmark')})")
        car = tables.car_table(result.car, f.window, tickers=named, event_ids=[f.event], events=events)
        if car.empty:
            st.info("No abnormal returns for this event and these listings. "
                    + _skipped_text(result.skipped, f.event, named))
        else:
            st.dataframe(
                car[["listing", "car_pct", "t_stat", "p_value", "confounded"]],
                hide_index=True, width="stretch",
                column_config={
                    "listing": "Listing",
                    "car_pct": st.column_config.NumberColumn("CAR", format="%.2f%%"),
                    "t_stat": st.column_config.NumberColumn("t", format="%.2f"),
                    "p_value": st.column_config.NumberColumn("p", format="%.3f"),
                    "confounded": st.column_config.CheckboxColumn(
                        "Confounded", help="Another event falls in the same window: the CAR mixes both."),
                })
            words = st.container() if len(car) <= 3 else st.expander("The same, in words")
            for row in car.itertuples():
                words.caption(_sentence(row, f.window))
            note = _skipped_text(result.skipped, f.event, named)
            if note:
                st.caption(note)


def _sentence(row, window) -> str:
    direction = "fell" if row.car_pct < 0 else "rose"
    sig = "significant at 5%" if row.p_value < 0.05 else "not significant at 5%"
    conf = f"; confounded by {row.confounded_by.replace(';', ', ')}" if row.confounded else ""
    model = "market model" if row.model == "market" else f"{row.model} model"
    return (f"**{row.ticker}** {direction} {abs(row.car_pct):.1f}% beyond what its benchmark implied over "
            f"{window_label(window)} around day 0 = {row.day0} (t = {row.t_stat:.2f}, p = {row.p_value:.3f}, "
            f"{sig}; {model}{conf}).")


def _skipped_text(skipped: pd.DataFrame, event_id: str, tickers) -> str:
    if skipped is None or skipped.empty:
        return ""
    rows = skipped.loc[(skipped["event_id"] == event_id) & skipped["ticker"].isin(tickers)]
    reasons = sorted(set(rows["reason"].astype(str)))
    return ("Not computed: " + "; ".join(md_escape(r) for r in reasons[:4])) if reasons else ""

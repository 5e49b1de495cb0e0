"""Data & method: what the numbers are made of, and how the study reads them."""

import streamlit as st

from analysis.market import refresh_from_yahoo, snapshot_faults, snapshot_manifest
from ui import data
from ui.text import md_escape
from ui.frame import ensure_frame

ensure_frame()  # before anything is drawn: see ui/frame.py

st.title("Data & method")

st.subheader("Market data")
manifest = snapshot_manifest()
st.caption(f"{len(manifest)} daily series bundled with the app (seeds/market/), so it works with no network. "
           "Prices are daily bars from Yahoo Finance, taken from public copies and cross-checked; "
           "returns use the adjusted close, the price chart labels use the as-traded close.")
st.dataframe(
    manifest[["ticker", "name", "exchange", "currency", "first", "last", "rows", "placeholder_rows"]],
    hide_index=True, width="stretch", height=38 + 35 * len(manifest),
    column_config={
        "ticker": st.column_config.TextColumn("Ticker", width="small"),
        "name": "Name", "exchange": "Exchange", "currency": "Currency",
        "first": "First day", "last": "Last day", "rows": "Trading days",
        "placeholder_rows": st.column_config.NumberColumn("Placeholder rows",
                                                          help="Zero-volume half days; their returns are left out."),
    },
)
st.markdown("**Source and vintage of each series**")
st.table(manifest[["ticker", "source", "vintage", "corrections"]]
         .rename(columns=str.capitalize).set_index("Ticker"))
with st.expander("Known faults of the source data and what was done about each"):
    for fault in snapshot_faults():
        st.markdown(f"- **{md_escape(fault['fault'])}** — {md_escape(fault['action'])}: {md_escape(fault['detail'])}")

stamp = data.refresh_stamp()
if stamp != "snapshot":
    st.info("Some series come from a Yahoo Finance refresh on this server (they override the snapshot): "
            + md_escape(" ".join(stamp.split())))

st.markdown("**Refresh from Yahoo Finance.** Downloads fresh daily bars into a local cache next to the app; "
            "the bundled snapshot is never changed. Needs internet access from the server.")
if st.button("Refresh from Yahoo Finance", icon=":material/refresh:"):
    with st.spinner("Asking Yahoo Finance…"):
        result = refresh_from_yahoo()
    if result.ok:
        st.success(md_escape(result.message))
        data.prices.clear()
        data.study.clear()
    elif result.updated:
        st.warning(md_escape(result.message))
        data.prices.clear()
        data.study.clear()
    else:
        st.error(md_escape(result.message))

st.subheader("Method, in plain words")
st.markdown("""
1. **Articles → events.** Each news article is split into sentences. A sentence becomes an *event* when it names
   a date (resolved against the article's publication date: “on Wednesday” in a story published on a Wednesday
   is that day), and a regulatory signal: **crackdown** (fines, probes, new rules, halted listings),
   **easing** (probes ended, approvals, officials backing the platform economy) or **neutral**. Phrases such as
   “the crackdown is over” count as easing. The companies it names (Alibaba, Tencent, PDD, JD, Meituan, with
   their aliases) are attached; a sentence that names none concerns the whole sector. The same event reported by
   several articles is merged into one, keeping every source.
2. **Dates.** Only events dated to a day are studied. An event on a weekend or holiday starts at the next trading
   session of each listing. Events known only to the month or year are shown as shaded spans on the chart.
3. **Normal returns.** For each event and listing, a market model is fitted on trading days −250 … −11 before
   the event: the stock's daily return against its benchmark's (SPY for New York listings, the Hang Seng index for
   Hong Kong ones, unless you pick another). With fewer than 100 usable days the study falls back to the
   market-adjusted model (stock minus benchmark) and says so.
4. **Abnormal returns.** The abnormal return of a day is what the stock did beyond what the model expected from
   the market that day. Summed over the event window (e.g. −1 … +1 trading days) it is the **CAR**, with a
   t-statistic from the estimation-window residual variance.
5. **Across events.** For each signal the average CAR (**CAAR**) is tested with a cross-sectional t-test, the
   Boehmer–Musumeci–Poulsen test and the Kolari–Pynnönen adjustment for events that share dates.
6. **Caveats.** A window that holds two events is marked *confounded*: its CAR mixes both. The corpus is small, so
   the averages rest on few events; read them as evidence, not proof.
""")

"""The floor bench_app.py compares the dashboard against: a bare Streamlit page, one Plotly chart.

The five companies' real daily prices from the bundled snapshot (one listing each, rebased
to 100) over the dashboard's default date range, and one sidebar pills widget that picks them (the dashboard's company filter is the same widget), so a
"filter change" here is the same browser action as on the dashboard. Run it with `streamlit run benchmarks/baseline_app.py`.
"""
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from analysis.market import load_prices  # noqa: E402

TICKERS = {"Alibaba": "BABA", "Tencent": "0700.HK", "PDD": "PDD", "JD": "JD", "Meituan": "3690.HK"}
NAMES = tuple(TICKERS)


@st.cache_data
def prices() -> pd.DataFrame:
    closes = {name: load_prices(ticker)["Adj Close"] for name, ticker in TICKERS.items()}
    frame = pd.DataFrame(closes).loc["2020-07-01":"2023-12-29"]
    return 100 * frame / frame.bfill().iloc[0]


st.set_page_config(page_title="Baseline", layout="wide")
chosen = st.sidebar.pills("Companies", NAMES, selection_mode="multi", default=NAMES) or []
frame = prices()
figure = go.Figure([go.Scatter(x=frame.index, y=frame[name], name=name, mode="lines", connectgaps=True) for name in chosen])
st.plotly_chart(figure, width="stretch")

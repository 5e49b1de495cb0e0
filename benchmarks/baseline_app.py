"""The floor bench_app.py compares the dashboard against: a bare Streamlit page, one Plotly chart.

Five synthetic daily price lines over the dashboard's default date range and one sidebar
pills widget that picks them (the dashboard's company filter is the same widget), so a
"filter change" here is the same browser action as on the dashboard. Run it with `streamlit run benchmarks/baseline_app.py`.
"""
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

NAMES = ("Alibaba", "Tencent", "PDD", "JD", "Meituan")


@st.cache_data
def prices() -> pd.DataFrame:
    dates = pd.bdate_range("2020-07-01", "2023-12-29")
    steps = np.random.default_rng(0).normal(0, 0.02, size=(len(dates), len(NAMES)))
    return pd.DataFrame(100 * np.exp(np.cumsum(steps, axis=0)), index=dates, columns=NAMES)


st.set_page_config(page_title="Baseline", layout="wide")
chosen = st.sidebar.pills("Companies", NAMES, selection_mode="multi", default=NAMES) or []
frame = prices()
figure = go.Figure([go.Scatter(x=frame.index, y=frame[name], name=name, mode="lines") for name in chosen])
st.plotly_chart(figure, width="stretch")

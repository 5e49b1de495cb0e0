"""Fixtures for the event-study tests: the real raw Yahoo bars in shared/market-data/raw and small
hand-written events tables in tests/fixtures/. Independent of analysis.market on purpose, so the
numbers in the tests are computed from the raw files by a second route."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RAW_DIR = Path("/work/shared/market-data/raw")


def raw_prices(ticker: str) -> pd.DataFrame:
    df = pd.read_csv(RAW_DIR / f"{ticker}.csv", parse_dates=["Date"], index_col="Date")
    return df.astype(float)


def raw_returns(ticker: str, *, drop_placeholders: bool = True) -> pd.Series:
    """Simple returns of Adj Close; a return touching a zero-volume O=H=L=C row is NaN."""
    px = raw_prices(ticker)
    r = px["Adj Close"].pct_change()
    if drop_placeholders:
        ph = (px["Volume"] == 0) & (px["Open"] == px["Close"]) & (px["High"] == px["Close"]) \
            & (px["Low"] == px["Close"])
        r[ph | ph.shift(1, fill_value=False)] = np.nan
    return r.iloc[1:]

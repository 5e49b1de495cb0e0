"""Fixtures for the event-study tests: the bundled snapshot read straight from seeds/market/*.csv
with plain pandas (not through analysis.market, so the expected numbers come by a second route),
and small hand-written events tables in tests/fixtures/."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SNAPSHOT = ROOT / "seeds" / "market"


def snapshot_prices(ticker: str) -> pd.DataFrame:
    df = pd.read_csv(SNAPSHOT / f"{ticker}.csv", parse_dates=["Date"], index_col="Date",
                     keep_default_na=False)
    df["placeholder"] = df["placeholder"].astype(str) == "True"
    return df


def snapshot_returns(ticker: str, *, drop_placeholders: bool = True) -> pd.Series:
    """Simple returns of Adj Close by date; a return touching a placeholder row is NaN."""
    px = snapshot_prices(ticker)
    r = px["Adj Close"].astype(float).pct_change()
    if drop_placeholders:
        ph = px["placeholder"]
        r[ph | ph.shift(1, fill_value=False)] = np.nan
    return r.iloc[1:]

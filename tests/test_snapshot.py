"""The committed snapshot is exactly what the build script makes from the raw files."""
from pathlib import Path

import pytest

from analysis.listings import LISTINGS
from analysis.market import SNAPSHOT_DIR
from analysis.snapshot import DEFAULT_RAW_DIR, build_snapshot

needs_raw = pytest.mark.skipif(not DEFAULT_RAW_DIR.is_dir(), reason=f"raw market data not at {DEFAULT_RAW_DIR}")


@needs_raw
def test_rebuild_reproduces_the_committed_snapshot(tmp_path):
    build_snapshot(DEFAULT_RAW_DIR, tmp_path)
    for ticker in LISTINGS:
        name = f"{ticker}.csv"
        assert (tmp_path / name).read_bytes() == (SNAPSHOT_DIR / name).read_bytes(), name
    assert (tmp_path / "manifest.json").read_text() == (SNAPSHOT_DIR / "manifest.json").read_text()


@needs_raw
def test_snapshot_keeps_every_raw_value_except_the_corrected_adj_close(tmp_path):
    import pandas as pd

    for ticker in LISTINGS:
        raw = pd.read_csv(DEFAULT_RAW_DIR / f"{ticker}.csv", index_col="Date")
        snap = pd.read_csv(SNAPSHOT_DIR / f"{ticker}.csv", index_col="Date")
        assert list(snap.columns[:7]) == list(raw.columns) + ["placeholder"]
        pd.testing.assert_frame_equal(snap[["Open", "High", "Low", "Close", "Volume"]], raw[["Open", "High", "Low", "Close", "Volume"]])
        if ticker not in ("9988.HK", "9618.HK"):
            pd.testing.assert_series_equal(snap["Adj Close"], raw["Adj Close"])

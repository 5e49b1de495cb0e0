"""The explicit Yahoo refresh, with a fake at the network boundary (never live)."""
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis import PROJECT_ROOT
from analysis import market
from analysis.market import SNAPSHOT_DIR, load_prices, refresh_from_yahoo


def yahoo_frame(dates, closes, tz=None):
    """What yf.download(..., auto_adjust=False, multi_level_index=False) returns."""
    index = pd.DatetimeIndex(pd.to_datetime(dates), name="Date")
    if tz:
        index = index.tz_localize(tz)
    closes = np.asarray(closes, dtype=float)
    return pd.DataFrame(
        {"Adj Close": closes * 0.99, "Close": closes, "High": closes + 1, "Low": closes - 1, "Open": closes, "Volume": 1000},
        index=index,
    )


def test_success_writes_the_cache_and_the_cache_wins(tmp_path):
    calls = []

    def fake_download(ticker, start, end):
        calls.append((ticker, start))
        return yahoo_frame(["2025-01-02", "2025-01-03"], [100.0, 110.0], tz="America/New_York")

    result = refresh_from_yahoo(["BABA"], cache_dir=tmp_path, download=fake_download)
    assert result.ok and result.updated == ["BABA"]
    assert calls == [("BABA", "2019-01-01")]
    frame = load_prices("BABA", cache_dir=tmp_path)
    assert frame.attrs["origin"] == "cache"
    assert list(frame.index.strftime("%Y-%m-%d")) == ["2025-01-02", "2025-01-03"]
    assert frame["Close"].tolist() == [100.0, 110.0] and frame["Adj Close"].tolist() == [99.0, 108.9]
    # other tickers still come from the snapshot
    assert load_prices("JD", cache_dir=tmp_path).attrs["origin"] == "snapshot"


def test_network_failure_is_one_clear_line_and_the_snapshot_stays(tmp_path):
    before = (SNAPSHOT_DIR / "BABA.csv").read_bytes()

    def offline(ticker, start, end):
        raise ConnectionError("Failed to resolve 'query2.finance.yahoo.com'")

    result = refresh_from_yahoo(["BABA", "0700.HK"], cache_dir=tmp_path / "cache", download=offline)
    assert not result.ok and result.updated == []
    assert result.message.startswith("Could not refresh from Yahoo Finance (ConnectionError")
    assert "still using the bundled snapshot" in result.message and "\n" not in result.message
    assert not (tmp_path / "cache").exists()
    assert (SNAPSHOT_DIR / "BABA.csv").read_bytes() == before
    assert load_prices("BABA", cache_dir=tmp_path / "cache").attrs["origin"] == "snapshot"


def test_empty_or_malformed_answers_count_as_failures(tmp_path):
    answers = {"BABA": pd.DataFrame(), "JD": pd.DataFrame({"Close": [1.0]}, index=pd.DatetimeIndex(["2025-01-02"]))}
    result = refresh_from_yahoo(["BABA", "JD"], cache_dir=tmp_path, download=lambda t, s, e: answers[t])
    assert not result.ok
    assert "no data returned" in result.failed["BABA"] and "Adj Close" in result.failed["JD"]


def test_partial_success_keeps_what_worked(tmp_path):
    def flaky(ticker, start, end):
        if ticker == "JD":
            raise TimeoutError("read timed out")
        return yahoo_frame(["2025-01-02"], [50.0])

    result = refresh_from_yahoo(["BABA", "JD"], cache_dir=tmp_path, download=flaky)
    assert result.updated == ["BABA"] and list(result.failed) == ["JD"]
    assert "Failed: JD" in result.message
    assert load_prices("JD", cache_dir=tmp_path).attrs["origin"] == "snapshot"


def test_a_corrupt_cache_file_falls_back_to_the_snapshot_with_a_warning(tmp_path):
    (tmp_path / "PDD.csv").write_text("garbage\n1,2\n", encoding="utf-8")
    with pytest.warns(market.PriceDataWarning, match="using the snapshot"):
        frame = load_prices("PDD", cache_dir=tmp_path)
    assert frame.attrs["origin"] == "snapshot" and len(frame) == 1305


def test_default_download_asks_for_both_close_columns(monkeypatch):
    import yfinance

    seen = {}

    class FakeTicker:
        def __init__(self, ticker):
            seen["ticker"] = ticker

        def history(self, **kwargs):
            seen.update(kwargs)
            return pd.DataFrame()

    monkeypatch.setattr(yfinance, "Ticker", FakeTicker)
    market._yfinance_download("BABA", "2019-01-01", "2019-02-01")
    assert seen["auto_adjust"] is False and seen["raise_errors"] is True and seen["ticker"] == "BABA"


def test_cli_refresh_offline_says_so_and_exits_1(tmp_path):
    """The real CLI on this machine, where Yahoo cannot be reached, with a stand-in that refuses sockets."""
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network unreachable (test)')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from analysis.__main__ import main\n"
        f"sys.exit(main(['prices', 'refresh', '--tickers', 'BABA', '--cache-dir', {str(tmp_path / 'c')!r}]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.startswith("Could not refresh")]
    assert len(lines) == 1 and "bundled snapshot" in lines[0]
    assert not (tmp_path / "c").exists()


def test_cli_unknown_ticker_is_a_usage_error():
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "prices", "refresh", "--tickers", "NOPE"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2 and "unknown ticker 'NOPE'" in proc.stderr

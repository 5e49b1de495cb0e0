"""The bundled snapshot, returns, and what bad price files do."""
import json
import warnings

import pandas as pd
import pytest

from analysis.listings import LISTINGS, UnknownTickerError
from analysis.market import (
    SNAPSHOT_DIR,
    PriceDataError,
    PriceDataWarning,
    daily_returns,
    load_prices,
    read_price_csv,
    snapshot_faults,
    snapshot_manifest,
    trading_calendar,
)

# Row counts and first/last dates as stated in shared/market-data/PROVENANCE.md.
EXPECTED = {
    "BABA": (1305, "2019-01-02", "2024-03-08"),
    "JD": (1305, "2019-01-02", "2024-03-08"),
    "PDD": (1305, "2019-01-02", "2024-03-08"),
    "SPY": (1510, "2019-01-02", "2024-12-31"),
    "QQQ": (1510, "2019-01-02", "2024-12-31"),
    "KWEB": (1510, "2019-01-02", "2024-12-31"),
    "FXI": (1510, "2019-01-02", "2024-12-31"),
    "MCHI": (1510, "2019-01-02", "2024-12-31"),
    "^GSPC": (1510, "2019-01-02", "2024-12-31"),
    "^HSI": (1476, "2019-01-02", "2024-12-31"),
    "0700.HK": (1476, "2019-01-02", "2024-12-31"),
    "3690.HK": (1476, "2019-01-02", "2024-12-31"),
    "9988.HK": (1254, "2019-11-26", "2024-12-31"),
    "9618.HK": (1116, "2020-06-18", "2024-12-31"),
}


@pytest.fixture(autouse=True)
def no_refresh_cache(tmp_path, monkeypatch):
    """Tests read the bundled snapshot, never a developer's refreshed cache."""
    monkeypatch.setenv("CHINA_TECH_MARKET_CACHE", str(tmp_path / "no-cache"))


@pytest.mark.parametrize("ticker", sorted(EXPECTED))
def test_snapshot_rows_and_dates(ticker):
    rows, first, last = EXPECTED[ticker]
    prices = load_prices(ticker)
    assert len(prices) == rows
    assert prices.index[0] == pd.Timestamp(first) and prices.index[-1] == pd.Timestamp(last)
    assert prices.index.is_monotonic_increasing and prices.index.is_unique
    assert list(prices.columns[:6]) == ["Open", "High", "Low", "Close", "Adj Close", "Volume"]
    assert prices.attrs["origin"] == "snapshot"


def test_every_listing_is_in_the_snapshot():
    assert set(EXPECTED) == set(LISTINGS)


def test_us_calendars_match_spy_and_hk_calendars_match_hsi():
    spy, hsi = trading_calendar("SPY"), trading_calendar("^HSI")
    for ticker in ("BABA", "JD", "PDD"):
        cal = trading_calendar(ticker)
        assert cal.equals(spy[spy <= cal[-1]])
    for ticker in ("0700.HK", "3690.HK", "9988.HK", "9618.HK"):
        cal = trading_calendar(ticker)
        assert cal.equals(hsi[hsi >= cal[0]])


def test_baba_return_on_the_samr_probe_day():
    returns = daily_returns(load_prices("BABA"))
    assert returns.loc["2020-12-24"] == pytest.approx(-0.133, abs=0.0005)
    assert returns.index[0] == pd.Timestamp("2019-01-03")  # no return on the first day


def test_returns_are_from_adj_close_not_close():
    prices = load_prices("JD")
    returns = daily_returns(prices)
    # special dividend ex 2022-05-19: the Close return includes the drop, Adj Close does not
    close_return = prices["Close"].pct_change().loc["2022-05-19"]
    adj_return = prices["Adj Close"].pct_change().loc["2022-05-19"]
    assert returns.loc["2022-05-19"] == pytest.approx(adj_return)
    assert abs(close_return - adj_return) > 0.01


def test_placeholder_rows_are_flagged_and_their_returns_missing_not_zero():
    prices = load_prices("9988.HK")
    assert prices.loc["2020-12-24", "placeholder"]
    assert "placeholder" in prices.loc["2020-12-24", "quality"]
    returns = daily_returns(prices)
    assert pd.isna(returns.loc["2020-12-24"]) and pd.isna(returns.loc["2020-12-28"])
    assert returns.loc["2020-12-23"] == pytest.approx(prices["Adj Close"].pct_change().loc["2020-12-23"])
    kept = daily_returns(prices, exclude_placeholders=False)
    assert kept.loc["2020-12-24"] == pytest.approx(-0.080, abs=0.001)


def test_hk_dividends_are_corrected_to_the_hkd_amount():
    returns = daily_returns(load_prices("9618.HK"))
    # PROVENANCE.md: an independent vendor shows -3.69 % on this ex-date, Yahoo's file -5.65 %
    assert returns.loc["2022-05-19"] == pytest.approx(-0.0369, abs=0.0005)
    prices = load_prices("9618.HK")
    assert "HKD 4.9308" in prices.loc["2022-05-19", "quality"]


def test_manifest_records_each_ticker_and_the_faults():
    manifest = snapshot_manifest()
    assert set(manifest["ticker"]) == set(LISTINGS)
    row = manifest.set_index("ticker").loc["9988.HK"]
    assert row["currency"] == "HKD" and row["exchange"] == "HKEX" and row["timezone"] == "Asia/Hong_Kong"
    assert "Yahoo" in row["source"] and row["vintage"] and "2023-12-20" in row["corrections"]
    assert {f["action"] for f in snapshot_faults()} == {"flagged", "corrected"}
    assert (SNAPSHOT_DIR / "PROVENANCE.md").is_file()


def test_unknown_ticker():
    with pytest.raises(UnknownTickerError, match="TCEHY"):
        load_prices("TCEHY")


# --- bad price files -------------------------------------------------------------------

HEADER = "Date,Open,High,Low,Close,Adj Close,Volume\n"


def write(tmp_path, body, name="X.csv", header=HEADER):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def test_missing_columns_name_file_and_columns(tmp_path):
    path = write(tmp_path, "2021-01-04,1,1,1,1,1\n", header="Date,Open,High,Low,Close,Volume\n")
    with pytest.raises(PriceDataError, match=r"X\.csv: missing column\(s\) Adj Close"):
        read_price_csv(path)


def test_unparsable_dates_nan_rows_and_duplicates_are_dropped_with_a_warning(tmp_path):
    body = (
        "2021-01-04,1,2,1,2,2,10\n"
        "not-a-date,1,2,1,2,2,10\n"
        "2021-01-05,1,2,1,,2,10\n"
        "2021-01-06,1,2,1,3,3,10\n"
        "2021-01-06,1,2,1,4,4,10\n"
        "2021-01-07,1,2,1,5,5,10\n"
    )
    path = write(tmp_path, body)
    with pytest.warns(PriceDataWarning) as caught:
        frame = read_price_csv(path)
    message = str(caught[0].message)
    assert "X.csv" in message and "dropped 3 bad row(s)" in message
    assert "line 3: unparsable date 'not-a-date'" in message
    assert "line 4: missing or non-numeric Close on 2021-01-05" in message
    assert "line 6: duplicate date 2021-01-06" in message
    assert list(frame.index.strftime("%Y-%m-%d")) == ["2021-01-04", "2021-01-06", "2021-01-07"]
    assert frame.loc["2021-01-06", "Close"] == 3  # the first of the duplicates is kept


def test_unsorted_rows_are_sorted(tmp_path):
    path = write(tmp_path, "2021-01-05,1,2,1,3,3,10\n2021-01-04,1,2,1,2,2,10\n")
    frame = read_price_csv(path)
    assert frame.index.is_monotonic_increasing
    assert daily_returns(frame).iloc[0] == pytest.approx(0.5)


def test_a_file_with_no_good_row_is_an_error(tmp_path):
    path = write(tmp_path, "bad,1,2,1,3,3,10\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(PriceDataError, match="no usable rows"):
            read_price_csv(path)
    with pytest.raises(PriceDataError, match="not found"):
        read_price_csv(tmp_path / "missing.csv")


def test_empty_series_is_an_error_not_a_crash(tmp_path):
    path = write(tmp_path, "")
    with pytest.raises(PriceDataError, match="no usable rows"):
        read_price_csv(path)

"""Bad input and the CLI contract of `python -m analysis study`: every bad row or argument gets a
message naming it; the other rows are still computed; exit 0 / 1 / 2."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis import eventstudy as es
from analysis.listings import UnknownTickerError
from eventstudy_fixtures import FIXTURES, ROOT

REQUIRED = ["event_id", "ticker", "company", "event_date", "day0", "window", "car", "t_stat", "p_value",
            "model", "n_estimation", "alpha", "beta", "confounded"]


@pytest.fixture(scope="module")
def bad() -> es.StudyResult:
    return es.study(es.read_events(FIXTURES / "events_bad_rows.csv"))


def reason(result: es.StudyResult, event_id: str, ticker: str = "") -> str:
    sel = result.skipped[(result.skipped.event_id == event_id) & (result.skipped.ticker == ticker)]
    assert len(sel) >= 1, result.skipped
    return " | ".join(sel.reason)


def test_good_row_still_computed_among_bad_ones(bad):
    assert set(zip(bad.car.event_id, bad.car.ticker)) >= {("E_OK", "0700.HK"), ("E_LATE", "9988.HK")}
    assert bad.has_errors


def test_unparsable_date_names_the_row(bad):
    assert reason(bad, "E_BADDATE") == "row 2 (E_BADDATE): date '2021-13-45' is not a date"


def test_unknown_company_names_the_row_and_the_known_ones(bad):
    r = reason(bad, "E_NOCO")
    assert "row 3 (E_NOCO)" in r and "'Baidu'" in r and "Alibaba, Tencent, PDD, JD, Meituan" in r


def test_event_after_the_price_data_is_skipped_for_that_listing_only(bad):
    # the US files end 2024-03-08; the Hong Kong ones run to 2024-12-31
    r = reason(bad, "E_LATE", "BABA")
    assert "row 4 (E_LATE)" in r and "after the last price of BABA" in r and "2024-03-08" in r
    assert (bad.car[bad.car.event_id == "E_LATE"].ticker == "9988.HK").all()


def test_event_before_the_price_data(bad):
    assert "before the first price of 0700.HK (2019-01-02" in reason(bad, "E_EARLY", "0700.HK")


def test_duplicate_event_id_is_skipped(bad):
    assert "row 6 (E_OK): duplicate event_id" in reason(bad, "E_OK")
    assert set(bad.car[bad.car.event_id == "E_OK"].day0) == {"2021-07-26"}


def test_window_running_past_the_data_end_skips_only_that_window(bad):
    # PDD 2024-03-05 (Tue): day 0 to +3 reach the file's last day 2024-03-08; +5 does not
    assert set(bad.car[bad.car.event_id == "E_END"].window) == {"0,0", "-1,1", "0,3"}
    sk = bad.skipped[bad.skipped.event_id == "E_END"]
    assert set(sk.window) == {"0,5", "-5,5"}
    assert sk.reason.str.contains("runs past the last price of PDD").all()


def test_unreadable_price_file_skips_that_listing_only():
    from analysis import market

    def prices(ticker):
        if ticker == "PDD":
            raise market.PriceDataError("seeds/market/PDD.csv: price file not found")
        return market.prices_for(ticker)

    res = es.study(es.read_events(FIXTURES / "events_basic.csv"), prices=prices, windows=[(0, 0)])
    assert "PDD" not in set(res.car.ticker) and len(res.car) == 20 - 2   # PDD was in two events
    assert "no prices for PDD: seeds/market/PDD.csv: price file not found" in reason(res, "E_DIDI", "PDD")
    bench = es.study(es.read_events(FIXTURES / "events_basic.csv"), prices=prices, windows=[(0, 0)],
                     benchmark="PDD", listings=["BABA"])
    assert bench.car.empty and "no prices for benchmark PDD" in reason(bench, "E_SAMR", "BABA")


def test_own_benchmark_and_empty_cells_are_reported():
    ev = es.read_events(FIXTURES / "events_basic.csv")
    ev.loc[1, "event_id"] = float("nan")
    res = es.study(ev, benchmark="BABA", listings=["BABA", "JD"], windows=[(0, 0)])
    assert "BABA cannot be its own benchmark" in reason(res, "E_SAMR", "BABA")
    assert set(res.car.ticker) == {"JD"}
    assert reason(res, "row 2") == "row 2: empty event_id"


def test_missing_required_column_raises_naming_it():
    with pytest.raises(es.EventsError, match="lacks required column.*date"):
        es.read_events(FIXTURES / "events_missing_column.csv")
    with pytest.raises(es.EventsError, match="date"):
        es.study(pd.read_csv(FIXTURES / "events_missing_column.csv"))


@pytest.mark.parametrize("kwargs, match", [
    ({"benchmark": "^N225"}, "unknown ticker '\\^N225'"),
    ({"listings": ["BABA", "TCEHY"]}, "unknown ticker 'TCEHY'"),
    ({"listings": ["SPY"]}, "'SPY' is a benchmark"),
    ({"windows": [(3, -1)]}, "start 3 is after end -1"),
    ({"windows": ["3,-1"]}, "start 3 is after end -1"),
    ({"windows": ["a,b"]}, "not two integers"),
    ({"windows": [(-20, 0)]}, "overlaps the estimation window"),
    ({"nontrading": "nearest"}, "nontrading 'nearest'"),
])
def test_bad_arguments_raise_naming_the_argument(kwargs, match):
    ev = es.read_events(FIXTURES / "events_basic.csv")
    with pytest.raises(ValueError, match=match):
        es.study(ev, **kwargs)


def test_unknown_benchmark_is_the_listings_error_type():
    with pytest.raises(UnknownTickerError):
        es.study(es.read_events(FIXTURES / "events_basic.csv"), benchmark="NOPE")


def test_parse_window_accepts_the_cli_and_bracket_forms():
    assert es.parse_window("-1,1") == (-1, 1)
    assert es.parse_window("[0,+5]") == (0, 5)
    assert es.parse_window((-5, 5)) == (-5, 5)


# --- CLI -----------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", "study", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cli_writes_one_row_per_event_and_listing(tmp_path):
    out = tmp_path / "car.csv"
    proc = run("--events", str(FIXTURES / "events_basic.csv"), "--out", str(out), "--window", "-1,1")
    assert proc.returncode == 0, proc.stderr
    car = pd.read_csv(out, keep_default_na=False)
    assert all(c in car.columns for c in REQUIRED)
    assert len(car) == 20 and not car.duplicated(["event_id", "ticker"]).any()
    assert set(car.window) == {"-1,1"}
    assert "precision 'month'" in proc.stderr     # reported, but not an error


def test_cli_all_windows_and_options(tmp_path):
    out = tmp_path / "car.csv"
    proc = run("--events", str(FIXTURES / "events_basic.csv"), "--out", str(out), "--window", "all",
               "--benchmark", "KWEB", "--listings", "BABA,9988.HK", "--nontrading", "previous")
    assert proc.returncode == 0, proc.stderr
    car = pd.read_csv(out)
    assert set(car.ticker) == {"BABA", "9988.HK"} and set(car.benchmark) == {"KWEB"}
    assert len(car) == 5 * 2 * 5     # 5 day-precision events naming Alibaba or no one, 2 listings, 5 windows
    assert set(car[car.event_id == "E_FINE"].day0) == {"2021-04-09"}


def test_cli_exit_1_and_skipped_rows_on_stderr(tmp_path):
    out = tmp_path / "car.csv"
    proc = run("--events", str(FIXTURES / "events_bad_rows.csv"), "--out", str(out))
    assert proc.returncode == 1
    assert "row 2 (E_BADDATE): date '2021-13-45' is not a date" in proc.stderr
    assert "row 3 (E_NOCO)" in proc.stderr
    assert ("E_OK", "0700.HK") in set(zip(*pd.read_csv(out)[["event_id", "ticker"]].T.values))


@pytest.mark.parametrize("extra, match", [
    (["--window", "3,-1"], "--window: window '3,-1': start 3 is after end -1"),
    (["--benchmark", "XX"], "--benchmark: unknown ticker 'XX'"),
    (["--listings", "BABA,ZZZ"], "--listings: unknown ticker 'ZZZ'"),
    (["--nontrading", "later"], "invalid choice"),
])
def test_cli_usage_errors_exit_2(tmp_path, extra, match):
    out = tmp_path / "car.csv"
    proc = run("--events", str(FIXTURES / "events_basic.csv"), "--out", str(out), *extra)
    assert proc.returncode == 2 and match in proc.stderr
    assert not out.exists()


def test_cli_events_file_problems_exit_2(tmp_path):
    proc = run("--events", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "car.csv"))
    assert proc.returncode == 2 and "no such file" in proc.stderr
    proc = run("--events", str(FIXTURES / "events_missing_column.csv"), "--out", str(tmp_path / "car.csv"))
    assert proc.returncode == 2 and "lacks required column(s) date" in proc.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    proc = run("--events", str(empty), "--out", str(tmp_path / "car.csv"))
    assert proc.returncode == 2 and f"--events {empty}" in proc.stderr


def test_events_file_with_a_byte_order_mark(tmp_path):
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeff".encode() + (FIXTURES / "events_basic.csv").read_bytes())
    assert list(es.read_events(bom).columns[:2]) == ["event_id", "date"]


def test_main_in_process_returns_codes(tmp_path, capsys):
    assert es.main(["--events", str(FIXTURES / "events_basic.csv"), "--out", str(tmp_path / "c.csv"),
                    "--window", "-5,5", "--window", "0,0"]) == 0
    assert set(pd.read_csv(tmp_path / "c.csv").window) == {"-5,5", "0,0"}
    assert es.main(["--out", str(tmp_path / "c.csv")]) == 2
    assert "--events" in capsys.readouterr().err

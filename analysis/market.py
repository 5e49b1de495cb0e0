"""Daily prices and returns per listing, from the bundled snapshot or a refreshed cache.

The snapshot in `seeds/market/` is what the app runs on: it ships with the repo,
so the dashboard starts offline. A Yahoo Finance refresh is an explicit action
that writes to a separate cache folder; the app prefers the cache when it holds a
good file and silently keeps the snapshot otherwise. Nothing here downloads
anything unless `refresh_from_yahoo` is called.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from analysis import PROJECT_ROOT, SEEDS_DIR
from analysis.listings import LISTINGS, get_listing

SNAPSHOT_DIR = SEEDS_DIR / "market"
PRICE_COLUMNS = ("Open", "High", "Low", "Close", "Adj Close", "Volume")
REQUIRED_COLUMNS = ("Date", *PRICE_COLUMNS)


def default_cache_dir() -> Path:
    """Where a refresh writes; `CHINA_TECH_MARKET_CACHE` overrides it (tests, hosting)."""
    return Path(os.environ.get("CHINA_TECH_MARKET_CACHE", PROJECT_ROOT / ".cache" / "market"))


class PriceDataError(ValueError):
    """A price file that cannot be used at all (missing, missing columns, no good row)."""


class PriceDataWarning(UserWarning):
    """Rows of a price file that were dropped, with the file and row named."""


def csv_path(directory: Path, ticker: str) -> Path:
    return Path(directory) / f"{ticker}.csv"


def flag_placeholders(frame: pd.DataFrame) -> pd.Series:
    """Rows Yahoo fills in for half-days and missing sessions: no volume, O=H=L=C.

    Their close can differ from the official one, so a return that touches them
    is not trusted (see seeds/market/PROVENANCE.md, HK caveat 2).
    """
    flat = (frame["Open"] == frame["High"]) & (frame["High"] == frame["Low"]) & (frame["Low"] == frame["Close"])
    return (frame["Volume"] == 0) & flat


def read_price_csv(path: Path) -> pd.DataFrame:
    """Read and validate one price CSV.

    A file that is missing, lacks a required column or has no usable row raises
    PriceDataError naming it. Rows with an unparsable date, a missing price or a
    repeated date are dropped with a PriceDataWarning naming file and line; the
    rest is kept. The result is indexed by date, ascending and unique.
    """
    path = Path(path)
    if not path.is_file():
        raise PriceDataError(f"{path}: price file not found")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise PriceDataError(f"{path}: not a readable CSV ({exc})") from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise PriceDataError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(REQUIRED_COLUMNS)}")

    line = pd.Series(np.arange(len(raw)) + 2, index=raw.index)  # header is line 1
    problems: list[str] = []
    dates = pd.to_datetime(raw["Date"].str.strip(), format="%Y-%m-%d", errors="coerce")
    numbers = {c: pd.to_numeric(raw[c].str.strip().replace("", None), errors="coerce") for c in PRICE_COLUMNS}
    bad_date = dates.isna()
    for i in raw.index[bad_date]:
        problems.append(f"line {line[i]}: unparsable date {raw.at[i, 'Date']!r}")
    bad_price = pd.concat(numbers, axis=1).isna().any(axis=1) & ~bad_date
    for i in raw.index[bad_price]:
        empty = [c for c in PRICE_COLUMNS if pd.isna(numbers[c][i])]
        problems.append(f"line {line[i]}: missing or non-numeric {', '.join(empty)} on {raw.at[i, 'Date']}")
    keep = ~(bad_date | bad_price)
    duplicate = dates.duplicated(keep="first") & keep
    for i in raw.index[duplicate]:
        problems.append(f"line {line[i]}: duplicate date {raw.at[i, 'Date']} (first occurrence kept)")
    keep &= ~duplicate

    frame = pd.DataFrame({c: numbers[c][keep].astype(float) for c in PRICE_COLUMNS})
    frame.index = pd.DatetimeIndex(dates[keep], name="Date")
    if "placeholder" in raw.columns:
        frame["placeholder"] = raw.loc[keep, "placeholder"].str.strip().str.lower().isin({"true", "1"}).to_numpy()
    else:
        frame["placeholder"] = flag_placeholders(frame)
    frame["quality"] = raw.loc[keep, "quality"].to_numpy() if "quality" in raw.columns else ""
    frame = frame.sort_index()
    if frame.empty:
        raise PriceDataError(f"{path}: no usable rows" + (f" ({problems[0]}, ...)" if problems else ""))
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        warnings.warn(f"{path.name}: dropped {len(problems)} bad row(s): {shown}", PriceDataWarning, stacklevel=2)
    frame.attrs["problems"] = problems
    frame.attrs["path"] = str(path)
    return frame


def load_prices(ticker: str, *, snapshot_dir: Path | None = None, cache_dir: Path | None = None) -> pd.DataFrame:
    """A listing's daily bars: the refreshed cache when it has a good file, else the snapshot."""
    get_listing(ticker)  # unknown ticker: a clear error before touching files
    cached = csv_path(cache_dir or default_cache_dir(), ticker)
    if cached.is_file():
        try:
            frame = read_price_csv(cached)
            frame.attrs["origin"] = "cache"
            return frame
        except PriceDataError as exc:
            warnings.warn(f"ignoring refreshed prices, using the snapshot: {exc}", PriceDataWarning, stacklevel=2)
    frame = read_price_csv(csv_path(snapshot_dir or SNAPSHOT_DIR, ticker))
    frame.attrs["origin"] = "snapshot"
    return frame


def daily_returns(prices: pd.DataFrame, *, exclude_placeholders: bool = True) -> pd.Series:
    """Simple daily returns of Adj Close, one per trading date after the first.

    With `exclude_placeholders`, a return that starts or ends on a placeholder row
    is NaN: missing, never zero, so windows can count what they lack.
    """
    adj = prices["Adj Close"].astype(float)
    if exclude_placeholders and "placeholder" in prices:
        adj = adj.mask(prices["placeholder"].astype(bool))
    returns = adj / adj.shift(1) - 1.0
    returns.name = "return"
    return returns.iloc[1:]


def trading_calendar(ticker: str) -> pd.DatetimeIndex:
    """The sessions of a listing: the dates of its own price series."""
    return _cached_prices(ticker).index


@functools.lru_cache(maxsize=None)
def _cached_prices(ticker: str) -> pd.DataFrame:
    return load_prices(ticker)


@functools.lru_cache(maxsize=None)
def returns_for(ticker: str) -> pd.Series:
    """Cached daily returns of a listing (placeholders excluded)."""
    return daily_returns(_cached_prices(ticker))


def prices_for(ticker: str) -> pd.DataFrame:
    """Cached bars of a listing, as `load_prices` with default folders."""
    return _cached_prices(ticker)


def clear_caches() -> None:
    """Forget loaded series, e.g. after a refresh."""
    _cached_prices.cache_clear()
    returns_for.cache_clear()


def snapshot_manifest(snapshot_dir: Path | None = None) -> pd.DataFrame:
    """One row per bundled ticker: where it came from, its vintage and what was corrected."""
    manifest = json.loads((Path(snapshot_dir or SNAPSHOT_DIR) / "manifest.json").read_text(encoding="utf-8"))
    return pd.DataFrame(manifest["tickers"])


def snapshot_faults(snapshot_dir: Path | None = None) -> list[dict[str, str]]:
    """The known faults of the source data and what the snapshot did about each."""
    manifest = json.loads((Path(snapshot_dir or SNAPSHOT_DIR) / "manifest.json").read_text(encoding="utf-8"))
    return manifest["faults"]


# --- explicit refresh from Yahoo Finance -------------------------------------------------

Downloader = Callable[..., pd.DataFrame]


@dataclass
class RefreshResult:
    ok: bool
    message: str
    updated: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def _yfinance_download(ticker: str, start: str, end: str) -> pd.DataFrame:
    """The one place that talks to Yahoo; tests replace it.

    `auto_adjust=False` so both Close and Adj Close come back (yfinance's default
    changed to True); `raise_errors=True` so a failure carries its reason instead
    of an empty frame, and yfinance's own logging is kept off the user's screen.
    """
    import logging

    import yfinance as yf

    logger = logging.getLogger("yfinance")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        return yf.Ticker(ticker).history(
            start=start, end=end, interval="1d", auto_adjust=False, actions=False, timeout=10, raise_errors=True
        )
    finally:
        logger.setLevel(level)


def _bars_from_download(data: pd.DataFrame | None, ticker: str) -> pd.DataFrame:
    """yfinance's frame → our columns, or a ValueError saying what is wrong with it."""
    if data is None or len(data) == 0:
        raise ValueError("no data returned")
    if isinstance(data.columns, pd.MultiIndex):
        data = data.xs(ticker, axis=1, level=-1) if ticker in data.columns.get_level_values(-1) else data.droplevel(-1, axis=1)
    missing = [c for c in PRICE_COLUMNS if c not in data.columns]
    if missing:
        raise ValueError(f"response lacks column(s) {', '.join(missing)}")
    index = pd.DatetimeIndex(data.index)
    if index.tz is not None:
        index = index.tz_localize(None)
    bars = data.loc[:, list(PRICE_COLUMNS)].astype(float)
    bars.index = index.normalize()
    bars = bars.dropna(subset=["Close", "Adj Close"])
    bars = bars[~bars.index.duplicated(keep="last")].sort_index()
    if bars.empty:
        raise ValueError("no complete rows returned")
    bars.index.name = "Date"
    bars["placeholder"] = flag_placeholders(bars)
    bars["quality"] = ""
    return bars


def refresh_from_yahoo(
    tickers: list[str] | None = None,
    *,
    cache_dir: Path | None = None,
    download: Downloader | None = None,
    start: str = "2019-01-01",
    end: str | None = None,
) -> RefreshResult:
    """Fetch fresh daily bars from Yahoo Finance into the cache; never touch the snapshot.

    Any failure (no network, Yahoo refusing, a malformed answer) leaves the cache
    and the snapshot as they were and comes back as one plain sentence.
    """
    tickers = list(tickers or LISTINGS)
    for ticker in tickers:
        get_listing(ticker)
    fetch = download or _yfinance_download
    end = end or (dt.date.today() + dt.timedelta(days=1)).isoformat()
    cache = Path(cache_dir or default_cache_dir())
    fetched: dict[str, pd.DataFrame] = {}
    failed: dict[str, str] = {}
    for ticker in tickers:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fetched[ticker] = _bars_from_download(fetch(ticker, start, end), ticker)
        except Exception as exc:  # the network boundary: anything can come back
            failed[ticker] = f"{type(exc).__name__}: {exc}".splitlines()[0].split(" See http")[0][:200]
    if fetched:
        cache.mkdir(parents=True, exist_ok=True)
        for ticker, bars in fetched.items():
            tmp = csv_path(cache, ticker).with_suffix(".csv.tmp")
            bars.to_csv(tmp, date_format="%Y-%m-%d")
            tmp.replace(csv_path(cache, ticker))
        stamp = {"fetched_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "tickers": sorted(fetched)}
        (cache / "refresh.json").write_text(json.dumps(stamp, indent=2), encoding="utf-8")
        clear_caches()
    if not fetched:
        reason = next(iter(failed.values()), "nothing requested")
        message = f"Could not refresh from Yahoo Finance ({reason}); still using the bundled snapshot."
        return RefreshResult(ok=False, message=message, failed=failed)
    message = f"Refreshed {len(fetched)} of {len(tickers)} ticker(s) from Yahoo Finance."
    if failed:
        message += f" Failed: {', '.join(failed)}; those keep their previous data."
    return RefreshResult(ok=not failed, message=message, updated=sorted(fetched), failed=failed)


def main(argv: list[str]) -> int:
    """`python -m analysis prices refresh [--tickers T ...]`."""
    parser = argparse.ArgumentParser(prog="python -m analysis prices")
    sub = parser.add_subparsers(dest="action", required=True)
    refresh = sub.add_parser("refresh", help="fetch daily bars from Yahoo Finance into the local cache")
    refresh.add_argument("--tickers", nargs="+", help="tickers to refresh (default: all); comma-separated works too")
    refresh.add_argument("--cache-dir", type=Path, default=None, help="cache folder (default: .cache/market)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    tickers = [t for arg in (args.tickers or []) for t in arg.split(",") if t] or None
    try:
        result = refresh_from_yahoo(tickers, cache_dir=args.cache_dir)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(result.message, file=sys.stderr if not result.ok else sys.stdout)
    return 0 if result.ok else 1

"""Build the bundled market snapshot `seeds/market/` from the team's raw Yahoo files.

`python -m analysis snapshot build [--raw DIR] [--out DIR]` rebuilds it. The raw
files (../shared/market-data/raw, see its PROVENANCE.md) are real Yahoo Finance
daily bars with two known faults, handled here so every user of the snapshot
gets the same answer:

* zero-volume, O=H=L=C placeholder rows (Hong Kong half-days and a few ^HSI
  rows): kept, and flagged in a `placeholder` column; returns touching them are
  excluded downstream.
* 9988.HK and 9618.HK dividends that Yahoo adjusted with the USD amount on the
  HKD price: corrected, by rescaling Adj Close before each ex-date with the
  HKD amount, and noted in a `quality` column on the ex-date row.

Every original column is kept; a manifest records currency, exchange, timezone,
source, vintage and the corrections of each ticker.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import PROJECT_ROOT
from analysis.listings import LISTINGS
from analysis.market import PRICE_COLUMNS, SNAPSHOT_DIR, csv_path, flag_placeholders, read_price_csv

DEFAULT_RAW_DIR = PROJECT_ROOT.parent / "shared" / "market-data" / "raw"


@dataclass(frozen=True)
class Source:
    source: str
    vintage: str


_DIEPERDEV = Source(
    "Yahoo Finance daily CSV via dieperdev/yfinance-stock-data (commit 296de98); Close checked against Nasdaq.com",
    "downloaded 2024-03-09; Adj Close reflects dividends to that date",
)
_ETF_APP = Source(
    "Yahoo Finance via yfinance history(auto_adjust=False), taeheon-kong/etf-app (commit c53c028); Close checked against Alpha Vantage",
    "downloaded 2026-05-03; Adj Close reflects distributions to that date",
)
_PORTFOLIO_OPT = Source(
    "Yahoo Finance via yfinance download, tapi262/portfolio_opt (commit 3c3e00e); Adj Close = Close (indices are not adjusted)",
    "download date not recorded by the source; data to 2024-12-31",
)
_HK = Source(
    "Yahoo Finance via yfinance download(auto_adjust=True), luciusneo1017/momentum-portfolio_optimization (commit bafe7bb); "
    "Open/High/Low/Close de-adjusted to as-traded prices on the HKEX tick grid by the data team",
    "downloaded on or after 2025-10-31; Adj Close reflects dividends to that date",
)
SOURCES: dict[str, Source] = {
    **{t: _DIEPERDEV for t in ("BABA", "JD", "PDD")},
    **{t: _ETF_APP for t in ("SPY", "QQQ", "KWEB", "FXI", "MCHI")},
    **{t: _PORTFOLIO_OPT for t in ("^GSPC", "^HSI")},
    **{t: _HK for t in ("0700.HK", "3690.HK", "9988.HK", "9618.HK")},
}


@dataclass(frozen=True)
class DividendCorrection:
    """A dividend Yahoo adjusted with the USD amount although the price is in HKD."""

    ticker: str
    ex_date: str
    hkd_per_share: float
    note: str


# Amounts from PROVENANCE.md, "HK caveat 1" (Yahoo's own Dividends column in HKD).
DIVIDEND_CORRECTIONS: tuple[DividendCorrection, ...] = (
    DividendCorrection("9618.HK", "2022-05-19", 4.930821, "HKD amount from Yahoo's Dividends column"),
    DividendCorrection("9618.HK", "2023-04-04", 2.4262772, "HKD amount from Yahoo's Dividends column"),
    DividendCorrection("9618.HK", "2024-04-03", 2.9741461, "HKD amount from Yahoo's Dividends column"),
    DividendCorrection("9988.HK", "2023-12-20", 0.9783375, "HKD amount from Yahoo's Dividends column"),
    DividendCorrection("9988.HK", "2024-06-12", 0.2075 * 7.8, "approximate: US$0.2075 x 7.8 HKD/USD; exact HKD amount not in the source"),
)


def correct_dividend(frame: pd.DataFrame, fix: DividendCorrection) -> pd.DataFrame:
    """Rescale Adj Close before the ex-date so the ex-date return uses the HKD dividend.

    Yahoo's factor for the dividend is the step in Adj Close / Close across the
    ex-date; the right one is 1 - D / (close before the ex-date).
    """
    ex = pd.Timestamp(fix.ex_date)
    if ex not in frame.index:
        raise ValueError(f"{fix.ticker}: ex-date {fix.ex_date} is not a session in the file")
    position = frame.index.get_loc(ex)
    before, on = frame.iloc[position - 1], frame.iloc[position]
    yahoo_factor = (before["Adj Close"] / before["Close"]) / (on["Adj Close"] / on["Close"])
    right_factor = 1.0 - fix.hkd_per_share / before["Close"]
    out = frame.copy()
    out.iloc[:position, out.columns.get_loc("Adj Close")] *= right_factor / yahoo_factor
    implied = (1.0 - yahoo_factor) * before["Close"]
    note = (
        f"Adj Close before this ex-date rescaled: dividend HKD {fix.hkd_per_share:.4f} per share "
        f"({fix.note}) instead of Yahoo's {implied:.4f} (the USD amount)"
    )
    out.iloc[position, out.columns.get_loc("quality")] = note
    return out


PLACEHOLDER_NOTE = "placeholder row: zero volume and O=H=L=C (half-day or missing session); returns touching it are excluded"


def build_ticker(raw_dir: Path, ticker: str) -> tuple[pd.DataFrame, list[str]]:
    """One ticker's snapshot frame and the corrections applied to it."""
    frame = read_price_csv(csv_path(raw_dir, ticker))
    frame["placeholder"] = flag_placeholders(frame)
    frame["quality"] = frame["quality"].astype(object).where(~frame["placeholder"], PLACEHOLDER_NOTE)
    applied = []
    for fix in DIVIDEND_CORRECTIONS:
        if fix.ticker == ticker:
            frame = correct_dividend(frame, fix)
            applied.append(f"dividend ex {fix.ex_date} re-adjusted with HKD {fix.hkd_per_share:.4f} ({fix.note})")
    return frame, applied


def build_snapshot(raw_dir: Path = DEFAULT_RAW_DIR, out_dir: Path = SNAPSHOT_DIR) -> dict:
    """Write every ticker's CSV, the manifest and the provenance file; return the manifest."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = []
    for ticker, listing in LISTINGS.items():
        frame, applied = build_ticker(raw_dir, ticker)
        path = csv_path(out_dir, ticker)
        frame = frame.astype({"Volume": "int64"})
        frame.to_csv(path, columns=[*PRICE_COLUMNS, "placeholder", "quality"], date_format="%Y-%m-%d")
        source = SOURCES[ticker]
        entries.append(
            {
                "ticker": ticker,
                "name": listing.name,
                "company": listing.company,
                "exchange": listing.exchange,
                "venue": listing.venue,
                "currency": listing.currency,
                "timezone": listing.timezone,
                "source": source.source,
                "vintage": source.vintage,
                "first": frame.index[0].date().isoformat(),
                "last": frame.index[-1].date().isoformat(),
                "rows": int(len(frame)),
                "placeholder_rows": int(frame["placeholder"].sum()),
                "corrections": "; ".join(applied),
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
        )
    manifest = {
        "built_from": "shared/market-data/raw (see PROVENANCE.md beside this file)",
        "columns": [*PRICE_COLUMNS, "placeholder", "quality"],
        "faults": [
            {
                "fault": "Zero-volume placeholder rows with O=H=L=C (Hong Kong half-days, 2024-01-15, and three ^HSI rows)",
                "action": "flagged",
                "detail": "kept as delivered, marked placeholder=true; daily returns that start or end on them are excluded (NaN), never filled",
            },
            {
                "fault": "9988.HK and 9618.HK dividends adjusted by Yahoo with the USD amount on the HKD price",
                "action": "corrected",
                "detail": "Adj Close before each affected ex-date rescaled with the HKD dividend; the ex-date row's quality column says so. "
                "9988.HK 2024-06-12 uses US$0.2075 x 7.8 (approximate)",
            },
        ],
        "tickers": entries,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    provenance = raw_dir.parent / "PROVENANCE.md"
    if provenance.is_file():
        shutil.copyfile(provenance, out_dir / "PROVENANCE.md")
    return manifest


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis snapshot")
    sub = parser.add_subparsers(dest="action", required=True)
    build = sub.add_parser("build", help="rebuild seeds/market/ from the raw Yahoo files")
    build.add_argument("--raw", type=Path, default=DEFAULT_RAW_DIR)
    build.add_argument("--out", type=Path, default=SNAPSHOT_DIR)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if not args.raw.is_dir():
        print(f"error: raw folder {args.raw} not found", file=sys.stderr)
        return 2
    manifest = build_snapshot(args.raw, args.out)
    for entry in manifest["tickers"]:
        print(f"{entry['ticker']:<8} {entry['rows']:>5} rows {entry['first']}..{entry['last']}  {entry['corrections']}")
    return 0

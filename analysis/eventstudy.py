"""Event study: how each listing moved around each dated event, beyond what its market explains.

MacKinlay (1997) with the defaults of issue 4, every one a parameter of `study`:
day 0 is the listing's first session on or after the event date; a market model fitted by OLS on
sessions -250..-11 (market-adjusted returns when fewer than 100 are usable); abnormal returns over
-10..+10 and CARs over five windows with t-tests from the estimation-window residual variance;
across events of one signal, CAAR with cross-sectional, BMP and Kolari-Pynnönen tests.

The statistics themselves live in `analysis.stats` as pure functions; this module finds day 0 on
each listing's own calendar, slices the windows, records what was missing or confounded, and builds
the tables. Prices come from `analysis.market`, listings from `analysis.listings`.
"""
from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import stats
from analysis.joined import split_joined

WINDOWS: tuple[tuple[int, int], ...] = ((0, 0), (-1, 1), (0, 3), (0, 5), (-5, 5))
ESTIMATION = (-250, -11)
PATH = (-10, 10)
NONTRADING_RULES = ("next", "previous", "drop")
REQUIRED_COLUMNS = ("event_id", "date", "precision", "signal", "companies")

CAR_COLUMNS = [
    "event_id", "ticker", "company", "signal", "event_date", "day0", "window", "car", "t_stat",
    "p_value", "model", "n_estimation", "alpha", "beta", "sigma", "sd_car", "n_window", "n_missing",
    "confounded", "confounded_by", "estimation_confounded", "estimation_confounded_by",
    "benchmark", "quality",
]
PATH_COLUMNS = ["event_id", "ticker", "signal", "t", "date", "ar", "car"]
SKIPPED_COLUMNS = ["event_id", "ticker", "window", "reason", "kind"]
CAAR_COLUMNS = ["signal", "window", "n", "caar", "t_cs", "p_cs", "t_bmp", "p_bmp", "rbar", "t_kp", "p_kp"]

# kinds of skipped rows: "error" is bad input or missing data (the CLI exits 1);
# "excluded" is the method working as asked (not day-precision, or nontrading="drop").
ERROR, EXCLUDED = "error", "excluded"


class EventsError(ValueError):
    """The events table as a whole is unusable (e.g. a required column is missing)."""


@dataclass
class _Pair:
    """What caar() needs about one event x listing beyond the CAR table: the estimation residuals
    on their dates (for Kolari-Pynnönen's rbar) and the calendar days of the event-time sessions
    (for the overlap of two pairs' event windows)."""

    est_dates: np.ndarray   # int64 days since epoch
    residuals: np.ndarray
    first_t: int            # event time of span_dates[0]
    span_dates: np.ndarray  # int64 days of sessions first_t.. (covering the path and every window; -1 past the data)

    def window_dates(self, window: tuple[int, int]) -> np.ndarray:
        """Calendar days of the sessions of an event window (for Kolari-Pynnönen's overlap weights)."""
        lo, hi = window[0] - self.first_t, window[1] - self.first_t + 1
        d = self.span_dates[max(lo, 0):max(hi, 0)]
        return d[d >= 0]


@dataclass
class StudyResult:
    """Output of `study`: `car` one row per event x listing x window, `paths` the abnormal-return
    path per event x listing, `skipped` what could not be studied and why."""

    car: pd.DataFrame
    paths: pd.DataFrame
    skipped: pd.DataFrame
    params: dict = field(default_factory=dict)
    pairs: dict[tuple[str, str], _Pair] = field(default_factory=dict, repr=False)

    @property
    def has_errors(self) -> bool:
        return bool((self.skipped["kind"] == ERROR).any()) if len(self.skipped) else False


# ---------------------------------------------------------------------------------------------
# inputs


def parse_window(text: str | Sequence[int]) -> tuple[int, int]:
    """'-1,1' -> (-1, 1). A window whose start is after its end, or that is not two integers, is a
    usage error with the offending text in the message."""
    if isinstance(text, str):
        parts = [p.strip() for p in text.replace("[", "").replace("]", "").split(",")]
        try:
            values = [int(p) for p in parts]          # int() takes "+5" and "-1" as they are
        except ValueError:
            raise ValueError(f"window {text!r} is not two integers like -1,1") from None
    else:
        values = [int(v) for v in text]
    if len(values) != 2:
        raise ValueError(f"window {text!r} is not two integers like -1,1")
    start, end = values
    if start > end:
        raise ValueError(f"window {text!r}: start {start} is after end {end}")
    return start, end


def window_label(window: tuple[int, int]) -> str:
    """The same text the CLI and the URL use: '-1,1'."""
    return f"{window[0]},{window[1]}"


def _check_windows(windows, estimation, path) -> list[tuple[int, int]]:
    est = parse_window(estimation)
    out = []
    for w in windows:
        w = parse_window(w)
        if w[0] <= est[1]:
            raise ValueError(f"window {window_label(w)} overlaps the estimation window "
                             f"{window_label(est)}: it must start after session {est[1]}")
        out.append(w)
    if not out:
        raise ValueError("no event window given")
    p = parse_window(path)
    if p[0] <= est[1]:
        raise ValueError(f"path {window_label(p)} overlaps the estimation window {window_label(est)}")
    return out


def read_events(path: str | Path) -> pd.DataFrame:
    """Read an events CSV (the extractor's output) as strings, checking the required columns."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    _require_columns(df, str(path))
    return df


def _require_columns(events: pd.DataFrame, where: str = "events table") -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in events.columns]
    if missing:
        raise EventsError(f"{where} lacks required column(s) {', '.join(missing)} "
                          f"(needs {', '.join(REQUIRED_COLUMNS)}; has {', '.join(map(str, events.columns))})")


# ---------------------------------------------------------------------------------------------
# price series, cached per ticker within one study


@dataclass
class _Series:
    """One listing's calendar (its price dates) and the return at each calendar position
    (NaN at position 0 and wherever the return is untrustworthy)."""

    ticker: str
    days: np.ndarray        # int64 days since epoch, ascending
    returns: np.ndarray     # float, aligned with days
    quality: np.ndarray     # object: "" or a note per date
    first: str
    last: str


def _default_prices(ticker: str) -> pd.DataFrame:
    """analysis.market's cached bars: a second study in the same process reads no file."""
    from analysis import market
    return market.prices_for(ticker)


def _default_returns(prices: pd.DataFrame) -> pd.Series:
    from analysis import market
    return market.daily_returns(prices, exclude_placeholders=True)


def _to_days(index) -> np.ndarray:
    return pd.DatetimeIndex(index).values.astype("datetime64[D]").astype(np.int64)


def _day_str(day: int) -> str:
    return str(np.datetime64(int(day), "D"))


class _SeriesCache:
    def __init__(self, prices: Callable[[str], pd.DataFrame], returns: Callable[[pd.DataFrame], pd.Series]):
        self._prices, self._returns = prices, returns
        self._series: dict[str, _Series] = {}
        self._aligned: dict[tuple[str, str], np.ndarray] = {}

    def get(self, ticker: str) -> _Series:
        if ticker not in self._series:
            px = self._prices(ticker)
            r = self._returns(px).reindex(px.index)
            days = _to_days(px.index)
            quality = px["quality"].fillna("").astype(str).to_numpy() if "quality" in px.columns \
                else np.full(len(px), "", dtype=object)
            self._series[ticker] = _Series(ticker, days, r.to_numpy(dtype=float), quality,
                                           _day_str(days[0]), _day_str(days[-1]))
        return self._series[ticker]

    def benchmark_on(self, ticker: str, benchmark: str) -> np.ndarray:
        """The benchmark's returns on the listing's dates; a date the benchmark did not trade is NaN."""
        key = (ticker, benchmark)
        if key not in self._aligned:
            s, b = self.get(ticker), self.get(benchmark)
            pos = np.searchsorted(b.days, s.days)
            pos_c = np.minimum(pos, len(b.days) - 1)
            hit = b.days[pos_c] == s.days
            self._aligned[key] = np.where(hit, b.returns[pos_c], np.nan)
        return self._aligned[key]


def _day0(series: _Series, day: int, rule: str) -> tuple[int | None, str, str]:
    """Position of day 0 in the listing's calendar, or (None, reason, kind of skip)."""
    days = series.days
    if day < days[0] or day > days[-1]:
        side = "before the first" if day < days[0] else "after the last"
        return None, (f"event date {_day_str(day)} is {side} price of {series.ticker} "
                      f"({series.first} .. {series.last})"), ERROR
    pos = int(np.searchsorted(days, day))          # first session on/after the date
    if days[pos] == day or rule == "next":
        return pos, "", ""
    if rule == "previous":
        return pos - 1, "", ""
    return None, f"{_day_str(day)} is not a trading day of {series.ticker} (nontrading=drop)", EXCLUDED


def _text(value) -> str:
    """A cell as stripped text; None and NaN (pandas' empty cell) are ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# the study


def study(events: pd.DataFrame, *, windows: Sequence = WINDOWS, benchmark: str | None = None,
          listings: Sequence[str] | None = None, nontrading: str = "next",
          estimation: Sequence[int] = ESTIMATION, path: Sequence[int] = PATH,
          min_estimation: int = 100, min_fallback: int = 30, prediction_error: bool = False,
          prices: Callable[[str], pd.DataFrame] | None = None,
          returns: Callable[[pd.DataFrame], pd.Series] | None = None) -> StudyResult:
    """Run the event study of `events` (the extractor's table) on the snapshot prices.

    Each event is studied for the listings of the companies it names (all stock listings when it
    names none), narrowed to `listings` when given. `benchmark` replaces every listing's default
    benchmark. Bad arguments raise ValueError naming the argument; a bad row or a listing without
    enough data is reported in `.skipped` and the rest is computed.

    min_fallback: below this many usable estimation returns even the market-adjusted model has no
    variance to speak of, and the pair is skipped as having too little history.
    prediction_error: add the sampling error of alpha and beta to the CAR variance (off by default,
    MacKinlay's sigma^2 L). prices/returns: injection points for tests; default analysis.market.
    """
    from analysis import listings as lst

    _require_columns(events)
    if nontrading not in NONTRADING_RULES:
        raise ValueError(f"nontrading {nontrading!r} is not one of {', '.join(NONTRADING_RULES)}")
    windows = _check_windows(windows, estimation, path)
    est = parse_window(estimation)
    pth = parse_window(path)
    if min_fallback < 3 or min_estimation < min_fallback:
        raise ValueError(f"need 3 <= min_fallback ({min_fallback}) <= min_estimation ({min_estimation})")
    if benchmark is not None:
        lst.get_listing(benchmark)   # raises UnknownTickerError naming the known tickers
    stock = {x.ticker: x for x in lst.stock_listings()}
    wanted: set[str] | None = None
    if listings is not None:
        wanted = set()
        for t in listings:
            listing = lst.get_listing(t)
            if listing.is_benchmark or listing.ticker not in stock:
                raise ValueError(f"listing {t!r} is a benchmark, not a stock listing "
                                 f"(stock listings: {', '.join(stock)})")
            wanted.add(listing.ticker)

    cache = _SeriesCache(prices or _default_prices, returns or _default_returns)
    skipped: list[dict] = []

    def skip(event_id, ticker, reason, kind=ERROR, window=""):
        skipped.append({"event_id": event_id, "ticker": ticker, "window": window,
                        "reason": reason, "kind": kind})

    # 1. rows -> (event, listing) pairs with day 0 ------------------------------------------------
    todo: list[dict] = []          # one per event x listing with a day 0
    seen_ids: set[str] = set()
    known_companies = {c.lower(): c for c in lst.COMPANIES}
    for i, row in enumerate(events.to_dict("records")):
        where = f"row {i + 1}"
        event_id = _text(row.get("event_id"))
        if not event_id:
            skip(where, "", f"{where}: empty event_id")
            continue
        label = f"{where} ({event_id})"
        if event_id in seen_ids:
            skip(event_id, "", f"{label}: duplicate event_id")
            continue
        seen_ids.add(event_id)
        precision = _text(row.get("precision")).lower()
        if precision != "day":
            skip(event_id, "", f"{label}: precision {precision or 'empty'!r}; only day-precision "
                 "events are studied", EXCLUDED)
            continue
        date = pd.to_datetime(row.get("date"), errors="coerce")
        if pd.isna(date):
            skip(event_id, "", f"{label}: date {row.get('date')!r} is not a date")
            continue
        names = tuple(split_joined(row.get("companies")))
        unknown = [c for c in names if c.lower() not in known_companies]
        if unknown:
            skip(event_id, "", f"{label}: unknown company {', '.join(map(repr, unknown))} "
                 f"(known: {', '.join(lst.COMPANIES)})")
            continue
        if names:
            tickers = [x.ticker for c in names for x in lst.listings_for(known_companies[c.lower()])]
        else:
            tickers = list(stock)
        if wanted is not None:
            tickers = [t for t in tickers if t in wanted]
        day = int(np.datetime64(date.date(), "D").astype(np.int64))
        signal = _text(row.get("signal"))
        for ticker in dict.fromkeys(tickers):
            listing = stock[ticker]
            bench = benchmark or listing.default_benchmark
            try:
                series = cache.get(ticker)
            except ValueError as exc:     # PriceDataError: a missing or unreadable price file
                skip(event_id, ticker, f"{label}: no prices for {ticker}: {exc}")
                continue
            pos, reason, kind = _day0(series, day, nontrading)
            if pos is None:
                skip(event_id, ticker, f"{label}: {reason}", kind)
                continue
            todo.append({"event_id": event_id, "ticker": ticker, "company": listing.company,
                         "signal": signal, "day": day, "pos": pos, "benchmark": bench, "label": label})

    # 2. confounding: other events' day 0 in this pair's windows, per listing -----------------
    by_ticker: dict[str, list[dict]] = {}
    for item in todo:
        by_ticker.setdefault(item["ticker"], []).append(item)
    for items in by_ticker.values():
        pos = np.array([it["pos"] for it in items])
        ids = np.array([it["event_id"] for it in items], dtype=object)
        others = ~np.eye(len(items), dtype=bool)
        rel = pos[None, :] - pos[:, None]             # rel[i, j]: event j's day 0 relative to i's
        for w in windows:
            hit = (rel >= w[0]) & (rel <= w[1]) & others
            for k, it in enumerate(items):
                it.setdefault("conf", {})[w] = list(ids[hit[k]])
        hit = (rel >= est[0]) & (rel <= est[1]) & others
        for k, it in enumerate(items):
            it["est_conf"] = list(ids[hit[k]])

    # 3. per pair: fit, abnormal returns, windows ------------------------------------------------
    car_rows: list[dict] = []
    path_cols: dict[str, list] = {c: [] for c in PATH_COLUMNS}
    pairs: dict[tuple[str, str], _Pair] = {}
    t_path = np.arange(pth[0], pth[1] + 1)
    t_span = np.arange(min(pth[0], *(w[0] for w in windows)), max(pth[1], *(w[1] for w in windows)) + 1)
    for it in todo:
        ticker, p, label = it["ticker"], it["pos"], it["label"]
        if it["benchmark"] == ticker:
            skip(it["event_id"], ticker, f"{label}: {ticker} cannot be its own benchmark")
            continue
        try:
            rm_all = cache.benchmark_on(ticker, it["benchmark"])
        except ValueError as exc:   # PriceDataError: a benchmark without data; name it, keep going
            skip(it["event_id"], ticker, f"{label}: no prices for benchmark {it['benchmark']}: {exc}")
            continue
        s = cache.get(ticker)
        n_days = len(s.days)
        lo, hi = max(p + est[0], 1), p + est[1] + 1
        r_est, rm_est = s.returns[lo:max(hi, lo)], rm_all[lo:max(hi, lo)]
        ok = np.isfinite(r_est) & np.isfinite(rm_est)
        n_est = int(ok.sum())
        if n_est < min_fallback:
            skip(it["event_id"], ticker,
                 f"{label}: too little history for {ticker}: {n_est} usable returns in sessions "
                 f"{window_label(est)} before day 0 {_day_str(s.days[p])} (needs {min_fallback}; "
                 f"prices start {s.first})")
            continue
        try:
            if n_est >= min_estimation:
                fit = stats.fit_market_model(r_est[ok], rm_est[ok])
            else:
                fit = stats.fit_market_adjusted(r_est[ok], rm_est[ok])
        except ValueError as exc:
            skip(it["event_id"], ticker, f"{label}: {exc}")
            continue
        span = p + t_span
        pairs[(it["event_id"], ticker)] = _Pair(
            s.days[lo:hi][ok], fit.residuals, int(t_span[0]),
            np.where(span < n_days, s.days[np.clip(span, 0, n_days - 1)], -1))

        # the path -10..+10 (sessions past the end of the data are left out)
        idx = p + t_path
        inside = (idx >= 0) & (idx < n_days)
        ar_path = np.full(t_path.size, np.nan)
        ar_path[inside] = fit.abnormal(s.returns[idx[inside]], rm_all[idx[inside]])
        car_path = np.nancumsum(ar_path)
        car_path[~np.isfinite(ar_path)] = np.nan
        k = int(inside.sum())
        path_cols["event_id"] += [it["event_id"]] * k
        path_cols["ticker"] += [ticker] * k
        path_cols["signal"] += [it["signal"]] * k
        path_cols["t"] += t_path[inside].tolist()
        path_cols["date"] += [_day_str(d) for d in s.days[idx[inside]]]
        path_cols["ar"] += ar_path[inside].tolist()
        path_cols["car"] += car_path[inside].tolist()

        base = {
            "event_id": it["event_id"], "ticker": ticker, "company": it["company"],
            "signal": it["signal"], "event_date": _day_str(it["day"]), "day0": _day_str(s.days[p]),
            "model": fit.model, "n_estimation": fit.n, "alpha": fit.alpha, "beta": fit.beta,
            "sigma": fit.sigma, "benchmark": it["benchmark"],
            "estimation_confounded": bool(it["est_conf"]),
            "estimation_confounded_by": ";".join(it["est_conf"]),
        }
        for w in windows:
            a, b = p + w[0], p + w[1]
            if b >= n_days:
                skip(it["event_id"], ticker, f"{label}: window {window_label(w)} runs past the last "
                     f"price of {ticker} ({s.last})", ERROR, window_label(w))
                continue
            ar = fit.abnormal(s.returns[a:b + 1], rm_all[a:b + 1])
            good = np.isfinite(ar)
            length = int(good.sum())
            car = float(ar[good].sum()) if length else math.nan
            var = stats.car_variance(fit, rm_all[a:b + 1][good], prediction_error=prediction_error)
            t, pval = stats.t_test(car, var, fit.dof) if length else (math.nan, math.nan)
            conf = it["conf"][w]
            # the snapshot's notes on the window's days, and on the day before when the first
            # return is missing (a placeholder the day before also spoils that return)
            first = a - 1 if a >= 1 and not good[0] else a
            notes = sorted({q for q in s.quality[first:b + 1] if q})
            car_rows.append({**base, "window": window_label(w), "car": car, "t_stat": t,
                             "p_value": pval, "sd_car": math.sqrt(var) if length else math.nan,
                             "n_window": length, "n_missing": (b - a + 1) - length,
                             "confounded": bool(conf), "confounded_by": ";".join(conf),
                             "quality": "; ".join(notes)})

    car_df = pd.DataFrame(car_rows, columns=CAR_COLUMNS)
    params = {"windows": [window_label(w) for w in windows], "benchmark": benchmark,
              "listings": sorted(wanted) if wanted is not None else None, "nontrading": nontrading,
              "estimation": window_label(est), "path": window_label(pth),
              "min_estimation": min_estimation, "min_fallback": min_fallback,
              "prediction_error": prediction_error}
    return StudyResult(car_df, pd.DataFrame(path_cols, columns=PATH_COLUMNS),
                       pd.DataFrame(skipped, columns=SKIPPED_COLUMNS), params, pairs)


# ---------------------------------------------------------------------------------------------
# across events


def caar(result: StudyResult, window: Sequence[int] | str = (-1, 1), *, kp_weighting: str = "overlap",
         min_overlap: int = 30, drop_confounded: bool = False) -> pd.DataFrame:
    """One row per signal: CAAR over the event x listing pairs with the cross-sectional t-test, the
    BMP test and the Kolari-Pynnönen adjustment of BMP (p-values from Student's t, N - 1 dof).

    rbar, for KP, is the mean pairwise correlation of the pairs' estimation-window residuals,
    matched on calendar dates (a pair sharing fewer than `min_overlap` dates counts as 0).
    kp_weighting="overlap" (default) multiplies each pair's correlation by the share of event-window
    dates the two pairs have in common, |W_i n W_j| / sqrt(|W_i| |W_j|): that is the correlation of
    their CARs when abnormal returns are correlated across stocks but not across days. Identical
    windows (KP's own setting) keep the full correlation, events a month apart none. "plain" is the
    unweighted mean, which counts the same stock's events months apart as nearly perfectly
    correlated (their estimation windows almost coincide) and so over-shrinks t.
    """
    w = parse_window(window)
    label = window_label(w)
    if kp_weighting not in ("plain", "overlap"):
        raise ValueError(f"kp_weighting {kp_weighting!r} is not 'plain' or 'overlap'")
    rows = result.car[result.car["window"] == label]
    rows = rows[np.isfinite(rows["car"].to_numpy(dtype=float))]
    if drop_confounded:
        rows = rows[~rows["confounded"].astype(bool)]
    out = []
    for signal, grp in rows.groupby("signal", sort=True):
        keys = list(zip(grp["event_id"], grp["ticker"]))
        rbar = _rbar([result.pairs[k] for k in keys], w, kp_weighting, min_overlap)
        cs = stats.cross_section_tests(grp["car"].to_numpy(float), grp["sd_car"].to_numpy(float), rbar)
        out.append({"signal": signal, "window": label, "n": cs.n, "caar": cs.caar, "t_cs": cs.t_cs,
                    "p_cs": cs.p_cs, "t_bmp": cs.t_bmp, "p_bmp": cs.p_bmp, "rbar": cs.rbar,
                    "t_kp": cs.t_kp, "p_kp": cs.p_kp})
    return pd.DataFrame(out, columns=CAAR_COLUMNS)


def _rbar(pairs: list[_Pair], window: tuple[int, int], weighting: str,
          min_overlap: int) -> float:
    if len(pairs) < 2:
        return 0.0
    all_days = np.unique(np.concatenate([p.est_dates for p in pairs]))
    x = np.full((all_days.size, len(pairs)), np.nan)
    for j, p in enumerate(pairs):
        x[np.searchsorted(all_days, p.est_dates), j] = p.residuals
    weights = None
    if weighting == "overlap":
        # window dates of each pair as rows of a 0/1 membership matrix: B B' counts shared dates
        wins = [p.window_dates(window) for p in pairs]
        union = np.unique(np.concatenate(wins))
        member = np.zeros((len(pairs), union.size), dtype=np.int64)   # integer: no BLAS threads
        for i, d in enumerate(wins):
            member[i, np.searchsorted(union, d)] = 1
        shared = member @ member.T
        size = np.diag(shared).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            weights = np.nan_to_num(shared / np.sqrt(np.outer(size, size)), nan=0.0)
    return stats.mean_pairwise_correlation(x, weights=weights, min_overlap=min_overlap)


def caar_path(result: StudyResult, level: float = 0.95) -> pd.DataFrame:
    """Average CAR path by signal over t in the path window, with a `level` confidence band from
    the cross-sectional standard error (Student's t, n - 1 dof): signal, t, caar, lo, hi, n."""
    p = result.paths.dropna(subset=["car"])
    if p.empty:
        return pd.DataFrame(columns=["signal", "t", "caar", "lo", "hi", "n"])
    g = p.groupby(["signal", "t"], sort=True)["car"].agg(["mean", "std", "count"]).reset_index()
    n = g["count"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        q = stats.t_quantile(0.5 + level / 2.0, np.maximum(n - 1, 1))
        half = np.where(n >= 2, q * g["std"].to_numpy(float) / np.sqrt(n), np.nan)
    mean = g["mean"].to_numpy(float)
    return pd.DataFrame({"signal": g["signal"], "t": g["t"].astype(int), "caar": mean,
                         "lo": mean - half, "hi": mean + half, "n": g["count"].astype(int)})


# ---------------------------------------------------------------------------------------------
# CLI


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m analysis study",
        description="Event study of an events CSV: one row per event x listing (x window) in CAR.csv.")
    ap.add_argument("--events", required=True, help="events CSV, as written by `python -m analysis extract`")
    ap.add_argument("--out", required=True, help="CSV to write the CARs to")
    ap.add_argument("--window", action="append",
                    help="event window as START,END in sessions around day 0 (default -1,1); "
                         "repeat it for several, or 'all' for " + " ".join(window_label(w) for w in WINDOWS))
    ap.add_argument("--benchmark", help="benchmark for every listing (default: SPY for US, ^HSI for HK)")
    ap.add_argument("--listings", help="comma-separated stock tickers to study (default: the listings "
                                       "of each event's companies, all when it names none)")
    ap.add_argument("--nontrading", default="next", choices=NONTRADING_RULES,
                    help="day 0 of an event on a non-trading day (default next)")
    return ap


def _glue_negative_windows(argv: list[str]) -> list[str]:
    """`--window -1,1` as the contract writes it: argparse would read '-1,1' as an option, so join
    it to its flag ('--window=-1,1') first."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] == "--window" and i + 1 < len(argv) and argv[i + 1].startswith("-"):
            out.append(f"--window={argv[i + 1]}")
            i += 2
            continue
        out.append(argv[i])
        i += 1
    return out


def main(argv: list[str] | None = None) -> int:
    """Exit 0 when every event x listing was studied, 1 when some were skipped (listed on stderr),
    2 for a usage error (bad argument, unreadable events file)."""
    ap = _parser()
    try:
        args = ap.parse_args(_glue_negative_windows(list(sys.argv[1:] if argv is None else argv)))
    except SystemExit as exc:       # argparse has printed the usage message
        return int(exc.code or 0)

    def usage(msg: str) -> int:
        print(f"python -m analysis study: error: {msg}", file=sys.stderr)
        return 2

    try:
        if not args.window:
            windows = [(-1, 1)]
        elif any(w.strip().lower() == "all" for w in args.window):
            windows = list(WINDOWS)
        else:
            windows = [parse_window(w) for w in args.window]
    except ValueError as exc:
        return usage(f"--window: {exc}")
    listings = [t.strip() for t in args.listings.split(",") if t.strip()] if args.listings else None
    out = Path(args.out)
    if not out.parent.exists():
        return usage(f"--out {args.out}: folder {out.parent} does not exist")
    try:
        events = read_events(args.events)
    except FileNotFoundError:
        return usage(f"--events {args.events}: no such file")
    except (EventsError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        return usage(f"--events {args.events}: {exc}")
    try:
        result = study(events, windows=windows, benchmark=args.benchmark, listings=listings,
                       nontrading=args.nontrading)
    except ValueError as exc:
        flag = "--benchmark" if args.benchmark and args.benchmark in str(exc) else \
            "--listings" if listings and any(t in str(exc) for t in listings) else "argument"
        return usage(f"{flag}: {exc}")
    result.car.to_csv(out, index=False)
    for row in result.skipped.itertuples(index=False):
        prefix = "skipped" if row.kind == ERROR else "not studied"
        print(f"{prefix}: {row.reason}", file=sys.stderr)
    n_err = int((result.skipped["kind"] == ERROR).sum())
    print(f"wrote {len(result.car)} rows ({result.car[['event_id', 'ticker']].drop_duplicates().shape[0]} "
          f"event x listing pairs) to {out}; {n_err} skipped", file=sys.stderr)
    return 1 if n_err else 0

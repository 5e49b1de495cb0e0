"""Tables the pages show, shaped from the analysis frames (pure pandas, no Streamlit).

Kept out of the pages so a page reads like its screen, and testable on small frames.
"""
from __future__ import annotations

import pandas as pd

from analysis.charts import shorten
from analysis.joined import split_joined
from analysis.listings import LISTINGS


def when_label(ev) -> str:
    """An event's date as precisely as it is known: 'Sunday 18 December 2022', 'October 2020', '2021'."""
    start, end = pd.Timestamp(ev["date"]), pd.Timestamp(ev["end_date"])
    precision = ev["precision"]
    if precision == "day":
        return f"{start:%A %d %B %Y}"
    if precision == "month":
        return f"{start:%B %Y}"
    if precision == "year":
        return f"{start:%Y}" if start.year == end.year else f"{start:%Y}–{end:%Y}"
    return f"{start:%d %b %Y} – {end:%d %b %Y}"


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event for the table under the chart, newest last."""
    cols = ["event_id", "date", "signal", "companies", "precision", "confidence", "sentence", "sources"]
    if events is None or events.empty:
        return pd.DataFrame(columns=cols)
    out = events.assign(
        date=pd.to_datetime(events["date"]).dt.date,
        companies=events["companies"].map(lambda v: ", ".join(split_joined(v)) or "whole sector"),
        sources=events["sources"].map(lambda v: ", ".join(split_joined(v))),
        sentence=events["sentence"].map(lambda s: shorten(s, 140)),
        confidence=events["confidence"].astype(float),
    )
    return out.sort_values(["date", "event_id"])[cols].reset_index(drop=True)


def window_key(window: tuple[int, int]) -> str:
    """The study's window label ('-1,1')."""
    return f"{window[0]},{window[1]}"


def car_rows(car: pd.DataFrame, window: tuple[int, int], *, tickers=None, event_ids=None) -> pd.DataFrame:
    if car is None or car.empty:
        return car
    rows = car.loc[car["window"] == window_key(window)]
    if tickers is not None:
        rows = rows.loc[rows["ticker"].isin(list(tickers))]
    if event_ids is not None:
        rows = rows.loc[rows["event_id"].isin(list(event_ids))]
    return rows


def car_table(car: pd.DataFrame, window, *, tickers=None, event_ids=None, events=None) -> pd.DataFrame:
    """CAR per event x listing for one window, in percent, confounded rows marked."""
    rows = car_rows(car, window, tickers=tickers, event_ids=event_ids)
    cols = ["event_id", "event_date", "signal", "ticker", "company", "day0", "car_pct", "t_stat", "p_value",
            "model", "confounded", "confounded_by", "benchmark", "n_estimation", "n_missing"]
    if rows is None or rows.empty:
        return pd.DataFrame(columns=cols + ["listing", "sentence"])
    out = rows.assign(car_pct=rows["car"].astype(float) * 100.0)
    out = out[[c for c in cols if c in out.columns]].copy()
    out.insert(4, "listing", out["ticker"].map(lambda t: f"{t} · {LISTINGS[t].exchange}" if t in LISTINGS else t))
    if events is not None and not events.empty:
        sentences = events.set_index("event_id")["sentence"].map(lambda s: shorten(s, 120))
        out["sentence"] = out["event_id"].map(sentences)
        # "E4d42845f" means nothing to a reader: name the other events by date and signal
        names = {r.event_id: f"{pd.Timestamp(r.date):%Y-%m-%d} {r.signal}" for r in events.itertuples()}
        out["confounded_by"] = out["confounded_by"].map(
            lambda v: "; ".join(names.get(i, i) for i in split_joined(v)))
    return out.sort_values(["event_date", "event_id", "ticker"]).reset_index(drop=True)


def article_table(articles: list, events: pd.DataFrame, added_files: set[str] = frozenset()) -> pd.DataFrame:
    """The corpus (and this session's additions): title, source, date, number of events."""
    counts: dict[str, int] = {}
    if events is not None and not events.empty:
        for files in events["articles"]:
            for f in split_joined(files):
                counts[f] = counts.get(f, 0) + 1
    rows = [{"id": a.id, "file": a.file, "title": a.title, "source": a.source, "published": a.published,
             "events": counts.get(a.file, 0), "added": a.file in added_files} for a in articles]
    return pd.DataFrame(rows, columns=["id", "file", "title", "source", "published", "events", "added"])


def caar_table(summary: pd.DataFrame) -> pd.DataFrame:
    out = summary.assign(caar_pct=summary["caar"].astype(float) * 100.0)
    return out[["signal", "n", "caar_pct", "t_cs", "p_cs", "t_bmp", "p_bmp", "t_kp", "p_kp"]]


def skipped_summary(skipped: pd.DataFrame, limit: int = 12) -> str:
    """Markdown list of why pairs were not computed (reasons escaped)."""
    from ui.text import md_escape

    if skipped is None or skipped.empty:
        return ""
    rows = skipped.drop_duplicates(subset=["event_id", "ticker", "reason"])
    lines = [f"- {md_escape(r.event_id)} · {md_escape(r.ticker)}: {md_escape(r.reason)}"
             for r in rows.head(limit).itertuples()]
    if len(rows) > limit:
        lines.append(f"- … and {len(rows) - limit} more")
    return "\n".join(lines)

"""Merge the same event told by several sentences or articles into one row.

Two mentions are the same event when they have the same signal and precision,
their dates are within a day (day precision) or start on the same day
(coarser), and their companies overlap or one of them is sector-wide (no
company). A sector-wide mention joins the best matching cluster rather than
bridging two company-specific ones, so "the meeting on Wednesday" does not glue
the Alibaba meeting to the Tencent praise of the same day.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.extract import Event

COLUMNS = ["event_id", "date", "end_date", "precision", "signal", "companies", "confidence", "articles",
           "sources", "n_sources", "sentence", "cue", "mixed"]
CORROBORATION_BONUS = 0.05   # per extra article telling the same event, capped below 1


@dataclass
class _Cluster:
    signal: str
    precision: str
    members: list[Event] = field(default_factory=list)
    companies: set[str] = field(default_factory=set)

    @property
    def date(self) -> dt.date:
        counts = Counter(e.date for e in self.members)
        return min(counts, key=lambda d: (-counts[d], d))

    def accepts(self, e: Event) -> bool:
        if e.signal != self.signal or e.precision != self.precision:
            return False
        gap = abs((e.date - self.date).days)
        if gap > (1 if self.precision == "day" else 0):
            return False
        if any(m.article_file == e.article_file and m.date != e.date for m in self.members):
            return False  # one article dating two acts differently is telling two events
        return not e.companies or not self.companies or bool(self.companies & set(e.companies))


def event_id(date: dt.date, signal: str, companies: str, sentence: str) -> str:
    """Stable id from content: the same event from the same text always gets the same id."""
    digest = hashlib.sha1(f"{date.isoformat()}|{signal}|{companies}|{sentence}".encode("utf-8")).hexdigest()
    return "E" + digest[:8]


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def merge_events(events: list[Event]) -> pd.DataFrame:
    """One row per merged event, columns in the order of COLUMNS (see INTERFACES.md)."""
    order = sorted(events, key=lambda e: (e.date, e.signal, e.article_file, -e.confidence))
    clusters: list[_Cluster] = []
    for e in order:
        fits = [c for c in clusters if c.accepts(e)]
        if not fits:
            c = _Cluster(e.signal, e.precision)
            clusters.append(c)
        else:  # prefer a cluster naming the same companies, then the most told one
            c = max(fits, key=lambda c: (len(c.companies & set(e.companies)), len(c.members)))
        c.members.append(e)
        c.companies.update(e.companies)
    rows = []
    for c in clusters:
        rep = max(c.members, key=lambda e: (e.confidence, -ord(e.article_file[0]) if e.article_file else 0))
        rep = sorted([m for m in c.members if m.confidence == rep.confidence],
                     key=lambda e: e.article_file)[0]
        articles = _unique(e.article_file for e in c.members)
        companies = ";".join(sorted(c.companies))
        date = c.date
        rows.append({
            "event_id": event_id(date, c.signal, companies, rep.sentence),
            "date": pd.Timestamp(date),
            "end_date": pd.Timestamp(max(e.end_date for e in c.members)),
            "precision": c.precision,
            "signal": c.signal,
            "companies": companies,
            "confidence": round(min(0.99, max(e.confidence for e in c.members)
                                    + CORROBORATION_BONUS * (len(articles) - 1)), 2),
            "articles": ";".join(articles),
            "sources": ";".join(_unique(e.source for e in c.members)),
            "n_sources": len(articles),
            "sentence": rep.sentence,
            "cue": rep.cue,
            "mixed": any(e.mixed for e in c.members),
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if len(frame):
        frame = frame.sort_values(["date", "signal", "event_id"], kind="stable").reset_index(drop=True)
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["date"] = pd.to_datetime(frame["date"])
    frame["end_date"] = pd.to_datetime(frame["end_date"])
    for col in ("event_id", "precision", "signal", "companies", "articles", "sources", "sentence", "cue"):
        frame[col] = frame[col].fillna("").astype(str)
    frame["confidence"] = frame["confidence"].astype(float)
    frame["n_sources"] = frame["n_sources"].astype(int)
    frame["mixed"] = frame["mixed"].map(lambda v: str(v).strip().lower() in ("true", "1")).astype(bool)
    return frame[COLUMNS]


def read_events_csv(path: str | Path) -> pd.DataFrame:
    """The frame `merge_events` made, read back from the CLI's CSV."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: not an events CSV, missing columns {', '.join(missing)}")
    return _typed(frame)


def events_for(frame: pd.DataFrame, company: str) -> pd.DataFrame:
    """Events naming `company`, plus the sector-wide ones (no company) that concern it too."""
    named = frame["companies"].str.split(";").map(lambda cs: company in cs)
    return frame[named | (frame["companies"] == "")]

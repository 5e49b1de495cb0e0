"""The dashboard's view state as plain data, and its round trip through a URL.

A shared link is the whole view: every filter of the sidebar, the price scale and
the selected event or article live in the query string. This module knows nothing
about Streamlit: `from_query_params` takes the plain dict a browser sent and
returns the `Filters` it describes plus one human-readable note per value it had to
drop, so a bad link still opens with everything that was good in it.

URL names (all optional; an absent name means its default):

    companies  comma list of company names      Alibaba,JD
    venue      US | HK | both                    both
    start/end  ISO dates                         2021-01-01
    signals    comma list                        crackdown,easing
    conf       minimum confidence, 0..1          0.5
    window     event window, two ints            -1,1
    bench      own | a benchmark ticker          own (= SPY for US, ^HSI for HK)
    scale      rebased | price                   rebased
    event      an event id                       E1a2b3c4d
    article    an article id (Articles page)     000_1b82265236307a02
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Mapping

from analysis.eventstudy import WINDOWS as STUDY_WINDOWS
from analysis.joined import split_joined
from analysis.listings import COMPANIES, benchmark_listings

SIGNALS: tuple[str, ...] = ("crackdown", "easing", "neutral")
VENUES: tuple[str, ...] = ("both", "US", "HK")
SCALES: tuple[str, ...] = ("rebased", "price")
WINDOWS = STUDY_WINDOWS  # the event windows the study offers, and so the ones a link may name
OWN_BENCHMARK = "own"

# The default view opens on the crackdown years: Ant's halted IPO (Nov 2020) to the
# premier's "support the platform economy" meeting (Jul 2023) and the months after.
DEFAULT_START = dt.date(2020, 7, 1)
DEFAULT_END = dt.date(2023, 12, 29)
# The bundled snapshot spans 2019-2024; dates outside it are still accepted (a
# refreshed cache may hold more), but nothing before this is meaningful here.
EARLIEST = dt.date(2015, 1, 1)
# Below 0.5 the extractor is mostly guessing a vague date ("this year", "in 2020"): hidden by
# default so the first view shows what is solid; the slider brings them back.
DEFAULT_MIN_CONFIDENCE = 0.5

_ID = re.compile(r"^[A-Za-z0-9_.\-]{1,80}$")
KNOWN_KEYS = ("companies", "venue", "start", "end", "signals", "conf", "window",
              "bench", "scale", "event", "article")


def benchmark_choices() -> tuple[str, ...]:
    """`own` first, then every benchmark ticker the snapshot knows."""
    return (OWN_BENCHMARK, *(b.ticker for b in benchmark_listings()))


@dataclass(frozen=True)
class Filters:
    companies: tuple[str, ...] = COMPANIES
    venue: str = "both"
    start: dt.date = DEFAULT_START
    end: dt.date = DEFAULT_END
    signals: tuple[str, ...] = SIGNALS
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    window: tuple[int, int] = (-1, 1)
    benchmark: str = OWN_BENCHMARK
    scale: str = "rebased"
    event: str | None = None
    article: str | None = None

    def with_(self, **changes) -> "Filters":
        return replace(self, **changes)

    @property
    def benchmark_ticker(self) -> str | None:
        """None means each listing against its own default benchmark."""
        return None if self.benchmark == OWN_BENCHMARK else self.benchmark


def _first(value) -> str:
    """A query value may arrive as a str or (repeated key) a list; the last one wins."""
    if isinstance(value, (list, tuple)):
        return str(value[-1]) if value else ""
    return str(value)


def _split(value: str) -> list[str]:
    return [p.strip() for p in value.split(",") if p.strip()]


def _short(value: str, limit: int = 40) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def from_query_params(params: Mapping[str, object]) -> tuple[Filters, list[str]]:
    """Filters described by a URL's query params, and one note per value dropped.

    Never raises: unknown names and malformed values are left out (their default
    stands) and each gets a note a person can read.
    """
    defaults = Filters()
    values: dict[str, object] = {}
    notes: list[str] = []

    for key in params:
        if key not in KNOWN_KEYS and key not in ("embed", "embed_options"):
            notes.append(f"Ignored unknown parameter “{_short(str(key))}”.")

    if "companies" in params:
        raw = _split(_first(params["companies"]))
        by_lower = {c.lower(): c for c in COMPANIES}
        good, bad = [], []
        for name in raw:
            canon = by_lower.get(name.lower())
            (good if canon else bad).append(canon or name)
        if bad:
            notes.append("Ignored unknown compan" + ("ies " if len(bad) > 1 else "y ")
                         + ", ".join(f"“{_short(b)}”" for b in bad)
                         + f" (known: {', '.join(COMPANIES)}).")
        if good:
            values["companies"] = tuple(c for c in COMPANIES if c in good)
        elif not raw:
            values["companies"] = ()  # an explicit empty choice is a valid view

    if "venue" in params:
        raw = _first(params["venue"]).strip()
        match = {v.lower(): v for v in VENUES}.get(raw.lower())
        if match:
            values["venue"] = match
        else:
            notes.append(f"Ignored venue “{_short(raw)}” (use US, HK or both).")

    for key in ("start", "end"):
        if key in params:
            raw = _first(params[key])
            parsed = _parse_date(raw)
            if parsed is None or parsed < EARLIEST or parsed > dt.date(2100, 1, 1):
                notes.append(f"Ignored {key} date “{_short(raw)}” (expected YYYY-MM-DD).")
            else:
                values[key] = parsed
    start = values.get("start", defaults.start)
    end = values.get("end", defaults.end)
    if start > end:
        notes.append(f"Ignored the date range {start} … {end}: it ends before it starts.")
        values.pop("start", None)
        values.pop("end", None)

    if "signals" in params:
        raw = _split(_first(params["signals"]))
        good = [s.lower() for s in raw if s.lower() in SIGNALS]
        bad = [s for s in raw if s.lower() not in SIGNALS]
        if bad:
            notes.append("Ignored unknown signal " + ", ".join(f"“{_short(b)}”" for b in bad)
                         + f" (known: {', '.join(SIGNALS)}).")
        if good or not raw:
            values["signals"] = tuple(s for s in SIGNALS if s in good)

    if "conf" in params:
        raw = _first(params["conf"])
        try:
            conf = float(raw)
            if not 0.0 <= conf <= 1.0:
                raise ValueError
            values["min_confidence"] = round(conf, 2)
        except ValueError:
            notes.append(f"Ignored minimum confidence “{_short(raw)}” (a number from 0 to 1).")

    if "window" in params:
        raw = _first(params["window"])
        try:
            lo, hi = (int(p) for p in raw.split(","))
            if (lo, hi) not in WINDOWS:
                raise ValueError
            values["window"] = (lo, hi)
        except ValueError:
            notes.append(f"Ignored event window “{_short(raw)}” (one of "
                         + ", ".join(f"{a},{b}" for a, b in WINDOWS) + ").")

    if "bench" in params:
        raw = _first(params["bench"]).strip()
        match = {b.upper(): b for b in benchmark_choices()}.get(raw.upper())
        if match:
            values["benchmark"] = match
        else:
            notes.append(f"Ignored benchmark “{_short(raw)}” (one of {', '.join(benchmark_choices())}).")

    if "scale" in params:
        raw = _first(params["scale"]).strip().lower()
        if raw in SCALES:
            values["scale"] = raw
        else:
            notes.append(f"Ignored scale “{_short(raw)}” (rebased or price).")

    for key in ("event", "article"):
        if key in params:
            raw = _first(params[key]).strip()
            if raw and _ID.match(raw):
                values[key] = raw
            elif raw:
                notes.append(f"Ignored {key} id “{_short(raw)}”.")

    return replace(defaults, **values), notes


def to_query_params(filters: Filters) -> dict[str, str]:
    """The query params that reopen exactly this view (every filter, spelled out)."""
    out = {
        "companies": ",".join(filters.companies),
        "venue": filters.venue,
        "start": filters.start.isoformat(),
        "end": filters.end.isoformat(),
        "signals": ",".join(filters.signals),
        "conf": f"{filters.min_confidence:g}",
        "window": f"{filters.window[0]},{filters.window[1]}",
        "bench": filters.benchmark,
        "scale": filters.scale,
    }
    if filters.event:
        out["event"] = filters.event
    if filters.article:
        out["article"] = filters.article
    return out


def window_label(window: tuple[int, int]) -> str:
    """'[−1, +1]', '[0, +3]', '[0, 0]': trading days around the event day 0."""
    def day(n: int) -> str:
        return "0" if n == 0 else f"{n:+d}".replace("-", "−")
    return f"[{day(window[0])}, {day(window[1])}]"


# --------------------------------------------------------------------------- applying a view
def listings_in_view(filters: Filters) -> list:
    """The stock listings the view shows: chosen companies on the chosen venue(s)."""
    from analysis.listings import stock_listings

    return [l for l in stock_listings()
            if l.company in filters.companies and filters.venue in ("both", l.venue)]


def benchmarks_in_view(filters: Filters, listings: list | None = None) -> list[str]:
    """The benchmark tickers to draw: the chosen one, or each shown listing's own."""
    if filters.benchmark_ticker:
        return [filters.benchmark_ticker]
    shown = listings if listings is not None else listings_in_view(filters)
    return sorted({l.default_benchmark for l in shown if l.default_benchmark},
                  key=lambda t: (t != "SPY", t))


def events_in_view(events, filters: Filters):
    """The merged events (analysis.events.merge_events frame) the view keeps.

    Dates: the event (or its span) overlaps the chosen range. Companies: it names at
    least one chosen company, or it is sector-wide (names none) and so concerns all.
    """
    import pandas as pd

    if events is None or events.empty:
        return events
    start, end = pd.Timestamp(filters.start), pd.Timestamp(filters.end)
    first = pd.to_datetime(events["date"])
    last = pd.to_datetime(events["end_date"]) if "end_date" in events else first
    chosen = set(filters.companies)
    names = events["companies"].map(lambda v: set(split_joined(v)))
    keep = ((last >= start) & (first <= end)
            & events["signal"].isin(filters.signals)
            & (events["confidence"].astype(float) >= filters.min_confidence - 1e-9)
            & names.map(lambda c: not c or bool(c & chosen)))
    return events.loc[keep]

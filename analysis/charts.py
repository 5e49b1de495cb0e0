"""Plotly figures of the dashboard, built from plain DataFrames.

No Streamlit here: every builder takes frames and returns a `go.Figure`, so the
figures are tested on small hand-built frames (tests/test_charts.py) and the pages
only draw them.

The landing chart keeps one marker trace per signal (crackdown, easing, neutral)
so the legend toggles a signal as a whole: its markers, the vertical lines of its
sector-wide events and the shaded spans of its month/year events share one
legend group. Text from articles goes into hover labels escaped (Plotly renders a
small HTML subset there).
"""
from __future__ import annotations

import datetime as dt
import html
import textwrap
from typing import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from analysis.filters import window_label
from analysis.joined import split_joined

SIGNAL_COLORS = {"crackdown": "#d62728", "easing": "#2ca02c", "neutral": "#7f7f7f"}
SIGNAL_ORDER = ("crackdown", "easing", "neutral")
LINE_COLORS = {  # one stable colour per stock listing, so a company keeps its colour across views
    "BABA": "#ff7f0e", "9988.HK": "#ffbb78",
    "0700.HK": "#1f77b4",
    "PDD": "#9467bd",
    "JD": "#8c564b", "9618.HK": "#c49c94",
    "3690.HK": "#e377c2",
}
BENCHMARK_COLOR = "#444444"
# Benchmarks are dashed; the Hang Seng gets its own shade and dash so it is told apart from
# a US benchmark when both venues are shown.
BENCHMARK_STYLE = {"^HSI": ("#5f7898", "longdash")}
DEFAULT_BENCHMARK_STYLE = (BENCHMARK_COLOR, "dash")
SPAN_OPACITY = {"year": 0.05, "month": 0.09}   # the coarser the date, the lighter the shade
POINT_PRECISIONS = ("day",)


# --------------------------------------------------------------------------- text
def shorten(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def hover_safe(text: str, width: int = 70, limit: int = 160) -> str:
    """Shortened, HTML-escaped, wrapped with <br> for a Plotly hover label."""
    lines = textwrap.wrap(shorten(text, limit), width) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _as_date(value) -> dt.date:
    return pd.Timestamp(value).date()


# --------------------------------------------------------------------------- data prep
def price_lines(prices: Mapping[str, pd.DataFrame], start: dt.date, end: dt.date,
                scale: str = "rebased") -> pd.DataFrame:
    """Tidy frame of the lines to draw: ticker, date, value, close.

    `rebased`: Adj Close divided by its first value in the range, times 100 (so
    dividends count, as in the returns). `price`: the as-traded Close. Placeholder
    rows (zero-volume half days whose price is not trustworthy) are left out.
    """
    frames = []
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    for ticker, frame in prices.items():
        part = frame.loc[(frame.index >= lo) & (frame.index <= hi)]
        if "placeholder" in part:
            part = part.loc[~part["placeholder"].astype(bool)]
        part = part.dropna(subset=["Adj Close", "Close"])
        if part.empty:
            continue
        if scale == "rebased":
            value = part["Adj Close"] / part["Adj Close"].iloc[0] * 100.0
        else:
            value = part["Close"]
        frames.append(pd.DataFrame({
            "ticker": ticker,
            "date": part.index,
            "value": value.to_numpy(dtype=float),
            "close": part["Close"].to_numpy(dtype=float),
        }))
    if not frames:
        return pd.DataFrame(columns=["ticker", "date", "value", "close"])
    return pd.concat(frames, ignore_index=True)


def event_markers(events: pd.DataFrame, lines: pd.DataFrame,
                  company_of: Mapping[str, str | None]) -> pd.DataFrame:
    """Where each day-precision event sits on the chart.

    An event naming companies gets a point on the line of each shown listing of
    those companies, on the first trading day of that listing on or after the
    event date (a Saturday announcement moves to Monday). Events that land on the
    same listing and day become one point with a count. Sector-wide events (no
    company) are returned with ticker "" and are drawn as vertical lines.

    Columns: signal, ticker, date, value, close, count, event_ids, hover.
    """
    cols = ["signal", "ticker", "date", "value", "close", "count", "event_ids", "hover"]
    if events is None or events.empty or lines.empty:
        return pd.DataFrame(columns=cols)
    day_events = events.loc[events["precision"].isin(POINT_PRECISIONS)]
    last_day = lines["date"].max()
    first_day = lines["date"].min()
    by_ticker = {t: g.set_index("date").sort_index() for t, g in lines.groupby("ticker")}
    shown_company = {t: company_of.get(t) for t in by_ticker}
    placed: list[dict] = []
    for ev in day_events.itertuples(index=False):
        when = pd.Timestamp(ev.date)
        companies = split_joined(ev.companies)
        if not companies:
            if first_day <= when <= last_day:
                placed.append({"signal": ev.signal, "ticker": "", "date": when, "value": float("nan"),
                               "close": float("nan"), "ev": ev})
            continue
        for ticker, company in shown_company.items():
            if company is None or company not in companies:
                continue
            series = by_ticker[ticker]
            pos = series.index.searchsorted(when)
            if pos >= len(series) or (pos == 0 and when < series.index[0]):
                continue  # the event falls outside the listing's shown dates
            row = series.iloc[pos]
            placed.append({"signal": ev.signal, "ticker": ticker, "date": series.index[pos],
                           "value": float(row["value"]), "close": float(row["close"]), "ev": ev})
    if not placed:
        return pd.DataFrame(columns=cols)
    out = []
    frame = pd.DataFrame(placed)
    for (signal, ticker, date), group in frame.groupby(["signal", "ticker", "date"], sort=True):
        evs = [r for r in group["ev"]]
        out.append({
            "signal": signal, "ticker": ticker, "date": date,
            "value": group["value"].iloc[0], "close": group["close"].iloc[0],
            "count": len(evs),
            "event_ids": ";".join(str(e.event_id) for e in evs),
            "hover": _marker_hover(evs, ticker, date),
        })
    return pd.DataFrame(out, columns=cols)


def _marker_hover(evs: list, ticker: str, date: pd.Timestamp) -> str:
    head = f"<b>{date:%Y-%m-%d}</b>" + (f" · {html.escape(ticker)}" if ticker else " · whole sector")
    parts = [head]
    if len(evs) > 1:
        parts.append(f"<b>{len(evs)} events this day</b>")
    for ev in evs[:4]:
        companies = ", ".join(split_joined(ev.companies)) or "whole sector"
        sources = ", ".join(split_joined(ev.sources)) or "—"
        parts.append(
            f"<b>{html.escape(str(ev.signal))}</b> · {html.escape(companies)}"
            + (f" (announced {_as_date(ev.date):%a %d %b})" if _as_date(ev.date) != date.date() else "")
            + f"<br>“{hover_safe(ev.sentence)}”<br><i>Source: {html.escape(shorten(sources, 90))}</i>"
        )
    if len(evs) > 4:
        parts.append(f"… and {len(evs) - 4} more")
    return "<br>".join(parts)


def span_events(events: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Events dated only to a week, month or year (or a span) that overlap [start, end]."""
    if events is None or events.empty:
        return events.iloc[0:0] if events is not None else pd.DataFrame()
    coarse = events.loc[~events["precision"].isin(POINT_PRECISIONS)]
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    keep = (pd.to_datetime(coarse["end_date"]) >= lo) & (pd.to_datetime(coarse["date"]) <= hi)
    return coarse.loc[keep]


# --------------------------------------------------------------------------- landing chart
def _line_style(ticker: str, is_bench: bool) -> dict:
    if is_bench:
        color, dash = BENCHMARK_STYLE.get(ticker, DEFAULT_BENCHMARK_STYLE)
        return dict(color=color, width=1.4, dash=dash)
    return dict(color=LINE_COLORS.get(ticker), width=1.8, dash="solid")


def market_figure(lines: pd.DataFrame, events: pd.DataFrame, *,
                  labels: Mapping[str, str], company_of: Mapping[str, str | None],
                  currency_of: Mapping[str, str], benchmarks: Iterable[str] = (),
                  scale: str = "rebased", start: dt.date | None = None, end: dt.date | None = None,
                  selected_event: str | None = None, signals: Iterable[str] = SIGNAL_ORDER) -> go.Figure:
    """Prices (or rebased prices) of the shown listings with the events on top."""
    benchmarks = set(benchmarks)
    fig = go.Figure()
    if lines.empty:
        return empty_figure("No prices for this selection.")
    start = start or lines["date"].min().date()
    end = end or lines["date"].max().date()

    for ticker, g in lines.groupby("ticker", sort=False):
        is_bench = ticker in benchmarks
        cur = currency_of.get(ticker, "")
        name = labels.get(ticker, ticker)
        if scale == "price":
            name = f"{name} · {cur}"
            hover = f"%{{x|%Y-%m-%d}}<br>{html.escape(ticker)}: %{{y:,.2f}} {cur}<extra></extra>"
        else:
            hover = (f"%{{x|%Y-%m-%d}}<br>{html.escape(ticker)}: %{{y:.1f}} (rebased)"
                     f"<br>close %{{customdata:,.2f}} {cur}<extra></extra>")
        fig.add_trace(go.Scatter(
            x=g["date"].to_numpy(), y=g["value"].to_numpy(), customdata=g["close"].to_numpy(),
            mode="lines", name=name,
            line=_line_style(ticker, is_bench),
            hovertemplate=hover, legendgroup=f"line-{ticker}", legendrank=100 if not is_bench else 200,
        ))

    stock_lines = lines.loc[~lines["ticker"].isin(benchmarks)]
    y_lo, y_hi = float(lines["value"].min()), float(lines["value"].max())
    pad = (y_hi - y_lo) * 0.04 or 1.0
    top = y_hi + pad

    markers = event_markers(events, stock_lines, company_of)
    spans = span_events(events, start, end) if events is not None else pd.DataFrame()
    for signal in SIGNAL_ORDER:
        if signal not in signals:
            continue
        color = SIGNAL_COLORS[signal]
        m = markers.loc[markers["signal"] == signal] if not markers.empty else markers
        if m.empty and (spans.empty or not (spans["signal"] == signal).any()):
            continue
        sector = m.loc[m["ticker"] == ""] if not m.empty else m
        named = m.loc[m["ticker"] != ""] if not m.empty else m
        pts = pd.concat([named, sector.assign(value=top)], ignore_index=True) if not m.empty else m
        if not pts.empty:
            selected = pts["event_ids"].map(lambda ids: bool(selected_event) and selected_event in ids.split(";"))
            n_events = len({i for ids in pts["event_ids"] for i in ids.split(";")})
            fig.add_trace(go.Scatter(
                x=pts["date"], y=pts["value"], mode="markers+text",
                name=f"{signal.capitalize()} ({n_events})", legendgroup=f"sig-{signal}", legendrank=10,
                marker=dict(
                    color=color, size=[16 if c > 1 else 12 for c in pts["count"]],
                    symbol=["triangle-down" if t == "" else "circle" for t in pts["ticker"]],
                    line=dict(color=["#000000" if s else "#ffffff" for s in selected],
                              width=[3 if s else 1 for s in selected]),
                ),
                text=[str(c) if c > 1 else "" for c in pts["count"]],
                textposition="top center", textfont=dict(color=color, size=11),
                customdata=pts["event_ids"], hovertext=pts["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"signal": signal},
            ))
        if not sector.empty:
            xs, ys = [], []
            for d in sector["date"]:
                xs += [d, d, None]
                ys += [y_lo - pad, top, None]
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", showlegend=False, legendgroup=f"sig-{signal}",
                line=dict(color=color, width=1, dash="dot"), hoverinfo="skip", name=f"{signal} (sector-wide)",
            ))
        for ev in (spans.loc[spans["signal"] == signal].itertuples(index=False) if not spans.empty else []):
            s = max(pd.Timestamp(ev.date), pd.Timestamp(start))
            e = min(pd.Timestamp(ev.end_date), pd.Timestamp(end))
            label = (f"<b>{_as_date(ev.date):%Y-%m-%d} … {_as_date(ev.end_date):%Y-%m-%d}</b>"
                     f" ({html.escape(str(ev.precision))} precision) · <b>{html.escape(signal)}</b>"
                     f"<br>{html.escape(', '.join(split_joined(ev.companies)) or 'whole sector')}"
                     f"<br>“{hover_safe(ev.sentence)}”"
                     f"<br><i>Source: {html.escape(shorten(', '.join(split_joined(ev.sources)), 90))}</i>")
            fig.add_trace(go.Scatter(
                x=[s, s, e, e, s], y=[y_lo - pad, top, top, y_lo - pad, y_lo - pad],
                fill="toself", fillcolor=color, opacity=SPAN_OPACITY.get(ev.precision, 0.12), mode="none",
                hoveron="fills",
                hoverinfo="text", text=label, showlegend=False, legendgroup=f"sig-{signal}",
                name=f"{signal} ({ev.precision})",
            ))

    # Shaded spans go to the back: drawn over the markers, their fill would take the hover and
    # the click. (Markers are drawn after the price lines, so they sit on top of them.)
    fig.data = tuple(sorted(fig.data, key=lambda t: 0 if t.fill == "toself" else 1))
    currencies = sorted({currency_of.get(t, "") for t in stock_lines["ticker"].unique()} - {""})
    if scale == "price":
        y_title = f"Price ({' / '.join(currencies)}, as traded)" if currencies else "Price"
    else:
        y_title = "Rebased price (first day shown = 100)"
    fig.update_layout(
        height=520, margin=dict(l=10, r=10, t=30, b=10),
        hovermode="closest", hoverlabel=dict(align="left", bgcolor="white"),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0),
        xaxis=dict(title=None, range=[pd.Timestamp(start), pd.Timestamp(end)]),
        yaxis=dict(title=y_title, range=[y_lo - pad, top + pad]),
        clickmode="event+select",
    )
    return fig


def legend_label(listing) -> str:
    """'Alibaba · NYSE' for a stock (the ticker is in the hover), 'SPY (benchmark)' for a benchmark."""
    if listing.is_benchmark:
        name = "Hang Seng" if listing.ticker == "^HSI" else listing.ticker
        return f"{name} (benchmark)"
    return f"{listing.company} · {listing.exchange}"


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=html.escape(message), showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font=dict(size=15, color="#666"))
    fig.update_layout(height=300, xaxis=dict(visible=False), yaxis=dict(visible=False),
                      margin=dict(l=10, r=10, t=10, b=10))
    return fig


# --------------------------------------------------------------------------- event detail
def ar_path_figure(paths: pd.DataFrame, *, labels: Mapping[str, str],
                   window: tuple[int, int] = (-1, 1), title: str | None = None) -> go.Figure:
    """Cumulative abnormal return of one event, per listing, over event time −10…+10.

    `paths` has columns ticker, t, ar, car (fractions); the chosen window is shaded.
    """
    if paths is None or paths.empty:
        return empty_figure("No abnormal-return path for this event (see the notes below).")
    fig = go.Figure()
    lo, hi = window
    fig.add_vrect(x0=lo - 0.5, x1=hi + 0.5, fillcolor="#999", opacity=0.12, line_width=0,
                  annotation_text=f"window {window_label(window)}", annotation_position="top left")
    fig.add_hline(y=0, line=dict(color="#999", width=1))
    fig.add_vline(x=0, line=dict(color="#999", width=1, dash="dot"))
    for ticker, g in paths.sort_values("t").groupby("ticker", sort=False):
        fig.add_trace(go.Scatter(
            x=g["t"], y=g["car"] * 100, mode="lines+markers", name=labels.get(ticker, ticker),
            line=dict(color=LINE_COLORS.get(ticker)), customdata=g["ar"] * 100,
            hovertemplate=(f"{html.escape(ticker)} day %{{x:+d}}<br>CAR %{{y:.2f}}%"
                           "<br>AR that day %{customdata:.2f}%<extra></extra>"),
        ))
    fig.update_layout(
        height=420, margin=dict(l=10, r=10, t=50 if title else 20, b=10),
        title=dict(text=html.escape(title), y=0.98, yanchor="top") if title else None,
        xaxis=dict(title="Trading days relative to the event (day 0)", dtick=2, zeroline=False,
                   range=[-10.5, 10.5]),
        yaxis=dict(title="CAR since day −10 (%)", ticksuffix="%"),
        legend=dict(orientation="h", yanchor="top", y=-0.22, x=0),   # below: the mode bar sits on top
        hovermode="x unified",
    )
    return fig


# --------------------------------------------------------------------------- event study
def caar_path_figure(path: pd.DataFrame, *, level: float = 0.95) -> go.Figure:
    """Average CAR by signal over event time, with its confidence band.

    `path` has columns signal, t, caar, lo, hi (fractions), as from
    analysis.eventstudy.caar_path.
    """
    if path is None or path.empty:
        return empty_figure("No events with enough price data for this selection.")
    fig = go.Figure()
    fig.add_hline(y=0, line=dict(color="#999", width=1))
    fig.add_vline(x=0, line=dict(color="#999", width=1, dash="dot"))
    for signal in SIGNAL_ORDER:
        g = path.loc[path["signal"] == signal].sort_values("t")
        if g.empty:
            continue
        color = SIGNAL_COLORS[signal]
        n = f" (n={int(g['n'].max())})" if "n" in g else ""
        fig.add_trace(go.Scatter(
            x=list(g["t"]) + list(g["t"])[::-1],
            y=list(g["hi"] * 100) + list(g["lo"] * 100)[::-1],
            fill="toself", fillcolor=color, opacity=0.12, line=dict(width=0), mode="lines",
            hoverinfo="skip", showlegend=False, legendgroup=signal, name=f"{signal} band",
        ))
        fig.add_trace(go.Scatter(
            x=g["t"], y=g["caar"] * 100, mode="lines+markers", name=f"{signal.capitalize()}{n}",
            line=dict(color=color, width=2), legendgroup=signal,
            customdata=list(zip(g["lo"] * 100, g["hi"] * 100)),
            hovertemplate=(f"{signal} day %{{x:+d}}<br>CAAR %{{y:.2f}}%"
                           f"<br>{level:.0%} band %{{customdata[0]:.2f}}% … %{{customdata[1]:.2f}}%<extra></extra>"),
        ))
    fig.update_layout(
        height=420, margin=dict(l=10, r=10, t=30, b=10),
        xaxis=dict(title="Trading days relative to the event (day 0)", dtick=1, zeroline=False,
                   range=[-10.5, 10.5]),
        yaxis=dict(title="Average cumulative abnormal return (%)", ticksuffix="%"),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0),
        hovermode="x unified",
    )
    return fig

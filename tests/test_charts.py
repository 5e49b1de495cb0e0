"""Figure builders on small hand-built frames: right traces, right places, right text."""
import datetime as dt

import pandas as pd
import pytest

from analysis.charts import (SIGNAL_COLORS, ar_path_figure, caar_path_figure, event_markers,
                             hover_safe, market_figure, price_lines)

COMPANY_OF = {"BABA": "Alibaba", "0700.HK": "Tencent", "SPY": None}
LABELS = {"BABA": "BABA (Alibaba)", "0700.HK": "0700.HK (Tencent)", "SPY": "SPY (benchmark)"}
CURRENCY = {"BABA": "USD", "0700.HK": "HKD", "SPY": "USD"}


def _prices(ticker, closes, start="2021-04-05", adj_factor=1.0, placeholder_at=None):
    idx = pd.bdate_range(start, periods=len(closes), name="Date")
    frame = pd.DataFrame({"Close": closes, "Adj Close": [c * adj_factor for c in closes]}, index=idx)
    frame["placeholder"] = False
    if placeholder_at is not None:
        frame.iloc[placeholder_at, frame.columns.get_loc("placeholder")] = True
    return frame


PRICES = {
    "BABA": _prices("BABA", [200.0, 210.0, 220.0, 230.0, 240.0, 250.0, 260.0, 270.0], adj_factor=0.5),
    "0700.HK": _prices("0700.HK", [600.0, 590.0, 580.0, 570.0, 560.0, 550.0, 540.0, 530.0]),
    "SPY": _prices("SPY", [400.0, 401.0, 402.0, 403.0, 404.0, 405.0, 406.0, 407.0]),
}
START, END = dt.date(2021, 4, 5), dt.date(2021, 4, 14)


def _event(event_id, date, signal, companies, sentence, precision="day", end_date=None, sources="Reuters"):
    return {"event_id": event_id, "date": pd.Timestamp(date), "end_date": pd.Timestamp(end_date or date),
            "precision": precision, "signal": signal, "companies": companies, "confidence": 0.8,
            "articles": "a.txt", "sources": sources, "n_sources": 1, "sentence": sentence,
            "cue": "fined", "mixed": False}


EVENTS = pd.DataFrame([
    # Saturday 10 April 2021: the SAMR fine; must land on Monday 12 April
    _event("E00000001", "2021-04-10", "crackdown", "Alibaba",
           "The State Administration for Market Regulation fined Alibaba 18.2 billion yuan on Saturday."),
    _event("E00000002", "2021-04-12", "easing", "Alibaba;Tencent", "Regulators said the probe had ended."),
    _event("E00000003", "2021-04-12", "crackdown", "Alibaba", "A second crackdown story the same day."),
    _event("E00000004", "2021-04-07", "neutral", "", "Beijing summoned 34 internet platforms."),
    _event("E00000005", "2021-04-01", "crackdown", "Tencent", "Month-level story.", precision="month",
           end_date="2021-04-30"),
])


def _lines(scale="rebased"):
    return price_lines(PRICES, START, END, scale)


def _figure(**kw):
    scale = kw.pop("scale", "rebased")
    return market_figure(_lines(scale), EVENTS, labels=LABELS, company_of=COMPANY_OF, currency_of=CURRENCY,
                         benchmarks=["SPY"], start=START, end=END, scale=scale, **kw)


def test_price_lines_rebase_to_100_and_skip_placeholders():
    prices = dict(PRICES, BABA=_prices("BABA", [200.0, 210.0, 999.0, 220.0], adj_factor=0.5, placeholder_at=2))
    lines = price_lines(prices, START, END, "rebased")
    baba = lines.loc[lines["ticker"] == "BABA"]
    assert baba["value"].iloc[0] == pytest.approx(100.0)
    assert baba["value"].tolist() == pytest.approx([100.0, 105.0, 110.0])
    assert 999.0 not in baba["close"].tolist()
    raw = price_lines(prices, START, END, "price")
    assert raw.loc[raw["ticker"] == "BABA", "value"].tolist() == [200.0, 210.0, 220.0]


def test_one_marker_trace_per_signal_with_signal_colours():
    fig = _figure()
    marker_traces = [t for t in fig.data if t.mode and "markers" in t.mode]
    names = sorted(t.meta["signal"] for t in marker_traces)
    assert names == ["crackdown", "easing", "neutral"]
    for t in marker_traces:
        assert t.marker.color == SIGNAL_COLORS[t.meta["signal"]]
        assert t.showlegend is not False


def test_markers_sit_on_next_trading_day_and_on_the_price():
    fig = _figure(scale="price")
    crack = next(t for t in fig.data if t.meta and t.meta.get("signal") == "crackdown")
    points = {(pd.Timestamp(x).date(), y, c) for x, y, c in zip(crack.x, crack.y, crack.customdata)}
    # Saturday's fine and Monday's story land on the same BABA point: one marker, count 2
    assert (dt.date(2021, 4, 12), 250.0, "E00000001;E00000003") in points
    assert len(points) == 1
    assert list(crack.text) == ["2"]
    easing = next(t for t in fig.data if t.meta and t.meta.get("signal") == "easing")
    placed = sorted((pd.Timestamp(x).date(), y) for x, y in zip(easing.x, easing.y))
    assert placed == [(dt.date(2021, 4, 12), 250.0), (dt.date(2021, 4, 12), 550.0)]


def test_rebased_markers_use_rebased_values():
    fig = _figure()
    crack = next(t for t in fig.data if t.meta and t.meta.get("signal") == "crackdown")
    assert list(crack.y) == [pytest.approx(125.0)]  # 250 / 200 * 100 (Adj Close)


def test_hover_carries_escaped_evidence_sentence_and_source():
    fig = _figure()
    crack = next(t for t in fig.data if t.meta and t.meta.get("signal") == "crackdown")
    hover = crack.hovertext[0].replace("<br>", " ")
    assert "fined Alibaba 18.2 billion" in hover
    assert "Reuters" in hover and "2 events this day" in hover
    assert "announced Sat 10 Apr" in hover
    nasty = hover_safe("<script>alert(1)</script> & <img src=x onerror=alert(2)>")
    assert "<script>" not in nasty and "<img" not in nasty and "&lt;script&gt;" in nasty


def test_sector_wide_event_is_a_vertical_line_and_month_event_a_span():
    fig = _figure()
    neutral_lines = [t for t in fig.data if t.mode == "lines" and t.legendgroup == "sig-neutral"]
    assert len(neutral_lines) == 1
    xs = [pd.Timestamp(x).date() for x in neutral_lines[0].x if x is not None]
    assert xs == [dt.date(2021, 4, 7)] * 2
    spans = [t for t in fig.data if t.fill == "toself" and t.legendgroup == "sig-crackdown"]
    assert len(spans) == 1
    assert pd.Timestamp(spans[0].x[0]).date() == dt.date(2021, 4, 5)   # clipped to the chart
    assert "Month-level story." in spans[0].text
    assert not any(t.mode and "markers" in t.mode and "Month-level" in " ".join(list(t.hovertext))
                   for t in fig.data)


def test_benchmark_is_dashed_and_axis_names_currency():
    fig = _figure(scale="price")
    spy = next(t for t in fig.data if t.name.startswith("SPY"))
    assert spy.line.dash == "dash"
    assert "USD" in fig.layout.yaxis.title.text and "HKD" in fig.layout.yaxis.title.text
    assert "100" in _figure().layout.yaxis.title.text


def test_two_benchmarks_are_told_apart():
    from analysis.charts import _line_style

    spy, hsi = _line_style("SPY", True), _line_style("^HSI", True)
    assert "dash" in spy["dash"] and "dash" in hsi["dash"]
    assert (spy["color"], spy["dash"]) != (hsi["color"], hsi["dash"])
    assert _line_style("BABA", False)["dash"] == "solid"


def test_selected_event_is_outlined_and_signals_filter_traces():
    fig = _figure(selected_event="E00000002", signals=("easing",))
    marker_traces = [t for t in fig.data if t.mode and "markers" in t.mode]
    assert [t.meta["signal"] for t in marker_traces] == ["easing"]
    assert list(marker_traces[0].marker.line.width) == [3, 3]


def test_event_outside_the_dates_is_not_drawn():
    late = pd.DataFrame([_event("E9", "2022-01-03", "crackdown", "Alibaba", "Later.")])
    assert event_markers(late, _lines(), COMPANY_OF).empty


def test_path_and_caar_figures():
    paths = pd.DataFrame({"ticker": ["BABA"] * 3, "t": [-1, 0, 1], "ar": [0.01, -0.05, 0.02],
                          "car": [0.01, -0.04, -0.02]})
    fig = ar_path_figure(paths, labels=LABELS, window=(-1, 1))
    assert list(fig.data[0].y) == pytest.approx([1.0, -4.0, -2.0])
    assert "%" in fig.layout.yaxis.title.text
    path = pd.DataFrame({"signal": ["crackdown"] * 2 + ["easing"] * 2, "t": [0, 1, 0, 1],
                         "caar": [-0.01, -0.02, 0.01, 0.03], "lo": [-0.02, -0.04, 0.0, 0.01],
                         "hi": [0.0, 0.0, 0.02, 0.05]})
    fig = caar_path_figure(path)
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [t.name for t in lines] == ["Crackdown", "Easing"]
    band = next(t for t in fig.data if t.name == "crackdown band")
    assert list(band.y) == pytest.approx([0.0, 0.0, -4.0, -2.0])


def test_empty_inputs_give_a_message_not_an_error():
    fig = market_figure(price_lines({}, START, END), EVENTS, labels={}, company_of={}, currency_of={})
    assert "No prices" in fig.layout.annotations[0].text
    assert "No abnormal" in ar_path_figure(pd.DataFrame(), labels={}).layout.annotations[0].text


def test_spans_are_behind_everything_so_markers_get_the_clicks():
    fig = _figure()
    fills = [i for i, t in enumerate(fig.data) if t.fill == "toself"]
    others = [i for i, t in enumerate(fig.data) if t.fill != "toself"]
    assert fills and max(fills) < min(others)
    markers = [i for i, t in enumerate(fig.data) if t.mode and "markers" in t.mode]
    lines = [i for i, t in enumerate(fig.data) if t.mode == "lines" and not t.legendgroup.startswith("sig-")]
    assert min(markers) > max(lines)     # markers drawn on top of the price lines


def test_real_event_on_real_prices():
    """The Hangzhou officials' visit (Sunday 18 Dec 2022) sits on BABA's Monday 19 Dec close."""
    from analysis.charts import legend_label
    from analysis.corpus import load_corpus
    from analysis.events import merge_events
    from analysis.extract import extract_events
    from analysis.listings import LISTINGS
    from analysis.market import prices_for

    events = merge_events(extract_events(load_corpus().articles))
    visit = events.loc[(events["date"] == "2022-12-18") & (events["signal"] == "easing")
                       & (events["precision"] == "day")]
    assert len(visit) == 1 and "Alibaba" in visit["companies"].iloc[0]
    event_id = visit["event_id"].iloc[0]
    start, end = dt.date(2022, 12, 1), dt.date(2023, 1, 31)
    prices = {"BABA": prices_for("BABA"), "0700.HK": prices_for("0700.HK")}
    fig = market_figure(price_lines(prices, start, end, "price"), visit, scale="price", start=start, end=end,
                        labels={t: legend_label(LISTINGS[t]) for t in prices},
                        company_of={t: LISTINGS[t].company for t in prices},
                        currency_of={t: LISTINGS[t].currency for t in prices})
    easing = next(t for t in fig.data if t.meta and t.meta.get("signal") == "easing")
    assert list(easing.customdata) == [event_id]                     # BABA only: Tencent is not named
    assert pd.Timestamp(easing.x[0]).date() == dt.date(2022, 12, 19)
    assert easing.y[0] == pytest.approx(float(prices["BABA"].loc["2022-12-19", "Close"]))
    assert "Hangzhou" in easing.hovertext[0]

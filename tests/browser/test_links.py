"""Shareable links in a real browser: a link opens its view, the view writes itself back to the
address bar, the filters survive moving between pages, and a bad link still opens."""
from __future__ import annotations

import pytest

from analysis.listings import LISTINGS

from .app_dom import (click_marker, click_pill, date_value, main_area, nav_to, pills_selected, plotly_data,
                      price_line_tickers, query_value, url_path)
from .harness import goto, new_page

LINK = "/?companies=Alibaba,JD&venue=both&start=2021-01-04&end=2022-06-30&signals=crackdown"


def companies_drawn(traces) -> set[str]:
    """Companies whose stock listings have a price line on the chart (benchmarks left out)."""
    return {LISTINGS[t].company for t in price_line_tickers(traces) if not LISTINGS[t].is_benchmark}


def first_and_last_day(traces) -> tuple[str, str]:
    days = [x[:10] for t in traces if (t.get("legendgroup") or "").startswith("line-") for x in t["x"]]
    return min(days), max(days)


def test_a_link_opens_its_view(page, app_url):
    goto(page, app_url + LINK, need_chart=True)

    assert pills_selected(page, "Companies") == ["Alibaba", "JD"]
    assert pills_selected(page, "Signals") == ["Crackdown"]
    assert date_value(page, "From") == "2021-01-04"
    assert date_value(page, "To") == "2022-06-30"
    traces = plotly_data(page)
    assert companies_drawn(traces) == {"Alibaba", "JD"}
    first, last = first_and_last_day(traces)
    assert "2021-01-04" <= first <= "2021-01-08" and "2022-06-24" <= last <= "2022-06-30"
    assert "signals=crackdown" in page.url and query_value(page, "start") == "2021-01-04"


def test_changing_a_filter_changes_the_url_and_the_chart(page, app_url):
    goto(page, app_url + LINK, need_chart=True)

    click_pill(page, "Companies", "Tencent")
    assert query_value(page, "companies") == "Alibaba,Tencent,JD"
    assert companies_drawn(plotly_data(page)) == {"Alibaba", "Tencent", "JD"}

    click_pill(page, "Venue", "Hong Kong")
    assert query_value(page, "venue") == "HK"
    tickers = price_line_tickers(plotly_data(page))
    assert tickers and all(LISTINGS[t].venue == "HK" for t in tickers)
    # the rest of the view is untouched
    assert query_value(page, "start") == "2021-01-04" and query_value(page, "signals") == "crackdown"


@pytest.mark.parametrize("other_page", ["Event study", "Articles", "Data & method"])
def test_moving_between_pages_keeps_the_filters(page, app_url, other_page):
    goto(page, app_url + LINK, need_chart=True)
    click_pill(page, "Companies", "Meituan")
    landing = url_path(page)

    nav_to(page, other_page)
    assert url_path(page) != landing
    assert query_value(page, "companies") == "Alibaba,JD,Meituan"
    assert query_value(page, "start") == "2021-01-04" and query_value(page, "end") == "2022-06-30"
    assert pills_selected(page, "Companies") == ["Alibaba", "JD", "Meituan"]
    assert date_value(page, "From") == "2021-01-04"

    nav_to(page, "Market reactions")
    assert url_path(page) == landing
    assert query_value(page, "companies") == "Alibaba,JD,Meituan"
    assert companies_drawn(plotly_data(page)) == {"Alibaba", "JD", "Meituan"}


def test_a_malformed_link_gives_one_note_and_still_draws(page, app_url):
    goto(page, app_url + "/?companies=FOO&start=notadate", need_chart=True)

    alerts = main_area(page).get_by_test_id("stAlert")
    notes = [text for text in alerts.all_inner_texts() if "FOO" in text or "notadate" in text]
    assert len(notes) == 1, alerts.all_inner_texts()
    assert "FOO" in notes[0] and "notadate" in notes[0]
    traces = plotly_data(page)
    assert companies_drawn(traces), "the page should still draw the default companies"
    assert "FOO" not in page.url and "notadate" not in page.url


def test_a_clicked_marker_opens_its_event_and_the_link_reopens_it(page, browser, app_url):
    goto(page, app_url + "/?companies=Alibaba&venue=US&start=2022-10-01&end=2023-03-31&conf=0", need_chart=True)
    traces = plotly_data(page)
    index, trace = next((i, t) for i, t in enumerate(traces)
                        if isinstance(t.get("meta"), dict) and "signal" in t["meta"])
    event_id = str(trace["customdata"][0]).split(";")[0]
    assert query_value(page, "event") is None

    click_marker(page, index, 0)
    assert query_value(page, "event") == event_id
    evidence = main_area(page).locator("blockquote").first.inner_text()
    assert evidence.strip()

    # the copied address opens the same event in another browser session
    other = new_page(browser)
    try:
        goto(other, page.url, need_chart=True)
        assert query_value(other, "event") == event_id
        assert other.get_by_test_id("stMain").locator("blockquote").first.inner_text() == evidence
    finally:
        other.context.close()

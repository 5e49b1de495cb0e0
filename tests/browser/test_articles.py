"""Adding an article in a real browser: hostile markup stays text, a real event reaches the chart.

Both tests stay in one browser session from the add to the checks (added articles live in
that session only), moving with the app's own navigation, never with a fresh page load.
"""
from __future__ import annotations

import re

from .app_dom import form, main_area, nav_to, plotly_data, signal_marker_traces, type_date
from .harness import goto, new_page, rerun

SUBMIT = "Extract events"
SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=2">'
HOSTILE_TEXT = (
    "Markup test from the browser suite.\n\n"
    f"{SCRIPT}\n\n"
    f"On Tuesday regulators fined Alibaba {IMG} for anti-competitive practices.\n\n"
    "<svg onload=\"alert('svg')\"></svg> <a href=\"javascript:alert('link')\">a link</a>"
)
HOSTILE_TITLE = 'Probe <img src=y onerror="window.__xss=3;alert(3)"> update'
HOSTILE_SOURCE = "Desk <script>window.__xss=4</script>"

VALID_TEXT = "On Tuesday regulators fined Alibaba for anti-competitive practices."
PUBLISHED = "2021-06-09"          # a Wednesday: "Tuesday" is 2021-06-08
EVENT_DAY = "2021-06-08"
LANDING = "/?companies=Alibaba&venue=US&start=2021-05-03&end=2021-07-30&signals=crackdown,easing,neutral&conf=0"


def add_article(page, *, title: str, source: str, published: str, text: str) -> None:
    box = form(page, SUBMIT)
    box.get_by_role("textbox", name="Title", exact=True).fill(title)
    box.get_by_role("textbox", name="Source", exact=True).fill(source)
    type_date(box.get_by_test_id("stDateInput"), published)
    box.get_by_role("textbox", name="Article text", exact=True).fill(text)
    rerun(page, box.get_by_role("button", name=SUBMIT).click)


def assert_nothing_ran(page) -> None:
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    assert page.dialogs == []
    # the markup never became live elements
    assert page.locator('img[src="x"], img[src="y"]').count() == 0
    assert page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('__xss'))") is False
    assert page.locator("svg[onload]").count() == 0


def test_pasted_markup_runs_nothing_and_shows_as_text(page, app_url):
    goto(page, app_url + "/articles")
    add_article(page, title=HOSTILE_TITLE, source=HOSTILE_SOURCE, published=PUBLISHED, text=HOSTILE_TEXT)
    success = main_area(page).get_by_test_id("stAlert").filter(has_text="Added 1 article")
    assert success.count() == 1, main_area(page).get_by_test_id("stAlert").all_inner_texts()
    assert_nothing_ran(page)

    # the pages that show article text or its events: chart (hover text, events table) and reader
    nav_to(page, "Market reactions")
    assert_nothing_ran(page)
    nav_to(page, "Articles")
    reader = main_area(page)
    for literal in (SCRIPT, 'onerror="window.__xss=2"', "<svg onload=", HOSTILE_TITLE):
        shown = reader.get_by_text(literal, exact=False).filter(visible=True)
        assert shown.count() >= 1, f"{literal!r} is not shown as text"
    assert_nothing_ran(page)
    assert page.page_errors == []


def events_in_view_count(page) -> int:
    heading = main_area(page).get_by_text(re.compile(r"^Events in view \(\d+\)$")).first
    return int(re.search(r"\((\d+)\)", heading.inner_text()).group(1))


def markers_by_day(traces) -> dict[str, set[str]]:
    """Event ids of every marker point on the landing chart, by ISO day."""
    out: dict[str, set[str]] = {}
    for trace in signal_marker_traces(traces).values():
        for x, ids in zip(trace["x"], trace["customdata"] or []):
            out.setdefault(x[:10], set()).update(str(ids).split(";"))
    return out


def test_an_added_article_puts_its_event_on_the_chart_for_its_session_only(page, browser, app_url):
    goto(page, app_url + LANDING, need_chart=True)
    before = markers_by_day(plotly_data(page))
    count_before = events_in_view_count(page)
    known_ids = set().union(*before.values()) if before else set()

    nav_to(page, "Articles")
    add_article(page, title="Regulators fine Alibaba", source="Browser test desk", published=PUBLISHED,
                text=VALID_TEXT)
    nav_to(page, "Market reactions")

    traces = plotly_data(page)
    after = markers_by_day(traces)
    new_ids = after.get(EVENT_DAY, set()) - known_ids
    assert new_ids, f"no new event marker on {EVENT_DAY}; markers on: {sorted(after)}"
    assert events_in_view_count(page) == count_before + 1

    # the marker sits on the Alibaba (NYSE) price line that day, in the crackdown trace
    found = {signal: [(x, y) for x, y, ids in zip(t["x"], t["y"], t["customdata"])
                      if x.startswith(EVENT_DAY) and set(str(ids).split(";")) & new_ids]
             for signal, t in signal_marker_traces(traces).items()}
    points = found.get("crackdown")
    assert points, f"the new event is not in the crackdown marker trace: {found}"
    line = next(t for t in traces if t.get("legendgroup") == "line-BABA")
    line_value = dict((x[:10], y) for x, y in zip(line["x"], line["y"]))[EVENT_DAY]
    assert any(abs(y - line_value) < 1e-6 for _, y in points)

    # another visitor opening the same address does not see it
    other = new_page(browser)
    try:
        goto(other, page.url, need_chart=True)
        assert not markers_by_day(plotly_data(other)).get(EVENT_DAY, set()) & new_ids
        assert events_in_view_count(other) == count_before
    finally:
        other.context.close()

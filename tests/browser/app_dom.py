"""Reading and driving the dashboard's widgets through Streamlit's stable DOM hooks.

Only `data-testid`s, ARIA roles and the widget labels the app gives (ui/sidebar.py) are
used, never generated CSS classes, so a Streamlit upgrade or a restyle does not break
the tests. Every driver waits for the rerun it causes to finish (harness.rerun).
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from .harness import rerun

# The legend group charts.market_figure gives each price line: "line-<ticker>".
LINE_GROUP_PREFIX = "line-"

PLOTLY_DATA_JS = """
(chart) => {
  const gd = chart.querySelector('.js-plotly-plot');
  if (!gd || !gd.data) return null;
  return gd.data.map((t) => ({
    name: t.name ?? null, mode: t.mode ?? null, legendgroup: t.legendgroup ?? null,
    showlegend: t.showlegend ?? null, dash: (t.line && t.line.dash) || null,
    x: Array.from(t.x || []), y: Array.from(t.y || []),
    customdata: t.customdata ? Array.from(t.customdata) : null,
    hovertext: t.hovertext ? Array.from(t.hovertext) : null,
    meta: t.meta ?? null,
  }));
}
"""


def query(page) -> dict[str, list[str]]:
    """The address bar's query parameters (values as lists, like parse_qs)."""
    return parse_qs(urlsplit(page.url).query, keep_blank_values=True)


def query_value(page, key: str) -> str | None:
    values = query(page).get(key)
    return values[-1] if values else None


def url_path(page) -> str:
    return urlsplit(page.url).path


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def pills(page, label: str):
    """The pills / segmented control group labelled `label` in the sidebar."""
    return sidebar(page).locator(f'[data-testid="stButtonGroup"] [aria-label="{label}"]')


def pills_selected(page, label: str) -> list[str]:
    """Text of the chosen options of a pills or segmented-control widget, in screen order."""
    group = pills(page, label)
    chosen = group.locator('button[aria-pressed="true"], button[aria-checked="true"]')
    # the option text sits in a markdown container; an icon (emoji) next to it is left out
    return [text.strip() for text in chosen.get_by_test_id("stMarkdownContainer").all_inner_texts()]


def click_pill(page, label: str, option: str) -> None:
    """Toggle one option of a pills widget (or pick one of a segmented control); waits for the rerun."""
    button = pills(page, label).locator("button").filter(has_text=option).first
    rerun(page, button.click)


def date_value(page, label: str) -> str:
    """ISO value of the sidebar date input labelled `label`."""
    widget = sidebar(page).get_by_test_id("stDateInput").filter(has=page.locator(f'[aria-label="{label}"]'))
    return widget.locator('input[type="date"]').first.input_value()


def nav_to(page, title: str) -> None:
    """Move to another page with the app's own sidebar navigation; waits for its run."""
    link = page.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink").filter(has_text=title).first
    rerun(page, link.click)


def main_area(page):
    return page.get_by_test_id("stMain")


def plotly_data(page, index: int = 0) -> list[dict]:
    """The traces of the index-th Plotly chart as plotly.js holds them (gd.data)."""
    chart = page.get_by_test_id("stPlotlyChart").nth(index)
    chart.locator(".js-plotly-plot .main-svg").first.wait_for()
    return chart.evaluate(PLOTLY_DATA_JS)


def price_line_tickers(traces: list[dict]) -> set[str]:
    """Tickers of the price lines drawn (stocks and benchmarks) on the landing chart."""
    return {t["legendgroup"][len(LINE_GROUP_PREFIX):] for t in traces
            if (t.get("legendgroup") or "").startswith(LINE_GROUP_PREFIX)}


def signal_marker_traces(traces: list[dict]) -> dict[str, dict]:
    """The event marker trace of each signal (charts.market_figure puts meta.signal on them)."""
    return {t["meta"]["signal"]: t for t in traces
            if isinstance(t.get("meta"), dict) and "signal" in t["meta"]}

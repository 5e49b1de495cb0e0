"""Reading and driving the dashboard's widgets through Streamlit's stable DOM hooks.

Only `data-testid`s, ARIA roles and the widget labels the app gives (ui/sidebar.py) are
used, never generated CSS classes, so a Streamlit upgrade or a restyle does not break
the tests. Every driver waits for the rerun it causes to finish (harness.rerun).
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from .harness import rerun

# The legend group charts.market_figure gives each price line: "line-<ticker>".
LINE_GROUP_PREFIX = "line-"

PLOTLY_DATA_JS = """
(chart) => {
  const gd = chart.querySelector('.js-plotly-plot');
  if (!gd || !gd.data) return null;
  // plotly.py sends numeric arrays base64-encoded ({dtype, bdata}); gd.data keeps them so
  const TYPED = {f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array,
                 u2: Uint16Array, i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray};
  const values = (v) => {
    if (v == null) return null;
    if (v.bdata !== undefined && v.dtype) {
      const bytes = Uint8Array.from(atob(v.bdata), (c) => c.charCodeAt(0));
      return Array.from(new TYPED[v.dtype](bytes.buffer));
    }
    return Array.from(v);
  };
  return gd.data.map((t) => ({
    name: t.name ?? null, mode: t.mode ?? null, legendgroup: t.legendgroup ?? null,
    showlegend: t.showlegend ?? null, dash: (t.line && t.line.dash) || null,
    x: values(t.x) || [], y: values(t.y) || [], customdata: values(t.customdata),
    hovertext: values(t.hovertext), meta: t.meta ?? null,
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
    # the option text sits in a markdown container; a leading icon or coloured dot is left out
    texts = chosen.get_by_test_id("stMarkdownContainer").all_inner_texts()
    return [re.sub(r"^[^\w]+", "", text).strip() for text in texts]


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


def type_date(date_input, iso: str) -> None:
    """Type an ISO date into a Streamlit date input (YYYY-MM-DD format) segment by segment."""
    date_input.locator('[role="spinbutton"]').first.click()
    date_input.page.keyboard.type(iso.replace("-", ""))


def form(page, key_text: str):
    """The st.form whose content holds `key_text` (e.g. its submit button's label)."""
    return page.get_by_test_id("stForm").filter(has_text=key_text).first



def click_marker(page, trace_index: int, point_index: int, chart_index: int = 0) -> None:
    """Click one point of a marker trace the way a person does: hover it, then click; waits for the rerun.

    The click lands 3 px above the marker's centre: an event marker sits exactly on a price
    line's point, and at zero distance plotly's "closest" hover picks the line (drawn first);
    anywhere else on the marker the marker wins.
    """
    chart = page.get_by_test_id("stPlotlyChart").nth(chart_index)
    point = chart.locator(".scatterlayer .trace").nth(trace_index).locator("path.point").nth(point_index)
    box = point.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 - 3
    page.mouse.move(x, y)
    chart.locator(".hoverlayer .hovertext").first.wait_for()
    rerun(page, lambda: page.mouse.click(x, y))

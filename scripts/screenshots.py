"""Screenshots of every page at 1400x900 in headless Chromium, into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Starts the app on a free port (the same harness as the browser tests), opens each
view by its link, waits until Streamlit is idle and saves a PNG.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from analysis.corpus import load_corpus  # noqa: E402
from analysis.events import merge_events  # noqa: E402
from analysis.extract import extract_events  # noqa: E402
from tests.browser.harness import StreamlitServer, goto, launch_chromium, new_page  # noqa: E402


def _views() -> list[tuple[str, str, bool, str | None]]:
    """(file name, path, has a chart, text to scroll to or None)."""
    events = merge_events(extract_events(load_corpus().articles))
    day = events.loc[(events["precision"] == "day") & (events["companies"].str.contains("Alibaba"))]
    event = day.iloc[0]["event_id"] if len(day) else None
    article = load_corpus().articles[0].id
    views = [
        ("1_market", "/", True, None),
        ("3_event_study", "/event-study", True, None),
        ("3b_event_study_table", "/event-study", True, "CAR per event and listing"),
        ("4_articles", f"/articles?article={article}", False, None),
        ("4b_articles_add", "/articles", False, "Add an article"),
        ("5_data_method", "/data", False, None),
        ("5b_data_sources", "/data", False, "Source and vintage of each series"),
        ("6_bad_link", "/?companies=FOO&start=notadate&venue=US", True, None),
    ]
    if event:
        link = f"/?event={event}&start=2022-06-01&end=2023-09-29"
        views.insert(1, ("2_market_event", link, True, "Rebased: adjusted close"))
        views.insert(2, ("2b_market_event_detail", link, True, "Signal decided by"))
    return views


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--full-page", action="store_true", help="capture the whole scrollable page")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with StreamlitServer(ROOT / "app.py") as server, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for name, path, chart, scroll_to in _views():
            page = new_page(browser)
            goto(page, server.url + path, need_chart=chart)
            if scroll_to:
                page.get_by_text(scroll_to).first.scroll_into_view_if_needed()
                page.mouse.move(800, 450)
                page.mouse.wheel(0, 250)
                page.mouse.move(1395, 5)   # off the chart: no hover label or mode bar in the picture
            page.wait_for_timeout(1200)   # let canvas tables and Plotly finish painting
            target = args.out / f"{name}.png"
            page.screenshot(path=str(target), full_page=args.full_page)
            print(f"{target}  <- {path}")
            page.context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How fast the dashboard opens and re-renders in a real browser, next to a bare Streamlit page.

Usage:  .venv/bin/python benchmarks/bench_app.py [--runs 5] [--breakdown]

For the dashboard (app.py) and for benchmarks/baseline_app.py (one Plotly chart, one
sidebar pills widget), each started with `streamlit run` on a free port and opened in
headless Debian Chromium at 1400x900:

  first load     the very first visit (cold caches: spaCy, the corpus, prices); shown only
  second load    reload the landing page and time, from navigation start, until the Plotly
                 chart is drawn and the script run is over (then confirmed idle: nothing
                 stale, no running indicator, for a quiet period that is not counted)
  filter change  remove or re-add one company in the sidebar (a click on its pill) and time, from the
                 mouse press, until the rerun is over and the chart has been redrawn

Each figure is the median of --runs repetitions (min and max shown too); the ratio is
dashboard / baseline. The issue's targets: second load < 3 s, filter change < 0.5 s.
--breakdown prints where the time goes (medians over the runs): for a load, when the page's
static files were in (DOMContentLoaded), when the script run started and ended and when the
chart was first drawn; for a filter change, when the rerun started and ended and when the
chart was last redrawn.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.harness import (  # noqa: E402
    CHROMIUM, QUIET_MS, StreamlitServer, goto, launch_chromium, new_page, runs_finished, wait_idle,
)

TARGETS = {"second load": 3.0, "filter change": 0.5}

# Time of the last mouse press, taken in the page so the figure starts at the user's action.
PRESS_TRACKER_JS = """
() => { if (!window.__pressHooked) { window.__pressHooked = true;
  document.addEventListener('pointerdown', () => { window.__pressAt = performance.now(); }, true); } }
"""
# Done = the later of the end of the last script run and the last change inside the chart,
# both stamped by the run tracker when they happened (not when a poll noticed them).
DONE_AT_JS = """
() => Math.max(window.__stRuns.lastFinish, window.__stRuns.lastChartChange)
"""
BREAKDOWN_JS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const st = window.__stRuns;
  const starts = st.log.filter(e => e[2] === 'running').map(e => e[0]);
  return {dom_content_loaded: nav.domContentLoadedEventEnd, first_run_start: starts[0] || null,
          last_run_end: st.lastFinish || null, runs: st.finished,
          chart_first_drawn: st.firstChartChange || null, done: Math.max(st.lastFinish, st.lastChartChange)};
}
"""
CHANGE_BREAKDOWN_JS = """
() => {
  const st = window.__stRuns, t0 = window.__pressAt;
  const start = st.log.find(e => e[0] >= t0 && e[2] === 'running');
  return {run_start: start ? start[0] - t0 : null, run_end: st.lastFinish >= t0 ? st.lastFinish - t0 : null,
          chart_redrawn: st.lastChartChange >= t0 ? st.lastChartChange - t0 : null};
}
"""


def toggle_option(page, label: str, option: str) -> None:
    """Click `option` of the sidebar pills widget labelled `label` and wait for the rerun."""
    group = page.get_by_test_id("stSidebar").locator(f'[data-testid="stButtonGroup"] [aria-label="{label}"]')
    button = group.locator("button").filter(has_text=option).first
    page.evaluate(PRESS_TRACKER_JS)
    before = runs_finished(page)
    button.click()
    wait_idle(page, min_finished=before + 1, need_chart=True)


def time_second_load(page) -> tuple[float, dict]:
    page.reload(wait_until="commit")
    wait_idle(page, need_chart=True)
    return page.evaluate(DONE_AT_JS) / 1000, page.evaluate(BREAKDOWN_JS)


def time_filter_change(page, label: str, option: str) -> tuple[float, dict]:
    toggle_option(page, label, option)
    total = (page.evaluate(DONE_AT_JS) - page.evaluate("() => window.__pressAt")) / 1000
    return total, page.evaluate(CHANGE_BREAKDOWN_JS)


def medians(details: list[dict]) -> dict:
    """Median of each numeric field over the repetitions."""
    keys = [k for k, v in details[0].items() if isinstance(v, (int, float))]
    return {k: statistics.median(d[k] for d in details if d.get(k) is not None) for k in keys}


def measure(browser, script: Path, query: str, label: str, option: str, runs: int) -> dict:
    with StreamlitServer(script, startup_timeout=120) as server:
        page = new_page(browser)
        page.set_default_timeout(120_000)
        url = f"{server.url}/{query}"
        goto(page, url, need_chart=True, timeout=180_000)
        first = page.evaluate(DONE_AT_JS) / 1000
        loads = [time_second_load(page) for _ in range(runs)]
        changes = [time_filter_change(page, label, option) for _ in range(runs)]
        page.context.close()
        return {"first load": [first], "second load": [t for t, _ in loads],
                "filter change": [t for t, _ in changes],
                "load breakdown": medians([d for _, d in loads]),
                "change breakdown": medians([d for _, d in changes])}


def fmt(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:6.2f} s"
    return f"{statistics.median(values):6.2f} s  (min {min(values):.2f}, max {max(values):.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each timing (median reported)")
    parser.add_argument("--app", type=Path, default=ROOT / "app.py")
    parser.add_argument("--query", default="", help="query string for the dashboard, e.g. '?companies=Alibaba,JD'")
    parser.add_argument("--label", default="Companies", help="label of the sidebar pills widget to change")
    parser.add_argument("--option", default="JD", help="option removed / re-added in that widget")
    parser.add_argument("--breakdown", action="store_true", help="print where the last load's time went")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is absent; install Debian's chromium first", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            results = {
                "dashboard": measure(browser, args.app, args.query, args.label, args.option, args.runs),
                "baseline": measure(browser, ROOT / "benchmarks" / "baseline_app.py", "", "Companies", args.option,
                                    args.runs),
            }
        finally:
            browser.close()

    print(f"bench_app: headless Chromium 1400x900, median of {args.runs} runs (done = the later of the "
          f"script run's end and the chart's last redraw, confirmed by {QUIET_MS} ms of idleness, not counted)")
    for name in ("first load", "second load", "filter change"):
        app = results["dashboard"][name]
        base = results["baseline"][name]
        ratio = statistics.median(app) / statistics.median(base)
        target = TARGETS.get(name)
        verdict = "" if target is None else ("  target < %.1f s: %s" % (target, "met" if statistics.median(app) < target else "MISSED"))
        print(f"  {name:<14} dashboard {fmt(app)}")
        print(f"  {'':<14} baseline  {fmt(base)}")
        print(f"  {'':<14} ratio     {ratio:6.1f}x{verdict}")
    if args.breakdown:
        def line(values: dict) -> str:
            return ", ".join(f"{k} {v:.0f}" for k, v in values.items())

        print("  where the time goes (medians, ms):")
        for which in ("dashboard", "baseline"):
            print(f"    second load, {which} (from navigation start): {line(results[which]['load breakdown'])}")
            print(f"    filter change, {which} (from the press): {line(results[which]['change breakdown'])}")
    load = os.getloadavg()
    print(f"  machine: {os.cpu_count()} CPUs, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
          "(1 / 5 / 15 min) at the end; other work on the machine inflates both apps' figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())

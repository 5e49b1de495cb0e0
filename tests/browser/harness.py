"""Drive a real Streamlit server from a real Chromium, for the browser tests and bench_app.

Shared by `tests/browser/conftest.py` and `benchmarks/bench_app.py` so that both start the
app the same way and agree on when the app is "done": the awaited script run has finished (its
`script_finished` message came over the websocket), `stApp` says `notRunning` and is connected,
no element is stale, no running indicator shows, and that state has held for a short quiet
period. No blind sleeps anywhere.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}

# Counts the script runs that finished, from the websocket itself: every run ends with one
# ForwardMsg whose field 6 is `script_finished` (status 2 = stopped early for a rerun, which
# is not counted: the rerun that follows is). The DOM's `data-test-script-state` cannot be
# used for counting: a fast run's "running" and "notRunning" can land in one React render, so
# the attribute never changes. It is still logged, for the benchmark's breakdown, as are the
# times of the first and last DOM change inside a Plotly chart (performance.now() times).
RUN_TRACKER_JS = """
(() => {
  if (window.__stRuns) return;
  const st = window.__stRuns = {finished: 0, lastFinish: 0, firstChartChange: 0, lastChartChange: 0, log: [],
                                statuses: []};

  // the top-level field 6 (varint) of a protobuf message, or null
  const scriptFinished = (bytes) => {
    let i = 0;
    const varint = () => { let v = 0, shift = 0, b;
      do { b = bytes[i++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80 && i < bytes.length);
      return v; };
    while (i < bytes.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) { const v = varint(); if (field === 6) return v; }
      else if (wire === 2) { const length = varint(); i += length; }  // not `i += varint()`: i is read first
      else if (wire === 1) { i += 8; }
      else if (wire === 5) { i += 4; }
      else return null;
    }
    return null;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (!(event.data instanceof ArrayBuffer)) return;
        const status = scriptFinished(new Uint8Array(event.data));
        if (status !== null && st.statuses.length < 500) st.statuses.push(status);
        if (status !== null && status !== 2) { st.finished += 1; st.lastFinish = performance.now(); }
      });
    }
  };

  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.attributeName === 'data-test-script-state' && st.log.length < 500) {
          st.log.push([now, r.oldValue, r.target.getAttribute('data-test-script-state')]);
        }
      } else if (r.target instanceof Element && r.target.closest('[data-testid="stPlotlyChart"]')) {
        if (!st.firstChartChange) st.firstChartChange = now;
        st.lastChartChange = now;
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state']});
})();
"""

# True once the app has been idle for `quiet` ms in a row; the moment the idle period began
# is kept in window.__stIdleSince (performance.now() time) for the benchmark.
IDLE_JS = """
([minFinished, quiet, needChart]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const st = window.__stRuns || {finished: 0};
  const chartReady = !needChart ||
    document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg') !== null;
  const idle = app !== null
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && st.finished >= minFinished
    && document.querySelector('[data-stale="true"]') === null
    && document.querySelector('[data-testid="stStatusWidgetRunningIcon"]') === null
    && chartReady;
  const now = performance.now();
  if (!idle) { window.__stIdleSince = null; return false; }
  if (window.__stIdleSince == null) window.__stIdleSince = now;
  return now - window.__stIdleSince >= quiet;
}
"""

QUIET_MS = 300


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    """A `streamlit run` subprocess on a free local port; use as a context manager."""

    script: Path
    cwd: Path = PROJECT_ROOT
    extra_args: list[str] = field(default_factory=list)
    startup_timeout: float = 60.0
    port: int = 0
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "StreamlitServer":
        self.port = self.port or free_port()
        fd, log_name = tempfile.mkstemp(prefix="streamlit-", suffix=".log")
        os.close(fd)
        self.log_path = Path(log_name)
        cmd = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.fileWatcherType", "none",
            "--server.runOnSave", "false",
            "--browser.gatherUsageStats", "false",
            *self.extra_args,
        ]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200 and resp.read().strip() == b"ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"streamlit did not answer /_stcore/health in {self.startup_timeout}s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self) -> "StreamlitServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        if self.log_path is not None:
            self.log_path.unlink(missing_ok=True)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def new_page(browser):
    """A fresh context (own cookies, own Streamlit session) with the run tracker installed."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(RUN_TRACKER_JS)
    return context.new_page()


def runs_finished(page) -> int:
    return page.evaluate("() => (window.__stRuns || {finished: 0}).finished")


def wait_idle(page, *, min_finished: int = 1, need_chart: bool = False, timeout: float = 60_000,
              quiet: int = QUIET_MS) -> None:
    """Wait until at least `min_finished` script runs have ended and the app has been idle `quiet` ms."""
    # forget an idle period seen by an earlier wait: the quiet period must be observed by this one
    page.evaluate("() => { window.__stIdleSince = null; }")
    try:
        page.wait_for_function(IDLE_JS, arg=[min_finished, quiet, need_chart], timeout=timeout, polling="raf")
    except Exception as exc:
        raise AssertionError(f"the app did not become idle (waiting for {min_finished} finished runs"
                             f"{', a drawn chart' if need_chart else ''}): {app_state(page)}") from exc


APP_STATE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const st = window.__stRuns || {finished: null, log: []};
  return {url: location.href, script_state: app && app.getAttribute('data-test-script-state'),
          connection: app && app.getAttribute('data-test-connection-state'), runs_finished: st.finished,
          recent_state_changes: st.log.slice(-6).map(e => [Math.round(e[0]), e[1], e[2]]),
          script_finished_statuses: (st.statuses || []).slice(-10),
          stale_elements: document.querySelectorAll('[data-stale="true"]').length,
          running_icon: document.querySelector('[data-testid="stStatusWidgetRunningIcon"]') !== null,
          charts_drawn: document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg').length,
          now: Math.round(performance.now())};
}
"""


def app_state(page) -> dict:
    """What the waits look at, for a failure message."""
    try:
        return page.evaluate(APP_STATE_JS)
    except Exception as exc:  # the page itself is gone
        return {"error": str(exc)}


def rerun(page, action, *, need_chart: bool = False, timeout: float = 60_000) -> None:
    """Do `action()` (which must make Streamlit rerun) and wait until that rerun has finished."""
    before = runs_finished(page)
    action()
    wait_idle(page, min_finished=before + 1, need_chart=need_chart, timeout=timeout)


def goto(page, url: str, *, need_chart: bool = False, timeout: float = 90_000) -> None:
    """Open `url` and wait for the app's first run to finish."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    wait_idle(page, min_finished=1, need_chart=need_chart, timeout=timeout)

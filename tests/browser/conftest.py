"""Fixtures for the browser suite: the app on a free port, Debian's Chromium, one page per test.

The suite runs with plain `pytest` (it is part of `make test`). It is skipped only when
/usr/bin/chromium is absent (the Makefile installs it); any other problem is a failure.
"""
from __future__ import annotations

import sys

import pytest

from .harness import CHROMIUM, PROJECT_ROOT, StreamlitServer, goto, launch_chromium, new_page

APP = PROJECT_ROOT / "app.py"
if str(PROJECT_ROOT) not in sys.path:  # the tests read analysis.listings to name what they see
    sys.path.insert(0, str(PROJECT_ROOT))


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives the app in headless Chromium (tests/browser)")


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is absent: install Debian's chromium "
                                   "(`make chromium`, part of `make test`) to run the browser tests")
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def app_server(browser):
    """The app on a free port, opened once on its landing page so its caches are warm.

    (What a first request on a fresh server does is tested on its own, in test_fresh_server.py.)
    """
    with StreamlitServer(APP) as server:
        page = new_page(browser)
        try:
            goto(page, server.url + "/", need_chart=True, timeout=180_000)
        finally:
            page.context.close()
        yield server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(request, browser, app_server):
    """A fresh browser context (a new Streamlit session) that records any dialog and page error."""
    page = new_page(browser)
    page.set_default_timeout(30_000)
    page.dialogs = []
    page.page_errors = []

    def on_dialog(dialog):
        page.dialogs.append((dialog.type, dialog.message))
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda err: page.page_errors.append(str(err)))
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:  # keep what the browser showed, and the server's log
        out = PROJECT_ROOT / "test-results"
        out.mkdir(exist_ok=True)
        name = "".join(c if c.isalnum() else "_" for c in request.node.name)
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)
        (out / f"{name}.log").write_text(app_server.log_tail(200) + "\n\npage errors:\n"
                                         + "\n".join(page.page_errors))
    page.context.close()


@pytest.fixture
def app_url(app_server):
    return app_server.url

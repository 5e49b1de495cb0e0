"""Fixtures for the browser suite: the app on a free port, Debian's Chromium, one page per test.

The suite runs with plain `pytest` (it is part of `make test`). It is skipped only when
/usr/bin/chromium is absent (the Makefile installs it); any other problem is a failure.
"""
from __future__ import annotations

import sys

import pytest

from .harness import CHROMIUM, PROJECT_ROOT, StreamlitServer, launch_chromium, new_page

APP = PROJECT_ROOT / "app.py"
if str(PROJECT_ROOT) not in sys.path:  # the tests read analysis.listings to name what they see
    sys.path.insert(0, str(PROJECT_ROOT))


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives the app in headless Chromium (tests/browser)")


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is absent: install Debian's chromium (make deps) to run the browser tests")
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="session")
def app_server():
    with StreamlitServer(APP) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_server):
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
    page.context.close()


@pytest.fixture
def app_url(app_server):
    return app_server.url

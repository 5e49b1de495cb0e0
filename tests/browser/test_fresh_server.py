"""The first visitor of a freshly started server (a cold start on Streamlit Community Cloud, or
`make run`) may arrive through a shared link to any page, not the landing page.

Regression test: with the screens in a folder named `pages/` (the layout the user asked for),
Streamlit runs them in its legacy multipage mode until st.navigation has run once in the process,
so a first request to /articles showed file-name navigation and no sidebar filters. Each page's
`ensure_frame()` (ui/frame.py) now hands such a run to app.py. Both a custom URL (/articles) and
a page's file name (/market) are tried as the first request of a fresh server.
"""
from __future__ import annotations

import pytest

from .app_dom import date_value, pills_selected, query_value
from .harness import StreamlitServer, goto, new_page
from .conftest import APP

NAV_TITLES = ["Market reactions", "Event study", "Articles", "Data & method"]


@pytest.fixture
def fresh_server():
    with StreamlitServer(APP) as server:
        yield server


@pytest.mark.parametrize("path", ["/articles", "/market"])
def test_a_deep_link_is_the_first_request(browser, fresh_server, path):
    page = new_page(browser)
    try:
        goto(page, fresh_server.url + path + "?companies=Alibaba,JD&start=2021-01-04&end=2022-06-30",
             timeout=180_000)
        nav = page.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink")
        assert nav.get_by_test_id("stMarkdownContainer").all_inner_texts() == NAV_TITLES
        assert pills_selected(page, "Companies") == ["Alibaba", "JD"]
        assert date_value(page, "From") == "2021-01-04"
        assert query_value(page, "companies") == "Alibaba,JD"
    finally:
        page.context.close()

"""Keep app.py's frame (navigation, shared sidebar, URL sync) around every page.

The user's layout puts the screens in `pages/`. A folder of that name next to app.py
makes Streamlit start each new server process, and every AppTest run, in its legacy
multipage mode, where a page file can be run on its own: without app.py, so without
the sidebar and the URL sync. Each page calls `ensure_frame()` first. In the normal
case app.py is already running and this does nothing; when Streamlit ran the page on
its own, it runs app.py instead (which switches Streamlit to `st.navigation` for good
and runs this page inside the frame) and stops the bare run.
"""
from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

APP = Path(__file__).resolve().parent.parent / "app.py"


def ensure_frame() -> None:
    """Run the page inside app.py's frame, whichever way Streamlit started it."""
    if PagesManager.uses_pages_directory:  # st.navigation has not run yet in this process/run
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()

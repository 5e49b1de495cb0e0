"""The dashboard's frame: page config, navigation, the shared sidebar.

Run with `streamlit run app.py` (or `make run`). Each screen lives in pages/.
"""
import streamlit as st

from ui import sidebar

st.set_page_config(page_title="China big tech: crackdown and easing", page_icon=":material/monitoring:", layout="wide",
                   initial_sidebar_state="expanded")

PAGES = [
    st.Page("pages/market.py", title="Market reactions", icon=":material/show_chart:", default=True),
    st.Page("pages/event_study.py", title="Event study", icon=":material/bar_chart:", url_path="event-study"),
    st.Page("pages/articles.py", title="Articles", icon=":material/article:", url_path="articles"),
    st.Page("pages/data_method.py", title="Data & method", icon=":material/database:", url_path="data"),
]

page = st.navigation(PAGES)
sidebar.render()
sidebar.show_link_notes()
page.run()
sidebar.show_share_link(page)   # after the page ran, so a selection made there is in the link

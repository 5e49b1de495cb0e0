"""Articles: the corpus, a reader with what the extractor saw, and adding your own."""

from functools import partial

import streamlit as st

from analysis.joined import split_joined
from ui import adding, data, state, tables
from ui.text import highlight_html, legend_html, md_escape
from ui.frame import ensure_frame

ensure_frame()  # before anything is drawn: see ui/frame.py

f = state.current()
st.title("Articles")
st.caption("The news articles the events come from. Select one to read it with the companies, dates and "
           "signal cue words the extractor found highlighted. Add your own below: its events join the charts "
           "for you only, in this browser session.")

articles = data.all_articles()
events = data.events()
added_files = {a.article.file for a in data.added()}
table = tables.article_table(articles, events, added_files)
st.session_state["_article_table_ids"] = table["id"].tolist()
table_key = f"article_table_{state.selection_nonce()}"
st.dataframe(
    table.drop(columns=["id", "file"]), key=table_key,
    on_select=partial(state.on_table_select, table_key, "_article_table_ids", "article"),
    selection_mode="single-row", hide_index=True, width="stretch",
    column_config={
        "title": st.column_config.TextColumn("Title", width="large"),
        "source": st.column_config.TextColumn("Source", width="medium"),
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "events": st.column_config.NumberColumn("Events", help="merged events this article reports"),
        "added": st.column_config.CheckboxColumn("Added by you"),
    })
problems = data.corpus().problems
if problems:
    with st.expander(f"{len(problems)} corpus entr{'y' if len(problems) == 1 else 'ies'} could not be loaded"):
        st.markdown("\n".join(f"- {md_escape(p.file)}: {md_escape(p.reason)}" for p in problems))

by_id = {a.id: a for a in articles}
if f.article and f.article not in by_id:
    st.info(f"The article in this link ({md_escape(f.article)}) is not here. Articles added in another browser "
            "session are visible only there.")
elif f.article:
    article = by_id[f.article]
    box = st.container(border=True)
    head, close = box.columns([6, 1])
    head.markdown(f"### {md_escape(article.title)}")
    close.button("Close ✕", on_click=state.clear_selection, args=("article",), key="close_article", width="stretch")
    meta = f"{md_escape(article.source)} · {article.published:%d %B %Y}"
    if article.url and str(article.url).startswith(("http://", "https://")):
        meta += f" · [original]({article.url.replace(')', '%29').replace(' ', '%20')})"
    box.caption(meta)
    extraction = data.extraction(article)
    with box:
        st.html(f'<div style="font-size:0.85rem;margin-bottom:0.5rem">Highlighted: {legend_html()}</div>'
                + highlight_html(article.text, extraction.spans))
    mine = events.loc[events["articles"].map(lambda v: article.file in split_joined(v))]
    box.markdown(f"**Events from this article ({len(mine)})**")
    if mine.empty:
        box.caption("The extractor found no dated regulatory event in this text.")
    for ev in tables.events_table(mine).itertuples():
        cols = box.columns([6, 1])
        cols[0].markdown(f"{ev.date:%Y-%m-%d} · **{md_escape(ev.signal)}** · {md_escape(ev.companies)} — "
                         f"{md_escape(ev.sentence)}")
        with cols[1]:
            st.page_link("pages/market.py", label="On the chart", icon=":material/show_chart:",
                         query_params={**state.link_params(), "event": ev.event_id})
else:
    st.caption("Select a row of the table to read the article.")

st.divider()
adding.add_article_form()

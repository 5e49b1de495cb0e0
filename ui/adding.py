"""“Add an article”: pasted text or uploaded .txt files, extracted for this session only."""
from __future__ import annotations

import datetime as dt
import hashlib
import re

import streamlit as st

from analysis.filters import EARLIEST
from ui import data, state
from ui.text import md_escape

MAX_BYTES = 1_000_000   # per text (1 MB), as analysis.corpus.make_article enforces
MAX_FILES = 20


def _slug(name: str) -> str:
    stem = re.sub(r"\.txt$", "", name, flags=re.I)
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:40] or "article"


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("not readable as text (UTF-8 or Windows-1252)")


def add_article_form() -> None:
    st.subheader("Add an article")
    st.caption("Paste a news text or upload .txt files (up to 20 at once, 1 MB each). Give the publication date: "
               "relative dates in the text (“on Wednesday”, “last week”) are resolved against it. The events "
               "found join the charts for you only, in this browser session; nobody else sees them.")
    with st.form("add_article", clear_on_submit=False, border=True):
        c1, c2, c3 = st.columns([3, 2, 1])
        title = c1.text_input("Title", max_chars=300, help="For uploaded files, left empty = the file name.")
        source = c2.text_input("Source", max_chars=200, placeholder="e.g. Reuters")
        published = c3.date_input("Published", value=None, min_value=EARLIEST, max_value=dt.date.today(),
                                  format="YYYY-MM-DD")
        text = st.text_area("Article text", height=180, placeholder="Paste the article text here…")
        files = st.file_uploader("…or upload .txt files (up to 20)", type=["txt"], accept_multiple_files=True,
                                 max_upload_size=1)
        submitted = st.form_submit_button("Extract events", icon=":material/search:", type="primary")
    if submitted:
        _add(title.strip(), source.strip(), published, text, files or [])
    _show_flash()
    mine = data.added()
    if mine:
        st.caption(f"You added {len(mine)} article(s) in this session.")
        if st.button("Remove the articles I added", key="remove_added"):
            st.session_state[data.ADDED] = []
            state.update(event=None, article=None)
            st.rerun()


def _add(title: str, source: str, published, text: str, files: list) -> None:
    from analysis.corpus import make_article

    problems: list[str] = []
    if len(files) > MAX_FILES:
        st.error(f"At most {MAX_FILES} files at once: you chose {len(files)}. Nothing was added; "
                 "upload them in smaller batches.")
        return
    if not text.strip() and not files:
        st.error("Paste some text or upload at least one .txt file.")
        return
    if published is None:
        st.error("Give the publication date: the extractor needs it to date “on Wednesday” or “last week”. "
                 "Nothing was added; your text is still in the form.")
        return
    if text.strip() and not title:
        st.error("Give the pasted article a title. Nothing was added; your text is still in the form.")
        return
    source = source or "Added by you"
    candidates = []   # (title, text, name)
    if text.strip():
        if len(text.encode("utf-8")) > MAX_BYTES:
            problems.append(f"The pasted text is {len(text.encode('utf-8')) / 1e6:.1f} MB; the limit is 1 MB.")
        else:
            candidates.append((title, text, _slug(title)))
    for upload in files:
        size = getattr(upload, "size", None) or len(upload.getvalue())
        if size > MAX_BYTES:
            problems.append(f"{upload.name}: {size / 1e6:.1f} MB, over the 1 MB limit; skipped.")
            continue
        try:
            body = _decode(upload.getvalue())
        except ValueError as exc:
            problems.append(f"{upload.name}: {exc}; skipped.")
            continue
        name_title = title if (title and len(files) == 1 and not text.strip()) else upload.name.rsplit(".", 1)[0]
        candidates.append((name_title, body, _slug(upload.name)))

    known = {a.key for a in data.added()}
    added_now = []
    if candidates:
        bar = st.progress(0.0, text="Extracting…")
        for i, (t, body, slug) in enumerate(candidates, start=1):
            key = hashlib.sha1(f"{t}|{source}|{published}|{body}".encode()).hexdigest()
            bar.progress((i - 1) / len(candidates),
                         text=f"Extracting {i} of {len(candidates)}: {md_escape(t[:60])}")
            if key in known:
                problems.append(f"“{t}” is already added; skipped.")
                continue
            try:
                article = make_article(body, title=t, source=source, published=published,
                                       file=f"added-{key[:8]}-{slug}.txt")
            except ValueError as exc:
                problems.append(f"“{t}”: {exc}")
                continue
            extraction = data.extraction(article)
            data.added().append(data.Added(article, extraction, key))
            known.add(key)
            added_now.append((article, extraction))
        bar.progress(1.0, text="Done")
    for p in problems:
        st.warning(md_escape(p))
    if added_now:
        n_events = sum(len(x.events) for _, x in added_now)
        first = added_now[0][0]
        merged = data.events()
        mine = merged.loc[merged["articles"].map(lambda v: first.file in str(v).split(";"))]
        # the run re-starts so the table, reader and charts above include the new article
        st.session_state[_FLASH] = (len(added_now), n_events, problems,
                                    mine["event_id"].iloc[0] if len(mine) else None,
                                    mine["date"].min() if len(mine) else None)
        state.update(article=first.id)
        st.rerun()


_FLASH = "_added_flash"


def _show_flash() -> None:
    flash = st.session_state.pop(_FLASH, None)
    if not flash:
        return
    n_articles, n_events, problems, event_id, first_date = flash
    for p in problems:
        st.warning(md_escape(p))
    if n_events:
        st.success(f"Added {n_articles} article(s); {n_events} event mention(s) found. They are on the charts "
                   "now, for you only, and the first article is open in the reader above.")
    else:
        st.success(f"Added {n_articles} article(s), open in the reader above. The extractor found no dated "
                   "regulatory event in it, so nothing new appears on the charts.")
    if event_id:
        f = state.current()
        params = {**state.link_params(), "event": event_id}
        when = first_date.date() if hasattr(first_date, "date") else first_date
        if when and not (f.start <= when <= f.end):   # widen the dates so the event is on the chart
            params["start"] = min(f.start, when - dt.timedelta(days=90)).isoformat()
            params["end"] = max(f.end, when + dt.timedelta(days=90)).isoformat()
        st.page_link("pages/market.py", label="See its event on the Market reactions chart",
                     icon=":material/show_chart:",
                     query_params=params)

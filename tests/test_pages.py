"""AppTest: every page renders, links round-trip, bad links degrade, sessions stay apart."""
import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.filters import Filters, from_query_params, to_query_params

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = ["pages/market.py", "pages/event_study.py", "pages/articles.py", "pages/data_method.py"]
TITLES = {None: "Market reactions", "pages/market.py": "Market reactions", "pages/event_study.py": "Event study",
          "pages/articles.py": "Articles", "pages/data_method.py": "Data & method"}
TIMEOUT = 180


def _app(params=None, page=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if params:
        at.query_params.update(params)
    at.run()   # the first run registers the pages (st.navigation); only then can AppTest switch
    if page:
        at.switch_page(page).run()
    return at


def _filters(at) -> Filters:
    filters, notes = from_query_params(at.query_params)
    assert notes == []
    return filters


def _text(at) -> str:
    parts = []
    for kind in ("title", "markdown", "caption", "info", "warning", "error", "success", "subheader"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


@pytest.mark.parametrize("page", [None, *PAGES])
def test_every_page_renders_without_error(page):
    at = _app(page=page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert [t.value for t in at.title] == [TITLES[page]]
    assert _filters(at) == Filters()     # the URL holds the (default) view after the first run


def test_link_reopens_the_same_view_and_survives_page_moves():
    wanted = Filters(companies=("Alibaba", "JD"), venue="US", start=dt.date(2021, 1, 4),
                     end=dt.date(2022, 6, 30), signals=("crackdown", "easing"), min_confidence=0.3,
                     window=(0, 3), benchmark="KWEB", scale="price")
    at = _app(to_query_params(wanted))
    assert not at.exception
    assert _filters(at) == wanted
    assert list(at.sidebar.button_group[0].value) == ["Alibaba", "JD"]   # the widgets show the link
    assert at.sidebar.selectbox[1].value == "KWEB"
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception
        assert _filters(at) == wanted, page


def test_changing_a_filter_changes_the_url():
    at = _app()
    at.sidebar.selectbox[0].set_value((0, 5)).run()
    assert _filters(at).window == (0, 5)
    at.sidebar.button_group[0].set_value(["Tencent"]).run()
    assert _filters(at).companies == ("Tencent",)
    at.switch_page("pages/event_study.py").run()
    assert _filters(at).companies == ("Tencent",) and _filters(at).window == (0, 5)


def test_malformed_params_are_dropped_with_one_note():
    at = _app({"companies": "FOO", "start": "notadate", "window": "0,3"})
    assert not at.exception
    assert len(at.warning) == 1
    note = at.warning[0].value
    assert "FOO" in note and "notadate" in note
    f = _filters(at)                       # the URL was cleaned up, the good part kept
    assert f.window == (0, 3) and f.companies == Filters().companies and f.start == Filters().start


def test_selected_event_in_the_link_opens_its_detail():
    from analysis.corpus import load_corpus
    from analysis.events import merge_events
    from analysis.extract import extract_events

    events = merge_events(extract_events(load_corpus().articles))
    day = events.loc[(events["precision"] == "day") & (events["companies"] != "")]
    assert not day.empty, "the seed corpus has day-dated company events"
    ev = day.iloc[0]
    start = (ev["date"] if isinstance(ev["date"], dt.date) else dt.date.fromisoformat(str(ev["date"])[:10]))
    f = Filters(start=start - dt.timedelta(days=60), end=start + dt.timedelta(days=60), event=ev["event_id"])
    at = _app(to_query_params(f))
    assert not at.exception
    assert _filters(at).event == ev["event_id"]
    text = _text(at)
    assert ev["sentence"][:40].replace("*", "") in text.replace("\\", "")
    assert "CAR over" in text


def test_added_article_stays_in_its_session(monkeypatch, tmp_path):
    from analysis import extract

    monkeypatch.setattr(extract, "DISK_CACHE_DIR", tmp_path / "extract-cache")
    text = ("Regulators fined Alibaba on Monday for abusing its dominant market position, "
            "the State Administration for Market Regulation said. <script>alert(1)</script>")
    a = _app(page="pages/articles.py")
    by_label = lambda widgets, label: next(w for w in widgets if w.label == label)  # noqa: E731
    by_label(a.text_input, "Title").input("Test article")
    by_label(a.text_input, "Source").input("Test wire")
    by_label(a.date_input, "Published").set_value(dt.date(2021, 4, 14))
    by_label(a.text_area, "Article text").input(text)
    submit = next(b for b in a.button if "Extract" in str(b.label))
    submit.click().run()
    assert not a.exception
    assert any("Added 1 article" in s.value for s in a.success), [e.value for e in a.error + a.warning]
    assert "Test article" in a.dataframe[0].value["title"].tolist()
    b = _app(page="pages/articles.py")             # another visitor: a fresh session
    assert "Test article" not in b.dataframe[0].value["title"].tolist()
    # nor is the pasted text kept on the server's disk by the extractor's cache
    cached = list((tmp_path / "extract-cache").glob("*")) if (tmp_path / "extract-cache").exists() else []
    assert not any("Regulators fined Alibaba on Monday" in p.read_text() for p in cached)


def test_link_text_is_never_markup():
    at = _app({"companies": "![x](http://example.invalid/t.png)", "venue": "<b>bold</b>"})
    assert not at.exception
    note = at.warning[0].value
    assert "![x](" not in note and "\\!\\[x\\]\\(" in note   # the image syntax arrives escaped
    assert "\\<b\\>" in note


def test_refresh_failure_is_said_plainly_and_keeps_the_snapshot(monkeypatch, tmp_path):
    import analysis.market as market

    def offline(ticker, start, end):
        raise ConnectionError("Could not resolve host: query2.finance.yahoo.com")

    monkeypatch.setattr(market, "_yfinance_download", offline)
    monkeypatch.setattr(market, "default_cache_dir", lambda: tmp_path)
    at = _app(page="pages/data_method.py")
    next(b for b in at.button if "Refresh" in str(b.label)).click().run()
    assert not at.exception
    assert len(at.error) == 1
    assert "Could not refresh from Yahoo Finance" in at.error[0].value
    assert "snapshot" in at.error[0].value
    assert list(tmp_path.iterdir()) == []            # nothing written
    assert len(at.dataframe[0].value) == 14          # the snapshot is still listed


def _fill_form(at, *, title="", source="", published=None, text=""):
    by_label = lambda widgets, label: next(w for w in widgets if w.label == label)  # noqa: E731
    by_label(at.text_input, "Title").input(title)
    by_label(at.text_input, "Source").input(source)
    if published:
        by_label(at.date_input, "Published").set_value(published)
    by_label(at.text_area, "Article text").input(text)


def _submit(at):
    next(b for b in at.button if "Extract" in str(b.label)).click().run()


def test_upload_limits_give_a_clear_message_and_lose_nothing():
    at = _app(page="pages/articles.py")
    files = [(f"a{i}.txt", b"Regulators fined Alibaba on Monday.", "text/plain") for i in range(21)]
    at.file_uploader[0].set_value(files)
    _fill_form(at, source="Desk", published=dt.date(2021, 4, 14))
    _submit(at)
    assert not at.exception
    assert any("At most 20 files" in e.value and "21" in e.value for e in at.error)
    assert not at.success

    big = b"Regulators fined Alibaba on Monday. " * 30_000          # ~1.1 MB
    ok = b"On Monday regulators fined Alibaba for anti-competitive practices."
    at.file_uploader[0].set_value([("big.txt", big, "text/plain"), ("ok.txt", ok, "text/plain")])
    _submit(at)
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "big" in warnings and "1 MB" in warnings
    assert any("Added 1 article" in s.value for s in at.success)
    titles = at.dataframe[0].value["title"].tolist()
    assert "ok" in titles and "big" not in titles


def test_missing_date_keeps_the_text():
    at = _app(page="pages/articles.py")
    _fill_form(at, title="No date", text="Regulators fined Alibaba on Monday.")
    _submit(at)
    assert any("publication date" in e.value for e in at.error)
    assert next(w for w in at.text_area if w.label == "Article text").value == "Regulators fined Alibaba on Monday."


def test_events_sharing_a_day_reach_each_other_from_the_detail():
    from analysis.corpus import load_corpus
    from analysis.events import merge_events
    from analysis.extract import extract_events

    events = merge_events(extract_events(load_corpus().articles))
    per_day = events.groupby("date")["event_id"].apply(list)
    shared = per_day[per_day.map(len) >= 2]
    assert not shared.empty, "the seed corpus has a day with two events (12 July 2023)"
    first, second = shared.iloc[0][:2]
    at = _app({"event": first})
    also = [b for b in at.button if b.key == f"also_{second}"]
    assert len(also) == 1
    also[0].click().run()
    assert not at.exception
    assert _filters(at).event == second

"""Corpus loading: every defect becomes a named problem, the good articles still load."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.corpus import (CorpusError, MAX_TEXT_BYTES, load_corpus, make_article)

TODAY = dt.date(2024, 1, 1)


def write_corpus(root: Path, index: str, files: dict[str, bytes]) -> Path:
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "articles.yaml").write_text(index, encoding="utf-8")
    for name, data in files.items():
        (root / "articles" / name).write_bytes(data)
    return root


def entry(name: str, published: str = "2021-04-12") -> str:
    return f"- file: {name}\n  title: T {name}\n  source: S\n  published: {published}\n"


def test_seed_corpus_loads_clean():
    load = load_corpus(today=TODAY)
    assert len(load.articles) == 5
    assert load.problems == []
    assert {a.published for a in load.articles} >= {dt.date(2023, 7, 12), dt.date(2021, 9, 27)}
    assert all(a.encoding == "utf-8" and a.text.strip() for a in load.articles)


def test_each_bad_entry_is_a_problem_and_good_ones_load(tmp_path):
    index = (entry("good.txt") + entry("missing.txt") + entry("empty.txt") + entry("blank.txt")
             + entry("future.txt", "2030-01-01") + entry("baddate.txt", "12/04/2021")
             + "- file: nodate.txt\n  title: x\n" + entry("good.txt") + entry("big.txt")
             + entry("copy.txt") + "- just a string\n")
    files = {"good.txt": b"Regulators fined Alibaba on Saturday.", "empty.txt": b"",
             "blank.txt": b"  \n\t ", "future.txt": b"text", "baddate.txt": b"text",
             "nodate.txt": b"text", "big.txt": b"a" * (MAX_TEXT_BYTES + 1),
             "copy.txt": b"Regulators fined Alibaba on Saturday."}
    load = load_corpus(write_corpus(tmp_path, index, files), today=TODAY)
    assert [a.file for a in load.articles] == ["good.txt"]
    reasons = {p.file: p.reason for p in load.problems}
    assert "not found" in reasons["missing.txt"]
    assert "empty" in reasons["empty.txt"] and "whitespace" in reasons["blank.txt"]
    assert "future" in reasons["future.txt"]
    assert "malformed" in reasons["baddate.txt"]
    assert "missing 'published'" in reasons["nodate.txt"]
    assert "1 MB" in reasons["big.txt"]
    assert "same text as good.txt" in reasons["copy.txt"]
    assert any("duplicate entry" in p.reason for p in load.problems if p.file == "good.txt")
    assert any("not a mapping" in p.reason for p in load.problems)
    assert all(p.rejected for p in load.problems)


def test_cp1252_text_loads_with_a_warning_naming_the_encoding(tmp_path):
    data = "Regulators \u201cfined\u201d Alibaba \u2013 caf\u00e9".encode("cp1252")
    load = load_corpus(write_corpus(tmp_path, entry("win.txt"), {"win.txt": data}), today=TODAY)
    assert len(load.articles) == 1 and load.articles[0].encoding == "cp1252"
    assert "\u201cfined\u201d" in load.articles[0].text
    assert load.rejected == [] and "cp1252" in load.warnings[0].reason


def test_utf8_bom_and_crlf_are_normalised(tmp_path):
    data = "\ufeffLine one.\r\nLine two.".encode("utf-8")
    load = load_corpus(write_corpus(tmp_path, entry("bom.txt"), {"bom.txt": data}), today=TODAY)
    assert load.articles[0].text == "Line one.\nLine two." and load.problems == []


def test_unusable_corpus_raises(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="articles.yaml"):
        load_corpus(tmp_path)
    (tmp_path / "articles.yaml").write_text("file: a.txt\n")
    with pytest.raises(CorpusError, match="must be a list"):
        load_corpus(tmp_path)


def test_path_escape_is_refused(tmp_path):
    (tmp_path / "secret.txt").write_text("x")
    corpus = write_corpus(tmp_path / "c", entry("../../secret.txt"), {})
    load = load_corpus(corpus, today=TODAY)
    assert load.articles == [] and "not found" in load.problems[0].reason


def test_make_article_validates():
    art = make_article("China fined Alibaba on Saturday.", title="t", source="me",
                       published=dt.date(2021, 4, 12), file="pasted.txt")
    assert art.id == "pasted" and art.encoding == "utf-8"
    with pytest.raises(ValueError, match="empty"):
        make_article("   ", title="t", source="s", published=dt.date(2021, 1, 1), file="x.txt")
    with pytest.raises(ValueError, match="1 MB"):
        make_article("a" * (MAX_TEXT_BYTES + 1), title="t", source="s",
                     published=dt.date(2021, 1, 1), file="x.txt")

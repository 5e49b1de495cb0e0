"""Merging events told by several articles, the CSV round trip, and the CLI contract."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from analysis import extract
from analysis.events import COLUMNS, events_for, merge_events, read_events_csv
from analysis.extract import Event, main

D = dt.date


def ev(date, signal="crackdown", companies=(), file="a.txt", conf=0.8, sentence="s", precision="day",
       mixed=False, source="src"):
    return Event(date=date, end_date=date, precision=precision, signal=signal, companies=tuple(companies),
                 confidence=conf, sentence=sentence, cue=f"{signal}: x", article_file=file, source=source,
                 mixed=mixed)


def test_same_event_from_two_articles_merges_and_counts_sources():
    f = merge_events([ev(D(2021, 4, 10), companies=["Alibaba"], file="a.txt", source="A"),
                      ev(D(2021, 4, 11), companies=["Alibaba"], file="b.txt", source="B", conf=0.9, sentence="t")])
    assert list(f.columns) == COLUMNS and len(f) == 1
    row = f.iloc[0]
    assert row.articles == "a.txt;b.txt" and row.sources == "A;B" and row.n_sources == 2
    assert row.sentence == "t" and row.confidence == 0.95       # best sentence, corroboration bonus
    assert row.date == pd.Timestamp("2021-04-10")               # tie between the two dates: earliest


def test_different_signal_company_or_distance_do_not_merge():
    f = merge_events([ev(D(2021, 4, 10), companies=["Alibaba"]),
                      ev(D(2021, 4, 10), "easing", companies=["Alibaba"], file="b.txt"),
                      ev(D(2021, 4, 10), companies=["Tencent"], file="c.txt"),
                      ev(D(2021, 4, 13), companies=["Alibaba"], file="d.txt")])
    assert len(f) == 4


def test_sector_wide_event_joins_one_cluster_without_bridging():
    f = merge_events([ev(D(2023, 7, 12), "easing", ["Alibaba"], file="a.txt"),
                      ev(D(2023, 7, 12), "easing", ["Tencent"], file="a.txt", sentence="u"),
                      ev(D(2023, 7, 12), "easing", [], file="b.txt", sentence="v")])
    assert len(f) == 2 and sorted(f.n_sources) == [1, 2]


def test_one_article_with_two_dates_is_two_events():
    f = merge_events([ev(D(2021, 9, 26), file="a.txt"), ev(D(2021, 9, 27), file="a.txt", sentence="x")])
    assert len(f) == 2


def test_event_id_is_stable_and_csv_round_trips(tmp_path):
    events = [ev(D(2023, 7, 7), "easing", ["Alibaba", "Tencent"], mixed=True),
              ev(D(2022, 12, 1), "easing", [], precision="month", file="b.txt")]
    f1, f2 = merge_events(events), merge_events(list(reversed(events)))
    assert list(f1.event_id) == list(f2.event_id) and all(i.startswith("E") and len(i) == 9 for i in f1.event_id)
    path = tmp_path / "e.csv"
    f1.to_csv(path, index=False)
    back = read_events_csv(path)
    pd.testing.assert_frame_equal(back, f1)
    assert list(events_for(back, "Tencent").event_id) == list(f1.event_id)   # sector-wide rows included


def test_empty_merge_has_the_columns():
    assert list(merge_events([]).columns) == COLUMNS


# ------------------------------------------------------------------ CLI
def _corpus(root: Path, entries: str, files: dict[str, str]) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "articles.yaml").write_text(entries)
    for name, text in files.items():
        (root / "articles" / name).write_text(text)
    return root


def test_cli_on_seeds(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(extract, "DISK_CACHE_DIR", None)
    out = tmp_path / "events.csv"
    assert main(["--out", str(out)]) == 0
    frame = read_events_csv(out)
    assert {"event_id", "date", "precision", "signal", "companies", "confidence", "articles", "sentence",
            "cue"} <= set(frame.columns)
    day = frame[frame.precision == "day"]
    assert ("2023-07-07", "easing") in {(d.strftime("%Y-%m-%d"), s) for d, s in zip(day.date, day.signal)}
    assert "wrote" in capsys.readouterr().err


def test_cli_names_rejected_articles_and_exits_1(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(extract, "DISK_CACHE_DIR", None)
    corpus = _corpus(tmp_path / "c",
                     "- {file: good.txt, title: g, source: s, published: 2021-04-12}\n"
                     "- {file: gone.txt, title: g, source: s, published: 2021-04-12}\n"
                     "- {file: empty.txt, title: g, source: s, published: 2021-04-12}\n",
                     {"good.txt": "The market regulator fined Alibaba on Saturday.", "empty.txt": " "})
    out = tmp_path / "out" / "e.csv"
    assert main(["--corpus", str(corpus), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "gone.txt" in err and "not found" in err and "empty.txt" in err
    assert len(read_events_csv(out)) == 1


def test_cli_usage_errors_exit_2(tmp_path, capsys):
    assert main(["--corpus", str(tmp_path / "missing"), "--out", str(tmp_path / "e.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main([]) == 2                       # --out is required
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "articles.yaml").write_text("just: a mapping\n")
    assert main(["--corpus", str(tmp_path / "bad"), "--out", str(tmp_path / "e.csv")]) == 2


def test_python_dash_m_dispatch(tmp_path):
    import subprocess
    import sys
    root = Path(__file__).resolve().parent.parent
    res = subprocess.run([sys.executable, "-m", "analysis", "extract", "--corpus", str(tmp_path / "nope"),
                          "--out", str(tmp_path / "e.csv")], cwd=root, capture_output=True, text=True)
    assert res.returncode == 2 and "does not exist" in res.stderr

"""The reader shows article text as text: escaped pieces, only our own tags."""
from dataclasses import dataclass

from ui.text import highlight_html, md_escape


@dataclass
class Span:
    start: int
    end: int
    kind: str
    label: str


def test_highlights_wrap_the_right_text_and_escape_everything():
    text = "Regulators fined Alibaba <script>alert(1)</script> on 10 April.\n\n<img src=x onerror=alert(2)>"
    spans = [Span(17, 24, "company", "Alibaba"), Span(11, 16, "cue", "crackdown"),
             Span(54, 62, "date", "2021-04-10"), Span(12, 14, "company", "overlap")]
    out = highlight_html(text, spans)
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(2)&gt;" in out
    assert ">Alibaba</mark>" in out and ">fined</mark>" in out and ">10 April</mark>" in out
    assert "overlap" not in out                   # the overlapping span is skipped
    assert out.count("<p ") == 2                  # a blank line starts a new paragraph
    tags = {t.split()[0].strip("</>") for t in __import__("re").findall(r"</?[a-z]+[^>]*>", out)}
    assert tags <= {"p", "mark", "br"}


def test_span_labels_are_escaped_too():
    out = highlight_html("Tencent", [Span(0, 7, "company", '"><script>x</script>')])
    assert "<script>" not in out


def test_md_escape_neutralises_markdown():
    assert md_escape("![x](http://e/t.png)") == r"\!\[x\]\(http\:\/\/e\/t\.png\)".replace(r"\/", "/")
    assert md_escape("*bold* <b>") == r"\*bold\* \<b\>"


def test_event_dates_are_shown_as_precisely_as_known():
    import pandas as pd

    from ui.tables import when_label

    def ev(date, end, precision):
        return {"date": pd.Timestamp(date), "end_date": pd.Timestamp(end), "precision": precision}

    assert when_label(ev("2022-12-18", "2022-12-18", "day")) == "Sunday 18 December 2022"
    assert when_label(ev("2020-10-01", "2020-10-31", "month")) == "October 2020"
    assert when_label(ev("2021-01-01", "2021-12-31", "year")) == "2021"
    assert when_label(ev("2023-07-03", "2023-07-09", "week")) == "03 Jul 2023 – 09 Jul 2023"


def test_car_table_names_confounding_events_by_date_and_signal():
    import pandas as pd

    from ui.tables import car_table

    car = pd.DataFrame({
        "event_id": ["E1", "E1"], "ticker": ["BABA", "BABA"], "company": ["Alibaba"] * 2,
        "signal": ["crackdown"] * 2, "event_date": ["2021-04-10"] * 2, "day0": ["2021-04-12"] * 2,
        "window": ["-1,1", "0,3"], "car": [-0.05, -0.08], "t_stat": [-2.0, -2.5], "p_value": [0.05, 0.01],
        "model": ["market"] * 2, "confounded": [True, True], "confounded_by": ["E2", "E2"],
        "benchmark": ["SPY"] * 2, "n_estimation": [240] * 2, "n_missing": [0] * 2,
    })
    events = pd.DataFrame({"event_id": ["E1", "E2"], "date": pd.to_datetime(["2021-04-10", "2021-04-12"]),
                           "signal": ["crackdown", "easing"], "sentence": ["Fined.", "Probe ended."]})
    out = car_table(car, (0, 3), events=events)
    assert len(out) == 1
    assert out["car_pct"].iloc[0] == -8.0
    assert out["confounded_by"].iloc[0] == "2021-04-12 easing"
    assert out["sentence"].iloc[0] == "Fined."
    assert out["listing"].iloc[0] == "BABA · NYSE"

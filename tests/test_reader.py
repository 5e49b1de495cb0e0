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

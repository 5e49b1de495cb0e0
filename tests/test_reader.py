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

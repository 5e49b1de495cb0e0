"""Putting text that came from outside (articles, links, uploads) on screen safely.

Nothing here imports Streamlit. Two routes, both from escaped text only:
`md_escape` for Streamlit markdown (no HTML allowed there anyway, and markdown
syntax in the text is neutralised so `![x](http://...)` cannot load anything),
and `highlight_html` for the article reader, where every piece of article text is
`html.escape`d and the only tags are the reader's own <mark> and <p>.
"""
from __future__ import annotations

import html
import re
from typing import Iterable

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=&])")


def md_escape(text: str) -> str:
    """Text shown literally by Streamlit markdown (backslash before every markdown character)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


KIND_STYLE = {
    "company": "background:#dbe9f7;border-bottom:2px solid #1f4e79",
    "date": "background:#fff1c2;border-bottom:2px solid #b8860b",
    "cue-crackdown": "background:#fbd5d5;border-bottom:2px solid #d62728",
    "cue-easing": "background:#d5f0d5;border-bottom:2px solid #2ca02c",
    "cue-neutral": "background:#e6e6e6;border-bottom:2px solid #7f7f7f",
}


def _style(kind: str, label: str) -> str:
    if kind == "cue":
        return KIND_STYLE.get(f"cue-{label}", KIND_STYLE["cue-neutral"])
    return KIND_STYLE.get(kind, "background:#eee")


def highlight_html(text: str, spans: Iterable) -> str:
    """Article text as HTML paragraphs with highlighted spans, every text piece escaped.

    `spans` are objects with start, end, kind ("company" | "date" | "cue") and label.
    Overlapping spans: the earlier (then longer) one wins, the other is skipped.
    """
    chosen = []
    last_end = 0
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start < last_end or span.end <= span.start or span.end > len(text):
            continue
        chosen.append(span)
        last_end = span.end
    pieces: list[str] = []
    pos = 0
    for span in chosen:
        pieces.append(html.escape(text[pos:span.start]))
        title = html.escape(f"{span.kind}: {span.label}")
        pieces.append(f'<mark title="{title}" style="{_style(span.kind, str(span.label))};'
                      f'padding:0 2px;border-radius:2px;color:inherit">'
                      f"{html.escape(text[span.start:span.end])}</mark>")
        pos = span.end
    pieces.append(html.escape(text[pos:]))
    body = "".join(pieces)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    return "".join(f'<p style="line-height:1.6;margin:0 0 0.8em 0">{p.replace(chr(10), "<br>")}</p>'
                   for p in paragraphs)


def legend_html() -> str:
    items = [("company", "company", "Company"), ("date", "date", "Date"),
             ("cue", "crackdown", "Crackdown cue"), ("cue", "easing", "Easing cue"),
             ("cue", "neutral", "Neutral cue")]
    return " ".join(f'<mark style="{_style(k, l)};padding:0 4px;border-radius:2px;color:inherit">{t}</mark>'
                    for k, l, t in items)

"""Load and validate the article corpus (`articles.yaml` + the text files it names).

A corpus is user input: files go missing, dates are mistyped, editors save in
cp1252. One bad entry must never cost the good ones, so every defect becomes a
`CorpusProblem` with a one-line reason and the rest still load. Only a corpus
that cannot be read at all (no folder, no list) raises `CorpusError`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from analysis import SEEDS_DIR

MAX_TEXT_BYTES = 1_000_000  # "a text over 1 MB" is rejected: no news article is that long
INDEX_FILE = "articles.yaml"
ARTICLES_SUBDIR = "articles"
# Tried in order after UTF-8. cp1252 is what Windows editors write; latin-1 decodes
# any byte, so it is the last resort and always said out loud.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


class CorpusError(Exception):
    """The corpus as a whole is unusable (missing folder, index missing or not a list)."""


@dataclass(frozen=True)
class Article:
    id: str
    file: str
    title: str
    source: str
    published: dt.date
    text: str
    url: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class CorpusProblem:
    """One defect of one entry. `rejected=False` marks a warning: the article still loaded."""

    file: str
    reason: str
    rejected: bool = True


@dataclass
class CorpusLoad:
    articles: list[Article] = field(default_factory=list)
    problems: list[CorpusProblem] = field(default_factory=list)

    @property
    def rejected(self) -> list[CorpusProblem]:
        return [p for p in self.problems if p.rejected]

    @property
    def warnings(self) -> list[CorpusProblem]:
        return [p for p in self.problems if not p.rejected]


def parse_published(value: Any) -> dt.date:
    """Accept a YAML date or an ISO `YYYY-MM-DD` string; anything else is malformed."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"malformed 'published' {value!r} (expected YYYY-MM-DD)")


def decode_text(raw: bytes) -> tuple[str, str]:
    """Decode article bytes: UTF-8 (BOM tolerated), UTF-16 with BOM, then the fallbacks.

    Returns (text, encoding). The caller reports any encoding other than UTF-8.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in FALLBACK_ENCODINGS:
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("latin-1", raw, 0, 1, "undecodable")  # pragma: no cover - latin-1 decodes all


def normalise_text(text: str) -> str:
    """One newline convention, so character offsets mean the same everywhere."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_problem(text: str, n_bytes: int) -> str | None:
    """Why a decoded text cannot be used, or None."""
    if n_bytes > MAX_TEXT_BYTES:
        return f"text is {n_bytes:,} bytes, over the 1 MB limit"
    if not text.strip():
        return "text is empty or whitespace only"
    if "\x00" in text:
        return "text contains NUL bytes (binary file?)"
    return None


def make_article(text: str, *, title: str, source: str, published: dt.date, file: str,
                 url: str | None = None) -> Article:
    """An Article from pasted/uploaded text (the app). Raises ValueError when unusable."""
    text = normalise_text(text)
    problem = text_problem(text, len(text.encode("utf-8")))
    if problem:
        raise ValueError(problem)
    if not isinstance(published, dt.date):
        raise ValueError(f"published must be a date, got {published!r}")
    if isinstance(published, dt.datetime):
        published = published.date()
    return Article(id=Path(file).stem, file=file, title=title or Path(file).stem,
                   source=source or "unknown", published=published, text=text, url=url)


def _resolve_file(corpus_dir: Path, name: str) -> Path | None:
    """Where an entry's file lives: articles/<name> (the seeds layout) or <name> beside the index."""
    rel = Path(name)
    if rel.is_absolute() or ".." in rel.parts:
        return None
    for candidate in (corpus_dir / ARTICLES_SUBDIR / rel, corpus_dir / rel):
        if candidate.is_file():
            return candidate
    return None


def load_corpus(corpus_dir: Path = SEEDS_DIR, *, today: dt.date | None = None) -> CorpusLoad:
    """Load every usable article of a corpus folder; each bad entry becomes a CorpusProblem."""
    corpus_dir = Path(corpus_dir)
    today = today or dt.date.today()
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist")
    index = corpus_dir / INDEX_FILE
    if not index.is_file():
        raise CorpusError(f"{index} does not exist")
    try:
        entries = yaml.safe_load(index.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{index} is not valid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(entries, list):
        raise CorpusError(f"{index} must be a list of entries, got {type(entries).__name__}")

    out = CorpusLoad()
    seen_files: set[str] = set()
    seen_texts: dict[str, str] = {}
    for pos, entry in enumerate(entries, start=1):
        label = f"entry {pos}"
        if not isinstance(entry, dict):
            out.problems.append(CorpusProblem(label, f"entry is a {type(entry).__name__}, not a mapping"))
            continue
        name = entry.get("file")
        if not isinstance(name, str) or not name.strip():
            out.problems.append(CorpusProblem(label, "entry has no 'file'"))
            continue
        name = name.strip()
        if name in seen_files:
            out.problems.append(CorpusProblem(name, f"duplicate entry ({label} repeats an earlier 'file')"))
            continue
        seen_files.add(name)
        if "published" not in entry or entry["published"] in (None, ""):
            out.problems.append(CorpusProblem(name, "missing 'published' date"))
            continue
        try:
            published = parse_published(entry["published"])
        except ValueError as exc:
            out.problems.append(CorpusProblem(name, str(exc)))
            continue
        if published > today:
            out.problems.append(CorpusProblem(name, f"published {published} is in the future (today is {today})"))
            continue
        path = _resolve_file(corpus_dir, name)
        if path is None:
            out.problems.append(CorpusProblem(name, f"file not found in {corpus_dir}"))
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:
            out.problems.append(CorpusProblem(name, f"cannot read file: {exc.strerror or exc}"))
            continue
        if len(raw) > MAX_TEXT_BYTES:
            out.problems.append(CorpusProblem(name, f"text is {len(raw):,} bytes, over the 1 MB limit"))
            continue
        text, encoding = decode_text(raw)
        text = normalise_text(text)
        problem = text_problem(text, len(raw))
        if problem:
            out.problems.append(CorpusProblem(name, problem))
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen_texts:
            out.problems.append(CorpusProblem(name, f"duplicate entry: same text as {seen_texts[digest]}"))
            continue
        seen_texts[digest] = name
        if encoding != "utf-8":
            out.problems.append(CorpusProblem(
                name, f"not valid UTF-8; decoded as {encoding} (check the characters)", rejected=False))
        url = entry.get("url")
        out.articles.append(Article(
            id=Path(name).stem, file=name,
            title=str(entry.get("title") or Path(name).stem),
            source=str(entry.get("source") or "unknown"),
            published=published, text=text,
            url=str(url) if url else None, encoding=encoding,
        ))
    return out

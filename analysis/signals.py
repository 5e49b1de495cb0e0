"""Classify a sentence as a crackdown, easing or neutral signal, and say which cue decided.

Cues are regular expressions kept as data (patterns/signals.jsonl), each with a
signal, a strength and a priority. Priority-2 patterns are the phrases where
the words lie: "ended probes", "the end of the crackdown", "moving past its
crackdown", "rectification basically completed" contain crackdown words but are
easing; "requires CAC approval" contains an easing word but is a restriction.
A priority-2 match hides any ordinary cue inside it; a neutral priority-2 phrase
("easing concerns about...", "technical support") only hides. A negator just before a
cue ("no new fines", "did not approve") flips it, and makes it weak unless a government
actor says it ("Beijing said platforms would not face new fee caps"); the acts inside a
denied report ("denied a report that regulators had ordered...") are dropped, and a hedge
("could order", "considering ending") leaves the side but makes the cue weak.

Strength matters downstream: topic words ("crackdown", "scrutiny", "platform
economy") tell the side of a sentence but are too generic to make a dated event
on their own; only a strong cue (an act: fined, probed, approved, praised,
ended the probe...) does.

When both sides have cues the sentence is *mixed*: an ending (priority-2 easing)
beats the acts it closes ("ended probes after levying fines" is easing, mixed);
otherwise the side with the stronger score wins and a strong cue on the losing
side marks it mixed. The cue text states the mix.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

PATTERNS_FILE = Path(__file__).resolve().parent / "patterns" / "signals.jsonl"
SIGNALS = ("crackdown", "easing", "neutral")
NEGATOR = re.compile(r"\b(?:not|no|never|without|nor|neither|no\s+longer|n't|unlikely\s+to|refrain(?:ed)?\s+from|"
                     r"den(?:y|ied|ies)|rul(?:ed|es)\s+out)\s+(?:\w+\s+){0,3}$|n't\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# "X denied a report that regulators had ordered it to..." reports no act at all.
DENIED_REPORT = re.compile(r"\b(?:den(?:y|ied|ies|ying)|dismiss(?:ed|es)?|reject(?:ed|s)?|refut(?:ed|es))\s+"
                           r"(?:\w+\s+){0,4}?(?:reports?|claims?|rumou?rs?|speculation|allegations?)\s+that\b",
                           re.IGNORECASE)
# "regulators could order...", "are considering ending the probe": not an act yet.
HEDGE = re.compile(r"\b(?:could|might|may|considering|weighing|mulling|worries\s+that|fears?\s+that|"
                   r"concerns?\s+that|speculation\s+that|rumou?rs?\s+that)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
# "which investors took as a sign that Beijing's crackdown was over", "bets that...": a reading of
# events, not an act.
READING = re.compile(r"\b(?:as\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?(?:sign|signal|evidence|indication|proof)s?|"
                     r"hop(?:e|es|ed|ing)|bet(?:s|ting)?|optimis\w+|believ\w+|speculat\w+|expect(?:s|ed|ing|ation|ations))"
                     r"\s+that\s+[^.;]{0,60}$", re.IGNORECASE)
# Who acts: a negated act keeps its force when the government says it ("Beijing said platforms
# would not face new fee caps"); anyone else's "no new fines" is only a topic.
GOVERNMENT = re.compile(
    r"\b(?:regulators?|government|authorities|Beijing|China(?!['\u2019]s)|premier|president|vice[- ]premier|ministry|ministers?|"
    r"commission|agency|watchdog|officials?|SAMR|CAC|PBOC|CSRC|CBIRC|NDRC|MIIT|SEC|State\s+Council|Politburo|"
    r"(?:top\s+)?leaders(?:hip)?|Communist\s+Party|party\s+(?:chief|secretary|officials?)|central\s+bank|cabinet|"
    r"administration|bureau|council|court|municipal|provincial|state\s+planner|Xi\s+Jinping|Li\s+Qiang|Liu\s+He)\b",
    re.IGNORECASE)
WEIGHT = {"strong": 2.0, "weak": 1.0}
OPPOSITE = {"crackdown": "easing", "easing": "crackdown"}
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@dataclass(frozen=True)
class Cue:
    start: int          # character offsets within the sentence text
    end: int
    text: str
    signal: str         # the side it counts for (after any negation)
    pattern: str        # id of the pattern that fired
    strength: str       # strong | weak
    negated: bool = False


@dataclass(frozen=True)
class SignalResult:
    signal: str                 # crackdown | easing | neutral
    cues: tuple[Cue, ...]       # every cue found, both sides
    mixed: bool = False
    strong: bool = False        # the winning side has an act, not only topic words

    @property
    def deciding(self) -> tuple[Cue, ...]:
        return tuple(c for c in self.cues if c.signal == self.signal)

    def describe(self) -> str:
        """'easing: ended probes [ended-probe]; mixed with crackdown: fines [fine]'."""
        if self.signal == "neutral":
            return ""
        def fmt(cues):
            return ", ".join(f"{c.text} [{'not ' if c.negated else ''}{c.pattern}]" for c in cues)
        text = f"{self.signal}: {fmt(self.deciding)}"
        other = [c for c in self.cues if c.signal != self.signal]
        if self.mixed and other:
            text += f"; mixed with {other[0].signal}: {fmt(other)}"
        return text


@dataclass(frozen=True)
class _Compiled:
    priority: re.Pattern
    normal: re.Pattern
    meta: dict[str, dict]


def load_patterns() -> list[dict]:
    with PATTERNS_FILE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _group(pid: str) -> str:
    return "p_" + re.sub(r"\W", "_", pid)


@functools.lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    """Two alternations (priority, ordinary): one scan each per sentence keeps the rules cheap."""
    pats = load_patterns()
    meta = {_group(p["id"]): p for p in pats}
    def alternation(prio: int) -> re.Pattern:
        parts = [f"(?P<{_group(p['id'])}>{p['regex']})" for p in pats if p.get("priority", 1) == prio]
        return re.compile("|".join(parts), re.IGNORECASE)
    return _Compiled(alternation(2), alternation(1), meta)


def find_cues(sentence: str) -> list[Cue]:
    """All cues of a sentence, priority phrases first, ordinary cues outside them."""
    comp = _compiled()
    sentence = sentence.translate(_QUOTES)  # one char for one char: offsets unchanged
    cues: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for m in comp.priority.finditer(sentence):
        p = comp.meta[m.lastgroup]
        taken.append(m.span())
        if p["signal"] != "neutral":   # a neutral priority phrase only hides the cue words inside it
            cues.append(_cue(sentence, m.start(), m.end(), p))
    for m in comp.normal.finditer(sentence):
        if any(m.start() < b and a < m.end() for a, b in taken):
            continue
        cues.append(_cue(sentence, m.start(), m.end(), comp.meta[m.lastgroup]))
    denial = DENIED_REPORT.search(sentence)
    if denial is not None:
        cues = [c for c in cues if c.start < denial.end()]   # acts inside a denied report did not happen
    cues.sort(key=lambda c: c.start)
    return cues


def _cue(sentence: str, start: int, end: int, p: dict) -> Cue:
    signal, strength, negated = p["signal"], p["strength"], False
    before = sentence[max(0, start - 40):start]
    if NEGATOR.search(before) and not before.lower().rstrip().endswith("not only"):
        strong = strength == "strong" and GOVERNMENT.search(sentence[:start]) is not None
        signal, strength, negated = OPPOSITE[signal], ("strong" if strong else "weak"), True
    elif HEDGE.search(before) or READING.search(sentence[max(0, start - 100):start]):
        strength = "weak"
    return Cue(start, end, sentence[start:end], signal, p["id"], strength, negated)


def classify(sentence: str) -> SignalResult:
    """The signal of one sentence, with every cue that bears on it."""
    cues = tuple(find_cues(sentence))
    if not cues:
        return SignalResult("neutral", ())
    score = {"crackdown": 0.0, "easing": 0.0}
    for c in cues:
        score[c.signal] += WEIGHT[c.strength]
    strong = {s: any(c.strength == "strong" and c.signal == s for c in cues) for s in score}
    ending = any(c.signal == "easing" and c.pattern in _ending_ids() and not c.negated
                 and not _closing_participle(sentence, c, cues) for c in cues)
    if score["crackdown"] and score["easing"]:
        if ending:
            winner = "easing"
        elif score["crackdown"] != score["easing"]:
            winner = max(score, key=score.get)
        else:   # a tie: the first strong cue (news puts the main act first)
            winner = next((c.signal for c in cues if c.strength == "strong"), cues[0].signal)
        loser = OPPOSITE[winner]
        return SignalResult(winner, cues, mixed=strong[loser], strong=strong[winner])
    winner = "crackdown" if score["crackdown"] else "easing"
    return SignalResult(winner, cues, strong=strong[winner])


def _closing_participle(sentence: str, cue: Cue, cues: tuple[Cue, ...]) -> bool:
    """"fined Alibaba 18.2 billion yuan, concluding an investigation": the fine is the main act;
    the closing participle after the comma does not make the sentence an ending, only mixed."""
    if not re.match(r"(?:conclud|end|clos|wrapp?|complet|finish)ing\b", cue.text, re.IGNORECASE):
        return False
    if not re.search(r",\s*$", sentence[:cue.start]):
        return False
    return any(c.signal == "crackdown" and c.strength == "strong" and c.end <= cue.start for c in cues)


@functools.lru_cache(maxsize=1)
def _ending_ids() -> frozenset[str]:
    return frozenset(p["id"] for p in load_patterns() if p.get("priority", 1) == 2 and p["signal"] == "easing")

"""Resolve a time expression against an article's publication date.

News rarely prints a full date: it says "on Friday", "last week", "10 January",
"since December". Each must be read from the day the story ran. The rules here
cover the forms financial news uses, with explicit policies:

* a weekday is the most recent such day on or before publication ("Wednesday" in
  a Wednesday story is that day); "last Friday" is strictly before;
* a day or month without a year prefers the past, except that a date at most
  `FUTURE_TOLERANCE_DAYS` ahead is read as a scheduled (future) date, not as last year's;
* durations ("two years", "years-long", "annual"), vague spans ("recent days")
  and ordinals are not dates;
* a future date (a "by 2025" target) resolves but is flagged `future`, so it is
  never an event date.

dateparser (a well-kept library) handles the explicit forms the rules do not.
Every TimeRef says which rule produced it, so a wrong date can be traced.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from dateparser.date import DateDataParser

FUTURE_TOLERANCE_DAYS = 31
PRECISIONS = ("day", "week", "month", "year", "span")

WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MON = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DAYNUM = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d{2})"
_WD = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUMWORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None, "a few": None}


@dataclass(frozen=True)
class TimeRef:
    """A resolved time expression: [start, end] with a precision and the rule that fired."""

    start: dt.date
    end: dt.date
    precision: str          # day | week | month | year | span
    rule: str
    text: str = ""
    future: bool = False    # after publication: a plan or target, never an event date
    anaphor: int | None = None   # "the same day" (0) / "the day before" (-1): relative to the previous date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


# ---------------------------------------------------------------- helpers
def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _week_span(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _weekday_on_or_before(pub: dt.date, weekday: int, strictly: bool = False) -> dt.date:
    back = (pub.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _day_without_year(pub: dt.date, month: int, day: int) -> tuple[dt.date, bool] | None:
    """Past-preferring: this year's date if on/before publication or only a little ahead
    (then flagged future), else last year's."""
    this_year = _safe_date(pub.year, month, day)
    if this_year is None:
        last = _safe_date(pub.year - 1, month, day)
        return (last, False) if last else None
    if this_year <= pub:
        return this_year, False
    if (this_year - pub).days <= FUTURE_TOLERANCE_DAYS:
        return this_year, True
    last = _safe_date(pub.year - 1, month, day)
    return (last, False) if last else None


def _month_without_year(pub: dt.date, month: int, strictly_before: bool = False) -> int:
    """Year of the most recent `month` on/before the publication month."""
    if month < pub.month or (month == pub.month and not strictly_before):
        return pub.year
    return pub.year - 1


def _ref(start: dt.date, end: dt.date, precision: str, rule: str, text: str, pub: dt.date,
         anaphor: int | None = None) -> TimeRef:
    return TimeRef(start, end, precision, rule, text, future=start > pub, anaphor=anaphor)


def normalise(expr: str) -> str:
    """Lower case, straight quotes, no possessive, no trailing punctuation, single spaces."""
    s = expr.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", s.strip().lower())
    s = re.sub(r"'s?\b", "", s)
    s = s.strip(" .,;:!?\"()[]-")
    s = re.sub(r"^(?:on|in|at|during|as of|around|about|from|for|over|of)\s+", "", s)
    return s


VAGUE = re.compile(
    r"^(?:the\s+)?(?:(?:most\s+)?recent(?:ly)?|past\s+(?:few|several|couple of)|last\s+(?:few|several|couple of)|"
    r"coming|next\s+(?:few|several)|previous|subsequent|following|earlier|later|prior)?\s*"
    r"(?:days|weeks|months|years|decades|times|period)$|^recently$|^(?:in\s+)?recent\s+\w+$|"
    r"^(?:the\s+)?(?:past|last)\s+(?:few|several|couple of)\s+\w+$|^(?:the\s+)?(?:future|past|moment|time being)$|"
    r"^(?:now|currently|soon|once|lately|formerly|previously|nowadays|the same period|this time|that time)$")
DURATION = re.compile(
    r"(?:^|\s)(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many|"
    r"some|multiple|a couple of|couple of|half a|the)?[\s-]*(?:consecutive\s+|straight\s+|full\s+|turbulent\s+|"
    r"whole\s+|fiscal\s+|calendar\s+)?(?:day|week|month|quarter|year|decade)s?(?:[\s-](?:long|old))?$|"
    r"^(?:years|months|decades)[\s-]long$|^(?:annual|annually|yearly|daily|weekly|monthly|quarterly)$|"
    r"^(?:the\s+)?(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+(?:consecutive\s+|straight\s+)?"
    r"(?:day|week|month|quarter|year)$")
ORDINALS_ONLY = re.compile(r"^(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                           r"\d+(?:st|nd|rd|th))(?:\s+(?:and|to|-)\s+\w+)*$")


# ---------------------------------------------------------------- rules
def _rule_relative_day(s: str, pub: dt.date) -> TimeRef | None:
    if re.fullmatch(r"(?:earlier\s+|later\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))", s):
        return _ref(pub, pub, "day", "today", s, pub)
    if re.fullmatch(r"(?:late\s+|early\s+)?yesterday" + _PART, s):
        d = pub - dt.timedelta(days=1)
        return _ref(d, d, "day", "yesterday", s, pub)
    if re.fullmatch(r"(?:the\s+)?same\s+day|that\s+(?:same\s+)?day|the\s+same\s+date", s):
        return _ref(pub, pub, "day", "anaphor:same-day", s, pub, anaphor=0)
    if re.fullmatch(r"(?:the\s+)?(?:previous|prior)\s+day|the\s+day\s+before|a\s+day\s+(?:earlier|before)", s):
        return _ref(pub, pub, "day", "anaphor:day-before", s, pub, anaphor=-1)
    if re.fullmatch(r"(?:the\s+)?(?:next|following)\s+day|a\s+day\s+later|the\s+day\s+after", s):
        return _ref(pub, pub, "day", "anaphor:day-after", s, pub, anaphor=1)
    if re.fullmatch(r"tomorrow" + _PART, s):
        d = pub + dt.timedelta(days=1)
        return _ref(d, d, "day", "tomorrow", s, pub)
    m = re.fullmatch(r"(\w+|\d+)\s+(day|week|month|year)s?\s+ago", s)
    if m:
        n = _NUMWORDS.get(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
        if not n:
            return None
        unit = m.group(2)
        if unit == "day":
            d = pub - dt.timedelta(days=n)
            return _ref(d, d, "day", "n-days-ago", s, pub)
        if unit == "week":
            a, b = _week_span(pub - dt.timedelta(days=7 * n))
            return _ref(a, b, "week", "n-weeks-ago", s, pub)
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            a, b = _month_span(y, mo + 1)
            return _ref(a, b, "month", "n-months-ago", s, pub)
        y = pub.year - n
        return _ref(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "n-years-ago", s, pub)
    return None


def _rule_weekday(s: str, pub: dt.date) -> TimeRef | None:
    m = re.fullmatch(r"(?:(earlier|later|late|early|last|this|past|next|this\s+coming|on)\s+)?" + _WD + _PART
                     + r"(,?\s+(?:of\s+)?(?:last|the\s+previous|the\s+past|previous)\s+week)?", s)
    if not m:
        return None
    mod = (m.group(1) or "").strip()
    wd = WEEKDAYS[m.group(2)]
    if m.group(3):
        # "on Monday of last week", "Tuesday last week": that weekday of the previous calendar week
        d = _week_span(pub)[0] - dt.timedelta(days=7 - wd)
        return _ref(d, d, "day", "weekday-last-week", s, pub)
    if mod == "last":
        # "last Wednesday": the Wednesday of the previous calendar week ("Wednesday" alone is this week's)
        d = _week_span(pub)[0] - dt.timedelta(days=7 - wd)
        return _ref(d, d, "day", "last-weekday", s, pub)
    if mod in ("next", "this coming"):
        ahead = (wd - pub.weekday()) % 7 or 7
        d = pub + dt.timedelta(days=ahead)
        return _ref(d, d, "day", "next-weekday", s, pub)
    strictly = mod in ("last", "past")
    d = _weekday_on_or_before(pub, wd, strictly=strictly)
    return _ref(d, d, "day", "last-weekday" if strictly else "weekday", s, pub)


def _rule_weekend(s: str, pub: dt.date) -> TimeRef | None:
    m = re.fullmatch(r"(?:over\s+)?(?:the|this|last|past)\s+weekend", s)
    if not m:
        return None
    sat = _weekday_on_or_before(pub, 5, strictly=s.startswith("last"))
    if (pub - sat).days < 0:
        return None
    return _ref(sat, sat + dt.timedelta(days=1), "span", "weekend", s, pub)


def _rule_week_month_year(s: str, pub: dt.date) -> TimeRef | None:
    m = re.fullmatch(r"(?:(earlier|late|early|later|the\s+end\s+of|end\s+of|the\s+start\s+of|the\s+beginning\s+of|"
                     r"towards?\s+the\s+end\s+of)\s+)?(last|this|the\s+previous|the\s+past|the\s+current)\s+"
                     r"(week|month|year)", s)
    if not m:
        return None
    mod, which, unit = (m.group(1) or ""), m.group(2), m.group(3)
    prev = which in ("last", "the previous", "the past")
    if unit == "week":
        a, b = _week_span(pub - dt.timedelta(days=7) if prev else pub)
        return _ref(a, min(b, pub), "week", f"{'last' if prev else 'this'}-week", s, pub)
    if unit == "month":
        if prev:
            y, mo = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        else:
            y, mo = pub.year, pub.month
        a, b = _month_span(y, mo)
        return _ref(a, min(b, pub), "month", f"{'last' if prev else 'this'}-month", s, pub)
    y = pub.year - 1 if prev else pub.year
    if "end" in mod:
        a, b = _month_span(y, 12)
        return _ref(a, min(b, pub), "month", "end-of-year", s, pub)
    if mod == "late":
        return _ref(dt.date(y, 9, 1), min(dt.date(y, 12, 31), pub), "span", "late-year", s, pub)
    if mod in ("early", "the start of", "the beginning of"):
        return _ref(dt.date(y, 1, 1), min(dt.date(y, 4, 30), pub), "span", "early-year", s, pub)
    return _ref(dt.date(y, 1, 1), min(dt.date(y, 12, 31), pub), "year", f"{'last' if prev else 'this'}-year", s, pub)


def _rule_explicit_day(s: str, pub: dt.date) -> TimeRef | None:
    s = re.sub(r"^" + _WD + r",?\s+(?=\S)", "", s)  # "friday, july 7" -> "july 7"
    rel = re.search(r",?\s+(?:of\s+)?(last|this|the\s+previous|previous|the\s+past|the\s+current)\s+year$", s)
    if rel:
        # "on July 2 last year", "on Dec. 24 of last year", "on March 3 this year": the year is given
        inner = _rule_explicit_day(s[:rel.start()], pub)
        if inner is None or inner.precision != "day" or inner.rule not in ("day-month-past-preferring",):
            return None
        y = pub.year if rel.group(1) in ("this", "the current") else pub.year - 1
        d = _safe_date(y, inner.start.month, inner.start.day)
        return _ref(d, d, "day", "day-month-with-year-word", s, pub) if d else None
    patterns = (
        (r"(?:the\s+)?" + _MON + r"\s+" + _DAYNUM + r",?\s+" + _YEAR, "mdy"),
        (r"(?:the\s+)?" + _DAYNUM + r"\s+(?:of\s+)?" + _MON + r",?\s+" + _YEAR, "dmy"),
        (_MON + r"\s+" + _DAYNUM, "md"),
        (r"(?:the\s+)?" + _DAYNUM + r"\s+(?:of\s+)?" + _MON, "dm"),
    )
    for pat, kind in patterns:
        m = re.fullmatch(pat, s)
        if not m:
            continue
        if kind in ("mdy", "md"):
            month, day = MONTHS[m.group(1)], int(m.group(2))
        else:
            day, month = int(m.group(1)), MONTHS[m.group(2)]
        if kind in ("mdy", "dmy"):
            d = _safe_date(int(m.group(3)), month, day)
            return _ref(d, d, "day", "explicit-date", s, pub) if d else None
        res = _day_without_year(pub, month, day)
        if res is None:
            return None
        d, future = res
        return TimeRef(d, d, "day", "day-month-past-preferring", s, future=future)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _ref(d, d, "day", "iso-date", s, pub) if d else None
    return None


def _rule_day_range(s: str, pub: dt.date) -> TimeRef | None:
    m = re.fullmatch(_MON + r"\s+" + _DAYNUM + r"\s*(?:-|to|and|through)\s*" + _DAYNUM + r"(?:,?\s+" + _YEAR + ")?", s)
    if m:
        month, d1, d2, year = MONTHS[m.group(1)], int(m.group(2)), int(m.group(3)), m.group(4)
    else:
        m = re.fullmatch(_DAYNUM + r"\s*(?:-|to|and)\s*" + _DAYNUM + r"\s+" + _MON + r"(?:,?\s+" + _YEAR + ")?", s)
        if not m:
            return None
        d1, d2, month, year = int(m.group(1)), int(m.group(2)), MONTHS[m.group(3)], m.group(4)
    if d2 < d1:
        return None
    if year:
        a, b = _safe_date(int(year), month, d1), _safe_date(int(year), month, d2)
    else:
        res = _day_without_year(pub, month, d1)
        if res is None:
            return None
        a = res[0]
        b = _safe_date(a.year, month, d2)
    if a is None or b is None:
        return None
    return _ref(a, b, "span", "day-range", s, pub)


def _rule_month(s: str, pub: dt.date) -> TimeRef | None:
    m = re.fullmatch(r"(?:(last|this|early|late|mid|mid-|the\s+end\s+of|end\s+of|towards?\s+the\s+end\s+of|"
                     r"the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of|since|until|through)\s*)?"
                     + _MON + r"(?:,?\s+" + _YEAR + r")?", s)
    if not m or (m.group(2) == "may" and not m.group(1) and not m.group(3)):
        return None  # a bare "may" is the verb far more often than the month
    mod, month, year = (m.group(1) or "").strip(), MONTHS[m.group(2)], m.group(3)
    if year:
        y = int(year)
        rule = "month-year"
    else:
        y = _month_without_year(pub, month, strictly_before=(mod == "last"))
        if mod == "this" and month > pub.month:
            y = pub.year
        rule = "last-month-name" if mod == "last" else "month-name-past-preferring"
    a, b = _month_span(y, month)
    return _ref(a, b, "month", rule, s, pub)


def _rule_year(s: str, pub: dt.date) -> TimeRef | None:
    m = re.fullmatch(r"(?:(early|late|mid|mid-|the\s+end\s+of|end\s+of|the\s+start\s+of|the\s+beginning\s+of|"
                     r"the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+middle\s+of|since|until|by|"
                     r"before|after|towards?\s+the\s+end\s+of)\s*)?(?:the\s+year\s+)?" + _YEAR, s)
    if not m:
        m2 = re.fullmatch(_YEAR + r"\s*(?:-|to|and)\s*" + _YEAR, s)
        if m2 and int(m2.group(1)) <= int(m2.group(2)):
            a, b = dt.date(int(m2.group(1)), 1, 1), dt.date(int(m2.group(2)), 12, 31)
            return _ref(a, b, "span", "year-range", s, pub)
        return None
    mod, y = (m.group(1) or "").strip(), int(m.group(2))
    spans = {"early": (1, 4), "the start of": (1, 3), "the beginning of": (1, 3), "mid": (5, 8), "mid-": (5, 8),
             "the middle of": (5, 8), "late": (9, 12), "the first half of": (1, 6), "the second half of": (7, 12)}
    if mod in spans:
        m1, m2 = spans[mod]
        return _ref(dt.date(y, m1, 1), _month_span(y, m2)[1], "span", f"{mod.replace(' ', '-')}-year", s, pub)
    if "end" in mod:
        a, b = _month_span(y, 12)
        return _ref(a, b, "month", "end-of-year", s, pub)
    return _ref(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "year", s, pub)


HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
            "new year eve": (12, 31), "new years eve": (12, 31), "new year day": (1, 1), "new years day": (1, 1)}
# Singles Day (11 November) is left out on purpose: news uses it as the name of a sales festival
# ("unfair pricing during the Singles Day festival"), not as the date of an act.


def _rule_holiday(s: str, pub: dt.date) -> TimeRef | None:
    """Fixed-date holidays ("On Christmas Eve"), past-preferring like any day without a year."""
    m = re.fullmatch(r"(?:the\s+)?(christmas\s+eve|christmas\s+day|christmas|new\s+years?\s+(?:eve|day))"
                     r"(?:,?\s+" + _YEAR + r")?", s)
    if not m:
        return None
    month, day = HOLIDAYS[re.sub(r"\s+", " ", m.group(1))]
    if m.group(2):
        d = _safe_date(int(m.group(2)), month, day)
        return _ref(d, d, "day", "holiday", s, pub) if d else None
    res = _day_without_year(pub, month, day)
    if res is None:
        return None
    return TimeRef(res[0], res[0], "day", "holiday", s, future=res[1])


def _rule_nth(s: str, pub: dt.date) -> TimeRef | None:
    """"On the 10th": the most recent 10th on or before publication; "the 10th of this month" is
    the publication month's (a day after publication is a coming day), "the 3rd of last month"
    the previous month's."""
    m = re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(this|the|the\s+current|last|the\s+previous)"
                     r"\s+month)?", s)
    if not m:
        return None
    n = int(m.group(1))
    which = m.group(2)
    if which is not None:
        if which in ("last", "the previous"):
            y, mo = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        else:
            y, mo = pub.year, pub.month
        d = _safe_date(y, mo, n)
        return _ref(d, d, "day", "nth-of-named-month", s, pub) if d else None
    y, mo = (pub.year, pub.month) if n <= pub.day else ((pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12))
    d = _safe_date(y, mo, n)
    return _ref(d, d, "day", "nth-of-month", s, pub) if d else None


RULES = (_rule_nth, _rule_holiday, _rule_relative_day, _rule_weekday, _rule_weekend, _rule_week_month_year, _rule_explicit_day,
         _rule_day_range, _rule_month, _rule_year)


@functools.lru_cache(maxsize=4)
def _dateparser(pub: dt.date) -> DateDataParser:
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day),
        "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})


def _dateparser_fallback(s: str, pub: dt.date) -> TimeRef | None:
    """Explicit dates in forms the rules do not spell out ("5th of January, 2021", "Jan 5th 2021")."""
    if not (re.search(r"\d", s) and (re.search(_MON, s) or re.search(r"\d{4}", s))):
        return None  # no digits + month/year: dateparser would guess from durations, which are not dates
    if re.search(r"\b(?:years?|months?|weeks?|days?|decades?)\b", s):
        return None
    try:
        data = _dateparser(pub).get_date_data(s)
    except (ValueError, OverflowError, TypeError):   # dateparser can trip on odd input: not a date
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "day":
        return _ref(d, d, "day", "dateparser", s, pub)
    if data.period == "month":
        a, b = _month_span(d.year, d.month)
        return _ref(a, b, "month", "dateparser", s, pub)
    if data.period == "year":
        return _ref(dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), "year", "dateparser", s, pub)
    return None


@functools.lru_cache(maxsize=65536)
def explain(expr: str, published: dt.date) -> tuple[TimeRef | None, str]:
    """(TimeRef, rule) or (None, why it is not a date)."""
    s = normalise(expr)
    if not s:
        return None, "empty"
    if VAGUE.search(s):
        return None, "vague"
    if ORDINALS_ONLY.fullmatch(s) and not re.fullmatch(r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)", s):
        return None, "ordinal, not a date"
    for rule in RULES:
        ref = rule(s, published)
        if ref is not None:
            return ref, ref.rule
    if DURATION.search(s):
        return None, "duration, not a date"
    ref = _dateparser_fallback(s, published)
    if ref is not None:
        return ref, ref.rule
    return None, "not understood"


def resolve(expr: str, published: dt.date) -> TimeRef | None:
    """The calendar reading of `expr` in a story published on `published`, or None."""
    return explain(expr, published)[0]


# ------------------------------------------------ phrases the NER model misses
_SCAN = re.compile(
    r"\b(?:(?:[Ee]arlier|[Ll]ater|[Ll]ate|[Ee]arly|[Ll]ast|[Tt]his|[Pp]ast)\s+)?"
    r"(?<!Black )(?<!Cyber )(?<!Super )(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b(?:,?\s+(?:of\s+)?(?:last|the\s+previous)\s+week\b)?|"
    r"\b(?:[Tt]oday|[Yy]esterday)\b|\b[Tt]he\s+\d{1,2}(?:st|nd|rd|th)\s+of\s+(?:this|last|the\s+previous|the\s+current)\s+month\b|(?<=\b[Oo]n\s)the\s+\d{1,2}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Za-z]*(?:anniversary|day|week|month|year|time|round|batch|floor|century))|"
    r"\b(?:(?:[Ee]arlier|[Ll]ate|[Ee]arly)\s+)?(?:[Ll]ast|[Tt]his)\s+(?:week|month|year)\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:\s*[-\u2013]\s*\d{1,2}\b)?"
    r"(?:,?\s+(?:19|20)\d{2}\b|,?\s+(?:of\s+)?(?:last|this)\s+year\b)?|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?(?:,?\s+(?:19|20)\d{2}\b|"
    r",?\s+(?:of\s+)?(?:last|this)\s+year\b)?|"
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December)"
    r"(?:\s+(?:19|20)\d{2})?\b")


def scan_phrases(text: str) -> list[tuple[int, int]]:
    """Character spans of date-like phrases found by pattern, for what NER does not tag."""
    return [m.span() for m in _SCAN.finditer(text)]

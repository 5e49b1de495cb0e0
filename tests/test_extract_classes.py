"""General rules for failure classes found on unseen news: each with short sentences of its own."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.signals import classify
from analysis.timeexpr import resolve
from extract_fixtures import day_events, isolated_cache  # noqa: F401 (a fixture)

D = dt.date


pytestmark = pytest.mark.usefixtures("isolated_cache")


# 1. a month-day with "last year" / "this year"
@pytest.mark.parametrize("expr,pub,day", [
    ("July 2 last year", D(2022, 7, 22), D(2021, 7, 2)),
    ("Dec. 24 last year", D(2021, 4, 12), D(2020, 12, 24)),
    ("Dec. 24 of last year", D(2021, 1, 5), D(2020, 12, 24)),
    ("3 March this year", D(2021, 9, 1), D(2021, 3, 3)),
    ("March 3 this year", D(2021, 9, 1), D(2021, 3, 3)),
])
def test_month_day_with_year_word(expr, pub, day):
    ref = resolve(expr, pub)
    assert (ref.start, ref.precision) == (day, "day")


def test_month_day_last_year_in_a_sentence():
    got = day_events("The regulator suspended the app's downloads on July 4 last year, the company said.", D(2022, 3, 1))
    assert (D(2021, 7, 4), "crackdown") in got


# 2. a weekday of the previous week
@pytest.mark.parametrize("expr,day", [
    ("Monday of last week", D(2021, 9, 6)),
    ("Tuesday last week", D(2021, 9, 7)),
    ("last Wednesday", D(2021, 9, 8)),
    ("Friday, last week", D(2021, 9, 10)),
])
def test_weekday_of_last_week(expr, day):
    assert resolve(expr, D(2021, 9, 16)).start == day   # a Thursday story


def test_weekday_of_last_week_in_a_sentence():
    got = day_events("Regulators fined the delivery platform on Tuesday last week.", D(2021, 10, 14))
    assert got == {(D(2021, 10, 5), "crackdown")}


# 3. future and prospective days do not date an act
@pytest.mark.parametrize("text", [
    "Shares of the platform are expected to fall when trading resumes Wednesday.",
    "The court will hold a hearing on Friday on the merger ban.",
    "The regulator is expected to rule on Monday on the fine.",
    "Tencent shares face a test on Wednesday, after the crackdown on games.",
])
def test_future_days_are_not_event_dates(text):
    assert day_events(text, D(2021, 9, 13)) == set()


# 4. slowed / halted approvals are a restriction; resumed approvals are easing
@pytest.mark.parametrize("text,signal", [
    ("Approvals of new game titles appeared to have slowed.", "crackdown"),
    ("The regulator slowed approvals of new games.", "crackdown"),
    ("Licences for new games had ground to a halt.", "crackdown"),
    ("The regulator halted approvals of new titles.", "crackdown"),
    ("The regulator resumed approvals of new titles.", "easing"),
])
def test_approval_polarity(text, signal):
    assert classify(text).signal == signal


# 5. clause-level dates: a fine concluding a probe opened on another day
def test_fine_and_the_opening_of_the_probe_each_keep_their_day():
    got = day_events("The regulator on Saturday fined the e-commerce giant 18.2 billion yuan, "
                     "concluding an investigation it opened on Dec. 24.", D(2021, 4, 12))
    assert got == {(D(2021, 4, 10), "crackdown"), (D(2020, 12, 24), "crackdown")}
    r = classify("The regulator fined the company, concluding an investigation it opened in December.")
    assert (r.signal, r.mixed) == ("crackdown", True)


# 6. walking back a draft
@pytest.mark.parametrize("text", [
    "On Saturday, the agency said it would study feedback and improve the draft.",
    "The ministry said on Sunday it would revise the rules after consulting companies.",
    "The regulator said it would amend the proposed rules on online games.",
])
def test_walk_back_is_easing(text):
    assert classify(text).signal == "easing"
    assert {s for _, s in day_events(text, D(2023, 12, 25))} <= {"easing"}


# 7. campaign launches
def test_campaign_launch_is_a_dated_crackdown():
    got = day_events("The pressure continued on Monday as the ministry launched a six-month campaign "
                     "against problems in internet apps.", D(2021, 7, 27))
    assert got == {(D(2021, 7, 26), "crackdown")}


# wire phrasings of acts found missing on a batch of new articles
@pytest.mark.parametrize("text,signal", [
    ("Authorities opened a case against the platform on Tuesday.", "crackdown"),
    ("Regulators on Monday removed 25 of the company's apps from app stores.", "crackdown"),
    ("The ministry on Monday took down 90 apps from app stores.", "crackdown"),
    ("The watchdog asked the companies to conduct self-examinations on Monday.", "crackdown"),
    ("The ministry on Monday interviewed the company's executives.", "crackdown"),
    ("The regulator granted the company a payment licence on Monday.", "easing"),
    ("The government on Tuesday scrapped the cap on foreign ownership.", "easing"),
    ("The platform was called in by the market regulator on Monday over its pricing.", "crackdown"),
    ("The ban on new user registrations was lifted on Monday.", "easing"),
    ("Regulators on Monday put the company's app updates on hold.", "crackdown"),
    ("The president on Tuesday called for regulating excessive incomes.", "crackdown"),
])
def test_wire_phrasings_of_acts(text, signal):
    got = day_events(text, D(2021, 9, 16))
    assert {s for _, s in got} == {signal}


def test_ordinal_day_and_offset_with_its_own_day():
    got = day_events("Regulators called in the executives on the 26th, two days after the company was placed "
                     "under investigation on the 24th.", D(2020, 12, 28))
    assert got == {(D(2020, 12, 26), "crackdown"), (D(2020, 12, 24), "crackdown")}


def test_last_week_then_weekday():
    assert day_events("Last week, on Wednesday, regulators fined the company.", D(2021, 9, 16)) == {
        (D(2021, 9, 8), "crackdown")}


# a legislature approving a law: the law's content decides the side
@pytest.mark.parametrize("text,signal", [
    ("The legislature on Friday approved a law that restricts how platforms use personal data.", "crackdown"),
    ("Lawmakers passed the amended anti-monopoly law on Friday, raising fines for abuse of dominance.", "crackdown"),
    ("The regulator approved the merger on Friday.", "easing"),
])
def test_passing_a_law_is_not_an_approval(text, signal):
    assert {s for _, s in day_events(text, D(2021, 8, 21))} == {signal}


def test_state_media_attack_after_a_market_move_keeps_its_day():
    got = day_events("Game stocks slid on Tuesday after a state-owned newspaper ran a commentary branding "
                     "online games a drug.", D(2021, 8, 4))
    assert got == {(D(2021, 8, 3), "crackdown")}


# acts of foreign governments and readings of events are not Beijing's acts
@pytest.mark.parametrize("text", [
    "US regulators on Friday ordered the auditors of Chinese firms to hand over their papers.",
    "The SEC on Thursday added three Chinese companies to its delisting list.",
    "Shares rose on Monday, which traders took as a sign that the crackdown was over.",
])
def test_not_beijings_acts(text):
    assert day_events(text, D(2022, 7, 30)) == set()


def test_chinese_act_with_us_words_is_kept():
    got = day_events("China's securities regulator on Friday signed an audit agreement with US regulators.",
                     D(2022, 8, 27))
    assert got == {(D(2022, 8, 26), "easing")}


@pytest.mark.parametrize("text,pub,want", [
    ("The regulator fined the platform 3.44 billion yuan on Friday, ending a probe that began on April 26.",
     D(2021, 10, 9), {(D(2021, 10, 8), "crackdown"), (D(2021, 4, 26), "crackdown")}),
    ("Regulators on Friday fined the company, wrapping up a review launched on July 2 last year.",
     D(2022, 7, 23), {(D(2022, 7, 22), "crackdown"), (D(2021, 7, 2), "crackdown")}),
])
def test_opening_of_a_probe_told_in_a_closing_clause(text, pub, want):
    assert day_events(text, pub) == want


def test_the_opening_day_does_not_date_the_closing():
    got = day_events("The fine, announced on Saturday, concluded an investigation that regulators opened "
                     "on Dec. 24.", D(2021, 4, 12))
    assert (D(2020, 12, 24), "crackdown") in got
    assert (D(2020, 12, 24), "easing") not in got
    assert any(d == D(2021, 4, 10) for d, _ in got)

"""Failure classes of a blind evaluation, each as a general rule with short sentences of its own."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.corpus import make_article
from analysis.extract import extract_article
from analysis.timeexpr import resolve
from extract_fixtures import day_events, isolated_cache  # noqa: F401 (a fixture)

D = dt.date


pytestmark = pytest.mark.usefixtures("isolated_cache")


# 3. ordinal day forms
@pytest.mark.parametrize("expr,pub,day", [
    ("the 10th of this month", D(2021, 9, 15), D(2021, 9, 10)),
    ("on the 1st of this month", D(2021, 9, 15), D(2021, 9, 1)),
    ("the 3rd of last month", D(2021, 9, 15), D(2021, 8, 3)),
    ("the 31st of last month", D(2021, 1, 5), D(2020, 12, 31)),
    ("the 22nd of the previous month", D(2021, 3, 2), D(2021, 2, 22)),
    ("the 10th of July", D(2021, 9, 15), D(2021, 7, 10)),
    ("on the 24th", D(2021, 9, 15), D(2021, 8, 24)),
])
def test_ordinal_day_forms(expr, pub, day):
    ref = resolve(expr, pub)
    assert (ref.start, ref.precision, ref.future) == (day, "day", False)


def test_ordinal_of_this_month_after_publication_is_not_past():
    assert resolve("the 20th of this month", D(2021, 9, 15)).future


@pytest.mark.parametrize("text,day", [
    ("The cyberspace regulator summoned Tencent executives on the 10th of this month.", D(2021, 9, 10)),
    ("Regulators fined Meituan on the 3rd of last month, the company said.", D(2021, 8, 3)),
    ("The market regulator fined Alibaba on the 10th of July.", D(2021, 7, 10)),
])
def test_ordinal_day_forms_in_sentences(text, day):
    assert day_events(text, D(2021, 9, 15)) == {(day, "crackdown")}


@pytest.mark.parametrize("text", [
    "The regulator will rule on the fine on the 20th of this month.",
    "It was the 3rd time this month that regulators had criticised the sector.",
])
def test_ordinal_near_misses(text):
    assert day_events(text, D(2021, 9, 15)) == set()


# 1. AP/Reuters bare weekdays right after a verb or participle read like "on <weekday>"
@pytest.mark.parametrize("text,day", [
    ("The market regulator fined Alibaba Friday for antitrust violations.", D(2021, 9, 10)),
    ("China's market regulator said Monday it had fined Tencent for failing to report deals.", D(2021, 9, 13)),
    ("The market regulator announced Tuesday that it had fined Meituan.", D(2021, 9, 14)),
    ("Regulators ordered Tencent Monday to end exclusive music licensing deals.", D(2021, 9, 13)),
    ("China's market regulator Friday fined Meituan 3.4 billion yuan.", D(2021, 9, 10)),
    ("Regulators summoned executives of Alibaba and JD Wednesday, the agency said.", D(2021, 9, 15)),
    ("A review of Didi launched Friday by the cyberspace regulator has rattled investors.", D(2021, 9, 10)),
    ("The cyberspace regulator opened a review of Alibaba Monday.", D(2021, 9, 13)),
    ("The cyberspace regulator announced Tuesday that it had opened a review of Alibaba.", D(2021, 9, 14)),
    ("The regulator said in a statement Monday it had fined Alibaba.", D(2021, 9, 13)),
    ("Regulators late Friday ordered Tencent to end exclusive music deals.", D(2021, 9, 10)),
])
def test_bare_weekday_after_verb(text, day):
    assert day_events(text, D(2021, 9, 15)) == {(day, "crackdown")}   # a Wednesday story


@pytest.mark.parametrize("text", [
    "Friday's meeting of regulators with Alibaba executives was tense.",
    "The court will rule Friday on the fine on Alibaba.",
    "Shares of Alibaba will fall when trading resumes Tuesday after the fine.",
    "The regulator is expected to fine Meituan Friday.",
    "The regulator said Monday's meeting with Alibaba went well.",
    "The market regulator could fine Meituan Friday.",
])
def test_bare_weekday_near_misses(text):
    assert day_events(text, D(2021, 9, 15)) == set()


# 2. a dated participle on a noun naming a regulatory act is that act's own event
@pytest.mark.parametrize("text,day,signal", [
    ("Alibaba's listing is the first test of the anti-monopoly guidelines for the platform economy issued on Feb. 7.",
     D(2021, 2, 7), "crackdown"),
    ("Investors are watching the probe opened on Dec. 24 into Alibaba.", D(2020, 12, 24), "crackdown"),
    ("The fine imposed on Monday on Meituan was the largest this year.", D(2021, 9, 13), "crackdown"),
    ("The new data rules published by the cyberspace regulator on Tuesday weighed on Tencent shares.",
     D(2021, 9, 14), "crackdown"),
    ("Measures to support private firms issued on Monday lifted sentiment.", D(2021, 9, 13), "easing"),
    ("The rules, issued on Friday, require platforms to share data with regulators.", D(2021, 9, 10), "crackdown"),
    ("A fine of 18.2 billion yuan imposed on April 10 was a record.", D(2021, 4, 10), "crackdown"),
    ("The regulations that were issued on Friday bar platforms from forcing exclusivity.", D(2021, 9, 10), "crackdown"),
    ("The guidelines which the market regulator issued on Feb. 7 ban forced exclusivity.", D(2021, 2, 7), "crackdown"),
    ("Investors worried about the guidelines, which were issued last Friday.", D(2021, 9, 10), "crackdown"),
])
def test_dated_act_participle_on_noun(text, day, signal):
    assert (day, signal) in day_events(text, D(2021, 9, 15))


def test_dated_act_participle_is_sector_wide_unless_its_target_is_named():
    x = extract_article(make_article(
        "Alibaba's listing is the first test of the anti-monopoly guidelines for the platform economy issued on Feb. 7.",
        title="t", source="test", published=D(2021, 9, 15), file="t.txt"))
    assert [(e.date, e.companies) for e in x.events] == [(D(2021, 2, 7), ())]
    x = extract_article(make_article("Investors are watching the probe opened on Dec. 24 into Alibaba.",
                                     title="t", source="test", published=D(2021, 9, 15), file="t.txt"))
    assert {e.companies for e in x.events} == {("Alibaba",)}


def test_dated_act_participle_beside_a_main_act():
    got = day_events("Regulators fined Alibaba on Monday under the guidelines issued on Feb. 7.", D(2021, 9, 15))
    assert got == {(D(2021, 9, 13), "crackdown"), (D(2021, 2, 7), "crackdown")}


@pytest.mark.parametrize("text", [
    "The guidelines are expected to be issued on Friday.",
    "The report published on Friday said platforms were growing.",
    "The guidelines issued last year changed the sector.",
    "Alibaba's new product launched on Friday sold well.",
    "The guidelines issued by Alibaba on Friday ask merchants to be polite.",
    "The new rules will be unveiled on Friday.",
    "Alibaba's measures announced on Friday to help merchants were welcomed.",
    "The Singles Day campaign launched on Friday drew record orders.",
])
def test_dated_act_participle_near_misses(text):
    assert day_events(text, D(2021, 9, 15)) == set()


# 4. a day on a meeting/act noun carried into the next sentence whose subject refers back to it
@pytest.mark.parametrize("text,day,signal", [
    ("Investors were still weighing whether last Friday's Politburo meeting marks a turning point. The Communist "
     "Party's top decision-making body pledged to complete the rectification and support platform companies.",
     D(2021, 9, 10), "easing"),
    ("Analysts pored over Monday's meeting of the State Council. The body pledged to support platform companies.",
     D(2021, 9, 13), "easing"),
    ("Investors digested the meeting on Friday of the Politburo. The Politburo pledged to support the healthy "
     "development of platform companies.", D(2021, 9, 10), "easing"),
    ("Analysts pored over Monday's meeting of the market regulator with Alibaba. The regulator ordered the company "
     "to end forced exclusivity.", D(2021, 9, 13), "crackdown"),
])
def test_day_of_meeting_carried_to_back_reference(text, day, signal):
    assert day_events(text, D(2021, 9, 15)) == {(day, signal)}


@pytest.mark.parametrize("text", [
    # the subject is not the meeting, body or regulator
    "Investors were still weighing whether last Friday's Politburo meeting marks a turning point. "
    "The company pledged to support the rectification.",
    "Investors were still weighing whether last Friday's Politburo meeting marks a turning point. "
    "Analysts said the body pledged to support platform companies.",
    # the first sentence's date is not a day on the meeting
    "Investors were weighing whether the Politburo meeting marks a turning point last month. "
    "The body pledged to support platform companies.",
])
def test_day_of_meeting_near_misses(text):
    assert day_events(text, D(2021, 9, 15)) == set()


def test_day_of_meeting_not_carried_past_a_date_of_its_own_or_a_gap():
    got = day_events("Investors were still weighing whether last Friday's Politburo meeting marks a turning point. "
                     "The body pledged on Tuesday to support platform companies.", D(2021, 9, 15))
    assert got == {(D(2021, 9, 14), "easing")}
    got = day_events("Investors were still weighing whether last Friday's Politburo meeting marks a turning point. "
                     "Markets were quiet. The body pledged to support platform companies.", D(2021, 9, 15))
    assert (D(2021, 9, 10), "easing") not in got
    got = day_events("Shares rose on Friday. The regulator pledged to support platform companies.", D(2021, 9, 15))
    assert (D(2021, 9, 10), "easing") not in got


# a company's pledge "after" a dated government act is dated by that act (set 26's first-run false event)
@pytest.mark.parametrize("text,day", [
    ("Ant Group said on Sunday it would set up a rectification working group after regulators summoned its "
     "executives on Dec. 26.", D(2020, 12, 26)),
    ("Tencent said on Monday it would rectify its music business after the market regulator ordered it on "
     "Dec. 30 to end exclusive deals.", D(2020, 12, 30)),
])
def test_company_pledge_after_a_dated_government_act(text, day):
    assert day_events(text, D(2021, 1, 5)) == {(day, "crackdown")}


def test_company_pledge_without_a_government_act_keeps_its_day():
    got = day_events("Ant Group said on Sunday it would set up a rectification working group.", D(2021, 1, 5))
    assert got == {(D(2021, 1, 3), "crackdown")}

"""Extraction rules on short hand-written articles: dates, inheritance, companies, highlights, cache."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis import extract
from analysis.corpus import make_article
from analysis.extract import extract_article, extract_many
from analysis.nlp import get_nlp

WED = dt.date(2023, 7, 12)


@pytest.fixture(autouse=True)
def isolated_cache(monkeypatch, tmp_path):
    monkeypatch.setattr(extract, "DISK_CACHE_DIR", tmp_path / "cache")
    extract.clear_memory_cache()
    yield
    extract.clear_memory_cache()


def art(text: str, published: dt.date = WED, file: str = "t.txt"):
    return make_article(text, title="t", source="test", published=published, file=file)


def day_events(text: str, published: dt.date = WED):
    return [e for e in extract_article(art(text, published)).events if e.precision == "day"]


def test_weekday_event_with_companies_and_cue():
    (e,) = day_events("The market regulator fined Tencent and Alibaba on Friday for unreported deals.")
    assert e.date == dt.date(2023, 7, 7) and e.signal == "crackdown"
    assert e.companies == ("Tencent", "Alibaba") and "fined" in e.cue and 0 < e.confidence <= 1


def test_aliases_map_to_canonical_companies_and_affiliate_is_said():
    x = extract_article(art("Regulators summoned Ant Group, WeChat Pay and Pinduoduo on Monday. "
                            "Meituan Select and JD Logistics were also told to fix pricing."))
    assert x.events[0].companies == ("Alibaba", "Tencent", "PDD")
    labels = [h.label for h in x.spans if h.kind == "company"]
    assert "Alibaba (Ant Group, affiliate)" in labels and "Meituan" in labels and "JD" in labels


def test_other_firms_are_not_among_the_five():
    (e,) = day_events("Regulators ordered ByteDance and Didi to suspend new user sign-ups on Tuesday.")
    assert e.companies == ()


def test_generic_crackdown_without_date_is_not_an_event():
    assert extract_article(art("The two-year crackdown on internet platforms cost investors dearly.")).events == ()


def test_topic_word_with_a_day_is_not_a_day_event():
    assert day_events("On Monday, analysts discussed the crackdown at length.") == []


def test_future_date_is_not_an_event_date():
    assert day_events("New rules restricting data exports will take effect on July 20.") == []


def test_past_crackdown_with_a_date_is_a_coarse_event():
    (e,) = extract_article(art("The crackdown began in November 2020 when regulators halted the listing.")).events
    assert (e.date, e.precision, e.signal) == (dt.date(2020, 11, 1), "month", "crackdown")


def test_relative_clause_date_belongs_to_its_clause():
    evs = extract_article(art("Officials softened their tone toward the founder, who has kept a low profile "
                              "since regulators halted his listing in November 2020.")).events
    assert all(not (e.signal == "easing" and e.date.year == 2020) for e in evs)


def test_market_move_date_is_not_the_act_date_unless_government_acts():
    assert day_events("Shares jumped on Monday after the company said it accepted the penalty.",
                      dt.date(2021, 4, 12)) == []
    (e,) = day_events("Shares tumbled on Tuesday after regulators issued draft rules to curb platforms.")
    assert e.date == dt.date(2023, 7, 11)


def test_inheritance_only_when_the_text_continues_plainly():
    text = ("Regulators fined the payments firm on Friday.\n"
            "The regulator also ordered it to overhaul its lending unit.\n"
            "Separately, officials banned a rival's app.")
    x = extract_article(art(text))
    rules = [s.date_rule for s in x.sentences]
    assert rules == ["weekday", "inherited", ""]
    assert [e.date for e in x.events] == [dt.date(2023, 7, 7)] * 2


def test_same_day_anaphor_uses_the_previous_day_date():
    x = extract_article(art("Regulators met platform executives on Monday.\n"
                            "Officials praised the companies on the same day for their investment."))
    assert [e.date for e in x.events] == [dt.date(2023, 7, 10)]


def test_lede_without_date_gets_publication_date_with_low_confidence():
    x = extract_article(art("The premier met platform executives and signalled the end of the crackdown on the sector.\n"
                            "He urged them to create jobs."))
    (e,) = x.events
    assert e.date == WED and e.signal == "easing" and e.confidence <= 0.6
    assert x.sentences[0].date_rule == "lede"


def test_lede_takes_the_date_of_the_next_sentence():
    x = extract_article(art("The central bank said the rectification of the platforms had basically been completed.\n"
                            "Its governor told state media on Saturday that few issues remained.", dt.date(2023, 1, 9)))
    assert [e.date for e in x.events] == [dt.date(2023, 1, 7)]


def test_lede_rule_needs_a_government_actor():
    assert extract_article(art("Tech founders gathered at the summit and pledged support for the new policy.")).events == ()


def test_mixed_fine_that_ends_a_probe():
    (e,) = day_events("Authorities ended probes into the platforms after levying fines on two of them on Friday.")
    assert e.signal == "easing" and e.mixed and "mixed with crackdown" in e.cue


def test_highlights_point_at_the_text():
    a = art("The market regulator fined Alibaba on Saturday.", dt.date(2021, 4, 12))
    x = extract_article(a)
    got = {(h.kind, a.text[h.start:h.end], h.label) for h in x.spans}
    assert ("company", "Alibaba", "Alibaba") in got
    assert ("date", "Saturday", "2021-04-10") in got
    assert ("cue", "fined", "crackdown") in got


def test_cache_returns_the_same_result_and_survives_corruption(tmp_path):
    a = art("The market regulator fined Alibaba on Saturday.", dt.date(2021, 4, 12))
    first = extract_article(a)
    assert extract_article(a) is first                      # memory hit
    files = list((tmp_path / "cache").glob("*.json"))
    assert len(files) == 1
    extract.clear_memory_cache()
    assert extract_article(a) == first                      # disk hit
    files[0].write_text("{not json")
    extract.clear_memory_cache()
    assert extract_article(a) == first                      # corrupt: recomputed


def test_cache_key_depends_on_publication_date():
    a = art("Regulators fined the company on Friday.", dt.date(2023, 7, 12))
    b = art("Regulators fined the company on Friday.", dt.date(2023, 7, 19))
    da, db = (extract_article(x).events[0].date for x in (a, b))
    assert da == dt.date(2023, 7, 7) and db == dt.date(2023, 7, 14)


def test_extract_many_matches_one_by_one():
    arts = [art("Regulators fined Tencent on Friday.", file="a.txt"),
            art("Beijing praised Meituan on Monday.", file="b.txt")]
    together = extract_many(arts, use_cache=False)
    assert [x.article_file for x in together] == ["a.txt", "b.txt"]
    assert together[1].events[0].signal == "easing"


def test_pipeline_has_ruler_before_ner_and_no_parser():
    names = get_nlp().pipe_names
    assert names.index("company_ruler") < names.index("ner")
    assert "parser" not in names and "lemmatizer" not in names


def test_offset_date_dates_the_earlier_act():
    x = extract_article(art("The firm will split into units, regulators said on Monday, two days after they "
                            "fined its parent.", dt.date(2021, 4, 12)))
    assert [e.date for e in x.events] == [dt.date(2021, 4, 10)]


def test_second_act_in_another_clause_with_its_own_date_is_a_second_event():
    x = extract_article(art("Regulators approved the deal on Monday, after they had fined the buyer on Friday.",
                            dt.date(2021, 4, 14)))
    got = sorted((e.date, e.signal) for e in x.events)
    assert got == [(dt.date(2021, 4, 9), "crackdown"), (dt.date(2021, 4, 12), "easing")]


def test_market_move_with_a_regulator_only_as_object_keeps_the_market_day_out():
    assert day_events("Shares rose 5% on Monday after the company said it would cooperate with the "
                      "regulators' investigation.", dt.date(2021, 4, 26)) == []


@pytest.mark.parametrize("text", [
    "\u2014", "...", "A" * 5000, "On 31 February regulators fined nobody.", "In 1850 and 2999 nothing happened.",
    "\u6cd5\u89c4 regulators \u2019\u201c\u201d fined on Monday\n\n\n\nAnd then?", "Friday Friday Friday.",
])
def test_odd_text_does_not_break_extraction(text):
    x = extract_article(art(text))
    assert all(0 <= h.start < h.end <= len(text) for h in x.spans)


def test_also_continues_only_a_sentence_that_told_an_act():
    x = extract_article(art("In 2021, online sales in the province hit 9 trillion yuan.\n"
                            "Central regulators have also sent signals that the crackdown is coming to an end.",
                            dt.date(2023, 1, 13)))
    assert x.events == ()
    y = extract_article(art("Regulators fined the payments firm on Friday.\n"
                            "The People's Bank of China also imposed a fine on a rival's payment arm."))
    assert [e.date for e in y.events] == [dt.date(2023, 7, 7)] * 2


def test_weekday_after_will_is_the_coming_one():
    assert day_events("The new rules restricting minors will take effect on Monday.") == []
    assert day_events("Regulators said they will summon the executives on Friday.") == []


def test_agent_by_is_not_a_future_marker():
    (e,) = day_events("The rules, published by the State Council on Saturday, bar firms from raising capital.",
                      dt.date(2021, 7, 26))
    assert e.date == dt.date(2021, 7, 24)


def test_affiliate_tagging_is_said_in_the_cue():
    (e,) = day_events("Regulators fined Ant Group on Friday.")
    assert e.companies == ("Alibaba",) and "Alibaba (Ant Group, affiliate)" in e.cue


def test_anniversary_dates_the_original_act():
    (e,) = day_events("Wednesday marks one year since regulators halted the payment firm's listing.",
                      dt.date(2021, 11, 3))
    assert e.date == dt.date(2020, 11, 3)


def test_lede_rule_reads_a_capitalised_government_actor():
    x = extract_article(art("Regulators imposed a record fine on Alibaba, the market regulator said in a statement.",
                            dt.date(2021, 4, 10)))
    assert [(e.date, e.signal) for e in x.events] == [(dt.date(2021, 4, 10), "crackdown")]


def test_reported_day_dates_an_act_told_with_only_a_week():
    (e,) = day_events("Regulators summoned the two game makers this week and told them to curb profits, "
                      "state media reported on Wednesday.", dt.date(2021, 9, 10))
    assert e.date == dt.date(2021, 9, 8)


def test_reporting_a_loss_is_not_a_reporting_verb_for_the_date():
    assert day_events("The firm, which has been under investigation since April, reported a wider loss on Monday.",
                      dt.date(2021, 5, 25)) == []


def test_government_actor_with_own_day_and_several_topic_cues_is_a_low_confidence_event():
    (e,) = day_events("Premier Li said on Sunday that the government valued the platform economy and innovation.",
                      dt.date(2023, 3, 6))
    assert e.date == dt.date(2023, 3, 5) and e.signal == "easing" and e.confidence < 0.6
    assert day_events("Analysts said on Sunday that the platform economy needs innovation.", dt.date(2023, 3, 6)) == []


def test_report_date_yields_to_the_acts_own_earlier_date():
    assert day_events("A report published on Tuesday by the central bank said regulators had fined 12 firms "
                      "last year.", dt.date(2022, 5, 17)) == []
    (e,) = day_events("The regulator on Thursday said it would step up antitrust enforcement this year.",
                      dt.date(2022, 1, 21))
    assert e.date == dt.date(2022, 1, 20)


def test_relative_clause_on_the_subject_dates_the_act():
    (e,) = day_events("The Politburo, which met on Monday, pledged to support the platform economy.",
                      dt.date(2023, 7, 26))
    assert e.date == dt.date(2023, 7, 24)


def test_market_day_stands_when_the_government_acts_after_after_with_only_a_period():
    (e,) = day_events("Meituan's shares jumped on Tuesday after Beijing said food delivery platforms would not "
                      "face new fee caps this year.", dt.date(2021, 10, 20))
    assert (e.date, e.signal) == (dt.date(2021, 10, 19), "easing")


def test_holidays_and_nth_of_month():
    (e,) = day_events("On Christmas Eve, the market regulator announced an antitrust investigation into the group.",
                      dt.date(2020, 12, 26))
    assert e.date == dt.date(2020, 12, 24)
    (e,) = day_events("The fine on the group, announced on the 10th, was the largest ever.", dt.date(2021, 4, 12))
    assert e.date == dt.date(2021, 4, 10)


def test_wire_tickers_and_ant_products_map_to_companies():
    x = extract_article(art("Regulators fined Alibaba Group Holding Ltd (BABA.N), JD.com (JD.O) and PDD (PDD.O) on "
                            "Friday, and ordered changes to Alipay and Huabei."))
    assert set(x.events[0].companies) == {"Alibaba", "JD", "PDD"}
    assert "Alibaba (Ant Group, affiliate)" in {h.label for h in x.spans if h.kind == "company"}


def test_perfect_tense_lede_takes_only_the_next_sentences_date():
    x = extract_article(art("Chinese regulators have ordered the payments firm to overhaul its business.\n"
                            "The central bank announced the plan on Monday after meeting executives.", dt.date(2021, 4, 13)))
    assert [e.date for e in x.events] == [dt.date(2021, 4, 12)]
    y = extract_article(art("Chinese regulators have ordered the payments firm to overhaul its business.\n"
                            "The plan will take years.", dt.date(2021, 4, 13)))
    assert y.events == ()

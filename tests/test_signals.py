"""Signal rules, one hand-written sentence each (none copied from published articles)."""
from __future__ import annotations

import pytest

from analysis.signals import classify, find_cues


@pytest.mark.parametrize("sentence", [
    "The market regulator fined the e-commerce group 18 billion yuan for abusing its dominance.",
    "Authorities opened an antitrust probe into the food delivery company.",
    "The securities watchdog suspended the fintech firm's listing two days before trading was due to start.",
    "Regulators summoned executives of the payments giant for a second round of talks.",
    "The cyberspace agency ordered app stores to remove the ride-hailing app.",
    "Beijing issued new rules to curb the disorderly expansion of capital.",
    "The agency launched a cybersecurity review of the truck-hailing platform.",
    "Officials banned the sale of new games to minors on weekdays.",
    "The regulator imposed a record fine on the retailer.",
    "The company was placed under investigation for monopolistic practices.",
    "New rules require firms with more than one million users to obtain approval before listing abroad.",
])
def test_crackdown(sentence):
    r = classify(sentence)
    assert r.signal == "crackdown" and r.strong, r


@pytest.mark.parametrize("sentence", [
    "The central bank said the rectification of the platforms had basically been completed.",
    "Regulators ended their probes into the two payment firms.",
    "The vice premier signalled the end of the regulatory crackdown on the internet sector.",
    "Analysts said the crackdown is now over.",
    "Officials said the campaign had concluded.",
    "The government is moving past its crackdown on the technology industry.",
    "The premier pledged support for private platform companies.",
    "The state planner praised the online retailers for their investment in chips.",
    "The city government signed a strategic cooperation agreement with the cloud company.",
    "Regulators approved a batch of new video game licences.",
    "Authorities allowed the ride-hailing app to resume new user registrations.",
    "Regulators will shift to normalised supervision of platform companies.",
    "Regulators lifted the ban on new game approvals.",
    "Provincial leaders visited the company's headquarters in the city.",
])
def test_easing(sentence):
    r = classify(sentence)
    assert r.signal == "easing" and r.strong, r


@pytest.mark.parametrize("sentence", [
    "Shares of the company rose 3% in Hong Kong trading.",
    "The firm reported quarterly revenue of 200 billion yuan.",
    "Analysts expect the economy to grow about 5% this year.",
])
def test_neutral(sentence):
    assert classify(sentence).signal == "neutral"


def test_negated_crackdown_flips_to_easing_weak_unless_the_government_says_it():
    r = classify("Analysts said there would be no new fines for the sector.")
    assert r.signal == "easing" and not r.strong and r.cues[0].negated
    r = classify("Officials said there would be no new fines for the sector.")
    assert r.signal == "easing" and r.strong and r.cues[0].negated


def test_negated_easing_flips_to_crackdown():
    r = classify("The regulator did not approve the merger.")
    assert r.signal == "crackdown" and r.cues[0].negated


def test_not_only_is_not_a_negation():
    assert classify("Regulators not only fined the company but also ordered changes.").signal == "crackdown"


def test_ending_a_probe_with_fines_is_mixed_easing():
    r = classify("Authorities ended the investigations after levying fines on the two firms.")
    assert r.signal == "easing" and r.mixed
    assert "mixed with crackdown" in r.describe() and "fines" in r.describe()


def test_topic_words_alone_are_weak():
    r = classify("The two-year crackdown weighed on the whole sector.")
    assert r.signal == "crackdown" and not r.strong


def test_unresolved_crackdown_still_crackdown_when_negated_ending():
    r = classify("Regulators have not ended their probe.")
    assert r.signal == "crackdown"


def test_cues_name_their_patterns_and_offsets():
    s = "The regulator fined the firm on Saturday."
    cue = find_cues(s)[0]
    assert cue.pattern == "fine" and s[cue.start:cue.end] == "fined"


def test_curly_apostrophes_do_not_hide_cues():
    r = classify("The country\u2019s long-running crackdown on the sector\u2019s giants is fast coming to an end.")
    assert r.signal == "easing" and r.cues[0].pattern == "crackdown-over"


def test_hedged_act_is_weak():
    r = classify("Shares fell on worries that regulators could order the company to raise pay.")
    assert r.signal == "crackdown" and not r.strong


def test_denied_report_is_no_act():
    assert classify("The company denied a report that regulators had ordered it to sell assets.").signal == "neutral"


def test_support_as_policy_is_strong_but_a_firm_supporting_a_decision_is_not():
    assert classify("The premier said the government would support the platform economy.").strong
    assert not classify("The company said it supported the ministry's decision.").strong


def test_regulatory_storm_has_passed_is_easing():
    assert classify("Economists said the regulatory storm of 2021 had passed.").signal == "easing"


@pytest.mark.parametrize("sentence", [
    "The vice premier told executives that the government supports the development of the digital economy.",
    "The central bank said it would step up financial support for private companies.",
    "The planner issued 20 measures to promote private investment.",
    "Analysts said Beijing is softening its stance toward the sector.",
])
def test_present_tense_support_and_softening_are_easing(sentence):
    r = classify(sentence)
    assert r.signal == "easing" and r.strong, r


def test_must_be_approved_is_a_restriction():
    r = classify("New apps from the company would need to be approved before release.")
    assert r.signal == "crackdown" and r.strong


@pytest.mark.parametrize("sentence,signal", [
    ("Regulators finalised rules requiring apps to register their algorithms.", "crackdown"),
    ("The regulator capped the commissions that platforms charge restaurants.", "crackdown"),
    ("The market regulator confiscated the company's illegal gains.", "crackdown"),
    ("Leaders pledged to complete the rectification of platform companies.", "easing"),
    ("Officials pledged to protect the property rights of private entrepreneurs.", "easing"),
    ("Regulators signalled an end to campaign-style enforcement.", "easing"),
])
def test_more_acts(sentence, signal):
    r = classify(sentence)
    assert r.signal == signal and r.strong, r


def test_stimulus_for_property_or_earnings_guidance_is_not_a_strong_act():
    assert not classify("Beijing announced stimulus measures to support the property market.").strong
    assert classify("The company released its earnings guidelines on Monday.").signal == "neutral"


@pytest.mark.parametrize("sentence,signal", [
    ("The leadership issued a sweeping set of guidelines aimed at reviving the private sector.", "easing"),
    ("The regulator said it would step up antitrust enforcement this year.", "crackdown"),
    ("A state media outlet published an article calling online games a poison.", "crackdown"),
])
def test_purpose_and_state_media(sentence, signal):
    r = classify(sentence)
    assert r.signal == signal and r.strong, r


@pytest.mark.parametrize("sentence,signal", [
    ("The regulator accused the platform of abusing its dominant market position.", "crackdown"),
    ("The ride-hailing firm was told to stop new user registrations.", "crackdown"),
    ("The app is back on app stores after a long absence.", "easing"),
    ("Regulators issued 60 game licences to domestic studios.", "easing"),
    ("Officials struck a friendlier tone toward private firms.", "easing"),
    ("Regulators removed restrictions on overseas listings.", "easing"),
])
def test_further_acts(sentence, signal):
    r = classify(sentence)
    assert r.signal == signal and r.strong, r


def test_a_warning_is_an_act_only_from_the_government():
    assert classify("Regulators warned platforms against abusing their data.").strong
    assert classify("The companies were warned not to repeat the mistakes.").strong
    r = classify("The company warned that new rules would weigh on growth.")
    assert r.signal == "crackdown" and not r.strong


def test_neutral_phrases_hide_cue_words():
    assert classify("Meituan reported results on Friday, easing concerns about regulatory pressure.").signal != "easing"
    assert classify("Shares found support near the 200-day average.").signal == "neutral"


def test_rules_that_make_listing_easier_are_easing():
    r = classify("The regulator released final rules for overseas listings, making it easier for firms to go public.")
    assert r.signal == "easing"


def test_negation_reaches_three_words_back():
    r = classify("The regulator has not announced any major fines this year.")
    assert r.signal == "easing" and r.cues[0].negated


@pytest.mark.parametrize("sentence,signal", [
    ("The regulator handed out licences for 44 imported games.", "easing"),
    ("The planner vowed to help platform companies and to remove barriers to their investment.", "easing"),
    ("The cyberspace regulator said it would clean up the online ranking of celebrities.", "crackdown"),
    ("The planner issued guidelines on Tuesday to promote the healthy development of the platform economy.", "easing"),
])
def test_licences_help_clean_up(sentence, signal):
    r = classify(sentence)
    assert r.signal == signal and r.strong, r


def test_strengthening_antitrust_is_an_act():
    r = classify("The Politburo said it would strengthen anti-monopoly efforts and prevent the disorderly "
                 "expansion of capital.")
    assert r.signal == "crackdown" and r.strong


@pytest.mark.parametrize("sentence,signal", [
    ("The leadership called for stricter oversight of online lenders.", "crackdown"),
    ("The regulator revoked the payment licences of two small firms.", "crackdown"),
    ("Regulators completed their review of the ride-hailing company.", "easing"),
    ("Officials scaled back the scrutiny of online platforms.", "easing"),
    ("The regulator reopened approvals for online games.", "easing"),
    ("The city offered subsidies to platform companies that invest locally.", "easing"),
])
def test_still_more_acts(sentence, signal):
    r = classify(sentence)
    assert r.signal == signal and r.strong, r


@pytest.mark.parametrize("sentence", [
    'The president pledged to "unswervingly encourage, support and guide" the development of the private sector.',
    "The agencies issued a notice on promoting the healthy and sustainable development of the platform economy.",
])
def test_official_formulas_of_support(sentence):
    r = classify(sentence)
    assert r.signal == "easing" and r.strong, r


def test_rules_released_late_that_require():
    r = classify("The regulator released rules late on Tuesday that will require companies using algorithms to "
                 "let users opt out.")
    assert r.signal == "crackdown" and r.strong


@pytest.mark.parametrize("sentence,signal", [
    ("Authorities asked the group to sell its media assets.", "crackdown"),
    ("Regulators grilled the executives for hours.", "crackdown"),
    ("The gaming giant came under fire from state media.", "crackdown"),
    ("Beijing relaxed its stance toward the sector.", "easing"),
    ("The regulator gave its blessing to the listing.", "easing"),
])
def test_wire_idioms(sentence, signal):
    r = classify(sentence)
    assert r.signal == signal and r.strong, r


def test_halting_approvals_is_plain_crackdown():
    r = classify("China has suspended approvals of new online games.")
    assert r.signal == "crackdown" and r.strong and not r.mixed


@pytest.mark.parametrize("sentence,signal", [
    ('"We will keep our policies toward platform companies stable and transparent," the vice premier said.', "easing"),
    ("The regulator published a list of 105 apps that had illegally collected data.", "crackdown"),
    ('"The rectification of platform companies is basically complete," the governor said.', "easing"),
])
def test_quoted_pledges_lists_and_complete(sentence, signal):
    r = classify(sentence)
    assert r.signal == signal and r.strong, r


@pytest.mark.parametrize("sentence,signal", [
    ("The planner met executives and promised to address their concerns.", "easing"),
    ("The move marked the end of a nearly three-year overhaul of the fintech empire.", "easing"),
])
def test_concerns_and_end_of_overhaul(sentence, signal):
    r = classify(sentence)
    assert r.signal == signal and r.strong, r


def test_allowing_firms_to_keep_listings_is_easing():
    r = classify("China will allow most US-listed Chinese companies to keep their New York listings.")
    assert r.signal == "easing" and r.strong

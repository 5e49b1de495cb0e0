"""analysis.eventstudy against an independent computation on the real snapshot: the bars read with
plain pandas, day 0 found with DatetimeIndex.searchsorted, the market model fitted by statsmodels
OLS and CAR / t / p worked out by hand."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats as st

from analysis import eventstudy as es
from eventstudy_fixtures import FIXTURES, snapshot_prices, snapshot_returns

COLUMNS = "event_id,date,end_date,precision,signal,companies,confidence,articles,sources,n_sources,sentence,cue,mixed"


def events(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """Events table in the extractor's format from (event_id, date, signal, companies) tuples."""
    recs = [{"event_id": i, "date": d, "end_date": d, "precision": "day", "signal": s, "companies": c,
             "confidence": 0.9, "articles": "a.txt", "sources": "Reuters", "n_sources": 1,
             "sentence": "...", "cue": "...", "mixed": False} for i, d, s, c in rows]
    return pd.DataFrame(recs, columns=COLUMNS.split(","))


def independent(ticker: str, bench: str, day0: str, window: tuple[int, int], *, model: str = "market"):
    """Expected numbers for one pair, computed without analysis.eventstudy or analysis.stats."""
    cal = snapshot_prices(ticker).index
    r, rm = snapshot_returns(ticker), snapshot_returns(bench)
    p = cal.get_loc(pd.Timestamp(day0))
    est = cal[max(p - 250, 0): p - 10]
    y, x = r.reindex(est), rm.reindex(est)
    ok = y.notna() & x.notna()
    win = cal[p + window[0]: p + window[1] + 1]
    if model == "market":
        ols = sm.OLS(y[ok].to_numpy(), sm.add_constant(x[ok].to_numpy())).fit()
        alpha, beta = ols.params
        s2, dof = ols.scale, int(ols.df_resid)
        ar = r.reindex(win) - (alpha + beta * rm.reindex(win))
    else:
        alpha = beta = math.nan
        ar_est = (y - x)[ok]
        s2, dof = ar_est.var(ddof=1), int(ok.sum()) - 1
        ar = r.reindex(win) - rm.reindex(win)
    ar = ar.dropna()
    car = ar.sum()
    t = car / math.sqrt(s2 * len(ar))
    return {"alpha": alpha, "beta": beta, "sigma": math.sqrt(s2), "n": int(ok.sum()), "car": car,
            "t": t, "p": 2 * st.t.sf(abs(t), dof), "L": len(ar), "missing": len(win) - len(ar)}


def row(result: es.StudyResult, event_id: str, ticker: str, window: str) -> pd.Series:
    sel = result.car[(result.car.event_id == event_id) & (result.car.ticker == ticker)
                     & (result.car.window == window)]
    assert len(sel) == 1, f"expected one row for {event_id} {ticker} {window}, got {len(sel)}"
    return sel.iloc[0]


def check(got: pd.Series, exp: dict) -> None:
    assert got.car == pytest.approx(exp["car"], rel=1e-9, abs=1e-12)
    assert got.t_stat == pytest.approx(exp["t"], rel=1e-9)
    assert got.p_value == pytest.approx(exp["p"], rel=1e-7, abs=1e-15)
    assert got.sigma == pytest.approx(exp["sigma"], rel=1e-9)
    assert got.n_estimation == exp["n"]
    assert got.n_window == exp["L"] and got.n_missing == exp["missing"]


@pytest.fixture(scope="module")
def basic() -> es.StudyResult:
    return es.study(es.read_events(FIXTURES / "events_basic.csv"))


@pytest.mark.parametrize("window", [w for w in es.WINDOWS])
def test_us_listing_baba_vs_spy_matches_statsmodels(basic, window):
    got = row(basic, "E_SAMR", "BABA", es.window_label(window))
    exp = independent("BABA", "SPY", "2020-12-24", window)
    check(got, exp)
    assert got.alpha == pytest.approx(exp["alpha"], rel=1e-9)
    assert got.beta == pytest.approx(exp["beta"], rel=1e-9)
    assert got.model == "market" and got.benchmark == "SPY"
    assert got.day0 == "2020-12-24" and got.event_date == "2020-12-24"


def test_baba_samr_probe_is_a_large_negative_abnormal_return(basic):
    got = row(basic, "E_SAMR", "BABA", "0,0")
    # BABA fell 13.3 % on 2020-12-24 while SPY rose 0.4 % (PROVENANCE.md spot check)
    assert got.car < -0.12 and got.p_value < 1e-6


@pytest.mark.parametrize("window", [(0, 0), (-1, 1), (-5, 5)])
def test_hk_listing_tencent_vs_hsi_matches_statsmodels(basic, window):
    got = row(basic, "E_LIUHE", "0700.HK", es.window_label(window))
    exp = independent("0700.HK", "^HSI", "2022-03-16", window)
    check(got, exp)
    assert got.beta == pytest.approx(exp["beta"], rel=1e-9)
    # half-day placeholders (2021-12-24, 2021-12-31, 2022-01-31) cost estimation returns
    assert got.n_estimation == exp["n"] < 240
    assert got.benchmark == "^HSI"


def test_market_adjusted_fallback_for_9618_shortly_after_listing():
    res = es.study(events(("E_ANT", "2020-11-03", "crackdown", "JD")))
    got = row(res, "E_ANT", "9618.HK", "-1,1")
    exp = independent("9618.HK", "^HSI", "2020-11-03", (-1, 1), model="market-adjusted")
    assert exp["n"] < 100
    assert got.model == "market-adjusted"
    assert math.isnan(got.alpha) and math.isnan(got.beta)
    check(got, exp)
    # JD in New York has a full estimation window the same day
    assert row(res, "E_ANT", "JD", "-1,1").model == "market"


def test_too_little_history_is_skipped_with_a_reason_and_the_rest_computed():
    res = es.study(events(("E_EARLY", "2020-07-06", "crackdown", "JD")))
    assert set(res.car.ticker) == {"JD"}
    reason = res.skipped.set_index("ticker").loc["9618.HK", "reason"]
    assert "too little history" in reason and "E_EARLY" in reason and "row 1" in reason
    assert res.has_errors


@pytest.mark.parametrize("rule, baba, hk", [("next", "2021-04-12", "2021-04-12"),
                                            ("previous", "2021-04-09", "2021-04-09")])
def test_saturday_event_day0(rule, baba, hk):
    res = es.study(events(("E_FINE", "2021-04-10", "crackdown", "Alibaba")), nontrading=rule)
    assert row(res, "E_FINE", "BABA", "0,0").day0 == baba
    assert row(res, "E_FINE", "9988.HK", "0,0").day0 == hk
    exp = independent("BABA", "SPY", baba, (0, 0))
    check(row(res, "E_FINE", "BABA", "0,0"), exp)


def test_saturday_event_dropped():
    res = es.study(events(("E_FINE", "2021-04-10", "crackdown", "Alibaba")), nontrading="drop")
    assert res.car.empty
    assert set(res.skipped.ticker) == {"BABA", "9988.HK"}
    assert (res.skipped.kind == "excluded").all() and not res.has_errors
    assert res.skipped.reason.str.contains("2021-04-10 is not a trading day").all()


def test_day0_follows_each_listings_own_calendar():
    # Monday 2021-04-05: New York open, Hong Kong closed for Easter and Ching Ming until the 7th
    res = es.study(events(("E_EASTER", "2021-04-05", "crackdown", "Alibaba")))
    assert row(res, "E_EASTER", "BABA", "0,0").day0 == "2021-04-05"
    assert row(res, "E_EASTER", "9988.HK", "0,0").day0 == "2021-04-07"
    drop = es.study(events(("E_EASTER", "2021-04-05", "crackdown", "Alibaba")), nontrading="drop")
    assert set(drop.car.ticker) == {"BABA"} and list(drop.skipped.ticker) == ["9988.HK"]


def test_placeholder_day_is_missing_not_zero(basic):
    # 9988.HK 2020-12-24 is a zero-volume half-day placeholder: the returns into and out of it
    # (12-24 and 12-28) are excluded and counted
    day0 = row(basic, "E_SAMR", "9988.HK", "0,0")
    assert day0.n_missing == 1 and day0.n_window == 0
    assert math.isnan(day0.car) and math.isnan(day0.t_stat) and math.isnan(day0.p_value)
    assert "placeholder" in day0.quality
    three = row(basic, "E_SAMR", "9988.HK", "-1,1")
    exp = independent("9988.HK", "^HSI", "2020-12-24", (-1, 1))
    assert exp["missing"] == 2 and exp["L"] == 1
    check(three, exp)
    # only 2020-12-23 is left in [-1, +1]: the CAR is that day's AR, with sd sigma * sqrt(1)
    assert three.sd_car == pytest.approx(three.sigma)
    # the day after the placeholder: its return starts on the placeholder, and the note says why
    after = es.study(events(("E_MON", "2020-12-28", "crackdown", "Alibaba")), listings=["9988.HK"],
                     windows=[(0, 0), (1, 1)])
    assert row(after, "E_MON", "9988.HK", "0,0").n_missing == 1
    assert "placeholder" in row(after, "E_MON", "9988.HK", "0,0").quality
    assert row(after, "E_MON", "9988.HK", "1,1").quality == ""
    path = basic.paths[(basic.paths.event_id == "E_SAMR") & (basic.paths.ticker == "9988.HK")]
    assert path.set_index("t").loc[[0, 1], "ar"].isna().all()
    assert path.set_index("t").loc[[0, 1], "car"].isna().all()     # a gap in the chart, not a flat line
    assert path.set_index("t").loc[2, "car"] == pytest.approx(path.set_index("t").loc[-10:2, "ar"].sum())
    assert path.set_index("t").loc[-1, "ar"] == pytest.approx(three.car)


def test_benchmark_override_aligned_on_the_listings_dates():
    # KWEB (New York) did not trade on 2021-07-05 (Independence Day observed); Hong Kong did
    res = es.study(events(("E_JUL", "2021-07-05", "crackdown", "Alibaba")), benchmark="KWEB",
                   listings=["9988.HK"], windows=[(0, 0), (0, 1)])
    assert row(res, "E_JUL", "9988.HK", "0,0").n_missing == 1
    got = row(res, "E_JUL", "9988.HK", "0,1")
    assert got.benchmark == "KWEB"
    check(got, independent("9988.HK", "KWEB", "2021-07-05", (0, 1)))


def test_confounding_flags_name_the_other_events():
    res = es.study(events(("E1", "2021-07-26", "crackdown", ""), ("E2", "2021-07-27", "crackdown", ""),
                          ("E3", "2021-08-20", "crackdown", "Tencent")),
                   listings=["0700.HK", "BABA"])
    assert row(res, "E1", "0700.HK", "0,0").confounded_by == ""
    assert not row(res, "E1", "0700.HK", "0,0").confounded
    assert row(res, "E1", "0700.HK", "-1,1").confounded_by == "E2"
    assert row(res, "E2", "0700.HK", "-1,1").confounded_by == "E1"
    assert row(res, "E2", "0700.HK", "0,3").confounded_by == ""     # E1 is before E2's window
    assert row(res, "E1", "0700.HK", "0,3").confounded
    # E3 is 19 sessions after E2: in nobody's event window, but E1 and E2 are in its estimation window
    assert row(res, "E3", "0700.HK", "-5,5").confounded_by == ""
    assert row(res, "E3", "0700.HK", "-1,1").estimation_confounded_by == "E1;E2"
    assert not row(res, "E1", "0700.HK", "-1,1").estimation_confounded
    # E3 names Tencent only: it is not studied for BABA and does not confound BABA's windows
    assert "E3" not in set(res.car[res.car.ticker == "BABA"].event_id)


def test_paths_cover_minus_ten_to_ten_and_cumulate(basic):
    path = basic.paths[(basic.paths.event_id == "E_LIUHE") & (basic.paths.ticker == "JD")]
    assert path.t.tolist() == list(range(-10, 11))
    assert path.car.to_numpy() == pytest.approx(np.cumsum(path.ar.to_numpy()))
    r = row(basic, "E_LIUHE", "JD", "-5,5")
    assert path.set_index("t").loc[-5:5, "ar"].sum() == pytest.approx(r.car)
    assert path.set_index("t").loc[0, "date"] == "2022-03-16"


def test_non_day_precision_events_are_not_studied(basic):
    assert "E_MONTH" not in set(basic.car.event_id)
    skipped = basic.skipped.set_index("event_id").loc["E_MONTH"]
    assert skipped.kind == "excluded" and "only day-precision" in skipped.reason


def test_sector_event_goes_to_all_seven_listings_and_named_events_to_their_listings(basic):
    assert set(basic.car[basic.car.event_id == "E_DIDI"].ticker) == \
        {"BABA", "9988.HK", "0700.HK", "PDD", "JD", "9618.HK", "3690.HK"}
    assert set(basic.car[basic.car.event_id == "E_SAMR"].ticker) == {"BABA", "9988.HK"}
    assert len(basic.car) == 20 * len(es.WINDOWS)


def test_listings_narrow_the_study():
    res = es.study(events(("E1", "2021-07-26", "crackdown", ""), ("E2", "2020-12-24", "crackdown", "Alibaba")),
                   listings=["JD"])
    assert set(zip(res.car.event_id, res.car.ticker)) == {("E1", "JD")}


def test_prediction_error_correction_widens_the_variance():
    ev = events(("E_SAMR", "2020-12-24", "crackdown", "Alibaba"))
    plain = row(es.study(ev, listings=["BABA"]), "E_SAMR", "BABA", "-5,5")
    corr = row(es.study(ev, listings=["BABA"], prediction_error=True), "E_SAMR", "BABA", "-5,5")
    assert corr.car == pytest.approx(plain.car)
    assert corr.sd_car > plain.sd_car and abs(corr.t_stat) < abs(plain.t_stat)


# --- across events -------------------------------------------------------------------------


def _ols_resid(ticker: str, bench: str, day0: str) -> pd.Series:
    cal = snapshot_prices(ticker).index
    r, rm = snapshot_returns(ticker), snapshot_returns(bench)
    p = cal.get_loc(pd.Timestamp(day0))
    est = cal[p - 250: p - 10]
    y, x = r.reindex(est), rm.reindex(est)
    ok = y.notna() & x.notna()
    return sm.OLS(y[ok], sm.add_constant(x[ok])).fit().resid


def test_caar_bmp_kp_by_hand_on_one_day_three_us_listings():
    """Kolari and Pynnönen's own setting: one event day, three listings on one calendar."""
    res = es.study(events(("E_LIUHE", "2022-03-16", "easing", "")), listings=["BABA", "JD", "PDD"])
    got = es.caar(res, (-1, 1), kp_weighting="plain").set_index("signal").loc["easing"]
    ind = {t: independent(t, "SPY", "2022-03-16", (-1, 1)) for t in ["BABA", "JD", "PDD"]}
    cars = np.array([ind[t]["car"] for t in ind])
    sds = np.array([ind[t]["sigma"] * math.sqrt(3) for t in ind])
    n = 3
    assert got.n == n and got.caar == pytest.approx(cars.mean())
    t_cs = cars.mean() / (cars.std(ddof=1) / math.sqrt(n))
    assert got.t_cs == pytest.approx(t_cs) and got.p_cs == pytest.approx(2 * st.t.sf(abs(t_cs), n - 1))
    scar = cars / sds
    t_bmp = scar.mean() / (scar.std(ddof=1) / math.sqrt(n))
    assert got.t_bmp == pytest.approx(t_bmp)
    resid = pd.concat({t: _ols_resid(t, "SPY", "2022-03-16") for t in ind}, axis=1)
    c = resid.corr().to_numpy()
    rbar = (c[0, 1] + c[0, 2] + c[1, 2]) / 3
    assert got.rbar == pytest.approx(rbar, rel=1e-9)
    assert rbar > 0.3    # Chinese ADRs move together
    t_kp = t_bmp * math.sqrt((1 - rbar) / (1 + (n - 1) * rbar))
    assert got.t_kp == pytest.approx(t_kp) and got.p_kp == pytest.approx(2 * st.t.sf(abs(t_kp), n - 1))
    # same event day, same calendar: the window-overlap weighting changes nothing
    overlap = es.caar(res, (-1, 1)).set_index("signal").loc["easing"]
    assert overlap.rbar == pytest.approx(rbar) and overlap.t_kp == pytest.approx(t_kp)


def test_kp_overlap_weighting_ignores_correlation_of_disjoint_event_windows():
    # the same listing six weeks apart: estimation windows nearly coincide (residual corr ~ 1),
    # event windows do not overlap, so the two CARs are independent
    res = es.study(events(("E1", "2021-07-26", "crackdown", "JD"), ("E2", "2021-09-08", "crackdown", "JD")),
                   listings=["JD"])
    plain = es.caar(res, (-1, 1), kp_weighting="plain").iloc[0]
    overlap = es.caar(res, (-1, 1)).iloc[0]
    assert plain.rbar > 0.9
    assert overlap.rbar == 0.0 and overlap.t_kp == pytest.approx(overlap.t_bmp)
    # two events a session apart share two of three days in [-1, +1]: weight 2/3
    near = es.study(events(("E1", "2021-07-26", "crackdown", "JD"), ("E2", "2021-07-27", "crackdown", "JD")),
                    listings=["JD"])
    w = es.caar(near, (-1, 1)).iloc[0].rbar / es.caar(near, (-1, 1), kp_weighting="plain").iloc[0].rbar
    assert w == pytest.approx(2 / 3)
    # a window longer than the -10..+10 path: [0, +15] a session apart share 15 of 16 days
    wide = es.study(events(("E1", "2021-07-26", "crackdown", "JD"), ("E2", "2021-07-27", "crackdown", "JD")),
                    listings=["JD"], windows=[(0, 15)])
    w = es.caar(wide, (0, 15)).iloc[0].rbar / es.caar(wide, (0, 15), kp_weighting="plain").iloc[0].rbar
    assert w == pytest.approx(15 / 16)


def test_caar_groups_by_signal_and_can_drop_confounded(basic):
    table = es.caar(basic, (-1, 1)).set_index("signal")
    assert set(table.index) == {"crackdown", "easing"}
    cr = basic.car[(basic.car.window == "-1,1") & (basic.car.signal == "crackdown")]
    assert table.loc["crackdown", "n"] == cr.car.notna().sum()
    assert table.loc["crackdown", "caar"] == pytest.approx(cr.car.mean())
    assert table.loc["easing", "caar"] > 0 > table.loc["crackdown", "caar"]
    res = es.study(events(("E1", "2021-07-26", "crackdown", ""), ("E2", "2021-07-27", "crackdown", "")))
    assert es.caar(res, (-1, 1)).n.iloc[0] == 14
    assert es.caar(res, (-1, 1), drop_confounded=True).empty
    assert es.caar(res, (0, 0), drop_confounded=True).n.iloc[0] == 14


def test_caar_path_mean_and_band_by_hand(basic):
    cp = es.caar_path(basic, level=0.9)
    assert sorted(set(cp.t)) == list(range(-10, 11))
    p = basic.paths[(basic.paths.signal == "easing") & (basic.paths.t == 3)].car.dropna()
    got = cp[(cp.signal == "easing") & (cp.t == 3)].iloc[0]
    half = st.t.ppf(0.95, len(p) - 1) * p.std(ddof=1) / math.sqrt(len(p))
    assert got.n == len(p) == 9
    assert got.caar == pytest.approx(p.mean())
    assert (got.lo, got.hi) == (pytest.approx(p.mean() - half), pytest.approx(p.mean() + half))


def test_result_survives_pickling_for_the_apps_cache(basic):
    """st.cache_data pickles what it caches; caar() must work on the copy."""
    import pickle

    copy = pickle.loads(pickle.dumps(basic))
    pd.testing.assert_frame_equal(es.caar(copy, (0, 3)), es.caar(basic, (0, 3)))

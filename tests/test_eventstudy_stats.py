"""analysis.stats against independent computations: statsmodels OLS on real bars, hand arithmetic
for the cross-sectional tests, pandas for the pairwise correlation."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats as st

from analysis import stats
from eventstudy_fixtures import snapshot_returns


def _baba_spy_estimation() -> tuple[np.ndarray, np.ndarray]:
    """BABA and SPY returns over the 240 sessions -250..-11 before 2020-12-24 (real data)."""
    r = snapshot_returns("BABA")
    rm = snapshot_returns("SPY").reindex(r.index)
    pos = r.index.get_loc(pd.Timestamp("2020-12-24"))
    sl = slice(pos - 250, pos - 10)
    return r.iloc[sl].to_numpy(), rm.iloc[sl].to_numpy()


def test_market_model_matches_statsmodels_ols_on_baba_vs_spy():
    r, rm = _baba_spy_estimation()
    assert r.size == 240 and np.isfinite(r).all() and np.isfinite(rm).all()
    fit = stats.fit_market_model(r, rm)
    ols = sm.OLS(r, sm.add_constant(rm)).fit()
    assert fit.alpha == pytest.approx(ols.params[0], rel=1e-10, abs=1e-14)
    assert fit.beta == pytest.approx(ols.params[1], rel=1e-10)
    assert fit.sigma == pytest.approx(math.sqrt(ols.scale), rel=1e-10)
    assert fit.dof == int(ols.df_resid) == 238
    np.testing.assert_allclose(fit.residuals, ols.resid, atol=1e-14)


def test_prediction_error_variance_matches_statsmodels_forecast_variance():
    """The corrected CAR variance equals the variance of the sum of L out-of-sample forecast errors,
    which statsmodels gives as sigma^2 * (L + g' (X'X)^-1 g) with g the summed regressors."""
    r, rm = _baba_spy_estimation()
    fit = stats.fit_market_model(r, rm)
    ols = sm.OLS(r, sm.add_constant(rm)).fit()
    rm_window = np.array([0.004, -0.012, 0.0031])
    g = np.array([rm_window.size, rm_window.sum()])
    expected = ols.scale * (rm_window.size + g @ ols.normalized_cov_params @ g)
    assert stats.car_variance(fit, rm_window, prediction_error=True) == pytest.approx(expected, rel=1e-10)
    assert stats.car_variance(fit, rm_window) == pytest.approx(ols.scale * 3, rel=1e-12)


def test_market_adjusted_fit_uses_ar_sample_variance_and_no_coefficients():
    r = np.array([0.01, -0.02, 0.03, 0.0])
    rm = np.array([0.0, -0.01, 0.01, 0.01])
    fit = stats.fit_market_adjusted(r, rm)
    # AR = 0.01, -0.01, 0.02, -0.01; mean 0.0025; squared deviations sum 0.000675; / 3
    assert fit.sigma == pytest.approx(math.sqrt(0.000675 / 3))
    assert fit.dof == 3 and math.isnan(fit.alpha) and math.isnan(fit.beta)
    np.testing.assert_allclose(fit.abnormal(np.array([0.05]), np.array([0.02])), [0.03])
    # nothing was estimated, so asking for the prediction-error correction changes nothing
    assert stats.car_variance(fit, np.array([0.01, 0.02]), prediction_error=True) == \
        pytest.approx(2 * fit.sigma ** 2)


def test_t_test_two_sided_p_from_student_t():
    t, p = stats.t_test(0.06, 0.0009, 238)   # t = 0.06 / 0.03 = 2
    assert t == pytest.approx(2.0)
    assert p == pytest.approx(2 * st.t.sf(2.0, 238))
    assert 0.04 < p < 0.05
    assert all(math.isnan(v) for v in stats.t_test(math.nan, 0.01, 10))


def test_cross_section_tests_against_hand_computation():
    cars = np.array([0.05, 0.02, -0.01, 0.04])
    sds = np.array([0.02, 0.03, 0.025, 0.04])
    res = stats.cross_section_tests(cars, sds, rbar=0.3)
    # CAAR = 0.1 / 4 = 0.025; deviations .025 -.005 -.035 .015 -> SS = 0.0021, s^2 = 0.0007
    assert res.n == 4 and res.caar == pytest.approx(0.025)
    assert res.t_cs == pytest.approx(0.025 / (math.sqrt(0.0007) / 2))   # 1.88982...
    assert res.t_cs == pytest.approx(1.8898224, abs=1e-6)
    assert res.p_cs == pytest.approx(2 * st.t.sf(1.8898224, 3), abs=1e-6)
    # SCAR = 2.5, 0.6667, -0.4, 1.0; mean 0.941667; s = 1.198263 -> t_BMP = 0.941667 / (1.198263 / 2)
    scar = [2.5, 2 / 3, -0.4, 1.0]
    mean = sum(scar) / 4
    s = math.sqrt(sum((v - mean) ** 2 for v in scar) / 3)
    assert res.t_bmp == pytest.approx(mean / (s / 2))
    assert res.t_bmp == pytest.approx(1.5717200, abs=1e-6)
    # KP: 1.57172 * sqrt(0.7 / (1 + 3 * 0.3)) = 1.57172 * sqrt(0.7 / 1.9)
    assert res.t_kp == pytest.approx(1.5717200 * math.sqrt(0.7 / 1.9), abs=1e-6)
    assert res.p_kp == pytest.approx(2 * st.t.sf(res.t_kp, 3))
    assert res.p_kp > res.p_bmp


def test_cross_section_drops_missing_pairs_and_needs_two():
    res = stats.cross_section_tests(np.array([0.01, np.nan, 0.03]), np.array([0.01, 0.01, 0.02]), 0.0)
    assert res.n == 2 and res.caar == pytest.approx(0.02)
    one = stats.cross_section_tests(np.array([0.01]), np.array([0.01]), 0.0)
    assert one.n == 1 and math.isnan(one.t_cs) and math.isnan(one.t_bmp)


def test_pairwise_correlation_matches_numpy_corrcoef_on_common_rows():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(80, 5))
    x[:, 1] += 0.8 * x[:, 0]
    x[rng.random(x.shape) < 0.2] = np.nan
    x[:60, 4] = np.nan                        # column 4 shares only ~16 rows with the others
    got = stats.pairwise_correlation(x, min_overlap=30)
    for i in range(5):
        for j in range(5):
            ok = ~np.isnan(x[:, i]) & ~np.isnan(x[:, j])
            if ok.sum() < 30:
                assert np.isnan(got[i, j]) and np.isnan(stats.pair_correlation(x[:, i], x[:, j]))
                continue
            expected = np.corrcoef(x[ok, i], x[ok, j])[0, 1]
            assert got[i, j] == pytest.approx(expected, abs=1e-12)
            assert stats.pair_correlation(x[:, i], x[:, j]) == pytest.approx(expected, abs=1e-12)
    assert np.isnan(got[0, 4])
    assert got[0, 1] > 0.5


def test_mean_pairwise_correlation_hand_fixture():
    # columns: a, b = a (corr 1), c = -a (corr -1 with a and b), each on the same 4 rows
    a = np.array([1.0, 2.0, 4.0, 3.0])
    x = np.column_stack([a, a * 2 + 1, -a])
    # pairs (a,b)=1, (a,c)=-1, (b,c)=-1 -> mean -1/3
    assert stats.mean_pairwise_correlation(x, min_overlap=3) == pytest.approx(-1 / 3)
    # with a weight matrix that keeps only pair (a,b): (1*1 + 0 + 0) / 3
    w = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=float)
    assert stats.mean_pairwise_correlation(x, weights=w, min_overlap=3) == pytest.approx(1 / 3)
    # too few common rows -> the pair counts as 0
    assert stats.mean_pairwise_correlation(x, min_overlap=5) == 0.0
    assert stats.mean_pairwise_correlation(x, weights=w, min_overlap=5) == 0.0
    # weights of 1 everywhere give the plain mean by the other route
    assert stats.mean_pairwise_correlation(x, weights=np.ones((3, 3)), min_overlap=3) == pytest.approx(-1 / 3)


def test_kp_adjust_reduces_to_bmp_without_correlation():
    assert stats.kp_adjust(2.0, 0.0, 10) == 2.0
    assert stats.kp_adjust(2.0, 0.5, 10) == pytest.approx(2.0 * math.sqrt(0.5 / 5.5))


def test_mean_band_uses_student_t_quantile():
    mean, lo, hi, n = stats.mean_band(np.array([1.0, 2.0, 3.0, np.nan]), level=0.95)
    assert (mean, n) == (2.0, 3)
    half = st.t.ppf(0.975, 2) * 1.0 / math.sqrt(3)
    assert (lo, hi) == (pytest.approx(2 - half), pytest.approx(2 + half))

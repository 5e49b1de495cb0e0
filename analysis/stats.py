"""Statistics of the event study as pure functions over numpy arrays.

Kept apart from `analysis.eventstudy` (which finds day 0, slices windows and
builds tables) so that every number here can be checked against an independent
computation on a hand-built fixture. Nothing here knows about tickers or dates.

References: MacKinlay (1997) "Event studies in economics and finance";
Boehmer, Musumeci and Poulsen (1991); Kolari and Pynnönen (2010).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special as _sp

MARKET_MODEL = "market"
MARKET_ADJUSTED = "market-adjusted"


@dataclass(frozen=True)
class ModelFit:
    """A normal-return model fitted on the estimation window.

    For the market-adjusted model nothing is estimated (AR = R - Rm), so alpha
    and beta are NaN rather than 0 and 1: the table should not suggest a fit.
    """

    model: str          # MARKET_MODEL | MARKET_ADJUSTED
    alpha: float
    beta: float
    sigma: float        # residual standard deviation (sqrt of s^2 with `dof` degrees of freedom)
    n: int              # usable estimation returns
    dof: int            # n - 2 for the market model, n - 1 for market-adjusted
    mean_rm: float      # mean benchmark return over the estimation window
    ssx: float          # sum of squared deviations of Rm over the estimation window
    residuals: np.ndarray  # estimation-window residuals, same order as the inputs

    def abnormal(self, r: np.ndarray, rm: np.ndarray) -> np.ndarray:
        """AR = R - (alpha + beta Rm), or R - Rm for the market-adjusted model; NaN stays NaN."""
        if self.model == MARKET_ADJUSTED:
            return r - rm
        return r - (self.alpha + self.beta * rm)


def fit_market_model(r: np.ndarray, rm: np.ndarray) -> ModelFit:
    """OLS of r on rm (both free of NaN). sigma^2 = SSR / (n - 2), as in MacKinlay (1997) eq. (9)."""
    n = int(r.size)
    if n < 3:
        raise ValueError(f"the market model needs at least 3 returns, got {n}")
    mean_rm = float(rm.mean())
    dx = rm - mean_rm
    ssx = float(dx @ dx)
    if ssx == 0.0:
        raise ValueError("the benchmark return is constant over the estimation window")
    beta = float(dx @ (r - r.mean())) / ssx
    alpha = float(r.mean()) - beta * mean_rm
    resid = r - (alpha + beta * rm)
    sigma = math.sqrt(float(resid @ resid) / (n - 2))
    return ModelFit(MARKET_MODEL, alpha, beta, sigma, n, n - 2, mean_rm, ssx, resid)


def fit_market_adjusted(r: np.ndarray, rm: np.ndarray) -> ModelFit:
    """Market-adjusted model: AR = R - Rm; sigma is the sample standard deviation (ddof 1) of the
    estimation-window ARs, the same estimator Brown and Warner (1985) use for this model."""
    n = int(r.size)
    if n < 2:
        raise ValueError(f"the market-adjusted model needs at least 2 returns, got {n}")
    ar = r - rm
    sigma = float(ar.std(ddof=1))
    mean_rm = float(rm.mean())
    dx = rm - mean_rm
    return ModelFit(MARKET_ADJUSTED, math.nan, math.nan, sigma, n, n - 1, mean_rm, float(dx @ dx), ar)


def car_variance(fit: ModelFit, rm_window: np.ndarray, *, prediction_error: bool = False) -> float:
    """Variance of a CAR summed over the non-missing sessions of the window (rm_window holds their
    benchmark returns, so its length is L).

    Default: sigma^2 * L, MacKinlay's (1997) large-estimation-window variance. With
    prediction_error=True the market model adds the sampling error of alpha and beta:
    sigma^2 * (L + L^2/n + (sum(Rm_t - mean_Rm))^2 / SSx)  (MacKinlay eq. 8 summed over the window).
    The market-adjusted model estimates nothing, so it has no such term.
    """
    length = int(rm_window.size)
    var = fit.sigma ** 2 * length
    if prediction_error and fit.model == MARKET_MODEL and length:
        extra = length ** 2 / fit.n + float((rm_window - fit.mean_rm).sum()) ** 2 / fit.ssx
        var += fit.sigma ** 2 * extra
    return var


def t_test(value: float, variance: float, dof: int) -> tuple[float, float]:
    """t = value / sqrt(variance) with a two-sided p-value from Student's t with `dof` degrees of freedom."""
    if not (variance > 0) or dof < 1 or not math.isfinite(value):
        return math.nan, math.nan
    t = value / math.sqrt(variance)
    return t, _t_p(t, dof)


@dataclass(frozen=True)
class CrossSection:
    """Tests of the mean CAR across N event x listing pairs; p-values from Student's t with N - 1 dof."""

    n: int
    caar: float
    t_cs: float
    p_cs: float
    t_bmp: float
    p_bmp: float
    rbar: float
    t_kp: float
    p_kp: float


def _t_p(t: float, dof: int) -> float:
    """Two-sided p of Student's t; scipy.special.stdtr is the CDF without the per-call overhead
    of scipy.stats (a thousand CARs cost a millisecond, not seventy)."""
    return float(2.0 * _sp.stdtr(dof, -abs(t))) if math.isfinite(t) and dof >= 1 else math.nan


def cross_section_tests(cars: np.ndarray, car_sds: np.ndarray, rbar: float) -> CrossSection:
    """CAAR with three tests.

    - cross-sectional t: CAAR / (s(CAR) / sqrt N); robust to event-induced variance, ignores
      cross-correlation.
    - BMP: the same t on standardised CARs SCAR_i = CAR_i / sd(CAR_i), where sd is the
      per-pair estimation-window standard deviation (so noisy stocks weigh less).
    - KP: BMP times sqrt((1 - rbar) / (1 + (N - 1) rbar)), rbar the mean pairwise correlation of
      the pairs' abnormal returns; clustered crackdown news makes rbar > 0 and shrinks t.
    """
    ok = np.isfinite(cars) & np.isfinite(car_sds) & (car_sds > 0)
    cars, car_sds = cars[ok], car_sds[ok]
    n = int(cars.size)
    caar = float(cars.mean()) if n else math.nan
    if n < 2:
        return CrossSection(n, caar, math.nan, math.nan, math.nan, math.nan, rbar, math.nan, math.nan)
    s = float(cars.std(ddof=1))
    t_cs = caar / (s / math.sqrt(n)) if s > 0 else math.nan
    scar = cars / car_sds
    s_scar = float(scar.std(ddof=1))
    t_bmp = float(scar.mean()) / (s_scar / math.sqrt(n)) if s_scar > 0 else math.nan
    t_kp = kp_adjust(t_bmp, rbar, n)
    return CrossSection(n, caar, t_cs, _t_p(t_cs, n - 1), t_bmp, _t_p(t_bmp, n - 1),
                        rbar, t_kp, _t_p(t_kp, n - 1))


def kp_adjust(t_bmp: float, rbar: float, n: int) -> float:
    """Kolari-Pynnönen (2010) eq. (9): t_BMP * sqrt((1 - rbar) / (1 + (n - 1) rbar))."""
    if not math.isfinite(rbar):
        return math.nan
    denom = 1.0 + (n - 1) * rbar
    if denom <= 0:
        return math.nan
    return t_bmp * math.sqrt((1.0 - rbar) / denom)


def pairwise_correlation(x: np.ndarray, *, min_overlap: int = 30) -> np.ndarray:
    """Pearson correlation of every pair of columns of x (D x N, NaN = no observation), each pair on
    the rows where both are observed; NaN where fewer than min_overlap rows are shared.

    pandas' pairwise-complete loop (Cython, one thread) rather than matrix products: on a busy
    two-core host, multithreaded BLAS on these small matrices ran twenty times slower.
    """
    return pd.DataFrame(x).corr(min_periods=max(min_overlap, 1)).to_numpy()


def pair_correlation(a: np.ndarray, b: np.ndarray, *, min_overlap: int = 30) -> float:
    """Pearson correlation of two series on the rows where both are observed (NaN if fewer than
    min_overlap, or if either is constant there)."""
    ok = np.isfinite(a) & np.isfinite(b)
    if int(ok.sum()) < max(min_overlap, 2):
        return math.nan
    da, db = a[ok] - a[ok].mean(), b[ok] - b[ok].mean()
    denom = math.sqrt(float((da * da).sum()) * float((db * db).sum()))
    return float((da * db).sum()) / denom if denom > 0 else math.nan


def mean_pairwise_correlation(x: np.ndarray, *, weights: np.ndarray | None = None,
                              min_overlap: int = 30) -> float:
    """rbar for Kolari-Pynnönen: the mean over pairs i < j of corr(x_i, x_j) (times weights[i, j]
    when given). A pair with too few common rows counts as uncorrelated (0): its residuals were
    never observed together, so there is no evidence of correlation to penalise.

    With weights, only the pairs of non-zero weight are correlated (for the event-window overlap
    weights, the few pairs whose windows share a date), which is what keeps caar() fast."""
    k = x.shape[1]
    if k < 2:
        return 0.0
    n_pairs = k * (k - 1) // 2
    if weights is None:
        corr = pairwise_correlation(x, min_overlap=min_overlap)
        return float(np.nan_to_num(corr[np.triu_indices(k, 1)], nan=0.0).sum() / n_pairs)
    total = 0.0
    for i, j in zip(*np.nonzero(np.triu(weights, 1))):
        rho = pair_correlation(x[:, i], x[:, j], min_overlap=min_overlap)
        if math.isfinite(rho):
            total += weights[i, j] * rho
    return total / n_pairs


def t_quantile(q: float, dof):
    """Quantile of Student's t (scipy.special.stdtrit: scipy.stats costs 0.4 s to import)."""
    return _sp.stdtrit(dof, q)


def mean_band(x: np.ndarray, level: float = 0.95) -> tuple[float, float, float, int]:
    """Mean of the finite values of x and its two-sided `level` confidence interval from Student's
    t with n - 1 dof (the cross-sectional standard error): (mean, lo, hi, n)."""
    x = x[np.isfinite(x)]
    n = int(x.size)
    if n == 0:
        return math.nan, math.nan, math.nan, 0
    mean = float(x.mean())
    if n < 2:
        return mean, math.nan, math.nan, n
    half = t_quantile(0.5 + level / 2.0, n - 1) * float(x.std(ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half, n

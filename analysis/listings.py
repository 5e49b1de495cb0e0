"""Which securities the dashboard knows, and what each one is.

A company can trade in two places (Alibaba in New York and Hong Kong), and each
place has its own calendar, currency and natural benchmark. Every other module
asks this registry instead of hard-coding tickers.
"""
from __future__ import annotations

from dataclasses import dataclass

COMPANIES: tuple[str, ...] = ("Alibaba", "Tencent", "PDD", "JD", "Meituan")

US_TZ = "America/New_York"
HK_TZ = "Asia/Hong_Kong"


class UnknownTickerError(ValueError):
    """A ticker that is not in the registry (and so not in the snapshot)."""


class UnknownCompanyError(ValueError):
    """A company name that is not one of the five canonical companies."""


@dataclass(frozen=True)
class Listing:
    ticker: str
    name: str
    company: str | None
    exchange: str
    venue: str  # "US" | "HK"
    currency: str
    timezone: str
    default_benchmark: str | None
    is_benchmark: bool = False

    @property
    def label(self) -> str:
        """Short label for legends: 'BABA (Alibaba, NYSE)'."""
        who = self.company or self.name
        return f"{self.ticker} ({who}, {self.exchange})"


def _listing(ticker: str, name: str, exchange: str, venue: str, company: str | None = None) -> Listing:
    """A listing whose currency, timezone and default benchmark follow from its venue."""
    us = venue == "US"
    return Listing(
        ticker=ticker,
        name=name,
        company=company,
        exchange=exchange,
        venue=venue,
        currency="USD" if us else "HKD",
        timezone=US_TZ if us else HK_TZ,
        default_benchmark=None if company is None else ("SPY" if us else "^HSI"),
        is_benchmark=company is None,
    )


def _stock(ticker: str, name: str, company: str, exchange: str, venue: str) -> Listing:
    return _listing(ticker, name, exchange, venue, company)


def _benchmark(ticker: str, name: str, exchange: str, venue: str) -> Listing:
    return _listing(ticker, name, exchange, venue)


_ALL: tuple[Listing, ...] = (
    _stock("BABA", "Alibaba Group (NYSE ADS)", "Alibaba", "NYSE", "US"),
    _stock("9988.HK", "Alibaba Group (HKEX)", "Alibaba", "HKEX", "HK"),
    _stock("0700.HK", "Tencent Holdings (HKEX)", "Tencent", "HKEX", "HK"),
    _stock("PDD", "PDD Holdings (Nasdaq ADS)", "PDD", "Nasdaq", "US"),
    _stock("JD", "JD.com (Nasdaq ADS)", "JD", "Nasdaq", "US"),
    _stock("9618.HK", "JD.com (HKEX)", "JD", "HKEX", "HK"),
    _stock("3690.HK", "Meituan (HKEX)", "Meituan", "HKEX", "HK"),
    _benchmark("SPY", "SPDR S&P 500 ETF", "NYSE Arca", "US"),
    _benchmark("^GSPC", "S&P 500 index", "Index (S&P)", "US"),
    _benchmark("QQQ", "Invesco QQQ (Nasdaq-100) ETF", "Nasdaq", "US"),
    _benchmark("KWEB", "KraneShares CSI China Internet ETF", "NYSE Arca", "US"),
    _benchmark("FXI", "iShares China Large-Cap ETF", "NYSE Arca", "US"),
    _benchmark("MCHI", "iShares MSCI China ETF", "Nasdaq", "US"),
    _benchmark("^HSI", "Hang Seng Index", "Index (HKEX)", "HK"),
)

LISTINGS: dict[str, Listing] = {listing.ticker: listing for listing in _ALL}


def get_listing(ticker: str) -> Listing:
    """The listing for a ticker; a clear error naming the known ones otherwise."""
    try:
        return LISTINGS[ticker]
    except KeyError:
        known = ", ".join(LISTINGS)
        raise UnknownTickerError(f"unknown ticker {ticker!r}; known tickers: {known}") from None


def canonical_company(name: str) -> str:
    """The canonical spelling of a company name, case-insensitively."""
    for company in COMPANIES:
        if company.lower() == name.strip().lower():
            return company
    raise UnknownCompanyError(f"unknown company {name!r}; known companies: {', '.join(COMPANIES)}")


def listings_for(company: str) -> list[Listing]:
    """The stock listings of one company, US first."""
    company = canonical_company(company)
    return [listing for listing in _ALL if listing.company == company]


def stock_listings() -> list[Listing]:
    """The seven stock listings of the five companies."""
    return [listing for listing in _ALL if not listing.is_benchmark]


def benchmark_listings() -> list[Listing]:
    """Every series that can serve as a benchmark."""
    return [listing for listing in _ALL if listing.is_benchmark]

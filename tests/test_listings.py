"""The registry: five companies, seven stock listings, seven benchmarks."""
import pytest

from analysis.listings import (
    COMPANIES,
    LISTINGS,
    UnknownCompanyError,
    UnknownTickerError,
    benchmark_listings,
    get_listing,
    listings_for,
    stock_listings,
)


def test_five_companies_and_their_listings():
    assert COMPANIES == ("Alibaba", "Tencent", "PDD", "JD", "Meituan")
    assert [l.ticker for l in listings_for("Alibaba")] == ["BABA", "9988.HK"]
    assert [l.ticker for l in listings_for("Tencent")] == ["0700.HK"]
    assert [l.ticker for l in listings_for("PDD")] == ["PDD"]
    assert [l.ticker for l in listings_for("JD")] == ["JD", "9618.HK"]
    assert [l.ticker for l in listings_for("meituan")] == ["3690.HK"]
    assert len(stock_listings()) == 7


@pytest.mark.parametrize(
    "ticker, exchange, currency, timezone, benchmark",
    [
        ("BABA", "NYSE", "USD", "America/New_York", "SPY"),
        ("PDD", "Nasdaq", "USD", "America/New_York", "SPY"),
        ("JD", "Nasdaq", "USD", "America/New_York", "SPY"),
        ("9988.HK", "HKEX", "HKD", "Asia/Hong_Kong", "^HSI"),
        ("0700.HK", "HKEX", "HKD", "Asia/Hong_Kong", "^HSI"),
        ("9618.HK", "HKEX", "HKD", "Asia/Hong_Kong", "^HSI"),
        ("3690.HK", "HKEX", "HKD", "Asia/Hong_Kong", "^HSI"),
    ],
)
def test_stock_listing_facts(ticker, exchange, currency, timezone, benchmark):
    listing = get_listing(ticker)
    assert (listing.exchange, listing.currency, listing.timezone, listing.default_benchmark) == (
        exchange,
        currency,
        timezone,
        benchmark,
    )
    assert not listing.is_benchmark and listing.company is not None


def test_benchmarks():
    assert {l.ticker for l in benchmark_listings()} == {"SPY", "^GSPC", "QQQ", "KWEB", "FXI", "MCHI", "^HSI"}
    assert get_listing("^HSI").venue == "HK" and get_listing("^HSI").currency == "HKD"
    assert all(l.venue == "US" for l in benchmark_listings() if l.ticker != "^HSI")
    assert all(l.is_benchmark and l.company is None for l in benchmark_listings())
    assert len(LISTINGS) == 14


def test_unknown_ticker_and_company_say_what_is_known():
    with pytest.raises(UnknownTickerError, match="unknown ticker 'TCEHY'.*BABA"):
        get_listing("TCEHY")
    with pytest.raises(UnknownCompanyError, match="Baidu"):
        listings_for("Baidu")

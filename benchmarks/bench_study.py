"""Time the event study: every event x every stock listing x every default window.

    .venv/bin/python benchmarks/bench_study.py [--events EVENTS.csv] [--repeat 5]

Events come from `python -m analysis extract` on the seed corpus when that command exists, else
from benchmarks/events_fixture.csv (hand-listed dates of real regulatory news, 2020-2024); the
script prints which. Each event is studied for all seven listings (its companies are cleared) so
the count is the full cross product. Prints the cold time (prices read from the snapshot), the
warm time (prices cached, as in the app) and the CLI wall time (interpreter start-up included).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from analysis import eventstudy as es  # noqa: E402
from analysis import market  # noqa: E402
from analysis.listings import stock_listings  # noqa: E402

FIXTURE = ROOT / "benchmarks" / "events_fixture.csv"


def seed_events(tmp: Path) -> tuple[Path, str]:
    """Events from the extractor on the seed corpus if it is there, else the fixture."""
    try:
        import analysis.extract  # noqa: F401
    except ImportError:
        return FIXTURE, f"fixture {FIXTURE.relative_to(ROOT)} (analysis.extract not on this branch)"
    out = tmp / "events.csv"
    proc = subprocess.run([sys.executable, "-m", "analysis", "extract", "--corpus", str(ROOT / "seeds"),
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode in (0, 1) and out.exists():
        return out, "`python -m analysis extract --corpus seeds` (seed corpus)"
    return FIXTURE, f"fixture {FIXTURE.relative_to(ROOT)} (extract failed: {proc.stderr.strip()[-200:]})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=Path, help="events CSV (default: extractor output or the fixture)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, origin = (args.events, str(args.events)) if args.events else seed_events(Path(tmp))
        events = es.read_events(path)
        day = events[events["precision"].str.strip().str.lower() == "day"].copy()
        day["companies"] = ""          # every event x all seven listings

        market.clear_caches()
        t0 = time.perf_counter()
        res = es.study(day)
        cold = time.perf_counter() - t0
        warm = []                      # analysis.market now holds the bars, as in the app
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            res = es.study(day)
            for w in es.WINDOWS:
                es.caar(res, w)
            es.caar_path(res)
            warm.append(time.perf_counter() - t0)

        out = Path(tmp) / "car.csv"
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "analysis", "study", "--events", str(path), "--out",
                               str(out), "--window", "all"], cwd=ROOT, capture_output=True, text=True)
        cli = time.perf_counter() - t0

    pairs = res.car[["event_id", "ticker"]].drop_duplicates().shape[0]
    print(f"events: {origin}")
    print(f"  {len(events)} events, {len(day)} day-precision, x {len(stock_listings())} listings "
          f"x {len(es.WINDOWS)} windows")
    errors = res.skipped[res.skipped.kind == "error"]
    print(f"  studied {pairs} event x listing pairs -> {len(res.car)} CAR rows, "
          f"{len(res.paths)} path rows; {len(errors)} skipped" + (":" if len(errors) else ""))
    for reason in errors.reason.head(5):
        print(f"    {reason}")
    print(f"study(), cold (reads 9 price files):       {cold * 1000:7.1f} ms")
    print(f"study() + caar() x5 + caar_path(), warm:   {statistics.median(warm) * 1000:7.1f} ms "
          f"(median of {args.repeat})")
    print(f"CLI `python -m analysis study --window all` (each event's own listings): "
          f"{cli * 1000:.1f} ms wall, exit {proc.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

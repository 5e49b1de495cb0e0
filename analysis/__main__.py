"""Command line: `python -m analysis <command> ...`.

Each command lives in the module that owns the idea; this file only dispatches,
importing lazily so that `prices refresh` does not load spaCy.
"""
from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "extract": ("analysis.extract", "Extract dated regulatory events from a corpus into a CSV."),
    "study": ("analysis.eventstudy", "Run the event study on an events CSV."),
    "prices": ("analysis.market", "Market data: `prices refresh [--tickers ...]`."),
    "snapshot": ("analysis.snapshot", "Rebuild seeds/market/ from the raw files: `snapshot build`."),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in COMMANDS:
        print("usage: python -m analysis {" + ",".join(COMMANDS) + "} ...", file=sys.stderr)
        for name, (_, help_text) in COMMANDS.items():
            print(f"  {name:<9} {help_text}", file=sys.stderr)
        return 0 if argv and argv[0] in {"-h", "--help"} else 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())

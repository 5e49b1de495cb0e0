"""Plain-Python core of the dashboard: corpus, extraction, market data, event study.

Nothing in this package imports Streamlit, so every piece can be used from a
notebook or from the command line (`python -m analysis --help`).
"""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"

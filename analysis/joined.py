"""The `;`-joined cells of the events table (companies, articles, sources, event ids).

The CSV contract joins lists with `;`; every reader of the table splits them the same
way here. Kept apart from analysis.events so that reading a cell never imports spaCy.
"""
from __future__ import annotations


def split_joined(value) -> list[str]:
    """'Alibaba;Tencent' -> ['Alibaba', 'Tencent']; empty, None or NaN -> []; a list passes through."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [p.strip() for p in str(value).split(";") if p.strip()]

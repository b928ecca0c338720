"""Cells for CSV files that people open in a spreadsheet."""

from __future__ import annotations


def safe_cell(text: str) -> str:
    """``text``, prefixed with an apostrophe when a spreadsheet would run it as a formula."""
    # Spreadsheets run cells that start like a formula; names, ids and descriptions come from people.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

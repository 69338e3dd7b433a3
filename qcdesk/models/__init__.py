"""Headless core: domain records, validation and the SQLite store (the only layer that holds SQL)."""

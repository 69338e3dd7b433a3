"""Headless writers for spreadsheets and PDF documents (no Qt)."""

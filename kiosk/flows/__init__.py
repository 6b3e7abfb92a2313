"""Guided flows: declared as data (TOML), checked at start-up, run by one small engine."""

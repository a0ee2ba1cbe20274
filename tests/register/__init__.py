"""Tests of privacy_kb.register (issue 3)."""

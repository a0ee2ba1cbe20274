"""Fixtures for the kernel-free widget tests: a fresh register on a pinned clock, the
mini FAQ's assistant, and the app built on them."""

from __future__ import annotations

import pytest
from ui_helpers import FIXTURES, NOW

from privacy_kb import load_assistant, open_register


@pytest.fixture
def register(tmp_path):
    reg = open_register(tmp_path / "register.sqlite3", clock=lambda: NOW, by="tester")
    yield reg
    reg.close()


@pytest.fixture(scope="session")
def mini_assistant():
    return load_assistant(FIXTURES / "mini_faq.yaml")


@pytest.fixture
def app(register, mini_assistant):
    from privacy_kb.ui import build_app

    return build_app(db=register, assistant=mini_assistant)

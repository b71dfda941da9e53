"""The CLI tests ingest in one process (``--workers`` would default to every core)."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def one_worker(monkeypatch):
    monkeypatch.setenv("DRAGOMAN_N_PROCESS", "1")

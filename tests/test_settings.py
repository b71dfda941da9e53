from dataclasses import fields

from dragoman.settings import OPTIONS, Settings, help_for


def test_every_option_is_declared_once_with_its_default():
    assert [f.name for f in fields(Settings)] == [o.name for o in OPTIONS]
    assert all(getattr(Settings(), o.name) == o.default for o in OPTIONS)


def test_environment_then_overrides(monkeypatch):
    monkeypatch.setenv("DRAGOMAN_DB", "env.duckdb")
    monkeypatch.setenv("DRAGOMAN_BATCH_SIZE", "7")
    settings = Settings.from_env(batch_size=None, n_process=2)
    assert (settings.db, settings.batch_size, settings.n_process) == ("env.duckdb", 7, 2)
    assert "DRAGOMAN_DB" in help_for("db")

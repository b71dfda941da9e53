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


def test_options_are_checked_once_when_settings_are_made():
    import pytest

    from dragoman.errors import SettingsError

    with pytest.raises(SettingsError, match="unknown runner 'spark'") as err:
        Settings(runner="spark")
    assert "local, ray" in err.value.hint and "DRAGOMAN_RUNNER" in err.value.hint
    with pytest.raises(SettingsError, match="batch_size cannot be 0"):
        Settings(batch_size=0)
    with pytest.raises(SettingsError, match="n_process cannot be '2'"):
        Settings(n_process="2")
    assert Settings(fetch_rate=2).fetch_rate == 2  # an int is a float


def test_environment_values_are_parsed_by_the_declared_type(monkeypatch):
    import pytest

    from dragoman.errors import SettingsError
    from dragoman.settings import choices_for

    monkeypatch.setenv("DRAGOMAN_RUNNER", "Ray")
    monkeypatch.setenv("DRAGOMAN_FETCH_RATE", "0.5")
    settings = Settings.from_env()
    assert (settings.runner, settings.fetch_rate) == ("ray", 0.5)
    monkeypatch.setenv("DRAGOMAN_BATCH_SIZE", "many")
    with pytest.raises(SettingsError, match="DRAGOMAN_BATCH_SIZE='many' is not a whole number"):
        Settings.from_env()
    assert choices_for("event_model") == ("sparse", "tuned") and choices_for("db") == ()

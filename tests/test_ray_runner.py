"""The Ray runner stores the same records as the local runner (a small local Ray cluster)."""
from __future__ import annotations

import pytest

from dragoman.api import ingest
from dragoman.settings import Settings
from dragoman.store import Store
from tests.test_runner_parallel import snapshot

ray = pytest.importorskip("ray", reason="the Ray runner needs the extra dragoman[ray]")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.mark.model
@pytest.mark.shared
def test_ray_runner_stores_what_the_local_runner_stores(seeds, nlp, tmp_path, local_ray):
    stored = {}
    for runner in ("local", "ray"):
        settings = Settings(db=str(tmp_path / f"{runner}.duckdb"), runner=runner, n_process=2,
                            batch_size=2)
        report = ingest([str(seeds)], settings=settings, nlp=nlp)
        assert report.articles == 5
        with Store(settings.db, read_only=True) as store:
            stored[runner] = snapshot(store)
    assert stored["local"]["statements"] and stored["local"]["events"]
    assert stored["ray"] == stored["local"]


@pytest.mark.model
@pytest.mark.shared
def test_cli_ingest_with_the_ray_runner_twice_adds_nothing(seeds, tmp_path, local_ray,
                                                           shared_model):
    from click.testing import CliRunner

    from dragoman.cli import cli

    command = ["ingest", str(seeds), "--runner", "ray", "--workers", "1",
               "--db", str(tmp_path / "cli.duckdb")]
    first = CliRunner().invoke(cli, command, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert "Articles 5" in first.output
    again = CliRunner().invoke(cli, command, catch_exceptions=False)
    assert "0 new, 5 already in the record" in again.output

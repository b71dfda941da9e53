"""Writing a benchmark's results into its own section of docs/benchmarks.md."""
from __future__ import annotations

import platform
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_section(task: str, markdown: str, doc: Path = DOC) -> None:
    """Replace the text between ``<!-- bench:TASK -->`` and ``<!-- /bench:TASK -->``."""
    start, end = f"<!-- bench:{task} -->", f"<!-- /bench:{task} -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def publish(task: str, markdown: str, write: bool = True) -> None:
    """Print a benchmark's results and, unless told not to (``--no-write``), put them in its
    section of docs/benchmarks.md."""
    print(markdown)
    if write:
        write_section(task, markdown)

"""The benchmark harness writes its own section of the results file and nothing else."""
from __future__ import annotations

import time

from bench.report import write_section
from bench.throughput import PeakMemory


def test_sections_are_replaced_in_place(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nIntro stays.\n", encoding="utf-8")
    write_section("speed", "first", doc)
    write_section("other", "kept", doc)
    write_section("speed", "second", doc)
    text = doc.read_text(encoding="utf-8")
    assert "Intro stays." in text and "kept" in text and "second" in text and "first" not in text
    assert text.count("<!-- bench:speed -->") == 1


def test_peak_memory_counts_the_work_not_its_own_sampler():
    """The throughput bench's CPU clock: a busy loop's CPU is counted, and the sampler's own
    reading of /proc is measured apart and left out."""
    with PeakMemory(interval=0.01) as memory:
        started = time.process_time()
        while time.process_time() - started < 0.3:
            pass
    assert memory.sampler_seconds > 0
    assert 0.2 < memory.cpu_seconds < 0.3 + memory.sampler_seconds + 0.1

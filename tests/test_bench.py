"""The benchmark harness writes its own section of the results file and nothing else."""
from __future__ import annotations

from bench.report import write_section


def test_sections_are_replaced_in_place(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\nIntro stays.\n", encoding="utf-8")
    write_section("speed", "first", doc)
    write_section("other", "kept", doc)
    write_section("speed", "second", doc)
    text = doc.read_text(encoding="utf-8")
    assert "Intro stays." in text and "kept" in text and "second" in text and "first" not in text
    assert text.count("<!-- bench:speed -->") == 1

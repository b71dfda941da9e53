"""``python -m bench TASK [options]``: run one benchmark and record it in docs/benchmarks.md."""
from __future__ import annotations

import argparse
import importlib
import sys

TASKS = {"throughput": "bench.throughput", "scale": "bench.scale", "gpu": "bench.gpu",
         "extraction": "bench.extraction", "dates": "bench.dates",
         "dedupe": "bench.dedupe", "actors": "bench.actors",
         "statements": "bench.statements", "events": "bench.events",
         "events_augment": "bench.events_augment", "event_parties": "bench.event_parties",
         "stories": "bench.stories", "timelines": "bench.timelines", "summaries": "bench.summaries",
         "web": "bench.web", "chaos": "bench.chaos"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("task", choices=sorted(TASKS))
    args, rest = parser.parse_known_args(argv)
    module = importlib.import_module(TASKS[args.task])
    return module.main(rest)


if __name__ == "__main__":
    sys.exit(main())

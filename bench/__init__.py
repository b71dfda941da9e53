"""Accuracy and speed benchmarks against ../shared/benchmarks and the demo corpus.

Run ``python -m bench TASK``; each task writes its section of docs/benchmarks.md.
"""

"""An article's text cut into segments at every record boundary, so that each extracted record
(mention, statement, event, reused passage) can be highlighted on its exact character span,
overlapping or nested, and linked to as ``#s-START-END``."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # mention | statement | speaker | event | reuse
    label: str  # what the tooltip says


@dataclass
class Segment:
    start: int
    end: int
    text: str
    kinds: list[str] = field(default_factory=list)  # sorted, distinct: CSS classes
    labels: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # ids of the spans that start here


def anchor(start: int, end: int) -> str:
    """The fragment id of a span: what ``/articles/ID#s-START-END`` points at."""
    return f"s-{start}-{end}"


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """``text`` as consecutive segments; each lists the spans covering all of it. Spans outside
    the text are clipped; empty ones are dropped."""
    size = len(text)
    spans = [s for s in (Span(max(0, s.start), min(size, s.end), s.kind, s.label) for s in spans)
             if s.start < s.end]
    cuts = sorted({0, size, *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    active: list[Span] = []
    out: list[Segment] = []
    for begin, stop in zip(cuts, cuts[1:]):
        active = [s for s in active if s.end > begin] + starting.get(begin, [])
        anchors = sorted({anchor(s.start, s.end) for s in starting.get(begin, [])})
        out.append(Segment(begin, stop, text[begin:stop], sorted({s.kind for s in active}),
                           [s.label for s in active], anchors))
    return out


def article_spans(mentions: list[dict], statements: list[dict], events: list[dict],
                  reuse: list[dict]) -> list[Span]:
    """The spans of every record extracted from one article."""
    spans = [Span(m["start"], m["end"], "mention",
                  f"mention: {m['text']}" + (f" → {m['actor_name']}" if m.get("actor_name") else ""))
             for m in mentions]
    spans += [Span(s["start"], s["end"], "statement", f"statement ({s.get('kind') or '?'}) by "
                   f"{s.get('speaker') or s.get('speaker_mention') or 'unknown'}")
              for s in statements if s.get("start") is not None]
    spans += [Span(s["speaker_start"], s["speaker_end"], "speaker",
                   f"speaker of a statement: {s.get('speaker') or s.get('speaker_mention')}")
              for s in statements if s.get("speaker_start") is not None and s.get("speaker_end")]
    spans += [Span(e["start"], e["end"], "event",
                   f"event {e.get('type')}: {e.get('source') or '?'} → {e.get('target') or '?'}")
              for e in events if e.get("start") is not None]
    spans += [Span(p["here_start"], p["here_end"], "reuse",
                   f"shared with {r.get('title') or r['origin']} ({r['kind']})")
              for r in reuse for p in r["passages"]]
    return spans

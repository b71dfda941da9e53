"""Charts as plain shapes (rectangles, lines, labels) for the SVG templates in
``templates/_charts.html``: computed here, rendered server-side, no script and no network."""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

# one colour per PLOVER type (verbal cooperation greens/blues, conflict oranges/reds)
TYPE_COLOURS = {
    "AGREE": "#1b9e77", "CONSULT": "#4e79a7", "SUPPORT": "#59a14f", "CONCEDE": "#8cd17d",
    "COOPERATE": "#499894", "AID": "#86bcb6", "RETREAT": "#b6992d", "REQUEST": "#76b7b2",
    "ACCUSE": "#e15759", "REJECT": "#f28e2b", "THREATEN": "#b07aa1", "PROTEST": "#ff9da7",
    "SANCTION": "#9d7660", "MOBILIZE": "#d4a6c8", "COERCE": "#d37295", "ASSAULT": "#8b1a1a",
}
OTHER_COLOUR = "#999999"
MAX_FILLED_PERIODS = 400


def colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get((event_type or "").upper(), OTHER_COLOUR)


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    title: str
    href: str | None = None


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass
class BarChart:
    width: int
    height: int
    rects: list[Rect] = field(default_factory=list)
    xlabels: list[Label] = field(default_factory=list)
    ylabels: list[Label] = field(default_factory=list)
    gridlines: list[float] = field(default_factory=list)
    legend: list[tuple[str, str, int]] = field(default_factory=list)  # type, colour, total
    undated: int = 0
    outside: int = 0
    period: str = "month"
    empty: bool = True


def _parse(period: str, label: str) -> dt.date:
    if period == "day":
        return dt.date.fromisoformat(label)
    if period == "week":
        year, week = label.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    if period == "month":
        return dt.date(int(label[:4]), int(label[5:7]), 1)
    return dt.date(int(label), 1, 1)


def _label(period: str, day: dt.date) -> str:
    if period == "day":
        return day.isoformat()
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.strftime("%Y-%m") if period == "month" else str(day.year)


def _step(period: str, day: dt.date) -> dt.date:
    if period in ("day", "week"):
        return day + dt.timedelta(days=1 if period == "day" else 7)
    if period == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return dt.date(day.year + 1, 1, 1)


def periods(period: str, present: list[str]) -> list[str]:
    """Every period from the first to the last present one, so gaps show as gaps."""
    if not present:
        return []
    first, last = _parse(period, min(present)), _parse(period, max(present))
    filled, day = [], first
    while day <= last and len(filled) < MAX_FILLED_PERIODS:
        filled.append(_label(period, day))
        day = _step(period, day)
    return filled if day > last else sorted(set(present))


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** int(math.log10(value))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= value)


def stacked_bars(over_time: dict, link: str | None = None, width: int = 760,
                 height: int = 240) -> BarChart:
    """Events per period, stacked by type, from ``reads.events_over_time``. ``link`` (a URL
    ending in ``?...&`` or ``?``) makes each block a link with ``type=`` appended."""
    chart = BarChart(width, height, undated=over_time["undated"], period=over_time["period"],
                     outside=over_time.get("outside", 0))
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for row in over_time["rows"]:
        counts[row["period"]][row["type"]] = row["events"]
        totals[row["type"]] += row["events"]
    labels = periods(over_time["period"], list(counts))
    if not labels:
        return chart
    chart.empty = False
    types = sorted(totals, key=lambda t: (-totals[t], t))
    chart.legend = [(t, colour(t), totals[t]) for t in types]
    left, right, top, bottom = 36, 8, 10, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max(sum(c.values()) for c in counts.values()))
    slot = plot_w / len(labels)
    bar_w = max(1.0, min(slot * 0.8, 48.0))
    for i, label in enumerate(labels):
        x, y = left + i * slot + (slot - bar_w) / 2, top + plot_h
        for event_type in types:
            n = counts[label].get(event_type, 0)
            if not n:
                continue
            h = plot_h * n / top_value
            y -= h
            href = f"{link}type={event_type}" if link else None
            chart.rects.append(Rect(round(x, 1), round(y, 1), round(bar_w, 1), round(h, 1),
                                    colour(event_type), f"{label}: {event_type} {n}", href))
    every = max(1, math.ceil(len(labels) / 8))
    chart.xlabels = [Label(round(left + i * slot + slot / 2, 1), height - bottom + 16, label)
                     for i, label in enumerate(labels) if i % every == 0]
    ticks = [0, top_value // 2, top_value] if top_value % 2 == 0 else [0, top_value]
    chart.gridlines = [round(top + plot_h - plot_h * t / top_value, 1) for t in ticks]
    chart.ylabels = [Label(left - 4, round(top + plot_h - plot_h * t / top_value + 4, 1),
                           f"{t:g}", "end") for t in ticks]
    return chart


@dataclass
class Node:
    """An actor on the network's circle; ``label`` is its name as drawn (shortened), empty
    when the name is left off to keep the labels apart (its title still holds the name)."""

    actor_id: str
    name: str
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str
    events: int
    label: str = ""


LABEL_CHARS = 22  # longer names are cut, with "…"; the full name is in the node's title
LABELS_AT_MOST = 40  # the busiest actors are labelled first, at most this many
CHAR_WIDTH, LINE_HEIGHT = 6.8, 15.0  # a 12-pixel label's box, generously


def short_label(name: str, most: int = LABEL_CHARS) -> str:
    """``name``, or its first whole words that fit in ``most`` characters with "…" (a word
    cut in two would not be part of the link's name, which screen readers read); "" when
    even its first word does not fit."""
    if len(name) <= most:
        return name
    words = name[:most].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return words + "…" if " " in name[:most] and words else ""


def label_box(node: Node, text: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of ``text`` drawn at the node's label point."""
    width = CHAR_WIDTH * len(text)
    left = {"start": node.label_x, "end": node.label_x - width}.get(node.anchor,
                                                                   node.label_x - width / 2)
    return left, node.label_y - LINE_HEIGHT + 4, left + width, node.label_y + 4


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(nodes: list[Node], most: int = LABELS_AT_MOST) -> None:
    """Label the busiest nodes first (``nodes`` come busiest first), skipping any label whose
    box would overlap one already placed or another node's circle."""
    placed: list[tuple[float, ...]] = []
    circles = {n.actor_id: (n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r) for n in nodes}
    for node in nodes:
        if len(placed) >= most:
            return
        text = short_label(node.name)
        if not text:
            continue
        box = label_box(node, text)
        others = [c for actor, c in circles.items() if actor != node.actor_id]
        if any(overlaps(box, other) for other in placed + others):
            continue
        node.label = text
        placed.append(box)


@dataclass
class Edge:
    path: str
    colour: str
    width: float
    type: str
    title: str
    href: str


@dataclass
class Network:
    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    empty: bool = True


def network(rows: list[dict], width: int = 1000, height: int = 640) -> Network:
    """Actors on a circle, one curved arrow per (source, target, type) from
    ``reads.actor_network``; A→B and B→A bend apart. The busiest actors take the places at
    the circle's left and right, where horizontal names stack without meeting; the quietest
    go to its top and bottom (``place_labels`` names as many as fit)."""
    degree: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for row in rows:
        for side in ("source", "target"):
            degree[row[f"{side}_actor_id"]] += row["events"]
            names[row[f"{side}_actor_id"]] = row[side]
    if not degree:
        return Network(width, height)
    height = min(height, 200 + 40 * len(degree))  # a few actors need no tall picture
    chart = Network(width, height, empty=False)
    order = sorted(degree, key=lambda a: (-degree[a], names[a]))
    cx, cy = width / 2, height / 2
    radius = min(width * 0.30, height / 2 - 30)
    top = max(degree.values())
    where: dict[str, tuple[float, float]] = {}
    angles = [-math.pi / 2 + 2 * math.pi * i / len(order) for i in range(len(order))]
    angles.sort(key=lambda a: -round(abs(math.cos(a)), 6))  # the sides first
    for actor, angle in zip(order, angles):
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        where[actor] = (x, y)
        r = 4 + 7 * math.sqrt(degree[actor] / top)
        lx, ly = cx + (radius + r + 6) * math.cos(angle), cy + (radius + r + 6) * math.sin(angle)
        anchor = "start" if math.cos(angle) > 0.01 else "end" if math.cos(angle) < -0.01 else "middle"
        chart.nodes.append(Node(actor, names[actor], round(x, 1), round(y, 1), round(r, 1),
                                round(lx, 1), round(ly + 4, 1), anchor, degree[actor]))
    place_labels(chart.nodes)
    heaviest = max(row["events"] for row in rows)
    for row in rows:
        chart.edges.append(_edge(row, where, heaviest))
    seen = sorted({row["type"] for row in rows})
    chart.legend = [(t, colour(t)) for t in seen]
    return chart


def _edge(row: dict, where: dict, heaviest: int) -> Edge:
    (x1, y1), (x2, y2) = where[row["source_actor_id"]], where[row["target_actor_id"]]
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    bend = 0.18 + 0.06 * (sum(map(ord, row["type"])) % 3)  # types between one pair fan out
    mx, my = (x1 + x2) / 2 - dy * bend, (y1 + y2) / 2 + dx * bend
    shorten = 13 / length  # stop the arrow before the target's circle
    ex, ey = x2 - dx * shorten, y2 - dy * shorten
    href = "/events?" + urlencode({"source_id": row["source_actor_id"],
                                   "target_id": row["target_actor_id"], "type": row["type"]})
    title = f"{row['source']} → {row['target']}: {row['type']} ×{row['events']}"
    return Edge(f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}", colour(row["type"]),
                round(1 + 3 * row["events"] / heaviest, 1), row["type"], title, href)


DYAD_COLOURS = {"cooperation": "#59a14f", "conflict": "#e15759", "other": "#bab0ac"}


@dataclass
class DyadChart:
    """Months down the page; per month one bar per direction, its cooperation, conflict and
    other events side by side (``rects``), with the month and direction labels."""

    width: int
    height: int
    rects: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    empty: bool = True


def dyad_bars(over_time: list[dict], width: int = 760, row: int = 16) -> DyadChart:
    """``reads.dyad``'s ``over_time`` rows as horizontal bars: for each month, the events
    from a to b, then from b to a, split into cooperation, conflict and other."""
    months = sorted({r["month"] or "undated" for r in over_time})
    if not months:
        return DyadChart(width, 40)
    most = max(sum(r[k] for k in DYAD_COLOURS) for r in over_time) or 1
    scale = (width - 180) / most
    chart = DyadChart(width, 10 + row * 2 * len(months) + 6 * len(months), empty=False)
    by_key = {(r["month"] or "undated", r["direction"]): r for r in over_time}
    y = 8.0
    for month in months:
        chart.labels.append(Label(4, y + row + 4, month, "start"))
        for direction in ("a→b", "b→a"):
            chart.labels.append(Label(112, y + row - 4, direction, "start"))
            x, counts = 150.0, by_key.get((month, direction), {})
            for kind, fill in DYAD_COLOURS.items():
                n = counts.get(kind, 0)
                if n:
                    chart.rects.append(Rect(x, y + 2, n * scale, row - 4, fill,
                                            f"{month} {direction}: {n} {kind} event(s)"))
                    x += n * scale
            y += row
        y += 6
    return chart


@dataclass
class Dot:
    x: float
    y: float
    r: float
    title: str
    href: str


@dataclass
class MapChart:
    """Event places on a plain equirectangular map of their own bounding box: graticule
    lines every ``step`` degrees with their labels, one dot per place (area ~ events)."""

    width: int
    height: int
    dots: list[Dot] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    empty: bool = True


def event_map(places: list[dict], link: str, width: int = 900, height: int = 520) -> MapChart:
    """``reads.event_places`` rows as dots; a dot links to ``link`` (ending in ``?...&`` or
    ``?``) with ``place=`` its location's name (the events page's place filter)."""
    if not places:
        return MapChart(width, 60)
    lats, lons = [p["lat"] for p in places], [p["lon"] for p in places]
    pad = max(1.0, (max(lons) - min(lons)) * 0.08, (max(lats) - min(lats)) * 0.08)
    west, east = max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad)
    south, north = max(-90.0, min(lats) - pad), min(90.0, max(lats) + pad)
    scale = min((width - 60) / (east - west), (height - 40) / (north - south))
    chart = MapChart(width, int((north - south) * scale) + 40, empty=False)

    def x(lon: float) -> float:
        return round(40 + (lon - west) * scale, 1)

    def y(lat: float) -> float:
        return round(10 + (north - lat) * scale, 1)

    step = next(s for s in (1, 2, 5, 10, 20, 30, 60) if (east - west) / s <= 10)
    for lon in range(math.ceil(west / step) * step, math.floor(east) + 1, step):
        chart.lines.append((x(lon), y(north), x(lon), y(south)))
        chart.labels.append(Label(x(lon), y(south) + 14, f"{lon}°"))
    for lat in range(math.ceil(south / step) * step, math.floor(north) + 1, step):
        chart.lines.append((x(west), y(lat), x(east), y(lat)))
        chart.labels.append(Label(36, y(lat) + 4, f"{lat}°", "end"))
    most = max(p["events"] for p in places)
    for p in sorted(places, key=lambda p: -p["events"]):
        name = p["location"] or f"{p['lat']}, {p['lon']}"
        admin = f" ({p['location_admin']})" if p.get("location_admin") else ""
        radius = round(3 + 15 * math.sqrt(p["events"] / most), 1)
        chart.dots.append(Dot(x(p["lon"]), y(p["lat"]), radius,
                              f"{name}{admin}: {p['events']} event(s): {', '.join(p['types'])}",
                              link + urlencode({"place": name})))
    return chart


def outlet_months(over_time: list[dict]) -> dict:
    """``reads.outlet_coverage``'s ``over_time`` as a table: ``{"months": [...], "rows":
    [{"outlet", "counts": [...], "bars": [...]}]}`` with each count's bar length (0–1 of the
    busiest month of any outlet), for a small-multiples table."""
    months = sorted({r["month"] for r in over_time})
    outlets = list(dict.fromkeys(r["outlet"] for r in over_time))
    counts = {(r["outlet"], r["month"]): r["articles"] for r in over_time}
    most = max(counts.values(), default=1)
    rows = [{"outlet": o, "counts": [counts.get((o, m), 0) for m in months],
             "bars": [round(counts.get((o, m), 0) / most, 3) for m in months]} for o in outlets]
    return {"months": months, "rows": rows}

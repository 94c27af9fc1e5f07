"""Mastery over time as SVG geometry, computed on the server (no chart library, no script).

Each series is told apart three ways besides colour: a marker shape, a dash pattern and the
legend; every point has a ``<title>`` tooltip and the page adds a hidden data table for screen
readers. Dates are placed on a true day scale so a gap of a week looks like one.
"""

from __future__ import annotations

from datetime import date

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 36, 16, 56  # room for the axis labels and titles
Y_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
MAX_X_TICKS = 6
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "cross", "star", "bar")
DASHES = ("", "8 4", "2 4", "10 4 2 4", "14 6", "4 4", "1 6", "12 3 3 3 3 3")
MARKER = 5.0


def mastery_chart(trend: dict[str, list[dict]]) -> dict | None:
    """The chart's geometry for ``progress.mastery_trend`` data, or None when nothing was answered."""
    series_data = [(topic, points) for topic, points in trend.items() if points]
    if not series_data:
        return None
    days = sorted({date.fromisoformat(p["date"]) for _, points in series_data for p in points})
    first, last = days[0], days[-1]
    span = (last - first).days
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day: date) -> float:
        if span == 0:
            return LEFT + plot_w / 2  # one day of data: centre it rather than pin it to an edge
        return LEFT + plot_w * (day - first).days / span

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - max(0.0, min(1.0, value)))

    series = []
    for index, (topic, points) in enumerate(series_data):
        shape = SHAPES[index % len(SHAPES)]
        coords = []
        for p in points:
            x, y = x_of(date.fromisoformat(p["date"])), y_of(p["mastery"])
            coords.append({"x": round(x, 1), "y": round(y, 1), "date": p["date"], "value": p["mastery"],
                           "shape": _shape(shape, x, y)})
        series.append({
            "topic": topic, "index": index % len(SHAPES), "dash": DASHES[index % len(DASHES)],
            "points": coords, "path": " ".join(f"{'M' if i == 0 else 'L'}{c['x']},{c['y']}"
                                               for i, c in enumerate(coords)),
            "legend_shape": _shape(shape, 26, 10), "legend_line": "M2,10 L50,10",
        })
    tick_days = days if len(days) <= MAX_X_TICKS else [days[round(i * (len(days) - 1) / (MAX_X_TICKS - 1))]
                                                       for i in range(MAX_X_TICKS)]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": HEIGHT - BOTTOM, "mid_x": LEFT + plot_w / 2, "mid_y": TOP + plot_h / 2,
        "y_ticks": [{"y": round(y_of(v), 1), "label": f"{round(v * 100)}%"} for v in Y_TICKS],
        "x_ticks": [{"x": round(x_of(d), 1), "label": d.strftime("%d %b")} for d in dict.fromkeys(tick_days)],
        "series": series,
        "dates": [d.isoformat() for d in days],
        "table": _table(series_data, days),
    }


def _table(series_data, days) -> list[dict]:
    """Rows of the screen-reader table: one per date, a cell per topic (blank when not practised)."""
    by_topic = {topic: {p["date"]: p["mastery"] for p in points} for topic, points in series_data}
    return [{"date": d.isoformat(), "cells": [by_topic[t].get(d.isoformat()) for t, _ in series_data]}
            for d in days]


def _shape(kind: str, x: float, y: float) -> dict:
    """An SVG element for a marker: ``{"tag": "circle"|"polygon", ...attributes}``."""
    r = MARKER
    if kind == "circle":
        return {"tag": "circle", "cx": round(x, 1), "cy": round(y, 1), "r": r}
    offsets = {
        "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "triangle": [(0, -r * 1.2), (r * 1.1, r), (-r * 1.1, r)],
        "diamond": [(0, -r * 1.3), (r * 1.3, 0), (0, r * 1.3), (-r * 1.3, 0)],
        "triangle-down": [(0, r * 1.2), (r * 1.1, -r), (-r * 1.1, -r)],
        "cross": [(-r / 3, -r), (r / 3, -r), (r / 3, -r / 3), (r, -r / 3), (r, r / 3), (r / 3, r / 3),
                  (r / 3, r), (-r / 3, r), (-r / 3, r / 3), (-r, r / 3), (-r, -r / 3), (-r / 3, -r / 3)],
        "star": [(0, -r * 1.3), (r * .4, -r * .4), (r * 1.3, -r * .3), (r * .6, r * .3), (r * .8, r * 1.2),
                 (0, r * .7), (-r * .8, r * 1.2), (-r * .6, r * .3), (-r * 1.3, -r * .3), (-r * .4, -r * .4)],
        "bar": [(-r * 1.3, -r / 2.5), (r * 1.3, -r / 2.5), (r * 1.3, r / 2.5), (-r * 1.3, r / 2.5)],
    }[kind]
    return {"tag": "polygon", "points": " ".join(f"{round(x + dx, 1)},{round(y + dy, 1)}" for dx, dy in offsets)}

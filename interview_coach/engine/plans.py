"""Study action plans as Markdown: what ``study_action_plan.plan_markdown`` stores and the page renders.

:func:`plan_markdown` takes a plan in the shape of :class:`~interview_coach.ai.StudyPlan` (a title, a
summary and steps with day, topic, focus, activity and minutes) from whichever engine wrote it.
Layout: the title as a ``##`` heading, a line with the length, daily time and topics, the summary,
then one ``### Day n`` section per day that has steps (in day order; a day with several steps gets a
``####`` heading per topic). Every piece of text is escaped (:func:`escape_markdown`, and a leading
list or numbering marker too), so nothing an LLM writes becomes a link, an image, HTML or structure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby
from typing import Protocol

from .interview_feedback import escape_markdown

__all__ = ["plan_markdown", "inline"]

_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=])")


class Step(Protocol):
    day: int
    topic: str
    focus: str
    activity: str
    minutes: int


class Plan(Protocol):
    title: str
    summary: str
    steps: Sequence[Step]


def inline(text: str) -> str:
    """``text`` on one line, inert as Markdown even at the start of a line (no list, numbering or
    heading can begin there)."""
    flat = escape_markdown(text)
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", flat)


def plan_markdown(plan: Plan, days: int, minutes_per_day: int, topics: Sequence[str]) -> str:
    """The plan as Markdown (see the module docstring)."""
    lines = [f"## {inline(plan.title)}", "",
             f"**{days} {'day' if days == 1 else 'days'}, about {minutes_per_day} minutes a day.** "
             f"Topics: {inline(', '.join(topics))}.", "", inline(plan.summary), ""]
    for day, group in groupby(sorted(plan.steps, key=lambda s: s.day), key=lambda s: s.day):
        steps = list(group)
        if len(steps) == 1:
            lines += [f"### Day {day}: {inline(steps[0].topic)}", "", *_details(steps[0])]
            continue
        lines += [f"### Day {day}", ""]
        for step in steps:
            lines += [f"#### {inline(step.topic)}", "", *_details(step)]
    return "\n".join(lines).rstrip() + "\n"


def _details(step: Step) -> list[str]:
    return [f"- **Focus:** {inline(step.focus)}", f"- **Activity:** {inline(step.activity)}",
            f"- **Time:** about {step.minutes} minutes", ""]

"""Study action plans: the built-in plan (:func:`draft_plan`) and its Markdown (:func:`plan_markdown`).

**The built-in plan.** :func:`draft_plan` writes one step per day, and no two days are alike. Its
inputs are the user's weak areas from practice (topic, mastery, weakest subtopic, concepts missed),
the goal they typed (:mod:`.plan_goals`) and what their quick and mock interviews showed
(:class:`InterviewWeakness`: STAR parts left out, answers with no story, weak competencies, red
flags, mock answers marked low). The days are:

- *study days* on the weak areas, in proportion to how much each lacks, weakest topic first: one
  subtopic a day, naming its concepts (the ones missed first), with practice questions at the level
  the mastery suggests; after every second study day on a topic, a *practice set* (an adaptive session);
- *goal days* (about a quarter of the days when the goal matches a profile): the subtopics that role's
  interviews stress and its set pieces (a system design question and API questions for a backend
  goal, "what happens when you type a URL" for a frontend goal, SQL questions for a data goal…);
- *interview days* (about a quarter when interviews showed gaps): rewriting stories for the STAR part
  most often left out, quoting the user's own answer, then a behavioural quick interview; a quick
  interview on the weakest competency; mock-interview practice for the kind of answer marked low;
- a *closing day* for plans of 3 days or more: a full mock interview when the goal is an interview (or
  mock answers were marked low), otherwise a mixed review across the plan's topics.

Goal and interview days come in after every second study day, so a short plan still gets one of each.
When a source runs out, the others fill the days, so a 30-day plan is 30 different days.

:func:`plan_markdown` takes a plan in the shape of :class:`~interview_coach.ai.StudyPlan` (a title, a
summary and steps with day, topic, focus, activity and minutes) from whichever engine wrote it.
**Markdown.** Layout: the title as a ``##`` heading, a line with the length, daily time and topics, the summary,
then one ``### Day n`` section per day that has steps (in day order; a day with several steps gets a
``####`` heading per topic). Every piece of text is escaped (:func:`escape_markdown`, and a leading
list or numbering marker too), so nothing an LLM writes becomes a link, an image, HTML or structure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Protocol

from ..content import load_content
from ..errors import NotFound
from .interview_feedback import escape_markdown
from .plan_goals import GoalProfile, read_goal

__all__ = ["plan_markdown", "inline", "draft_plan", "DraftPlan", "DraftStep", "InterviewWeakness"]

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


# ----------------------------------------------------------------------------- the built-in plan


@dataclass(frozen=True, slots=True)
class InterviewWeakness:
    """Something quick or mock interviews showed the user should work on.

    ``kind``: ``star_part`` (``name`` is the STAR part answers left out: situation, task, action, result),
    ``no_story`` (answers that gave no example), ``competency`` (a behavioural competency answered
    poorly; ``name`` is its name), ``red_flag`` (``name`` is the flag, ``detail`` the user's words),
    ``topic`` (a technical topic answered poorly; ``detail`` names the concepts missed) or
    ``mock_answers`` (mock-interview answers of one kind marked low; ``name`` is that kind).
    ``detail`` is evidence to quote (the user's words, the question, the concepts); ``source`` says where
    it was seen ("quick interview of 3 Dec"); ``count`` how many answers showed it.
    """

    kind: str
    name: str
    detail: str = ""
    source: str = ""
    count: int = 1


@dataclass(frozen=True, slots=True)
class DraftStep:
    day: int
    topic: str
    focus: str
    activity: str
    minutes: int


@dataclass(frozen=True, slots=True)
class DraftPlan:
    title: str
    summary: str
    steps: tuple[DraftStep, ...]


@dataclass(frozen=True, slots=True)
class _Unit:
    topic: str
    focus: str
    activity: str


_PART_WORK = {
    "situation": "opens with the scene (when, where, what was at stake) in one or two sentences",
    "task": "says what you had to achieve, who asked and by when, before any action",
    "action": "spends most of its words on two or three steps you took yourself, each starting with “I”",
    "result": "ends with what happened because of what you did, with a number if you have one",
}


def draft_plan(areas: Sequence, days: int, minutes_per_day: int, goal: str = "",
               weaknesses: Sequence[InterviewWeakness] = (), bank=None) -> DraftPlan:
    """The built-in study plan: one distinct day per day (see the module docstring)."""
    bank = bank or load_content()
    profile = read_goal(goal)
    areas = sorted(areas, key=lambda a: a.mastery) or [_Area(t, 0.0) for t in bank.topic_names]
    behavioural = _behavioural_units(weaknesses, profile)
    goal_units = _goal_units(profile, bank, {a.topic for a in areas})
    closing = _closing_unit(areas, profile, weaknesses, goal) if days >= 3 else None
    study = days - (1 if closing else 0)
    quota_goal = min(len(goal_units), max(1 if study >= 2 else 0, round(study * 0.25)))
    quota_beh = min(len(behavioural), max(1 if study >= 2 else 0, round(study * 0.25)))
    if study == 1 and not areas_practised(areas):
        quota_goal = min(len(goal_units), 1)
    quota_tech = max(0, study - quota_goal - quota_beh)
    technical, spare_technical = _technical_units(areas, quota_tech, bank)
    units: list[_Unit] = []
    seen: set[str] = set()
    spares = spare_technical + goal_units[quota_goal:] + behavioural[quota_beh:]
    for unit in _interleave(technical, goal_units[:quota_goal], behavioural[:quota_beh]):
        if unit.focus not in seen:  # a goal subtopic may also be a weak area's: one day for it
            units.append(unit)
            seen.add(unit.focus)
    for spare in spares:
        if len(units) >= study:
            break
        if spare.focus not in seen:
            units.append(spare)
            seen.add(spare.focus)
    units = units[:study]
    while len(units) < study:  # every source ran out: review earlier days, a different stretch each time
        units.append(_review_unit(units, len(units)))
    units += [closing] if closing else []
    steps = tuple(DraftStep(day, u.topic[:80], u.focus[:200], u.activity[:600], minutes_per_day)
                  for day, u in enumerate(units, start=1))
    return DraftPlan(_title(days, areas, profile), _summary(areas, minutes_per_day, profile, weaknesses, goal, steps),
                     steps)


def areas_practised(areas) -> bool:
    return any(a.mastery > 0 or a.missing_concepts for a in areas)


@dataclass(frozen=True, slots=True)
class _Area:
    topic: str
    mastery: float
    subtopic: str | None = None
    missing_concepts: tuple[str, ...] = ()


def _level(mastery: float) -> str:
    return "easy" if mastery < 0.4 else "medium" if mastery < 0.7 else "hard"


def _technical_units(areas, wanted: int, bank) -> tuple[list[_Unit], list[_Unit]]:
    """(the ``wanted`` study days, the spare ones). Per weak area, in order of need: a day per subtopic
    (the weakest first, with the concepts missed) and a practice set after every second study day on the
    same topic. Days are shared among the areas in proportion to how much each lacks, every area getting
    one before any gets a second."""
    queues = [_area_units(area, bank) for area in areas]
    need = [max(1.0 - a.mastery, 0.05) for a in areas]
    taken = [0] * len(areas)
    for _ in range(wanted):
        live = [k for k in range(len(areas)) if taken[k] < len(queues[k])]
        if not live:
            break
        k = max(live, key=lambda i: (taken[i] == 0, need[i] / (taken[i] + 1), -i))
        taken[k] += 1
    # Days on one topic come together, weakest topic first: study builds on the day before.
    chosen = [u for k, queue in enumerate(queues) for u in queue[:taken[k]]]
    spares = [u for k, queue in enumerate(queues) for u in queue[taken[k]:]]
    return chosen, spares


def _area_units(area, bank) -> list[_Unit]:
    try:
        subtopics = list(bank.subtopics(area.topic))
    except NotFound:
        return []
    missing = [c.lower() for c in area.missing_concepts]

    def first_missed(sub) -> int:  # where the subtopic's weakest concept stands among those missed
        return min((missing.index(c.name.lower()) for c in sub.concepts if c.name.lower() in missing), default=len(missing))

    # Subtopics holding the concepts missed come first (the weakest concept's first), then the weakest
    # practised subtopic, then the rest in syllabus order.
    with_missing = sorted((s for s in subtopics if first_missed(s) < len(missing)), key=first_missed)
    weakest = [s for s in subtopics if area.subtopic and s.name.lower() == area.subtopic.lower() and s not in with_missing]
    ordered = with_missing + weakest + [s for s in subtopics if s not in with_missing and s not in weakest]
    level = _level(area.mastery)
    units: list[_Unit] = []
    for n, sub in enumerate(ordered):
        concepts = sorted(sub.concepts, key=lambda c: missing.index(c.name.lower()) if c.name.lower() in missing
                          else len(missing))[:3]  # the weakest concepts first, then syllabus order
        names = [c.name for c in concepts]
        listed = _join(names)
        units.append(_Unit(area.topic, f"{sub.name}: {listed}" if names else sub.name,
                           f"Study {listed} ({area.topic}, {sub.name}): write each in your own words with an "
                           f"example, then answer 3 {level} practice questions on {sub.name} and compare every "
                           "answer with the reference answer, noting which idea you left out."))
        if n % 2 == 1:
            pair = f"{ordered[n - 1].name} and {sub.name}"
            units.append(_Unit(area.topic, f"{area.topic} practice set: {pair}",
                               f"Practice set: a 10-question adaptive practice session on {area.topic} at {level} "
                               f"difficulty, without hints, checking that {pair} have stuck; retry every question "
                               "under 50% after reading its model answer."))
    harder = {"easy": "medium", "medium": "hard", "hard": "hard"}[level]
    for sub in ordered:  # a second, harder pass once every subtopic has had its day
        others = [c.name for c in sub.concepts[3:6]] or [c.name for c in sub.concepts[:2]]
        units.append(_Unit(area.topic, f"{sub.name}: going deeper ({_join(others)})",
                           f"Go deeper on {sub.name} ({area.topic}): explain {_join(others)} with a worked example "
                           f"each, then answer 3 {harder} practice questions on {sub.name} and compare them with the "
                           "reference answers."))
    return units


def _goal_units(profile: GoalProfile, bank, weak_topics: set[str]) -> list[_Unit]:
    units = [_Unit(p.topic, p.focus, p.activity) for p in profile.set_pieces]
    for topic, name in profile.subtopics:
        try:
            sub = bank.subtopic(topic, name)
        except NotFound:
            continue
        names = [c.name for c in sub.concepts[:3]]
        units.append(_Unit(topic, f"{sub.name}: {_join(names)}",
                           f"For {_goal_words(profile)}: study {_join(names)} ({topic}, {sub.name}), then answer 3 "
                           f"medium practice questions on {sub.name} aloud, as you would in the interview."))
    # Set pieces first, then subtopics, alternating so a short plan gets one of each.
    pieces, subs = units[:len(profile.set_pieces)], units[len(profile.set_pieces):]
    mixed: list[_Unit] = []
    for i in range(max(len(pieces), len(subs))):
        mixed += ([subs[i]] if i < len(subs) else []) + ([pieces[i]] if i < len(pieces) else [])
    return mixed


def _behavioural_units(weaknesses: Sequence[InterviewWeakness], profile: GoalProfile) -> list[_Unit]:
    units: list[_Unit] = []
    parts = sorted((w for w in weaknesses if w.kind == "star_part"), key=lambda w: -w.count)
    competencies = [w for w in weaknesses if w.kind == "competency"]
    weakest = competencies[0].name if competencies else "your weakest competency"
    for w in [w for w in weaknesses if w.kind == "no_story"][:1]:
        units.append(_Unit("Behavioural", "A real story for every competency",
                           f"You answered “{_cut(w.detail)}” ({w.source}). Write one real story for each competency "
                           "you will be asked about (two lines each: what happened and how it ended), then take a "
                           f"5-question behavioural quick interview on {weakest} using them."))
    for w in parts:
        example = f" Start with your answer to “{_cut(w.detail, 16)}” ({w.source})." if w.detail else ""
        units.append(_Unit("Behavioural", f"STAR: the {w.name} ({w.count} recent {'answer' if w.count == 1 else 'answers'} "
                           "left it out)",
                           f"Rewrite two of your stories so each {_PART_WORK.get(w.name, 'is complete')}.{example} "
                           f"Then take a 5-question behavioural quick interview and check the {w.name.capitalize()} "
                           "row under every answer."))
    flags = [w for w in weaknesses if w.kind == "red_flag"]
    for w in competencies:
        flag = next((f for f in flags if f.source == w.source), None)
        extra = (f" Rework the story where you said “{_cut(flag.detail, 16)}”: interviewers hear it as "
                 f"“{flag.name.lower()}”." if flag else "")
        units.append(_Unit("Behavioural", f"{w.name} stories", f"Take a 5-question quick interview on {w.name} "
                           f"({w.source}: {w.detail or 'your answers scored low'}).{extra} Prepare one story with a "
                           "measurable result before you start."))
    for w in [w for w in weaknesses if w.kind == "mock_answers"]:
        units.append(_Unit("Mock interview", f"Mock interview: {w.name.replace('_', ' ')} answers",
                           f"Your {w.name.replace('_', ' ')} answers were marked low ({w.source}: {_cut(w.detail, 20)}). "
                           "Rehearse two such answers aloud with figures and your own steps, then run a new mock "
                           "interview and compare the marks."))
    if profile.behavioural and not units:
        units.append(_Unit("Behavioural", "Behavioural stories in STAR form",
                           "Write down five stories in STAR form (situation, task, your actions, a measurable result) "
                           "for teamwork, conflict, ownership, failure and leadership; then take a 5-question "
                           "behavioural quick interview and compare each answer's STAR parts."))
    return units


def _review_unit(units: list[_Unit], day_index: int) -> _Unit:
    """Spaced review of a stretch of earlier study days that no review has covered in the same way."""
    studied = [(i + 1, u) for i, u in enumerate(units) if u.activity.startswith(("Study ", "For ", "Go deeper"))]
    done = {u.focus for u in units}
    for size, offset in ((3, 0), (2, 1), (4, 2), (5, 0)):
        for start in range(offset, max(len(studied) - size + 1, 0), size):
            stretch = studied[start:start + size]
            days = _join(str(d) for d, _ in stretch)
            focus = _join(dict.fromkeys(u.focus.split(":")[0] for _, u in stretch))
            unit = _Unit("Review", f"Spaced review of days {days}: {focus}"[:200],
                         f"Without notes, explain aloud what you studied on days {days} ({focus}), answer "
                         f"{size + 2} mixed practice questions on it, and re-read only the concepts you could not "
                         "explain.")
            if unit.focus not in done:
                return unit
    return _Unit("Review", f"Review day {day_index + 1}: your lowest scores", f"Day {day_index + 1}: redo the five "
                 "practice questions you scored lowest on so far, without notes, then read their model answers.")


def _closing_unit(areas, profile: GoalProfile, weaknesses, goal: str) -> _Unit:
    topics = ", ".join(dict.fromkeys(a.topic for a in areas))
    if profile.interview or any(w.kind == "mock_answers" for w in weaknesses):
        return _Unit("Mock interview", f"Mock interview for {_cut(goal, 12) or 'your target role'}",
                     "Run a full mock interview with your CV and the job description you are aiming for, answering "
                     f"aloud; afterwards compare its strengths and weaknesses with this plan and re-practise {topics} "
                     "where it still shows gaps.")
    return _Unit("Mixed review", f"Mixed review of {topics}", f"Run a practice session across {topics} without hints, then check the "
                 "dashboard: topics still under 70% mastery go into next week's plan.")


def _interleave(technical: list[_Unit], goal: list[_Unit], behavioural: list[_Unit]) -> list[_Unit]:
    """Weak topics lead; goal and behavioural days come in after every second technical day."""
    out: list[_Unit] = []
    t, g, b = list(technical), list(goal), list(behavioural)
    while t or g or b:
        out += t[:2]
        t = t[2:]
        if g:
            out.append(g.pop(0))
        if b:
            out.append(b.pop(0))
    return out


def _title(days: int, areas, profile: GoalProfile) -> str:
    lead = areas[0].topic if areas_practised(areas) else (profile.topics[0] if profile.topics else areas[0].topic)
    more = f" and {len(areas) - 1} more" if len(areas) > 1 and areas_practised(areas) else ""
    return f"{days}-day plan: {lead}{more}"[:120]


def _summary(areas, minutes, profile: GoalProfile, weaknesses, goal: str, steps) -> str:
    parts = []
    if areas_practised(areas):
        parts.append("Your weakest areas are " + ", ".join(f"{a.topic} ({a.mastery:.0%})" for a in areas[:3]) + ".")
    else:
        parts.append("No practice yet, so the plan covers the fundamentals.")
    if profile.names:
        days = [str(s.day) for s in steps if any(s.focus.startswith(p.focus) for p in profile.set_pieces)
                or s.activity.startswith("For ")]
        if days:
            parts.append(f"For {_join(profile.names)}, day{'s' if len(days) > 1 else ''} {_join(days)} add what "
                         "those interviews ask.")
    beh = [str(s.day) for s in steps if s.topic in ("Behavioural", "Mock interview") and s.focus.startswith(("STAR",
           "A real story", "Mock interview:")) or s.focus.endswith(" stories")]
    if weaknesses and beh:
        parts.append(f"Your recent interviews showed gaps that day{'s' if len(beh) > 1 else ''} {_join(beh)} "
                     "work on.")
    parts.append(f"Each day takes about {minutes} minutes.")
    if goal.strip():
        parts.append(f"Goal: {goal.strip()}.")
    return " ".join(parts)[:800]


def _goal_words(profile: GoalProfile) -> str:
    return profile.names[0] if profile.names else "your goal"


def _join(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _cut(text: str, limit: int = 12) -> str:
    words = " ".join((text or "").split()).split(" ")
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")



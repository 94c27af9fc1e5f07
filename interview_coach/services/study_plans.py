"""Study action plans (first seed, ``study_action_plan``): weak areas from mastery, create, list, get, delete.

Contracts:

- :func:`weak_areas`: one :class:`~interview_coach.ai.WeakArea` per topic the user has practised
  (a ``user_mastery`` row with answered questions), weakest first (ties in syllabus order): the
  topic's ``mastery_level``, its weakest practised subtopic (lowest ``subtopic_mastery.mastery_level``)
  and the names of its weak concepts (weakest first) then the ones missed on their latest attempt, at
  most :data:`MAX_CONCEPTS`. With ``topics`` given, only those topics, and a requested topic never
  practised is a weak area with mastery 0.
- :func:`check`: the request as :class:`PlanInput`, or Invalid with a reason per field: ``days``
  1–30, ``minutes_per_day`` 10–240 (whole numbers), ``topics`` syllabus topic names or ids,
  ``goal`` at most 300 characters once runs of white space are made one space (as it is stored).
- :func:`interview_weaknesses`: what the user's last :data:`RECENT_INTERVIEWS` finished quick interviews and
  mock interviews with feedback (within :data:`RECENT_DAYS` days) showed, as
  :class:`~interview_coach.engine.plans.InterviewWeakness`: STAR parts their stories left out (with the
  question), answers with no story (with their words), competencies answered under 50 %, red flags
  (with the sentence that raised them), technical topics answered under 50 % (with the concepts
  missed) and mock answers of one kind marked 4/10 or less (behavioural ones name their competency).
- :func:`create`: asks the AI engine (``get_ai().study_plan``, the LLM when configured, else or on its
  failure the built-in engine) for a plan over the weak areas of the chosen topics (all practised
  topics when none are chosen; the whole syllabus's fundamentals when nothing was practised either)
  and stores it; the plan also gets the goal and the interview weaknesses, and a technical topic answered
  poorly in a quick interview joins the weak areas (with its missed concepts) unless topics were chosen
  that exclude it. ``topics``: the comma-separated names of the topics it was written for (the chosen
  ones, else the weak areas', else the whole syllabus), cut at whole names to fit 255 characters; ``plan_markdown``: the escaped Markdown of
  :func:`~interview_coach.engine.plans.plan_markdown`; ``engine`` and ``engine_notice``: which engine
  wrote it and why the built-in engine stood in. No database transaction is open while the AI writes.
- :func:`list_plans`, :func:`get`, :func:`delete`: the user's own plans only; another user's plan is
  NotFound, exactly like a missing one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy import select

from ..ai import StudyPlanRequest, WeakArea, get_ai
from ..content import load_content
from ..engine.mastery import MASTERED_FROM
from ..engine.plans import InterviewWeakness, plan_markdown
from ..errors import Invalid, NotFound
from ..extensions import db
from ..models import Feedback, InterviewSession, SimulatorSession, StudyActionPlan, SubtopicMastery, UserMastery, utcnow
from .db_utils import owned
from .practice import known_topics

__all__ = ["PlanInput", "check", "weak_areas", "TopicChoice", "topic_choices", "create", "list_plans", "get", "delete",
           "topic_list", "interview_weaknesses", "DAYS", "MINUTES", "GOAL_MAX", "MAX_CONCEPTS"]

DAYS = (1, 30)
MINUTES = (10, 240)
GOAL_MAX = 300
TOPICS_MAX = 255  # the seed's String(255)
MAX_CONCEPTS = 12
SUGGESTED = 3
SEPARATOR = ", "
RECENT_INTERVIEWS = 5
RECENT_DAYS = 90
WEAK_SCORE = 0.5
LOW_MARK = 4


@dataclass(frozen=True)
class PlanInput:
    """A checked plan request: ``topics`` are syllabus names (empty: the coach chooses)."""

    days: int
    minutes_per_day: int
    topics: tuple[str, ...] = ()
    goal: str = ""


def _whole(value, low: int, high: int, message: str, reasons: dict, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        reasons[name] = [message]
        return 0
    return value


def check(days, minutes_per_day, topics=None, goal: str | None = "") -> PlanInput:
    """The request as a :class:`PlanInput`, or Invalid naming every field that is wrong."""
    reasons: dict[str, list[str]] = {}
    days = _whole(days, *DAYS, f"Choose a whole number of days from {DAYS[0]} to {DAYS[1]}.", reasons, "days")
    minutes = _whole(minutes_per_day, *MINUTES,
                     f"Choose a whole number of minutes a day from {MINUTES[0]} to {MINUTES[1]}.",
                     reasons, "minutes_per_day")
    try:
        names = tuple(known_topics(list(topics or [])))
    except Invalid as exc:
        reasons.update(exc.reasons)
        names = ()
    goal = " ".join((goal or "").split())
    if len(goal) > GOAL_MAX:
        reasons["goal"] = [f"Keep the goal to {GOAL_MAX} characters or fewer (it has {len(goal)})."]
    if reasons:
        raise Invalid(reasons)
    return PlanInput(days, minutes, names, goal)


def weak_areas(user_id: int, topics: list[str] | tuple[str, ...] | None = None) -> tuple[WeakArea, ...]:
    """The user's weak areas, weakest first (see the module docstring)."""
    bank = load_content()
    wanted = known_topics(list(topics)) if topics else None
    query = select(UserMastery).where(UserMastery.user_id == user_id, UserMastery.questions_attempted > 0)
    masteries = {m.topic: m for m in db.session.scalars(query)}
    subs: dict[str, SubtopicMastery] = {}
    for row in db.session.scalars(select(SubtopicMastery).where(SubtopicMastery.user_id == user_id,
                                                                SubtopicMastery.attempts > 0)):
        best = subs.get(row.topic)
        if best is None or (row.mastery_level or 0.0) < (best.mastery_level or 0.0):
            subs[row.topic] = row
    areas = []
    for name in wanted if wanted is not None else bank.topic_names:
        m = masteries.get(name)
        if m is None:
            if wanted is not None:
                areas.append(WeakArea(topic=name, mastery=0.0))
            continue
        sub = subs.get(name)
        areas.append(WeakArea(topic=name, mastery=float(m.mastery_level or 0.0),
                              subtopic=sub.subtopic if sub is not None else None,
                              missing_concepts=_concept_names(bank, m)))
    order = {name: i for i, name in enumerate(bank.topic_names)}
    return tuple(sorted(areas, key=lambda a: (a.mastery, order.get(a.topic, len(order)))))


def _concept_names(bank, m: UserMastery) -> tuple[str, ...]:
    """Names of the topic's weak concepts, then those missed last time; ids the bank no longer has are skipped."""
    names: list[str] = []
    for cid in [*(m.weak_concepts or []), *(m.missing_concepts or [])]:
        try:
            name = bank.concept(cid).name
        except NotFound:
            continue
        if name not in names:
            names.append(name)
    return tuple(names[:MAX_CONCEPTS])


@dataclass(frozen=True)
class TopicChoice:
    """A syllabus topic on the new-plan form: the user's mastery (None: never practised) and whether
    the form ticks it (``suggested``: one of the three weakest practised topics not yet mastered)."""

    name: str
    mastery: float | None
    suggested: bool


def topic_choices(user_id: int) -> list[TopicChoice]:
    """Every syllabus topic in syllabus order, as the new-plan form offers them."""
    areas = weak_areas(user_id)
    suggested = [a.topic for a in areas if a.mastery < MASTERED_FROM][:SUGGESTED]  # areas: weakest first
    mastery = {a.topic: a.mastery for a in areas}
    return [TopicChoice(name, mastery.get(name), name in suggested) for name in load_content().topic_names]


def create(user_id: int, days, minutes_per_day, topics=None, goal: str | None = "", on_delta=None,
           claim=None) -> StudyActionPlan | None:
    """Write and store a plan (see the module docstring); ``on_delta(text)`` receives an LLM's reply as
    it is written. ``claim(plan)``, called in the storing transaction once the plan has its id, may refuse
    (False): the plan is then not stored and None is returned (a job's retry whose first attempt stored it)."""
    request = check(days, minutes_per_day, topics, goal)
    areas = weak_areas(user_id, request.topics or None)
    weaknesses = interview_weaknesses(user_id)
    areas = _with_interview_topics(areas, weaknesses, request.topics)
    db.session.rollback()  # end the read transaction: the AI may take a while
    outcome = get_ai().study_plan(StudyPlanRequest(areas, request.days, request.minutes_per_day, request.goal,
                                                   weaknesses), on_delta)
    covered = request.topics or tuple(a.topic for a in areas) or load_content().topic_names
    plan = StudyActionPlan(
        user_id=user_id, days=request.days, topics=_topics_column(covered), created_at=utcnow(),
        plan_markdown=plan_markdown(outcome.value, request.days, request.minutes_per_day, covered),
        engine=outcome.engine_label(), engine_notice=outcome.notice)
    db.session.add(plan)
    db.session.flush()
    if claim is not None and not claim(plan):
        db.session.rollback()
        return None
    db.session.commit()
    return plan


def interview_weaknesses(user_id: int) -> tuple[InterviewWeakness, ...]:
    """What the user's recent quick and mock interviews showed (see the module docstring)."""
    since = utcnow() - timedelta(days=RECENT_DAYS)
    quick = db.session.scalars(select(InterviewSession).where(
        InterviewSession.user_id == user_id, InterviewSession.completed_at.is_not(None),
        InterviewSession.completed_at >= since).order_by(InterviewSession.completed_at.desc()).limit(RECENT_INTERVIEWS))
    found: list[InterviewWeakness] = []
    parts: dict[str, list[tuple[str, str]]] = defaultdict(list)  # part → (question, source)
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)  # (kind, label) → scores
    sources: dict[tuple[str, str], str] = {}
    missed: dict[str, list[str]] = defaultdict(list)
    no_story: list[tuple[str, str]] = []
    for interview in quick:
        source = f"quick interview of {interview.completed_at.day} {interview.completed_at:%b}"
        for q in interview.questions or []:
            details = q.get("details") or {}
            label = q.get("competency") or q.get("topic") or ""
            key = (q.get("kind", ""), label)
            scores[key].append(float(q.get("score") or 0.0))
            sources.setdefault(key, source)
            missed[label] += [c for c in details.get("missing_concepts", []) if c not in missed[label]]
            if details.get("star") is not None and not details.get("story", True):
                no_story.append((q.get("answer") or "", source))
            elif details.get("story"):
                for part, verdict in details["star"].items():
                    if not (verdict or {}).get("present"):
                        parts[part].append((q.get("question", ""), source))
            for flag in details.get("red_flag_evidence", []):
                found.append(InterviewWeakness("red_flag", flag["flag"], flag["evidence"], source))
    if no_story:
        found.append(InterviewWeakness("no_story", "no example", no_story[0][0], no_story[0][1], len(no_story)))
    for part, seen in parts.items():
        found.append(InterviewWeakness("star_part", part, seen[0][0], seen[0][1], len(seen)))
    for (kind, label), values in sorted(scores.items(), key=lambda kv: sum(kv[1]) / len(kv[1])):
        mean = sum(values) / len(values)
        if mean < WEAK_SCORE and label:
            detail = (f"scored {mean:.0%}" if kind == "behavioural" else ", ".join(missed[label][:6]))
            found.append(InterviewWeakness("competency" if kind == "behavioural" else "topic", label, detail,
                                           sources[(kind, label)], len(values)))
    return tuple(found) + _mock_weaknesses(user_id, since)


def _mock_weaknesses(user_id: int, since) -> tuple[InterviewWeakness, ...]:
    rows = db.session.execute(select(SimulatorSession, Feedback).join(Feedback, Feedback.session_id == SimulatorSession.id)
                              .where(SimulatorSession.user_id == user_id, SimulatorSession.deleted_at.is_(None),
                                     Feedback.created_at >= since)
                              .order_by(Feedback.created_at.desc()).limit(RECENT_INTERVIEWS)).all()
    bank = load_content()
    low: dict[str, list[tuple[str, str]]] = defaultdict(list)
    competencies: dict[str, str] = {}
    for session, feedback in rows:
        source = f"mock interview for {session.job_title} at {session.company_name}"
        planned = (session.plan or {}).get("questions") or []
        for note in feedback.annotations or []:
            if int(note.get("mark") or 10) > LOW_MARK:
                continue
            low[note.get("kind", "")].append((note.get("question", ""), source))
            number = int(note.get("number") or 0)
            slug = planned[number - 1].get("competency") if 0 < number <= len(planned) else None
            if note.get("kind") == "behavioural" and slug:
                try:
                    competencies.setdefault(bank.competency(slug).name, source)
                except NotFound:
                    pass
    out = [InterviewWeakness("mock_answers", kind, seen[0][0], seen[0][1], len(seen)) for kind, seen in low.items() if kind]
    out += [InterviewWeakness("competency", name, "a behavioural answer marked 4/10 or less", source)
            for name, source in competencies.items()]
    return tuple(out)


def _with_interview_topics(areas, weaknesses, chosen) -> tuple[WeakArea, ...]:
    """The weak areas, plus technical topics answered poorly in quick interviews (their missed concepts too)."""
    by_topic = {a.topic: a for a in areas}
    for w in weaknesses:
        if w.kind != "topic" or (chosen and w.name not in chosen):
            continue
        concepts = tuple(c.strip() for c in w.detail.split(",") if c.strip())
        area = by_topic.get(w.name)
        if area is None:
            by_topic[w.name] = WeakArea(topic=w.name, mastery=0.0, missing_concepts=concepts[:MAX_CONCEPTS])
        else:
            merged = tuple(dict.fromkeys((*area.missing_concepts, *concepts)))[:MAX_CONCEPTS]
            by_topic[w.name] = replace(area, missing_concepts=merged)
    return tuple(sorted(by_topic.values(), key=lambda a: a.mastery))


def _topics_column(names) -> str:
    """Comma-separated names that fit the column, cut after the last whole name that fits."""
    kept: list[str] = []
    for name in names:
        if len(SEPARATOR.join([*kept, name])) > TOPICS_MAX:
            break
        kept.append(name)
    return SEPARATOR.join(kept)


def topic_list(plan: StudyActionPlan) -> list[str]:
    """The plan's topics as a list of names."""
    return [t.strip() for t in (plan.topics or "").split(",") if t.strip()]


def list_plans(user_id: int) -> list[StudyActionPlan]:
    """The user's plans, newest first."""
    return list(db.session.scalars(select(StudyActionPlan).where(StudyActionPlan.user_id == user_id)
                                   .order_by(StudyActionPlan.created_at.desc(), StudyActionPlan.id.desc())))


def get(user_id: int, plan_id: int) -> StudyActionPlan:
    """The user's plan ``plan_id``; NotFound for a missing plan or another user's."""
    return owned(StudyActionPlan, user_id, "No such study plan.", id=plan_id)


def delete(user_id: int, plan_id: int) -> None:
    """Delete the user's plan ``plan_id`` (NotFound as :func:`get`)."""
    db.session.delete(get(user_id, plan_id))
    db.session.commit()

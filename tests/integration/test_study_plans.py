"""Study action plans through the service: weak areas from real practice, plans that start where the
learner is weakest, refusals, scoping to the owner, and plans written by a (scripted) LLM."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from ai.fault_server import completion, error
from interview_coach.content import load_content
from interview_coach.engine.plans import inline
from interview_coach.errors import Invalid, NotFound
from interview_coach.extensions import db
from interview_coach.models import StudyActionPlan
from interview_coach.services import study_plans
from testkit import practise, scripted_llm

IMG = '<img src=x onerror="alert(1)">'
LLM_PLAN = {
    "title": f"Operating systems first {IMG}",
    "summary": "- Start with [processes](http://evil.example) and finish with a review.",
    "steps": [
        {"day": 2, "topic": "OS", "focus": "Scheduling", "activity": "Answer three scheduling questions aloud.",
         "minutes": 40},
        {"day": 1, "topic": "OS", "focus": "# Processes", "activity": f"1. Re-read processes and threads {IMG}.",
         "minutes": 40},
    ],
}


@pytest.fixture
def learner(ctx, make_user):
    """A user who answered OS questions poorly and Data Structures questions well."""
    user = make_user()
    practise(user, "OS", 4, well=False)
    practise(user, "Data Structures", 4, well=True)
    return user


@pytest.fixture
def llm(app):
    """A scripted OpenAI-compatible server the app uses from the next AI call (after the practice)."""
    with scripted_llm(app) as server:
        yield server


def test_weak_areas_put_the_poorly_answered_topic_first(learner):
    """The vaguely answered topic comes first, with its weakest subtopic and the names of the concepts missed."""
    areas = study_plans.weak_areas(learner)
    assert [a.topic for a in areas] == ["OS", "Data Structures"]
    os_area = areas[0]
    assert os_area.mastery < 0.4 < areas[1].mastery
    assert os_area.subtopic in {s.name for s in load_content().subtopics("OS")}
    os_concepts = {c.name for s in load_content().subtopics("OS") for c in s.concepts}
    assert os_area.missing_concepts and set(os_area.missing_concepts) <= os_concepts


def test_an_unpractised_topic_is_a_weak_area_only_when_asked_for(learner):
    """DBMS was never practised: absent by default, at 0% (and first) when requested."""
    assert "DBMS" not in {a.topic for a in study_plans.weak_areas(learner)}
    areas = study_plans.weak_areas(learner, ["dbms", "Data Structures"])
    assert [(a.topic, a.mastery) for a in areas][0] == ("DBMS", 0.0) and len(areas) == 2


def test_a_plan_starts_on_the_weak_topic(learner):
    """A 5-day plan spends its first days on OS, on the concepts missed, and is stored as the user's."""
    plan = study_plans.create(learner, 5, 30, goal="Pass the systems round")
    os_area = study_plans.weak_areas(learner)[0]
    stored = db.session.get(StudyActionPlan, plan.id)
    assert stored.user_id == learner and stored.days == 5 and stored.topics == "OS, Data Structures"
    assert stored.engine == "builtin" and stored.engine_notice is None and stored.created_at is not None
    text = stored.plan_markdown
    assert text.index("### Day 1: OS") < text.index("### Day 2: OS") < text.index("### Day 3")
    assert os_area.missing_concepts[0] in text.split("### Day 2")[0]
    assert "about 30 minutes" in text and "Pass the systems round" in text


def test_topic_choices_tick_the_weak_topic(learner):
    """The form ticks OS (weak), not Data Structures (answered well), and shows mastery for practised topics."""
    choices = {c.name: c for c in study_plans.topic_choices(learner)}
    assert choices["OS"].suggested and not choices["Data Structures"].suggested
    assert choices["DBMS"].mastery is None and choices["OS"].mastery < 0.4


def test_a_newcomer_gets_a_plan_on_the_syllabus_fundamentals(ctx, make_user):
    """With no practice and no topics chosen, the plan is for the whole syllabus: it starts on the first
    topics and ends with a review of every topic."""
    plan = study_plans.create(make_user(), 3, 20)
    names = load_content().topic_names
    assert study_plans.topic_list(plan) == list(names)
    assert f"### Day 1: {names[0]}" in plan.plan_markdown and f"### Day 2: {names[1]}" in plan.plan_markdown
    assert "### Day 3: Mixed review" in plan.plan_markdown and ", ".join(names) in plan.plan_markdown


def test_invalid_requests_name_every_field_and_store_nothing(ctx, make_user):
    user = make_user()
    with pytest.raises(Invalid) as refused:
        study_plans.create(user, 31, 5, ["DBMS", "Astrology"], "x" * 301)
    assert set(refused.value.reasons) == {"days", "minutes_per_day", "topics", "goal"}
    assert "Astrology" in refused.value.reasons["topics"][0]
    for days, minutes in ((0, 45), (None, 45), (True, 45), (7, 9), (7, 241), (7, "45")):
        with pytest.raises(Invalid):
            study_plans.create(user, days, minutes)
    assert db.session.scalar(select(func.count()).select_from(StudyActionPlan)) == 0
    assert study_plans.check(1, 10, [], " a  goal ").goal == "a goal"
    assert study_plans.check(30, 240, ["os", "OS"]).topics == ("OS",)


def test_another_users_plan_is_not_found(ctx, make_user):
    owner, other = make_user(), make_user()
    plan_id = study_plans.create(owner, 2, 30, ["OOP"]).id
    with pytest.raises(NotFound):
        study_plans.get(other, plan_id)
    with pytest.raises(NotFound):
        study_plans.delete(other, plan_id)
    assert study_plans.list_plans(other) == [] and study_plans.get(owner, plan_id).id == plan_id


def test_plans_are_listed_newest_first_and_deleted(ctx, make_user):
    user = make_user()
    first = study_plans.create(user, 2, 30, ["OOP"]).id
    second = study_plans.create(user, 3, 30, ["OS"]).id
    assert [p.id for p in study_plans.list_plans(user)] == [second, first]
    study_plans.delete(user, first)
    assert [p.id for p in study_plans.list_plans(user)] == [second]


def test_an_llm_plan_is_stored_escaped(ctx, learner, llm):
    """The LLM's plan is stored in day order, every text of it inert as Markdown, with the model's name."""
    llm.script(completion(json.dumps(LLM_PLAN)))
    plan = study_plans.create(learner, 2, 40, ["OS"])
    assert plan.engine == "llm:scripted-model" and plan.engine_notice is None
    text = plan.plan_markdown
    assert text.startswith("## Operating systems first \\<img src=x onerror=\"alert(1)\"\\>\n")
    assert "\\- Start with \\[processes\\](http://evil.example)" in text
    assert text.index("### Day 1: OS") < text.index("### Day 2: OS")
    assert "- **Focus:** \\# Processes" in text and "- **Activity:** 1\\. Re-read" in text
    sent = llm.bodies()[0]["messages"][1]["content"]
    assert "OS" in sent and "mastery" in sent


def test_a_failing_llm_gives_the_builtin_plan_with_the_notice(ctx, learner, llm):
    llm.script(error(500))
    plan = study_plans.create(learner, 3, 30)
    assert plan.engine == "builtin-fallback" and "built-in engine wrote this instead" in plan.engine_notice
    assert "server error 500" in plan.engine_notice
    assert "### Day 1: OS" in plan.plan_markdown and "Operating systems first" not in plan.plan_markdown


def _days(markdown: str) -> list[str]:
    """Each day's section of a stored plan (its heading, focus and activity)."""
    return [part.split("- **Time:**")[0].split("\n", 1)[1] for part in markdown.split("### Day ")[1:]]


def test_a_seven_day_plan_has_seven_different_days(learner):
    """Seven days, seven different focuses and activities, each study day naming concepts of its subtopic."""
    plan = study_plans.create(learner, 7, 45)
    days = _days(plan.plan_markdown)
    assert len(days) == 7 and len(set(days)) == 7
    activities = [d.split("- **Activity:**")[1] for d in days]
    assert len(set(activities)) == 7
    os_subtopics = {inline(s.name): {inline(c.name) for c in s.concepts} for s in load_content().subtopics("OS")}
    first = days[0]
    sub = next(name for name in os_subtopics if name in first)
    assert any(concept in first for concept in os_subtopics[sub])  # the day's subtopic's own concepts, by name


def test_a_backend_goal_adds_system_design_and_api_questions(learner):
    """The same learner with and without a backend goal: the goal brings API design and a system design question."""
    plain = study_plans.create(learner, 7, 45).plan_markdown
    backend = study_plans.create(learner, 7, 45, goal="Backend engineer interview at a payments company").plan_markdown
    assert "API Design" not in plain and "System design question" not in plain
    assert "API Design" in backend and "System design question" in backend
    assert "For a backend role" in backend and "### Day 7: Mock interview" in backend
    assert "### Day 1: OS" in backend  # the weakest practised topic still leads


def test_a_star_part_missed_in_a_quick_interview_appears_in_the_plan(ctx, learner):
    """Behavioural answers that stop before the result make the plan schedule a day on results, quoting the question."""
    from interview_coach.services import quick_interview as quick

    story = ("Last year a new developer on my team was slow on tickets. My task was to get him productive. I invited "
             "him for a coffee, drew our deploy pipeline on a whiteboard with him and paired on his first deploy.")
    interview = quick.start(learner, "behavioural", 5)
    for index in range(5):
        quick.answer(learner, interview.id, index, story)
    weaknesses = study_plans.interview_weaknesses(learner)
    result = next(w for w in weaknesses if w.kind == "star_part" and w.name == "result")
    assert result.count == 5 and result.detail == interview.questions[0]["question"]
    text = study_plans.create(learner, 7, 45).plan_markdown
    assert "STAR: the result (5 recent answers left it out)" in text
    assert "ends with what happened because of what you did" in text


def test_mock_interview_answers_marked_low_feed_the_plan(ctx, learner):
    """A mock interview whose behavioural answer was marked 3/10 names that competency in the next plan."""
    from interview_coach.models import Feedback, SimulatorSession

    session = SimulatorSession(user_id=learner, job_title="Backend Engineer", company_name="Ledgerly", cv_text="cv",
                               job_description_text="jd",
                               plan={"questions": [{"kind": "opener"}, {"kind": "behavioural", "competency": "conflict"}]})
    db.session.add(session)
    db.session.flush()
    db.session.add(Feedback(session_id=session.id, interview_score=4, strengths="s", weaknesses="w", cv_improvements="c",
                            annotations=[{"number": 2, "kind": "behavioural", "question": "Tell me about a disagreement.",
                                          "mark": 3, "notes_md": "- thin"}]))
    db.session.commit()
    kinds = {(w.kind, w.name) for w in study_plans.interview_weaknesses(learner)}
    assert ("mock_answers", "behavioural") in kinds and ("competency", "Conflict resolution") in kinds
    text = study_plans.create(learner, 7, 45).plan_markdown
    assert "Conflict resolution" in text and "mock interview for Backend Engineer at Ledgerly" in text


def test_an_llm_plan_that_repeats_a_day_gets_the_builtin_day_instead(ctx, learner, llm):
    """The LLM words the built-in plan; a day it copies or leaves out is the built-in plan's day."""
    same = "Answer three scheduling questions aloud."
    llm.script(completion(json.dumps({"title": "Three days of OS", "summary": "Scheduling, then more scheduling.",
                                      "steps": [{"day": 1, "topic": "OS", "focus": "Scheduling", "activity": same,
                                                 "minutes": 40},
                                                {"day": 2, "topic": "OS", "focus": "Scheduling", "activity": same,
                                                 "minutes": 40}]})))
    plan = study_plans.create(learner, 3, 40, ["OS"], goal="backend interview")
    days = _days(plan.plan_markdown)
    assert len(days) == 3 and len(set(days)) == 3 and plan.plan_markdown.count(same) == 1
    sent = llm.bodies()[0]["messages"][1]["content"]
    assert "Day 1 |" in sent and "backend interview" in sent  # the built-in plan and the goal were sent

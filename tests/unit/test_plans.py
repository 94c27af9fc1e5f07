"""A study plan as Markdown: day order, several steps on one day, and generated text that stays text
when the page renders it."""

from __future__ import annotations

from interview_coach.ai import StudyPlan, StudyStep
from interview_coach.engine.plans import inline, plan_markdown
from interview_coach.web.quick.render import render_markdown


def _step(day: int, topic: str = "DBMS", focus: str = "Normal forms", activity: str = "Normalise three schemas.",
          minutes: int = 30) -> StudyStep:
    return StudyStep(day=day, topic=topic, focus=focus, activity=activity, minutes=minutes)


def test_days_come_in_order_with_focus_activity_and_time():
    plan = StudyPlan(title="Two days of DBMS", summary="Keys first, then normal forms.",
                     steps=[_step(2, focus="Normal forms"), _step(1, focus="Keys", minutes=25)])
    text = plan_markdown(plan, 2, 30, ["DBMS"])
    assert text.startswith("## Two days of DBMS\n\n**2 days, about 30 minutes a day.** Topics: DBMS.\n")
    assert text.index("### Day 1: DBMS") < text.index("### Day 2: DBMS")
    day1 = text.split("### Day 1: DBMS")[1].split("### Day 2")[0]
    assert "- **Focus:** Keys" in day1 and "- **Activity:** Normalise three schemas." in day1
    assert "- **Time:** about 25 minutes" in day1


def test_a_day_with_two_steps_has_a_heading_per_topic():
    plan = StudyPlan(title="One busy day", summary="Two topics in one day.",
                     steps=[_step(1, topic="DBMS"), _step(1, topic="OS", focus="Threads")])
    text = plan_markdown(plan, 1, 60, ["DBMS", "OS"])
    assert "**1 day, about 60 minutes a day.**" in text
    assert "### Day 1\n\n#### DBMS\n" in text and "#### OS\n\n- **Focus:** Threads" in text


def test_generated_text_cannot_become_markup_or_structure():
    """Lists, numbering, headings, links, images and HTML written by a model render as plain text."""
    evil = StudyPlan(title="# Title <script>alert(1)</script>", summary="1. [click](http://x) ![i](http://x/i.png)",
                     steps=[_step(1, topic="- OS", focus="+ **bold**", activity="<b>Bold</b> --- ___ `code`")])
    html = str(render_markdown(plan_markdown(evil, 1, 30, ["OS"])))
    for tag in ("<script", "<a ", "<img", "<b>", "<ol", "<code", "<hr"):
        assert tag not in html
    assert "&lt;script&gt;" in html and "1. [click](http://x)" in html and "+ **bold**" in html
    assert html.count("<ul>") == 1  # the plan's own bullet list only


def test_inline_escapes_only_what_would_start_a_block():
    assert inline("10) ten") == "10\\) ten" and inline("-1 degrees") == "\\-1 degrees"
    assert inline("Day 2. Review") == "Day 2. Review" and inline("  a\n b ") == "a b"

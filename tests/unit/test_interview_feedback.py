"""The quick interview's written feedback: verdict bands, quotes, next steps and escaping."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from interview_coach.engine.interview_feedback import AnsweredItem, escape_markdown, verdict, write_feedback


def _item(number, score, answer="An answer.", label="DBMS", **details):
    return AnsweredItem(number=number, question=f"Question {number}?", label=label, answer=answer,
                        score=score, feedback=f"Note {number}.", details=details)


@pytest.mark.parametrize("score, band", [(0.95, "Strong"), (0.8, "Strong"), (0.7, "Good"),
                                         (0.5, "Developing"), (0.2, "Needs work"), (0.0, "Needs work")])
def test_verdict_bands(score, band):
    """Scores map to the documented bands at their thresholds."""
    assert verdict(score)[0] == band


def test_technical_feedback_names_best_and_weakest_and_gaps_without_repeating_notes():
    """Best and weakest answers are named once, the weak topic's missing concepts become a next step, and no
    question's own note is repeated (it is shown under that question)."""
    items = [_item(1, 0.9, "A B+ tree keeps keys sorted.", "DBMS"),
             _item(2, 0.2, "No idea really.", "OS", missing_concepts=["Context switch", "Scheduler"])]
    text = write_feedback("technical", items, 0.55)
    assert text.startswith("## Verdict: Developing (55%)")
    assert "**Best answer:** question 1 (DBMS, 90%)." in text and "**Weakest answer:** question 2 (OS, 20%)." in text
    assert "Practise **OS** (20% here) in adaptive practice: revise Context switch, Scheduler." in text
    assert "Note 1." not in text and "Note 2." not in text and "Question by question" not in text


def test_behavioural_next_steps_follow_the_weakest_components():
    """Low average rubric components turn into the matching next steps; red flags are named."""
    findings = [{"component": "measurable_result", "score": 0.0, "weight": 0.10},
                {"component": "situation", "score": 1.0, "weight": 0.08}]
    items = [_item(1, 0.4, label="Teamwork", findings=findings, red_flags=["Blames the teammate"]),
             _item(2, 0.5, label="Ownership", findings=findings)]
    text = write_feedback("behavioural", items, 0.45)
    assert "Put a number on each result" in text and "Open every story" not in text
    assert "blames the teammate" in text


def test_behavioural_steps_name_the_questions_and_quote_red_flags():
    """Steps say which questions miss which STAR part, and a red flag quotes the candidate's own sentence."""
    star = {p: {"present": True, "evidence": "x", "how": "cue"} for p in ("situation", "task", "action", "result")}
    no_result = {**star, "result": {"present": False, "evidence": "", "how": ""}}
    items = [_item(1, 0.7, label="Teamwork", star=star, story=True),
             _item(2, 0.4, label="Ownership", star=no_result, story=True),
             _item(3, 0.3, label="Conflict", star=no_result, story=True, red_flag_evidence=[
                 {"flag": "Went straight to the manager", "evidence": "I went straight to our manager."}]),
             _item(4, 0.1, "I do not really have an example.", label="Failure", star=star, story=False)]
    text = write_feedback("behavioural", items, 0.4)
    assert "Questions 2 and 3 stop before the result" in text
    assert "Question 3 sounded like a red flag: you said “I went straight to our manager.”" in text
    assert "Question 4 gave no example (“I do not really have an example.”)" in text
    assert "Question 1" not in text.split("### Next steps")[1]


def test_candidate_text_cannot_inject_markdown():
    """Links, images, HTML and headings in an answer are escaped where the feedback quotes it."""
    attack = "<script>x</script> [a](javascript:x) ![i](http://e/x.png) # Heading"
    star = {p: {"present": False, "evidence": "", "how": ""} for p in ("situation", "task", "action", "result")}
    items = [_item(1, 0.1, attack, label="Teamwork", star=star, story=False),
             _item(2, 0.2, "A story.", label="Conflict", star=star, story=True,
                   red_flag_evidence=[{"flag": "Blames others", "evidence": attack}])]
    text = write_feedback("behavioural", items, 0.15)
    html = MarkdownIt("commonmark").render(text)  # even with raw HTML allowed, nothing gets through
    assert "<script>" not in html and "<a " not in html and "<img" not in html and "<h1>" not in html
    assert "[a](javascript:x)" in html and "# Heading" in html
    assert escape_markdown("a*b_[c]") == r"a\*b\_\[c\]"

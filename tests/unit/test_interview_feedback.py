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


def test_technical_feedback_quotes_best_and_weakest_and_names_gaps():
    """The best and weakest answers are quoted and the weak topic's missing concepts become a next step."""
    items = [_item(1, 0.9, "A B+ tree keeps keys sorted.", "DBMS"),
             _item(2, 0.2, "No idea really.", "OS", missing_concepts=["Context switch", "Scheduler"])]
    text = write_feedback("technical", items, 0.55)
    assert text.startswith("## Verdict: Developing (55%)")
    assert "Your best answer: question 1 (90%)" in text and "“A B+ tree keeps keys sorted.”" in text
    assert "Your weakest answer: question 2 (20%)" in text and "“No idea really.”" in text
    assert "Practise **OS** (20% here) in adaptive practice: revise Context switch, Scheduler." in text
    assert "1. **DBMS**, 90%: Note 1." in text and "2. **OS**, 20%: Note 2." in text


def test_behavioural_next_steps_follow_the_weakest_components():
    """Low average rubric components turn into the matching next steps; red flags are named."""
    findings = [{"component": "measurable_result", "score": 0.0, "weight": 0.10},
                {"component": "situation", "score": 1.0, "weight": 0.08}]
    items = [_item(1, 0.4, label="Teamwork", findings=findings, red_flags=["Blames the teammate"]),
             _item(2, 0.5, label="Ownership", findings=findings)]
    text = write_feedback("behavioural", items, 0.45)
    assert "Put a number on each result" in text and "Open every story" not in text
    assert "blames the teammate" in text


def test_candidate_text_cannot_inject_markdown():
    """Links, images, HTML and headings in an answer are escaped in the feedback."""
    attack = "<script>x</script> [a](javascript:x) ![i](http://e/x.png) # Heading"
    text = write_feedback("technical", [_item(1, 0.5, attack)], 0.5)
    html = MarkdownIt("commonmark").render(text)  # even with raw HTML allowed, nothing gets through
    assert "<script>" not in html and "<a " not in html and "<img" not in html and "<h1>" not in html
    assert "[a](javascript:x)" in html and "# Heading" in html
    assert escape_markdown("a*b_[c]") == r"a\*b\_\[c\]"

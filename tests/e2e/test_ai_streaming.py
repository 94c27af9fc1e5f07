"""A mock interview written by an LLM, in a real browser: the questions and the feedback appear on the
page while the (scripted) LLM is still writing, markup the LLM writes stays text, and the score the LLM
claims is held to the built-in rubric."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ai.fault_server import FaultServer, by_task, completion, stream
from testkit import register_in_browser

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "unit" / "interviewer" / "fixtures"
IMG = '<img src=x onerror="window.__xss=1">'
SLOTS = ("opener", "deep_dive_1", "deep_dive_2", "technical_1", "technical_2", "behavioural", "scenario", "closing")
PLAN = {slot: f"LLM question {i + 1}: tell me about the {slot.replace('_', ' ')} part of your work {IMG}?"
        for i, slot in enumerate(SLOTS)}
TURN = {"message": f"Noted. LLM next message: which result are you proudest of {IMG}?"}
FEEDBACK = {"interview_score": 10, "score_reason": "Generous.", "strengths": [f"Specific numbers in every answer {IMG}"],
            "weaknesses": ["Answers repeat the same project"], "cv_improvements": ["Quantify the ShopWave work"]}


def _pieces(document: dict, size: int = 40) -> list[str]:
    text = json.dumps(document)
    return [text[i:i + size] for i in range(0, len(text), size)]


def test_llm_questions_and_feedback_stream_into_the_page(live_server, page):
    base, app, _ = live_server
    with FaultServer() as llm:
        app.config.update(LLM_BASE_URL=llm.url, LLM_MODEL="scripted-model", LLM_MAX_RETRIES=0)
        llm.script(by_task(interview_questions=stream(_pieces(PLAN), stall=2.0),
                           interview_turn=completion(json.dumps(TURN)),
                           interview_feedback=stream(_pieces(FEEDBACK), stall=2.0)))
        register_in_browser(page, base, "streamer", "practice makes progress")
        page.goto(base + "/mock-interviews/new")
        page.get_by_label("Job title").fill("Senior Backend Engineer")
        page.get_by_label("Company").fill("Ledgerly")
        page.get_by_role("button", name="Create and add documents").click()
        page.locator("textarea[name=cv_text]").fill((FIXTURES / "backend_cv.txt").read_text())
        page.locator("textarea[name=job_description_text]").fill((FIXTURES / "backend_job.txt").read_text())
        page.get_by_role("button", name="Save documents").click()
        page.get_by_role("button", name="Start the interview").click()

        # While the LLM stalls before finishing, its first questions are already on the page, as text.
        expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
        preview = page.get_by_test_id("stream-preview")
        expect(preview).to_contain_text(f"LLM question 1: tell me about the opener part of your work {IMG}?")
        expect(page).to_have_url(re.compile(r"/mock-interviews/\d+$"), timeout=20_000)
        expect(page.get_by_test_id("engine-label")).to_contain_text("scripted-model")
        expect(page.get_by_text(f"LLM question 1: tell me about the opener part of your work {IMG}?")).to_be_visible()

        for number in range(1, 9):
            expect(page.get_by_test_id("question-progress")).to_contain_text(f"Question {number} of 8")
            page.get_by_label("Your answer").fill("I guess it depends, maybe.")
            page.get_by_role("button", name="Send answer").click()
            if number < 8:  # every next message is the LLM's wording, shown as text
                expect(page.get_by_text(TURN["message"]).last).to_be_visible()
        page.get_by_role("button", name="See your feedback").click()
        expect(page.get_by_test_id("stream-preview")).to_contain_text(f"Specific numbers in every answer {IMG}")
        expect(page.get_by_test_id("mock-score")).to_be_visible(timeout=20_000)
        score = int(re.search(r"Score: (\d+)/10", page.get_by_test_id("mock-score").inner_text()).group(1))
        assert score <= 3, "vague one-line answers must not get the 10/10 the LLM claimed"
        expect(page.get_by_text(f"Specific numbers in every answer {IMG}")).to_be_visible()
        assert page.evaluate("window.__xss") is None
        assert not page.console_errors
    bodies = llm.bodies()
    assert len(bodies) == 9 and bodies[0].get("stream") and bodies[-1].get("stream")
    assert not any(body.get("stream") for body in bodies[1:-1])  # the 7 next messages are short: not streamed

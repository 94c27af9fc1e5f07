"""A study plan written by a (scripted) LLM, in a real browser: the plan appears on the writing page
while the LLM is still writing (and again after a reload), then the stored plan opens, its markup shown as text."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from ai.fault_server import by_task, stream
from testkit import register_in_browser, scripted_llm

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__xss=1">'
PLAN = {"title": f"Three days to steady OS {IMG}", "summary": "Processes, then threads, then a mixed review.",
        "steps": [{"day": 1, "topic": "OS", "focus": "Processes and fork", "minutes": 30,
                   "activity": f"Explain fork and exec to a friend, then answer three questions {IMG}."},
                  {"day": 2, "topic": "OS", "focus": "Threads", "minutes": 30,
                   "activity": "Compare threads and processes in a table of five rows."},
                  {"day": 3, "topic": "OS", "focus": "Review", "minutes": 30,
                   "activity": "Run a practice session on OS without hints."}]}


def test_an_llm_study_plan_streams_into_the_page(live_server, page):
    base, app, _ = live_server
    text = json.dumps(PLAN)
    pieces = [text[i:i + 40] for i in range(0, len(text), 40)]
    with scripted_llm(app, by_task(study_plan=stream(pieces, stall=2.0))) as llm:
        register_in_browser(page, base, "planner", "practice makes progress")
        page.get_by_role("link", name="Study plan").click()
        page.get_by_label("Days").fill("3")
        page.get_by_label("Minutes a day").fill("30")
        page.get_by_label("OS (not practised yet)").check()
        page.get_by_label("Your goal (optional)").fill("Systems interview on Friday")
        page.get_by_role("button", name="Write my plan").click()

        # While the LLM stalls before finishing, the plan's words are already on the page, as text.
        expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
        expect(page.get_by_test_id("stream-preview")).to_contain_text("Explain fork and exec to a friend")
        page.reload()  # the job goes on without the page; reloaded, the page shows what was written so far
        expect(page.get_by_test_id("stream-preview")).to_contain_text("Explain fork and exec to a friend")
        expect(page).to_have_url(re.compile(r"/study-plans/\d+$"), timeout=20_000)
        plan = page.get_by_test_id("study-plan")
        expect(plan.get_by_role("heading", name=f"Three days to steady OS {IMG}")).to_be_visible()
        expect(plan.get_by_role("heading", name="Day 3: OS")).to_be_visible()
        expect(plan).to_contain_text(f"answer three questions {IMG}.")
        expect(page.get_by_test_id("engine-label")).to_contain_text("scripted-model")
        assert page.evaluate("window.__xss") is None
        assert not page.console_errors
    body = llm.bodies()[0]
    assert body.get("stream") and "Systems interview on Friday" in body["messages"][1]["content"]

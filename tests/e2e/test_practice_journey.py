"""A practice session in a real browser: register, answer two DBMS questions, end, see the dashboard."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from interview_coach.content import load_content
from testkit import register_in_browser

pytestmark = pytest.mark.browser

PASSWORD = "practice makes progress"
SCREENSHOTS = os.environ.get("PRACTICE_SCREENSHOTS")  # a folder: save what the journey looked like


def _model_answer(question_text: str) -> str:
    return next(q.reference_answer for q in load_content().questions if q.question == question_text.strip())


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_practice_session_summary_and_dashboard(live_server, page):
    """Register → start DBMS → answer two questions (htmx) → end → summary → dashboard with mastery and chart."""
    base, _, _ = live_server
    register_in_browser(page, base, "learner", PASSWORD)

    page.goto(base + "/home")
    page.get_by_label("DBMS").check()
    page.get_by_role("button", name="Start practice").click()
    expect(page).to_have_url(re.compile(r"/practice/[0-9a-f]{32}$"))
    session_url = page.url

    for number in (1, 2):
        expect(page.get_by_text(f"Question {number}", exact=True)).to_be_visible()
        question = page.locator("#question-text").inner_text()
        page.get_by_label("Your answer").fill(_model_answer(question))
        page.get_by_role("button", name="Send answer").click()
        result = page.locator("#practice-region")
        expect(result.get_by_role("heading", name="Your result")).to_be_focused()
        expect(result.get_by_text("Semantic (meaning)")).to_be_visible()
        expect(result.get_by_role("heading", name="Model answer")).to_be_visible()
        assert page.url == session_url  # htmx swapped the result in place
        if number == 1:
            _shot(page, "result")
            page.get_by_role("button", name="Next question").click()

    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Session summary")
    expect(page.get_by_test_id("summary-facts")).to_contain_text("Questions answered2")
    expect(page.get_by_text("Learning velocity")).to_be_visible()

    page.get_by_role("link", name="Progress", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your progress")
    row = page.locator('tr[data-topic="DBMS"]')
    expect(row).to_contain_text(re.compile(r"\b[1-9]\d*%"))
    expect(row.locator("td").nth(1)).to_have_text("2")
    chart = page.get_by_test_id("mastery-chart")
    expect(chart.locator("svg.chart-svg")).to_be_visible()
    expect(chart.locator(".chart-legend")).to_contain_text("DBMS")
    assert chart.locator("svg.chart-svg circle title").first.text_content().startswith("DBMS, ")
    _shot(page, "dashboard")
    assert page.console_errors == []  # no CSP violations or script errors along the way

"""A behavioural quick interview's result page in a real browser: each question's feedback appears once and the
page stays short enough to read."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from testkit import register_in_browser

from interview_coach.models import InterviewSession
from interview_coach.extensions import db

pytestmark = pytest.mark.browser

PASSWORD = "practice makes progress"
STORY = ("Situation: last spring our checkout API timed out for about 5% of requests during evening peaks, and my "
         "work on the payment screens depended on it. Task: I had to get the error rate under 0.5% before the "
         "Black Friday freeze, six weeks away. Action: I traced the slow requests to a missing index and a retry "
         "storm, added the index, put a circuit breaker in front of the payment provider, and walked Priya, who "
         "owned the service, through both changes before I merged them. I kept our product manager informed in "
         "standup. Result: errors fell from 5% to 0.2% within a week and we went into Black Friday with no "
         "incidents. I learned to ask for the service owner's review first; since then I always do.")
ANSWERS = [STORY, "I do not really have an example of that, things usually go fine.",
           "We had a hard quarter and we worked together on it and in the end it was fine.",
           "I would talk to everyone involved and find a compromise that works for the team.",
           "At my last job I noticed our backups had never been tested. I wrote a restore test and ran it weekly."]


def test_each_questions_feedback_is_shown_once_on_a_page_of_sane_height(live_server, page):
    """Five behavioural answers through the forms; on the result page every question's advice appears exactly
    once, the STAR parts are shown with the candidate's words, and the page is far shorter than 7,000 px."""
    base, app, _ = live_server
    register_in_browser(page, base, "storyteller", PASSWORD)
    page.goto(base + "/interviews")
    page.get_by_label("Behavioural (tell me about a time when…)").check()
    page.get_by_role("button", name="Start the interview").click()
    for number, text in enumerate(ANSWERS, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Question {number} of 5")
        page.get_by_label("Your answer").fill(text)
        page.get_by_role("button", name=re.compile("Send")).click()
    expect(page.get_by_text(re.compile(r"Score: \d+%"))).to_be_visible()

    with app.app_context():
        interview = db.session.scalars(db.select(InterviewSession)).one()
        advice = [(q["feedback"], q["details"]["advice"]) for q in interview.questions]
    body = page.locator("main").inner_text()
    for feedback, sentences in advice:
        for sentence in sentences:
            probe = sentence[:60]
            assert body.count(probe) == 1, f"shown {body.count(probe)} times: {probe!r}"
    first = page.locator("#question-1 table.star-parts")
    expect(first.get_by_role("row", name=re.compile("^Situation"))).to_contain_text("checkout API timed out")
    expect(page.locator("#question-2 table.star-parts")).to_contain_text("No story to find it in.")
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"result page height: {height} px")
    assert height < 4500, f"the result page is {height} px tall"
    page.screenshot(path=str(app.instance_path) + "/quick-result.png", full_page=True)

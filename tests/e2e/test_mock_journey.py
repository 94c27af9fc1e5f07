"""A mock interview in a real browser, with script-shaped text everywhere: it must show as text, never run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from testkit import register_in_browser

pytestmark = pytest.mark.browser

PASSWORD = "practice makes progress"
FIXTURES = Path(__file__).resolve().parents[1] / "unit" / "interviewer" / "fixtures"
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=1</script>"
ANSWER = ("At ShopWave I built the order service in Python with FastAPI and PostgreSQL, rewrote slow queries and "
          "load tested each change; p95 latency fell from 900 ms to 240 ms. ")


def test_mock_interview_with_markup_in_every_field(live_server, page):
    """Register → create (title with markup) → CV with markup → start → 8 marked-up answers → feedback: nothing runs."""
    base, _, _ = live_server
    register_in_browser(page, base, "candidate", PASSWORD)

    page.get_by_role("link", name="Mock interview", exact=True).click()
    page.get_by_role("link", name="New mock interview").click()
    title = f"Backend Engineer {IMG}"
    page.get_by_label("Job title").fill(title)
    page.get_by_label("Company").fill(f"Ledgerly {SCRIPT}")
    page.get_by_role("button", name="Create and add documents").click()
    expect(page).to_have_url(re.compile(r"/mock-interviews/\d+/documents$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{title} at Ledgerly {SCRIPT}")

    cv = (FIXTURES / "backend_cv.txt").read_text() + f"\nHobbies: {IMG} {SCRIPT}\n"
    page.get_by_label("Your CV (paste the text)").fill(cv)
    page.get_by_label("Job description (paste the text)").fill((FIXTURES / "backend_job.txt").read_text())
    page.get_by_role("button", name="Save documents").click()
    expect(page.get_by_text("Ready for interview.")).to_be_visible()
    expect(page.get_by_test_id("document-status")).to_contain_text(f"CV: {len(cv.strip()):,} characters")
    page.get_by_text("The CV text we read (check it)").click()
    expect(page.locator(".mock-extracted .document-text").first).to_contain_text(f"Hobbies: {IMG} {SCRIPT}")
    page.get_by_role("button", name="Start the interview").click()

    for number in range(1, 9):
        expect(page.get_by_test_id("question-progress")).to_contain_text(f"Question {number} of 8")
        page.get_by_label("Your answer").fill(f"{ANSWER}{IMG} {SCRIPT} (answer {number})")
        page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("The interview is complete.")).to_be_visible()
    expect(page.locator(".mock-user").last).to_have_text(re.compile(re.escape(f"{IMG} {SCRIPT} (answer 8)")))

    page.get_by_role("button", name="See your feedback").click()
    expect(page.get_by_test_id("mock-score")).to_contain_text(re.compile(r"Score: ([1-9]|10)/10"))
    expect(page.get_by_role("heading", name="CV improvements")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(IMG)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download transcript (Markdown)").click()
    assert download.value.suggested_filename.endswith(".md")

    assert page.evaluate("window.__xss") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.console_errors == []  # no CSP violations or script errors along the way

"""The mock interview pages: create → documents → start → 8 answers → feedback through the forms,
another user's interview is a 404, and refused forms keep what was typed."""

from __future__ import annotations

import re
from pathlib import Path

from interview_coach.engine.feedback import band
from interview_coach.extensions import db
from interview_coach.models.simulator import SimulatorSession
from testkit import login, post_form

FIXTURES = Path(__file__).resolve().parents[1] / "unit" / "interviewer" / "fixtures"
JOB = (FIXTURES / "backend_job.txt").read_text()
CV = (FIXTURES / "backend_cv.txt").read_text()
ANSWER = ("At ShopWave I designed and built the order service in Python with FastAPI and PostgreSQL. I profiled "
          "the slow endpoints, rewrote the N+1 queries and added partial indexes, and I load tested every change "
          "with Locust. As a result p95 checkout latency fell from 900 ms to 240 ms; I would add tracing earlier.")


def _create(client, title="Senior Backend Engineer", company="Ledgerly") -> int:
    response = post_form(client, "/mock-interviews", {"job_title": title, "company_name": company},
                         page="/mock-interviews/new")
    assert response.status_code == 302
    return int(re.search(r"/mock-interviews/(\d+)/documents", response.headers["Location"]).group(1))


def _ready_and_started(client, sid: int) -> str:
    """Give the documents and start; returns where the start led (the chat, or the job writing the questions)."""
    saved = post_form(client, f"/mock-interviews/{sid}/documents", {"cv_text": CV, "job_description_text": JOB})
    assert saved.status_code == 302
    started = post_form(client, f"/mock-interviews/{sid}/start", {}, page=f"/mock-interviews/{sid}/documents")
    assert started.status_code == 302
    return started.headers["Location"]


def test_a_complete_mock_interview_through_the_forms(app, logged_in):
    """Create, give documents (ready shown), start, answer 8 questions, read feedback, download the transcript."""
    client, _ = logged_in
    sid = _create(client)
    page = client.get(f"/mock-interviews/{sid}/documents").get_data(as_text=True)
    assert "Not ready yet" in page and "Start the interview" not in page
    saved = post_form(client, f"/mock-interviews/{sid}/documents", {"cv_text": CV, "job_description_text": JOB})
    assert saved.status_code == 302
    page = client.get(f"/mock-interviews/{sid}/documents").get_data(as_text=True)
    assert "Ready for interview." in page and f"{len(CV.strip()):,} characters" in page
    started = post_form(client, f"/mock-interviews/{sid}/start", {}, page=f"/mock-interviews/{sid}/documents")
    assert started.status_code == 302
    for number in range(1, 9):
        chat = client.get(f"/mock-interviews/{sid}").get_data(as_text=True)
        assert f"Question {number} of 8" in chat
        response = post_form(client, f"/mock-interviews/{sid}/answers", {"answer": f"{ANSWER} (answer {number})"},
                             page=f"/mock-interviews/{sid}")
        assert response.status_code == 302
    chat = client.get(f"/mock-interviews/{sid}").get_data(as_text=True)
    assert "The interview is complete." in chat and "(answer 8)" in chat and 'name="answer"' not in chat
    pending = client.get(f"/mock-interviews/{sid}/feedback").get_data(as_text=True)
    assert "has not been written yet" in pending  # reading the page writes nothing
    written = post_form(client, f"/mock-interviews/{sid}/feedback", {}, page=f"/mock-interviews/{sid}")
    assert written.status_code == 302 and written.headers["Location"].endswith(f"/mock-interviews/{sid}/feedback")
    feedback = client.get(f"/mock-interviews/{sid}/feedback").get_data(as_text=True)
    score = int(re.search(r"Score: (\d+)/10", feedback).group(1))
    assert 1 <= score <= 10 and "Strengths" in feedback and "CV improvements" in feedback
    assert band(score) in feedback
    # The transcript annotated answer by answer (the answer, its mark and the rubric's notes) and the setup.
    annotated = feedback.count('data-testid="annotated-answer"')
    headings = re.findall(r"<h3>(Q\d(?: \+ follow-up Q\d)*) · [a-z ]+ · \d+/10</h3>", feedback)
    assert len(headings) == annotated  # every question of the transcript, follow-ups inside their question
    assert sorted(int(n) for h in headings for n in re.findall(r"Q(\d)", h)) == list(range(1, 9))
    assert "(answer 1)" in feedback and "Senior Backend Engineer at Ledgerly" in feedback
    assert "8 of 8" in feedback and f"{len(CV.strip()):,} characters" in feedback
    export = client.get(f"/mock-interviews/{sid}/transcript.md")
    assert export.headers["Content-Disposition"].startswith("attachment;")
    text = export.get_data(as_text=True)
    assert "### Question 8 of 8" in text and "## Your answers, annotated" in text
    assert len(re.findall(r"^### Q\d(?: and Q\d)* \([a-z ]+\): \d+/10$", text, re.M)) == annotated
    listing = client.get("/mock-interviews").get_data(as_text=True)
    assert "Senior Backend Engineer at Ledgerly" in listing and "<td>16</td>" in listing and "8 of 8" in listing


def test_a_ninth_answer_is_refused_and_kept(app, logged_in):
    """After the 8th answer, a further answer is refused with a message (409) and its text is given back."""
    client, user_id = logged_in
    sid = _create(client)
    _ready_and_started(client, sid)
    for number in range(8):
        post_form(client, f"/mock-interviews/{sid}/answers", {"answer": ANSWER}, page=f"/mock-interviews/{sid}")
    late = post_form(client, f"/mock-interviews/{sid}/answers", {"answer": "One more thought <b>late</b>"},
                     page="/mock-interviews")
    html = late.get_data(as_text=True)
    assert late.status_code == 409 and "no more answers are taken" in html
    assert "One more thought &lt;b&gt;late&lt;/b&gt;</textarea>" in html


def test_another_users_interview_is_a_404(app, client, make_user):
    """Every page and action of someone else's interview answers 404, and their job title never shows."""
    make_user("owner", "owner@example.com")
    assert login(client, "owner").status_code == 302
    sid = _create(client, title="Secret Role")
    other = app.test_client()
    make_user("mallory", "mallory@example.com")
    assert login(other, "mallory").status_code == 302
    for url in (f"/mock-interviews/{sid}", f"/mock-interviews/{sid}/documents", f"/mock-interviews/{sid}/feedback",
                f"/mock-interviews/{sid}/transcript.md"):
        response = other.get(url)
        assert response.status_code == 404 and "Secret Role" not in response.get_data(as_text=True)
    deleted = post_form(other, f"/mock-interviews/{sid}/delete", {}, page="/mock-interviews")
    assert deleted.status_code == 404
    assert "Secret Role" not in other.get("/mock-interviews").get_data(as_text=True)


def test_validation_messages_keep_the_typed_text(app, logged_in):
    """An empty company, a too-short job description and an empty answer are explained, with the typed text kept."""
    client, _ = logged_in
    bad = post_form(client, "/mock-interviews", {"job_title": "Data <i>Analyst</i>", "company_name": "  "},
                    page="/mock-interviews/new")
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "must not be empty." in html and "Data &lt;i&gt;Analyst&lt;/i&gt;" in html
    long_title = post_form(client, "/mock-interviews", {"job_title": "x" * 201, "company_name": "Acme"},
                           page="/mock-interviews/new")
    assert long_title.status_code == 422 and "at most 200 characters" in long_title.get_data(as_text=True)
    sid = _create(client)
    short = post_form(client, f"/mock-interviews/{sid}/documents",
                      {"cv_text": "My CV draft text", "job_description_text": "Too short a job ad"})
    html = short.get_data(as_text=True)
    assert short.status_code == 422 and "must be 50–20,000 characters" in html
    assert "My CV draft text" in html and "Too short a job ad" in html
    no_profile = post_form(client, f"/mock-interviews/{sid}/documents", {"use_profile_resume": "y"})
    assert no_profile.status_code == 422 and "Your profile has no résumé text yet." in no_profile.get_data(as_text=True)
    not_started = post_form(client, f"/mock-interviews/{sid}/start", {}, page=f"/mock-interviews/{sid}/documents",
                            follow_redirects=True)
    assert "Add both the CV and the job description" in not_started.get_data(as_text=True)
    _ready_and_started(client, sid)
    empty = post_form(client, f"/mock-interviews/{sid}/answers", {"answer": "   "}, page=f"/mock-interviews/{sid}")
    assert empty.status_code == 422 and "Write an answer before sending it." in empty.get_data(as_text=True)
    assert "Question 1 of 8" in empty.get_data(as_text=True)
    draft = "My draft about <b>caching</b> " + "x" * 20_000
    long = post_form(client, f"/mock-interviews/{sid}/answers", {"answer": draft}, page=f"/mock-interviews/{sid}")
    html = long.get_data(as_text=True)
    assert long.status_code == 422 and "My draft about &lt;b&gt;caching&lt;/b&gt;" in html
    assert "<b>caching</b>" not in html


def test_delete_hides_the_interview(app, logged_in):
    """Deleting from the list soft-deletes: the interview leaves the list and its page is a 404."""
    client, _ = logged_in
    sid = _create(client, title="Platform Engineer")
    assert "Platform Engineer" in client.get("/mock-interviews").get_data(as_text=True)
    assert post_form(client, f"/mock-interviews/{sid}/delete", {}, page="/mock-interviews").status_code == 302
    assert "Platform Engineer" not in client.get("/mock-interviews").get_data(as_text=True)
    assert client.get(f"/mock-interviews/{sid}").status_code == 404
    with app.app_context():
        assert db.session.get(SimulatorSession, sid).deleted_at is not None


def test_an_htmx_answer_gets_the_next_question_fragment(app, logged_in):
    """An htmx post returns only the conversation with "Question 2 of 8"; a refused one returns the kept text."""
    client, _ = logged_in
    sid = _create(client)
    _ready_and_started(client, sid)
    chat = client.get(f"/mock-interviews/{sid}").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', chat).group(1)
    headers = {"HX-Request": "true", "X-CSRFToken": token}
    ok = client.post(f"/mock-interviews/{sid}/answers", data={"answer": ANSWER}, headers=headers)
    html = ok.get_data(as_text=True)
    assert ok.status_code == 200 and "Question 2 of 8" in html and "<html" not in html
    assert "p95 checkout latency" in html  # the answer just sent is in the swapped-in conversation
    refused = client.post(f"/mock-interviews/{sid}/answers", data={"answer": "x" * 20_001}, headers=headers)
    assert refused.status_code == 422 and "Question 2 of 8" in refused.get_data(as_text=True)
    assert "x" * 20_001 in refused.get_data(as_text=True)

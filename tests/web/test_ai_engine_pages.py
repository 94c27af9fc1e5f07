"""The AI engine as a user meets it: the settings page, `interview-coach llm check`, and a mock
interview whose configured LLM is down (the built-in engine stands in, the pages say so, nothing is lost)."""

from __future__ import annotations

import json
import re
import socket

from sqlalchemy import select

from interview_coach.extensions import db
from interview_coach.models.simulator import Feedback, Message
from testkit import csrf_token, post_form
from test_mock_pages import ANSWER, _create, _ready_and_started


def _dead_url() -> str:
    """The URL of a port nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def _configure_dead_llm(app) -> None:
    app.config.update(LLM_BASE_URL=_dead_url(), LLM_MODEL="tiny-model", LLM_MAX_RETRIES=0,
                      LLM_CONNECT_TIMEOUT=1.0, LLM_READ_TIMEOUT=2.0, LLM_BREAKER_FAILURES=5)


def _stream(client, method: str, url: str, page: str | None = None) -> list[tuple[str, dict]]:
    """The server-sent events of a streaming endpoint, as (event, data) pairs."""
    headers = {"Accept": "text/event-stream"}
    if method == "POST":
        headers["X-CSRFToken"] = csrf_token(client, page)
    response = client.open(url, method=method, headers=headers)
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    events = []
    for block in response.get_data(as_text=True).split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if line.startswith(("event: ", "data: ")))
        if "event" in lines:
            events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_another_users_job_page_and_stream_are_404(app, logged_in, make_user):
    """A job's page and its stream are the owner's only."""
    from interview_coach import jobs

    client, _ = logged_in
    with app.app_context():
        other = make_user("bob")
        job_id = jobs.enqueue("study_plan", other, days=2, minutes_per_day=30, topics=[], goal="")
    assert client.get(f"/jobs/{job_id}").status_code == 404
    assert client.get(f"/jobs/{job_id}/stream").status_code == 404


def _promote(app, username: str = "alice") -> None:
    """Make the user an administrator, as `interview-coach users promote` does."""
    result = app.test_cli_runner().invoke(args=["users", "promote", username])
    assert result.exit_code == 0 and f"{username} is now an administrator" in result.output


def test_settings_page_shows_the_builtin_engine_and_its_check_passes(app, logged_in):
    """An administrator sees the built-in engine and its connection check passes."""
    client, _ = logged_in
    _promote(app)
    page = client.get("/settings/ai").get_data(as_text=True)
    assert "Built-in engine" in page and "LLM_BASE_URL" in page
    checked = post_form(client, "/settings/ai/check", {}, page="/settings/ai")
    html = checked.get_data(as_text=True)
    assert checked.status_code == 200 and "Active engine: built-in" in html and "flash-success" in html


def test_settings_page_is_a_404_for_anyone_but_an_administrator(app, client, logged_in):
    """Anonymous visitors and ordinary users get 404 on the AI engine page and its actions, and no nav link;
    after `users promote` the page and link are there, after `users demote` they are gone again."""
    _configure_dead_llm(app)
    anonymous = app.test_client()
    assert anonymous.get("/settings/ai").status_code == 404
    user, _ = logged_in
    page = user.get("/settings/ai")
    assert page.status_code == 404 and "tiny-model" not in page.get_data(as_text=True)
    token = csrf_token(user, "/profile")
    for action in ("/settings/ai/check", "/settings/ai/breaker/reset"):
        assert user.post(action, data={"csrf_token": token}).status_code == 404
    assert 'href="/settings/ai"' not in user.get("/profile").get_data(as_text=True)
    _promote(app)
    assert user.get("/settings/ai").status_code == 200
    assert 'href="/settings/ai"' in user.get("/profile").get_data(as_text=True)
    demoted = app.test_cli_runner().invoke(args=["users", "demote", "alice"])
    assert demoted.exit_code == 0 and user.get("/settings/ai").status_code == 404
    missing = app.test_cli_runner().invoke(args=["users", "promote", "nobody"])
    assert missing.exit_code != 0 and "No user is called 'nobody'" in missing.output


def test_an_administrator_resets_an_open_breaker(app, logged_in):
    """With the breaker open after failures, "Reset the circuit breaker" closes it."""
    from interview_coach.ai import get_ai

    _configure_dead_llm(app)
    client, _ = logged_in
    _promote(app)
    with app.app_context():
        breaker = get_ai().breaker
        for _ in range(breaker.failures):
            breaker.failure()
    assert "open" in client.get("/settings/ai").get_data(as_text=True)
    reset = post_form(client, "/settings/ai/breaker/reset", {}, page="/settings/ai")
    assert reset.status_code == 302
    page = client.get("/settings/ai").get_data(as_text=True)
    assert 'data-testid="breaker-state">closed' in page and "The circuit breaker is closed" in page


def test_settings_page_reports_an_unreachable_llm(app, logged_in):
    """The page names the configured model and its check reports the failed connection."""
    _configure_dead_llm(app)
    client, _ = logged_in
    _promote(app)
    page = client.get("/settings/ai").get_data(as_text=True)
    assert "OpenAI-compatible LLM" in page and "tiny-model" in page and "closed" in page
    checked = post_form(client, "/settings/ai/check", {}, page="/settings/ai").get_data(as_text=True)
    assert "Connection: FAILED (connection failed" in checked and "flash-error" in checked


def test_llm_check_command(app):
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["llm", "check"])
    assert ok.exit_code == 0 and "built-in" in ok.output
    _configure_dead_llm(app)
    app.extensions.pop("interview_coach.ai", None)
    failed = runner.invoke(args=["llm", "check"])
    assert failed.exit_code == 1 and "Connection: FAILED" in failed.output and "tiny-model" in failed.output


def test_a_mock_interview_with_the_llm_down_is_written_by_the_builtin_engine(app, logged_in):
    """Questions and feedback come from the built-in engine, both pages say so, every answer is kept once."""
    _configure_dead_llm(app)
    client, _ = logged_in
    sid = _create(client)
    job_url = _ready_and_started(client, sid)  # with an LLM configured, start leads to the job's page
    assert re.fullmatch(r"/jobs/\d+", job_url)
    events = _stream(client, "GET", f"{job_url}/stream")
    assert events[-1] == ("done", {"url": f"/mock-interviews/{sid}"})
    chat = client.get(f"/mock-interviews/{sid}").get_data(as_text=True)
    assert 'data-testid="engine-notice"' in chat and "built-in engine wrote this instead" in chat
    assert "connection failed" in chat and "Question 1 of 8" in chat
    for number in range(1, 9):
        response = post_form(client, f"/mock-interviews/{sid}/answers", {"answer": f"{ANSWER} (answer {number})"},
                             page=f"/mock-interviews/{sid}")
        assert response.status_code == 302
    asked = post_form(client, f"/mock-interviews/{sid}/feedback", {}, page=f"/mock-interviews/{sid}")
    job_url = asked.headers["Location"]
    assert asked.status_code == 302 and re.fullmatch(r"/jobs/\d+", job_url)
    events = _stream(client, "GET", f"{job_url}/stream")
    assert events[-1] == ("done", {"url": f"/mock-interviews/{sid}/feedback"})
    feedback = client.get(f"/mock-interviews/{sid}/feedback").get_data(as_text=True)
    assert "Score:" in feedback and "built-in engine wrote this instead" in feedback
    with app.app_context():
        row = db.session.scalar(select(Feedback).where(Feedback.session_id == sid))
        # after five connection failures in a row (the plan, the next messages) the breaker is open
        assert row.engine == "builtin-fallback" and "failed repeatedly" in row.engine_notice
        answers = [m.content for m in db.session.scalars(select(Message).where(
            Message.session_id == sid, Message.role == "user").order_by(Message.id))]
    assert answers == [f"{ANSWER} (answer {n})" for n in range(1, 9)]


def test_a_builtin_interview_shows_no_notice(app, logged_in):
    client, _ = logged_in
    sid = _create(client)
    _ready_and_started(client, sid)
    chat = client.get(f"/mock-interviews/{sid}").get_data(as_text=True)
    assert "engine-notice" not in chat and "Question 1 of 8" in chat

"""The study plan pages: the form ticks the weakest topics, a plan is written, shown, downloaded and
deleted; refused forms keep what was typed; another user's plan is a 404; with a (scripted) LLM the
plan streams onto a writing page, and a failing LLM leaves the built-in plan with the notice shown."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from ai.fault_server import error, stream
from interview_coach.extensions import db
from interview_coach.models import StudyActionPlan
from test_ai_engine_pages import _stream
from testkit import csrf_token, login, post_form, practise, scripted_llm

LLM_PLAN = {"title": "Processes before threads <img src=x>", "summary": "Two days on OS, then practise aloud.",
            "steps": [{"day": 1, "topic": "OS", "focus": "Processes", "activity": "Explain fork and exec aloud <b>twice</b>.",
                       "minutes": 30},
                      {"day": 2, "topic": "OS", "focus": "Threads", "activity": "Answer three questions on threads.",
                       "minutes": 30}]}
FORM = {"days": "2", "minutes_per_day": "30", "topics": ["OS"], "goal": "Systems round on Friday"}


def _text(events) -> str:
    return "".join(data["text"] for kind, data in events if kind == "delta")


def _plan_id(response) -> int:
    assert response.status_code == 302, response.status_code
    return int(re.search(r"/study-plans/(\d+)$", response.headers["Location"]).group(1))


def test_the_form_ticks_the_weakest_topic(app, logged_in):
    """After poor OS answers and good Data Structures ones, OS is ticked and mastery shows in the labels."""
    client, user = logged_in
    with app.app_context():
        practise(user, "OS", 3, well=False)
        practise(user, "Data Structures", 3, well=True)
    html = client.get("/study-plans").get_data(as_text=True)
    assert 'href="/study-plans">Study plan</a>' in html and "You have no study plans yet." in html
    ticked = re.findall(r'<input checked[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*checked', html)
    assert [a or b for a, b in ticked] == ["OS"]
    assert re.search(r"OS \(\d+% mastery\)", html) and "DBMS (not practised yet)" in html


def test_a_plan_is_written_shown_downloaded_and_deleted(app, logged_in):
    client, _ = logged_in
    plan_id = _plan_id(post_form(client, "/study-plans", FORM))
    page = client.get(f"/study-plans/{plan_id}").get_data(as_text=True)
    assert "Your study plan is ready." in page and "Your 2-day study plan" in page
    assert "<h3>Day 1: OS</h3>" in page and "Systems round on Friday" in page
    assert 'data-testid="engine-notice"' not in page
    download = client.get(f"/study-plans/{plan_id}/study-plan.md")
    assert download.mimetype == "text/markdown" and f"study-plan-{plan_id}.md" in download.headers["Content-Disposition"]
    assert "### Day 2: OS" in download.get_data(as_text=True)
    listing = client.get("/study-plans").get_data(as_text=True)
    assert f'href="/study-plans/{plan_id}"' in listing and "Built-in engine" in listing
    deleted = post_form(client, f"/study-plans/{plan_id}/delete", {}, page=f"/study-plans/{plan_id}")
    assert deleted.status_code == 302 and client.get(f"/study-plans/{plan_id}").status_code == 404


def test_a_refused_form_keeps_what_was_typed(app, logged_in):
    client, _ = logged_in
    response = post_form(client, "/study-plans", {"days": "45", "minutes_per_day": "lots", "topics": ["DBMS"],
                                                  "goal": "Backend interview " * 20}, page="/study-plans")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "from 1 to 30" in html and "from 10 to 240" in html and "300 characters or fewer" in html
    assert 'value="45"' in html and "Backend interview Backend interview" in html
    assert re.search(r'<input checked[^>]*value="DBMS"', html)
    with app.app_context():
        assert db.session.scalars(select(StudyActionPlan)).all() == []


def test_another_users_plan_is_a_404(app, client, make_user):
    make_user("owner")
    make_user("other")
    login(client, "owner")
    plan_id = _plan_id(post_form(client, "/study-plans", FORM))
    client.post("/logout", data={"csrf_token": csrf_token(client, "/study-plans")})
    login(client, "other")
    assert client.get(f"/study-plans/{plan_id}").status_code == 404
    assert client.get(f"/study-plans/{plan_id}/study-plan.md").status_code == 404
    assert post_form(client, f"/study-plans/{plan_id}/delete", {}, page="/study-plans").status_code == 404
    assert client.get("/study-plans").status_code == 200


def test_an_llm_plan_streams_onto_the_writing_page(app, logged_in):
    """POST leads to the job's page; its stream sends the LLM's words, then the stored plan's URL; the
    stream read again (a reload) gives the same words and the same plan, and no second plan is written."""
    client, _ = logged_in
    text = json.dumps(LLM_PLAN)
    with scripted_llm(app, stream([text[i:i + 25] for i in range(0, len(text), 25)])) as llm:
        created = post_form(client, "/study-plans", FORM)
        writing_url = created.headers["Location"]
        assert created.status_code == 302 and re.fullmatch(r"/jobs/\d+", writing_url)
        page = client.get(writing_url)
        if page.status_code == 200:  # still writing (else it already went on to the plan)
            html = page.get_data(as_text=True)
            assert "Writing your study plan" in html and f'data-stream-url="{writing_url}/stream"' in html
        events = _stream(client, "GET", f"{writing_url}/stream")
        reloaded = _stream(client, "GET", f"{writing_url}/stream")
    assert _text(reloaded) == _text(events) and reloaded[-1] == events[-1]
    assert "Explain fork and exec aloud <b>twice</b>." in _text(events)
    kind, done = events[-1]
    plan_page = client.get(done["url"]).get_data(as_text=True)
    assert kind == "done" and "<h2>Processes before threads &lt;img src=x&gt;</h2>" in plan_page
    assert "Explain fork and exec aloud &lt;b&gt;twice&lt;/b&gt;." in plan_page
    assert 'data-testid="engine-label"' in plan_page and "scripted-model" in plan_page
    assert llm.bodies()[0].get("stream")
    again = client.get(writing_url)  # reloading follows the same job: it opens the same plan
    assert again.status_code == 302 and again.headers["Location"] == done["url"]
    with app.app_context():
        rows = db.session.scalars(select(StudyActionPlan)).all()
    assert len(rows) == 1 and rows[0].engine == "llm:scripted-model"


def test_a_failing_llm_leaves_the_builtin_plan_with_the_notice(app, logged_in):
    """Without JavaScript (the wait button) and the LLM failing, the built-in plan is stored and says so."""
    client, _ = logged_in
    with scripted_llm(app, error(500)):
        writing_url = post_form(client, "/study-plans", FORM).headers["Location"]
        plan_id = _plan_id(client.get(f"{writing_url}?wait=1"))
    page = client.get(f"/study-plans/{plan_id}").get_data(as_text=True)
    assert 'data-testid="engine-notice"' in page and "built-in engine wrote this instead" in page
    assert "<h3>Day 1: OS</h3>" in page
    assert "Built-in engine (the AI model failed)" in client.get("/study-plans").get_data(as_text=True)
    with app.app_context():
        row = db.session.get(StudyActionPlan, plan_id)
    assert row.engine == "builtin-fallback" and "server error 500" in row.engine_notice

"""Per-user limits on expensive work: scoring, uploads and AI-written results each have one budget per user,
shared by the pages and the API, whatever address the requests come from; another user is not affected."""

from __future__ import annotations

import io

import pytest

from interview_coach.content import load_content
from interview_coach.extensions import db
from interview_coach.services import accounts, tokens
from testkit import PASSWORD, login, make_app, post_form


@pytest.fixture
def limited(tmp_path):
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, SCORING_RATE_LIMIT="3 per hour", UPLOAD_RATE_LIMIT="1 per hour",
                   AI_RATE_LIMIT="1 per hour")
    with app.app_context():
        db.create_all()
        ids = [accounts.register(name, f"{name}@example.com", PASSWORD).id for name in ("alice", "bob")]
        secrets = [tokens.create_token(user_id, "t")[1] for user_id in ids]
    return app, [{"Authorization": f"Bearer {s}"} for s in secrets]


def test_scoring_is_limited_per_user_across_the_pages_and_the_api(limited):
    """Three scoring requests an hour: two over the API and one on the page, then the page's answer is a 429;
    from another address too. Bob's budget is his own."""
    app, (alice, bob) = limited
    api = app.test_client()
    sid = api.post("/api/v1/practice/sessions", headers=alice, json={"topics": ["DBMS"]}).get_json()["session_id"]
    question = api.post(f"/api/v1/practice/sessions/{sid}/next", headers=alice).get_json()
    reference = load_content().question(question_ref(app, question["id"])).reference_answer
    answered = api.post(f"/api/v1/practice/sessions/{sid}/answers", headers=alice,
                        json={"question_id": question["id"], "answer": reference})
    assert answered.status_code == 200
    browser = app.test_client()
    assert login(browser, "alice").status_code == 302
    assert post_form(browser, f"/practice/{sid}/next", {}, page=f"/practice/{sid}").status_code == 302
    pending = api.get("/api/v1/practice/history?page=1", headers=alice)  # reading is not limited
    assert pending.status_code == 200
    refused = api.post(f"/api/v1/practice/sessions/{sid}/next", headers=alice,
                       environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert refused.status_code == 429 and refused.get_json()["error"]["code"] == "rate_limited"
    page = post_form(browser, f"/practice/{sid}/next", {}, page=f"/practice/{sid}")
    assert page.status_code == 429 and "Too many attempts" in page.get_data(as_text=True)
    bob_sid = api.post("/api/v1/practice/sessions", headers=bob, json={"topics": ["OS"]}).get_json()["session_id"]
    assert api.post(f"/api/v1/practice/sessions/{bob_sid}/next", headers=bob).status_code == 200


def question_ref(app, history_id: int) -> str:
    from interview_coach.models import QuestionHistory

    with app.app_context():
        return db.session.get(QuestionHistory, history_id).question_ref


def test_uploads_are_limited_per_user(limited):
    """One upload an hour: the page's résumé upload counts, so the API's next one is a 429."""
    app, (alice, bob) = limited
    browser = app.test_client()
    assert login(browser, "alice").status_code == 302
    first = post_form(browser, "/profile/resume", {"resume": (io.BytesIO(b"Alice\nSkills: Python"), "cv.txt")},
                      page="/profile", content_type="multipart/form-data")
    assert first.status_code == 302
    api = app.test_client()
    second = api.put("/api/v1/me/resume", headers=alice, content_type="multipart/form-data",
                     data={"file": (io.BytesIO(b"Alice again\nSkills: Go"), "cv.txt")})
    assert second.status_code == 429
    other = api.put("/api/v1/me/resume", headers=bob, content_type="multipart/form-data",
                    data={"file": (io.BytesIO(b"Bob\nSkills: Go"), "cv.txt")})
    assert other.status_code == 200


def test_ai_written_results_are_limited_per_user(limited):
    """One AI-written result an hour: a second study plan is a 429 and no second plan is stored."""
    app, (alice, _) = limited
    api = app.test_client()
    body = {"days": 3, "minutes_per_day": 30}
    assert api.post("/api/v1/study-plans", headers=alice, json=body).status_code == 201
    assert api.post("/api/v1/study-plans", headers=alice, json=body).status_code == 429
    assert len(api.get("/api/v1/study-plans", headers=alice).get_json()) == 1

"""Adaptive practice through the JSON API, checked against the OpenAPI document."""

from __future__ import annotations

from interview_coach.content import load_content


def test_a_session_through_the_api(call, api_token):
    """Start, get a question, answer it well, see scores, end, read the summary and mastery."""
    headers, _ = api_token
    topics = call("GET", "/api/v1/practice/topics", headers=headers).get_json()["topics"]
    assert "DBMS" in topics and len(topics) >= 8
    session = call("POST", "/api/v1/practice/sessions", headers=headers, json={"topics": ["DBMS"]}).get_json()
    sid = session["session_id"]
    question = call("POST", f"/api/v1/practice/sessions/{sid}/next", headers=headers).get_json()
    assert question["topic"] == "DBMS" and question["difficulty"] == "medium"
    reference = load_content().question(
        next(q.id for q in load_content().questions if q.question == question["question"])).reference_answer
    result = call("POST", f"/api/v1/practice/sessions/{sid}/answers", headers=headers,
                  json={"question_id": question["id"], "answer": reference}).get_json()
    assert result["semantic_score"] > 0.7 and result["combined_score"] > 0.7
    assert result["model_answer"] == reference and result["hint"] == ""  # nothing missing: no hint
    assert all(c["covered"] for c in result["concepts"])
    again = call("POST", f"/api/v1/practice/sessions/{sid}/answers", headers=headers,
                 json={"question_id": question["id"], "answer": "second try"})
    assert again.status_code == 409
    summary = call("POST", f"/api/v1/practice/sessions/{sid}/end", headers=headers).get_json()
    assert summary["session"]["questions_asked"] == 1 and summary["answers"][0]["answer"] == reference
    dashboard = call("GET", "/api/v1/practice/mastery", headers=headers).get_json()
    dbms = next(t for t in dashboard["topics"] if t["topic"] == "DBMS")
    assert dbms["questions_attempted"] == 1 and dashboard["overall"]["streak_days"] == 1
    history = call("GET", "/api/v1/practice/history", headers=headers).get_json()
    assert history["total"] == 1
    item_id = history["items"][0]["id"]
    retried = call("POST", f"/api/v1/practice/history/{item_id}/retry", headers=headers).get_json()
    assert retried["question"] == question["question"] and retried["reason"] == "review"


def test_scores_cannot_be_sent_by_the_client(call, api_token):
    """Extra score fields in the answer body are rejected, never stored."""
    headers, _ = api_token
    sid = call("POST", "/api/v1/practice/sessions", headers=headers, json={}).get_json()["session_id"]
    qid = call("POST", f"/api/v1/practice/sessions/{sid}/next", headers=headers).get_json()["id"]
    response = call("POST", f"/api/v1/practice/sessions/{sid}/answers", headers=headers,
                    json={"question_id": qid, "answer": "no idea", "semantic_score": 1.0})
    assert response.status_code == 422


def test_other_users_session_is_404(call, api_token, app, make_user):
    """Another user's session id is a 404."""
    from interview_coach.services import practice

    headers, _ = api_token
    other = make_user("someone")
    with app.app_context():
        sid = practice.start_session(other, ["OS"]).session_id
    assert call("POST", f"/api/v1/practice/sessions/{sid}/next", headers=headers).status_code == 404
    assert call("GET", f"/api/v1/practice/sessions/{sid}", headers=headers).status_code == 404


def test_unknown_topic_is_a_clear_422(call, api_token):
    """Starting on an unknown topic names the valid ones."""
    headers, _ = api_token
    response = call("POST", "/api/v1/practice/sessions", headers=headers, json={"topics": ["Cooking"]})
    assert response.status_code == 422 and "DBMS" in response.get_json()["error"]["message"]


def test_the_reference_answer_stays_hidden_until_the_question_is_answered(call, api_token):
    """A served question read through the history API has no expected_answer; once answered it has it."""
    headers, _ = api_token
    sid = call("POST", "/api/v1/practice/sessions", headers=headers, json={"topics": ["OS"]}).get_json()["session_id"]
    question = call("POST", f"/api/v1/practice/sessions/{sid}/next", headers=headers).get_json()
    unanswered = call("GET", f"/api/v1/practice/history/{question['id']}", headers=headers).get_json()
    assert unanswered["answer"] is None and unanswered["expected_answer"] is None
    call("POST", f"/api/v1/practice/sessions/{sid}/answers", headers=headers,
         json={"question_id": question["id"], "answer": "A process is a program in execution."})
    answered = call("GET", f"/api/v1/practice/history/{question['id']}", headers=headers).get_json()
    assert answered["expected_answer"] and len(answered["expected_answer"]) > 20

"""The quick interview through the JSON API, every response checked against the OpenAPI document."""

from __future__ import annotations

import pytest

from interview_coach.content import load_content


def test_a_technical_interview_through_the_api(call, api_token):
    """Start, answer five questions in order, read the completed interview with score and feedback."""
    headers, _ = api_token
    created = call("POST", "/api/v1/interviews", headers=headers,
                   json={"kind": "technical", "length": 5, "topics": ["DBMS"]})
    assert created.status_code == 201
    interview = created.get_json()
    assert interview["status"] == "in_progress" and interview["length"] == 5
    assert len(interview["questions"]) == 1 and interview["next_index"] == 0
    iid = interview["id"]
    for index in range(5):
        current = call("GET", f"/api/v1/interviews/{iid}", headers=headers).get_json()
        question = current["questions"][index]
        assert len(current["questions"]) == index + 1 and question["topic"] == "DBMS"
        reference = load_content().question(question["ref"]).reference_answer
        result = call("POST", f"/api/v1/interviews/{iid}/answers", headers=headers,
                      json={"index": index, "answer": reference}).get_json()
        assert result["score"] > 0.6 and result["details"]["model_answer"] == reference
        assert result["completed"] == (index == 4)
    done = call("GET", f"/api/v1/interviews/{iid}", headers=headers).get_json()
    assert done["status"] == "completed" and done["score"] == pytest.approx(result["interview_score"])
    assert done["feedback"].startswith("## Verdict") and done["duration"] >= 0 and done["completed_at"]
    assert done["speech_metrics"] is None
    listed = call("GET", "/api/v1/interviews", headers=headers).get_json()
    assert [i["id"] for i in listed] == [iid]


def test_behavioural_answer_returns_the_rubric(call, api_token):
    """A behavioural answer comes back with STAR findings, strengths and improvements."""
    headers, _ = api_token
    iid = call("POST", "/api/v1/interviews", headers=headers,
               json={"kind": "behavioural", "length": 5}).get_json()["id"]
    result = call("POST", f"/api/v1/interviews/{iid}/answers", headers=headers, json={
        "index": 0, "answer": "Last year I led a migration at my previous job. My task was to move 40 services "
                              "in one quarter. I wrote a runbook and I paired with each team. As a result we "
                              "finished two weeks early. I learned to start with the riskiest service."}).get_json()
    components = {f["component"] for f in result["details"]["findings"]}
    assert {"situation", "task", "action", "result", "reflection"} <= components
    assert 0 < result["score"] < 1 and result["next_index"] == 1 and result["completed"] is False


def test_refusals_are_documented_errors(call, api_token, app, make_user):
    """Out-of-order, repeated, empty, client-scored and foreign answers are refused with clear errors."""
    from interview_coach.services import quick_interview

    headers, _ = api_token
    iid = call("POST", "/api/v1/interviews", headers=headers,
               json={"kind": "technical", "length": 5}).get_json()["id"]
    path = f"/api/v1/interviews/{iid}/answers"
    out_of_order = call("POST", path, headers=headers, json={"index": 2, "answer": "skip ahead"})
    assert out_of_order.status_code == 409 and out_of_order.get_json()["error"]["code"] == "out_of_order"
    assert call("POST", path, headers=headers, json={"index": 0, "answer": "  "}).status_code == 422
    assert call("POST", path, headers=headers, json={"index": 9, "answer": "no such"}).status_code == 422
    assert call("POST", path, headers=headers, json={"index": 0, "answer": "x", "score": 1.0}).status_code == 422
    assert call("POST", path, headers=headers, json={"index": 0, "answer": "A stack is LIFO."}).status_code == 200
    again = call("POST", path, headers=headers, json={"index": 0, "answer": "again"})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_answered"
    bad = call("POST", "/api/v1/interviews", headers=headers, json={"kind": "technical", "length": 7})
    assert bad.status_code == 422
    other = make_user("someone")
    with app.app_context():
        foreign = quick_interview.start(other, "technical", 5).id
    assert call("GET", f"/api/v1/interviews/{foreign}", headers=headers).status_code == 404
    assert call("POST", f"/api/v1/interviews/{foreign}/answers", headers=headers,
                json={"index": 0, "answer": "mine"}).status_code == 404
    assert call("DELETE", f"/api/v1/interviews/{foreign}", headers=headers).status_code == 404
    assert call("DELETE", f"/api/v1/interviews/{iid}", headers=headers).status_code == 204
    assert call("GET", f"/api/v1/interviews/{iid}", headers=headers).status_code == 404


def test_requires_a_token(call):
    """Without a token the interview endpoints answer 401."""
    assert call("GET", "/api/v1/interviews").status_code == 401

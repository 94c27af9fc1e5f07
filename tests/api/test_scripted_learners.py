"""Scripted learners through the JSON API: improvement shows as mastery, difficulty and status."""

from __future__ import annotations

from interview_coach.content import load_content

WEAK = "I am not sure about this, maybe it is something about computers and data in general."


def _reference_for(text: str) -> str:
    return next(q.reference_answer for q in load_content().questions if q.question == text)


def _practise(client, headers, topic: str, answers: int, good) -> list[dict]:
    """Answer ``answers`` questions; ``good(i)`` says whether answer i is the model answer."""
    sid = client.post("/api/v1/practice/sessions", headers=headers, json={"topics": [topic]}).get_json()["session_id"]
    seen = []
    for i in range(answers):
        question = client.post(f"/api/v1/practice/sessions/{sid}/next", headers=headers).get_json()
        text = _reference_for(question["question"]) if good(i) else WEAK
        result = client.post(f"/api/v1/practice/sessions/{sid}/answers", headers=headers,
                             json={"question_id": question["id"], "answer": text}).get_json()
        seen.append({"difficulty": question["difficulty"], **result})
    client.post(f"/api/v1/practice/sessions/{sid}/end", headers=headers)
    return seen


def _topic(client, headers, name: str) -> dict:
    dashboard = client.get("/api/v1/practice/mastery", headers=headers).get_json()
    return next(t for t in dashboard["topics"] if t["topic"] == name), dashboard


def test_improving_learner(client, api_token):
    """Weak answers, then strong ones: mastery rises, questions get harder, subtopics become mastered."""
    headers, _ = api_token
    _practise(client, headers, "Algorithms", 3, good=lambda i: False)
    before, _ = _topic(client, headers, "Algorithms")
    assert before["current_difficulty"] == "easy"
    seen = _practise(client, headers, "Algorithms", 24, good=lambda i: True)
    after, dashboard = _topic(client, headers, "Algorithms")
    assert after["mastery_level"] > before["mastery_level"] + 0.3
    assert after["current_difficulty"] == "hard" and "hard" in {s["difficulty"] for s in seen[-6:]}
    mastered = [s for s in dashboard["subtopics"] if s["topic"] == "Algorithms" and s["status"] == "mastered"]
    assert mastered
    trend = dashboard["trend"]["Algorithms"]
    assert trend[-1]["mastery"] == after["mastery_level"]


def test_struggling_learner(client, api_token):
    """Poor answers: questions get easier and the missed concepts are listed as weak."""
    headers, _ = api_token
    seen = _practise(client, headers, "Computer Networks", 5, good=lambda i: False)
    topic, dashboard = _topic(client, headers, "Computer Networks")
    assert topic["current_difficulty"] == "easy" and seen[-1]["difficulty"] == "easy"
    assert topic["mastery_level"] < 0.4
    weak = [w for w in dashboard["weak_concepts"] if w["topic"] == "Computer Networks"]
    assert len(weak) >= 3 and all(w["score"] < 0.5 for w in weak)
    assert all(s["missing_concepts"] for s in seen)

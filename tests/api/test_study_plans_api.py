"""Study plans over the API, checked against the OpenAPI document: create, list, get, delete, refusals,
another user's plan, and the engine that wrote each plan (a scripted LLM, then a failing one)."""

from __future__ import annotations

import json

from ai.fault_server import completion, error
from testkit import practise, scripted_llm

BASE = "/api/v1/study-plans"
LLM_PLAN = {"title": "A week of OS [fast](http://x)", "summary": "Processes, then memory, then a review.",
            "steps": [{"day": d, "topic": "OS", "focus": f"Focus {d}", "activity": f"Activity for day {d} <b>now</b>.",
                       "minutes": 20} for d in range(1, 4)]}


def test_create_list_get_and_delete(call, app, api_token):
    headers, user = api_token
    with app.app_context():
        practise(user, "OS", 3, well=False)
    created = call("POST", BASE, headers=headers, json={"days": 4, "minutes_per_day": 25, "goal": "Systems round"})
    plan = created.get_json()
    assert created.status_code == 201 and plan["days"] == 4 and plan["topics"] == ["OS"]
    assert plan["engine"] == "builtin" and plan["engine_notice"] is None and plan["created_at"]
    assert "### Day 1: OS" in plan["plan_markdown"] and "Systems round" in plan["plan_markdown"]
    second = call("POST", BASE, headers=headers, json={"days": 1, "minutes_per_day": 10, "topics": ["dbms"]}).get_json()
    assert second["topics"] == ["DBMS"]
    listed = call("GET", BASE, headers=headers).get_json()
    assert [p["id"] for p in listed] == [second["id"], plan["id"]] and "plan_markdown" not in listed[0]
    assert call("GET", f"{BASE}/{plan['id']}", headers=headers).get_json() == plan
    assert call("DELETE", f"{BASE}/{plan['id']}", headers=headers).status_code == 204
    assert call("GET", f"{BASE}/{plan['id']}", headers=headers).status_code == 404


def test_refusals_say_which_field(call, api_token):
    headers, _ = api_token
    bounds = call("POST", BASE, headers=headers, json={"days": 0, "minutes_per_day": 500})
    assert bounds.status_code == 422 and set(bounds.get_json()["error"]["details"]["fields"]) == {"days",
                                                                                                   "minutes_per_day"}
    service = call("POST", BASE, headers=headers, json={"days": 3, "minutes_per_day": 30, "topics": ["Astrology"],
                                                        "goal": "g" * 301})
    error_body = service.get_json()["error"]
    assert service.status_code == 422 and error_body["code"] == "invalid"
    assert set(error_body["details"]["fields"]) == {"topics", "goal"}
    assert call("POST", BASE, headers=headers, json={"minutes_per_day": 30}).status_code == 422
    assert call("GET", BASE).status_code == 401


def test_another_users_plan_is_a_404(call, app, api_token, make_user):
    headers, _ = api_token
    from interview_coach.services import study_plans, tokens

    with app.app_context():
        other = make_user("someone", "someone@example.com")
        theirs = study_plans.create(other, 2, 30, ["OOP"]).id
    assert call("GET", f"{BASE}/{theirs}", headers=headers).status_code == 404
    assert call("DELETE", f"{BASE}/{theirs}", headers=headers).status_code == 404
    assert call("GET", BASE, headers=headers).get_json() == []
    with app.app_context():
        _, secret = tokens.create_token(other, "theirs")
    assert call("GET", f"{BASE}/{theirs}", headers={"Authorization": f"Bearer {secret}"}).status_code == 200


def test_the_engine_that_wrote_each_plan_is_reported(call, app, api_token):
    """The scripted LLM's plan says so; when the LLM fails the built-in plan carries the notice."""
    headers, _ = api_token
    with scripted_llm(app, completion(json.dumps(LLM_PLAN)), error(500)):
        written = call("POST", BASE, headers=headers, json={"days": 3, "minutes_per_day": 20, "topics": ["OS"]}).get_json()
        fallback = call("POST", BASE, headers=headers, json={"days": 3, "minutes_per_day": 20, "topics": ["OS"]}).get_json()
    assert written["engine"] == "llm:scripted-model" and written["engine_notice"] is None
    assert written["plan_markdown"].startswith("## A week of OS \\[fast\\](http://x)\n")
    assert "Activity for day 3 \\<b\\>now\\</b\\>." in written["plan_markdown"]
    assert fallback["engine"] == "builtin-fallback" and "server error 500" in fallback["engine_notice"]
    assert "A week of OS" not in fallback["plan_markdown"] and "### Day 1: OS" in fallback["plan_markdown"]

"""The mock-interview API with an LLM configured: the interview says which engine wrote its questions
and its feedback, and a failing LLM changes nothing but that (scripted OpenAI-compatible server)."""

from __future__ import annotations

import json

from ai.fault_server import FaultServer, by_task, completion, error
from interview_coach.ai import BuiltinProvider
from interview_coach.extensions import db
from interview_coach.models.simulator import SimulatorSession
from interview_coach.services import mock_feedback
from test_simulator_api import ANSWER, CV, JOB

SLOTS = ("opener", "deep_dive_1", "deep_dive_2", "technical_1", "technical_2", "behavioural", "scenario", "closing")
PLAN = {slot: f"Scripted question {i + 1} about your {slot.replace('_', ' ')} work?" for i, slot in enumerate(SLOTS)}
TURN = {"message": "Thank you. Scripted next question: what did you measure to know it worked?"}
FEEDBACK = {"interview_score": 10, "score_reason": "Every answer gave a measured result.", "strengths": ["Numbers in every answer"], "weaknesses": ["Same project twice"],
            "cv_improvements": ["Quantify the ShopWave work"]}


def _run_interview(call, headers) -> dict:
    base = "/api/v1/mock-interviews"
    iid = call("POST", base, headers=headers, json={"job_title": "Backend Engineer", "company_name": "Ledgerly"}
               ).get_json()["id"]
    call("PUT", f"{base}/{iid}/documents", headers=headers, json={"cv_text": CV, "job_description_text": JOB})
    state = call("POST", f"{base}/{iid}/start", headers=headers).get_json()
    first = state
    while not state["complete"]:
        state = call("POST", f"{base}/{iid}/answers", headers=headers, json={"answer": ANSWER}).get_json()
    return {"started": first, "feedback": call("POST", f"{base}/{iid}/feedback", headers=headers).get_json()}


def test_an_llm_interview_reports_its_engine(call, app, api_token):
    headers, _ = api_token
    with FaultServer() as llm:
        app.config.update(LLM_BASE_URL=llm.url, LLM_MODEL="scripted-model", LLM_MAX_RETRIES=0)
        llm.script(by_task(interview_questions=completion(json.dumps(PLAN)),
                           interview_turn=completion(json.dumps(TURN)),
                           interview_feedback=completion(json.dumps(FEEDBACK))))
        result = _run_interview(call, headers)
    started, feedback = result["started"], result["feedback"]
    with app.app_context():  # the rubric's own score for the same interview
        session = db.session.get(SimulatorSession, started["id"])
        rubric = BuiltinProvider().interview_feedback(mock_feedback.feedback_request(session)).interview_score
    assert started["questions_engine"] == "llm:scripted-model" and started["questions_notice"] is None
    assert started["messages"][0]["content"] == PLAN["opener"]
    assert feedback["engine"] == "llm:scripted-model" and feedback["engine_notice"] is None
    assert feedback["strengths"] == "- Numbers in every answer\n"
    # The LLM claimed 10: the stored score is the rubric's moved by one point at most, with its reason.
    assert feedback["interview_score"] in (rubric, rubric + 1)
    assert feedback["score_note"] == (FEEDBACK["score_reason"] if feedback["interview_score"] != rubric else None)


def test_a_failing_llm_interview_is_written_by_the_builtin_engine(call, app, api_token):
    headers, _ = api_token
    with FaultServer() as llm:
        app.config.update(LLM_BASE_URL=llm.url, LLM_MODEL="scripted-model", LLM_MAX_RETRIES=0)
        llm.script(error(500))
        result = _run_interview(call, headers)
    started, feedback = result["started"], result["feedback"]
    assert started["questions_engine"] == "builtin-fallback" and "server error 500" in started["questions_notice"]
    assert started["progress"] == "Question 1 of 8" and "Scripted" not in started["messages"][0]["content"]
    # Three failures in a row (the plan, the next two messages) opened the breaker: later steps do not wait.
    assert feedback["engine"] == "builtin-fallback" and "failed repeatedly" in feedback["engine_notice"]
    assert len(llm.bodies()) == 3
    assert 1 <= feedback["interview_score"] <= 10

"""Adaptive practice with an LLM configured (a scripted OpenAI-compatible server): the LLM words the
question and its model answer for the concepts the adaptive selection chose; when it fails the bank's
question is served with the notice. Either way the answer is scored and mastery moves."""

from __future__ import annotations

import json

import pytest

from ai.fault_server import FaultServer, completion, error
from interview_coach.ai import get_ai
from interview_coach.content import load_content
from interview_coach.services import practice

QUESTION = {"question": "Why would a team split one wide table into several narrower ones?",
            "difficulty": "easy", "concepts": ["Data anomalies", "Functional dependency"]}
ANSWER = {"reference_answer": ("Splitting a wide table by its functional dependencies removes redundancy, so "
                               "each fact is stored once and update, insert and delete anomalies disappear."),
          "key_points": ["functional dependencies", "redundancy", "anomalies"]}


@pytest.fixture
def llm(app):
    with FaultServer() as server:
        app.config.update(LLM_BASE_URL=server.url, LLM_MODEL="scripted-model", LLM_MAX_RETRIES=0)
        app.extensions.pop("interview_coach.ai", None)
        yield server


def test_the_llm_words_the_chosen_question_and_its_model_answer(ctx, make_user, llm):
    llm.script(completion(json.dumps(QUESTION)), completion(json.dumps(ANSWER)))
    user = make_user()
    session = practice.start_session(user, ["DBMS"])
    row = practice.next_question(user, session.session_id)
    bank_question = load_content().question(row.question_ref)
    assert row.question == QUESTION["question"] and row.expected_answer == ANSWER["reference_answer"]
    assert row.topic == bank_question.topic and row.sampled_concepts == list(bank_question.key_concepts)
    assert row.details == {"engine": "llm:scripted-model"}
    asked = llm.bodies()[0]["messages"][1]["content"]
    assert bank_question.subtopic in asked and row.difficulty in asked
    result = practice.submit_answer(user, session.session_id, row.id, ANSWER["reference_answer"])
    assert result.assessment.semantic_score > 0.8 and result.mastery_after > 0
    assert result.history.details["engine"] == "llm:scripted-model" and "matched" in result.history.details


def test_a_failing_llm_gives_the_bank_question_with_the_notice(ctx, make_user, llm):
    llm.script(error(500))
    user = make_user()
    session = practice.start_session(user, ["DBMS"])
    row = practice.next_question(user, session.session_id)
    bank_question = load_content().question(row.question_ref)
    assert row.question == bank_question.question and row.expected_answer == bank_question.reference_answer
    assert row.details["engine"] == "builtin-fallback" and "server error 500" in row.details["notice"]
    result = practice.submit_answer(user, session.session_id, row.id, bank_question.reference_answer)
    assert result.assessment.semantic_score > 0.8
    assert get_ai().breaker.state == "closed"  # one failure is below the breaker's threshold


def test_the_question_page_says_when_the_builtin_engine_stood_in(app, logged_in, llm):
    llm.script(error(503))
    client, _ = logged_in
    from testkit import post_form

    started = post_form(client, "/practice", {"topics": "DBMS"}, page="/practice")
    assert started.status_code == 302
    page = client.get(started.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="engine-notice"' in page and "server error 503" in page

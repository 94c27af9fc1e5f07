"""One small request per AI task, what each task gives back, and a valid LLM reply for each.

Shared by the fault-server, breaker, real-server and unit tests of ``interview_coach.ai``, so
every task is exercised with the same inputs everywhere.
"""

from __future__ import annotations

import json

from interview_coach.ai import (
    DebuggingRequest, DebuggingScenario, ExpectedAnswer, ExpectedAnswerRequest, FeedbackRequest, InterviewRequest,
    InterviewTurnRequest, QuestionDraft, QuestionRequest, StudyPlan, StudyPlanRequest, WeakArea,
)
from interview_coach.engine.feedback import AnsweredTurn, InterviewFeedback, JobContext
from interview_coach.engine.interviewer import InterviewPlan

JOB = JobContext("Backend Engineer", "Northwind Logistics", required_skills=("Python", "PostgreSQL"),
                 keywords=("APIs",))
CV = ("Alex Morgan. Software Developer at Parcelio, 2019-2024: built the order API in Python and Flask, "
      "tuned PostgreSQL queries, reduced checkout errors by 35% with retries and idempotency keys.")
JOB_DESCRIPTION = ("Backend Engineer at Northwind Logistics. You will design and run our shipment-tracking APIs "
                   "in Python and own PostgreSQL performance. Required: Python, PostgreSQL, Docker.")

REQUESTS = {
    "write_question": QuestionRequest("DBMS", "easy", concepts=("primary key",)),
    "expected_answer": ExpectedAnswerRequest("What is a primary key in a relational database?", "DBMS", "easy"),
    # Short texts: a small model copies them into its questions, and the real-server test stays quick.
    "interview_questions": InterviewRequest("Backend Engineer", "Northwind", "Python, PostgreSQL.",
                                            "Alex: Python developer.", seed=7),
    "interview_turn": InterviewTurnRequest(
        "Backend Engineer", "Northwind", "technical", "How would you find the slowest queries in PostgreSQL?",
        "Tell me about the order API you built.", "I built it in Flask and cut checkout errors by 35%.", 3),
    "interview_feedback": FeedbackRequest(
        (AnsweredTurn("opener", "Tell me about yourself and why this role interests you.",
                      "I have built order APIs in Python and Flask for five years and I like logistics."),),
        JOB, CV, JOB_DESCRIPTION),
    "study_plan": StudyPlanRequest((WeakArea("DBMS", 0.3, missing_concepts=("normalisation",)),), days=2),
    "debugging_scenario": DebuggingRequest("python", "easy"),
}

# What ``AiEngine.run(task, req).value`` is, whichever provider wrote it.
RESULT_TYPES = {
    "write_question": QuestionDraft, "expected_answer": ExpectedAnswer, "interview_questions": InterviewPlan,
    "interview_turn": str, "interview_feedback": InterviewFeedback, "study_plan": StudyPlan,
    "debugging_scenario": DebuggingScenario,
}


# A reply a good LLM could write for each request above: valid against the task's output model.
VALID_REPLIES = {
    "write_question": {"question": "How does a B-tree index speed up range queries in PostgreSQL?",
                       "difficulty": "easy", "concepts": ["B-tree", "range scan"]},
    "expected_answer": {"reference_answer": "A primary key is a column, or set of columns, whose values identify "
                                            "each row uniquely; it can never be null.",
                        "key_points": ["uniqueness", "not null"]},
    "interview_questions": {
        "opener": "Tell me about yourself and what draws you to Northwind?",
        "deep_dive_1": "How did you design the order API at Parcelio?",
        "deep_dive_2": "How did you find the cause of the checkout errors?",
        "technical_1": "What does an index cost on writes in PostgreSQL?",
        "technical_2": "How do idempotency keys make retries safe?",
        "behavioural": "Tell me about a time you disagreed with a colleague?",
        "scenario": "Tracking is slow every Monday morning: what do you check first?",
        "closing": "What would you like to ask us about the team?",
    },
    "interview_turn": {"message": "Thanks, that is clear. How did you decide which PostgreSQL queries to tune first?"},
    "interview_feedback": {"interview_score": 10, "score_reason": "Every answer named a measurable result.",
                           "strengths": ["Clear account of the order API."],
                           "weaknesses": ["No figures about traffic."], "cv_improvements": ["Add request volumes."]},
    "study_plan": {"title": "Two days of DBMS", "summary": "Normalisation first, then practice questions.",
                   "steps": [{"day": 1, "topic": "DBMS", "focus": "normalisation",
                              "activity": "Normalise a sample schema to 3NF.", "minutes": 45},
                             {"day": 2, "topic": "DBMS", "focus": "review",
                              "activity": "Answer five normalisation questions.", "minutes": 45}]},
    "debugging_scenario": {"title": "Average of an empty list", "language": "python", "difficulty": "easy",
                           "description": "The function returns the mean of a list of numbers.",
                           "buggy_code": "def mean(xs):\n    return sum(xs) / len(xs)\n",
                           "correct_code": "def mean(xs):\n    return sum(xs) / len(xs) if xs else 0.0\n",
                           "bug_concept": "division by zero",
                           "explanation": "An empty list divides by zero; guard the empty case."},
}


def valid_reply(task: str) -> str:
    """The valid reply for ``task`` as the JSON text an LLM would send."""
    return json.dumps(VALID_REPLIES[task])

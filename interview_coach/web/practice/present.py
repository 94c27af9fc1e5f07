"""Plain words and display data for the practice pages (no queries: rows and dicts in, dicts out).

The result of an answer is shown in two ways: right after an htmx post (from the service's
``AnswerResult``) and after a plain form post's redirect or in the history (from the stored row).
Both go through ``result_view`` so the page is the same either way.
"""

from __future__ import annotations

from ...content import load_content
from ...errors import NotFound
from ...models import QuestionHistory
from ...services import practice, progress

REASONS = {
    "new": "New concept: you have not practised it yet.",
    "weak": "Weak concept: you missed it in earlier answers.",
    "review": "Due for review: spaced repetition brings it back before you forget it.",
    "stagnating": "Stuck concept: your score on it has not improved for a while.",
    "follow_up": "Follow-up on what you missed in your last answer.",
    "practice": "More practice at your current level.",
}

DEPTH = {"shallow": "Shallow: the answer names ideas without explaining them.",
         "medium": "Medium: some explanation, room for more reasoning or examples.",
         "deep": "Deep: the answer explains why and how, with detail."}
CONFIDENCE = {"low": "Low: much hedging or very little said.",
              "medium": "Medium: mostly assertive.",
              "high": "High: clear, direct statements."}

STATUS = {"mastered": ("✓", "mastered"), "ongoing": ("◐", "ongoing"), "not_started": ("○", "not started")}


def reason_text(reason: str | None) -> str:
    """Why a question was chosen, in plain words."""
    return REASONS.get(reason or "", REASONS["practice"])


def status_view(status: str | None) -> dict:
    """A subtopic status as a symbol and a word (never colour alone)."""
    symbol, word = STATUS.get(status or "not_started", STATUS["not_started"])
    return {"symbol": symbol, "word": word, "key": status or "not_started"}


def difficulty_change(topic: str, before: str | None, after: str | None) -> str | None:
    """"Next questions on DBMS will be harder", or None when the level did not move (or is unknown)."""
    if not before or not after or before == after:
        return None
    order = ["easy", "medium", "hard"]
    if before in order and after in order:
        way = "harder" if order.index(after) > order.index(before) else "easier"
        return f"Next questions on {topic} will be {way} ({after})."
    return f"Next questions on {topic} will be {after}."


def result_view(data: dict, row: QuestionHistory) -> dict:
    """The answer-result dict (``progress.answer_result_dict`` shape) plus what the page shows around it."""
    view = dict(data)
    view.update(topic=row.topic, subtopic=row.subtopic, question=row.question, answer=row.answer or "",
                session_id=row.session_id, difficulty=row.difficulty, history_id=row.id,
                depth_text=DEPTH.get(data.get("depth") or "", ""),
                confidence_text=CONFIDENCE.get(data.get("confidence") or "", ""),
                difficulty_change=difficulty_change(row.topic, data.get("difficulty_before"),
                                                    data.get("difficulty_after")))
    return view


def result_from_row(row: QuestionHistory, moved: dict | None = None) -> dict:
    """``result_view`` rebuilt from a stored answer; ``moved`` adds difficulty/mastery before and after."""
    bank = load_content()
    details = row.details or {}
    missing = set(row.missing_concepts or [])
    names = {cid: _concept_name(bank, cid) for cid in (row.sampled_concepts or []) + list(missing)}
    semantic, keyword = row.semantic_score or 0.0, row.keyword_score or 0.0
    data = {
        "question_id": row.id, "semantic_score": semantic, "keyword_score": keyword,
        "combined_score": details.get("combined_score", semantic * 0.7 + keyword * 0.3),
        "correct": details.get("correct", keyword > 0.6), "depth": row.depth, "confidence": row.confidence,
        "key_terms": list(row.key_terms or []),
        "concepts": progress.concept_results(row, names),
        "missing_concepts": [names[c] for c in row.missing_concepts or []],
        "reasons": list(details.get("reasons", [])),
        "notices": [n.get("message", "") for n in details.get("notices", [])],
        "outcome": row.outcome or "scored",
        "response_time": row.response_time or 0.0, "model_answer": row.expected_answer or "",
        "hint": practice.answer_hint(bank, row.question_ref, list(missing)),
    }
    if moved and moved.get("id") == row.id:
        data.update({k: moved.get(k) for k in ("difficulty_before", "difficulty_after",
                                              "mastery_before", "mastery_after")})
    return result_view(data, row)


def _concept_name(bank, cid: str) -> str:
    try:
        return bank.concept(cid).name
    except NotFound:
        return cid  # a concept removed from the syllabus since: its id is still a readable slug


def answer_rows(answers: list[QuestionHistory]) -> list[dict]:
    """Answered questions as table rows: what was asked and how it scored."""
    rows = []
    for a in answers:
        semantic, keyword = a.semantic_score or 0.0, a.keyword_score or 0.0
        rows.append({"id": a.id, "topic": a.topic, "subtopic": a.subtopic, "question": a.question,
                     "difficulty": a.difficulty, "semantic": semantic, "keyword": keyword,
                     "combined": (a.details or {}).get("combined_score", semantic * 0.7 + keyword * 0.3),
                     "correct": keyword > 0.6, "response_time": a.response_time or 0.0,
                     "answered_at": a.answered_at, "missing": len(a.missing_concepts or [])})
    return rows


def subtopic_groups(grid: list[dict]) -> list[dict]:
    """The dashboard's subtopic grid grouped by topic, each status as symbol + word."""
    groups: dict[str, dict] = {}
    for cell in grid:
        group = groups.setdefault(cell["topic"], {"topic": cell["topic"], "cells": [], "started": 0, "mastered": 0})
        group["cells"].append({**cell, "status_view": status_view(cell["status"])})
        group["started"] += cell["status"] != "not_started"
        group["mastered"] += cell["status"] == "mastered"
    return list(groups.values())

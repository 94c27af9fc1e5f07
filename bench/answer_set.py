"""The graded answer set (``bench/data/answers/*.jsonl``): loading, the held-out split, scoring inputs.

Each line is ``{"question": <bank question id>, "kind": <kind>, "grade": 0–5, "answer": <text>}``,
written and graded by the project's own careful graders (never copied from reference answers).
Kinds: complete, paraphrase, partial, fluent_wrong, keyword_salad, off_topic, dont_know.

One question in four (by a stable hash of its id) is *held out*: ``bench/fit_claims.py`` never fits
on it, and ``bench/answers.py`` reports it separately, so the figures say how the scorer does on
questions it was not tuned on.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path

from _common import ROOT

from interview_coach.content import load_content
from interview_coach.engine.scoring import AnswerInput, Concept

ANSWERS = ROOT / "bench" / "data" / "answers"
KINDS = ("complete", "paraphrase", "partial", "fluent_wrong", "keyword_salad", "off_topic", "dont_know")
RIGHT_KINDS = ("complete", "paraphrase")  # should be marked correct
WRONG_KINDS = ("fluent_wrong", "keyword_salad")  # must not be


@dataclass(frozen=True, slots=True)
class GradedAnswer:
    question: str
    kind: str
    grade: float
    answer: str
    source: str  # file:line

    @property
    def held_out(self) -> bool:
        return part_of(self.question) == "held_out"


def part_of(question_id: str) -> str:
    """"held_out" for one question in four (stable across runs and machines), else "dev"."""
    return "held_out" if zlib.crc32(question_id.encode()) % 4 == 0 else "dev"


def load_answers(directory: Path = ANSWERS) -> list[GradedAnswer]:
    """Every graded answer, checked: known question id, known kind, grade in [0, 5]."""
    bank = load_content()
    out = []
    for path in sorted(directory.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            where = f"{path.name}:{n}"
            bank.question(row["question"])  # raises for an unknown id
            if row["kind"] not in KINDS or not 0 <= float(row["grade"]) <= 5:
                raise ValueError(f"{where}: bad kind or grade: {row['kind']!r} {row['grade']!r}")
            out.append(GradedAnswer(row["question"], row["kind"], float(row["grade"]), row["answer"], where))
    return out


def scoring_input(item: GradedAnswer) -> AnswerInput:
    """The scorer's input for a graded answer: the bank question, its reference and key concepts."""
    bank = load_content()
    question = bank.question(item.question)
    concepts = Concept.from_bank(bank, bank.concepts_of(question))
    return AnswerInput(question.question, question.reference_answer, item.answer, concepts)

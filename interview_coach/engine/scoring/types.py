"""Plain data in and out of the scorer: concepts, the answer to score, and the assessment.

Everything is a frozen dataclass or a plain list/dict so that services can store the result in
``QuestionHistory`` (``semantic_score``, ``keyword_score``, ``depth``, ``confidence``, ``key_terms``,
``missing_concepts``) and render ``reasons`` without knowing how they were computed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "Concept",
    "AnswerInput",
    "ConceptMatch",
    "ConceptVerdict",
    "CoverageStatus",
    "Notice",
    "Assessment",
    "Outcome",
    "NoticeCode",
]


class Outcome:
    """Reason codes for how an answer was scored (``Assessment.outcome``).

    EMPTY, GIBBERISH, NON_ENGLISH and RESTATES_QUESTION are not scored: every score is 0, correct
    is False, every concept is missing, depth is "shallow" and confidence "low". KEYWORD_LIST is
    scored with caps (see ``scorer.py``). See ``guards.py`` for how each is detected.
    """

    SCORED = "scored"  # an ordinary answer, scored on its merits
    EMPTY = "empty"  # nothing, or only whitespace/punctuation
    GIBBERISH = "gibberish"  # mostly non-words (keyboard mashing, random letters)
    NON_ENGLISH = "non_english"  # written in another language; the models are English-only
    KEYWORD_LIST = "keyword_list"  # a bare list of terms with no sentence that explains anything
    RESTATES_QUESTION = "restates_question"  # only repeats the question's own words
    NO_ATTEMPT = "no_attempt"  # "I don't know", "no idea", "pass": an honest non-answer


class NoticeCode:
    """Codes of notices attached to an assessment that was still scored."""

    TRUNCATED = "truncated"  # over MAX_WORDS words: only the first MAX_WORDS were scored
    DERIVED_CONCEPTS = "derived_concepts"  # no key concepts were given: taken from the reference
    NO_REFERENCE = "no_reference"  # no reference answer: semantic score compares with the question


@dataclass(frozen=True, slots=True)
class Concept:
    """A key concept an answer should cover, with other ways of saying it (``aliases``).

    With a ``definition`` (bank concepts), the concept counts as covered only when the answer says
    something true about it: a statement about it must match the definition better than any of the
    ``misconceptions`` and carry its meaning (the ``details`` words or words close to the definition's).
    Without one (concepts derived from a reference answer, or given as bare names), naming counts.
    """

    name: str
    aliases: tuple[str, ...] = ()
    definition: str = ""
    details: tuple[str, ...] = ()
    misconceptions: tuple[str, ...] = ()
    contrasts: tuple[str, ...] = ()  # definitions of neighbouring concepts it is easily confused with

    def __post_init__(self) -> None:
        for name in ("aliases", "details", "misconceptions", "contrasts"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @classmethod
    def of(cls, item: Any, neighbours: Any = ()) -> Concept:
        """The scoring view of a content-bank concept (anything with the same attribute names).

        ``neighbours`` (the other concepts of its subtopic) give the definitions it must not be
        confused with.
        """
        return cls(
            item.name,
            tuple(item.aliases),
            getattr(item, "definition", ""),
            tuple(getattr(item, "details", ())),
            tuple(getattr(item, "misconceptions", ())),
            tuple(n.definition for n in neighbours if n.name != item.name and getattr(n, "definition", "")),
        )

    @classmethod
    def from_bank(cls, bank: Any, items: Any) -> tuple[Concept, ...]:
        """Scoring views of content-bank concepts, each with its subtopic's other concepts as neighbours."""
        return tuple(cls.of(c, bank.subtopic(c.subtopic_id).concepts) for c in items)


@dataclass(frozen=True, slots=True)
class AnswerInput:
    """One answer to score. ``concepts`` may be empty: they are then derived from the reference."""

    question: str
    reference_answer: str
    answer: str
    concepts: tuple[Concept, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "concepts", tuple(c if isinstance(c, Concept) else Concept(str(c)) for c in self.concepts)
        )


@dataclass(frozen=True, slots=True)
class ConceptMatch:
    """How one concept was found: ``how`` is exact, alias, inflection, typo or paraphrase."""

    concept: str
    matched_words: str  # the words of the answer that matched, as written
    how: str
    similarity: float = 1.0  # for a paraphrase: cosine between the concept and the answer span


class CoverageStatus:
    """How a key concept fared in an answer (``ConceptVerdict.status``)."""

    COVERED = "covered"  # the answer states it correctly (named or in other words)
    NAMED_BUT_WRONG = "named_but_wrong"  # named, but what the answer says about it is wrong or empty
    MISSING = "missing"  # neither named nor stated


@dataclass(frozen=True, slots=True)
class ConceptVerdict:
    """The verdict on one key concept: its status, the answer's words it rests on, and why."""

    concept: str
    status: str  # a CoverageStatus value
    words: str  # the answer's words that were judged ("" when missing)
    reason: str  # one sentence a learner can read


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know about how the answer was scored."""

    code: str
    message: str


@dataclass(slots=True)
class Assessment:
    """The scorer's verdict on one answer.

    ``combined_score`` = 0.7 × semantic + 0.3 × keyword and ``correct`` = keyword_score > 0.6,
    exactly as the adaptive-interview seed defines them. ``outcome`` is a reason code from
    :class:`Outcome`; ``reasons`` are sentences a person can read.
    """

    semantic_score: float
    keyword_score: float
    combined_score: float
    correct: bool
    missing_concepts: list[str]
    key_terms: list[str]
    depth: str  # shallow | medium | deep
    confidence: str  # low | medium | high
    matched_concepts: dict[str, ConceptMatch]
    reasons: list[str]
    outcome: str = Outcome.SCORED
    notices: list[Notice] = field(default_factory=list)
    signals: dict[str, float] = field(default_factory=dict)  # the observable numbers behind the verdict
    concepts: list[ConceptVerdict] = field(default_factory=list)  # one per key concept, in order

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for the API and for storing in the database)."""
        return asdict(self)

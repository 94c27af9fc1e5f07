"""Pydantic models of the content YAML files: topic files (syllabus + questions), the behavioural
bank, the skills taxonomy and the debugging challenges.

Every model forbids unknown keys, so a typo in a file is an error rather than silently lost data.
Checks that need more than one field (ids unique, key concepts exist in the subtopic and are stated
in the reference answer, every concept used) run in model validators and name the full id of the
offending item, so a bad file fails at load with a message a content writer can act on.

Counts across the whole bank (≥ 6 subtopics per topic, ≥ 3 questions per difficulty, …) are not
checked here: they are coverage targets, measured by :mod:`interview_coach.content.checks`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .text import count_sentences, normalise_term, split_sentences, term_pattern

__all__ = [
    "TOPIC_SLUGS",
    "TOPIC_NAMES",
    "LANGUAGES",
    "Difficulty",
    "SkillCategory",
    "ConceptSpec",
    "QuestionSpec",
    "SubtopicSpec",
    "TopicFile",
    "BehaviouralQuestionSpec",
    "CompetencySpec",
    "BehaviouralFile",
    "SkillSpec",
    "SkillsFile",
    "ChallengeSpec",
    "DebuggingFile",
]

#: Syllabus topic name (what ``user_mastery.topic`` stores) → the id prefix of its content.
TOPIC_SLUGS: dict[str, str] = {
    "DBMS": "dbms",
    "OS": "os",
    "Computer Networks": "networks",
    "OOP": "oop",
    "Data Structures": "data-structures",
    "Algorithms": "algorithms",
    "System Design": "system-design",
    "Software Engineering": "software-engineering",
}
TOPIC_NAMES: tuple[str, ...] = tuple(TOPIC_SLUGS)
LANGUAGES: tuple[str, ...] = ("python", "javascript", "java", "cpp")


class Difficulty(StrEnum):
    """easy = define; medium = explain/compare; hard = mechanism, trade-off or scenario."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class SkillCategory(StrEnum):
    LANGUAGE = "language"
    FRAMEWORK = "framework"
    LIBRARY = "library"
    DATABASE = "database"
    CLOUD = "cloud"
    DEVOPS = "devops"
    TOOL = "tool"
    DATA = "data"
    ML = "ml"
    TESTING = "testing"
    SECURITY = "security"
    MOBILE = "mobile"
    PRACTICE = "practice"
    SOFT_SKILL = "soft-skill"
    METHODOLOGY = "methodology"


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# Code keeps its indentation: the model-wide stripping would shift a first indented line.
Code = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1)]
TopicName = Literal["DBMS", "OS", "Computer Networks", "OOP", "Data Structures", "Algorithms", "System Design", "Software Engineering"]

# The Literal lets pydantic name the allowed values in its error; it must list exactly the syllabus.
assert set(get_args(TopicName)) == set(TOPIC_SLUGS), "TopicName and TOPIC_SLUGS disagree"

# A question is a question ("…?") or an instruction that starts with one of these verbs.
_IMPERATIVE = frozenset(
    """explain describe walk compare contrast design define give list outline tell name discuss sketch
    show write implement identify estimate propose justify diagnose debug analyse analyze derive prove
    state differentiate distinguish illustrate summarise summarize suggest choose pick argue critique
    evaluate model trace calculate compute draw plan reason talk take demonstrate classify predict
    recommend review investigate find determine provide break map lay convince defend elaborate
    clarify detail enumerate present assess rank order spot fix refactor optimise optimize convert
    translate rewrite construct build decide""".split()
)
_QUESTION_SLUG = re.compile(r"^([emh])[0-9]+$")
_BEHAVIOURAL_SLUG = re.compile(r"^[a-z]+[0-9]+$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _sentences_between(text: str, low: int, high: int, what: str) -> str:
    n = count_sentences(text)
    if not low <= n <= high:
        span = f"exactly {low}" if low == high else f"{low}–{high}"
        raise ValueError(f"{what} must be {span} sentence(s), found {n}: {text[:120]!r}")
    return text


def check_question_form(text: str) -> str:
    """``text`` if it reads as an interview question (ends with '?' or an instruction), else ValueError."""
    if text.rstrip().endswith("?"):
        return text
    # "Explain …" or "Your service is slow. Walk me through …": the first or the last sentence instructs.
    sentences = split_sentences(text)
    for sentence in (sentences[0], sentences[-1]) if sentences else ():
        first = re.match(r"[A-Za-z']+", sentence)
        if first and first.group(0).lower() in _IMPERATIVE:
            return text
    raise ValueError(f"a question must end with '?' or start with an instruction (Explain, Walk me through, …): {text[:120]!r}")


def _unique(items: list[str], what: str) -> None:
    seen: set[str] = set()
    dupes = sorted({x for x in items if x in seen or seen.add(x)})  # type: ignore[func-returns-value]
    if dupes:
        raise ValueError(f"duplicate {what}: {', '.join(dupes)}")


# --------------------------------------------------------------------------- topic files


class ConceptSpec(_Strict):
    slug: Slug
    name: Phrase
    definition: Text
    aliases: list[Phrase] = Field(default_factory=list)
    # What makes a statement about the concept true: 1-4 words or short phrases of the definition
    # (or close synonyms) without which the definition would be wrong or empty ("transitive", "non-key").
    details: list[Phrase] = Field(default_factory=list, max_length=6)
    # Common wrong beliefs about the concept, each one plausible sentence a learner might write.
    misconceptions: list[Text] = Field(default_factory=list, max_length=4)

    @field_validator("slug")
    @classmethod
    def _not_question_like(cls, v: str) -> str:
        # Concepts and questions share the "<topic>.<subtopic>." id space.
        if _QUESTION_SLUG.match(v):
            raise ValueError(f"concept slug {v!r} looks like a question slug (e1/m1/h1); rename it")
        return v

    @field_validator("definition")
    @classmethod
    def _one_sentence(cls, v: str) -> str:
        return _sentences_between(v, 1, 1, "a concept definition")

    @property
    def terms(self) -> list[str]:
        return [self.name, *self.aliases]


class QuestionSpec(_Strict):
    slug: Annotated[str, StringConstraints(pattern=_QUESTION_SLUG.pattern)]
    difficulty: Difficulty
    question: Text
    reference_answer: Text
    key_concepts: list[Slug] = Field(min_length=2, max_length=5)
    hint: Text
    follow_ups: list[Text] = Field(min_length=1, max_length=2)

    @field_validator("question")
    @classmethod
    def _is_question(cls, v: str) -> str:
        return check_question_form(v)

    @field_validator("reference_answer")
    @classmethod
    def _answer_length(cls, v: str) -> str:
        return _sentences_between(v, 2, 6, "a reference answer")

    @field_validator("hint")
    @classmethod
    def _hint_length(cls, v: str) -> str:
        return _sentences_between(v, 1, 2, "a hint")

    @model_validator(mode="after")
    def _slug_matches_difficulty(self) -> QuestionSpec:
        if self.slug[0] != self.difficulty.value[0]:
            raise ValueError(f"question {self.slug!r} is {self.difficulty.value}: its slug must start with {self.difficulty.value[0]!r}")
        _unique(self.key_concepts, f"key concepts in question {self.slug!r}")
        return self


class SubtopicSpec(_Strict):
    slug: Slug
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    concepts: list[ConceptSpec] = Field(min_length=1)
    questions: list[QuestionSpec] = Field(min_length=1)


class TopicFile(_Strict):
    """One ``topics/<slug>.yaml`` file: a syllabus topic, its subtopics, concepts and questions."""

    topic: TopicName
    slug: Slug
    title: Text
    description: Text
    subtopics: list[SubtopicSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _cross_references(self) -> TopicFile:
        expected = TOPIC_SLUGS[self.topic]
        if self.slug != expected:
            raise ValueError(f"topic {self.topic!r} must have slug {expected!r}, not {self.slug!r}")
        _unique([s.slug for s in self.subtopics], f"subtopic slugs in topic {self.slug!r}")
        problems: list[str] = []
        for sub in self.subtopics:
            prefix = f"{self.slug}.{sub.slug}"
            problems += _subtopic_problems(prefix, sub)
        if problems:
            raise ValueError("\n".join(problems))
        return self


def _subtopic_problems(prefix: str, sub: SubtopicSpec) -> list[str]:
    problems: list[str] = []
    for what, slugs in (("concept", [c.slug for c in sub.concepts]), ("question", [q.slug for q in sub.questions])):
        try:
            _unique(slugs, f"{what} slugs in {prefix}")
        except ValueError as exc:
            problems.append(str(exc))
    terms: dict[str, str] = {}
    for concept in sub.concepts:
        for term in concept.terms:
            key = normalise_term(term)
            if key in terms and terms[key] != concept.slug:
                problems.append(f"{prefix}: {term!r} names both {terms[key]!r} and {concept.slug!r}")
            terms.setdefault(key, concept.slug)
    concepts = {c.slug: c for c in sub.concepts}
    used: set[str] = set()
    for q in sub.questions:
        for slug in q.key_concepts:
            concept = concepts.get(slug)
            if concept is None:
                problems.append(f"{prefix}.{q.slug}: key concept {slug!r} is not a concept of {prefix} (known: {', '.join(concepts)})")
                continue
            used.add(slug)
            if not any(term_pattern(t).search(q.reference_answer) for t in concept.terms):
                problems.append(
                    f"{prefix}.{q.slug}: the reference answer does not state key concept {slug!r} "
                    f"(looked for {' / '.join(repr(t) for t in concept.terms)})"
                )
    for slug in concepts:
        if slug not in used:
            problems.append(f"{prefix}.{slug}: concept is not a key concept of any question")
    return problems


# --------------------------------------------------------------------------- behavioural bank


class BehaviouralQuestionSpec(_Strict):
    slug: Annotated[str, StringConstraints(pattern=_BEHAVIOURAL_SLUG.pattern)]
    question: Text
    strong_answer_shows: list[Phrase] = Field(min_length=3, max_length=5)
    red_flags: list[Phrase] = Field(min_length=2, max_length=4)
    follow_ups: list[Text] = Field(min_length=1, max_length=2)

    @field_validator("question")
    @classmethod
    def _is_question(cls, v: str) -> str:
        return check_question_form(v)


class CompetencySpec(_Strict):
    slug: Slug
    name: Phrase
    description: Text
    questions: list[BehaviouralQuestionSpec] = Field(min_length=1)


class BehaviouralFile(_Strict):
    """``behavioural.yaml``: behavioural questions grouped by the competency they assess."""

    competencies: list[CompetencySpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> BehaviouralFile:
        _unique([c.slug for c in self.competencies], "competency slugs")
        for c in self.competencies:
            _unique([q.slug for q in c.questions], f"question slugs in behavioural.{c.slug}")
        return self


# --------------------------------------------------------------------------- skills taxonomy


class SkillSpec(_Strict):
    """A skill as CVs and job descriptions name it.

    ``case_sensitive``: every name/alias matches only with exactly this case (acronyms that are
    also words in lower case, e.g. "SAS"). ``ambiguous``: the names/aliases listed there are
    ordinary words or single letters ("Go", "R", "C", "Rust"?): they match only with exactly
    this case and a technical signal nearby (another skill, a list separator, "language", …).
    """

    slug: Slug
    name: Phrase
    category: SkillCategory
    aliases: list[Phrase] = Field(default_factory=list)
    topics: list[TopicName] = Field(default_factory=list)
    case_sensitive: bool = False
    ambiguous: list[Phrase] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ambiguous_are_terms(self) -> SkillSpec:
        terms = set(self.terms)
        unknown = [t for t in self.ambiguous if t not in terms]
        if unknown:
            raise ValueError(f"skill.{self.slug}: ambiguous terms {unknown} are not its name or aliases")
        _unique([normalise_term(t) for t in self.terms], f"names/aliases of skill.{self.slug}")
        return self

    @property
    def terms(self) -> list[str]:
        return [self.name, *self.aliases]


class SkillsFile(_Strict):
    """``skills.yaml``: the taxonomy used to read CVs and job descriptions."""

    skills: list[SkillSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_terms(self) -> SkillsFile:
        _unique([s.slug for s in self.skills], "skill slugs")
        owner: dict[str, str] = {}
        clashes: list[str] = []
        for skill in self.skills:
            for term in skill.terms:
                key = normalise_term(term)
                if key in owner and owner[key] != skill.slug:
                    clashes.append(f"{term!r} (skill.{owner[key]} and skill.{skill.slug})")
                owner.setdefault(key, skill.slug)
        if clashes:
            raise ValueError("a name/alias belongs to two skills: " + "; ".join(clashes))
        return self


# --------------------------------------------------------------------------- debugging challenges


class ChallengeSpec(_Strict):
    slug: Slug
    title: Phrase
    topic: TopicName
    bug_concept: Phrase
    difficulty: Difficulty
    description: Text
    buggy_code: Code
    correct_code: Code
    expected_answer: Text
    test: Code

    @field_validator("buggy_code")
    @classmethod
    def _buggy_length(cls, v: str) -> str:
        lines = v.rstrip("\n").split("\n")
        if not 10 <= len(lines) <= 40:
            raise ValueError(f"buggy_code must be 10–40 lines, found {len(lines)}")
        return v

    @model_validator(mode="after")
    def _code_differs(self) -> ChallengeSpec:
        if self.buggy_code.strip() == self.correct_code.strip():
            raise ValueError(f"{self.slug}: correct_code is the same as buggy_code")
        return self


class DebuggingFile(_Strict):
    """``debugging/<language>.yaml``: find-the-bug challenges in one language."""

    language: Literal["python", "javascript", "java", "cpp"]
    challenges: list[ChallengeSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_slugs(self) -> DebuggingFile:
        _unique([c.slug for c in self.challenges], f"challenge slugs in debug.{self.language}")
        return self

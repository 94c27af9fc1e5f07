"""The typed, read-only content the app works with, and the lookups it needs.

Objects are frozen dataclasses with stable full ids:

- topic ``dbms``; subtopic ``dbms.normalization``; concept ``dbms.normalization.bcnf``;
  question ``dbms.normalization.e1``;
- behavioural question ``behavioural.teamwork.tw1``;
- skill ``skill.python``;
- debugging challenge ``debug.python.mutable-default-cart``.

Topic and subtopic *names* ("DBMS", "Normalization") are what the database stores in
``user_mastery.topic`` / ``subtopic_mastery.subtopic``; the lookups accept a name or an id.
A :class:`ContentBank` is built once per process by :func:`~interview_coach.content.loader.load_content`
and shared between threads: nothing in it changes after construction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..errors import NotFound
from .schema import Difficulty, SkillCategory

if TYPE_CHECKING:  # pragma: no cover
    from .skills import SkillMatch, SkillMatcher

__all__ = [
    "UnknownContent",
    "Concept",
    "Question",
    "Subtopic",
    "Topic",
    "BehaviouralQuestion",
    "Competency",
    "Skill",
    "Challenge",
    "ContentBank",
]


class UnknownContent(NotFound, KeyError):
    """No content item has that id or name."""

    code = "unknown_content"

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    slug: str
    name: str
    definition: str
    aliases: tuple[str, ...]
    topic: str  # topic name
    subtopic_id: str
    details: tuple[str, ...] = ()  # the words that carry the definition's meaning
    misconceptions: tuple[str, ...] = ()  # wrong beliefs an answer may state about it

    @property
    def terms(self) -> tuple[str, ...]:
        """The name followed by the aliases: every way an answer may state the concept."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    slug: str
    difficulty: Difficulty
    question: str
    reference_answer: str
    key_concepts: tuple[str, ...]  # concept full ids
    hint: str
    follow_ups: tuple[str, ...]
    topic: str  # topic name
    subtopic: str  # subtopic name
    subtopic_id: str


@dataclass(frozen=True, slots=True)
class Subtopic:
    id: str
    slug: str
    name: str
    topic: str  # topic name
    topic_id: str
    concepts: tuple[Concept, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class Topic:
    id: str  # the slug, e.g. "dbms"
    name: str  # e.g. "DBMS": what user_mastery.topic stores
    title: str
    description: str
    subtopics: tuple[Subtopic, ...]


@dataclass(frozen=True, slots=True)
class BehaviouralQuestion:
    id: str
    slug: str
    competency: str  # competency slug
    question: str
    strong_answer_shows: tuple[str, ...]
    red_flags: tuple[str, ...]
    follow_ups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Competency:
    id: str
    slug: str
    name: str
    description: str
    questions: tuple[BehaviouralQuestion, ...]


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    slug: str
    name: str
    category: SkillCategory
    aliases: tuple[str, ...]
    topics: tuple[str, ...]
    case_sensitive: bool
    ambiguous: tuple[str, ...]

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Challenge:
    id: str
    slug: str
    language: str
    title: str
    topic: str
    bug_concept: str
    difficulty: Difficulty
    description: str
    buggy_code: str
    correct_code: str
    expected_answer: str
    test: str


def _index(items: Iterable, what: str, *keys: str) -> dict:
    out: dict = {}
    for item in items:
        for key in keys:
            value = getattr(item, key)
            if value in out and out[value] is not item:
                raise ValueError(f"duplicate {what} {key} {value!r}")
            out[value] = item
    return out


class ContentBank:
    """All content, indexed. Raises :class:`UnknownContent` (a 404-style ``NotFound``) for unknown ids."""

    def __init__(
        self,
        topics: Iterable[Topic],
        competencies: Iterable[Competency],
        skills: Iterable[Skill],
        challenges: Iterable[Challenge],
    ) -> None:
        self.topics: tuple[Topic, ...] = tuple(topics)
        self.competencies: tuple[Competency, ...] = tuple(competencies)
        self.skills: tuple[Skill, ...] = tuple(skills)
        self.challenges: tuple[Challenge, ...] = tuple(challenges)
        self.subtopics_all: tuple[Subtopic, ...] = tuple(s for t in self.topics for s in t.subtopics)
        self.concepts: tuple[Concept, ...] = tuple(c for s in self.subtopics_all for c in s.concepts)
        self.questions: tuple[Question, ...] = tuple(q for s in self.subtopics_all for q in s.questions)
        self.behavioural_questions: tuple[BehaviouralQuestion, ...] = tuple(q for c in self.competencies for q in c.questions)

        self._topics = _index(self.topics, "topic", "id", "name")
        self._subtopics = _index(self.subtopics_all, "subtopic", "id")
        self._subtopic_names = {(s.topic, s.name.lower()): s for s in self.subtopics_all}
        self._concepts = _index(self.concepts, "concept", "id")
        self._questions = _index(self.questions, "question", "id")
        self._competencies = _index(self.competencies, "competency", "id", "slug")
        self._behavioural = _index(self.behavioural_questions, "behavioural question", "id")
        self._skills = _index(self.skills, "skill", "id", "slug")
        self._challenges = _index(self.challenges, "debugging challenge", "id")
        self._by_level: dict[tuple[str, str, Difficulty], list[Question]] = defaultdict(list)
        for q in self.questions:
            self._by_level[(q.topic, q.subtopic_id, q.difficulty)].append(q)

    # ---------------------------------------------------------------- syllabus

    @property
    def topic_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.topics)

    def topic(self, name_or_id: str) -> Topic:
        """The topic called ``name_or_id`` ("DBMS") or with that id ("dbms")."""
        return self._get(self._topics, name_or_id, "topic")

    def subtopics(self, topic: str) -> tuple[Subtopic, ...]:
        """The subtopics of a topic (by name or id), in file order."""
        return self.topic(topic).subtopics

    def subtopic(self, id_or_topic: str, name: str | None = None) -> Subtopic:
        """``subtopic("dbms.normalization")`` or ``subtopic("DBMS", "Normalization")`` (name, any case, or slug)."""
        if name is None:
            return self._get(self._subtopics, id_or_topic, "subtopic")
        topic = self.topic(id_or_topic)
        found = self._subtopic_names.get((topic.name, name.lower())) or self._subtopics.get(f"{topic.id}.{name}")
        if found is None:
            raise UnknownContent(f"no subtopic {name!r} in topic {topic.name!r}")
        return found

    def concept(self, concept_id: str) -> Concept:
        return self._get(self._concepts, concept_id, "concept")

    def question(self, question_id: str) -> Question:
        return self._get(self._questions, question_id, "question")

    def questions_for(
        self, topic: str | None = None, subtopic: str | None = None, difficulty: Difficulty | str | None = None
    ) -> tuple[Question, ...]:
        """Questions filtered by topic (name or id), subtopic (id, or name/slug within ``topic``) and difficulty."""
        level = Difficulty(difficulty) if difficulty is not None else None
        if subtopic is not None:
            if "." in subtopic or topic is None:
                sub = self.subtopic(subtopic)
            else:
                sub = self.subtopic(topic, subtopic)
            if level is not None:
                return tuple(self._by_level.get((sub.topic, sub.id, level), ()))
            return sub.questions
        pool = self.topic(topic).subtopics if topic is not None else self.subtopics_all
        return tuple(q for s in pool for q in s.questions if level is None or q.difficulty == level)

    def concepts_of(self, question: Question | str) -> tuple[Concept, ...]:
        """The key concepts of a question (object or id), in the question's order."""
        q = question if isinstance(question, Question) else self.question(question)
        return tuple(self._concepts[c] for c in q.key_concepts)

    # ---------------------------------------------------------------- behavioural

    def competency(self, slug_or_id: str) -> Competency:
        return self._get(self._competencies, slug_or_id, "competency")

    def behavioural(self, competency: str | None = None) -> tuple[BehaviouralQuestion, ...]:
        """Behavioural questions, all or those of one competency (slug or id)."""
        if competency is None:
            return self.behavioural_questions
        return self.competency(competency).questions

    def behavioural_question(self, question_id: str) -> BehaviouralQuestion:
        return self._get(self._behavioural, question_id, "behavioural question")

    # ---------------------------------------------------------------- skills

    def skill(self, slug_or_id: str) -> Skill:
        return self._get(self._skills, slug_or_id, "skill")

    @cached_property
    def skill_index(self) -> dict[str, Skill]:
        """Lower-cased, separator-normalised name/alias → skill (see :func:`~.text.normalise_term`)."""
        from .text import normalise_term

        return {normalise_term(t): s for s in self.skills for t in s.terms}

    @cached_property
    def skill_matcher(self) -> SkillMatcher:
        """A matcher over every skill (built on first use; building twice under a race is harmless)."""
        from .skills import SkillMatcher

        return SkillMatcher(self.skills)

    def find_skills(self, text: str) -> list[tuple[Skill, str]]:
        """Skills named in ``text``: ``(skill, matched text)``, each skill once, in order of first mention."""
        return self.skill_matcher.find_skills(text)

    def skill_mentions(self, text: str) -> list[SkillMatch]:
        """Every mention of a skill in ``text`` with its position."""
        return list(self.skill_matcher.finditer(text))

    # ---------------------------------------------------------------- debugging

    def challenge(self, challenge_id: str) -> Challenge:
        return self._get(self._challenges, challenge_id, "debugging challenge")

    def debugging(self, language: str | None = None, difficulty: Difficulty | str | None = None) -> tuple[Challenge, ...]:
        """Debugging challenges, optionally of one language and/or difficulty, in file order."""
        level = Difficulty(difficulty) if difficulty is not None else None
        return tuple(
            c
            for c in self.challenges
            if (language is None or c.language == language) and (level is None or c.difficulty == level)
        )

    # ---------------------------------------------------------------- helpers

    @staticmethod
    def _get(index: dict, key: str, what: str):
        try:
            return index[key]
        except KeyError:
            raise UnknownContent(f"no {what} {key!r}") from None

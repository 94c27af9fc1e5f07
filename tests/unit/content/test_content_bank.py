"""The real content meets issue 4: cross-references hold, counts reach the targets, no near-duplicates.

The count tests name exactly what is missing, so a writer can see what is left to do.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from interview_coach.content import TOPIC_NAMES, Difficulty
from interview_coach.content.checks import TARGETS, default_embedder, near_duplicates
from interview_coach.content.text import count_sentences, mentions, normalise_term


def _fail_if(problems: list[str], what: str) -> None:
    if problems:
        shown = "\n  ".join(problems[:40])
        more = f"\n  … and {len(problems) - 40} more" if len(problems) > 40 else ""
        pytest.fail(f"{len(problems)} {what}:\n  {shown}{more}")


# ------------------------------------------------------------------ cross-references


def test_every_key_concept_exists_and_is_stated_in_its_answer(bank):
    """Each question's 2–5 key concepts are concepts of its subtopic, each named in the reference answer."""
    problems = []
    for q in bank.questions:
        if not 2 <= len(q.key_concepts) <= 5:
            problems.append(f"{q.id}: {len(q.key_concepts)} key concepts")
        for concept in bank.concepts_of(q):
            if concept.subtopic_id != q.subtopic_id:
                problems.append(f"{q.id}: {concept.id} is from another subtopic")
            if not mentions(q.reference_answer, concept.terms):
                problems.append(f"{q.id}: reference answer does not state {concept.id}")
    _fail_if(problems, "key-concept problems")


def test_every_concept_is_used_by_a_question(bank):
    """No concept is dead weight: each is a key concept of at least one question."""
    used = {c for q in bank.questions for c in q.key_concepts}
    _fail_if([c.id for c in bank.concepts if c.id not in used], "concepts no question uses")


def test_ids_are_unique_across_the_bank(bank):
    """Every id appears once across topics, subtopics, concepts, questions, behavioural, skills, challenges."""
    ids = (
        [t.id for t in bank.topics] + [s.id for s in bank.subtopics_all] + [c.id for c in bank.concepts]
        + [q.id for q in bank.questions] + [q.id for q in bank.behavioural_questions]
        + [s.id for s in bank.skills] + [c.id for c in bank.challenges]
    )
    _fail_if([f"{i} ×{n}" for i, n in Counter(ids).items() if n > 1], "duplicate ids")


def test_reference_answers_and_follow_ups_have_the_right_length(bank):
    """Reference answers are 2–6 sentences; every question has 1–2 follow-ups and a hint."""
    problems = [
        f"{q.id}: {count_sentences(q.reference_answer)} sentences"
        for q in bank.questions
        if not 2 <= count_sentences(q.reference_answer) <= 6
    ]
    problems += [f"{q.id}: {len(q.follow_ups)} follow-ups" for q in bank.questions if not 1 <= len(q.follow_ups) <= 2]
    problems += [f"{q.id}: no hint" for q in bank.questions if not q.hint.strip()]
    _fail_if(problems, "length problems")


def test_skills_and_challenges_refer_to_syllabus_topics(bank):
    """Skills and debugging challenges name topics exactly as the syllabus (and user_mastery.topic) does."""
    problems = [f"{s.id}: {t!r}" for s in bank.skills for t in s.topics if t not in TOPIC_NAMES]
    problems += [f"{c.id}: {c.topic!r}" for c in bank.challenges if c.topic not in TOPIC_NAMES]
    _fail_if(problems, "unknown topic names")


def test_every_concept_says_what_is_true_and_what_is_wrong_about_it(bank):
    """Each concept has ≥ 1 detail that is not its own name, and ≥ 2 misconceptions that name it.

    A detail equal to the name, an alias or one word of the name would let an answer that merely
    names the concept count as explaining it; a misconception that does not name the concept could
    not be told apart from a wrong claim about something else.
    """
    problems = []
    for c in bank.concepts:
        own = {normalise_term(t) for t in c.terms} | {normalise_term(w) for w in re.split(r"[\s\-]+", c.name)}
        if not c.details:
            problems.append(f"{c.id}: no details")
        problems += [f"{c.id}: detail {d!r} is its own name" for d in c.details if normalise_term(d) in own]
        if len(c.misconceptions) < 2:
            problems.append(f"{c.id}: {len(c.misconceptions)} misconception(s)")
        problems += [
            f"{c.id}: misconception does not name the concept: {m[:80]!r}"
            for m in c.misconceptions
            if not mentions(m, c.terms)
        ]
    _fail_if(problems, "concepts without usable details or misconceptions")


# ------------------------------------------------------------------ counts (issue 4)


def test_syllabus_has_every_topic_with_enough_subtopics_and_concepts(bank):
    """8 topics; each ≥ 6 subtopics; each subtopic ≥ 4 concepts, each with a definition."""
    problems = [f"topic {name!r} is missing" for name in TARGETS.topics if name not in bank.topic_names]
    for topic in bank.topics:
        if len(topic.subtopics) < TARGETS.subtopics_per_topic:
            problems.append(f"{topic.id}: {len(topic.subtopics)} subtopics")
        problems += [
            f"{s.id}: {len(s.concepts)} concepts" for s in topic.subtopics if len(s.concepts) < TARGETS.concepts_per_subtopic
        ]
    problems += [f"{c.id}: empty definition" for c in bank.concepts if not c.definition.strip()]
    _fail_if(problems, "syllabus shortfalls")


def test_every_subtopic_has_three_questions_per_difficulty(bank):
    """≥ 3 easy, 3 medium and 3 hard questions in every subtopic, ≥ 430 in all."""
    problems = []
    for sub in bank.subtopics_all:
        counts = Counter(q.difficulty for q in sub.questions)
        problems += [
            f"{sub.id}: {counts[level]} {level.value}"
            for level in Difficulty
            if counts[level] < TARGETS.questions_per_difficulty
        ]
    if len(bank.questions) < TARGETS.questions:
        problems.append(f"{len(bank.questions)} questions in all, need {TARGETS.questions}")
    _fail_if(problems, "question shortfalls")


def test_behavioural_bank_covers_ten_competencies(bank):
    """≥ 60 behavioural questions across ≥ 10 competencies, including the ten the issue names."""
    required = {"teamwork", "conflict", "ownership", "failure", "leadership", "prioritisation",
                "communication", "ambiguity", "customer-focus", "learning"}
    have = {c.slug for c in bank.competencies}
    assert required <= have, f"missing competencies: {sorted(required - have)}"
    assert len(bank.behavioural_questions) >= TARGETS.behavioural


def test_skills_taxonomy_is_large_and_spans_the_categories(bank):
    """≥ 400 skills, with languages, frameworks, databases, cloud, tools, practices and soft skills."""
    assert len(bank.skills) >= TARGETS.skills
    categories = Counter(s.category.value for s in bank.skills)
    for category in ("language", "framework", "database", "cloud", "tool", "practice", "soft-skill"):
        assert categories[category] >= 10, f"only {categories[category]} {category} skills"


def test_debugging_challenges_per_language(bank):
    """≥ 80 challenges: Python ≥ 40, JavaScript ≥ 15, Java ≥ 10, C++ ≥ 10."""
    counts = Counter(c.language for c in bank.challenges)
    problems = [f"{lang}: {counts[lang]} of {need}" for lang, need in TARGETS.debugging_per_language if counts[lang] < need]
    if len(bank.challenges) < TARGETS.debugging:
        problems.append(f"{len(bank.challenges)} in all, need {TARGETS.debugging}")
    _fail_if(problems, "debugging shortfalls")


# ------------------------------------------------------------------ near-duplicates


@pytest.fixture(scope="module")
def similarity():
    """The scoring engine's embeddings when they run here (cosine > 0.92), else token-set Jaccard > 0.8."""
    embed, name = default_embedder()
    return embed, name


def _report(pairs, texts, how) -> list[str]:
    return [f"{a} ~ {b} ({how} {s:.3f}): {texts[a]!r} / {texts[b]!r}" for a, b, s in pairs]


def test_no_near_duplicate_technical_questions(bank, similarity):
    """No two technical questions say nearly the same thing (embedding cosine > 0.92, or lexical fallback)."""
    embed, name = similarity
    items = [(q.id, q.question) for q in bank.questions]
    texts = dict(items)
    pairs = near_duplicates(items, embed)
    _fail_if(_report(pairs, texts, "cosine" if embed else "jaccard"), f"near-duplicate question pairs ({name})")


def test_no_near_duplicate_behavioural_questions(bank, similarity):
    """No two behavioural questions say nearly the same thing."""
    embed, name = similarity
    items = [(q.id, q.question) for q in bank.behavioural_questions]
    pairs = near_duplicates(items, embed)
    _fail_if(_report(pairs, dict(items), "cosine" if embed else "jaccard"), f"near-duplicate behavioural pairs ({name})")


def test_near_duplicate_check_catches_a_reworded_question():
    """The check itself works: a lightly reworded question is flagged, a different one is not."""
    items = [
        ("a", "What is a deadlock and what four conditions cause it?"),
        ("b", "What is a deadlock, and which four conditions cause it?"),
        ("c", "How does TCP's three-way handshake establish a connection?"),
    ]
    embed, _ = default_embedder()
    for fn in {embed, None}:
        assert [(a, b) for a, b, _ in near_duplicates(items, fn)] == [("a", "b")]

"""Key concepts: derivation from the reference, lexical matching (inflection, alias, typo, compounds), paraphrase."""

from __future__ import annotations

from interview_coach.engine.scoring import Concept
from interview_coach.engine.scoring.concepts import derive_concepts

from scoring_cases import (
    DIFFERENT_TERMS,
    TRUE_PARAPHRASES,
    MEMORY_CONCEPTS,
    MEMORY_Q,
    MEMORY_REF,
    STACK_CONCEPTS,
    STACK_Q,
    STACK_REF,
)


def test_derived_concepts_leave_out_question_words():
    """Concepts derived from the reference skip words the question already has and stop at punctuation."""
    names = [
        c.name
        for c in derive_concepts("A stack is a last-in, first-out collection of items.", "What is a stack?")
    ]
    assert "stack" not in " ".join(names)
    assert "collection" in " ".join(names)
    assert all(len(n.split()) <= 2 for n in names)


def test_derived_concepts_fall_back_when_reference_repeats_question():
    """If the reference only repeats the question's words, those words become the concepts."""
    assert [c.name for c in derive_concepts("Binary search.", "What is binary search?")] == ["binary search"]


def test_one_concept_gets_partial_keyword_credit(score):
    """An answer covering one of four concepts gets a keyword score of 0.25 and is not correct."""
    result = score(STACK_Q, STACK_REF, "You push things onto it.", STACK_CONCEPTS)
    assert result.keyword_score == 0.25
    assert result.correct is False
    assert result.missing_concepts == ["last in first out", "pop", "top"]


def test_plurals_and_inflections_match(score):
    """'pushes'/'popped' cover 'push'/'pop', reported as another form of the word."""
    result = score(STACK_Q, STACK_REF, "It pushes values and then popped them later.", STACK_CONCEPTS)
    assert result.matched_concepts["push"].how == "inflection"
    assert result.matched_concepts["pop"].matched_words == "popped"


def test_alias_matches_and_is_named(score):
    """The alias 'LIFO' covers 'last in first out' and the reason says it is another name."""
    result = score(STACK_Q, STACK_REF, "A stack is LIFO: the newest item leaves first.", STACK_CONCEPTS)
    match = result.matched_concepts["last in first out"]
    assert (match.how, match.matched_words) == ("alias", "LIFO")
    assert any("another name for it" in r for r in result.reasons)


def test_typos_still_match(score):
    """Misspelled multi-word terms ('refrence countng') still cover the concept, reported as a typo."""
    result = score(MEMORY_Q, MEMORY_REF, "Python uses refrence countng to free objects.", MEMORY_CONCEPTS)
    match = result.matched_concepts["reference counting"]
    assert match.how == "typo" and match.matched_words == "refrence countng"


def test_multi_word_terms_match_in_other_orders_and_forms(score):
    """'count of references' covers 'reference counting'; 'garbage collector' covers 'garbage collection'."""
    result = score(
        MEMORY_Q,
        MEMORY_REF,
        "Python keeps a count of references per object and a garbage collector for cycles.",
        MEMORY_CONCEPTS,
    )
    assert {"reference counting", "garbage collection"} <= set(result.matched_concepts)


def test_multi_word_terms_need_all_their_words(score):
    """'memory' alone does not cover 'memory leak'."""
    result = score(MEMORY_Q, MEMORY_REF, "Python manages memory for you automatically.", MEMORY_CONCEPTS)
    assert "memory leak" in result.missing_concepts


def test_compound_written_as_one_word(score):
    """'hashtable' and 'hash-table' cover the concept 'hash table'."""
    for answer in ("I would use a hashtable keyed by user id.", "I would use a hash-table keyed by user id."):
        result = score("Which structure gives O(1) lookup?", "A hash table.", answer, [Concept("hash table")])
        assert result.keyword_score == 1.0, answer


def test_paraphrase_counts_with_the_words_that_matched(score):
    """A concept said in other words ('wait forever for each other's locks') counts as a paraphrase."""
    result = score(
        "What can go wrong when two processes each take locks?",
        "They can deadlock: each one holds a lock that the other one needs.",
        "Two processes wait forever for each other's locks.",
        [Concept("deadlock")],
    )
    match = result.matched_concepts["deadlock"]
    assert match.how == "paraphrase" and "each other" in match.matched_words
    assert 0.45 <= match.similarity < 1.0
    assert any("said in other words" in r for r in result.reasons)


def test_related_but_different_terms_are_not_paraphrases(score):
    """'frees memory' is not 'memory leak'; 'foreign key' is not 'primary key'; 'queue' is not 'stack'."""
    assert (
        "memory leak"
        in score(MEMORY_Q, MEMORY_REF, "Python frees memory somehow.", MEMORY_CONCEPTS).missing_concepts
    )
    keys = score(
        "What identifies a row?",
        "Its primary key.",
        "A foreign key references a row in another table.",
        [Concept("primary key")],
    )
    assert keys.keyword_score == 0.0
    stack = score(
        "Name a LIFO structure.", "A stack.", "A queue removes the oldest element first.", [Concept("stack")]
    )
    assert stack.keyword_score == 0.0


def test_paraphrase_matching_on_hand_checked_pairs(score):
    """Most true paraphrases count (9 of 17 when measured) and no different term does (0 of 12)."""

    def found(concept, answer):
        return concept in score("Explain.", "x y z", answer, [Concept(concept)]).matched_concepts

    assert sum(found(c, a) for c, a in TRUE_PARAPHRASES) >= 8
    assert [c for c, a in DIFFERENT_TERMS if found(c, a)] == []

"""Sentence counting and "the answer states this term" rules shared by the schema and the scorer."""

from __future__ import annotations

import pytest

from interview_coach.content.text import count_sentences, mentions, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One sentence.", 1),
        ("A B-tree stores keys in 4.5 KB pages, e.g. on disk. It stays balanced.", 2),
        ("Use a mutex (i.e. a lock) here. Otherwise two threads race! Why? Shared state.", 4),
        ("Node.js runs on V8 vs. SpiderMonkey in Firefox. HTTP/1.1 keeps connections open.", 2),
        ("Smith et al. describe it. It works.", 2),
        ("", 0),
    ],
)
def test_sentences_are_counted_with_abbreviations_and_decimals(text, expected):
    """Abbreviations, decimals and dotted names do not end a sentence; real boundaries do."""
    assert count_sentences(text) == expected, split_sentences(text)


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        ("Two transactions can deadlock.", ["deadlock"], True),
        ("Deadlocks happen when ...", ["deadlock"], True),
        ("Each process gets a time slice", ["process"], True),
        ("Processes are isolated", ["process"], True),
        ("Functional dependencies constrain rows", ["functional dependency"], True),
        ("Use a write ahead log", ["write-ahead log"], True),
        ("Written in C++ and C#", ["C++"], True),
        ("An index on email", ["indexing"], False),
        ("Deadlocked threads", ["deadlock"], False),
        ("reindex the table", ["index"], False),
        ("", ["index"], False),
    ],
)
def test_terms_match_whole_words_case_insensitive_with_plurals(text, terms, expected):
    """A term is stated as whole words, any case, optionally plural ("s", "es", "y" → "ies")."""
    assert mentions(text, terms) is expected

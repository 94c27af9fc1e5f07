"""Causal links and examples are found in real answer sentences, and not where there are none."""

from __future__ import annotations

import pytest

from interview_coach.engine.scoring.signals import measure
from interview_coach.engine.scoring.text import tokenize

# (sentence, has a causal link, has an example), labelled by hand from the way students write.
LABELLED = [
    ("Readers never block writers because each transaction sees a snapshot.", True, False),
    ("The index is a B+ tree, so a range scan just walks the leaves.", True, False),
    ("Say you have a users table with a city column that repeats the country name.", False, True),
    ("Think of a stack of plates: you only take the top one.", False, True),
    ("Hashing spreads keys over buckets, which means lookups are O(1) on average.", True, False),
    ("In my internship we cached sessions in Redis to avoid hitting Postgres on every request.", True, True),
    ("A queue is FIFO, like a line at a coffee shop.", False, True),
    ("Without the lock both threads read 5 and write 6, causing a lost update.", True, False),
    ("For example, two accounts transferring money to each other at the same time can deadlock.", False, True),
    ("Let's say the cache holds 3 pages and we access A, B, C, D.", False, True),
    ("The scheduler preempts long jobs so that short ones finish quickly.", True, False),
    ("That's why TCP retransmits a segment when the ACK does not arrive.", True, False),
    ("A primary key is unique and cannot be null.", False, False),
    ("Normalization splits tables into smaller ones.", False, False),
    ("Quicksort picks a pivot and partitions the array around it.", False, False),
    ("The heap stores objects whose lifetime is not known at compile time.", False, False),
    ("Consider a table of orders with customer details copied into every row.", False, True),
    ("If you have 1,000 users hitting one server, a load balancer spreads them across three.", False, True),
    ("It retries with back-off, thereby giving the service time to recover.", True, False),
    ("Sharding by user id keeps each user's rows together, so queries for one user hit one shard.", True, False),
]


@pytest.mark.parametrize(("sentence", "causal", "example"), LABELLED)
def test_causal_links_and_examples_in_labelled_sentences(sentence, causal, example):
    """Each labelled sentence yields a causal link and an example exactly when it has one."""
    sig = measure(sentence, tokenize(sentence))
    assert (sig.causal_links > 0, sig.examples > 0) == (causal, example)


def test_long_answer_with_three_examples_is_deep():
    """A 100-word answer with three examples and reasons is deep, with its examples counted."""
    text = (
        "An index trades write speed for read speed. For example, a B+ tree index on email makes the login "
        "lookup logarithmic instead of a full scan, because the engine descends the tree. Say you also index "
        "created_at: range queries for last week's orders then read only the matching leaves. In my internship "
        "we added a composite index on (user_id, status), which means the dashboard query stopped sorting in "
        "memory. The cost is that every insert updates each index, so a write-heavy log table should carry few."
    )
    sig = measure(text, tokenize(text))
    assert sig.examples >= 3 and sig.causal_links >= 3

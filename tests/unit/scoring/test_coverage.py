"""Claim-checked coverage on bank questions: a concept counts only when the answer states it correctly.

The answers are the kinds a careful grader meets (and the ones the coach got wrong before): fluent but
wrong while naming every term, a bare mention, a negated property, a correct answer in other words,
a partial answer, and "I don't know".
"""

from __future__ import annotations

import pytest

from interview_coach.content import load_content
from interview_coach.engine.scoring import AnswerInput, Concept, CoverageStatus, Outcome


@pytest.fixture(scope="module")
def bank_score(scorer):
    """bank_score(question_id, answer) -> Assessment, with the bank's reference and key concepts."""
    bank = load_content()

    def _score(question_id: str, answer: str):
        q = bank.question(question_id)
        concepts = Concept.from_bank(bank, bank.concepts_of(q))
        return scorer.score(AnswerInput(q.question, q.reference_answer, answer, concepts))

    return _score


def _status(result, name):
    return next(v for v in result.concepts if v.concept == name)


NF_WRONG = (
    "First normal form means every table must have a primary key and an index on every foreign key. "
    "Second normal form means the table is stored on two disks so a failure loses nothing. "
    "Third normal form means every column is encrypted or hashed so no one can read the data."
)
NF_RIGHT = (
    "1NF: each cell holds a single atomic value, no lists or repeating groups. 2NF: on top of that, no "
    "non-key column depends on just part of a composite key. 3NF: additionally no non-key column depends "
    "on another non-key column, so there are no transitive dependencies."
)


def test_fluent_wrong_answer_naming_every_term_is_not_correct(bank_score):
    """The issue's 1NF/2NF/3NF answer: every term named, none stated: not correct, named but wrong."""
    result = bank_score("dbms.normalization.e3", NF_WRONG)
    assert not result.correct and result.keyword_score <= 1 / 3
    third = _status(result, "Third normal form")
    assert third.status == CoverageStatus.NAMED_BUT_WRONG
    assert "encrypted" in third.words and "Third normal form" in third.reason


def test_correct_answer_covers_every_normal_form(bank_score):
    """A correct one-line-each answer covers all three and is correct, scoring well above the wrong one."""
    right = bank_score("dbms.normalization.e3", NF_RIGHT)
    wrong = bank_score("dbms.normalization.e3", NF_WRONG)
    assert right.correct and all(v.status == CoverageStatus.COVERED for v in right.concepts)
    assert right.combined_score > wrong.combined_score + 0.3


def test_tcp_called_connectionless_is_named_but_wrong(bank_score):
    """Calling TCP connectionless and unacknowledged names TCP but states it wrongly."""
    answer = (
        "TCP is a connectionless protocol that fires datagrams without any acknowledgement, which is why it "
        "is fast. UDP is the connection-oriented one that retransmits lost packets and keeps them in order."
    )
    result = bank_score("networks.tcp-udp.e1", answer)
    assert _status(result, "TCP").status == CoverageStatus.NAMED_BUT_WRONG
    assert not result.correct


def test_bare_mentions_do_not_count(bank_score):
    """"X is important" names concepts without saying anything about them."""
    answer = "TCP is important. UDP is also important. Both are protocols that matter a lot in networking."
    result = bank_score("networks.tcp-udp.e1", answer)
    assert all(v.status != CoverageStatus.COVERED for v in result.concepts) and not result.correct


def test_concept_stated_in_other_words_counts(bank_score):
    """The four deadlock conditions explained without the word "deadlock" still cover it."""
    answer = (
        "Four things must all hold at once. Each resource can be held by only one thread at a time; a thread "
        "keeps what it holds while it waits for more; nobody can take a resource away from its holder; and "
        "the threads wait on each other in a cycle, A waiting for B and B waiting for A, so none can proceed."
    )
    result = bank_score("os.synchronization-deadlocks.e3", answer)
    assert _status(result, "Deadlock").status == CoverageStatus.COVERED


def test_partial_answer_scores_between_complete_and_wrong(bank_score):
    """Two anomalies of three is partial: its semantic score does not saturate at the complete answer's."""
    complete = bank_score(
        "dbms.normalization.m2",
        "Say Orders(order_id, customer_id, customer_address, item). Update anomaly: the address is copied on "
        "every order, so changing it means editing many rows and missing one leaves them inconsistent. "
        "Insertion anomaly: you cannot store a new customer's address until they order something. Deletion "
        "anomaly: deleting a customer's only order loses their address too. Splitting customers into their "
        "own table along customer_id -> customer_address removes the transitive dependency and all three.",
    )
    partial = bank_score(
        "dbms.normalization.m2",
        "In an orders table that repeats the customer's address on each row, changing the address means "
        "editing many rows, and if you delete the only order of a customer you lose the address as well.",
    )
    assert complete.semantic_score > partial.semantic_score
    assert partial.semantic_score < 0.8


def test_i_dont_know_gets_encouragement_not_a_critique(bank_score):
    """"I don't know" is an honest non-answer: encouraged, pointed to the model answer, no depth critique."""
    result = bank_score("dbms.normalization.e3", "Honestly I don't know, sorry.")
    assert result.outcome == Outcome.NO_ATTEMPT and not result.correct
    assert "model answer" in result.reasons[0] and "names ideas" not in " ".join(result.reasons)
    assert not any(r.startswith("Depth") for r in result.reasons)


def test_every_bank_question_its_reference_covers_all_and_its_misconceptions_none(scorer):
    """On every bank question, the reference answer covers every key concept (and is correct), while an
    answer made of each key concept's first misconception is never correct."""
    bank = load_content()
    right, wrong = [], []
    for q in bank.questions:
        concepts = Concept.from_bank(bank, bank.concepts_of(q))
        misconceptions = " ".join(c.misconceptions[0] for c in bank.concepts_of(q))
        right.append(AnswerInput(q.question, q.reference_answer, q.reference_answer, concepts))
        wrong.append(AnswerInput(q.question, q.reference_answer, misconceptions, concepts))
    missed = [(i.question, r.missing_concepts) for i, r in zip(right, scorer.score_many(right)) if r.keyword_score < 1]
    won = [i.question for i, r in zip(wrong, scorer.score_many(wrong)) if r.correct]
    assert missed == [] and won == []

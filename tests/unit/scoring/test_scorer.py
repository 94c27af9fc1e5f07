"""The scorer as a whole: seed formulas, derived concepts, reasons, batching, threads, no Flask."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from interview_coach.engine.scoring import CORRECT_ABOVE, AnswerInput, NoticeCode, Outcome, get_scorer

from scoring_cases import MEMORY_CONCEPTS, MEMORY_Q, MEMORY_REF, STACK_CONCEPTS, STACK_Q, STACK_REF

GOOD = "It's a LIFO structure: you push items onto the top and pop them from the top."


def test_seed_formulas(score):
    """combined = 0.7 × semantic + 0.3 × keyword and correct = keyword > 0.6, as the first seed defines."""
    for answer in (GOOD, "You push things onto it.", "Stacks hold items and you pop and push them."):
        r = score(STACK_Q, STACK_REF, answer, STACK_CONCEPTS)
        assert abs(r.combined_score - (0.7 * r.semantic_score + 0.3 * r.keyword_score)) < 1e-3
        assert r.correct == (r.keyword_score > 0.6)
    assert CORRECT_ABOVE == 0.6
    # 3 of 4 concepts (0.75) is correct; 2 of 4 (0.5) is not.
    assert score(STACK_Q, STACK_REF, "It is LIFO: push and pop.", STACK_CONCEPTS).correct
    assert not score(STACK_Q, STACK_REF, "You push and pop.", STACK_CONCEPTS).correct


def test_good_answer_full_assessment(score):
    """A complete answer: high scores, all concepts found with their words, readable reasons."""
    r = score(STACK_Q, STACK_REF, GOOD, STACK_CONCEPTS)
    assert r.outcome == Outcome.SCORED
    assert r.semantic_score >= 0.7 and r.keyword_score == 1.0 and r.correct
    assert r.missing_concepts == []
    assert r.matched_concepts["last in first out"].matched_words == "LIFO"
    assert r.reasons[0].startswith("Meaning: close to")
    assert any(x.startswith("Covered 4 of 4 key concepts") for x in r.reasons)
    assert set(r.to_dict()) >= {
        "semantic_score",
        "keyword_score",
        "depth",
        "confidence",
        "key_terms",
        "missing_concepts",
    }


def test_concepts_are_derived_when_none_given(score):
    """Without concepts, they come from the reference (question words left out), with a notice."""
    r = score(
        MEMORY_Q,
        MEMORY_REF,
        "Objects are freed when their reference count reaches zero; a garbage collector handles cycles.",
    )
    names = list(r.matched_concepts) + r.missing_concepts
    assert names and "python" not in names and "memory management" not in names
    assert any(n.code == NoticeCode.DERIVED_CONCEPTS for n in r.notices)
    assert 0 < r.keyword_score < 1


def test_missing_reference_compares_with_question(score):
    """With no reference answer, the answer is compared with the question and a notice says so."""
    r = score(
        "Explain how TCP guarantees delivery.",
        "",
        "TCP numbers segments, waits for acknowledgements and retransmits lost ones.",
    )
    assert r.outcome == Outcome.SCORED
    assert any(n.code == NoticeCode.NO_REFERENCE for n in r.notices)


def test_score_many_matches_score_one_by_one(scorer):
    """Batch scoring gives the same assessments as scoring each answer alone, in order."""
    items = [
        AnswerInput(STACK_Q, STACK_REF, GOOD, STACK_CONCEPTS),
        AnswerInput(STACK_Q, STACK_REF, "", STACK_CONCEPTS),
        AnswerInput(
            MEMORY_Q,
            MEMORY_REF,
            "The runtime automatically reclaims memory that nothing references any more.",
            MEMORY_CONCEPTS,
        ),
        AnswerInput(STACK_Q, STACK_REF, "You push things onto it.", STACK_CONCEPTS),
    ]
    batch = scorer.score_many(items)
    single = [scorer.score(i) for i in items]
    for b, s in zip(batch, single):
        assert b.outcome == s.outcome and b.matched_concepts.keys() == s.matched_concepts.keys()
        assert abs(b.semantic_score - s.semantic_score) < 1e-3 and b.keyword_score == s.keyword_score


def test_thread_safe_shared_scorer():
    """The shared scorer is one object per process and gives identical results from many threads."""
    assert get_scorer() is get_scorer()
    item = AnswerInput(STACK_Q, STACK_REF, GOOD, STACK_CONCEPTS)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: get_scorer().score(item), range(8)))
    assert len({(r.semantic_score, r.keyword_score) for r in results}) == 1


def test_package_import_is_light():
    """Importing the scoring package loads neither Flask nor the model (it loads on first use)."""
    code = (
        "import sys, interview_coach.engine.scoring as s; "
        "assert 'flask' not in sys.modules and 'onnxruntime' not in sys.modules, sorted(m for m in sys.modules if 'flask' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_reference_and_concepts_are_embedded_once_per_question():
    """Scoring more answers to the same question runs the model on the answers only."""
    from interview_coach.engine.scoring import MiniLMOnnxBackend, Scorer

    class Counting(MiniLMOnnxBackend):
        texts: list[str] = []

        def _run(self, texts, keep_tokens):
            Counting.texts.extend(texts)
            return super()._run(texts, keep_tokens)

    scorer = Scorer(Counting())
    scorer.score(AnswerInput(STACK_Q, STACK_REF, GOOD, STACK_CONCEPTS))
    assert STACK_REF in Counting.texts and "LIFO" in Counting.texts
    Counting.texts.clear()
    scorer.score_many(
        [AnswerInput(STACK_Q, STACK_REF, a, STACK_CONCEPTS) for a in ("You push it.", "Pop it.")]
    )
    assert Counting.texts == ["You push it.", "Pop it."]


def test_concurrent_scoring_and_preparing_equals_sequential():
    """Answers scored from many threads while other threads prepare questions get exactly the sequential scores."""
    from interview_coach.content import load_content
    from interview_coach.engine.scoring import Concept, Scorer

    bank = load_content()
    items = []
    for q in bank.questions[:: len(bank.questions) // 12][:12]:
        concepts = tuple(Concept(c.name, tuple(c.aliases)) for c in bank.concepts_of(q))
        half = " ".join(q.reference_answer.split()[: len(q.reference_answer.split()) // 2])
        for answer in (q.reference_answer, half, "I am not sure, something about storing data."):
            items.append(AnswerInput(q.question, q.reference_answer, answer, concepts))
    sequential = [Scorer().score(item) for item in items]

    shared = Scorer()  # a fresh one: references are built while other threads score

    def work(k):
        item = items[k]
        if k % 3 == 0:
            shared.prepare(item.question, item.reference_answer, item.concepts)
        return shared.score(item)

    with ThreadPoolExecutor(8) as pool:
        concurrent = list(pool.map(work, range(len(items))))
    assert concurrent == sequential


def test_the_reference_cache_stays_small_next_to_the_question_bank():
    """Bank questions' analysed references, measured: a full default cache holds under 100 MB, and fewer
    references than the bank has questions (a cache that could hold them all grew each web process by the
    whole bank's analyses, about 1.2 MB per question served)."""
    import gc
    import tracemalloc

    from interview_coach.content import load_content
    from interview_coach.engine.scoring import Concept, Scorer

    bank = load_content()
    questions = [q for t in bank.topic_names for q in bank.questions_for(t)]
    scorer = Scorer(cache_size=len(questions))
    scorer.warm_up()
    sample = questions[::len(questions) // 6][:6]
    gc.collect()
    tracemalloc.start()
    try:
        for q in sample:
            scorer.prepare(q.question, q.reference_answer, Concept.from_bank(bank, bank.concepts_of(q)))
        gc.collect()
        per_reference = tracemalloc.get_traced_memory()[0] / len(sample)
    finally:
        tracemalloc.stop()
    assert per_reference > 100_000  # the measurement sees the analyses
    assert Scorer.REFERENCE_CACHE_SIZE < len(questions)
    assert Scorer.REFERENCE_CACHE_SIZE * per_reference < 100e6, per_reference

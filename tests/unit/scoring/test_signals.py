"""Depth, confidence and key terms from observable signals."""

from __future__ import annotations

from interview_coach.engine.scoring.scorer import bank_vocabulary
from interview_coach.engine.scoring.signals import confidence_of, depth_of, key_terms, measure
from interview_coach.engine.scoring.text import tokenize

from scoring_cases import MEMORY_CONCEPTS, MEMORY_Q, MEMORY_REF

DEEP = (
    "Python counts references to every object; for example, when you delete the last name bound to a list, "
    "its count drops to zero and the memory on the heap is released immediately. Because counting cannot "
    "detect cycles, which would otherwise leak memory, a generational garbage collector periodically finds "
    "groups of objects that only reference each other and frees them. This means most memory is freed "
    "deterministically, and the collector only handles the rare cyclic cases."
)


def _signals(text):
    return measure(text, tokenize(text))


def test_short_answer_is_shallow():
    """A one-line answer with no reasoning is shallow."""
    assert depth_of(_signals("Python objects live on the heap.")) == "shallow"


def test_elaborated_answer_with_causes_and_example_is_deep():
    """Elaboration plus causal links plus an example make an answer deep."""
    s = _signals(DEEP)
    assert (s.causal_links >= 2, s.examples >= 1) == (True, True)
    assert depth_of(s) == "deep"


def test_middle_answer_is_medium():
    """A reasoned two-sentence answer without an example is medium."""
    text = (
        "Each object carries a reference count that drops when names go out of scope. "
        "When the count reaches zero the object is freed because nothing can reach it any more."
    )
    assert depth_of(_signals(text)) == "medium"


def test_hedging_lowers_confidence():
    """Two hedges, a strong hedge or a trailing question mark mean low confidence."""
    assert confidence_of(_signals("I think maybe it frees memory.")) == "low"
    assert confidence_of(_signals("No idea, something with memory.")) == "low"
    assert confidence_of(_signals("It uses reference counting?")) == "low"


def test_assertive_language_is_high_confidence():
    """No hedge and assertive wording (or a full explanation) mean high confidence."""
    assert confidence_of(_signals("Reference counting always frees an object at once.")) == "high"
    assert confidence_of(_signals(DEEP)) == "high"


def test_one_hedge_is_medium_confidence():
    """A single mild hedge in a short answer is medium confidence."""
    assert confidence_of(_signals("It probably uses reference counting.")) == "medium"


def test_key_terms_are_the_technical_words_used():
    """Key terms include matched concept words, domain words and technical-looking tokens, once each."""
    tokens = tokenize("The heap grows; malloc_trim and TCP are unrelated, heaps again, O(n) cost.")
    terms = key_terms(tokens, ["heap"], {"heap"})
    assert terms[0] == "heap" and terms.count("heap") == 1
    assert "malloc_trim" in terms and "TCP" in terms
    assert "grows" not in terms


def test_key_terms_are_domain_phrases_not_common_words():
    """Adjacent domain words make one phrase; common words ("still", "end", "difference") never count."""
    text = "The difference is still that a hash table keeps buckets, and in the end collisions chain."
    terms = key_terms(tokenize(text), [], bank_vocabulary())
    assert "hash table" in terms and any("collisions" in t for t in terms)
    assert not {"difference", "still", "end", "keeps"} & set(terms)


def test_assessment_exposes_signals(score):
    """The assessment carries depth, confidence, key terms and the counts behind them."""
    result = score(MEMORY_Q, MEMORY_REF, DEEP, MEMORY_CONCEPTS)
    assert (result.depth, result.confidence) == ("deep", "high")
    assert "heap" in result.key_terms and "garbage collector" in result.key_terms
    assert result.signals["causal_links"] >= 2
    assert any(r.startswith("Depth: deep") for r in result.reasons)

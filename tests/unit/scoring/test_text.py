"""Word handling: stems for inflections, typo tolerance, content words."""

from __future__ import annotations

from interview_coach.engine.scoring.text import content_tokens, tokenize, within_typo


def test_inflections_share_a_stem():
    """Plurals and verb forms reduce to the same stem."""
    stems = {t.stem for t in tokenize("allocates allocated allocating allocation")}
    assert len(stems) == 1


def test_typos_within_limits_match_and_short_words_do_not():
    """One edit in a 5–7 letter word and two in a longer one count as typos; short words must be exact."""
    assert within_typo("pointer", "pointr")
    assert within_typo("recursion", "recursoin")  # a swap is one edit
    assert within_typo("polymorphism", "polymorfism")
    assert within_typo("stack", "stakc")
    assert not within_typo("pop", "top")
    assert not within_typo("heap", "help")
    assert not within_typo("recursion", "iteration")


def test_identifiers_and_other_scripts_are_words():
    """Identifiers, C++/C# and words of other scripts are kept whole."""
    assert [t.text for t in tokenize("malloc_trim in C++ or C#, Стек")] == [
        "malloc_trim",
        "in",
        "C++",
        "or",
        "C#",
        "Стек",
    ]


def test_content_words_drop_function_words_and_keep_offsets():
    """Function words are not content; offsets point into the original text."""
    text = "The heap is used for dynamic allocation."
    words = content_tokens(text)
    assert [w.lower for w in words] == ["heap", "dynamic", "allocation"]
    assert text[words[0].start : words[0].end] == "heap"

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


def test_stemming_is_thread_safe():
    """Many threads stemming at once get the same stems as one thread (a web server's case)."""
    import random
    import string
    import threading

    from interview_coach.engine.scoring import text as text_module

    rng = random.Random(3)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 14))) + suffix
             for suffix in ("ational", "ization", "fulness", "iveness", "ing", "ed", "ly") for _ in range(400)]
    text_module.stem.cache_clear()
    expected = {w: text_module.snowballstemmer.stemmer("english").stemWord(w) for w in words}
    text_module.stem.cache_clear()
    results: dict[str, str] = {}
    errors: list[Exception] = []

    def work(chunk):
        try:
            for w in chunk:
                results[w] = text_module.stem(w)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(words[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == expected

"""Small text rules the content checks share: sentence counting and "does this text state that term".

They live apart from the schema because the scoring engine and the question bank must agree on
what "the reference answer states the key concept" means: a concept is stated when its name or
one of its aliases appears as whole words, case-insensitively, optionally pluralised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["split_sentences", "count_sentences", "term_pattern", "mentions", "first_mention", "normalise_term"]

# Abbreviations whose full stop does not end a sentence. Lower-cased, without the final dot.
_ABBREVIATIONS = frozenset(
    {
        "e.g", "i.e", "vs", "cf", "approx", "a.k.a", "aka", "esp", "incl", "resp", "viz", "et al",
        "fig", "no", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "min", "max", "ca", "sec",
        "u.s", "u.k", "e.t.c",
    }
)
# A full stop, "!" or "?" (optionally followed by closing quotes/brackets), then whitespace, then
# something that can start a sentence. A dot between digits ("1.5") or letters ("Node.js")
# has no whitespace after it, so it never matches.
_BOUNDARY = re.compile(r"""([.!?])['")\]]*\s+(?=["'(\[`]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, tolerant of "e.g.", "i.e.", "vs.", decimals and dotted names.

    A boundary is ".", "!" or "?" followed by whitespace and a capital letter, digit or opening
    quote/bracket, unless the dot ends a known abbreviation. Empty text gives an empty list.
    """
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(1) == ".":
            word = _WORD_BEFORE.search(text[start : match.start()])
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            # "et al." is two words; look one further back.
            if text[max(start, match.start() - 6) : match.start()].lower().endswith("et al"):
                continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def count_sentences(text: str) -> int:
    """Number of sentences in ``text`` (see :func:`split_sentences`)."""
    return len(split_sentences(text))


def normalise_term(term: str) -> str:
    """Lower-case, with runs of spaces and hyphens made one space: the key two terms are compared by."""
    return re.sub(r"[\s\-]+", " ", term.strip().lower())


@lru_cache(maxsize=8192)
def term_pattern(term: str) -> re.Pattern[str]:
    """A case-insensitive pattern that finds ``term`` as whole words in prose.

    Spaces and hyphens inside the term match each other ("write-ahead log" finds "write ahead
    log"); a plural ending is accepted ("s", "es", or "y" → "ies"); the term may not be part of a
    longer word. Terms that start or end with a symbol ("C++", ".NET") work because the
    boundaries are look-arounds on word characters, not ``\\b``.
    """
    words = [re.escape(w) for w in re.split(r"[\s\-]+", term.strip()) if w]
    if not words:
        raise ValueError("empty term")
    last = words[-1]
    plural = r"(?:s|es)?"
    if term.strip()[-1:].lower() == "y" and len(term.strip()) > 2:
        # "dependency" → "dependencies": drop the escaped "y" and accept either ending.
        last = last[:-1] + r"(?:y|ies|ys)"
        plural = ""
    body = r"[\s\-]+".join(words[:-1] + [last])
    return re.compile(rf"(?<!\w){body}{plural}(?!\w)", re.IGNORECASE)


def first_mention(text: str, terms: Iterable[str]) -> str | None:
    """The first of ``terms`` that ``text`` states (see :func:`term_pattern`), or None."""
    for term in terms:
        if term and term.strip() and term_pattern(term).search(text):
            return term
    return None


def mentions(text: str, terms: Iterable[str]) -> bool:
    """True when ``text`` states at least one of ``terms`` as whole words, case-insensitively."""
    return first_mention(text, terms) is not None

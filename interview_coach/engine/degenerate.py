"""Recognise text that is not an attempt at an answer: repeated text, filler characters, pasted noise.

``degenerate_reason(text) -> str | None`` is a pure function. It returns one sentence, addressed to
the candidate, saying why the text cannot be read as an answer, or ``None`` when it can. Callers
treat a degenerate answer as an empty one (no credit, no follow-up about its "content") and show the
sentence, so the candidate knows why. A short answer ("I don't know") is *not* degenerate: it is a
real, if weak, answer, and judging it is the scorer's job.

The checks, in order (the first that fires gives the reason); thresholds chosen so that every
genuine answer of the project's test personas and labelled examples passes:

1. **Filler characters**: among the non-space characters (at least :data:`MIN_CHARS`, 20), one
   character makes up :data:`FILLER_SHARE` (60 %) or more ("xxxxxxxx…", "........"), or fewer
   than :data:`LETTER_SHARE` (50 %) are letters ("!!!???###", "1234 5678 …").
2. **Pasted noise**: at least :data:`NOISE_SHARE` (50 %) of the characters sit in "words" longer
   than :data:`LONG_WORD` (30) characters (a base64 blob, a hash, a key held down).
3. **Repeated text**: a text of at least :data:`MIN_REPEAT_CHARS` (120) characters that zlib
   compresses below :data:`REPEAT_RATIO` (0.20) of its size (prose compresses to 0.45–0.65; one
   sentence pasted 50 times to about 0.03); or 3 or more sentences of which one makes up half or
   more. The reason quotes the repeated sentence and says how often it came.
4. **Not sentences**: at least :data:`MIN_NOISE_WORDS` (25) words of which fewer than
   :data:`STOPWORD_SHARE` (4 %) are function words (the, and, I, to …): English sentences use
   30–50 %, a keyboard mash or a pasted word list almost none.

Known limits: English only (another language's prose fails check 4); a long answer that repeats
itself only in part passes.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter

from .scoring.text import STOPWORDS

__all__ = ["degenerate_reason", "MIN_CHARS", "FILLER_SHARE", "LETTER_SHARE", "LONG_WORD", "NOISE_SHARE",
           "MIN_REPEAT_CHARS", "REPEAT_RATIO", "MIN_NOISE_WORDS", "STOPWORD_SHARE"]

MIN_CHARS = 20
FILLER_SHARE = 0.60
LETTER_SHARE = 0.50
LONG_WORD = 30
NOISE_SHARE = 0.50
MIN_REPEAT_CHARS = 120
REPEAT_RATIO = 0.20
MIN_NOISE_WORDS = 25
STOPWORD_SHARE = 0.04

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def degenerate_reason(text: str | None) -> str | None:
    """Why ``text`` is not an answer (one sentence for the candidate), or None when it is one."""
    flat = " ".join((text or "").split())
    chars = flat.replace(" ", "")
    if len(chars) < MIN_CHARS:
        return None
    char, count = Counter(chars).most_common(1)[0]
    if count / len(chars) >= FILLER_SHARE:
        return (f"The answer is mostly one character repeated (“{char * 5}…”, {count:,} times), so there is "
                "nothing to assess; it counts as no answer.")
    if sum(c.isalpha() for c in chars) / len(chars) < LETTER_SHARE:
        return ("The answer is mostly symbols or digits rather than words, so there is nothing to assess; "
                "it counts as no answer.")
    if sum(len(w) for w in flat.split() if len(w) > LONG_WORD) / len(chars) >= NOISE_SHARE:
        return ("The answer is mostly pasted strings with no spaces (not words), so there is nothing to "
                "assess; it counts as no answer.")
    repeated = _repeated(flat)
    if repeated:
        return repeated
    words = _WORD.findall(flat)
    if len(words) >= MIN_NOISE_WORDS and sum(w.lower() in STOPWORDS for w in words) / len(words) < STOPWORD_SHARE:
        return ("The answer does not read as sentences (a run of words with none of the small words sentences "
                "need), so there is nothing to assess; it counts as no answer.")
    return None


def _repeated(flat: str) -> str | None:
    sentences = [s.strip() for s in _SENTENCE.split(flat) if s.strip()]
    keys = [" ".join(_WORD.findall(s.lower())) for s in sentences]
    top, times = Counter(k for k in keys if k).most_common(1)[0] if any(keys) else ("", 0)
    compressed = len(zlib.compress(flat.encode("utf-8"), 9)) / len(flat.encode("utf-8"))
    if (len(sentences) >= 3 and times * 2 >= len(sentences) and times >= 2) or \
            (len(flat) >= MIN_REPEAT_CHARS and compressed < REPEAT_RATIO):
        if times >= 2:
            shown = next(s for s, k in zip(sentences, keys) if k == top)
            words = shown.split()
            shown = " ".join(words[:15]) + ("…" if len(words) > 15 else "")
            return (f"The answer repeats the same sentence (“{shown}”) {times} times; say it once and use the "
                    "time for detail. As written it counts as no answer.")
        return "The answer repeats the same words over and over, so there is nothing to assess; it counts as no answer."
    return None

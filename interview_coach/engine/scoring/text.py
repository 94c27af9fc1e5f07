"""Word-level text handling shared by the scoring signals: tokens, stems, stop words, typos.

Everything here is deterministic and cheap (no model): words are lower-cased, split on
anything that is not a letter (of any script), digit, ``_``, ``+``, ``#`` or an inner ``-``/``'``,
and reduced with the Snowball English stemmer so that "allocates", "allocated" and "allocating"
compare equal.
"""

from __future__ import annotations

import threading

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

__all__ = ["Token", "tokenize", "stem", "content_tokens", "STOPWORDS", "within_typo", "is_content"]

# Letters of any script, digits, "_" inside identifiers (malloc_trim), "+"/"#" (C++, C#), and
# inner hyphens or apostrophes (hash-table, don't).
_WORD = re.compile(r"[^\W_](?:[\w+#]|[-'’](?=[^\W_]))*")
_STEMMER_LOCK = threading.Lock()
_STEMMER = snowballstemmer.stemmer("english")

# Function words plus the filler verbs answers use everywhere ("is", "used", "means"): they
# carry no concept, so they never count as evidence that a concept was covered.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does doesn't
    doing don't down during each either else etc even ever every few for from further get gets got had
    hadn't has hasn't have haven't having he her here hers herself him himself his how however i if in
    into is isn't it it's its itself just let's like may me might more most much must my myself neither
    no nor not now of off often on once one only or other ought our ours ourselves out over own per
    rather really same shall she should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they this those through thus to too under until up upon us very
    via was wasn't we were weren't what when where whether which while who whom whose why will with
    within without won't would wouldn't yes yet you your yours yourself yourselves
    use used uses using usually mean means meaning called call thing things something way ways make
    makes made well basically simply kind sort lot lots many able need needs take takes""".split()
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its surface form, lower-cased form, stem and character span."""

    text: str
    lower: str
    stem: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem of a lower-cased word (cached: vocabularies are small). Thread-safe."""
    # A snowball stemmer keeps the word being stemmed in the instance, so one shared stemmer
    # garbles words (or raises IndexError) when two request threads stem at once.
    with _STEMMER_LOCK:
        return _STEMMER.stemWord(word)


def tokenize(text: str) -> list[Token]:
    """All words of ``text`` in order, with stems and offsets."""
    out = []
    for m in _WORD.finditer(text):
        lower = m.group().lower().replace("'s", "") if m.group().lower().endswith("'s") else m.group().lower()
        out.append(Token(m.group(), lower, stem(lower), m.start(), m.end()))
    return out


def is_content(token: Token) -> bool:
    """A word that can carry meaning: not a stop word and not a lone digit or letter."""
    return token.lower not in STOPWORDS and (len(token.lower) > 1 or token.lower.isdigit())


def content_tokens(text: str) -> list[Token]:
    """The content words of ``text``."""
    return [t for t in tokenize(text) if is_content(t)]


def within_typo(a: str, b: str) -> bool:
    """True when two words differ by a likely typo.

    Short words must match exactly (too many real words are one edit apart); words of 5–7
    letters may differ by one edit, longer ones by two (Damerau: a swap counts as one).
    """
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 5 or a[0] != b[0]:
        return False
    limit = 1 if shorter < 8 else 2
    if abs(len(a) - len(b)) > limit:
        return False
    return _damerau(a, b, limit) <= limit


def _damerau(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, stopping early once it exceeds ``limit``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]

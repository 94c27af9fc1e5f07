"""Red flags raised only from what the candidate said, each with the sentence that shows it.

Pure Python plus an optional embedding backend. :func:`find` compares each of the question's red
flags (the bank's descriptions, e.g. "Went straight to the manager without talking to the person
first") with the clauses of the answer and returns a :class:`RedFlagHit` per flag the answer shows.

A red flag is a verdict about the person, so a wrong one is worse than none; the rules are built for
precision:

1. **Only what the candidate asserts.** Clauses that are hypothetical ("I would…"), conditional,
   turned down ("rather than…", "instead of…"), a first reaction the story reverses ("my first
   instinct was…", "at first I thought…"), someone else's words or thoughts ("a colleague said they
   would never understand it"), or questions never raise a flag.
2. **Polarity must agree.** The flag's own statement (before "without …", "with no …") is positive
   ("went straight to the manager") or negative ("cannot name any wrong decision", "never pushes
   back"); a clause raises it only with the same polarity. So "I didn't go to our manager" never
   raises "Went straight to the manager", and "I have never missed a deadline" does raise "Claims to
   have never missed a deadline".
3. **No contradiction.** A flag's qualifier ("without talking to the person first") is a condition:
   when another asserted clause of the answer states it ("I went to talk to her first"), the flag is
   not raised.
4. **Close in meaning and in words.** The flag, read in the first person ("I went straight to the
   manager"), must be close to a clause (or to a whole sentence whose clauses are all asserted with one
   polarity) in meaning (cosine of MiniLM vectors ≥ :data:`SIM_STRONG`,
   or ≥ :data:`SIM_WITH_WORDS` when at least :data:`WORD_SHARE` of the flag's content words are in
   the clause), and share at least one content word with it that is not a word of the question (the
   question's words are its topic, not evidence), and be closer to the flag than to the question.
   Without a backend, word overlap alone (≥ :data:`WORD_ONLY`).
5. **No example at all.** When the answer tells no story and says so ("I do not really have an
   example"), the flags that describe exactly that ("Cannot give any example", "Cannot name any wrong
   decision") are raised, quoting that sentence.

Known limits: a paraphrase that shares no content word with the flag is not found (recall is traded
for precision); flags about the answer as a whole ("Story is mainly a complaint about the other
person") are matched clause by clause, so they are found only when one clause says it plainly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .star import StarAnalysis
from .text import Clause, Reading, normalise, words

__all__ = ["RedFlagHit", "find", "SIM_STRONG", "SIM_WITH_WORDS", "WORD_SHARE", "WORD_ONLY"]

SIM_STRONG = 0.62
SIM_WITH_WORDS = 0.42
WORD_SHARE = 0.5
WORD_ONLY = 0.75
CONTRADICTION_SIM = 0.55

_QUALIFIER = re.compile(r"\s(without|with no|rather than|instead of|before)\s", re.I)
_NEGATIVE = re.compile(r"\b(not|no|never|nothing|none|nobody|cannot|without)\b|n't\b", re.I)
# Flags that describe having no example at all: "Cannot give any example", "Cannot name any wrong decision".
_ABSENCE = re.compile(r"^\s*((cannot|can't|could not|is unable to) (give|name|describe|identify|recall|think of|point to|"
                      r"cite|provide|offer|remember) (any|anything|a single|an example|one)\b|nothing at all\b)", re.I)
_GENERIC = frozenset(
    "the a an and or of to in on at for with by from as is was were be been it its this that their them they "
    "they'd his her him he she any all every some someone person people other others thing things about into "
    "than then so such very just only also even own way story answer main point describes says talks claims "
    "treats frames spends considers presents cannot never nothing not no without".split())
_PRONOUNS = ((r"\btheir own\b", "my own"), (r"\btheirs\b", "mine"), (r"\btheir\b", "my"), (r"\bthemselves\b", "myself"),
             (r"\bthem\b", "me"), (r"\bthey\b", "I"))


@dataclass(frozen=True, slots=True)
class RedFlagHit:
    """A red flag the answer shows, the candidate's sentence that shows it, and how close it was."""

    flag: str
    evidence: str
    similarity: float


@dataclass(frozen=True, slots=True)
class _Unit:
    text: str  # the clause
    sentence: str  # its sentence, which is what the candidate is shown
    negated: bool


def find(flags: Sequence[str], reading: Reading, star: StarAnalysis, backend=None, question: str = "") -> list[RedFlagHit]:
    """The red flags among ``flags`` that the answer shows (see the module docstring), in ``flags`` order.
    ``question`` is the question asked: its words are the topic, so they never count as evidence."""
    flags = [f for f in flags if f and f.strip()]
    if not flags:
        return []
    units = [_Unit(c.text, s.text, c.negated) for s in reading.sentences for c in s.clauses if _usable(c)]
    # A whole sentence is a unit too when every clause of it is asserted with one polarity: "I redid his
    # part over a weekend and presented the reports as mine" says more than either half.
    for s in reading.sentences:
        if len(s.clauses) > 1 and all(_usable(c) for c in s.clauses) and len({c.negated for c in s.clauses}) == 1:
            units.append(_Unit(s.text, s.text, s.clauses[0].negated))
    hits: list[RedFlagHit] = []
    if not star.story:
        for flag in flags:
            if star.no_example and _ABSENCE.match(flag):
                hits.append(RedFlagHit(flag, star.no_example, 1.0))
    if not units:
        return hits
    cores = [_core(f) for f in flags]
    qualifiers = [_qualifier(f) for f in flags]
    sims = _similarities([_first_person(c) for c in cores], [q for q in qualifiers if q] + [question or "?"],
                         units, backend)
    topic = sims[-1] if sims is not None else None
    asked = _content(question)
    q_rows = iter(range(len(cores), len(cores) + sum(1 for q in qualifiers if q)))
    for i, flag in enumerate(flags):
        q_row = next(q_rows) if qualifiers[i] else None
        if any(h.flag == flag for h in hits):
            continue
        negative = bool(_NEGATIVE.search(cores[i]))
        wanted = _content(cores[i]) - asked
        best: tuple[float, _Unit] | None = None
        for j, unit in enumerate(units):
            if unit.negated != negative:
                continue
            share = len(wanted & _content(unit.text)) / len(wanted) if wanted else 0.0
            if not share:
                continue
            sim = float(sims[i, j]) if sims is not None else 0.0
            strong = sim >= SIM_STRONG or (sim >= SIM_WITH_WORDS and share >= WORD_SHARE)
            if sims is None:
                strong = share >= WORD_ONLY
            elif question and sim <= float(topic[j]):
                strong = False  # closer to the question than to the flag: it is on topic, not a red flag
            if strong and (best is None or sim > best[0]):
                best = (sim, unit)
        if best is None:
            continue
        if q_row is not None and sims is not None and _contradicted(sims[q_row], units):
            continue
        hits.append(RedFlagHit(flag, best[1].sentence, round(best[0], 3)))
    order = {f: n for n, f in enumerate(flags)}
    return sorted(hits, key=lambda h: order[h.flag])


def _usable(clause: Clause) -> bool:
    return clause.asserted and not clause.intention and len(words(clause.text)) >= 2


def _core(flag: str) -> str:
    """The flag's own statement, before any qualifier ("without …", "rather than …")."""
    return _QUALIFIER.split(normalise(flag), maxsplit=1)[0].strip()


def _qualifier(flag: str) -> str:
    """What the flag says was *not* done ("talking to the person first"), or ""."""
    parts = _QUALIFIER.split(normalise(flag), maxsplit=1)
    if len(parts) < 3 or parts[1].lower() not in ("without", "with no"):
        return ""
    return re.sub(r"^(any|a|an)\s+", "", parts[2].strip(), flags=re.I)


def _first_person(core: str) -> str:
    """The flag as the candidate would say it: "Went straight to the manager" → "I went straight to the manager"."""
    text = core
    for pattern, replacement in _PRONOUNS:
        text = re.sub(pattern, replacement, text, flags=re.I)
    text = _SPEAKS.sub(lambda m: m.group(1) + _base(m.group(2)), text)
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first.lower() not in ("the", "a", "an", "help", "story", "learning", "leadership",
                                                      "mentoring", "action", "updates", "stakeholders", "idea",
                                                      "direction", "automation", "improvement", "side",
                                                      "everything", "vanity", "vague", "solution", "complaints"):
        text = "I " + text[:1].lower() + text[1:]
    return text


# The flag's verb in the third person ("Describes", "never says"), which the candidate would say as "describe".
_SPEAKS = re.compile(r"^((?:(?:never|always|only|still|quietly|often)\s+)?)([A-Za-z]+s)\b", re.I)


def _base(verb: str) -> str:
    lower = verb.lower()
    if lower.endswith("ss") or lower in ("stakeholders", "updates", "complaints", "claims"):
        return verb
    if lower.endswith("ies"):
        return verb[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes")):
        return verb[:-2]
    return verb[:-1]


def _content(text: str) -> set[str]:
    return {w.lower()[:5] for w in words(text) if len(w) > 2 and w.lower() not in _GENERIC}


def _similarities(flag_texts: list[str], qualifier_texts: list[str], units: list[_Unit], backend):
    """Rows: flags then qualifiers; columns: units. None without a backend."""
    if backend is None:
        return None
    texts = flag_texts + qualifier_texts + [u.text for u in units]
    vectors = np.asarray(backend.embed(texts), dtype=np.float32)
    rows = len(flag_texts) + len(qualifier_texts)
    return vectors[:rows] @ vectors[rows:].T


def _contradicted(qualifier_sims, units: list[_Unit]) -> bool:
    """The answer states, positively, the very thing the flag says was not done."""
    return any(sim >= CONTRADICTION_SIM and not unit.negated for sim, unit in zip(qualifier_sims, units))

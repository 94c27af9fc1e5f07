"""Depth, confidence and key terms of an answer, each from signals a reader can check.

- **Depth** (shallow / medium / deep) counts elaboration, causal links and examples:
  one point for ≥ 20 content words, one more for ≥ 45, one per causal link (at most two:
  "because", "therefore", "which means", "leads to" …), one for an example ("for example",
  "such as", "e.g." …). Fewer than 10 content words or no point is *shallow*; 3 points or more
  is *deep*; anything else is *medium*.
- **Confidence** (low / medium / high) weighs hedging ("I think", "maybe", "not sure", a
  question mark at the end) against assertive language ("always", "guarantees", "must" …):
  two hedges or one strong hedge ("no idea", "not sure", "I guess") is *low*; no hedge and either
  an assertive word or ≥ 12 content words is *high*; anything else is *medium*.
- **Key terms** are the domain terms the answer used, as phrases: runs of words of the domain
  vocabulary (the names and aliases of the question's key concepts and of every concept in the
  content bank), words that matched a key concept, and words that look technical
  on their own (acronyms such as TCP, identifiers such as hash_map or malloc(), terms with digits
  such as O(n)). Common words ("still", "end", "difference") are never key terms on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Token, is_content

__all__ = ["Signals", "measure", "depth_of", "confidence_of", "key_terms", "MAX_KEY_TERMS"]

MAX_KEY_TERMS = 20

_CAUSAL = (
    "because",
    "since",
    "therefore",
    "thus",
    "hence",
    "so that",
    "as a result",
    "which means",
    "this means",
    "that means",
    "leads to",
    "lead to",
    "results in",
    "result in",
    "due to",
    "in order to",
    "consequently",
    "that is why",
    "which is why",
    "otherwise",
    "causes",
    "caused by",
    "ensures",
    "prevents",
    "so we",
    "so it",
    "so the",
    "this is why",
    "the reason",
    "that's why",
    "which causes",
    "causing",
    "which makes",
    "which lets",
    "which allows",
    "so you",
    "so they",
    "so that's",
    "that way",
    "this way",
    "to avoid",
    "to prevent",
    "meaning that",
    "thereby",
    "as a consequence",
    "because of",
    "leads",
    "resulting in",
    "so each",
    "so a",
    "so no",
    "so if",
)
_EXAMPLE = (
    "for example",
    "for instance",
    "e.g.",
    "such as",
    "consider",
    "imagine",
    "suppose",
    "say we",
    "like when",
    "in practice",
    "an example",
    "example",
    "instance of",
    "i.e.",
    "think of",
    "picture",
    "say you",
    "let's say",
    "lets say",
    "if you have",
    "take a",
    "like a",
    "like an",
    "classic case",
    "in my project",
    "in our project",
    "in my internship",
    "at my job",
    "when i worked",
    "when i built",
    "in one project",
    "real world",
    "real-world",
)
_HEDGE = (
    "i think",
    "i guess",
    "maybe",
    "perhaps",
    "probably",
    "possibly",
    "might",
    "not sure",
    "i'm not sure",
    "not certain",
    "i believe",
    "kind of",
    "sort of",
    "i suppose",
    "could be",
    "if i remember",
    "i don't know",
    "don't know",
    "no idea",
    "somewhat",
    "it seems",
    "seems",
    "i feel",
    "not really sure",
    "i'm guessing",
)
_STRONG_HEDGE = ("not sure", "no idea", "don't know", "i guess", "i'm guessing", "not certain")
_ASSERTIVE = (
    "always",
    "never",
    "definitely",
    "guarantees",
    "guarantee",
    "ensures",
    "must",
    "certainly",
    "clearly",
    "exactly",
    "precisely",
    "in fact",
    "specifically",
    "by definition",
    "every",
)


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


_CAUSAL_RE, _EXAMPLE_RE = _pattern(_CAUSAL), _pattern(_EXAMPLE)
_HEDGE_RE, _STRONG_RE, _ASSERT_RE = _pattern(_HEDGE), _pattern(_STRONG_HEDGE), _pattern(_ASSERTIVE)
# ", so <clause>" is a causal link too; the listed "so the/it/we…" forms are already counted above.
_COMMA_SO = re.compile(r",\s*so\s+(?!(?:that|we|it|the|you|they|a|no|if|each|that's)\b)\w", re.IGNORECASE)
_TECHNICAL = re.compile(r"^(?:[A-Z][A-Z0-9]{1,}s?|.*\d.*|.*[_+#].*|[a-z]+[A-Z]\w*)$")


@dataclass(frozen=True, slots=True)
class Signals:
    """The counts behind depth and confidence."""

    content_words: int
    sentences: int
    causal_links: int
    examples: int
    hedges: int
    strong_hedges: int
    assertive: int
    ends_with_question: bool


def measure(text: str, tokens: list[Token]) -> Signals:
    """Count the observable signals in ``text`` (``tokens`` are its words)."""
    stripped = text.strip()
    sentences = (
        max(1, len([s for s in re.split(r"[.!?]+(?:\s|$)", stripped) if s.strip()])) if stripped else 0
    )
    return Signals(
        content_words=sum(1 for t in tokens if is_content(t)),
        sentences=sentences,
        causal_links=len(_CAUSAL_RE.findall(text)) + len(_COMMA_SO.findall(text)),
        examples=len(_EXAMPLE_RE.findall(text)),
        hedges=len(_HEDGE_RE.findall(text)),
        strong_hedges=len(_STRONG_RE.findall(text)),
        assertive=len(_ASSERT_RE.findall(text)),
        ends_with_question=stripped.endswith("?"),
    )


def depth_of(s: Signals) -> str:
    """shallow / medium / deep from elaboration, causal links and examples (module doc)."""
    points = (s.content_words >= 20) + (s.content_words >= 45) + min(s.causal_links, 2) + (s.examples > 0)
    if s.content_words < 10 or points == 0:
        return "shallow"
    return "deep" if points >= 3 else "medium"


def confidence_of(s: Signals) -> str:
    """low / medium / high from hedging versus assertive language (module doc)."""
    if s.hedges >= 2 or s.strong_hedges >= 1 or s.ends_with_question:
        return "low"
    if s.hedges == 0 and (s.assertive > 0 or s.content_words >= 12):
        return "high"
    return "medium"


def key_terms(tokens: list[Token], matched_words: list[str], vocabulary: frozenset[str] | set[str]) -> list[str]:
    """Domain terms the answer used, in order of first use, adjacent term words joined (module doc)."""
    matched = {w.lower() for phrase in matched_words for w in phrase.split()}
    out: dict[str, str] = {}
    run: list[Token] = []

    def flush() -> None:
        if run:
            words = [t.text if t.text.isupper() and len(t.text) > 1 else t.lower for t in run]
            out.setdefault(" ".join(t.stem for t in run), " ".join(words))
        run.clear()

    for tok in tokens:
        if is_content(tok) and (tok.lower in matched or tok.stem in vocabulary or _TECHNICAL.match(tok.text)):
            run.append(tok)
            if len(run) == 3:
                flush()
        else:
            flush()
        if len(out) >= MAX_KEY_TERMS:
            break
    flush()
    return list(out.values())[:MAX_KEY_TERMS]

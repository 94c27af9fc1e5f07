"""What in an answer a follow-up can react to: a cause the candidate named, a decision, a number,
the last thing they did, or a story told only as "we".

``probes(answer, question_text="") -> list[Probe]`` is pure, no model. Each :class:`Probe` carries
the clause to quote back (the whole clause, see :func:`interview_coach.engine.feedback.evidence.clause_around`,
without a leading "I found that" / "so" / "and"). Kinds, in the order a follow-up prefers them:

- **cause** — the candidate explained why something happened: "came from", "was caused by",
  "because of", "due to", "turned out", "traced it to", "the problem/issue/root cause was";
- **decision** — a choice: "I/we decided/chose/picked/went with/opted for/switched to", "instead of",
  "rather than";
- **number** — a measurable figure (:func:`~interview_coach.engine.feedback.evidence.figures`; a
  number echoed from the question does not count);
- **ownership** — three or more "we" and no "I" doing anything: the candidate's own part is the gap;
- **action** — the candidate's last first-person action ("I moved…", "we migrated…"): what a
  request for the missing result refers to.

Known limits: English cue phrases only; a cause or decision that is negated ("it wasn't due to…") is
still quoted back, which is harmless in a question ("You said it wasn't due to…: how did you find that?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..feedback.evidence import clause_around, figures

__all__ = ["Probe", "probes", "told_as_we", "PROBE_KINDS"]

PROBE_KINDS = ("cause", "decision", "number", "ownership", "action")
_CAUSE = re.compile(r"\b(came from|comes from|caused by|was caused|because of|due to|turned out|traced (?:it |this |"
                    r"the \w+ )?(?:back )?to|(?:the )?(?:root )?cause was|the (?:problem|issue|bug) was)\b", re.I)
_DECISION = re.compile(r"\b(?:I|we)\s+(?:then\s+|finally\s+)?(?:decided|chose|picked|went with|opted for|switched to|"
                       r"settled on|proposed)\b|\binstead of\b|\brather than\b", re.I)
_ACTION = re.compile(r"\b(?:I|we)\s+(?:then\s+|also\s+|first\s+|finally\s+)?(?:\w+ed|built|led|wrote|ran|made|took|"
                     r"set up|found|chose|rewrote|rebuilt|did|brought|kept|moved|split|cut|shipped)\b", re.I)
_WE = re.compile(r"\bwe\b", re.I)
_I_ACT = re.compile(r"\bI\s+(?!think|guess|mean|believe|feel|suppose)\w+", re.I)
# Openings that make a quote read badly in the interviewer's mouth ("You said “so then I found that…”").
_LEAD = re.compile(r"^(?:(?:and|but|so|then|which|after that|in the end|finally)\s+)*"
                   r"(?:(?:I|we)\s+(?:found|realised|realized|noticed|saw|learned|discovered)\s+(?:out\s+)?that\s+|"
                   r"it turned out(?:\s+that)?\s+(?=\w+\s+\w+))?", re.I)
_PARTS = re.compile(r",\s+|;\s+|\s+(?=(?:so|but|which|and then|because|although|while)\s)", re.I)
MAX_WORDS = 22


@dataclass(frozen=True, slots=True)
class Probe:
    """One thing to react to: its kind (:data:`PROBE_KINDS`), the words to quote, and for a number the figure."""

    kind: str
    quote: str
    figure: str = ""


def probes(answer: str, question_text: str = "") -> list[Probe]:
    """The probes found in ``answer``, in :data:`PROBE_KINDS` order, at most one of each kind."""
    text = " ".join((answer or "").split())
    if not text:
        return []
    out: list[Probe] = []
    for kind, pattern in (("cause", _CAUSE), ("decision", _DECISION)):
        m = pattern.search(text)
        if m:
            out.append(Probe(kind, _said(text, m.start(), m.end())))
    found = figures(text, question_text)
    if found:
        out.append(Probe("number", _said(text, found[0].start, found[0].end), found[0].text))
    if told_as_we(text):
        m = _WE.search(text)
        out.append(Probe("ownership", _said(text, m.start(), m.end())))
    actions = list(_ACTION.finditer(text))
    if actions:
        out.append(Probe("action", _said(text, actions[-1].start(), actions[-1].end())))
    return out


def told_as_we(text: str) -> bool:
    """Whether ``text`` says "we" three or more times and never "I" doing anything ("I think" aside)."""
    return len(_WE.findall(text or "")) >= 3 and not _I_ACT.search(text or "")


def _said(text: str, start: int, end: int) -> str:
    """The clause around ``start:end`` without a weak opening, at most :data:`MAX_WORDS` words
    (cut to the words around the cue when longer), without its final full stop. A clause that
    opens with the cue ("because of retries") keeps the clause before it, which says what it explains."""
    sentence = clause_around(text, start, end)
    at = sentence.find(text[start:end])
    pieces, pos = [], 0
    for m in _PARTS.finditer(sentence):
        pieces.append((pos, sentence[pos:m.start()]))
        pos = m.end()
    pieces.append((pos, sentence[pos:]))
    idx = max((i for i, (p, _) in enumerate(pieces) if p <= max(at, 0)), default=0)
    lo = idx - 1 if idx > 0 and (pieces[idx][0] == at or len(pieces[idx][1].split()) < 4) else idx
    clause = _LEAD.sub("", sentence[pieces[lo][0]:pieces[idx][0] + len(pieces[idx][1])]).strip().rstrip(".!?,;:")
    words = clause.split()
    if len(words) > MAX_WORDS:
        cue = text[start:end].split()[0] if text[start:end].split() else ""
        at = next((i for i, w in enumerate(words) if cue and w.startswith(cue)), 0)
        words = words[max(0, at - 8): max(0, at - 8) + MAX_WORDS]
    return re.sub(r"(?:[,;:]|\s+(?:and|but|so|then|or|which|because))+$", "", " ".join(words), flags=re.I)

"""How a behavioural answer is read: sections under STAR labels, sentences, and clauses with their polarity.

Pure Python. :func:`read` turns an answer into :class:`Sentence` objects, each carrying the STAR
label of the section it sits in (when the candidate wrote labels) and its :class:`Clause` parts.

**Labels.** A label opens a section at the start of a line or of a sentence: a word such as
``Situation``, ``Context``, ``Task``, ``Goal``, ``Challenge``, ``Action``, ``What I did``, ``Result``,
``Outcome``, ``Impact`` or ``Lesson`` followed by ``:`` or a dash, a letter ``S``/``T``/``A``/``R``
followed by ``:``, ``)`` or a dash, ``(S)``, or such a word alone on a line (a Markdown heading). Bold,
italic, heading marks and list bullets around a label are ignored. A section runs until the next
label. "Challenge"/"Problem" sections state both the situation and the task (the CAR form).

**Clauses.** A sentence is cut at semicolons, dashes, colons and the words that join clauses ("but",
"so", "because", "which", "when", "rather than", "instead of", ", and" …). Each clause records what
a reader needs before taking it as something that happened:

- ``negated``: a negation governs it ("didn't", "never", "no one", "nothing", "without …" and
  "with no …" parts are clauses of their own, so "I went to him without asking" keeps its first half);
- ``modal``: would/should/might/will/… or "could have": not something that happened;
- ``conditional``: introduced by if/unless;
- ``intention``: wanted/planned/was going to/was tempted to/first instinct: meant, not (yet) done;
- ``habitual``: usually/always/typically/tend to: a habit, not one story ("whenever he was stuck, I…"
  in a past story is part of that story);
- ``rejected``: the alternative turned down ("rather than X", "instead of X", "as opposed to X");
- ``superseded``: a first reaction that the story goes on to reverse ("at first I thought…");
- ``reported``: someone else's words or thoughts ("she told me…", "saying they would…");
- ``question``: it ends with a question mark.

Known limits: English only; negation scope is the clause, not the phrase (so "not only … but also"
reads as negated); identical past/present forms ("read", "set", "put") count as past only when the
answer tells a past story elsewhere (see :mod:`.star`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Clause", "Sentence", "Reading", "read", "PARTS", "LABEL_PARTS", "words", "normalise"]

PARTS = ("situation", "task", "action", "result")

# Label word → the STAR parts its section states. "Reflection" sections are kept but are no STAR part.
LABEL_PARTS: dict[str, tuple[str, ...]] = {}
for _names, _parts in (
    ("situation context background setting scenario", ("situation",)),
    ("task tasks goal goals objective objectives aim assignment mission brief responsibility", ("task",)),
    ("challenge problem", ("situation", "task")),
    ("action actions approach steps solution", ("action",)),
    ("result results outcome outcomes impact effect", ("result",)),
    ("lesson lessons learning learnings reflection takeaway takeaways", ("reflection",)),
):
    for _name in _names.split():
        LABEL_PARTS[_name] = _parts
LABEL_PARTS.update({"what i did": ("action",), "what we did": ("action",), "how i did it": ("action",),
                    "my actions": ("action",), "what i learned": ("reflection",), "what i learnt": ("reflection",),
                    "lessons learned": ("reflection",), "lessons learnt": ("reflection",)})
_LETTERS = {"S": ("situation",), "T": ("task",), "A": ("action",), "R": ("result",)}

_WORD_LABEL = "|".join(sorted((re.escape(k) for k in LABEL_PARTS), key=len, reverse=True))
# A label word followed by ":" or a spaced dash, or a capital letter followed by ":", ")" or a dash.
_LABEL = re.compile(
    rf"(?:(?P<word>{_WORD_LABEL})\s*(?::|\s[-–—]\s|[-–—]\s)|(?P<letter>[STAR])\s*(?::|\)|\s?[-–—]\s)|\((?P<paren>[STAR])\))\s*",
    re.I)
_HEADING = re.compile(rf"^(?P<word>{_WORD_LABEL})\s*:?\s*$", re.I)
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s*|[-*•+]\s+|\d{1,2}[.)]\s+)+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9(])")
_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|etc|vs|approx|Mr|Mrs|Ms|Dr|St|No|a\.m|p\.m|Inc|Ltd|Co)\.$", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,:]\d+)?%?")

# Where a sentence splits into clauses; the joining words stay at the start of the clause they open.
_JOINERS = (
    r";|\s[-–—]\s|:\s|,\s*(?:but|yet|so|and so|which|who|whom|whose|where|while|whereas|although|though|"
    r"and then|then|and|or|because|since|until|unless|if|when|once|as soon as|instead|however|even though)\b|"
    r"\s(?:but|because|although|though|even though|whereas|unless|until|rather than|instead of|as opposed to|"
    r"without|with no|so that|so|when|whenever|if|before|after|once|while|and then|and I|and we|and he|and she|"
    r"and they|and it|and the|and our|and my|but I|and nobody|and no one|that would|that will|that could|"
    r"that might|which would|which will|where)\b|,\s*with\b|,\s*(?=(?:I|we)\s)"
)
_SPLIT = re.compile(rf"(?={_JOINERS})", re.I)
_LEADING_SUBORDINATE = re.compile(
    r"^(when|while|after|before|if|once|since|as soon as|although|though|because|unless|whenever|until|"
    r"instead of|rather than|during|by the time)\b[^,]{3,120},\s*", re.I)

_NEGATION = re.compile(
    r"\b(not|no|never|nobody|nothing|none|neither|nor|without|hardly|barely|cannot|noone|no-one)\b|n't\b|\bno one\b",
    re.I)
_MODAL = re.compile(
    r"\b(would|should|might|must|shall|will|wo|could have|could've|would've|should've|going to|gonna)\b|'ll\b|"
    r"(?-i:\bmay\b)", re.I)
_CONDITIONAL = re.compile(r"^\W*(?:and\s+|but\s+|so\s+|,\s*)?(if|unless|in case)\b", re.I)
_INTENTION = re.compile(
    r"\b(want(ed|s)? to|plan(ned|ning|s)? to|intend(ed|s)? to|was going to|were going to|hope(d|s)? to|"
    r"hopefully|tempted|temptation|(first|initial) (instinct|reaction|impulse|thought)|part of me wanted|"
    r"it would have been easy|the easy (thing|option|way))\b", re.I)
_HABITUAL = re.compile(
    r"\b(usually|always|normally|typically|generally|often|tend(s|ed)? to|in general|as a rule|most of the time)\b",
    re.I)
_REJECTED = re.compile(r"^\W*(rather than|instead of|as opposed to)\b", re.I)
_SUPERSEDED = re.compile(r"\b(at first|initially|to begin with|first instinct|first reaction|my instinct)\b", re.I)
_REPORTING = re.compile(
    r"\b(said|says|saying|told (me|us|him|her|them)|tells (me|us)|thought|thinks|assumed|claimed|believed|"
    r"argued|insisted|complained|felt that|called (it|him|her|them))\b", re.I)
_FIRST_PERSON_START = re.compile(r"^\W*(?:\w+\W+){0,3}?(I|I'm|I've|I'd|we|we've|we'd)\b")
_PLUPERFECT = re.compile(r"\b(I|we|you|he|she|they)'d\s+(\w+)", re.I)


def normalise(text: str) -> str:
    """Curly quotes straightened, so contractions match one way."""
    return (text or "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def words(text: str) -> list[str]:
    """The words (and numbers) of ``text``."""
    return _WORD.findall(text or "")


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a sentence and how it stands (see the module docstring)."""

    text: str
    negated: bool = False
    modal: bool = False
    conditional: bool = False
    intention: bool = False
    habitual: bool = False
    rejected: bool = False
    superseded: bool = False
    reported: bool = False
    question: bool = False

    @property
    def happened(self) -> bool:
        """Told as something that happened: not negated, hypothetical, intended, habitual or turned down."""
        return not (self.negated or self.modal or self.conditional or self.intention or self.habitual
                    or self.rejected or self.question)

    @property
    def asserted(self) -> bool:
        """Stated by the candidate as true of themselves or their story (habits included), whatever its
        polarity: not hypothetical, turned down, reversed later, someone else's words, or a question."""
        return not (self.modal or self.conditional or self.rejected or self.superseded or self.reported
                    or self.question)


@dataclass(slots=True)
class Sentence:
    """A sentence of the answer, the STAR parts its labelled section states (if any), and its clauses."""

    text: str
    index: int
    parts: tuple[str, ...] = ()
    label: str = ""  # the label as the candidate wrote it
    clauses: list[Clause] = field(default_factory=list)


@dataclass(slots=True)
class Reading:
    """An answer read into sentences. ``labelled`` is True when the candidate used STAR labels."""

    sentences: list[Sentence]
    labelled: bool

    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def read(answer: str) -> Reading:
    """The answer's sentences, with the labels the candidate wrote and each sentence's clauses."""
    sections: list[tuple[tuple[str, ...], str, str]] = []  # (parts, label text, content)
    current: tuple[tuple[str, ...], str] = ((), "")
    for raw_line in normalise(answer).splitlines():
        line = _EMPHASIS.sub("", _MARKUP.sub("", raw_line)).strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            current = (LABEL_PARTS[heading.group("word").lower()], heading.group("word"))
            continue
        for parts, label, content in _split_labels(line):
            if parts is not None:
                current = (parts, label)
            if content.strip():
                sections.append((current[0], current[1], content.strip()))
    sentences: list[Sentence] = []
    for parts, label, content in sections:
        for text in _sentences(content):
            sentence = Sentence(text, len(sentences), parts, label)
            sentence.clauses = _clauses(text)
            sentences.append(sentence)
    _mark_superseded(sentences)
    return Reading(sentences, any(s.parts for s in sentences))


def _split_labels(line: str):
    """(parts or None, label, content) pieces of a line: a label may open the line or any sentence in it."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(line)]
    starts += [m.start() for m in re.finditer(r"(?<=\s)\([STAR]\)", line)]
    cuts = []
    for start in sorted(set(starts)):
        m = _LABEL.match(line, start)
        if m and _is_label(m):
            cuts.append((start, m))
    if not cuts:
        yield None, "", line
        return
    if cuts[0][0] > 0:
        yield None, "", line[:cuts[0][0]]
    for i, (start, m) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(line)
        if m.group("word"):
            label = m.group("word")
            parts = LABEL_PARTS[label.lower()]
        else:
            label = m.group("letter") or m.group("paren")
            parts = _LETTERS[label]
        yield parts, label, line[m.end():end]


def _is_label(m: re.Match) -> bool:
    letter = m.group("letter")
    if letter is not None:
        return letter.isupper()  # "A: …" is a label, "a - …" is not
    word = m.group("word")
    # "situation: …" is a label in any case; with a dash ("Result - …") only when capitalised, since a
    # sentence may open with "outcome - wise" or the like.
    return word is None or word[0].isupper() or m.group(0).rstrip().endswith(":")


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if out and _ABBREVIATIONS.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _clauses(sentence: str) -> list[Clause]:
    question = sentence.rstrip().endswith("?")
    pieces: list[str] = []
    lead = _LEADING_SUBORDINATE.match(sentence)
    rest = sentence
    if lead:
        pieces.append(lead.group(0).rstrip(", "))
        rest = sentence[lead.end():]
    pieces += [p for p in _SPLIT.split(rest)]
    out = []
    for piece in pieces:
        for part in _COORDINATED.split(piece):
            head, complement = _speech(part.strip(" ,;:–—-"))
            if words(head):
                out.append(_clause(head, question))
            if complement and words(complement):
                said = _clause(head, question)
                speaker_is_me = bool(_FIRST_PERSON_START.match(head))
                embedded_question = bool(re.search(r"\basked\W*$", head, re.I)) and bool(
                    re.match(r"(what|how|why|when|whether|if|who|which)\b", complement, re.I))
                # "I'd say that…" hedges what follows; "she asked why…" asks, it does not tell.
                out.append(_replace(_clause(complement, question), reported=not speaker_is_me,
                                    modal=said.modal or _clause(complement, question).modal,
                                    conditional=said.conditional, question=question or embedded_question))
    return out


# "… and gave me nothing else", "… and didn't mention it": a second predicate has its own polarity.
_COORDINATED = re.compile(r"\s(?=and\s+(?:then\s+|also\s+)?(?:didn't|did not|never|\w+ed|went|took|made|wrote|ran|"
                          r"met|told|gave|got|sent|built|led|brought|found|kept|held|left|said|saw|sat|spent|"
                          r"began|drew|chose|put|set|cut|split|shut|let|rewrote|came|became)\b)", re.I)
# "I told her that's not how I work": what was said is a clause of its own, so the saying keeps its polarity.
_SPEECH = re.compile(
    r"^(?P<head>.{0,60}?\b(told|tell|tells|said|say|says|explained|warned|replied|answered|admitted|mentioned|"
    r"promised|assured|informed|showed|asked)\b(?:\s+(?:to\s+)?(?:[\w']+\s+){0,3}?)?)"
    r"(?P<rest>(?:that|what|how|why|when|whether|if|I|we|he|she|they|it|this|there|everyone|nobody|people)\b.*)$",
    re.I)


def _speech(text: str) -> tuple[str, str]:
    """(the saying, what was said) when ``text`` reports speech, else (text, "")."""
    m = _SPEECH.match(text)
    if not m or len(words(m.group("rest"))) < 3 or len(words(m.group("head"))) < 2:
        return text, ""
    return m.group("head").strip(), m.group("rest")


def _clause(text: str, question: bool) -> Clause:
    modal = bool(_MODAL.search(text))
    for m in _PLUPERFECT.finditer(text):  # "I'd added" is "I had added"; "I'd add" is "I would add"
        if not _looks_past(m.group(2)):
            modal = True
    reporting = _REPORTING.search(text)
    reported = bool(reporting) and not _FIRST_PERSON_START.match(text[:reporting.start()] or "x")
    return Clause(
        text=text, negated=bool(_NEGATION.search(text)), modal=modal,
        conditional=bool(_CONDITIONAL.match(text)), intention=bool(_INTENTION.search(text)),
        habitual=bool(_HABITUAL.search(text)), rejected=bool(_REJECTED.match(text)),
        superseded=bool(_SUPERSEDED.search(text)), reported=reported, question=question)


def _mark_superseded(sentences: list[Sentence]) -> None:
    """A first reaction ("at first I thought…", "my first instinct was…") is superseded by what follows;
    the clauses right after it in the same sentence share its fate until a "but"/"then" turns the story."""
    for sentence in sentences:
        seen = False
        for i, clause in enumerate(sentence.clauses):
            if clause.superseded:
                seen = True
            elif seen and not re.match(r"^\W*(but|then|however|yet|so)\b", clause.text, re.I):
                sentence.clauses[i] = _replace(clause, superseded=True)
            else:
                seen = False


def _replace(clause: Clause, **changes) -> Clause:
    values = {name: getattr(clause, name) for name in Clause.__slots__}
    values.update(changes)
    return Clause(**values)


_IRREGULAR_PARTICIPLES = frozenset(
    "been done gone taken made written run met spoken told given got gotten set put sent built led brought "
    "bought thought found begun drawn driven chosen kept held left lost paid read said seen sat stood taught "
    "won broken caught fought dug fed shut split cut hit let quit spent understood rewritten become come had "
    "known felt heard meant grown thrown flown shown hidden frozen ridden risen fallen".split())


def _looks_past(word: str) -> bool:
    w = word.lower()
    return w in _IRREGULAR_PARTICIPLES or (w.endswith("ed") and len(w) > 3)

"""Which STAR parts an answer contains, each with the words that show it, and whether it tells a story at all.

Pure Python. :func:`analyse` reads the answer (:mod:`.text`) and returns a :class:`StarAnalysis`: one
:class:`PartVerdict` per part (situation, task, action, result), whether there is a story, the
candidate's own actions, and the I/we counts of the story's actions.

What each part means (the same rules the labelled bench set in ``bench/data/star/`` follows):

- **Situation**: when, where or in what project the story happened, or the state of affairs that
  prompted it ("Last March our payments API started returning 502s").
- **Task**: what the candidate (or their team) had to achieve or was asked, expected or responsible to
  do: an assignment, a goal, a target or a deadline ("my job was to…", "I was asked to…", "we had two
  weeks to…", "I was the incident lead"). A job title alone is part of the situation.
- **Action**: a step the candidate or their team actually took in that story, in the past tense ("I
  rolled back the deploy"). Not what they would do, usually do, meant to do, or did not do.
- **Result**: how it turned out after the actions, good or bad ("errors were back to zero within 40
  minutes", "the project was cancelled"). Not a hope, a prediction, or "I never found out".

Labels win first: a section the candidate labelled ("Situation:", "**T** –", "## Result", "What I
did:") shows that part when its content says something real: not "N/A", not a denial ("I have not been
in that situation"), and for actions and results not only what would or might happen. Unlabelled text
is read for cues (below), so a labelled answer can still show a part it did not label.

**A story** is an answer that recounts something that happened: an action of the candidate's, a
labelled part with real content, or a scene set in the past ("last year", "at my previous job", "our
team was…"). Without one, no part is present and nothing is credited, and the sentence that says
there is no example ("I do not really have an example") is kept to quote back.

Cues for unlabelled text (clauses as :mod:`.text` reads them):

- *action*: "I"/"we"/"my team" followed (after at most two adverbs) by a past-tense verb of doing, in
  a clause that happened. Verbs of state or thought (was, had, felt, wanted, noticed, realised…) are
  not actions; neither is "had to" (a task), "was asked to" (a task) or "had built" (background).
  Past forms identical to the present ("read", "set", "put") count only when another past action
  does. Verbs listed after the first ("I paged X, rolled back Y and watched Z") count as further actions.
- *situation*: a time or place anchor in a past-tense sentence, a background statement ("I was
  working on…", "we were migrating…", "there was…", "our CI took…"), a discovery that sets a scene
  ("I noticed couriers were calling support"), or any past-tense statement before the first action
  that is neither the task nor a verdict on how it went.
- *task*: the obligation, assignment, goal, responsibility or deadline phrasings listed in
  :data:`_TASK`, in a clause that is not negated or hypothetical.
- *result*: after the first action (or, with none, after the opening sentence): an outcome marker
  ("as a result", "in the end", "since then"), an outcome verb with its subject ("the crash rate fell",
  "we shipped", "the client renewed", "it didn't work out": a bad outcome is an outcome), a measured
  change ("from 41% to 78%"), or a state reported after the candidate's last action. Never a clause
  that says the outcome is unknown, a reason ("because it was…"), or a feeling ("it was a bit
  embarrassing").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cues import (
    _ADVERBS, _AMBIGUOUS_PAST, _BACKGROUND, _CHANGE, _DENIAL, _DISCOVERY, _FEELING, _INACTION,
    _IRREGULAR_PAST, _LATER, _LEADING, _NAMED_TASK, _NOT_PAST_ED, _NO_EXAMPLE, _OUTCOME, _OUTCOME_MARKER,
    _REASON, _SETTING, _STATE_VERBS, _SUBJECTS, _TASK, _TIME_ANCHOR, _TIME_FRAME, _UNKNOWN,
    _VERDICT_STATE, _WEAK_OUTCOME,
)
from .text import PARTS, Clause, Sentence, read, words

__all__ = ["PartVerdict", "StarAnalysis", "analyse", "PART_LABELS"]

PART_LABELS = {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result"}


@dataclass(frozen=True, slots=True)
class PartVerdict:
    """One STAR part: present or not, and the words of the answer that show it ("" when absent)."""

    part: str
    present: bool
    evidence: str = ""
    how: str = ""  # "label" (a section the candidate labelled) or "cue" (read from the wording)

    @property
    def label(self) -> str:
        return PART_LABELS[self.part]


@dataclass(slots=True)
class StarAnalysis:
    """What :func:`analyse` found (see the module docstring)."""

    parts: dict[str, PartVerdict]
    story: bool
    no_example: str = ""  # the candidate's sentence saying they have no example, when there is one
    labelled: bool = False
    actions: list[str] = field(default_factory=list)  # distinct verbs of the candidate's own actions
    action_evidence: list[str] = field(default_factory=list)  # the clauses they came from, in order
    mine: int = 0  # I/me/my in the story's action clauses
    ours: int = 0  # we/us/our in the story's action clauses

    def present(self, part: str) -> bool:
        return self.parts[part].present


def analyse(answer: str) -> StarAnalysis:
    """The STAR parts of ``answer`` (see the module docstring). Never raises on odd text."""
    reading = read(answer)
    sentences = reading.sentences
    actions = _actions(sentences)
    labelled = {part: _labelled(sentences, part) for part in PARTS}
    has_action = bool(actions)
    setting = next((s for s in sentences if _sets_scene(s)), None)
    story = has_action or any(v is not None for v in labelled.values()) or setting is not None
    no_example = next((s.text for s in sentences if _NO_EXAMPLE.search(s.text)), "")
    if not story:
        empty = {part: PartVerdict(part, False) for part in PARTS}
        return StarAnalysis(empty, False, no_example, reading.labelled)
    first_at = actions[0][0] if actions else None
    last_at = actions[-1][0] if actions else None
    first_action = first_at[0] if first_at else None
    last_action = last_at[0] if last_at else None
    found = {
        "situation": labelled["situation"] or _cue("situation", _situation(sentences, first_action)),
        "task": labelled["task"] or _cue("task", _task(sentences, first_action, last_action)),
        "action": labelled["action"] or _cue("action", actions[0][2] if actions else None),
        "result": labelled["result"] or _cue("result", _result(sentences, first_at, last_at)),
    }
    parts = {part: found[part] or PartVerdict(part, False) for part in PARTS}
    verbs: list[str] = []
    for _, verb, _ in actions:
        if verb not in verbs:
            verbs.append(verb)
    mine = sum(len(re.findall(r"\b(I|me|my|myself)\b", text)) for _, _, text in actions)
    ours = sum(len(re.findall(r"\b(we|us|our|ourselves)\b|\bthe team\b", text, re.I)) for _, _, text in actions)
    return StarAnalysis(parts, True, "" if has_action else no_example, reading.labelled, verbs,
                        list(dict.fromkeys(text for _, _, text in actions)), mine, ours)


def _cue(part: str, evidence: str | None) -> PartVerdict | None:
    return None if not evidence else PartVerdict(part, True, evidence, "cue")


# ----------------------------------------------------------------------------- labelled sections


def _labelled(sentences: list[Sentence], part: str) -> PartVerdict | None:
    """The part's labelled section, when its content says something real (see the module docstring)."""
    content = [s for s in sentences if part in s.parts]
    if not content:
        return None
    text = " ".join(s.text for s in content)
    if _DENIAL.match(text) or len(words(text)) < 2 or _NO_EXAMPLE.search(text) or _UNKNOWN.search(text):
        return None
    clauses = [c for s in content for c in s.clauses]
    if part in ("action", "result"):
        real = [c for c in clauses if (c.happened or (part == "result" and c.negated and not c.modal))
                and (len(words(c.text)) >= 3 or any(_past(w) for w in words(c.text)))]
    else:  # a situation or task may be stated in the present tense or as a goal ("I want to…")
        real = [c for c in clauses if not (c.modal or c.conditional or c.question)
                and not (c.negated and part == "situation")]
    if not real:
        return None
    return PartVerdict(part, True, content[0].text, "label")


# ----------------------------------------------------------------------------- actions


def _past(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR_PAST:
        return True
    return w.endswith("ed") and len(w) > 3 and w not in _NOT_PAST_ED and not (w.endswith("eed") and w not in (
        "agreed", "freed", "guaranteed", "decreed", "disagreed"))


def _actions(sentences: list[Sentence]) -> list[tuple[tuple[int, int], str, str]]:
    """((sentence index, clause index), verb, clause) for each of the candidate's actions, in order. A
    time frame ("when I came back, …", "before I left") is not an action of the story."""
    found: list[tuple[tuple[int, int], str, str, bool]] = []  # … and whether the form is also a present form
    for sentence in sentences:
        # A sentence that opens with a past-tense verb of doing is narration with the "I" left out, as in
        # notes and bullet lists ("Profiled the pipeline and cached the fixture.").
        opener = words(sentence.text)[:1]
        previous_subject = bool(opener) and opener[0][:1].isupper() and _first_verb([opener[0].lower()]) is not None
        for n, clause in enumerate(sentence.clauses):
            if (not clause.happened or clause.reported or _BACKGROUND.match(clause.text)
                    or _INACTION.search(clause.text) or _TIME_FRAME.match(clause.text)):
                previous_subject = False
                continue
            verbs = _clause_actions(clause, previous_subject)
            previous_subject = bool(verbs) or bool(_SUBJECTS.search(clause.text))
            found += [((sentence.index, n), v, clause.text, v in _AMBIGUOUS_PAST) for v in verbs]
    if not any(not ambiguous for *_, ambiguous in found):
        return []  # "I read a lot" is no story unless another action is clearly in the past
    return [(i, v, t) for i, v, t, _ in found]


def _clause_actions(clause: Clause, continues: bool) -> list[str]:
    """The action verbs of one clause: after an I/we subject, or opening a clause that continues one."""
    text = clause.text
    verbs: list[str] = []
    starts = [m.end() for m in _SUBJECTS.finditer(text)]
    lead = re.match(r"^\W*(and|then|also|so|but|,)?\s*(then\s+|also\s+)?", text, re.I)
    if continues and lead:
        starts.append(lead.end())
    for m in re.finditer(r"\bwhat (I|we) did (first )?was( to)?\s+|\b(my|our) first step was to\s+|\bI started by\s+",
                         text, re.I):
        starts.append(m.end())
        verbs.append("did")
    for start in starts:
        tokens = words(text[start:])[:6]
        verb = _first_verb(tokens)
        if verb:
            verbs.append(verb)
            verbs += _listed_verbs(text[start:])
    return list(dict.fromkeys(verbs))


def _first_verb(tokens: list[str]) -> str | None:
    i = 0
    while i < len(tokens) and i < 2 and (tokens[i].lower() in _ADVERBS or tokens[i].lower().endswith("ly")):
        i += 1
    if i >= len(tokens):
        return None
    word = tokens[i].lower().replace("'", "")
    following = [t.lower() for t in tokens[i + 1:i + 3]]
    if word in ("had", "have", "has", "ve", "d") or word not in _IRREGULAR_PAST and not _past(word):
        return None
    if word in _STATE_VERBS or (following and following[0] == "to" and word in ("had", "needed", "wanted")):
        return None
    return word


def _listed_verbs(text: str) -> list[str]:
    """Further verbs in a list after the first: "…, rolled back the deploy, and watched the error rate"."""
    out = []
    for m in re.finditer(r",\s*(?:and\s+)?(?:then\s+)?(?:also\s+)?([a-z]+)\b", text):
        word = m.group(1).lower()
        if (_past(word) or word in _IRREGULAR_PAST) and word not in _STATE_VERBS:
            out.append(word)
    return out


# ----------------------------------------------------------------------------- situation, task, result


def _is_past_sentence(sentence: Sentence) -> bool:
    return any(_past(w) or w.lower() in ("was", "were", "had", "kept") for w in words(sentence.text))


def _sets_scene(sentence: Sentence) -> bool:
    """A past-tense sentence anchored in time or place, or a background statement: the story has begun.
    Negation does not undo a scene ("when I joined, I knew nothing about claims"); a sentence saying there
    is no example does."""
    main = [c for c in sentence.clauses if not (c.conditional or c.question or c.rejected)]
    if not main or not _is_past_sentence(sentence) or _NO_EXAMPLE.search(sentence.text):
        return False
    text = " ".join(c.text for c in main)
    return bool(_TIME_ANCHOR.search(text) or _SETTING.search(text) or _DISCOVERY.search(text))


def _situation(sentences: list[Sentence], first_action: int | None) -> str | None:
    """The scene is set before the actions start (or in the sentence of the first one)."""
    opening = [s for s in sentences if first_action is None or s.index <= first_action]
    for sentence in opening:
        if _sets_scene(sentence) and not (_OUTCOME_MARKER.search(sentence.text) and sentence.index > 0):
            return sentence.text
    for sentence in opening:
        if sentence.index == first_action or not _is_past_sentence(sentence) or _VERDICT_STATE.search(sentence.text):
            continue
        if any(c.happened or c.habitual for c in sentence.clauses if not _TASK.search(c.text)):
            return sentence.text
    return None


def _task(sentences: list[Sentence], first_action: int | None, last_action: int | None) -> str | None:
    """An obligation, goal or responsibility stated before the last action (an "I had to…" once the
    actions are over is a consequence); a named task ("my goal was…") counts wherever it is."""
    for sentence in sentences:
        for clause in sentence.clauses:
            if clause.negated or clause.modal or clause.conditional or clause.question or clause.rejected:
                continue
            m = _TASK.search(clause.text)
            if m and (first_action is None or sentence.index <= first_action or sentence.index < last_action
                      or _NAMED_TASK.search(m.group(0))):
                return sentence.text
    return None


def _result(sentences: list[Sentence], first_action: tuple[int, int] | None,
            last_action: tuple[int, int] | None) -> str | None:
    """How it turned out (see the module docstring): strong outcome evidence after the first action, weak
    evidence (a reaction, a state) only after the last one."""
    start = first_action if first_action is not None else (1, 0)
    final = sentences[-1].index if sentences else -1
    for sentence in sentences:
        if sentence.index < start[0] or _UNKNOWN.search(sentence.text):
            continue
        for n, clause in enumerate(sentence.clauses):
            position = (sentence.index, n)
            if position < start or position == first_action and not _OUTCOME_MARKER.search(clause.text):
                continue
            if clause.modal or clause.conditional or clause.intention or clause.question or clause.rejected:
                continue
            text = clause.text
            if _REASON.match(text) or _FEELING.match(text) or (
                    n == 0 and _LEADING.match(text) and sentence.text.startswith(text + ",")):
                continue
            after_actions = last_action is None or position > last_action
            own_step = _is_own_step(text)
            if sentence.index == final and last_action is not None and _LATER.search(text):
                return sentence.text  # "We fixed it about three weeks later": the story's ending
            if _OUTCOME_MARKER.search(text) and not own_step:
                return sentence.text
            if _CHANGE.search(text):
                return sentence.text
            outcome = _OUTCOME.search(text)
            weak = outcome is not None and outcome.group(0).lower() in _WEAK_OUTCOME
            if outcome and (after_actions or not weak) and not (own_step and weak):
                return sentence.text
            if after_actions and last_action is not None and _is_state(text):
                return sentence.text
    return None


def _is_own_step(text: str) -> bool:
    """"In the end I went to the CTO" is one more action, not how it turned out."""
    m = _SUBJECTS.search(text)
    if not m:
        return False
    verb = _first_verb(words(text[m.end():])[:6])
    return verb is not None and not (_OUTCOME.search(text) and _OUTCOME.search(text).group(0).lower() not in _WEAK_OUTCOME)


def _is_state(text: str) -> bool:
    """A past-tense statement about someone or something other than the candidate: "it was half done"."""
    if re.match(r"^\W*(\w+\W+){0,2}?(I|we)\b", text, re.I) or _TIME_FRAME.match(text) or _LEADING.match(text):
        return False
    return bool(re.search(r"\b(was|were|had|got|became|kept|did)\b", text, re.I)) or any(_past(w) for w in words(text))

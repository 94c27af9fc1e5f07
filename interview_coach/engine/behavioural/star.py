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

from .text import PARTS, Clause, Reading, Sentence, read, words

__all__ = ["PartVerdict", "StarAnalysis", "analyse", "PART_LABELS"]

PART_LABELS = {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result"}

_STATE_VERBS = frozenset(
    "was were had felt thought knew believed liked loved hated wanted needed hoped wished seemed realised realized "
    "noticed saw figured assumed guessed expected wondered understood remembered forgot heard learned learnt got "
    "became stayed waited tended preferred cared enjoyed missed meant owned lost been suspected sensed feared "
    "worried doubted trusted disagreed struggled".split())
_AMBIGUOUS_PAST = frozenset("read set put cut let hit split shut quit spread cost hurt reset".split())
_IRREGULAR_PAST = frozenset(
    "went took made wrote ran met spoke told gave got set put sent built led brought bought thought found began drew "
    "drove chose kept held left lost paid read said saw sat stood taught won broke caught fought dug fed shut split "
    "cut hit let quit spent understood rewrote overtook undertook withdrew forgot became came did had was were knew "
    "felt heard meant slept woke rode rose fell grew threw flew shook stole struck swore wore tore hung sold sought "
    "spun stuck swept swung upheld wound froze hid bit bled blew bent lent sank sang rang sprang shrank drank swam "
    "forgave foresaw mistook overheard overcame rebuilt redid reran rethought withheld dealt leapt burnt dreamt "
    "knelt crept wept sped spread cost hurt reset bet".split())
_NOT_PAST_ED = frozenset("need feed seed speed bleed breed proceed exceed succeed weed heed shed bed red wed hundred "
                         "sacred naked wicked rugged kindred embed shred".split())
_ADVERBS = frozenset(
    "then also just first quickly immediately finally eventually personally actually still even later soon again "
    "simply only mostly really both all each together myself ourselves instead therefore so and thus once "
    "honestly basically literally carefully properly quietly".split())
_SUBJECTS = re.compile(r"\b(I|we|the two of us|both of us|(?:[A-Z]\w+|my \w+) and I)\s+", re.I)

_TIME_ANCHOR = re.compile(
    r"\b(last (year|spring|summer|autumn|fall|winter|month|quarter|week|sprint|january|february|march|april|june|"
    r"july|august|september|october|november|december)|(in|during|back in|since|early|late|around|until) (19|20)\d\d|"
    r"(19|20)\d\d|(a|one|two|three|four|five|six|few|couple of|several|some|\d+) (years?|months?|weeks?) ago|"
    r"back then|at the time|in my (first|second|third|last|previous|current|old|early|former) (job|role|year|team|"
    r"company|week|month|days|position|internship)|during my (internship|time|first|last|placement|studies)|"
    r"(at|in|for|on) my (previous|last|old|first|second|current|former|new) (job|role|company|team|employer|"
    r"position|workplace|internship|startup|manager)|^\W*(when|while|back when|once|as soon as) (I|we|my|our|the|a|an|"
    r"one|two|three|\w+'s)\b|when I (was|joined|started|moved|worked|took over|got|had|inherited|led)|while (I was )?(working|at|on|building|leading)|halfway through|once,|one (day|time|morning|"
    r"evening|night|week|friday|monday)|on a (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(this|that) (was|happened) (at|in|during|when))\b", re.I)
_SETTING = re.compile(
    r"\b(I (was|had been) (working|building|running|leading|part of|one of|the only|a |an |on |at |in |moved|hired|"
    r"brought)|I worked (as|at|for|on|with|in)|I joined|I inherited|I took over|I moved (to|from|onto)|"
    r"we (were|had been) (building|working|migrating|running|doing|using|moving|launching|preparing|a team|"
    r"discussing|split)|(our|the|my) (\w+[ -]){0,3}(team|company|app|service|product|system|site|platform|pipeline|"
    r"roadmap|project|release|build|bill|backlog|users|customers?|client|manager|database|cluster|process|"
    r"environment|ci|code|codebase|api|tests?|queue|demo|launch|feed|dashboard|report|programme|program)s? "
    r"(was|were|had|kept|took|ran|started|used|needed|wanted|asked|did|had been|failed|broke|crashed|grew|"
    r"doubled|slipped|stalled|changed)\b|there (was|were|had been)|"
    r"(at|in|for) (a|an|one) (\w+[ -]){0,3}(company|startup|start-up|firm|bank|agency|consultancy|studio|"
    r"client|employer|organisation|organization|retailer|insurer|hospital|school|university|fintech|shop|"
    r"charity|lab|marketplace|provider|chain)|"
    r"^\W*(at|in|on|during|for) (a|an|my|our|one of (my|our)) [\w' -]{2,40}?(,|\s(I|we)\s))", re.I)
_DISCOVERY = re.compile(
    r"\b(I|we) (\w+ )?(noticed|realised|realized|discovered|found out|learned|learnt|saw|spotted|heard) (that )?"
    r"(\w+[ ,'-]+){0,8}?(was|were|had|kept|did|would|could|wasn't|weren't|hadn't|didn't|never|is|are|took|"
    r"started|stopped)\b", re.I)
_TASK = re.compile(
    r"\b((my|our|the|his|her|their) (main |first |only |whole |real |immediate )?(task|job|goal|aim|objective|brief|"
    r"mission|assignment|responsibility|remit|target|challenge|priority|role|part|mandate) (was|became|had been|were|is)|"
    r"(was|became|were) (the|my|our) (goal|aim|task|point|target|brief|job)|"
    r"(I|we) (had|needed|have|need|got) to|"
    r"(I|we) (was|were) (asked|told|tasked|expected|supposed|assigned|hired|brought in|given|responsible|"
    r"in charge|accountable|the ones? (responsible|in charge))|"
    r"(asked|told|tasked|expected|wanted|needed|hired|assigned|got|brought|charged) (me|us)( in)? (to|with)|"
    r"it was (on me|up to me|my job|my responsibility|my call|my task|my decision|my problem)|(call|decision) was mine|"
    r"(I|we) had (a|an|the|one|two|three|\w+ )?(\w+ ){0,3}(deadline|due date|launch date|go-live|target|quota)|"
    r"(I|we) had (only |just )?(\w+ ){0,2}(days?|weeks?|months?|hours?|a month|a week|a day|a quarter|until|till) "
    r"(to|until|before|left)|"
    r"(I|we) (wanted|aimed|set out|hoped|needed) to|wanted (him|her|them|the team|everyone|people|us|it) to|"
    r"(I|we) (had )?(promised|committed|signed up)|"
    r"I (was )?(led|leading|owned|owning|ran|running|managed|managing|drove|driving|coordinated|coordinating|"
    r"headed|heading) (the|this|our|their|a|an) (\w+[ -]){0,3}(migration|project|work|redesign|rollout|launch|"
    r"effort|integration|incident|release|rewrite|programme|program|initiative|response|upgrade|review|"
    r"transition|move|delivery|team|squad|build|implementation)|"
    r"\b(the|our|a|an|that|which)( [\w-]+){0,3} I (owned|led|was leading|was running|was responsible for)|"
    r"I was (the|their|our|its) (\w+[ -]){0,2}(lead|leader|owner|manager|scrum master|point of contact|on-call)|"
    r"^as (the |their |our |its )?(\w+[ -]){0,2}(lead|leader|owner|manager|scrum master)|"
    r"expect(ed|ing) (\w+ ){0,4}\d+)\b", re.I)
_OUTCOME_MARKER = re.compile(
    r"\b(as a result|the (end )?result (was|is)|the outcome (was|is)|the (net )?(impact|effect) (was|is)|in the end|"
    r"eventually|ultimately|by the end( of)?|which meant|that meant|this meant|led to|resulted in|resulting in|"
    r"since then|ever since|from then on|after that|afterwards|to this day|in the following (weeks|months)|"
    r"within (a|an|one|two|three|\d+) (days?|weeks?|months?|hours?|minutes?|quarter))\b", re.I)
_OUTCOME_VERB = (
    r"shipped|launched|released|delivered|finished|completed|went live|merged|passed|succeeded|failed|worked|"
    r"worked out|paid off|dropped|fell|rose|grew|doubled|halved|tripled|improved|increased|decreased|reduced|"
    r"saved|stopped|ended|disappeared|recovered|returned|came back|went (up|down|from|back|to|away|live|well|"
    r"badly|smoothly)|got (faster|better|shorter|longer|worse|easier|quicker|promoted|approved|merged|signed)|"
    r"became|turned out|ended up|approved|accepted|agreed|signed|renewed|adopted|kept|chose|picked|cancell?ed|"
    r"shut down|rejected|missed|slipped|lost|broke|crashed|held up|thanked|praised|recommended|promoted|"
    r"asked for|started using|used|fired|arrived|cleared|moved|admitted|gave in|left|won|met|made it|beat|"
    r"exceeded|caught|found|reached|hit|cut|took|caused|triggered|was (back|complete|ready|done|correct|fine|stable|over|live|"
    r"a success|happy|pleased|satisfied|resolved|fixed|gone|cancell?ed|approved|merged|adopted|accepted|"
    r"promoted|shut down|delayed|late|on time|half done)|were (back|complete|ready|done|correct|fine|stable|"
    r"over|live|happy|pleased|satisfied|resolved|fixed|gone|approved|merged|adopted|accepted|delayed|late|"
    r"on time)|(has|have) (\w+ )?(run|been|stayed|held|fired|dropped|stopped|gone|used|kept)|"
    r"(still|now) (use|uses|run|runs|take|takes|work|works|gives|give|get|gets|has|have|is|are)")
_OUTCOME = re.compile(rf"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bmy )(?<!\bour )\b({_OUTCOME_VERB})\b(?!-)|"
                      r"\b(got|received|had|reached|saw) (about |around |only |just |roughly |over |nearly )?\d", re.I)
# Outcome verbs that can also be one more step or reaction in the middle of a story: they show the result
# only once the candidate's actions are over.
_WEAK_OUTCOME = frozenset("admitted agreed accepted thanked asked for moved left found took kept used cleared arrived "
                          "met caught hit cut chose picked became fired returned came back".split())
_LATER = re.compile(r"\b(\w+|\d+) (days?|weeks?|months?|years?|quarters?|sprints?) later\b|\blater that (day|week|"
                    r"month|year)\b", re.I)
_INACTION = re.compile(r"\b(I|we) (just |simply )?(left it|let it|let them|left them to it|stayed out|did nothing|"
                       r"kept quiet|said nothing|sat on it|ignored it|waited)\b", re.I)
_CHANGE = re.compile(
    r"\bfrom (about |around |roughly |over |under )?\S*\d[^,;.]{0,30}\bto\b|\bby (about |around |roughly |over )?"
    r"(\d+(\.\d+)?\s?(%|percent|x)|half|a third|a quarter|two thirds)|\b\d+(\.\d+)?\s?% (more|fewer|less|higher|lower|"
    r"faster|slower)|\bto (zero|none)\b", re.I)
_UNKNOWN = re.compile(
    r"\b(know|knew|find out|found out|hear|heard|learn|learned|see|saw|get to see|got to see|sure)\b.{0,30}"
    r"\b(how|whether|if|what|the result|the outcome)\b|\btoo early to (tell|say)|yet to be seen|remains to be seen|"
    r"\bstill (in progress|ongoing|running|underway)|\bno idea (how|whether|if)|\bnot (sure|clear) (how|whether|if)",
    re.I)
_REASON = re.compile(r"^\W*(because|since(?! then)|as|so that|in order to|before|until|unless|whether)\b", re.I)
_FEELING = re.compile(
    r"^\W*(and |but |so )?(it|that|this) was (\w+ ){0,2}(embarrassing|frustrating|hard|tough|stressful|fun|nice|"
    r"chaotic|scary|awkward|difficult|intense|busy|annoying|painful|a mess|a shock|a surprise|exhausting|weird|"
    r"strange|funny|great|interesting)\b", re.I)
_VERDICT_STATE = re.compile(r"\b(success|successful|worked out|went well|paid off|a failure|failed)\b", re.I)
_NO_EXAMPLE = re.compile(
    r"\bI (really |honestly |genuinely |just )?(don't|do not|can't|cannot|couldn't|could not|haven't|have not|"
    r"never|hadn't|don't think I|do not think I|can't say I) (really |actually |honestly |quite |truly |personally |"
    r"ever |yet )?(have|had|think of|recall|remember|come across|been in|faced|found myself|needed to|had to|"
    r"got|experienced|encountered|been|done|worked|missed|made)\b|\bI've never (had|been|faced|done|needed|"
    r"missed|made)\b|\bnothing (really )?(comes|springs|came) to mind|\bnot (that|anything) I can (think of|"
    r"remember|recall)|\bno (real |specific |good |particular )?example|^\W*not really\b|"
    r"\bhaven't (really )?had (a|any|the) (chance|opportunity|example|situation)", re.I)
_DENIAL = re.compile(
    r"^\W*(n/?a|none|nothing|not applicable|not yet|tbd|unknown|-+|\?+|no (real |specific )?(example|result|"
    r"outcome|idea))\W*$", re.I)


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
        previous_subject = False
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


_TIME_FRAME = re.compile(r"^\W*(when|while|as soon as|once|until|since|after|before|by the time)\s+(I|we)\b", re.I)


_BACKGROUND = re.compile(r"^\W*(where|whose)\b", re.I)


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


_NAMED_TASK = re.compile(r"\b(task|job|goal|aim|objective|brief|mission|assignment|responsibility|target)\b", re.I)


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


_LEADING = re.compile(r"^\W*(when|while|as|once|after|before|if|during|by the time)\b(?! that\b)", re.I)


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

"""What a job description requires beyond the skills taxonomy, and which requirements a CV lacks.

The taxonomy (``content/skills.yaml``) cannot know every product, standard or protocol a job names
("Core NFC", "HL7 FHIR", "Epic EHR", "AS9100"). :func:`requirement_terms` reads them from the
requirement lines themselves; :func:`missing_requirements` compares a job's requirements with a CV.

Rules (:func:`requirement_terms`, for one requirement line with the taxonomy's matches removed):

- **Technology names**: a word with an inner capital ("CoreML", "iBeacon"), an acronym of 2–8
  capitals and digits ("NFC", "HL7", "ISO 13485" keeps its number), a word joined to a digit or a
  ``.js``-style suffix ("S3", "Node.js"), and runs of capitalised words that do not open the
  sentence ("Android Auto", "Apple Watch"). Runs of two or more are kept whole.
- **Cue phrases**: the words after "experience with/in", "knowledge of", "familiarity with",
  "understanding of", "proficiency in/with", "expertise in", "background in", "exposure to",
  "track record of/in", "comfortable with", "hands-on with", "grasp of", "skilled in" … up to a comma, "and", "or", a bracket or the end; at most four words, and
  only when some word is specific (not in :data:`GENERIC_WORDS`: "communication", "team",
  "production", "systems" …). Soft phrases ("working in a fast-paced environment") never count.
- Not requirements: capitalised everyday words (weekdays, months, "Strong", "Experience"),
  departments, job titles and regions ("work with Product and Design", "European time zones"),
  "English" (the CV is written in it; other spoken languages are kept), the company's own name
  (the word the text introduces with "at", "join", "About" or a possessive), and the names on a
  degree line ("BSc in Electrical Engineering": a degree is not a skill list).

A CV **covers** a requirement (:func:`covers`) when it names the same taxonomy skill in any of its
aliases, or contains the term's words (case, hyphens and plurals aside), or — for a cue phrase —
contains every specific word of it by stem ("payment systems" is covered by "payments platform"
only if "system" is generic, which it is).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..scoring.text import STOPWORDS, stem

__all__ = ["CUE", "GENERIC_WORDS", "TERM_CATEGORY", "company_names", "covers", "missing_requirements",
           "requirement_terms", "term_slug"]

#: The category of a requirement that is not in the taxonomy (a ``SkillRef`` with no topics).
TERM_CATEGORY = "term"

#: Words that say nothing specific about a requirement on their own: a cue phrase made only of
#: these ("experience with large teams") is not a gap a CV can close.
GENERIC_WORDS = frozenset("""
ability able agile analytical role roles position positions setting capacity attention background best building business career collaboration
collaborative communication company complex computer cross-functional customer customers degree
demonstrable detail development different disciplines domain driven dynamic engineering environment
environments equivalent excellent experience fast-paced field good great hands-on high highly
industry interpersonal large learning level modern multiple new organisation organization other
paced people practical practices problem problems process processes product products production
professional programming projects proven quality related relevant science scale similar skills
small software solid solutions stakeholders startup startups strong structured system systems team
teams technical technologies technology tools understanding variety verbal work working world
written years year plus etc
english-speaking remote hybrid office
""".split())
_SOFT = re.compile(r"\b(fast[- ]paced|ambiguity|self[- ]starter|team player|growth mindset|attention to detail|"
                   r"communication|interpersonal|passion|passionate|curious|curiosity|mindset|ownership|"
                   r"work independently|collaborat\w*|stakeholders?)\b", re.I)
CUE = re.compile(
    r"\b(?:experience (?:with|in|using|of|building)|hands-on experience (?:with|in)|knowledge of|familiarity with|"
    r"familiar with|understanding of|proficiency (?:in|with)|proficient (?:in|with)|expertise (?:in|with)|"
    r"background in|exposure to|track record (?:of|in)|fluency in|fluent in|certified in|certification in|"
    r"comfortable (?:with|using)|worked with|hands-on with|grasp of|command of|skilled (?:in|with)|"
    r"skills in|practical knowledge of|experienced (?:in|with))\s+"
    r"([^,;:.()\n]+)", re.I)
_PHRASE_END = re.compile(r"\s+(?:and|or|as well as|including|such as|e\.g|like|to|for|that|which|who|where|"
                         r"across|within|at|on|from|is|are|a plus|preferred)\b.*$", re.I)
_LEAD = re.compile(r"^(?:(?:a|an|the|at least one|one or more|some|any|modern|strong|deep|solid|good|"
                   r"working|practical|proven|professional|commercial|production|hands-on|extensive|"
                   r"demonstrable|relevant|basic|advanced|in-depth|thorough|broad|common|typical|"
                   r"several|various|multiple)\s+)+", re.I)
_PLACE_LEAD = re.compile(r"\b(?:our|your|their|the|in|at|from|near|based|across)\s+$", re.I)
_TOKEN = re.compile(r"\d[\d.]*\b|[A-Za-z][A-Za-z0-9+#./&'’-]*[A-Za-z0-9+#]|[A-Za-z]")
_TECH = re.compile(r"^(?:[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*|[A-Z][A-Z0-9&+/-]{1,7}s?|"
                   r"[A-Za-z]+\d[\w.-]*|[A-Za-z]+\.(?:js|ts|io|net|py)|\d+[A-Za-z][A-Za-z0-9]*)$")
_NOT_TERMS = frozenset("""
I A AN THE AND OR OF IN ON TO WE YOU OUR US UK EU EEA USA CV IT HR OK AM PM ETA TBD FAQ ASAP
BS BA BSc BEng MEng MS MSc MA MBA PhD GPA EOE KPI KPIs OKR OKRs ROI SLA SLAs USD EUR GBP CET UTC
API APIs UI UX B2B B2C SaaS AI
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December Bachelor Bachelors Master Masters Degree Diploma
Experience Knowledge Familiarity Understanding Proficiency Expertise Strong Solid Deep Good Great
Excellent Proven Hands Working You We Our Your They This That These Those Ideally Bonus Nice Must
Required Requirements Preferred Plus Minimum Years Year Ability Able Comfortable Confident Fluent
Familiar Proficient Background English Exposure Track Record Some Any Please Note Apply Team Teams
Series Fortune FAANG Big Tech Startup Scaleup Enterprise Senior Junior Lead Staff Principal Manager Managers
Engineer Engineers Developer Developers Designer Designers Director CTO CEO VP Head Founder Founders
Product Design Engineering Marketing Sales Operations Finance Legal Support Customer Success People Leadership
Europe European America American Americas Asia APAC EMEA GMT CET CEST PST EST Remote Hybrid Office
""".split())
_DEGREE = re.compile(r"\b(degree|bachelor'?s?|master'?s?|BSc|MSc|BEng|MEng|PhD|diploma|graduate of)\b", re.I)
_COMPANY = re.compile(r"(?:\b(?:at|join|About|with us at)\s+([A-Z][\w&-]+)|\b([A-Z][\w&-]+)['’]s\b|"
                      r"^([A-Z][\w&-]+)\s+(?:is|are|builds|helps|makes|was)\b)", re.M)


def term_slug(term: str) -> str:
    """A stable id for a requirement term: "term-" and its lower-case words joined by hyphens."""
    return "term-" + "-".join(re.findall(r"[a-z0-9+#]+", term.lower()))


def company_names(text: str) -> set[str]:
    """Capitalised words the text uses as an organisation name ("at Ledgerly", "Ledgerly's", "Ledgerly is")."""
    names = {g for m in _COMPANY.finditer(text or "") for g in m.groups() if g}
    return {n for n in names if n not in _NOT_TERMS and not n.isupper()}


def _sentence_starts(line: str) -> set[int]:
    # Parentheses and colons open lists of names ("(Yjs or Automerge)"), not sentences.
    return {0} | {m.end() for m in re.finditer(r"[.!?;]\s+", line)}


def _tech_terms(line: str, skip: set[str]) -> list[tuple[str, int]]:
    """Technology-looking names in ``line`` with their start (see the module docstring)."""
    out: list[tuple[str, int]] = []
    run: list[str] = []
    starts = _sentence_starts(line)
    last_end = -10
    run_start = [0]
    placed = [False]  # whether the last run was a place: "in Berlin or Munich"

    def flush():
        # A run of plain capitalised words after "our", "in", "the" is a place or a proper noun of
        # the posting ("in our Berlin office"), not a technology.
        plain = all(w[:1].isupper() and w[1:].islower() for w in run)
        before = line[:run_start[0]]
        place = plain and (_PLACE_LEAD.search(before) or (placed[0] and re.search(r"(?:,|\bor|\band)\s+$", before)))
        if run:
            placed[0] = bool(place)
            if not place:
                out.append((" ".join(run), run_start[0]))
        run.clear()

    if _DEGREE.search(line):
        return []
    for m in _TOKEN.finditer(line):
        word = re.sub(r"['’]s$", "", m.group(0).rstrip(".'’-"))
        contiguous = line[last_end:m.start()].strip() == "" and last_end >= 0
        last_end = m.end()
        if word[:1].isdigit():
            if run and contiguous:
                run.append(word)  # "ISO 13485", "IEC 62304": a standard keeps its number
            continue
        if word in _NOT_TERMS or word in skip or word.lower() in STOPWORDS and not word.isupper():
            flush()
            continue
        tech = bool(_TECH.match(word)) and sum(c.isupper() or c.isdigit() for c in word) >= 2 - word[:1].isupper()
        capital = word[:1].isupper() and m.start() not in starts
        if tech or (capital and word.lower() not in GENERIC_WORDS):
            if run and not contiguous:
                flush()
            if not run:
                run_start[0] = m.start()
            run.append(word)
        else:
            flush()
    flush()
    return out


def _cue_phrases(line: str) -> list[str]:
    out = []
    for m in CUE.finditer(line):
        phrase = _PHRASE_END.sub("", m.group(1)).strip(" -")
        phrase = _LEAD.sub("", phrase).strip()
        words = phrase.split()
        if not words or len(words) > 4 or _SOFT.search(phrase) or re.search(r"\d", phrase):
            continue
        if all(w.lower().strip("'’") in GENERIC_WORDS or w.lower() in STOPWORDS for w in words):
            continue
        out.append(phrase)
    return out


def requirement_terms(line: str, known_spans: Iterable[tuple[int, int]] = (), skip: set[str] = frozenset()) \
        -> list[str]:
    """Requirements named in one requirement ``line`` that the taxonomy did not match.

    ``known_spans`` are the character spans of taxonomy matches (blanked out first, so "Core Data"
    is not read again as a name); ``skip`` holds words never to report (the company's name).
    """
    known_spans = list(known_spans)
    chars = list(line)
    for start, end in known_spans:
        chars[start:end] = ["\u2022"] * (end - start)
    masked = "".join(chars)
    seen: dict[str, str] = {}
    # A line that names a taxonomy skill already states its requirement; a phrase beside it
    # ("experience building accessible interfaces to WCAG") would only restate it.
    for phrase in [] if known_spans else _cue_phrases(masked):
        if "\u2022" in phrase:
            continue  # the cue's object is a taxonomy skill, already a requirement
        if any(w[:1].isupper() or _TECH.match(w) for w in phrase.split()):
            continue  # a name: the token reader below keeps it in its exact form
        seen.setdefault(phrase.lower(), phrase)
    # A word of a taxonomy name on the same line ("one BI tool such as Power BI") is that skill's.
    known_words = {w.lower() for start, end in known_spans for w in _TOKEN.findall(line[start:end])}
    for term, start in _tech_terms(masked, skip):
        # A qualifier right after a taxonomy name ("WCAG 2.1 AA") belongs to that name.
        qualifier = re.search(r"\u2022[\s\d.]*$", masked[:start]) is not None
        if len(term) > 1 and not qualifier and not {w.lower() for w in term.split()} <= known_words:
            seen.setdefault(term.lower(), term)
    return list(seen.values())


def _stems(text: str) -> set[str]:
    return {stem(w.lower()) for w in _TOKEN.findall(text) if w.lower() not in STOPWORDS}


def covers(cv_text: str, term: str, cv_skill_slugs: set[str] | None = None, bank=None) -> bool:
    """Whether the CV states requirement ``term`` (see the module docstring)."""
    cv = cv_text or ""
    if bank is not None:
        found = bank.find_skills(term)
        if found and cv_skill_slugs is not None and all(s.slug in cv_skill_slugs for s, _ in found):
            return True
    words = [re.escape(w) for w in re.split(r"[\s-]+", term.strip()) if w]
    if words and re.search(r"(?<![\w+#])" + r"[\s-]*".join(words) + r"(?:s|es)?(?![\w+#])", cv, re.I):
        return True
    specific = {stem(w.lower()) for w in _TOKEN.findall(term)
                if w.lower() not in GENERIC_WORDS and w.lower() not in STOPWORDS}
    if not specific or any(w[:1].isupper() or any(c.isdigit() for c in w) for w in term.split()):
        return False  # a name must appear as written; only plain phrases may be paraphrased
    return specific <= _stems(cv)


def missing_requirements(required: Iterable[str], cv_text: str, bank) -> list[str]:
    """The requirements (skill names or terms, job order) that ``cv_text`` does not cover."""
    in_cv = {s.slug for s, _ in bank.find_skills(cv_text or "")}
    return [r for r in required if not covers(cv_text, r, in_cv, bank)]

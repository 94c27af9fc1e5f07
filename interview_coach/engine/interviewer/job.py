"""Read a job description into a :class:`JobProfile`: what the built-in interviewer plans from.

``read_job(text, bank=None)`` is pure (no Flask, no database, no network). Rules:

- **Sections.** A line is a heading when it is short (≤ 8 words), is not a bullet and either ends
  with ``:`` or names a known section. Requirement headings ("Requirements", "What you'll need",
  "Must have", "You have", "Qualifications", "What we're looking for", "About you") open a
  *required* section; "Nice to have", "Bonus", "Preferred", "Pluses", "Desirable" open a *nice*
  section; "Responsibilities", "What you'll do", "The role", "Your day" open a *responsibilities*
  section. Any other heading ends the current section.
- **Required vs nice-to-have skills** come from the skills taxonomy (``bank.find_skills``). A skill
  named in a nice section, or in a clause (of a line split at ";" and ".") that itself says "nice
  to have", "bonus", "a plus", "preferred" or "ideally", is nice-to-have; anywhere else it is required (a job that uses no
  headings at all therefore requires every skill it names). A skill named both ways is required.
  Skills given as alternatives ("AWS, GCP or Azure", "a BI tool such as Tableau or Power BI",
  "Kafka or similar", "CISSP, CISM or equivalent") are
  nice-to-have: any one of them meets the requirement. So are a practice done with a named tool
  ("unit tests with Jest", "infrastructure as code using Terraform": the tool is the requirement) and, in a posting that has
  requirement or responsibility sections, the skills of a line outside them that asks for nothing
  (the company blurb: "we are four iOS and three Android engineers"; but "we are looking for
  strong Linux skills" still requires Linux). A practice that only the duties name ("mentor
  through pairing") is nice-to-have when the posting has a requirement section: it is what the
  job involves, not what it asks of a candidate; a technology the duties name stays required.
- Soft skills of the taxonomy ("communication") are not skills of the profile: they imply
  competencies (below). Required skills list those of the requirement sections first, then the
  ones only the duties name; within each, named technologies (and terms) before practices and
  methodologies; otherwise in job order.
- **Requirements beyond the taxonomy** (:mod:`.requirements`): product, protocol and standard names
  and "experience with X" phrases of the required and nice-to-have sections (elsewhere only on a
  line with such a cue) join the skills as ``SkillRef``s of category ``"term"`` with no topics.
- **Seniority** from the title words first: intern/internship/trainee → ``intern``;
  junior/jr/graduate/entry-level/associate → ``junior``; senior/sr → ``senior``; lead/staff/head of/
  engineering (team, development, delivery) manager → ``lead`` (a "Product Manager" is not a lead); principal/distinguished/chief → ``principal``. Without such a word, from the
  years required: < 2 → junior, 2–4 → mid, 5–7 → senior, ≥ 8 → lead; otherwise ``mid``.
- **Years required**: the largest "N+ years", "N years", "N-M years" (lower bound) found (0 < N < 40),
  so "5+ years overall, at least 3 with Python" reads as 5 — the overall bar.
- **Responsibilities**: the bullets (or sentences) of responsibility sections; without one, the
  bullets and sentences that begin "You will"/"You'll" or with an imperative verb of the work.
- **Competencies** implied by cue words (:data:`COMPETENCY_CUES`), most-cued first (ties: first
  mention first), so what the job keeps returning to outranks a word in the company blurb.
- **Topics**: the syllabus topics of the required skills, then of the nice-to-have ones, each once.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ._text import clean_lines, is_bullet, strip_bullet
from .requirements import CUE, TERM_CATEGORY, company_names, requirement_terms, term_slug

__all__ = ["SkillRef", "JobProfile", "read_job", "COMPETENCY_CUES", "SENIORITY_LEVELS"]

SENIORITY_LEVELS = ("intern", "junior", "mid", "senior", "lead", "principal")

_TITLE_LEVEL = (
    ("principal", re.compile(r"\b(principal|distinguished|chief)\b", re.I)),
    ("lead", re.compile(r"\b(lead|staff|head of|(engineering|team|development|delivery) manager)\b", re.I)),
    ("senior", re.compile(r"\b(senior|sr\.?)(?=\W|$)", re.I)),
    ("intern", re.compile(r"\b(intern|internship|trainee|apprentice)\b", re.I)),
    ("junior", re.compile(r"\b(junior|jr\.?|graduate|entry[- ]level|associate)(?=\W|$)", re.I)),
)
_YEARS = re.compile(r"\b(\d{1,2})\s*(?:\+|-\s*\d{1,2}|–\s*\d{1,2}|to\s+\d{1,2})?\s*\+?\s*(?:years?|yrs?)\b", re.I)

_REQUIRED_HEAD = re.compile(
    r"\b(requirements?|required|must[- ]haves?|you have|you bring|you'?ll (need|have|bring)|what you('ll)? need|"
    r"qualifications?|what we('re| are) looking for|about you|who you are|skills|experience you|essential)\b", re.I)
_NICE_HEAD = re.compile(r"\b(nice[- ]to[- ]haves?|bonus|preferred|pluses?|desirable|good to have|extra credit)\b", re.I)
_RESP_HEAD = re.compile(
    r"\b(responsibilities|what you('ll| will) do|the role|your role|your day|day[- ]to[- ]day|what you will be doing|"
    r"key duties|duties|in this role|you will)\b", re.I)
_NICE_LINE = re.compile(r"\b(nice[- ]to[- ]have|bonus|a plus|preferred|ideally|desirable|not required)\b", re.I)
_KNOWN_HEAD = re.compile(r"\b(about (us|the (team|company|role))|benefits|perks|what we offer|how to apply|"
                         r"our (stack|team|values)|salary|location|compensation|who we are)\b", re.I)
_YOU_WILL = re.compile(r"^(you will|you'll|you’ll|your job is to)\b", re.I)
_ROLE_NOUN = re.compile(r"\b(engineer|developer|analyst|scientist|manager|designer|architect|administrator|"
                        r"specialist|consultant|lead|intern|sre|devops|marketer|writer|officer|director|"
                        r"coordinator|technician|programmer|researcher|owner)s?\b", re.I)
_HIRING = re.compile(r"\b(?:looking for|hiring|seeking|join us as)\s+(?:an?\s+)?((?:[A-Z][\w/+#.-]*\s*){1,6})")

#: competency slug → cue words in the job text that imply it (whole-word, any case).
COMPETENCY_CUES: dict[str, tuple[str, ...]] = {
    "leadership": ("mentor", "mentoring", "mentorship", "lead a team", "leading a team", "coach", "tech lead",
                   "line manage", "grow the team", "technical leadership"),
    "communication": ("stakeholder", "stakeholders", "communicate", "communication", "present", "presenting",
                      "written and verbal", "explain", "storytelling", "non-technical"),
    "ambiguity": ("ambiguous", "ambiguity", "fast-paced", "fast paced", "startup", "uncertain", "evolving",
                  "self-directed", "autonomy", "autonomous"),
    "prioritisation": ("fast-paced", "fast paced", "prioritise", "prioritize", "priorities", "competing",
                       "deadlines", "trade-offs", "tradeoffs", "roadmap"),
    "customer-focus": ("customer", "customers", "client", "clients", "user needs", "end users", "users"),
    "teamwork": ("cross-functional", "cross functional", "collaborate", "collaboration", "collaborative",
                 "work closely", "partner with", "pair programming", "team player"),
    "ownership": ("ownership", "own the", "end-to-end", "end to end", "on-call", "on call", "accountable",
                  "take responsibility"),
    "learning": ("learn new", "learning culture", "curious", "curiosity", "growth mindset", "new technologies",
                 "quick learner", "keep learning"),
    "adaptability": ("adapt", "adaptable", "changing requirements", "flexible", "flexibility"),
    "initiative": ("initiative", "proactive", "self-starter", "self starter", "drive improvements"),
    "conflict": ("disagree", "conflict", "pushback", "push back", "negotiate", "difficult conversations"),
    "failure": ("incident", "incidents", "postmortem", "post-mortem", "blameless", "outage", "outages"),
}
_CUE_RE = {slug: re.compile(r"\b(" + "|".join(re.escape(c) for c in cues) + r")\b", re.I)
           for slug, cues in COMPETENCY_CUES.items()}


@dataclass(frozen=True, slots=True)
class SkillRef:
    """A taxonomy skill found in a text: its slug, display name, syllabus topics and the text as written."""

    slug: str
    name: str
    topics: tuple[str, ...]
    matched: str
    category: str = ""

    @property
    def technical(self) -> bool:
        """False for soft skills and methodologies, which no technical question can test."""
        return self.category not in ("soft-skill", "methodology")

    @classmethod
    def from_dict(cls, d: dict) -> SkillRef:
        return cls(d["slug"], d["name"], tuple(d["topics"]), d["matched"], d.get("category", ""))


@dataclass(frozen=True, slots=True)
class JobProfile:
    """What the interviewer knows about the job. Plain data; ``to_dict``/``from_dict`` round-trip JSON."""

    title_hint: str | None
    seniority: str  # one of SENIORITY_LEVELS
    years_required: int | None
    required_skills: tuple[SkillRef, ...]
    nice_skills: tuple[SkillRef, ...]
    responsibilities: tuple[str, ...]
    competencies: tuple[str, ...]  # competency slugs, first implied first
    topics: tuple[str, ...]  # syllabus topic names

    @property
    def skills(self) -> tuple[SkillRef, ...]:
        return self.required_skills + self.nice_skills

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> JobProfile:
        return cls(
            d.get("title_hint"), d["seniority"], d.get("years_required"),
            tuple(SkillRef.from_dict(s) for s in d["required_skills"]),
            tuple(SkillRef.from_dict(s) for s in d["nice_skills"]),
            tuple(d["responsibilities"]), tuple(d["competencies"]), tuple(d["topics"]),
        )


def _heading_kind(line: str) -> str | None:
    """'required' | 'nice' | 'resp' | 'other' when ``line`` is a heading, else None."""
    if is_bullet(line) or len(line.split()) > 8:
        return None
    bare = line.rstrip(":").strip()
    colon = line.endswith(":")
    for kind, rx in (("nice", _NICE_HEAD), ("resp", _RESP_HEAD), ("required", _REQUIRED_HEAD)):
        if rx.search(bare) and (colon or len(bare.split()) <= 5) and not bare.endswith("."):
            return kind
    if colon or _KNOWN_HEAD.search(bare) and len(bare.split()) <= 5:
        return "other"
    return None


def _title_hint(lines: list[str], text: str) -> str | None:
    for line in lines[:5]:
        m = re.match(r"^(?:job title|title|position|role)\s*:\s*(.+)$", line, re.I)
        if m:
            return m.group(1).strip()
    for line in lines[:3]:
        if len(line.split()) <= 8 and _ROLE_NOUN.search(line) and not line.endswith("."):
            return re.split(r"\s+[–—|@-]\s+|\s+at\s+|,", line)[0].strip()
    m = _HIRING.search(text)
    if m and _ROLE_NOUN.search(m.group(1)):
        return m.group(1).strip()
    return None


def _seniority(title: str | None, years: int | None) -> str:
    for level, rx in _TITLE_LEVEL:
        if title and rx.search(title):
            return level
    if years is None:
        return "mid"
    if years < 2:
        return "junior"
    if years < 5:
        return "mid"
    if years < 8:
        return "senior"
    return "lead"


def _sentences(line: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?;])\s+", line) if s.strip()]


_OR_GAP = re.compile(r"^\s*\)?\s*(?:,\s*)?(?:or|and/or|or another|or other|or any other|or similar|/)\s*$", re.I)
_LIST_GAP = re.compile(r"^\s*[,(]\s*$")
_OR_LIKE = re.compile(r"\s*(?:,\s*)?or (?:an? )?(?:equivalent|similar|comparable|another|other|any other)\b", re.I)
_EXAMPLES = re.compile(r"\b(such as|e\.g\.?|for example|for instance|like|one of|any of|either)\s*:?\s*$", re.I)


_CLAUSE = re.compile(r"[^;.]+(?:[;.]\s*|$)")
_ASKS = re.compile(r"\b(looking for|seeking|hiring|you have|you bring|you('ll| will) need|must|requires?|required|"
                   r"strong|experience[d]?|expert|proficien\w*|skills?|knowledge)\b", re.I)


_VIA = re.compile(r"\b(?:with|using|in|via|through|on)\b", re.I)


def _through_tool(line: str, mentions, k: int) -> bool:
    """Whether practice ``mentions[k]`` is done with a named tool later in its clause ("unit tests with Jest")."""
    for later in mentions[k + 1:]:
        between = line[mentions[k].end:later.start]
        if re.search(r"[;.]", between):
            return False
        if not _general(later.skill) and _VIA.search(between):
            return True
    return False


def _general(skill) -> bool:
    """A practice rather than a named technology: "Unit testing", "CI/CD", "Agile"."""
    return skill.category in ("practice", "methodology") or \
        (skill.category == "testing" and skill.name.split()[-1].lower() in ("testing", "automation"))


def _alternatives(line: str, mentions) -> set[int]:
    """Indexes of the mentions that are alternatives ("AWS, GCP or Azure", "a BI tool such as Tableau
    or Power BI"): one of them meets the requirement, so none is required on its own."""
    out: set[int] = set()
    k = 0
    while k < len(mentions):
        j, has_or = k, False
        while j + 1 < len(mentions):
            gap = line[mentions[j].end:mentions[j + 1].start]
            if _OR_GAP.match(gap):
                has_or = True
            elif not _LIST_GAP.match(gap) and not (_EXAMPLES.search(line[:mentions[k].start])
                                                    and re.fullmatch(r"\s*(?:,\s*)?and\s*", gap)):
                break
            j += 1
        examples = _EXAMPLES.search(line[:mentions[k].start])
        if _OR_LIKE.match(line[mentions[j].end:]):  # "CISSP, CISM or equivalent", "Kafka or similar"
            out.update(range(k, j + 1))
        elif j > k and (has_or or examples):
            out.update(range(k, j + 1))
            # "a SIEM such as Splunk or Sentinel": the kind the examples illustrate is met by them too.
            if examples and k > 0 and len(line[mentions[k - 1].end:examples.start()].split()) <= 2:
                out.add(k - 1)
        k = j + 1
    return out


def read_job(text: str, bank=None) -> JobProfile:
    """Read ``text`` (a job description). ``bank`` defaults to :func:`load_content` (for the skills)."""
    if bank is None:
        from ...content import load_content

        bank = load_content()
    lines = clean_lines(text or "")
    title = _title_hint(lines, text or "")
    company = company_names(text or "")
    asked: set[str] = set()  # skills named in a requirement section
    kinds = {_heading_kind(ln) for ln in lines}
    has_sections = bool(kinds & {"required", "nice", "resp"})
    has_requirements = "required" in kinds

    required: dict[str, SkillRef] = {}
    nice: dict[str, SkillRef] = {}
    responsibilities: list[str] = []
    loose: list[str] = []
    section: str | None = None
    for line in lines:
        kind = _heading_kind(line)
        if kind is not None:
            section = kind
            # A heading may carry content after its colon ("Must have: Python, SQL").
            _, _, rest = line.partition(":")
            if not rest.strip():
                continue
            line = rest.strip()
        body = strip_bullet(line)
        # "Expert in Python and SQL; Scala is a plus": the bonus words speak for their own clause.
        nice_at = [(m.start(), m.end()) for m in _CLAUSE.finditer(body) if _NICE_LINE.search(m.group(0))]
        is_nice = section == "nice"

        def bonus(at: int) -> bool:
            return is_nice or any(a <= at < b for a, b in nice_at)
        mentions = bank.skill_mentions(body)
        either = _alternatives(body, mentions)
        for k, mention in enumerate(mentions):
            skill = mention.skill
            if skill.category == "soft-skill":
                continue  # "communication" is a competency (asked about), never a CV gap to name
            ref = SkillRef(skill.slug, skill.name, tuple(skill.topics), mention.text, str(skill.category))
            # Outside the requirement sections (the company blurb, "our stack") a skill is context, and a
            # practice named with its tool ("unit tests with Jest") is required through the tool.
            optional = bonus(mention.start) or k in either or (_general(skill) and _through_tool(body, mentions, k)) or \
                (section is None and has_sections and not _ASKS.search(body)) or \
                (section == "resp" and _general(skill) and has_requirements)
            (nice if optional else required).setdefault(skill.slug, ref)
            if section == "required":
                asked.add(skill.slug)
        if section in ("required", "nice") or (section == "resp" and CUE.search(body)):
            spans = [(m.start, m.end) for m in mentions]
            for term in requirement_terms(body, spans, company):
                ref = SkillRef(term_slug(term), term, (), term, TERM_CATEGORY)
                (nice if bonus(max(body.find(term), 0)) else required).setdefault(ref.slug, ref)
                if section == "required":
                    asked.add(ref.slug)
        if section == "resp":
            responsibilities.extend(_sentences(body) if not is_bullet(line) else [body])
        elif is_bullet(line) and section is None:
            loose.append(body)
        else:
            loose.extend(s for s in _sentences(body) if _YOU_WILL.match(s))
    if not responsibilities:
        responsibilities = loose
    for slug in required:
        nice.pop(slug, None)
    # What the requirement section names before what the duties mention, and named technologies
    # before practices and methods: that is the order a CV gap list should lead with.
    rank = {slug: (slug not in asked, ref.category in ("practice", "methodology"))
            for slug, ref in required.items()}
    required = dict(sorted(required.items(), key=lambda kv: rank[kv[0]]))

    found = [int(m.group(1)) for m in _YEARS.finditer(text or "") if 0 < int(m.group(1)) < 40]
    years = max(found) if found else None

    cue_rank = []
    for slug, rx in _CUE_RE.items():
        hits = [m.start() for m in rx.finditer(text or "")]
        if hits:
            cue_rank.append((-len(hits), hits[0], slug))
    competencies = tuple(slug for *_, slug in sorted(cue_rank))

    topics: list[str] = []
    for ref in [*required.values(), *nice.values()]:
        for t in ref.topics:
            if t not in topics:
                topics.append(t)
    return JobProfile(
        title_hint=title,
        seniority=_seniority(title, years),
        years_required=years,
        required_skills=tuple(required.values()),
        nice_skills=tuple(nice.values()),
        responsibilities=tuple(r.rstrip(".;") for r in responsibilities if len(r.split()) >= 3),
        competencies=competencies,
        topics=tuple(topics),
    )

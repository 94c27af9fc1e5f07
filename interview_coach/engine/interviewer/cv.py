"""Read a CV (plain text, e.g. from :mod:`interview_coach.engine.documents`) into a :class:`CvProfile`.

``read_cv(text, bank=None)`` is pure. Rules:

- **Section headings**: a line of at most 5 words (40 characters), not a bullet, that after removing
  a trailing colon and icon glyphs matches a known heading (:data:`SECTION_WORDS`: "Experience",
  "WORK EXPERIENCE", "Employment History:", "Professional Summary", "About me", "Skills & Awards" …),
  in any case. An unknown heading written in capitals ("PATENTS") ends the current section but is
  not listed in ``sections``.
- **Roles** are anchored on date ranges (see :mod:`._text`) in experience sections (the whole CV
  when it has none, education excepted). The role's header is the date line without its dates;
  when that has no job-title word: in layouts that print dates under the bullets (bullets before
  the first date), the first line naming a job title after the previous role; otherwise the next
  line if it names one, else the nearest line above that does, stopping at a bullet. The header is split at ``,`` ``–``
  ``|`` ``•`` `` at ``: the part holding a job-title word (:data:`TITLE_WORDS`) is the title, its
  neighbour the organisation (the part before it when the title comes second). A header that is a
  title alone takes the organisation from the adjacent non-bullet line below or above.
- **Bullets**: lines starting with a bullet glyph, with wrapped continuation lines joined; in a role
  or project written as prose, each sentence is a bullet.
- **Measurable result**: a bullet with a percentage, a currency amount, a multiplier ("4.2x",
  "3×"), a number with a k/M/B or "+" suffix, a "from N to M" change, a number followed by a unit
  of time, money, people or volume (ms, hours, users, engineers …), or "doubled"/"halved"/"tripled".
  Years alone (2019) are not results.
- **Weak verbs**: :data:`WEAK_VERBS` ("helped", "worked on", "responsible for", "assisted",
  "participated in", "involved in", "tasked with", "duties included") anywhere in a bullet.
- **Projects**: in project sections, an entry starts at a non-bullet line of at most 12 words that
  does not end a sentence; the lines after it (until the next such line) are its bullets.
- **Skills**: taxonomy skills named anywhere (``bank.find_skills``), each once, in order.
- **Work bullets** (:func:`is_work`): what the candidate did, as opposed to lines that only describe
  the employer or credit someone else: funding ("raised $18M Series A led by Sequoia", "backed by"),
  company boilerplate ("Acme is a leading provider of …", "a fast-growing startup of 80 people"),
  advisors and supervisors ("Advisor: Prof. …"), awards, prizes and scholarships, contact lines
  (e-mail, URL, phone) and education lines (university, degree, GPA). Interview questions are asked,
  and CV tips quote, only work bullets.
- **Work with an outcome** (:func:`has_outcome`): a work bullet that is not a paper, talk, thesis,
  course or certificate — only these are asked for their "measurable result".
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ._text import DATE_RANGE, MONTH, clean_lines, is_bullet, parse_range, strip_bullet
from .job import SkillRef

__all__ = ["Role", "Project", "CvProfile", "read_cv", "SECTION_WORDS", "TITLE_WORDS", "WEAK_VERBS",
           "has_outcome", "is_measurable", "is_work", "weak_verb"]

#: section → heading texts that open it (compared lower-case, without punctuation and icons).
SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "experience": ("experience", "work experience", "professional experience", "employment", "employment history",
                   "work history", "career history", "relevant experience", "career", "professional background",
                   "positions held", "experience and employment"),
    "education": ("education", "academic background", "education and training", "academic qualifications",
                  "qualifications", "academics", "studies"),
    "projects": ("projects", "personal projects", "selected projects", "side projects", "open source",
                 "key projects", "academic projects", "project experience"),
    "skills": ("skills", "technical skills", "core skills", "core competencies", "competencies", "technologies",
               "tools", "expertise", "skills and awards", "skills and tools", "tech stack", "key skills"),
    "summary": ("summary", "professional summary", "profile", "about me", "about", "objective", "career objective",
                "personal statement", "professional profile", "overview"),
    "certifications": ("certifications", "certificates", "licenses and certifications", "certification",
                       "courses", "training", "licences and certifications"),
    "publications": ("publications", "papers", "research"),
    "awards": ("awards", "honors", "honours", "honors and awards", "selected honors", "achievements"),
    "languages": ("languages", "spoken languages"),
    "volunteering": ("volunteering", "volunteer experience", "volunteer work"),
    "interests": ("interests", "hobbies", "hobbies and interests"),
    "references": ("references",),
}
_HEADING_INDEX = {h: sec for sec, heads in SECTION_WORDS.items() for h in heads}

TITLE_WORDS = (
    "engineer developer programmer intern manager analyst scientist consultant designer architect administrator "
    "specialist lead director founder co-founder cto ceo cfo coo vp president head officer coordinator associate "
    "researcher assistant technician sre devops owner marketer writer editor teacher tutor nurse accountant "
    "recruiter strategist producer fellow maintainer creator contractor freelancer trainee apprentice"
).split()
_TITLE_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in TITLE_WORDS) + r")s?\b", re.I)
_SPLIT = re.compile(r"\s*,\s*|\s+[–—|•·]\s+|\s+-\s+|\s+at\s+|\s+@\s+")
_LOCATION = re.compile(r"^[A-Z][\w .'-]+,\s*([A-Z]{2}|USA|UK|[A-Z][a-zé]+(?: [A-Z][a-z]+)?)$")
_DURATION = re.compile(r"^\d+\s+(years?|months?)(\s+\d+\s+months?)?$", re.I)
_COMPANY_END = re.compile(r"\b(Inc|Ltd|Co|Corp|LLC|GmbH|plc|S\.A)\.$")
_ICON = re.compile(r"[^\w\s&/,:'’()+#.-]")

WEAK_VERBS = ("helped", "worked on", "responsible for", "assisted", "participated in", "involved in",
              "tasked with", "duties included")
_WEAK_RE = re.compile(r"\b(" + "|".join(re.escape(v) for v in WEAK_VERBS) + r")\b", re.I)
_MEASURE = re.compile(
    r"\d\s*%|[$€£¥]\s?\d|\b\d+(?:[.,]\d+)?\s?[x×](?!\w)|\b\d+(?:[.,]\d+)?\s?[kKmMbB]\+?(?!\w)|\b\d[\d,.]*\+"
    r"|\bfrom\s+\S*\d\S*\s+to\s+\S*\d|\b(?:doubled|tripled|halved)\b"
    r"|\b\d[\d,.]*\s*(?:ms|milliseconds?|seconds?|s\b|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|"
    r"users?|customers?|clients?|people|engineers?|developers?|staff|students?|members?|servers?|services?|"
    r"requests?|transactions?|orders?|domains?|stores?|teams?|countries|markets?|stars?|downloads?|"
    r"applications?|partners?|warehouses?|managers?|devices?|times|percent|points?|units?|accounts?|controls?|"
    r"tests?|findings?|pipelines?|rules?|alerts?|sites?|apps?|repositories|models?|dashboards?|households?|"
    r"shoppers?|visits?|events?|records?|rows?|files?|pages?)\b", re.I)


_NOT_WORK = re.compile(
    r"\braised\s+(?:an?\s+|over\s+|more than\s+)?[$€£]|\bseries\s+[A-F]\b|\bseed\s+(?:round|funding|stage)\b|"
    r"\b(?:funding|investment)\s+round\b|\b(?:backed|funded)\s+by\b|\bventure[- ]backed\b|\bvaluation\b|"
    r"\b(?:investors?|VCs?)\b|\bY\s?Combinator\b|\bYC[- ](?:backed|W\d|S\d)|"
    r"^(?:advisor|adviser|supervisor|supervised by|thesis (?:advisor|supervisor)|principal investigator|"
    r"references?)\b|\b(?:advisor|adviser|supervisor)s?\s*:|\bunder the supervision of\b|"
    r"^(?:winner|finalist|runner[- ]up|recipient|awarded|award|prize|scholarship|dean'?s list|honou?rable mention)\b|"
    r"\b(?:won|received|awarded)\b[^.]*\b(?:award|prize|medal|scholarship|hackathon|competition|fellowship)\b|"
    r"^(?:the\s+)?(?:company|startup|firm|business)\s+(?:is|was)\b|^an?\s+(?:leading|fast[- ]growing|global|"
    r"well[- ]funded|venture|\w+[- ]backed)\b|\b(?:leading|largest)\s+(?:provider|supplier|platform|company)\b|"
    r"^[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?\s+(?:is|was)\s+(?:an?|the)\b|\bheadquartered\b|"
    # Contact and education lines: an e-mail, a URL, a phone number, a professor, a degree or a school.
    r"\b(?:prof|dr)\.\s|@|https?://|www\.|\+?\d[\d ()-]{7,}\d|\b(?:university|college|school|bachelor'?s?|"
    r"master'?s?|b\.?sc|m\.?sc|b\.?a\.|m\.?a\.|ph\.?d|gpa|diploma|degree)\b", re.I)
_SCHOLARLY = re.compile(
    r"\b(?:papers?|workshop paper|proceedings|journal|thesis|dissertation|poster|keynote|preprint|arXiv|"
    r"co-authored|published (?:in|at)|publications?|coursework|course (?:on|in)|online course|MOOC|"
    r"certification|certified in|exam|GPA|talks? (?:at|on))\b", re.I)


def is_work(bullet: str) -> bool:
    """Whether ``bullet`` states the candidate's work, not funding, boilerplate, advisors or awards."""
    return not _NOT_WORK.search(bullet.strip())


def has_outcome(bullet: str) -> bool:
    """Whether ``bullet`` is work whose result can be measured (not a paper, talk, course or certificate)."""
    return is_work(bullet) and not _SCHOLARLY.search(bullet)


def is_measurable(bullet: str) -> bool:
    """Whether ``bullet`` states a measurable result (see the module docstring for the rule)."""
    return bool(_MEASURE.search(bullet))


def weak_verb(bullet: str) -> str | None:
    """The first weak verb phrase in ``bullet`` (lower-case), or None."""
    m = _WEAK_RE.search(bullet)
    return m.group(1).lower() if m else None


@dataclass(frozen=True, slots=True)
class Role:
    """One job on the CV. ``start``/``end`` as written ("Jan 2020", "Present"); years parsed (None if open)."""

    title: str
    organisation: str
    start: str
    end: str
    start_year: int | None
    end_year: int | None
    bullets: tuple[str, ...]

    @property
    def label(self) -> str:
        """"Data Engineer at Acme (2019–2022)" — how the interviewer names the role."""
        org = f" at {self.organisation}" if self.organisation else ""
        start = self.start_year or self.start
        end = self.end_year or (self.end.lower() if self.end.lower() in ("present", "current") else self.end)
        span = "" if not self.start else f" ({start})" if start == end else f" ({start}–{end})"
        return f"{self.title}{org}{span}"


@dataclass(frozen=True, slots=True)
class Project:
    name: str
    bullets: tuple[str, ...]
    year: int | None = None

    @property
    def label(self) -> str:
        return f"your project {self.name}" + (f" ({self.year})" if self.year else "")


@dataclass(frozen=True, slots=True)
class CvProfile:
    """What the interviewer knows about the candidate. ``to_dict``/``from_dict`` round-trip JSON."""

    sections: tuple[str, ...]  # canonical section names found, in order
    roles: tuple[Role, ...]
    projects: tuple[Project, ...]
    skills: tuple[SkillRef, ...]
    bullets: tuple[str, ...]  # every bullet of roles and projects
    measurable_bullets: tuple[str, ...]
    weak_verb_bullets: tuple[tuple[str, str], ...]  # (bullet, weak phrase)
    summary: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> CvProfile:
        return cls(
            tuple(d["sections"]),
            tuple(Role(**{**r, "bullets": tuple(r["bullets"])}) for r in d["roles"]),
            tuple(Project(p["name"], tuple(p["bullets"]), p.get("year")) for p in d["projects"]),
            tuple(SkillRef.from_dict(s) for s in d["skills"]),
            tuple(d["bullets"]), tuple(d["measurable_bullets"]),
            tuple((b, v) for b, v in d["weak_verb_bullets"]), d.get("summary", ""),
        )


def _heading(line: str) -> str | None:
    """Canonical section name when ``line`` is a heading, "other" for an unknown capitalised one."""
    if is_bullet(line) or len(line) > 40:
        return None
    bare = _ICON.sub(" ", line).replace("&", " and ").strip().rstrip(":").strip()
    bare = re.sub(r"\s+", " ", bare)
    if not bare or len(bare.split()) > 5:
        return None
    sec = _HEADING_INDEX.get(bare.lower())
    if sec:
        return sec
    if bare.isupper() and len(bare) > 3 and not DATE_RANGE.search(bare) and "," not in bare and "@" not in bare:
        return "other"
    return None


def _sections(lines: list[str]) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = [("header", [])]
    for line in lines:
        sec = _heading(line)
        if sec:
            out.append((sec, []))
        else:
            out[-1][1].append(line)
    return out


def _bullets(lines: list[str]) -> list[str]:
    """Bullet glyph lines with wrapped continuations joined; prose split into sentences."""
    out: list[str] = []
    if any(is_bullet(ln) for ln in lines):
        current: list[str] | None = None
        for ln in lines:
            if is_bullet(ln):
                current = [strip_bullet(ln)]
                out.append("")
            elif current is not None and not _LOCATION.match(ln) and not _DURATION.match(ln):
                joiner = "" if current[-1].endswith("-") and ln[:1].islower() else " "
                current[-1] = (current[-1][:-1] if joiner == "" else current[-1]) + joiner + ln
            if current is not None and out:
                out[-1] = current[-1]
        return [b.strip() for b in out if b.strip()]
    prose = " ".join(ln for ln in lines)
    prose = re.sub(r"(\w)- (\w)", r"\1\2", prose)  # words hyphenated at a line end ("Devel- oping")
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", prose) if len(s.split()) >= 3]


def _split_header(header: str) -> tuple[str, str]:
    parts = [p.strip(" .:") for p in _SPLIT.split(header) if p and p.strip(" .:")]
    for i, part in enumerate(parts):
        if _TITLE_RE.search(part):
            org = parts[i - 1] if i > 0 else (parts[1] if len(parts) > 1 else "")
            return part, org
    return (parts[0], parts[1] if len(parts) > 1 else "") if parts else ("", "")


def _is_plain(line: str) -> bool:
    return not is_bullet(line) and not DATE_RANGE.search(line) and not _DURATION.match(line)


def _roles(lines: list[str]) -> list[Role]:
    anchors = [i for i, ln in enumerate(lines) if DATE_RANGE.search(ln)]
    found: list[tuple[int, int, str, str, tuple]] = []  # (first header line, date line, title, org, dates)
    boundary = -1  # the last line that belongs to an earlier role's header
    # A layout either prints each role's dates before its bullets or after them (rendercv "classic").
    trailing = bool(anchors) and any(is_bullet(ln) for ln in lines[: anchors[0]])
    for i in anchors:
        line = lines[i]
        dates = parse_range(line)
        header = DATE_RANGE.sub(" ", strip_bullet(line)).strip(" ,–—-|•")
        head_line = i
        org_hint = ""
        if not _TITLE_RE.search(header or ""):
            org_hint, header = header, ""
            if trailing:
                # Dates printed under the bullets: the header is the first title line after the last role.
                for j in range(boundary + 1, i):
                    if _is_plain(lines[j]) and _TITLE_RE.search(lines[j]) and not lines[j].endswith("."):
                        header, head_line = lines[j], j
                        break
            elif i + 1 < len(lines) and _is_plain(lines[i + 1]) and _TITLE_RE.search(lines[i + 1]):
                header, head_line = lines[i + 1], i + 1
            else:
                # Dates under a title/organisation block: the header is above, after the last bullet.
                for j in range(i - 1, boundary, -1):
                    if is_bullet(lines[j]):
                        break
                    if _is_plain(lines[j]) and _TITLE_RE.search(lines[j]) and not lines[j].endswith("."):
                        header, head_line = lines[j], j
                        break
        if not header:
            continue
        title, org = _split_header(header)
        title = title.split(":")[0].strip()
        if org_hint and (not org or head_line != i):
            org = _SPLIT.split(org_hint)[0].strip()
        first = min(head_line, i)
        if title and not org:
            below, above = head_line + 1, first - 1
            if below < len(lines) and _is_plain(lines[below]) and not _TITLE_RE.search(lines[below]) \
                    and len(lines[below].split()) <= 8:
                org = _SPLIT.split(lines[below])[0].strip()
            elif above > boundary and _is_plain(lines[above]) and not _TITLE_RE.search(lines[above]) \
                    and len(lines[above].split()) <= 6 \
                    and (not lines[above].endswith(".") or _COMPANY_END.search(lines[above])):
                org = _SPLIT.split(lines[above])[0].strip()
                first = above
        found.append((first, i, title, org, dates))
        boundary = max(i, head_line)
    roles = []
    for k, (first, date_line, title, org, dates) in enumerate(found):
        stop = found[k + 1][0] if k + 1 < len(found) else len(lines)
        body = [ln for j, ln in enumerate(lines[first:stop], first)
                if j != date_line and (is_bullet(ln) or not _TITLE_RE.search(ln) or len(ln.split()) > 10)
                and not (j < date_line and not is_bullet(ln) and j == first)]
        body = [ln for ln in body if not DATE_RANGE.search(ln) or is_bullet(ln)]
        start, end, sy, ey = dates
        roles.append(Role(title, org, start, end, sy, ey, tuple(_bullets(body))))
    return roles


_SINGLE_DATE = re.compile(rf"\(?\b(?:{MONTH}\s*)?(?:19|20)\d\d\b\)?")


def _projects(lines: list[str]) -> list[Project]:
    entries: list[tuple[str, list[str], int | None]] = []
    prev_header = False
    for k, ln in enumerate(lines):
        plain = not is_bullet(ln)
        text = _SINGLE_DATE.sub("", DATE_RANGE.sub("", ln)).strip(" ,–—-()|")
        year_m = re.search(r"\b(19|20)\d\d\b", ln)
        if plain and year_m and not re.sub(r"[\W\d]+", "", text):  # a line that is only a date
            if entries and not entries[-1][1]:
                entries[-1] = (entries[-1][0], [], entries[-1][2] or int(year_m.group(0)))
            continue
        body = entries[-1][1] if entries else []
        # A short capitalised line is a new entry unless it continues a wrapped prose sentence; a
        # dated line, or one followed by a bullet, is always a new entry.
        wrapped = bool(body) and not is_bullet(body[-1]) and not body[-1].rstrip().endswith(".")
        nxt_bullet = k + 1 < len(lines) and is_bullet(lines[k + 1]) and bool(body)
        is_head = plain and 0 < len(text.split()) <= 12 and not text.endswith(".") and text[:1].isupper() \
            and (not wrapped or bool(year_m) or nxt_bullet)
        if is_head and not prev_header:
            name = re.sub(r"^(personal|side|university|academic)?\s*project\s*:\s*", "", text, flags=re.I).strip()
            entries.append((name, [], int(year_m.group(0)) if year_m else None))
            prev_header = True
            continue
        prev_header = False
        if entries:
            entries[-1][1].append(ln)
    return [Project(name, tuple(_bullets(body)), year) for name, body, year in entries if name]


def read_cv(text: str, bank=None) -> CvProfile:
    """Read ``text`` (a CV). ``bank`` defaults to :func:`load_content` (for the skills taxonomy)."""
    if bank is None:
        from ...content import load_content

        bank = load_content()
    lines = clean_lines(text or "")
    sections = _sections(lines)
    names = tuple(dict.fromkeys(s for s, _ in sections if s not in ("header", "other")))
    exp = [ln for s, body in sections if s == "experience" for ln in body]
    if not exp:
        exp = [ln for s, body in sections if s not in ("education", "projects", "certifications", "awards",
                                                          "publications") for ln in body]
    roles = _roles(exp)
    projects = _projects([ln for s, body in sections if s == "projects" for ln in body])
    bullets = tuple(b for r in roles for b in r.bullets) + tuple(b for p in projects for b in p.bullets)
    summary = " ".join(ln for s, body in sections if s == "summary" for ln in body)
    skills = tuple(SkillRef(s.slug, s.name, tuple(s.topics), m, str(s.category))
                   for s, m in bank.find_skills(text or ""))
    return CvProfile(
        sections=names,
        roles=tuple(roles),
        projects=tuple(projects),
        skills=skills,
        bullets=bullets,
        measurable_bullets=tuple(b for b in bullets if is_measurable(b)),
        weak_verb_bullets=tuple((b, v) for b in bullets if (v := weak_verb(b))),
        summary=summary,
    )

"""CV improvements for a mock interview: concrete changes to the CV for this job, as Markdown bullets.

``cv_improvements(cv_text, job) -> list[str]``, pure Python. In this order, at most
:data:`MAX_CV_BULLETS` (8): required skills the CV never names; job keywords absent from the CV
(tailoring); experience and project bullets with no measurable result (quoted, at most 3); weak
verbs in those bullets (quoted, with stronger ones); missing sections (summary, skills,
experience, education, projects, as the CV reader finds headings: "Work history", "Profile",
"Technical skills" … count). An empty CV gets one bullet saying so.

Only real bullet lines of work are quoted (:func:`work_bullets`): the bullets the CV reader
(:func:`interview_coach.engine.interviewer.read_cv`) finds under roles and projects, with at least
4 words, opening with what was done (a verb: "Built", "Leading", "Responsible for"; a project's
bullet of 6 or more words may instead say what the project is), and not a label line ("Advisor:
Prof. …", "Tech stack: …", "GPA: …"), nor what the CV reader does not count as work
(:func:`interview_coach.engine.interviewer.cv.is_work`: funding, company boilerplate, advisors,
awards, contact and education lines). Only work with an
outcome (:func:`~interview_coach.engine.interviewer.cv.has_outcome`: not a paper, talk or course) is
asked for a measurable result, and "measurable" is the CV reader's own rule
(:func:`interview_coach.engine.interviewer.is_measurable`). A skill counts as named when the job
requirement reader says the CV covers it (:func:`interview_coach.engine.interviewer.requirements.covers`:
any alias of the same taxonomy skill, the words themselves, or a paraphrase of a plain phrase).
"""

from __future__ import annotations

import re

from ...content import load_content
from ..interview_feedback import escape_markdown
from ..interviewer.cv import has_outcome, is_measurable, is_work, read_cv
from ..interviewer.requirements import covers
from .answers import quote
from .types import JobContext

__all__ = ["cv_improvements", "work_bullets", "WEAK_VERBS", "SECTIONS", "MAX_CV_BULLETS"]

MAX_CV_BULLETS = 8
WEAK_VERBS = {
    "responsible for": "owned, led", "worked on": "built, delivered", "helped": "enabled, drove",
    "assisted": "supported, co-designed", "involved in": "contributed, implemented",
    "participated in": "contributed to, ran", "duties included": "delivered", "handled": "resolved, managed",
    "tasked with": "delivered, led", "did": "executed, completed", "was part of": "contributed to",
}
# The sections a recruiter or CV parser looks for, as the CV reader names them (its SECTION_WORDS).
SECTIONS = ("summary", "skills", "experience", "education", "projects")
# "Advisor: Prof. …", "Tech stack: …", "GPA: 3.9": lines that describe, not work that was done.
_LABEL = re.compile(r"^\s*(advis[eo]rs?|supervisors?|mentors?|tech(?:nologies)?|tech stack|stack|tools?|skills?|"
                    r"languages?|location|gpa|grades?|coursework|courses?|keywords|awards?|honou?rs?|role|team|"
                    r"client|links?|urls?|github|website|e-?mail|phone|references?|environment|publications?|"
                    r"degree|major|minor|certifications?)\s*:", re.I)
# CV bullets open with what was done: "Built…", "Leading…", "Own the…", "Responsible for…".
_WORK_VERBS = frozenset(
    "build built lead led run ran own owned write wrote design develop maintain manage create implement drive drove "
    "grow grew make made cut set win won teach taught mentor ship deploy migrate automate reduce improve increase "
    "launch deliver architect establish introduce optimise optimize scale refactor rewrite rebuild support coordinate "
    "organise organize plan research analyse analyze test train coach hire negotiate present publish contribute "
    "responsible helped help assist handle work oversee oversaw spearhead streamline integrate configure monitor".split())


def cv_improvements(cv_text: str, job: JobContext) -> list[str]:
    """Concrete CV changes for this job, as Markdown bullet texts (see the module docstring)."""
    cv = cv_text or ""
    if not cv.strip():
        return ["The CV is empty: upload or paste it so it can be compared with the role."]
    out: list[str] = []
    bank = load_content()
    in_cv = {s.slug for s, _ in bank.find_skills(cv)}
    missing = [s for s in job.required_skills if not covers(cv, s, in_cv, bank)]
    if missing:
        out.append("The role requires " + ", ".join(f"**{escape_markdown(s)}**" for s in missing[:6])
                   + ", which your CV never mentions: add where you used "
                   + ("it" if len(missing) == 1 else "them") + ", or a project that shows "
                   + ("it" if len(missing) == 1 else "them") + ".")
    absent = [k for k in job.keywords if k not in job.required_skills and not covers(cv, k, in_cv, bank)]
    if absent:
        out.append(f"Tailor the CV to {escape_markdown(job.job_title)} at {escape_markdown(job.company)}: "
                   "the job description stresses " + ", ".join(f"“{escape_markdown(k)}”" for k in absent[:5])
                   + ", which the CV does not use; mirror those words where they are true of you.")
    profile = read_cv(cv)
    bullets = _work_bullets(profile)
    unmeasured = [b for b in bullets if has_outcome(b) and not is_measurable(b)]
    if unmeasured:
        out.append("Add a measurable result to bullets such as "
                   + "; ".join(escape_markdown(quote(b)) for b in unmeasured[:3])
                   + ": how many users, how much faster, what it saved.")
    weak = []
    for phrase, better in WEAK_VERBS.items():
        hit = next((b for b in bullets if re.search(rf"\b{re.escape(phrase)}\b", b, re.I)), None)
        if hit and len(weak) < 3:
            weak.append(f"{escape_markdown(quote(hit))} (“{phrase}” → {better})")
    if weak:
        out.append("Replace weak verbs with what you did: " + "; ".join(weak) + ".")
    missing_sections = [name for name in SECTIONS if name not in profile.sections]
    if missing_sections:
        out.append("Add the missing section" + ("s " if len(missing_sections) > 1 else " ")
                   + ", ".join(f"**{s}**" for s in missing_sections)
                   + ": recruiters and CV parsers look for these headings.")
    if not out:
        out.append(f"The CV already covers the role's required skills; lead the summary with the one "
                   f"most relevant to {escape_markdown(job.job_title)}.")
    return out[:MAX_CV_BULLETS]


def work_bullets(cv_text: str) -> list[str]:
    """The CV's bullet lines of experience and projects that describe work done (see the module
    docstring): what a "measurable result" or "weak verb" tip may quote."""
    return _work_bullets(read_cv(cv_text))


def _work_bullets(cv) -> list[str]:
    role_bullets = [b for r in cv.roles for b in r.bullets]
    project_bullets = [b for p in cv.projects for b in p.bullets]
    out = []
    for bullet, in_project in [(b, False) for b in role_bullets] + [(b, True) for b in project_bullets]:
        words = bullet.split()
        first = re.sub(r"[^a-z]", "", words[0].lower()) if words else ""
        verb = first in _WORK_VERBS or first.endswith(("ed", "ing")) or \
            (first.endswith("s") and first[:-1] in _WORK_VERBS) or re.search(r"\bI\b", bullet)
        # A project may be described by what it is ("A Go tool that turns alerts into a status page").
        described = in_project and len(words) >= 6
        if len(words) >= 4 and (verb or described) and not _LABEL.match(bullet) and is_work(bullet) \
                and bullet not in out:
            out.append(bullet)
    return out

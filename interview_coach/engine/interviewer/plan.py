"""Plan the built-in interviewer's 8 questions from a job profile and a CV profile.

``plan_interview(job, cv, job_title, company, bank, rng_seed)`` is pure and deterministic for a
given seed. The plan has exactly :data:`MAX_QUESTIONS` (the seed's ``MAX_QUESTIONS = 8``)
questions, in this order:

Only *work bullets* (:func:`.cv.is_work`) are ever quoted: never funding rounds, company
boilerplate, advisors or awards. A job *fit* of a bullet is the job skills it names plus its
closeness to a responsibility (:meth:`_Planner._duties`, 0–1).

1. **opener** — names the role and company and one CV highlight: the work bullet with an outcome
   (:func:`.cv.has_outcome`) that opens with a past-tense verb and fits the job best (+ 0.5 for a
   measurable result; one not used by a deep dive), else — when no bullet fits the job — the latest role.
2. **deep dives** × 2 — roles and projects ranked by ``2 × required skills + 1 × nice-to-have
   skills`` their work bullets name, + the best responsibility closeness (+ 0.5 for the current
   role), each asked about through its best bullet (2 per job skill named, + responsibility
   closeness, +1 measurable result, +0.5 opening with a past-tense verb). The probe asks for "the
   measurable result" only of work with an outcome that states none (not of a paper or a course). Why 2 and
   not 3: the 8 slots minus opener, 2 technical, scenario and closing leave 3 for deep dives and
   behavioural together, and behavioural needs at least 1.
3. **technical** × 2 — required skills (then nice-to-have) that map to syllabus topics, two
   different topics where possible. Skill→topic pairs are ranked: "Software Engineering" (the
   catch-all topic) last, then skills that map to a single topic (a precise mapping: PostgreSQL →
   DBMS) before skills that map to several, then languages, databases and practices before tools. The question
   comes from the bank at the seniority's difficulty (intern/junior → easy, mid → medium, senior and
   above → hard; any difficulty if that level is empty), preferring one that names the skill, and
   carries its id, reference answer and concepts (name + aliases) so it can be scored. A skill with
   no topic gets a skill-specific question without a reference answer.
4. **behavioural** × 1 — from the behavioural bank for the competencies
   the job implies, most-cued first; without any, ownership and teamwork (leadership first for lead
   and principal roles). Carries ``strong_answer_shows`` and ``red_flags``.
5. **scenario** — built from the responsibility that names most required skills and overlaps least
   with the questions already planned.
6. **closing**.

No two questions alike: a candidate is skipped for the next alternative when its content-word
Jaccard index (:func:`._text.jaccard`) with a question already planned exceeds :data:`MAX_OVERLAP`,
or when its *subject* (the CV bullet of a deep dive or the opener, the responsibility of the
scenario, the question itself otherwise) overlaps a planned question's subject by more than
:data:`SUBJECT_OVERLAP` — the shared template words of two questions would otherwise hide that
both ask about the same piece of work.
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass

from ._text import jaccard
from .cv import CvProfile, Project, Role, has_outcome, is_measurable, is_work
from .job import JobProfile, SkillRef

__all__ = ["PlannedQuestion", "InterviewPlan", "plan_interview", "MAX_QUESTIONS", "MAX_OVERLAP", "KINDS",
           "DIFFICULTY_FOR", "DEEP_DIVES", "BEHAVIOURAL",
           "SUBJECT_OVERLAP"]

MAX_QUESTIONS = 8
MAX_OVERLAP = 0.5
SUBJECT_OVERLAP = 0.5
# 8 = opener + deep dives + 2 technical + behavioural + scenario + closing, so deep dives +
# behavioural = 3; with at least 2 deep dives and 1 behavioural question that leaves exactly 2 + 1.
DEEP_DIVES, BEHAVIOURAL = 2, 1
KINDS = ("opener", "deep_dive", "technical", "behavioural", "scenario", "closing")
DIFFICULTY_FOR = {"intern": "easy", "junior": "easy", "mid": "medium", "senior": "hard", "lead": "hard",
                  "principal": "hard"}
_GENERIC_TOPIC = "Software Engineering"
_PAST = re.compile(r"^(\w+ed|built|led|wrote|ran|cut|made|grew|took|set|won|drove|shipped|kept|brought|"
                   r"taught|found|began|chose|gave|got|held|left|lost|met|paid|put|read|sold|sent|spent|"
                   r"stood|thought|understood|rewrote|rebuilt|overhauled|co-authored|co-founded)\b", re.I)
_PROBES = (
    "How did you approach it, and which decisions were yours rather than the team's?",
    "What was the hardest problem you hit along the way, and how did you solve it?",
    "How did you know it had worked, and what would you change if you did it again?",
)


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    """One planned question. ``concepts`` is ``((name, (alias, …)), …)`` for the scorer."""

    kind: str  # one of KINDS
    text: str
    purpose: str  # one line: what it assesses
    bank_ref: str | None = None
    reference_answer: str | None = None
    concepts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    competency: str | None = None
    strong_answer_shows: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    skill: str | None = None
    cv_item: str | None = None

    @classmethod
    def from_dict(cls, d: dict) -> PlannedQuestion:
        return cls(
            kind=d["kind"], text=d["text"], purpose=d["purpose"], bank_ref=d.get("bank_ref"),
            reference_answer=d.get("reference_answer"),
            concepts=tuple((c[0], tuple(c[1])) for c in d.get("concepts", ())),
            competency=d.get("competency"), strong_answer_shows=tuple(d.get("strong_answer_shows", ())),
            red_flags=tuple(d.get("red_flags", ())), skill=d.get("skill"), cv_item=d.get("cv_item"),
        )


@dataclass(frozen=True, slots=True)
class InterviewPlan:
    """The stored plan: ``to_dict()`` is JSON-serialisable and ``from_dict(to_dict())`` equals the plan."""

    job_title: str
    company: str
    seed: int
    questions: tuple[PlannedQuestion, ...]

    def to_dict(self) -> dict:
        return {"version": 1, "job_title": self.job_title, "company": self.company, "seed": self.seed,
                "questions": [asdict(q) for q in self.questions]}

    @classmethod
    def from_dict(cls, d: dict) -> InterviewPlan:
        return cls(d["job_title"], d["company"], int(d["seed"]),
                   tuple(PlannedQuestion.from_dict(q) for q in d["questions"]))


# ------------------------------------------------------------------------------------------ helpers

def _as_clause(bullet: str, max_words: int = 22) -> str | None:
    """"Designed the X." → "designed the X" (None when the bullet does not open with a past-tense verb)."""
    text = bullet.strip().rstrip(".;")
    if not _PAST.match(text):
        return None
    words = text.split()
    if len(words) > max_words:
        text = " ".join(words[:max_words]).rstrip(",;:") + "…"
    return text[0].lower() + text[1:] if not text[1:2].isupper() else text


def _named(text: str, bank) -> set[str]:
    return {s.slug for s, _ in bank.find_skills(text)}


class _Planner:
    def __init__(self, job: JobProfile, cv: CvProfile, job_title: str, company: str, bank, seed: int):
        self.job, self.cv, self.bank = job, cv, bank
        self.title = (job_title or job.title_hint or "this role").strip()
        self.company = (company or "our company").strip()
        self.rng = random.Random(seed)
        self.required = {s.slug for s in job.required_skills}
        self.nice = {s.slug for s in job.nice_skills}
        self.names = {s.slug: s.name for s in job.skills}
        self.texts: list[str] = []  # every planned question's text, for the overlap check
        self.subjects: list[str] = []  # and what each one is about
        self.used_bullets: set[str] = set()

    def distinct(self, text: str, subject: str | None = None) -> bool:
        subject = subject or text
        return all(jaccard(text, other) <= MAX_OVERLAP for other in self.texts) and \
            all(jaccard(subject, other) <= SUBJECT_OVERLAP for other in self.subjects)

    def keep(self, q: PlannedQuestion, subject: str | None = None) -> PlannedQuestion:
        self.texts.append(q.text)
        self.subjects.append(subject or q.text)
        return q

    # ------------------------------------------------------------------ deep dives

    def _duties(self, bullet: str) -> float:
        """How closely ``bullet`` matches one of the job's responsibilities (0–1, Jaccard ×4, capped)."""
        return min(1.0, 4 * max((jaccard(bullet, r) for r in self.job.responsibilities), default=0.0))

    def _item_score(self, item: Role | Project, index: int) -> tuple[float, set[str]]:
        work = [b for b in item.bullets if is_work(b)]
        text = " ".join((getattr(item, "title", ""), getattr(item, "name", ""), *work))
        slugs = _named(text, self.bank)
        score = 2 * len(slugs & self.required) + len(slugs & self.nice) + max(map(self._duties, work), default=0.0)
        if isinstance(item, Role) and index == 0 and item.end_year is None:
            score += 0.5
        return score, slugs & (self.required | self.nice)

    def _best_bullet(self, item: Role | Project) -> tuple[str | None, set[str]]:
        best, best_key, best_skills = None, (-1.0,), set()
        for b in item.bullets:
            if b in self.used_bullets or not is_work(b):
                continue
            skills = _named(b, self.bank) & (self.required | self.nice)
            key = (2 * len(skills) + self._duties(b) + is_measurable(b) + 0.5 * (_as_clause(b) is not None),)
            if key > best_key:
                best, best_key, best_skills = b, key, skills
        return best, best_skills

    def deep_dives(self) -> list[PlannedQuestion]:
        items: list[tuple[float, int, Role | Project, set[str]]] = []
        for i, role in enumerate(self.cv.roles):
            score, skills = self._item_score(role, i)
            items.append((score, i, role, skills))
        for j, project in enumerate(self.cv.projects):
            score, skills = self._item_score(project, j)
            items.append((score, 100 + j, project, skills))
        items.sort(key=lambda t: (-t[0], t[1]))
        probes = list(_PROBES)
        self.rng.shuffle(probes)
        out: list[PlannedQuestion] = []
        for _, _, item, skills in items:
            if len(out) == DEEP_DIVES:
                break
            bullet, bullet_skills = self._best_bullet(item)
            label = item.label
            probe = probes[len(out) % len(probes)]
            if bullet and has_outcome(bullet) and not is_measurable(bullet) \
                    and "measur" not in " ".join(q.text for q in out):
                probe = "What was the measurable result, and how did you check it?"
            clause = _as_clause(bullet) if bullet else None
            where = f"In your role as {label}" if isinstance(item, Role) else f"On {label}"
            if clause:
                text = f"{where}, you {clause}{'' if clause.endswith('…') else '.'} {probe}"
            elif bullet:
                text = f"{where}, your CV says: “{bullet.rstrip('.')}”. {probe}"
            else:
                text = f"{where}, what was the piece of work you are proudest of? {probe}"
            if not self.distinct(text, bullet):
                continue
            wanted = bullet_skills or skills
            named = [s.name for s in self.job.skills if s.slug in wanted]  # job order: stable across processes
            purpose = (f"Depth and ownership of real experience with {', '.join(named[:3])}, which the job asks for"
                       if named else "Depth and ownership of the candidate's most relevant experience")
            if bullet:
                self.used_bullets.add(bullet)
            out.append(self.keep(PlannedQuestion(
                "deep_dive", text, purpose, skill=named[0] if named else None, cv_item=label), bullet))
        # A CV with fewer than two roles/projects we could read: ask about the job's skills, then generally.
        fallback: list[tuple[str | None, str]] = [
            (s.name, f"Tell me about the piece of work where you used {s.name} most seriously: what was it for, "
                     f"and what exactly did you build?")
            for s in ([s for s in self.job.required_skills if s.technical] or self.job.skills)]
        fallback += [(None, "Walk me through the piece of work on your CV that you are proudest of: what was your "
                            "part, and what came of it?"),
                     (None, "Tell me about another project or role you would like us to know about: what did you "
                            "own there?")]
        for skill, text in fallback:
            if len(out) == DEEP_DIVES:
                break
            if self.distinct(text):
                out.append(self.keep(PlannedQuestion(
                    "deep_dive", text, "Depth of real experience (the CV names few roles or projects)", skill=skill)))
        return out

    # ------------------------------------------------------------------ opener

    def opener(self) -> PlannedQuestion:
        highlight, item = None, None
        ranked = []
        for it in (*self.cv.roles, *self.cv.projects):
            for b in it.bullets:
                if b in self.used_bullets or not has_outcome(b):
                    continue
                skills = _named(b, self.bank) & (self.required | self.nice)
                fit = len(skills) + self._duties(b)
                if fit > 0 and _as_clause(b, 18):  # a highlight the job cares about, or none
                    ranked.append((-fit - 0.5 * is_measurable(b), len(ranked), b, it))
        if ranked:
            *_, highlight, item = min(ranked)
        if highlight and (clause := _as_clause(highlight, 18)):
            mention = f"I see that you {clause}"
        elif self.cv.roles:
            item = self.cv.roles[0]
            mention = f"I see you are working as {item.label}"
        elif self.cv.projects:
            item = self.cv.projects[0]
            mention = f"I see you built {item.name}"
        else:
            mention = None
        ask = f"{mention}: how has that prepared you for this job?" if mention else \
            "Which part of your experience has prepared you best for it?"
        text = (f"Welcome, and thanks for your time. To start, tell me a little about yourself and what draws you "
                f"to the {self.title} role at {self.company}. {ask}")
        return self.keep(PlannedQuestion(
            "opener", text, "Motivation for this role and company, and how the candidate frames their experience",
            cv_item=item.label if item else None), highlight)

    # ------------------------------------------------------------------ technical

    def technical(self) -> list[PlannedQuestion]:
        difficulty = DIFFICULTY_FOR.get(self.job.seniority, "medium")
        pairs: list[tuple[SkillRef, str | None]] = []
        for skill in (*self.job.required_skills, *self.job.nice_skills):
            if not skill.technical:
                continue
            pairs.extend((skill, t) for t in skill.topics if t in self.bank.topic_names)
        # The catch-all topic only after every specific one; two different topics and skills where possible.
        pairs.sort(key=lambda p: (p[1] == _GENERIC_TOPIC, len(p[0].topics) > 1,
                                  p[0].category not in ("language", "database", "practice")))
        chosen: list[tuple[SkillRef, str]] = []
        for strict in (True, False):
            for skill, topic in pairs:
                taken = any(s.slug == skill.slug for s, _ in chosen) or (skill, topic) in chosen
                if len(chosen) < 2 and not taken and not (strict and any(t == topic for _, t in chosen)):
                    chosen.append((skill, topic))
        out: list[PlannedQuestion] = []
        used_ids: set[str] = set()
        for skill, topic in chosen:
            q = self._bank_question(skill, topic, difficulty, used_ids)
            if q is None:
                continue
            used_ids.add(q.id)
            concepts = tuple((c.name, tuple(c.aliases)) for c in self.bank.concepts_of(q))
            out.append(self.keep(PlannedQuestion(
                "technical", q.question,
                f"Correctness on {topic} ({q.subtopic}), tied to the "
                f"{'required' if skill.slug in self.required else 'nice-to-have'} skill {skill.name}; scored "
                f"against the reference answer", bank_ref=q.id, reference_answer=q.reference_answer, concepts=concepts,
                skill=skill.name)))
        fallback = [s for s in (*self.job.required_skills, *self.job.nice_skills, *self.cv.skills)
                    if s.technical and s.name not in {q.skill for q in out}]
        templates = (
            "This role relies on {s}. Which {s} features or practices do you rely on most, and what pitfalls "
            "have you learned to avoid with them?",
            "Walk me through how you would track down a production problem in a system built with {s}: where "
            "would you look first, and which tools would you use?",
        )
        generic = ("Which tools or methods do you rely on most in your work, and what pitfalls have you learned to "
                   "avoid with them?",
                   "Walk me through how you would track down a problem that keeps coming back in your day-to-day "
                   "work: where would you look first, and how would you confirm the cause?")
        k = 0
        while len(out) < 2:
            skill = fallback[k].name if k < len(fallback) else None
            text = templates[len(out) % 2].format(s=skill) if skill else generic[len(out) % 2]
            k += 1
            if self.distinct(text) or k > len(fallback) + 2:
                out.append(self.keep(PlannedQuestion(
                    "technical", text, f"Practical, hands-on knowledge of {skill or 'the tools of the trade'}",
                    skill=skill)))
        return out

    def _bank_question(self, skill: SkillRef, topic: str, difficulty: str, used: set[str]):
        pool = [q for q in self.bank.questions_for(topic=topic, difficulty=difficulty) if q.id not in used] \
            or [q for q in self.bank.questions_for(topic=topic) if q.id not in used]
        pool = [q for q in pool if self.distinct(q.question)]
        if not pool:
            return None
        terms = re.compile(r"\b(" + "|".join(re.escape(t) for t in (skill.name, skill.matched)) + r")\b", re.I)
        naming = [q for q in pool if terms.search(q.question) or terms.search(q.reference_answer)]
        return self.rng.choice(naming or pool)

    # ------------------------------------------------------------------ behavioural, scenario, closing

    def behavioural(self, n: int) -> list[PlannedQuestion]:
        known = {c.slug for c in self.bank.competencies}
        default = ("leadership", "ownership", "teamwork") if self.job.seniority in ("lead", "principal") \
            else ("ownership", "teamwork", "failure")
        order = [c for c in self.job.competencies if c in known]
        order += [c for c in default if c not in order]
        out: list[PlannedQuestion] = []
        for slug in order:
            if len(out) == n:
                break
            questions = list(self.bank.behavioural(slug))
            self.rng.shuffle(questions)
            for bq in questions:
                if self.distinct(bq.question):
                    implied = slug in self.job.competencies
                    comp = self.bank.competency(slug)
                    out.append(self.keep(PlannedQuestion(
                        "behavioural", bq.question,
                        f"{comp.name}" + (" — the job description asks for it" if implied else "") + " (STAR answer)",
                        bank_ref=bq.id, competency=slug, strong_answer_shows=tuple(bq.strong_answer_shows),
                        red_flags=tuple(bq.red_flags))))
                    break
        return out

    def scenario(self) -> PlannedQuestion:
        ranked = []
        for i, resp in enumerate(self.job.responsibilities):
            skills = _named(resp, self.bank) & self.required
            overlap = max((jaccard(resp, t) for t in self.subjects), default=0.0)
            ranked.append((-len(skills), overlap, i, resp))
        ranked.sort()
        for *_, resp in ranked:
            clause = re.sub(r"^(you will|you'll|you’ll)\s+", "", resp.strip().rstrip("."), flags=re.I)
            clause = clause[0].lower() + clause[1:] if not clause[1:2].isupper() else clause
            text = (f"Here is a scenario. In your first months as {self.title} at {self.company}, you are asked to "
                    f"{clause}. How would you approach it: what would you find out first, what would you do in "
                    f"the first few weeks, and how would you know it was working?")
            if self.distinct(text, resp):
                return self.keep(PlannedQuestion(
                    "scenario", text, "Judgement and approach on a real responsibility of this role",
                    skill=next((self.names[s] for s in _named(resp, self.bank) if s in self.names), None)), resp)
        text = (f"Here is a scenario. In your first month as {self.title} at {self.company}, you inherit a piece of "
                f"work that is late and that nobody fully understands. What would you do in your first two weeks?")
        return self.keep(PlannedQuestion("scenario", text, "Judgement when taking over unclear work"))

    def closing(self) -> PlannedQuestion:
        text = (f"We are nearly out of time. What would make you successful as {self.title} at {self.company} in "
                f"your first six months, and what questions do you have for us?")
        return self.keep(PlannedQuestion("closing", text, "Self-awareness about fit, and curiosity about the role"))


def plan_interview(job: JobProfile, cv: CvProfile, job_title: str, company: str, bank=None,
                   rng_seed: int = 0) -> InterviewPlan:
    """The 8-question plan (see the module docstring for the order and the rules).

    ``bank`` defaults to :func:`load_content`. The same inputs and seed always give the same plan.
    """
    if bank is None:
        from ...content import load_content

        bank = load_content()
    p = _Planner(job, cv, job_title, company, bank, rng_seed)
    deep = p.deep_dives()
    opener = p.opener()
    technical = p.technical()
    behavioural = p.behavioural(BEHAVIOURAL)
    scenario = p.scenario()
    closing = p.closing()
    questions = (opener, *deep, *technical, *behavioural, scenario, closing)
    if len(questions) != MAX_QUESTIONS:  # pragma: no cover - the planner always fills every slot
        raise AssertionError(f"planned {len(questions)} questions, expected {MAX_QUESTIONS}")
    return InterviewPlan(p.title, p.company, rng_seed, questions)

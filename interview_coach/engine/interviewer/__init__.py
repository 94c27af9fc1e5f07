"""The built-in interviewer of the CV + job-description mock interview (issue 6): it reads the job
description and the CV, plans 8 questions, and reacts to each answer with a follow-up.

Pure engine code (no Flask, no database, no network); plain data in, plain data out:

- :func:`read_job` (:mod:`.job`) → :class:`JobProfile`: title, seniority, years, required and
  nice-to-have skills (with the requirements the taxonomy lacks, :mod:`.requirements`),
  responsibilities, implied competencies, syllabus topics.
- :func:`.requirements.missing_requirements`: which of a job's requirements a CV does not state.
- :func:`read_cv` (:mod:`.cv`) → :class:`CvProfile`: sections, roles with dates, projects, skills,
  bullets, measurable results, weak verbs.
- :func:`plan_interview` (:mod:`.plan`) → :class:`InterviewPlan` of 8 :class:`PlannedQuestion`;
  ``to_dict``/``from_dict`` store it as JSON so an interview resumes after a restart.
- :func:`classify_answer` and :func:`follow_up` (:mod:`.followup`): unreadable / vague / no result /
  off topic, and a follow-up that reacts to what the answer said (:mod:`.probes`).
"""

from .cv import CvProfile, Project, Role, is_measurable, read_cv, weak_verb
from .followup import AnswerSignal, FollowUp, classify_answer, follow_up
from .probes import Probe, probes
from .job import JobProfile, SkillRef, read_job
from .plan import MAX_QUESTIONS, InterviewPlan, PlannedQuestion, plan_interview

__all__ = [
    "AnswerSignal", "CvProfile", "FollowUp", "Probe", "probes", "InterviewPlan", "JobProfile", "MAX_QUESTIONS", "PlannedQuestion", "Project",
    "Role", "SkillRef", "classify_answer", "follow_up", "is_measurable", "plan_interview", "read_cv", "read_job",
    "weak_verb",
]

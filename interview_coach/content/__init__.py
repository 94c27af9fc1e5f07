"""The content of Interview Coach: syllabus, technical question bank, behavioural bank, skills
taxonomy and debugging challenges, as YAML files validated at load (:mod:`.schema`) and served as
typed, read-only objects (:mod:`.bank`) by :func:`load_content`.

Pure Python: no Flask, no database. The YAML lives next to this module:
``topics/*.yaml``, ``behavioural.yaml``, ``skills.yaml``, ``debugging/<language>.yaml``.
"""

from .bank import (
    BehaviouralQuestion,
    Challenge,
    Competency,
    Concept,
    ContentBank,
    Question,
    Skill,
    Subtopic,
    Topic,
    UnknownContent,
)
from .loader import CONTENT_DIR, ContentError, clear_cache, load_content
from .schema import LANGUAGES, TOPIC_NAMES, TOPIC_SLUGS, Difficulty, SkillCategory

__all__ = [
    "BehaviouralQuestion",
    "Challenge",
    "Competency",
    "Concept",
    "ContentBank",
    "Question",
    "Skill",
    "Subtopic",
    "Topic",
    "UnknownContent",
    "CONTENT_DIR",
    "ContentError",
    "clear_cache",
    "load_content",
    "LANGUAGES",
    "TOPIC_NAMES",
    "TOPIC_SLUGS",
    "Difficulty",
    "SkillCategory",
]

"""Read the content YAML files, validate them against :mod:`.schema`, and build a :class:`ContentBank`.

Layout of a content directory (the package's own ``interview_coach/content`` by default)::

    topics/<topic slug>.yaml        one per syllabus topic (whatever files exist are loaded)
    behavioural.yaml                required
    skills.yaml                     required
    debugging/<language>.yaml       python, javascript, java, cpp (whatever files exist)

A file that does not validate raises :class:`ContentError` naming the file and the offending
ids: bad content must fail loudly, never be skipped. :func:`load_content` caches one bank per
directory per process; it is safe to call from many threads (the first caller loads, the others
wait for it).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

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
)
from .schema import LANGUAGES, BehaviouralFile, DebuggingFile, SkillsFile, TopicFile

__all__ = [
    "CONTENT_DIR",
    "ContentError",
    "load_content",
    "clear_cache",
    "load_topic_file",
    "load_behavioural_file",
    "load_skills_file",
    "load_debugging_file",
    "read_topics",
    "read_debugging",
]

CONTENT_DIR = Path(__file__).resolve().parent
M = TypeVar("M", bound=BaseModel)

# libyaml's loader when PyYAML was built with it: the same safe subset of YAML, ~10× faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_cache: dict[Path, ContentBank] = {}
_lock = threading.Lock()


class ContentError(ValueError):
    """A content file is missing, is not valid YAML, or does not match the schema."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__(f"{path}:\n  " + "\n  ".join(problems))


def load_content(path: str | Path | None = None) -> ContentBank:
    """The content bank of directory ``path`` (default: the bundled content), loaded once per process.

    Raises :class:`ContentError` when a file is missing or invalid; the error is not cached, so a
    fixed file loads on the next call.
    """
    root = Path(path).resolve() if path is not None else CONTENT_DIR
    bank = _cache.get(root)
    if bank is not None:
        return bank
    with _lock:
        bank = _cache.get(root)
        if bank is None:
            bank = _build(root)
            _cache[root] = bank
    return bank


def clear_cache() -> None:
    """Forget loaded banks (tests that edit content files; a long-running process never needs it)."""
    with _lock:
        _cache.clear()


# --------------------------------------------------------------------------- single files


def _read(path: Path, model: type[M]) -> M:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except FileNotFoundError:
        raise ContentError(path, ["file not found"]) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, [f"not valid YAML: {exc}"]) from None
    if not isinstance(raw, dict):
        raise ContentError(path, ["the file must contain a mapping at the top level"])
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(path, [line for err in exc.errors() for line in _describe(err, raw)]) from None


def _describe(err: Any, raw: dict) -> list[str]:
    """One validation error as "where: what" lines, with slugs instead of list indexes where possible.

    A cross-reference check reports several problems at once, one per line of its message.
    """
    parts: list[str] = []
    node: Any = raw
    for step in err["loc"]:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            slug = node.get("slug") if isinstance(node, dict) else None
            parts.append(f"[{slug}]" if slug else f"[{step}]")
        else:
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(f".{step}")
    where = "".join(parts).lstrip(".")
    message = err["msg"].removeprefix("Value error, ")
    return [f"{where}: {line}" if where else line for line in message.splitlines() if line.strip()]


def load_topic_file(path: str | Path) -> TopicFile:
    """Validate one topic file; its name must be ``<slug>.yaml``."""
    path = Path(path)
    spec = _read(path, TopicFile)
    if path.stem != spec.slug:
        raise ContentError(path, [f"a topic file must be named {spec.slug}.yaml (its slug)"])
    return spec


def load_behavioural_file(path: str | Path) -> BehaviouralFile:
    return _read(Path(path), BehaviouralFile)


def load_skills_file(path: str | Path) -> SkillsFile:
    return _read(Path(path), SkillsFile)


def load_debugging_file(path: str | Path) -> DebuggingFile:
    """Validate one debugging file; its name must be ``<language>.yaml``."""
    path = Path(path)
    spec = _read(path, DebuggingFile)
    if path.stem != spec.language:
        raise ContentError(path, [f"a {spec.language} debugging file must be named {spec.language}.yaml"])
    return spec


# --------------------------------------------------------------------------- building the bank


def read_topics(root: Path) -> list[Topic]:
    """Every ``topics/*.yaml`` under ``root`` as typed topics (sorted by file name)."""
    topics: list[Topic] = []
    seen: dict[str, Path] = {}
    for path in sorted((root / "topics").glob("*.yaml")):
        spec = load_topic_file(path)
        if spec.topic in seen:
            raise ContentError(path, [f"topic {spec.topic!r} is also defined in {seen[spec.topic].name}"])
        seen[spec.topic] = path
        topics.append(_topic(spec))
    return topics


def read_debugging(root: Path) -> list[Challenge]:
    """Every ``debugging/<language>.yaml`` under ``root``, in the order python, javascript, java, cpp."""
    folder = root / "debugging"
    unknown = sorted(p.name for p in folder.glob("*.yaml") if p.stem not in LANGUAGES)
    if unknown:
        raise ContentError(folder, [f"unknown debugging file(s) {unknown}; expected {', '.join(f'{l}.yaml' for l in LANGUAGES)}"])
    challenges: list[Challenge] = []
    for language in LANGUAGES:
        path = folder / f"{language}.yaml"
        if path.exists():
            spec = load_debugging_file(path)
            challenges += [
                Challenge(id=f"debug.{language}.{c.slug}", language=language, **c.model_dump())
                for c in spec.challenges
            ]
    return challenges


def _topic(spec: TopicFile) -> Topic:
    subtopics = []
    for sub in spec.subtopics:
        sub_id = f"{spec.slug}.{sub.slug}"
        concepts = tuple(
            Concept(
                id=f"{sub_id}.{c.slug}", slug=c.slug, name=c.name, definition=c.definition,
                aliases=tuple(c.aliases), topic=spec.topic, subtopic_id=sub_id,
                details=tuple(c.details), misconceptions=tuple(c.misconceptions),
            )
            for c in sub.concepts
        )
        questions = tuple(
            Question(
                id=f"{sub_id}.{q.slug}", slug=q.slug, difficulty=q.difficulty, question=q.question,
                reference_answer=q.reference_answer, key_concepts=tuple(f"{sub_id}.{k}" for k in q.key_concepts),
                hint=q.hint, follow_ups=tuple(q.follow_ups), topic=spec.topic, subtopic=sub.name, subtopic_id=sub_id,
            )
            for q in sub.questions
        )
        subtopics.append(
            Subtopic(id=sub_id, slug=sub.slug, name=sub.name, topic=spec.topic, topic_id=spec.slug, concepts=concepts, questions=questions)
        )
    return Topic(id=spec.slug, name=spec.topic, title=spec.title, description=spec.description, subtopics=tuple(subtopics))


def _competencies(spec: BehaviouralFile) -> list[Competency]:
    return [
        Competency(
            id=f"behavioural.{c.slug}", slug=c.slug, name=c.name, description=c.description,
            questions=tuple(
                BehaviouralQuestion(
                    id=f"behavioural.{c.slug}.{q.slug}", slug=q.slug, competency=c.slug, question=q.question,
                    strong_answer_shows=tuple(q.strong_answer_shows), red_flags=tuple(q.red_flags),
                    follow_ups=tuple(q.follow_ups),
                )
                for q in c.questions
            ),
        )
        for c in spec.competencies
    ]


def _skills(spec: SkillsFile) -> list[Skill]:
    return [
        Skill(
            id=f"skill.{s.slug}", slug=s.slug, name=s.name, category=s.category, aliases=tuple(s.aliases),
            topics=tuple(s.topics), case_sensitive=s.case_sensitive, ambiguous=tuple(s.ambiguous),
        )
        for s in spec.skills
    ]


def _build(root: Path) -> ContentBank:
    if not root.is_dir():
        raise ContentError(root, ["content directory not found"])
    return ContentBank(
        topics=read_topics(root),
        competencies=_competencies(load_behavioural_file(root / "behavioural.yaml")),
        skills=_skills(load_skills_file(root / "skills.yaml")),
        challenges=read_debugging(root),
    )

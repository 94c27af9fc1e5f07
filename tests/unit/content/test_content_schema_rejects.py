"""Bad content fails at load with a message naming the file, the id and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview_coach.content.loader import (
    ContentError,
    load_behavioural_file,
    load_content,
    load_debugging_file,
    load_skills_file,
    load_topic_file,
)

FIXTURES = Path(__file__).parent / "fixtures"
BAD = FIXTURES / "bad"


def _error(loader, path) -> str:
    with pytest.raises(ContentError) as info:
        loader(path)
    message = str(info.value)
    assert str(path) in message, "the error names the file"
    return message


def test_valid_fixture_topic_loads():
    """The valid fixture is accepted, so each bad fixture fails for its one defect."""
    spec = load_topic_file(FIXTURES / "valid" / "topics" / "dbms.yaml")
    assert [q.slug for q in spec.subtopics[0].questions] == ["e1", "m1"]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("concept-not-in-answer", "dbms.normalization.m1: the reference answer does not state key concept 'functional-dependency'"),
        ("duplicate-id", "duplicate question slugs in dbms.normalization: e1"),
        ("wrong-difficulty", "subtopics[normalization].questions[e1].difficulty: Input should be 'easy', 'medium' or 'hard'"),
        ("too-many-sentences", "a reference answer must be 2–6 sentence(s), found 7"),
        ("unknown-key-concept", "dbms.normalization.m1: key concept 'third-normal-form' is not a concept of dbms.normalization"),
        ("unused-concept", "dbms.normalization.lossless-join: concept is not a key concept of any question"),
        ("unknown-field", "subtopics[normalization].questions[e1].answer: Extra inputs are not permitted"),
        ("slug-difficulty-mismatch", "question 'm1' is hard: its slug must start with 'h'"),
    ],
)
def test_bad_topic_file_is_rejected_with_a_clear_message(case, expected):
    """Each defective topic fixture is rejected, and the message says where and what."""
    assert expected in _error(load_topic_file, BAD / case / "dbms.yaml")


def test_skill_alias_claimed_by_two_skills_is_rejected():
    """Two skills may not share a name or alias (case and hyphens ignored): the matcher could not choose."""
    message = _error(load_skills_file, BAD / "skills-alias-clash.yaml")
    assert "'postgres' (skill.postgresql and skill.postgres-tools)" in message


def test_short_buggy_code_is_rejected():
    """A debugging challenge's buggy code must be 10–40 lines."""
    message = _error(load_debugging_file, BAD / "debugging-short" / "python.yaml")
    assert "challenges[tiny].buggy_code: buggy_code must be 10–40 lines, found 2" in message


def test_thin_behavioural_question_is_rejected():
    """A behavioural question needs 3–5 strong-answer signals and 2–4 red flags."""
    message = _error(load_behavioural_file, BAD / "behavioural-thin.yaml")
    assert "questions[tw1].strong_answer_shows: List should have at least 3 items" in message
    assert "questions[tw1].red_flags: List should have at least 2 items" in message


def test_topic_file_must_be_named_after_its_slug(tmp_path):
    """topics/<slug>.yaml: a misnamed file would give ids that disagree with its name."""
    path = tmp_path / "databases.yaml"
    shutil.copy(FIXTURES / "valid" / "topics" / "dbms.yaml", path)
    assert "a topic file must be named dbms.yaml" in _error(load_topic_file, path)


def test_same_topic_in_two_files_is_rejected(tmp_path):
    """One syllabus topic, one file: a second definition fails the whole bank."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", root)
    text = (root / "topics" / "dbms.yaml").read_text()
    (root / "topics" / "os.yaml").write_text(text.replace("slug: dbms", "slug: os"))
    with pytest.raises(ContentError) as info:
        load_content(root)
    assert "topic 'DBMS' must have slug 'dbms', not 'os'" in str(info.value)


def test_missing_required_file_fails_loudly(tmp_path):
    """A content directory without skills.yaml is an error, not an empty taxonomy."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", root)
    (root / "skills.yaml").unlink()
    with pytest.raises(ContentError, match="skills.yaml:\n  file not found"):
        load_content(root)

"""``interview-coach content stats`` prints the counts, as tables or as one JSON object."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from interview_coach.content.cli import content_cli

FIXTURES = Path(__file__).parent / "fixtures"
TOP_LEVEL = {"topics", "subtopics", "concepts", "questions", "behavioural", "skills", "debugging"}


def test_stats_json_has_the_issue_keys_and_counts(bank):
    """--json prints one object whose totals match the bank and whose debugging is per language."""
    result = CliRunner().invoke(content_cli, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert TOP_LEVEL <= set(stats)
    assert stats["questions"] == len(bank.questions) and stats["skills"] == len(bank.skills)
    assert set(stats["debugging"]) == {"python", "javascript", "java", "cpp"}
    assert sum(stats["debugging"].values()) == len(bank.challenges)
    assert sum(stats["by_difficulty"].values()) == stats["questions"]
    assert sum(stats["by_competency"].values()) == stats["behavioural"]
    assert sum(stats["by_skill_category"].values()) == stats["skills"]
    assert sum(t["questions"] for t in stats["by_topic"].values()) == stats["questions"]
    assert sum(s["concepts"] for s in stats["by_subtopic"].values()) == stats["concepts"]


def test_stats_on_a_small_directory_reports_shortfalls():
    """--path points at another content directory; --check exits 1 when targets are not met."""
    result = CliRunner().invoke(content_cli, ["stats", "--json", "--check", "--path", str(FIXTURES / "valid")])
    assert result.exit_code == 1
    stats = json.loads(result.output)
    assert stats["topics"] == 1 and stats["questions"] == 2 and stats["debugging"]["python"] == 1
    assert stats["targets_met"] is False
    assert "dbms: 1 subtopics, need ≥ 6" in stats["shortfalls"]["syllabus"]


def test_stats_table_for_humans():
    """Without --json the command prints aligned tables with the totals."""
    result = CliRunner().invoke(content_cli, ["stats", "--path", str(FIXTURES / "valid")])
    assert result.exit_code == 0
    assert "Totals" in result.output and "questions" in result.output and "dbms.normalization" in result.output


def test_invalid_content_is_a_clean_error(tmp_path):
    """A broken content directory gives a one-line error and exit status 1, not a traceback."""
    (tmp_path / "topics").mkdir()
    result = CliRunner().invoke(content_cli, ["stats", "--path", str(tmp_path)])
    assert result.exit_code == 1 and "invalid content" in result.output and "file not found" in result.output


def test_content_group_is_registered_on_the_app(app):
    """The app's command line has the group: `interview-coach content stats --json` works."""
    result = app.test_cli_runner().invoke(args=["content", "stats", "--json", "--path", str(FIXTURES / "valid")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["topics"] == 1

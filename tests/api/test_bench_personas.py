"""A smoke run of the persona bench (bench/simulator_personas.py) so it keeps working as the API changes,
and a check that its CV/job pairs load and that their planted CV gaps are real."""

from __future__ import annotations

import json
import re
import sys

import pytest
from testkit import REPO

# Every key the scripted candidates read from a pair's "candidate".
CANDIDATE_KEYS = {"intro", "org", "generic_role", "skills", "wins", "motivation", "actions", "hard", "fix",
                  "evidence", "change", "decisions", "result", "technical_practice", "story", "scenario",
                  "success", "questions"}
STORY_KEYS = {"situation", "task", "actions", "result", "reflection"}


@pytest.fixture()
def personas(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    sys.modules.pop("simulator_personas", None)
    import simulator_personas

    return simulator_personas


def test_persona_bench_orders_a_strong_candidate_above_an_off_topic_one(personas, capsys):
    """One pair, strong and off-topic candidates through the whole API: the JSON line says strong scores above
    off-topic, and reports the pair's planted CV gaps."""
    summary = personas.main(["--pairs", "1", "--personas", "strong,off_topic", "--json-only"])
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed == summary
    assert summary["pairs"] == 1 and summary["ordered"] is True and summary["injection_gain"] is None
    assert summary["mean_scores"]["strong"] >= 7 and summary["mean_scores"]["off_topic"] <= 3


def test_persona_pairs_load_with_everything_the_candidates_need(personas):
    """Every pair loads its CV and job text and gives the scripted candidates every field they read."""
    pairs = personas.load_pairs()
    assert {"mobile", "embedded", "datasci", "security", "frontend"} <= {p["id"] for p in pairs}
    for pair in pairs:
        assert len(pair["cv_text"]) > 500 and len(pair["job_text"]) > 500, pair["id"]
        assert CANDIDATE_KEYS <= set(pair["candidate"]), pair["id"]
        assert STORY_KEYS <= set(pair["candidate"]["story"]), pair["id"]
        assert len(pair["candidate"]["wins"]) == 3 and len(pair["candidate"]["actions"]) == 3, pair["id"]


def test_planted_gaps_are_asked_for_by_the_job_and_absent_from_the_cv(personas):
    """Each new pair plants 3–5 gaps; each is named in the job description and in none of its spellings on the CV."""
    for pair in personas.load_pairs():
        if pair["id"] not in ("mobile", "embedded", "datasci", "security", "frontend"):
            continue
        assert 3 <= len(pair["gaps"]) <= 5, pair["id"]
        for names in pair["gaps"]:
            assert any(n.lower() in pair["job_text"].lower() for n in names), (pair["id"], names)
            for name in names:
                assert not re.search(re.escape(name), pair["cv_text"], re.I), (pair["id"], name)

"""A smoke run of the persona bench (bench/simulator_personas.py) so it keeps working as the API changes."""

from __future__ import annotations

import json
import sys

from testkit import REPO


def test_persona_bench_orders_a_strong_candidate_above_an_empty_one(capsys, monkeypatch):
    """One pair, strong and empty candidates through the whole API: the JSON line says strong scores above empty."""
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    sys.modules.pop("simulator_personas", None)
    import simulator_personas

    summary = simulator_personas.main(["--pairs", "1", "--personas", "strong,empty", "--json-only"])
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed == summary
    assert summary["pairs"] == 1 and summary["ordered"] is True and summary["injection_gain"] is None
    assert summary["mean_scores"]["strong"] >= 7 and summary["mean_scores"]["empty"] == 1

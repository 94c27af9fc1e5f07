"""STAR analysis against hand labels: per-part precision, recall and F1, and the red-flag false-positive rate.

Each labelled file (YAML, the format of ``bench/data/star/README.md``) holds behavioural answers with
every STAR part and every red flag of its question marked present or absent. The engine's verdicts
are :func:`interview_coach.engine.behavioural.assess` (the same call the quick and mock interviews
make), with the bundled MiniLM model unless ``--lexical``.

Reported per file (``dev``: the part the rules were developed on; ``heldout``: never tuned on):

- per STAR part: precision, recall, F1 (present is the positive class), with counts;
- red flags: the false-positive rate (flags raised on (answer, flag) pairs labelled absent, over all
  such pairs), answers with any false flag, and recall and precision over the pairs labelled present;
- ``no_story``: how many answers labelled with no STAR part at all were read as having no story.

Targets (``pass``): F1 ≥ 0.85 for every part and red-flag false positives ≤ 5 %, on every file.

Usage: python bench/star.py [--data FILE ...] [--lexical] [--errors]; the last line printed is one JSON
object. ``--errors`` lists the disagreements on stderr (never look at the held-out ones while tuning).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml
from _common import ROOT, emit

from interview_coach.content import load_content
from interview_coach.engine.behavioural import BehaviouralPrompt, assess
from interview_coach.engine.scoring import get_scorer

PARTS = ("situation", "task", "action", "result")
DATA = ROOT / "bench" / "data" / "star"
TARGET_F1, TARGET_FP = 0.85, 0.05


def load(path: Path) -> list[dict]:
    """The labelled answers of ``path``, each with its question text and full red-flag list resolved."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    bank = load_content()
    for row in rows:
        ref = row.get("question", "")
        if ref.startswith("behavioural."):
            q = bank.behavioural_question(ref)
            row["question_text"], row["shows"] = q.question, tuple(q.strong_answer_shows)
            if set(row["red_flags"]) != set(q.red_flags):
                raise SystemExit(f"{path.name} {row['id']}: red_flags must label exactly the question's flags")
        else:  # a question outside the bank: its text and flags are given in the file
            row["question_text"], row["shows"] = ref, ()
    return rows


def evaluate(rows: list[dict], backend, errors: bool, name: str) -> dict:
    counts = {p: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for p in PARTS}
    flag = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    answers_with_fp = no_story_gold = no_story_found = 0
    for row in rows:
        prompt = BehaviouralPrompt(row["question_text"], row["shows"], tuple(row["red_flags"]))
        result = assess(prompt, row["answer"], backend)
        for part in PARTS:
            gold, got = bool(row[part]), bool(result.star.get(part, {}).get("present"))
            counts[part][("t" if gold == got else "f") + ("p" if got else "n")] += 1
            if errors and gold != got:
                print(f"[{name}] {row['id']} {part}: labelled {gold}, found {got} "
                      f"{result.star[part]['evidence'][:100]!r}", file=sys.stderr)
        raised = set(result.red_flags)
        any_fp = False
        for text, gold in row["red_flags"].items():
            got = text in raised
            flag[("t" if gold == got else "f") + ("p" if got else "n")] += 1
            any_fp |= got and not gold
            if errors and got != gold:
                evidence = next((e["evidence"] for e in result.red_flag_evidence if e["flag"] == text), "")
                print(f"[{name}] {row['id']} red flag {'raised' if got else 'missed'}: {text!r} {evidence[:100]!r}",
                      file=sys.stderr)
        answers_with_fp += any_fp
        if not any(row[p] for p in PARTS):
            no_story_gold += 1
            no_story_found += not result.story
    parts = {}
    for part, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        parts[part] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), **c}
    negatives = flag["fp"] + flag["tn"]
    positives = flag["tp"] + flag["fn"]
    return {
        "answers": len(rows), "parts": parts,
        "red_flags": {
            "pairs": negatives + positives, "labelled_present": positives,
            "false_positive_rate": round(flag["fp"] / negatives, 4) if negatives else 0.0,
            "false_positives": flag["fp"], "answers_with_false_flag": answers_with_fp,
            "recall": round(flag["tp"] / positives, 4) if positives else None,
            "precision": round(flag["tp"] / (flag["tp"] + flag["fp"]), 4) if flag["tp"] + flag["fp"] else None,
        },
        "no_story": {"labelled": no_story_gold, "found": no_story_found},
        "pass": all(p["f1"] >= TARGET_F1 for p in parts.values())
        and (flag["fp"] / negatives if negatives else 0.0) <= TARGET_FP,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="*", type=Path, help="labelled YAML files (default: bench/data/star/*.yaml)")
    parser.add_argument("--lexical", action="store_true", help="no embedding model: word overlap only")
    parser.add_argument("--errors", action="store_true", help="list disagreements on stderr")
    args = parser.parse_args()
    files = args.data or sorted(DATA.glob("*.yaml"))
    backend = None if args.lexical else get_scorer().embeddings
    started = time.perf_counter()
    splits = {path.stem: evaluate(load(path), backend, args.errors, path.stem) for path in files}
    emit({"bench": "star", "method": "lexical" if backend is None else "semantic",
          "targets": {"f1_each_part": TARGET_F1, "red_flag_false_positive_rate": TARGET_FP},
          "splits": splits, "pass": all(s["pass"] for s in splits.values()),
          "seconds": round(time.perf_counter() - started, 1)})


if __name__ == "__main__":
    main()

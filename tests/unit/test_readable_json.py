"""The live preview of a streamed JSON reply shows the string values, whatever the chunking."""

from __future__ import annotations

import json

import pytest

from interview_coach.ai.readable import ReadableJson

REPLY = {
    "opener": {"text": 'Welcome, "Jane".\nTell me about yourself?', "purpose": "rapport"},
    "strengths": ["Clear STAR answers", "Numbers: 40% faster – café"],
    "interview_score": 7,
    "ok": True,
}
EXPECTED = 'Welcome, "Jane".\nTell me about yourself?\nrapport\nClear STAR answers\nNumbers: 40% faster – café\n'


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_values_only_in_order_for_any_chunking(size, ensure_ascii):
    text = json.dumps(REPLY, ensure_ascii=ensure_ascii)
    reader = ReadableJson()
    shown = "".join(reader.feed(text[i:i + size]) for i in range(0, len(text), size))
    assert shown == EXPECTED


def test_keys_numbers_and_punctuation_never_show():
    reader = ReadableJson()
    shown = reader.feed('{"interview_score": 9, "list": [1, 2], "k": {"inner": "v"}}')
    assert shown == "v\n"


def test_malformed_json_never_raises():
    reader = ReadableJson()
    assert reader.feed('{"a": "unterminated \\u12') == "unterminated "
    assert reader.feed('zz"}]]]}') == "\n"

"""The app's own rules that marshmallow cannot state, written into the OpenAPI document as it is served.

flask-smorest builds the document from the request schemas, which say types, lengths and patterns.
A client (or a fuzzer) that follows the document must also know what the services refuse beyond that:
the known topic and competency names (from the content bank, so read when the document is first
asked for, never at start-up), which topics go with which kind of quick interview, what a documents
request must contain, and that no string may hold a null character (web/request_guards.py refuses
them everywhere). ``complete`` adds exactly that to the generated document.
"""

from __future__ import annotations

import copy
from typing import Any

from ..services import quick_interview
from ..services.practice import MAX_TOPICS

NO_NUL = r"^[^\x00]*$"


def complete(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of the generated document with the app's rules added (see the module docstring)."""
    from ..content import load_content

    spec = copy.deepcopy(spec)
    bank = load_content()
    schemas = spec["components"]["schemas"]
    topics = sorted({*bank.topic_names, *(t.id for t in bank.topics)})
    competencies = sorted({*(c.slug for c in bank.competencies), *(c.name for c in bank.competencies)})
    _items(schemas["StartSession"], "topics")["enum"] = topics
    schemas["StartSession"]["properties"]["topics"]["maxItems"] = MAX_TOPICS
    _items(schemas["StudyPlanCreate"], "topics")["enum"] = topics
    schemas["StartInterview"] = _start_interview(schemas["StartInterview"], bank.topic_names, competencies)
    schemas["MockDocuments"] = _mock_documents(schemas["MockDocuments"])
    schemas["MockDocumentsUpload"]["minProperties"] = 1
    for schema in schemas.values():
        _no_nul(schema)
    for operations in spec["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                _no_nul(parameter.get("schema", {}))
    return spec


def _items(schema: dict, name: str) -> dict:
    return schema["properties"][name]["items"]


def _start_interview(schema: dict, topic_names, competencies: list[str]) -> dict:
    """One shape per kind: technical interviews take topic names, behavioural ones competencies."""
    variants = []
    for kind, names in (("technical", sorted(topic_names)), ("behavioural", competencies)):
        variant = copy.deepcopy(schema)
        variant["properties"]["kind"] = {"type": "string", "enum": [kind]}
        variant["properties"]["topics"]["items"] = {"type": "string", "enum": names}
        variants.append(variant)
    assert set(quick_interview.KINDS) == {"technical", "behavioural"}
    return {"description": schema.get("description", "A quick interview: its kind, length and topics."),
            "oneOf": variants}


def _mock_documents(schema: dict) -> dict:
    """Something must be given, and a CV is given as text or as the profile résumé, not both."""
    given_cv = {"required": ["cv_text"], "properties": {"cv_text": {"type": "string"}}}
    given_jd = {"required": ["job_description_text"], "properties": {"job_description_text": {"type": "string"}}}
    profile = {"required": ["use_profile_resume"], "properties": {"use_profile_resume": {"enum": [True]}}}
    schema = copy.deepcopy(schema)
    schema["anyOf"] = [given_cv, given_jd, profile]
    schema["not"] = {"allOf": [given_cv, profile]}
    return schema


def _no_nul(schema: Any) -> None:
    """Add the no-null-character pattern to every string schema (in place) that has no pattern of its own."""
    if isinstance(schema, list):
        for item in schema:
            _no_nul(item)
        return
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "string" and not ({"pattern", "enum", "format"} & schema.keys()):
        schema["pattern"] = NO_NUL
    for key, value in schema.items():
        if key in ("properties",):
            for sub in value.values():
                _no_nul(sub)
        elif key in ("items", "additionalProperties", "oneOf", "anyOf", "allOf", "not"):
            _no_nul(value)

"""Check API responses against the app's own OpenAPI document."""

from __future__ import annotations

import re

from openapi_schema_validator import OAS30Validator


def _spec_path(spec: dict, path: str) -> str:
    for template in spec["paths"]:
        pattern = "^" + re.sub(r"\{[^}]+\}", r"[^/]+", template) + "$"
        if re.match(pattern, path):
            return template
    raise AssertionError(f"{path} is not in the OpenAPI document")


def assert_response_matches(spec: dict, method: str, path: str, response) -> None:
    """The response's status is documented for this operation and its JSON body fits the schema."""
    operation = spec["paths"][_spec_path(spec, path)][method.lower()]
    status = str(response.status_code)
    documented = operation["responses"]
    assert status in documented or "default" in documented, (
        f"{method} {path} returned undocumented status {status}: {sorted(documented)}"
    )
    entry = documented.get(status) or documented["default"]
    if "$ref" in entry:
        entry = spec["components"]["responses"][entry["$ref"].rsplit("/", 1)[-1]]
    content = entry.get("content", {}).get("application/json")
    if content is None:
        assert not response.get_data(), f"{method} {path} {status}: body not documented"
        return
    # Local "#/components/..." references resolve inside the schema, so carry the components along.
    schema = {**content["schema"], "components": spec.get("components", {})}
    validator = OAS30Validator(schema)
    errors = sorted(validator.iter_errors(response.get_json()), key=str)
    assert not errors, f"{method} {path} {status}: {errors[0].message}"

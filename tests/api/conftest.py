"""API test fixtures: calls whose responses are checked against the app's OpenAPI document."""

from __future__ import annotations

import pytest

from openapi_check import assert_response_matches


@pytest.fixture
def call(client):
    """``call(method, path, **kwargs)``: make an API request and check the response against the document."""
    spec = client.get("/api/v1/openapi.json").get_json()

    def _call(method, path, **kwargs):
        response = client.open(path, method=method, **kwargs)
        assert_response_matches(spec, method, path, response)
        return response

    return _call


def pytest_terminal_summary(terminalreporter, config):
    """After the run: how many requests the schemathesis run (test_fuzz.py) sent, for the record."""
    summary = getattr(config, "fuzz_summary", None)
    if summary:
        terminalreporter.write_line(
            f"schemathesis: {summary['requests']} requests to {summary['operations']} operations in "
            f"{summary['seconds']} s, {summary['failures']} operation(s) failing")

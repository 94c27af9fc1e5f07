"""The OpenAPI document is valid, served, and describes every API route."""

from __future__ import annotations

from openapi_spec_validator import validate


def test_openapi_document_is_valid(client):
    """/api/v1/openapi.json is a valid OpenAPI 3 document."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    validate(response.get_json())


def test_every_api_route_is_documented(app, client):
    """Every /api/v1 URL rule (except the docs) appears in the document with its methods."""
    spec = client.get("/api/v1/openapi.json").get_json()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint.startswith(("api-docs", "api_docs")):
            continue
        path = rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
        assert path in spec["paths"], f"{rule.rule} undocumented"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in spec["paths"][path], f"{method} {rule.rule} undocumented"


def test_docs_page_is_served_offline(client):
    """The docs page loads Swagger UI from our own static folder, not a CDN."""
    html = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "http://" not in html.replace("http://localhost", "") and "https://" not in html
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_timestamps_are_rfc3339_with_a_time_zone(client, api_token):
    """Times in responses carry their UTC offset (RFC 3339 date-time), stored ones and JSON-kept ones alike."""
    from datetime import datetime

    headers, _ = api_token
    me = client.get("/api/v1/me", headers=headers).get_json()
    assert datetime.fromisoformat(me["created_at"]).utcoffset().total_seconds() == 0
    quick = client.post("/api/v1/interviews", headers=headers, json={"kind": "technical", "length": 5}).get_json()
    assert datetime.fromisoformat(quick["created_at"]).tzinfo is not None
    assert datetime.fromisoformat(quick["questions"][0]["asked_at"]).tzinfo is not None
    spec = client.get("/api/v1/openapi.json").get_json()
    asked = spec["components"]["schemas"]["InterviewQuestion"]["properties"]["asked_at"]
    assert asked["format"] == "date-time"


def test_the_document_states_the_apps_rules(client):
    """Known topics, non-blank text, password length and no null characters are in the document itself."""
    spec = client.get("/api/v1/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    assert "DBMS" in schemas["StartSession"]["properties"]["topics"]["items"]["enum"]
    assert schemas["Register"]["properties"]["password"]["minLength"] == 12
    assert "\\s" in schemas["MockCreate"]["properties"]["job_title"]["pattern"]
    kinds = [v["properties"]["kind"]["enum"] for v in schemas["StartInterview"]["oneOf"]]
    assert kinds == [["technical"], ["behavioural"]]
    assert schemas["TokenCreate"]["properties"]["name"]["pattern"].startswith("^[^\\x00]")
    unguarded = [f"{name}.{prop}" for name, schema in schemas.items()
                 for prop, field in schema.get("properties", {}).items()
                 if field.get("type") == "string" and not {"pattern", "enum", "format"} & field.keys()]
    assert unguarded == []

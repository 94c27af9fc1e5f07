"""Requests a fuzzer sends: numbers beyond any id, JSON nested 10,000 deep, null characters. Each gets a
4xx that names the problem, on every route, web and API, on SQLite and PostgreSQL; never a 500."""

from __future__ import annotations

import re

import pytest

from testkit import csrf_token, login, post_form

HUGE = [2**31, 2**63, 10**20]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_backend(request):
    return request.param


def _routes_with_ids(app):
    """(method, path) for every route with an <int:…> argument, each argument replaced by {n}."""
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule:
            continue
        path = re.sub(r"<int:[^>]+>", "{n}", rule.rule)
        path = re.sub(r"<(?:[^:<>]+:)?[^<>]+>", "s1", path)  # other arguments: any plain value
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, path


def test_ids_beyond_the_database_range_are_404_on_every_route(app, client, make_user, api_token):
    """Every web and API route with an id answers 404 (or 422 for its body, never 500) for ids of 2^31, 2^63, 10^20."""
    headers, _ = api_token
    make_user("alice", "alice@example.com")
    login(client, "alice")
    token = csrf_token(client, "/profile")
    routes = list(_routes_with_ids(app))
    assert len(routes) > 20
    for method, path in routes:
        for number in HUGE:
            url = path.format(n=number)
            if path.startswith("/api/"):
                response = client.open(url, method=method, headers=headers, json={} if method != "GET" else None)
            else:
                response = client.open(url, method=method, data={"csrf_token": token} if method != "GET" else None)
            # 422 where the (empty) body is checked before the id is looked up
            assert response.status_code == 404 or (method != "GET" and response.status_code == 422), \
                (method, url, response.status_code)


def test_numbers_beyond_the_range_in_query_and_body_are_refused(app, client, api_token, logged_in):
    """A page, question id or question index beyond any id is a 404 or 422 naming the field, never a 500."""
    headers, _ = api_token
    for number in HUGE:
        history = client.get(f"/api/v1/practice/history?page={number}", headers=headers)
        assert history.status_code == 422 and "page" in history.get_json()["error"]["details"]["fields"]
        session = client.post("/api/v1/practice/sessions", headers=headers, json={}).get_json()["session_id"]
        answer = client.post(f"/api/v1/practice/sessions/{session}/answers", headers=headers,
                             json={"question_id": number, "answer": "A hash table maps keys to buckets."})
        assert answer.status_code == 422 and "question_id" in answer.get_json()["error"]["details"]["fields"]
        quick = client.post("/api/v1/interviews", headers=headers, json={"kind": "technical", "length": 5}).get_json()
        reply = client.post(f"/api/v1/interviews/{quick['id']}/answers", headers=headers,
                            json={"index": number, "answer": "An answer."})
        assert reply.status_code == 422 and "index" in reply.get_json()["error"]["details"]["fields"]
        me = client.patch("/api/v1/me", headers=headers, json={"experience_years": number})
        assert me.status_code == 422
    web, _ = logged_in
    assert web.get(f"/history?page={2**63}").status_code == 404
    started = post_form(web, "/practice", {})
    page = web.get(started.headers["Location"]).get_data(as_text=True)
    form_action = re.search(r'action="(/practice/[^"]+/answer)"', page).group(1)
    answered = post_form(web, form_action, {"question_id": str(2**63), "answer": "A hash table."},
                         page=started.headers["Location"])
    assert answered.status_code < 500


@pytest.mark.parametrize("path", ["/api/v1/auth/token", "/api/v1/auth/register", "/api/v1/me", "/api/v1/practice/sessions",
                                  "/api/v1/mock-interviews"])
def test_json_nested_ten_thousand_deep_is_a_400_before_authentication(client, path):
    """A body of 10,000 nested arrays gets a 400 saying it is nested too deep, even without a token."""
    body = "[" * 10_000 + "]" * 10_000
    method = "PATCH" if path == "/api/v1/me" else "POST"
    response = client.open(path, method=method, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "nested more than 32 levels" in response.get_json()["error"]["message"]


def test_deep_strings_are_not_mistaken_for_nesting(client, api_token):
    """Brackets inside strings do not count: a job title of 100 '[' characters is accepted."""
    headers, _ = api_token
    response = client.post("/api/v1/mock-interviews", headers=headers,
                           json={"job_title": "[" * 100 + ' "quoted" \\ ', "company_name": "{Acme}"})
    assert response.status_code == 201


@pytest.mark.parametrize("body,field", [
    ({"job_title": "Engineer\x00", "company_name": "Acme"}, "job_title"),
    ({"job_title": "Engineer", "company_name": "Ac\x00me"}, "company_name"),
])
def test_null_characters_in_json_strings_are_refused(client, api_token, body, field):
    """A null character in a JSON string gets a 422 naming the field; nothing is stored."""
    headers, _ = api_token
    response = client.post("/api/v1/mock-interviews", headers=headers, json=body)
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["fields"] == {field: ["must not contain a null character (U+0000)."]}
    assert client.get("/api/v1/mock-interviews", headers=headers).get_json() == []


def test_null_characters_in_profile_fields_are_refused(client, api_token, logged_in):
    """Names and skills with a null character are refused over the API and from the profile page."""
    headers, _ = api_token
    response = client.patch("/api/v1/me", headers=headers, json={"full_name": "Ada\x00", "skills": ["SQL", "Py\x00"]})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["details"]["fields"]) == {"full_name", "skills[1]"}
    web, _ = logged_in
    page = post_form(web, "/profile", {"full_name": "Ada\x00Lovelace", "email": "alice@example.com"})
    assert page.status_code == 422 and "null character" in page.get_data(as_text=True)


def test_null_characters_in_the_url_are_refused(client, api_token):
    """A null character in a path is a 404 and in a query parameter a 422, never a database error."""
    headers, _ = api_token
    assert client.get("/api/v1/practice/sessions/abc%00def", headers=headers).status_code == 404
    response = client.get("/api/v1/practice/history?topic=dbms%00", headers=headers)
    assert response.status_code == 422 and "topic" in response.get_json()["error"]["details"]["fields"]


def test_method_not_allowed_says_which_methods_are(client, api_token):
    """A 405 carries an Allow header listing the methods the URL accepts, on the API and on pages."""
    headers, _ = api_token
    response = client.put("/api/v1/practice/topics", headers=headers)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET"}
    page = client.delete("/login")
    assert page.status_code == 405 and "POST" in page.headers["Allow"]


@pytest.mark.parametrize("method,path", [("POST", "/api/v1/practice/sessions"), ("PATCH", "/api/v1/me"),
                                         ("POST", "/api/v1/mock-interviews")])
def test_a_missing_json_body_is_refused(client, api_token, method, path):
    """Where the document requires a JSON body, none at all is a 422 saying so and nothing is created."""
    headers, _ = api_token
    response = client.open(path, method=method, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "missing_body"
    assert client.get("/api/v1/practice/sessions", headers=headers).get_json() == []
    as_form = client.open(path, method=method, headers=headers, data={"topics": "dbms"})
    assert as_form.status_code == 415

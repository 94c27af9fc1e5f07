"""A bounded schemathesis run over the OpenAPI document, against the app served over HTTP with a valid
token: no 5xx, every response as the document describes it, every request valid by the document accepted.

Each operation gets up to ``FUZZ_EXAMPLES`` (default 20) generated requests (positive data: valid by the
document), all sent over real HTTP to a fresh app on SQLite. The number of requests sent is printed at
the end of the pytest run (``schemathesis: N requests …``, see tests/api/conftest.py) and written as JSON
to ``$FUZZ_REPORT`` when that is set.
"""

from __future__ import annotations

import json
import os
import time

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from schemathesis.specs.openapi.checks import positive_data_acceptance

from interview_coach.services import tokens
from interview_coach.services.passwords import password_problems

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
BUDGET_SECONDS = 180
# Left out: revoking a token would, sooner or later, revoke the run's own (it has a small id), and every
# later request would rightly be a 401.
SKIPPED = {("DELETE", "/api/v1/tokens/{token_id}")}
# Checked for everything but "valid requests are accepted", because what decides acceptance there is
# no shape a document can give: a secret only the user has (the current password, a mailed reset
# or e-mail-change token) or the contents of an uploaded file (random bytes are no PDF, DOCX or text).
SECRET_OR_FILE = {("POST", "/api/v1/auth/password-reset/confirm"), ("POST", "/api/v1/me/password"),
                  ("DELETE", "/api/v1/me"), ("POST", "/api/v1/me/email"),
                  ("POST", "/api/v1/auth/email-change/confirm"), ("PUT", "/api/v1/me/resume"),
                  ("POST", "/api/v1/mock-interviews/{interview_id}/documents/upload")}


def _documented_password_rules(case) -> bool:
    """The rules the document states in prose for a new password (not a common one, not the username or
    e-mail), applied as a generator filter: a request breaking them is not valid by the document."""
    body = case.body if isinstance(case.body, dict) else {}
    if "password" not in body or not isinstance(body.get("username"), str):
        return True
    return not password_problems(body["password"], username=body["username"], email=str(body.get("email", "")))


def test_api_behaves_as_its_document_says(live_server, make_user, request):
    """Generated requests to every operation: no 5xx, responses match the document, valid requests accepted."""
    base, app, _ = live_server
    user_id = make_user("fuzzer", "fuzzer@example.com")
    with app.app_context():
        _, secret = tokens.create_token(user_id, "fuzz")
    headers = {"Authorization": f"Bearer {secret}"}
    schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")
    sent = {"requests": 0}
    failures: list[str] = []
    started = time.monotonic()
    operations = [op.ok() for op in schema.get_all_operations()]
    for operation in operations:
        key = (operation.method.upper(), operation.path)
        if key in SKIPPED:
            continue
        excluded = [positive_data_acceptance] if key in SECRET_OR_FILE else []

        @given(case=operation.as_strategy(generation_mode=schemathesis.GenerationMode.POSITIVE)
               .filter(_documented_password_rules))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def run(case):
            sent["requests"] += 1
            case.call_and_validate(base_url=base, headers=headers, timeout=30, excluded_checks=excluded)

        try:
            run()
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - schemathesis reports a failure group; collect them all
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:1500]}")
    seconds = time.monotonic() - started
    summary = {"requests": sent["requests"], "operations": len(operations) - len(SKIPPED),
               "seconds": round(seconds, 1), "failures": len(failures)}
    request.config.fuzz_summary = summary
    if os.environ.get("FUZZ_REPORT"):
        with open(os.environ["FUZZ_REPORT"], "w") as fh:
            json.dump(summary, fh)
    assert not failures, "\n\n".join(failures)
    assert seconds < BUDGET_SECONDS

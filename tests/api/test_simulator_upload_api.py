"""Uploading the mock interview's CV and job description as files through the API, checked against the
OpenAPI document: real PDF and Word files are read, bad files get the API's error shape with the field named."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from testkit import RESUMES, blank_pdf_bytes, docx_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "unit" / "interviewer" / "fixtures"
JOB = (FIXTURES / "sre_job.txt").read_text()
CV = (FIXTURES / "sre_cv.txt").read_text()
PDF_CV = RESUMES / "resumematcher__john_smith_word2016.pdf"
BASE = "/api/v1/mock-interviews"


def _new(call, headers) -> int:
    return call("POST", BASE, headers=headers, json={"job_title": "Site Reliability Engineer",
                                                     "company_name": "Nimbus"}).get_json()["id"]


def _upload(call, headers, iid, **files):
    data = {name: (io.BytesIO(content), filename) for name, (content, filename) in files.items()}
    return call("POST", f"{BASE}/{iid}/documents/upload", headers=headers, data=data,
                content_type="multipart/form-data")


@pytest.mark.skipif(not PDF_CV.exists(), reason="shared résumé files are not present")
def test_pdf_cv_and_docx_job_description_upload_then_start(call, api_token):
    """One request with a real PDF CV and a Word job description stores both texts; the interview then starts."""
    headers, _ = api_token
    iid = _new(call, headers)
    response = _upload(call, headers, iid, cv_file=(PDF_CV.read_bytes(), "cv.pdf"),
                       job_description_file=(docx_bytes(JOB), "job.docx"))
    assert response.status_code == 200
    body = response.get_json()
    assert body["ready"] is True and "John Smith" in body["cv_text"]
    assert body["job_description_text"].startswith(JOB.splitlines()[0])
    assert body["characters_read"] == {"cv_file": len(body["cv_text"]),
                                       "job_description_file": len(body["job_description_text"])}
    started = call("POST", f"{BASE}/{iid}/start", headers=headers).get_json()
    assert started["progress"] == "Question 1 of 8"
    again = _upload(call, headers, iid, cv_file=(CV.encode(), "cv.txt"))
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "interview_started"


def test_bad_files_get_the_error_shape_with_the_field_named(call, api_token):
    """No file, a disguised image, an oversized file and a scanned PDF are 422s naming the field; nothing is stored."""
    headers, _ = api_token
    iid = _new(call, headers)
    nothing = _upload(call, headers, iid)
    assert nothing.status_code == 422 and nothing.get_json()["error"]["code"] == "no_documents"
    cases = [
        ({"cv_file": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "cv.pdf")}, "unsupported_type", "cv_file"),
        ({"job_description_file": (b"a" * (5 * 1024 * 1024 + 10), "jd.txt")}, "too_large", "job_description_file"),
        ({"cv_file": (blank_pdf_bytes(), "scan.pdf")}, "no_text", "cv_file"),
        ({"cv_file": (CV.encode(), "cv.txt"), "job_description_file": (b"", "jd.txt")}, "empty_file",
         "job_description_file"),
    ]
    for files, code, field in cases:
        error = _upload(call, headers, iid, **files).get_json()["error"]
        assert (error["status"], error["code"]) == (422, code), files.keys()
        assert list(error["details"]["fields"]) == [field] and error["message"]
    short = _upload(call, headers, iid, job_description_file=(docx_bytes("Barista wanted."), "jd.docx"))
    assert short.get_json()["error"]["details"]["fields"] == {
        "job_description_file": ["The text read from the file must be 50–20,000 characters (got 15)."]}
    stored = call("GET", f"{BASE}/{iid}", headers=headers).get_json()
    assert stored["cv_text"] is None and stored["job_description_text"] is None


def test_another_users_interview_is_a_404(call, app, api_token, make_user):
    """Uploading to someone else's interview is a 404 and changes nothing."""
    from interview_coach.services import tokens

    headers, _ = api_token
    iid = _new(call, headers)
    with app.app_context():
        _, secret = tokens.create_token(make_user("mallory", "mallory@example.com"), "other")
    other = {"Authorization": f"Bearer {secret}"}
    response = _upload(call, other, iid, cv_file=(CV.encode(), "cv.txt"))
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"
    assert call("GET", f"{BASE}/{iid}", headers=headers).get_json()["cv_text"] is None


def test_the_upload_is_documented_as_multipart(client):
    """The OpenAPI document describes the two file fields as a multipart body."""
    spec = client.get("/api/v1/openapi.json").get_json()
    body = spec["paths"][BASE + "/{interview_id}/documents/upload"]["post"]["requestBody"]["content"]
    properties = body["multipart/form-data"]["schema"]
    if "$ref" in properties:
        properties = spec["components"]["schemas"][properties["$ref"].rsplit("/", 1)[-1]]
    assert {"cv_file", "job_description_file"} <= set(properties["properties"])

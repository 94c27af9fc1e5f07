"""Hostile uploads through the pages and the API: refused with a plain message naming the limit, nothing
stored; and the whole corpus over real HTTP (``bench/uploads.py``) with the server's memory watched."""

from __future__ import annotations

import io
import json
import re
import sys

from interview_coach.extensions import db
from interview_coach.models import User
from testkit import REPO, csrf_token, post_form, upload_resume
from upload_corpus import docx_zip_bomb, pdf_flate_bomb, pdf_slow_content


def test_profile_page_says_plainly_why_a_memory_bomb_was_refused(app, logged_in):
    """A PDF flate bomb uploaded as a résumé gets a 422 page naming the 512 MB limit; nothing is stored."""
    client, user_id = logged_in
    response = upload_resume(client, pdf_flate_bomb(), "cv.pdf")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "needed more than the 512 MB memory limit" in page and "paste the text instead" in page
    with app.app_context():
        assert db.session.get(User, user_id).resume_stored_name is None


def test_profile_page_says_plainly_why_a_slow_document_was_refused(app, logged_in):
    """A PDF that would keep the reader busy for half a minute is stopped at the time limit, and the page says so."""
    app.config.update(DOCUMENT_CPU_SECONDS=2, DOCUMENT_WALL_SECONDS=2)
    client, _ = logged_in
    response = upload_resume(client, pdf_slow_content(), "cv.pdf")
    assert response.status_code == 422
    assert "took longer than the 2-second limit" in response.get_data(as_text=True)


def test_api_refuses_a_bomb_with_its_code_and_message(client, api_token):
    """PUT /me/resume with the flate bomb: 422, code too_complex, the message naming the memory limit."""
    headers, _ = api_token
    response = client.put("/api/v1/me/resume", headers=headers, content_type="multipart/form-data",
                          data={"file": (io.BytesIO(pdf_flate_bomb()), "cv.pdf")})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "too_complex"
    assert "512 MB memory limit" in error["details"]["fields"]["resume"][0]


def test_mock_interview_upload_names_the_field_of_the_bomb(client, logged_in):
    """A zip-bomb job description on the mock interview's page is refused at that field; the CV text typed is kept."""
    client, _ = logged_in
    created = post_form(client, "/mock-interviews", {"job_title": "Backend Engineer", "company_name": "Ledgerly"},
                        page="/mock-interviews/new")
    sid = int(re.search(r"/mock-interviews/(\d+)/documents", created.headers["Location"]).group(1))
    data = {"csrf_token": csrf_token(client, f"/mock-interviews/{sid}/documents"),
            "cv_text": "Ada Lovelace, analyst. Wrote the first published algorithm.",
            "job_description_file": (io.BytesIO(docx_zip_bomb()), "job.docx")}
    response = client.post(f"/mock-interviews/{sid}/documents", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "expands to far more data than a résumé could contain" in page
    assert "Wrote the first published algorithm." in page


def test_the_corpus_over_http_never_fails_hangs_or_grows_the_server(capsys, monkeypatch):
    """bench/uploads.py against a served app on its defaults: every file read or refused as expected, no 5xx,
    each answer within the 10 s limit (plus slack), and the server's peak memory never 50 MB above its resting size."""
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    sys.modules.pop("uploads", None)
    import uploads

    summary = uploads.main([])
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1]) == summary
    assert summary["errors_5xx"] == 0 and summary["unexpected"] == []
    assert summary["files"] == summary["read"] + summary["refused_cleanly"] == 15
    assert summary["max_seconds"] < 14
    assert summary["max_extra_rss_mb"] is not None and summary["max_extra_rss_mb"] < 50

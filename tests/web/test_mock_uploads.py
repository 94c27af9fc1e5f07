"""The mock interview documents page with uploaded files: a real PDF CV and a Word job description are read
and stored, bad files are explained at their own field with the pasted text kept, and another user's
interview is a 404."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from interview_coach.extensions import db
from interview_coach.models.simulator import SimulatorSession
from testkit import RESUMES, blank_pdf_bytes, csrf_token, docx_bytes, login, post_form

FIXTURES = Path(__file__).resolve().parents[1] / "unit" / "interviewer" / "fixtures"
JOB = (FIXTURES / "backend_job.txt").read_text()
CV = (FIXTURES / "backend_cv.txt").read_text()
PDF_CV = RESUMES / "resumematcher__john_smith_word2016.pdf"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def _create(client) -> int:
    response = post_form(client, "/mock-interviews", {"job_title": "Senior Backend Engineer",
                                                      "company_name": "Ledgerly"}, page="/mock-interviews/new")
    return int(re.search(r"/mock-interviews/(\d+)/documents", response.headers["Location"]).group(1))


def _post(client, sid: int, **fields):
    """Submit the documents form as a browser does: multipart, with (bytes, name) for files."""
    data = {"csrf_token": csrf_token(client, f"/mock-interviews/{sid}/documents")}
    for name, value in fields.items():
        data[name] = (io.BytesIO(value[0]), value[1]) if isinstance(value, tuple) else value
    return client.post(f"/mock-interviews/{sid}/documents", data=data, content_type="multipart/form-data")


def _stored(app, sid: int) -> SimulatorSession:
    with app.app_context():
        return db.session.get(SimulatorSession, sid)


def _field_errors(html: str, field: str) -> str:
    match = re.search(rf'<ul class="field-errors" id="{field}-errors">(.*?)</ul>', html, re.S)
    return match.group(1) if match else ""


@pytest.mark.skipif(not PDF_CV.exists(), reason="shared résumé files are not present")
def test_pdf_cv_upload_is_read_stored_and_the_interview_starts(app, logged_in):
    """A real PDF CV plus a pasted job description: the CV text is stored and shown, and the interview starts."""
    client, _ = logged_in
    sid = _create(client)
    saved = _post(client, sid, cv_file=(PDF_CV.read_bytes(), "John Smith CV.pdf"), job_description_text=JOB)
    assert saved.status_code == 302
    stored = _stored(app, sid)
    assert "John Smith" in stored.cv_text and "Python" in stored.cv_text
    page = client.get(f"/mock-interviews/{sid}/documents").get_data(as_text=True)
    assert f"CV: {len(stored.cv_text):,} characters read from the file." in page
    assert "Ready for interview." in page and "Senior Python Developer" in page  # the text we read, to check
    started = post_form(client, f"/mock-interviews/{sid}/start", {}, page=f"/mock-interviews/{sid}/documents",
                        follow_redirects=True)
    assert "Question 1 of 8" in started.get_data(as_text=True)
    assert not list(Path(app.instance_path).glob("uploads/**/*.pdf"))  # only the text is kept


def test_docx_job_description_upload(app, logged_in):
    """A Word job description is read paragraph by paragraph and stored next to a pasted CV."""
    client, _ = logged_in
    sid = _create(client)
    assert _post(client, sid, cv_text=CV, job_description_file=(docx_bytes(JOB), "job.docx")).status_code == 302
    stored = _stored(app, sid)
    assert stored.job_description_text.splitlines()[0] == "Senior Backend Engineer (Python) – Payments Platform"
    assert "Deep knowledge of PostgreSQL" in stored.job_description_text and stored.is_ready


@pytest.mark.parametrize(("upload", "message"), [
    ((PNG, "cv.pdf"), "This file type is not supported. Upload a PDF, a Word document (.docx)"),
    ((b"", "cv.txt"), "The file is empty."),
    ((b"a" * (5 * 1024 * 1024 + 10), "cv.txt"), "larger than the 5 MB limit"),
    ((blank_pdf_bytes(), "scan.pdf"), "text-based PDF"),
], ids=["wrong-type", "empty", "too-big", "scanned-pdf"])
def test_a_bad_cv_file_is_explained_and_the_typed_text_kept(app, logged_in, upload, message):
    """A refused CV file is explained under the file input (422), the pasted job description comes back, nothing is saved."""
    client, _ = logged_in
    sid = _create(client)
    typed = JOB + "\nTyped by hand: <b>keep me</b>"
    response = _post(client, sid, cv_file=upload, job_description_text=typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in _field_errors(html, "cv_file")
    assert "Typed by hand: &lt;b&gt;keep me&lt;/b&gt;</textarea>" in html
    stored = _stored(app, sid)
    assert stored.cv_text is None and stored.job_description_text is None


def test_a_job_description_file_too_short_or_with_pasted_text_is_refused(app, logged_in):
    """A job description file with too little text, or a file and pasted text for the CV, is refused at the file input."""
    client, _ = logged_in
    sid = _create(client)
    short = _post(client, sid, cv_text="My pasted CV", job_description_file=(docx_bytes("Barista wanted."), "jd.docx"))
    html = short.get_data(as_text=True)
    assert short.status_code == 422 and "My pasted CV</textarea>" in html
    assert "The text read from the file must be 50–20,000 characters (got 15)." in _field_errors(
        html, "job_description_file")
    both = _post(client, sid, cv_text="My pasted CV", cv_file=(CV.encode(), "cv.txt"))
    assert both.status_code == 422
    assert "Upload a file or paste the text, not both." in _field_errors(both.get_data(as_text=True), "cv_file")
    assert _stored(app, sid).cv_text is None


def test_uploading_to_another_users_interview_is_a_404(app, client, make_user):
    """Posting files to someone else's interview answers 404 and stores nothing."""
    make_user("owner", "owner@example.com")
    assert login(client, "owner").status_code == 302
    sid = _create(client)
    other = app.test_client()
    make_user("mallory", "mallory@example.com")
    assert login(other, "mallory").status_code == 302
    token = csrf_token(other, "/mock-interviews/new")
    response = other.post(f"/mock-interviews/{sid}/documents", content_type="multipart/form-data", data={
        "csrf_token": token, "cv_file": (io.BytesIO(CV.encode()), "cv.txt"),
        "job_description_file": (io.BytesIO(JOB.encode()), "job.txt")})
    assert response.status_code == 404
    assert _stored(app, sid).cv_text is None

"""Test helpers shared by every test package: app construction and browser-like form posts."""

from __future__ import annotations

import io
import os
import re
from contextlib import contextmanager
from pathlib import Path

import docx
from pypdf import PdfWriter

from interview_coach import create_app
from interview_coach.extensions import db

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_URL = os.environ.get("TEST_DATABASE_URL")
REDIS_URL = os.environ.get("REDIS_URL")
PASSWORD = "correct horse battery staple"
RESUMES = SHARED / "data" / "resumes"  # real PDF résumés (see its SOURCES.md); absent outside the monorepo


def docx_bytes(text: str) -> bytes:
    """A real Word document with one paragraph per line of ``text``."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def blank_pdf_bytes() -> bytes:
    """A real one-page PDF with no text layer, as a scanned CV is."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_app(tmp_path: Path, database_url: str | None = None, **overrides):
    """An app in testing mode with its instance folder in ``tmp_path``."""
    config = {
        "APP_ENV": "testing",
        "SECRET_KEY": "test-secret-key",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{tmp_path / 'test.db'}",
        "RATELIMIT_ENABLED": False,
        "REDIS_URL": None,
        "MAIL_SERVER": None,
    }
    config.update(overrides)
    return create_app(config)


def reset_postgres(app) -> None:
    """Empty every table (fast enough per test, and keeps the schema)."""
    with app.app_context():
        names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        with db.engine.begin() as conn:
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(client, url: str) -> str:
    """Load ``url`` and return the CSRF token from its first form."""
    html = client.get(url).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {url}"
    return match.group(1) or match.group(2)


def post_form(client, url: str, data: dict, page: str | None = None, **kwargs):
    """Submit a form as a browser would: fetch the page for its CSRF token, then post."""
    payload = dict(data)
    payload["csrf_token"] = csrf_token(client, page or url)
    return client.post(url, data=payload, **kwargs)


def upload_resume(client, data: bytes, name: str):
    """Upload a résumé from the profile page as a browser does (multipart, with the page's CSRF token)."""
    token = csrf_token(client, "/profile")
    return client.post("/profile/resume", data={"csrf_token": token, "resume": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def login(client, login_name: str, password: str = PASSWORD, **extra):
    return post_form(client, "/login", {"login": login_name, "password": password, **extra})


def run_together(app, calls, expected=()):
    """Run each ``call()`` in its own thread and app context, released at the same moment.

    Returns one outcome per call, in order: ``"ok"``, or the name of an exception class listed in
    ``expected``; any other exception fails the test.
    """
    import threading

    barrier = threading.Barrier(len(calls))
    outcomes: list[str | None] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index, call):
        with app.app_context():
            barrier.wait()
            try:
                call()
                outcomes[index] = "ok"
            except tuple(expected) as exc:
                outcomes[index] = type(exc).__name__
            except BaseException as exc:  # noqa: BLE001 - surfaced below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return outcomes


def register_in_browser(page, base: str, username: str, password: str) -> None:
    """Create an account through the registration page (and so log in)."""
    page.goto(base + "/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail").fill(f"{username}@example.com")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Repeat password").fill(password)
    page.get_by_role("button", name="Create account").click()


POOR_ANSWER = "I am not really sure about this one, maybe it has something to do with computers in general."


def practise(user_id: int, topic: str, answers: int, well: bool) -> None:
    """Answer ``answers`` practice questions on ``topic`` through the service (call inside an app context):
    with the bank's reference answer when ``well``, with a vague non-answer otherwise."""
    from interview_coach.content import load_content
    from interview_coach.services import practice as practice_service

    session = practice_service.start_session(user_id, [topic])
    for _ in range(answers):
        row = practice_service.next_question(user_id, session.session_id)
        text = load_content().question(row.question_ref).reference_answer if well else POOR_ANSWER
        practice_service.submit_answer(user_id, session.session_id, row.id, text)
    practice_service.end_session(user_id, session.session_id)


@contextmanager
def scripted_llm(app, *replies):
    """A scripted OpenAI-compatible server (``tests/ai/fault_server.py``) that ``app`` uses from its next
    AI call, as model ``scripted-model`` without retries; ``replies`` start its script."""
    from ai.fault_server import FaultServer

    with FaultServer() as server:
        app.config.update(LLM_BASE_URL=server.url, LLM_MODEL="scripted-model", LLM_MAX_RETRIES=0)
        app.extensions.pop("interview_coach.ai", None)
        if replies:
            server.script(*replies)
        yield server

"""My data: "Download my data" and GET /api/v1/me/export give a ZIP of every row (one JSON file per table)
and file of the user's; deleting the account leaves nothing of theirs in any table or on disk, and leaves
another user's data alone."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from interview_coach.extensions import db
from interview_coach.models import DebuggingChallenge, DebuggingSession, User
from interview_coach import jobs
from interview_coach.services import mock_feedback, quick_interview, simulator, throttle, tokens
from testkit import PASSWORD, login, post_form, practise
from test_mock_pages import ANSWER, CV, JOB

RESUME = b"Alice Example\nalice@example.com\nSkills: Python, PostgreSQL, Kafka\n"


def _fill(app, client, username: str) -> int:
    """Sign ``username`` in through the pages and give them rows in every table and a résumé file."""
    assert login(client, username).status_code == 302
    upload = post_form(client, "/profile/resume", {"resume": (io.BytesIO(RESUME), "my cv.txt")}, page="/profile",
                       content_type="multipart/form-data")
    assert upload.status_code == 302
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == username))
        tokens.create_token(user_id, "script")
        practise(user_id, "DBMS", answers=1, well=True)
        job_id = jobs.enqueue("study_plan", user_id, days=3, minutes_per_day=30, topics=[], goal="")
        assert jobs.wait(user_id, job_id, 30).status == "done"  # a study plan, and the job that wrote it
        quick = quick_interview.start(user_id, "technical", 5)
        quick_interview.answer(user_id, quick.id, 0, "An index speeds up reads at a cost to writes.")
        mock = simulator.create(user_id, "Backend Engineer", "Ledgerly")
        simulator.set_documents(user_id, mock.id, cv_text=CV, job_description_text=JOB)
        simulator.start(user_id, mock.id)
        for _ in range(8):
            simulator.answer(user_id, mock.id, ANSWER)
        mock_feedback.feedback(user_id, mock.id)
        debugging = DebuggingSession(user_id=user_id, count=1)
        debugging.challenges.append(DebuggingChallenge(buggy_code="x = 1 / 0", expected_answer="division by zero"))
        db.session.add(debugging)
        db.session.commit()
    # A failed login leaves a throttle row that names the account (by hash).
    assert login(app.test_client(), username, "not the password").status_code == 401
    return user_id


def _user_rows(app, user_id: int) -> dict[str, int]:
    """Rows per table that belong to the user, counted independently of the export's own definition:
    a user_id column, a parent row of theirs, the user row itself, or their failed-login keys."""
    counts: dict[str, int] = {}
    with app.app_context():
        user = db.session.get(User, user_id)
        keys = throttle.keys_for_user(user) if user else [throttle.key_for(user_id, "")]
        parents = {"sessions": "session_id", "debugging_session": "session_id"}
        for table in db.metadata.sorted_tables:
            if table.name == "user":
                where = table.c.id == user_id
            elif "user_id" in table.c:
                where = table.c.user_id == user_id
            elif table.name == "login_throttle":
                where = table.c.key_hash.in_(keys)
            else:
                fk = next(iter(table.foreign_keys))
                parent = fk.column.table
                assert parent.name in parents, f"{table.name}: how does it belong to a user?"
                where = fk.parent.in_(select(parent.c.id).where(parent.c.user_id == user_id))
            counts[table.name] = db.session.scalar(select(func.count()).select_from(table).where(where))
    return counts


def _files(app) -> set[Path]:
    return {p for p in Path(app.instance_path, "uploads").rglob("*") if p.is_file()}


@pytest.fixture
def two_users(app, make_user):
    make_user("alice", "alice@example.com")
    make_user("bob", "bob@example.com")
    alice_client, bob_client = app.test_client(), app.test_client()
    return (alice_client, _fill(app, alice_client, "alice")), (bob_client, _fill(app, bob_client, "bob"))


def test_download_my_data_has_every_table_the_resume_and_the_transcripts(app, two_users):
    """The profile's ZIP has a JSON file for every table with rows of alice's (no one else's, no secrets),
    her résumé byte for byte and her mock interview's transcript; the API's ZIP has the same files."""
    (client, alice_id), (_, bob_id) = two_users
    rows = _user_rows(app, alice_id)
    assert all(rows.values()), rows  # the fixture gives alice rows in every table
    page = client.get("/profile").get_data(as_text=True)
    assert "Download my data" in page
    response = client.get("/profile/export")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    assert {f"tables/{table}.json" for table in rows} <= names and "README.txt" in names
    for table, count in rows.items():
        document = json.loads(archive.read(f"tables/{table}.json"))
        assert document["table"] == table and len(document["rows"]) == count, table
        for row in document["rows"]:
            assert row.get("user_id", alice_id) == alice_id and set(row) == set(document["columns"])
    user_row = json.loads(archive.read("tables/user.json"))["rows"][0]
    assert user_row["username"] == "alice" and "password_hash" not in user_row and user_row["created_at"].endswith("Z")
    assert "token_hash" not in json.loads(archive.read("tables/api_token.json"))["columns"]
    assert "key_hash" not in json.loads(archive.read("tables/user_login.json"))["columns"]
    assert archive.read("resume/my cv.txt") == RESUME
    transcripts = [n for n in names if n.startswith("transcripts/")]
    assert len(transcripts) == 1 and "### Question 8 of 8" in archive.read(transcripts[0]).decode()
    assert b"bob@example.com" not in b"".join(archive.read(n) for n in names)
    with app.app_context():
        _, secret = tokens.create_token(alice_id, "export", scope="read_only")
    api = app.test_client().get("/api/v1/me/export", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200 and api.mimetype == "application/zip"
    assert set(zipfile.ZipFile(io.BytesIO(api.data)).namelist()) == names


def test_deleting_the_account_leaves_nothing_of_the_user(app, two_users):
    """Rows per table and files on disk, before and after: alice's are all gone, bob's are all there."""
    (client, alice_id), (_, bob_id) = two_users
    before_alice, before_bob = _user_rows(app, alice_id), _user_rows(app, bob_id)
    files_before = _files(app)
    with app.app_context():
        alice_resume = Path(app.instance_path, "uploads", "resumes", db.session.get(User, alice_id).resume_stored_name)
    assert all(before_alice.values()) and alice_resume in files_before and len(files_before) == 2
    deleted = post_form(client, "/profile/delete", {"password": PASSWORD, "confirm": "y"})
    assert deleted.status_code == 302
    after_alice = _user_rows(app, alice_id)
    assert after_alice == {table: 0 for table in before_alice}, after_alice
    assert _user_rows(app, bob_id) == before_bob
    assert _files(app) == files_before - {alice_resume}

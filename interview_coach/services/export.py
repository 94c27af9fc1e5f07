"""Export my data (GDPR Art. 20): every row and file of a user's in one ZIP.

The ZIP holds (the README's "Your data" section documents the same):

- ``README.txt``: this layout, in words;
- ``tables/<table>.json`` for every table that holds rows of the user's, whether the table has a
  ``user_id`` column, is owned through one (``messages`` and ``feedback`` through ``sessions``,
  ``debugging_challenge`` through ``debugging_session``), is the ``user`` row itself or is the user's
  failed-login count (``login_throttle``). Each file is ``{"table": name, "columns": [...],
  "rows": [{column: value}]}``, rows in id order; times are UTC in ISO 8601 with a ``Z``; JSON columns
  are nested JSON. Secrets are left out (the password hash and the hashes of reset, e-mail-change,
  login and API tokens): they are no one's data and would help only an attacker;
- ``resume/<file name>``: the résumé file as uploaded, if there is one;
- ``transcripts/mock-interview-<id>.md``: each mock interview's Markdown transcript (as the
  interview page's download gives it; interviews deleted and awaiting purge are in the tables only).

:func:`owned_selects` says which rows are the user's; account deletion is tested against the same
definition, so what is exported is what deleting the account removes.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, datetime
from typing import Any, Iterator

from sqlalchemy import Table, select

from ..extensions import db
from ..models import SimulatorSession, User
from . import files, throttle
from .accounts import get_user
from .mock_feedback import transcript_markdown

SECRET_COLUMNS = {
    "user": {"password_hash", "reset_token", "email_change_token"},
    "api_token": {"token_hash"},
    "user_login": {"key_hash"},
}

README = """Interview Coach: your data
==========================

tables/<table>.json  One file per database table that holds rows of yours:
                     {"table": name, "columns": [names], "rows": [{column: value}, ...]}.
                     Times are UTC (ISO 8601, ending in Z). Password and token hashes are left out.
resume/              Your résumé file as you uploaded it (if you have one).
transcripts/         Each mock interview as Markdown: its setup, questions, your answers and feedback.
"""


def owned_selects(user_id: int) -> Iterator[tuple[Table, Any]]:
    """(table, SELECT of the user's rows) for every table with rows of the user's, parents before children."""
    owned: dict[str, Any] = {}
    for table in db.metadata.sorted_tables:
        query = None
        if table.name == "user":
            query = select(table).where(table.c.id == user_id)
        elif "user_id" in table.c:
            query = select(table).where(table.c.user_id == user_id)
        elif table.name == "login_throttle":
            query = select(table).where(table.c.key_hash.in_(throttle.keys_for_user(db.session.get(User, user_id))))
        else:
            for fk in table.foreign_keys:
                parent = fk.column.table
                if parent.name in owned and parent.name != "user":
                    ids = owned[parent.name].with_only_columns(fk.column).scalar_subquery()
                    query = select(table).where(fk.parent.in_(ids))
                    break
        if query is not None:
            owned[table.name] = query
            yield table, query


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return value


def table_rows(table: Table, query) -> dict:
    """One table's export document (see the module docstring)."""
    hidden = SECRET_COLUMNS.get(table.name, set())
    columns = [c.name for c in table.columns if c.name not in hidden]
    order = [c for c in table.primary_key.columns]
    rows = db.session.execute(query.order_by(*order)).mappings().all()
    return {"table": table.name, "columns": columns,
            "rows": [{name: _value(row[name]) for name in columns} for row in rows]}


def _safe_name(name: str | None, fallback: str) -> str:
    name = re.sub(r"[^\w.\- ]", "_", (name or "").replace("/", "_").replace("\\", "_")).strip(" .")
    return name[:120] or fallback


def file_name(username: str) -> str:
    """The download's file name."""
    return f"interview-coach-data-{_safe_name(username, 'user')}.zip"


def export_zip(user_id: int) -> bytes:
    """The user's data as ZIP bytes (NotFound for an unknown user)."""
    user = get_user(user_id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        for table, query in owned_selects(user.id):
            document = table_rows(table, query)
            archive.writestr(f"tables/{table.name}.json", json.dumps(document, ensure_ascii=False, indent=1))
        if user.resume_stored_name:
            path = files.resume_path(user.resume_stored_name)
            if path.exists():
                kind = user.resume_stored_name.rsplit(".", 1)[-1]
                name = _safe_name(user.resume_filename, f"resume.{kind}")
                archive.write(path, f"resume/{name}")
        interview_ids = db.session.scalars(select(SimulatorSession.id).where(
            SimulatorSession.user_id == user.id, SimulatorSession.deleted_at.is_(None))
            .order_by(SimulatorSession.id)).all()
        for interview_id in interview_ids:
            archive.writestr(f"transcripts/mock-interview-{interview_id}.md",
                             transcript_markdown(user.id, interview_id))
    return buffer.getvalue()

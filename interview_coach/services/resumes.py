"""Résumé upload: check the type from the content, extract text, store the file, replace the old one."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.documents import safe_display_name
from ..errors import NotFound
from ..extensions import db
from ..models import User, utcnow
from . import files
from .accounts import get_user
from .uploads import read_upload


@dataclass(frozen=True)
class ResumeInfo:
    """What the user sees about their stored résumé."""

    filename: str
    kind: str
    uploaded_at: object
    text: str
    characters: int
    warnings: tuple[str, ...] = ()


def upload_resume(user_id: int, data: bytes, filename: str | None) -> ResumeInfo:
    """Store a PDF, DOCX or TXT résumé (≤ RESUME_MAX_BYTES) and its extracted text.

    Raises Invalid with a ``resume`` reason (and the document error's code) when the file is
    empty, too large, of another type whatever its name says, unreadable, or has no text.
    The previous résumé file is removed only after the new one is committed.
    """
    user = get_user(user_id)
    doc = read_upload("resume", data, filename)
    old = user.resume_stored_name
    stored = files.save_resume_file(data, doc.kind)
    user.resume_stored_name = stored
    user.resume_filename = safe_display_name(filename, doc.kind)
    user.resume_text = doc.text
    user.resume_uploaded_at = utcnow()
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        files.delete_resume_file(stored)
        raise
    if old and old != stored:
        files.delete_resume_file(old)
    return _info(user, doc.kind, doc.warnings)


def get_resume(user_id: int) -> ResumeInfo:
    """The stored résumé's name and text, or NotFound."""
    user = get_user(user_id)
    if not user.resume_stored_name:
        raise NotFound("You have not uploaded a résumé yet.")
    return _info(user, user.resume_stored_name.rsplit(".", 1)[-1], ())


def delete_resume(user_id: int) -> None:
    """Remove the stored résumé file and its text."""
    user = get_user(user_id)
    stored = user.resume_stored_name
    user.resume_stored_name = user.resume_filename = user.resume_text = None
    user.resume_uploaded_at = None
    db.session.commit()
    files.delete_resume_file(stored)


def _info(user: User, kind: str, warnings: tuple[str, ...]) -> ResumeInfo:
    text = user.resume_text or ""
    return ResumeInfo(
        filename=user.resume_filename or "",
        kind=kind,
        uploaded_at=user.resume_uploaded_at,
        text=text,
        characters=len(text),
        warnings=tuple(warnings),
    )

"""The mock interview's documents from pasted text or uploaded files (PDF, DOCX or TXT).

Uploaded files are read with the profile résumé's extraction (``services.uploads``) and only their
text is kept: the interview stores ``cv_text`` and ``job_description_text``, which retention can
anonymise, so no CV file is left on disk. The texts then go through ``simulator.set_documents``,
which owns the rules (lengths, the profile résumé, no change after the start).

Nothing is saved unless every document given is acceptable, and every refusal names the field
the user filled: ``cv_file`` / ``job_description_file`` for a file (a too-short job description read
from a file is the file's problem, not the empty text box's), ``cv_text`` / ``job_description_text``
for pasted text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Invalid
from ..models.simulator import SimulatorSession
from . import simulator
from .uploads import read_upload


@dataclass(frozen=True)
class UploadedFile:
    """An uploaded file's bytes and the name the client gave it (never used to decide the type)."""

    data: bytes
    filename: str | None = None


@dataclass(frozen=True)
class SavedDocuments:
    """The interview after saving, what was read from each file (field → characters) and warnings."""

    session: SimulatorSession
    characters_read: dict[str, int]
    warnings: tuple[str, ...] = ()


LABELS = {"cv_file": "CV", "job_description_file": "Job description"}
_TEXT_FIELD = {"cv_file": "cv_text", "job_description_file": "job_description_text"}


def save_documents(user_id: int, session_id: int, *, cv_text: str | None = None,
                   job_description_text: str | None = None, use_profile_resume: bool = False,
                   cv_file: UploadedFile | None = None,
                   job_description_file: UploadedFile | None = None) -> SavedDocuments:
    """Store the CV and/or job description given as text, files or the profile résumé.

    None leaves a document as it is, but something must be given. A file and pasted text for the same document, or a CV file with
    ``use_profile_resume``, is refused. Raises Invalid (all problems at once where possible; the code
    of the document error when there is only one), Conflict once started, NotFound for another
    user's interview.
    """
    simulator.get(user_id, session_id)  # another user's interview is a 404 before any file is read
    if cv_text is None and job_description_text is None and cv_file is None and job_description_file is None \
            and not use_profile_resume:
        raise Invalid(message="Give a CV or a job description: upload a file, paste the text, or use your "
                              "profile résumé for the CV.", code="no_documents")
    texts = {"cv_file": cv_text, "job_description_file": job_description_text}
    uploads = {"cv_file": cv_file, "job_description_file": job_description_file}
    reasons: dict[str, list[str]] = {}
    codes: list[str] = []
    read: dict[str, str] = {}
    warnings: list[str] = []
    for field, upload in uploads.items():
        if upload is None:
            continue
        if texts[field] is not None:
            reasons[field] = ["Upload a file or paste the text, not both."]
            continue
        if field == "cv_file" and use_profile_resume:
            reasons[field] = ["Upload a CV file or use your profile résumé, not both."]
            continue
        try:
            doc = read_upload(field, upload.data, upload.filename)
        except Invalid as exc:
            reasons.update(exc.reasons)
            codes.append(exc.code)
            continue
        read[field] = doc.text
        warnings += [f"{LABELS[field]}: {w}" for w in doc.warnings]
    if reasons:
        raise Invalid(reasons, code=codes[0] if len(reasons) == 1 and codes else None)
    try:
        session = simulator.set_documents(
            user_id, session_id,
            cv_text=read.get("cv_file", cv_text),
            job_description_text=read.get("job_description_file", job_description_text),
            use_profile_resume=use_profile_resume)
    except Invalid as exc:
        raise _blame_files(exc, read) from exc
    return SavedDocuments(session, {field: len(text) for field, text in read.items()}, tuple(warnings))


def _blame_files(exc: Invalid, read: dict[str, str]) -> Invalid:
    """The service's refusal of a text that came from a file, moved to the file's field and worded so."""
    reasons: dict[str, list[str]] = {}
    for name, problems in exc.reasons.items():
        file_field = next((f for f in read if _TEXT_FIELD[f] == name), None)
        if file_field is None:
            reasons.setdefault(name, []).extend(problems)
        else:
            reasons.setdefault(file_field, []).extend(f"The text read from the file {p}" for p in problems)
    return Invalid(reasons, code=exc.code)

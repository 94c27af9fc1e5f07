"""Read an uploaded document (PDF, DOCX or TXT) into text under the configured limits.

Shared by the profile résumé and the mock interview's CV and job-description uploads, so every
upload is sniffed, limited and refused the same way: in a child process with hard memory and time
limits (``engine.documents.read_document``), never in the web process.
"""

from __future__ import annotations

from flask import current_app

from ..engine.documents import DocumentError, ExtractedDocument, Limits, read_document
from ..errors import Invalid


def upload_limits() -> Limits:
    """The document limits from the settings (RESUME_MAX_BYTES, DOCUMENT_*)."""
    config = current_app.config
    return Limits(max_bytes=config["RESUME_MAX_BYTES"], max_chars=config["DOCUMENT_MAX_CHARS"],
                  memory_mb=config["DOCUMENT_MEMORY_MB"], cpu_seconds=config["DOCUMENT_CPU_SECONDS"],
                  wall_seconds=config["DOCUMENT_WALL_SECONDS"])


def read_upload(field: str, data: bytes, filename: str | None) -> ExtractedDocument:
    """The upload's text, or Invalid naming ``field`` with the document error's message and code
    (empty, over RESUME_MAX_BYTES, not a PDF/DOCX/TXT whatever its name says, unreadable, no text,
    over the reader's memory or time limit). ``filename`` never decides the type."""
    del filename
    try:
        return read_document(data, upload_limits())
    except DocumentError as exc:
        raise Invalid.field(field, exc.message, code=exc.code) from exc

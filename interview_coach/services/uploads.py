"""Read an uploaded document (PDF, DOCX or TXT) into text under the configured size limit.

Shared by the profile résumé and the mock interview's CV and job-description uploads, so every
upload is sniffed, limited and refused the same way.
"""

from __future__ import annotations

from flask import current_app

from ..engine.documents import DocumentError, ExtractedDocument, Limits, extract_text
from ..errors import Invalid


def read_upload(field: str, data: bytes, filename: str | None) -> ExtractedDocument:
    """The upload's text, or Invalid naming ``field`` with the document error's message and code
    (empty, over RESUME_MAX_BYTES, not a PDF/DOCX/TXT whatever its name says, unreadable, no text)."""
    limits = Limits(max_bytes=current_app.config["RESUME_MAX_BYTES"])
    try:
        return extract_text(data, filename, limits)
    except DocumentError as exc:
        raise Invalid.field(field, exc.message, code=exc.code) from exc

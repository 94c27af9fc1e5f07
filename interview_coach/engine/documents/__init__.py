"""Text extraction from uploaded résumés and job descriptions (PDF, DOCX, plain text).

Used by the profile résumé upload and the mock interview. Pure Python: no Flask, no database. The
caller passes the uploaded bytes; the type is sniffed from the content (never from the file name),
resource limits are enforced before any heavy parsing, and the text comes back normalised. Every
refusal is a ``DocumentError`` with a stable ``code`` and a message fit for the user.

Uploads are read with ``read_document``, which runs ``extract_text`` in a child process under hard
memory and time limits (``isolated.py``); ``extract_text`` itself runs in the calling process and is
for trusted files only (the tests' fixtures, the reader's own worker).
"""

from __future__ import annotations

import re
import unicodedata

from ._base import ERROR_CODES, DocumentError, ExtractedDocument, Limits, check_size, normalise
from ._docx import extract_docx
from ._pdf import extract_pdf
from ._sniff import decode_text, sniff_kind
from .isolated import read_document, start_reader

__all__ = [
    "ERROR_CODES", "DocumentError", "ExtractedDocument", "Limits",
    "extract_text", "normalise", "read_document", "safe_display_name", "sniff_kind", "start_reader",
]

_EMPTY_TEXT = {
    "docx": "This Word document contains no text. Upload another file or paste the text instead.",
    "txt": "This file contains no text. Upload another file or paste the text instead.",
}


def extract_text(
    data: bytes, filename: str | None = None, limits: Limits = Limits()
) -> ExtractedDocument:
    """Sniff, check and extract the text of an upload.

    ``filename`` is accepted for the caller's convenience and never used to decide the type: a PDF
    named "cv.txt" is read as a PDF. The text is ``normalise``d and cut at ``limits.max_chars``.
    Raises ``DocumentError``: "empty_file", "too_large" (over ``limits.max_bytes``), and any code
    of ``sniff_kind``, the PDF reader ("encrypted_pdf", "corrupt_file", "too_many_pages",
    "no_text"), the DOCX reader ("zip_bomb", "corrupt_file") or the text decoder ("binary_text");
    "no_text" also when a DOCX or text file holds only whitespace.
    """
    del filename  # see docstring: content wins
    check_size(data, limits)
    kind = sniff_kind(data)
    pages = None
    warnings: list[str] = []
    if kind == "pdf":
        raw, pages, warnings = extract_pdf(data, limits)
    elif kind == "docx":
        raw = extract_docx(data, limits)
    else:
        raw = decode_text(data)
    text = normalise(raw)
    if not text:
        raise DocumentError("no_text", _EMPTY_TEXT.get(kind, _EMPTY_TEXT["txt"]))
    truncated = len(text) > limits.max_chars
    if truncated:
        text = text[: limits.max_chars].rstrip()
        warnings.append(f"The text was cut to its first {limits.max_chars:,} characters.")
    return ExtractedDocument(kind=kind, text=text, pages=pages, truncated=truncated,
                             warnings=tuple(warnings))


_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_SPACES = re.compile(r"\s+")


def safe_display_name(filename: str | None, kind: str) -> str:
    """A file name safe to store and show: at most 255 characters, ending in ".<kind>".

    Keeps only the last path component (either slash), drops control and format characters
    (including bidi overrides that disguise extensions), collapses whitespace, keeps other Unicode
    (NFC), replaces whatever extension the upload had with the sniffed ``kind``. Falls back to
    "resume.<kind>" when nothing usable is left.
    """
    suffix = f".{kind}"
    name = unicodedata.normalize("NFC", filename or "")
    name = _SPACES.sub(" ", re.split(r"[/\\]", name)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    name = name.strip(" .")
    name = _EXTENSION.sub("", name).strip(" .") or "resume"
    return name[: 255 - len(suffix)].rstrip(" .") + suffix

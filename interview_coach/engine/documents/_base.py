"""Shared types and text normalisation for document extraction (no I/O, no framework imports)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Stable error codes; the web/API layers map them to messages and HTTP statuses.
ERROR_CODES = frozenset({
    "empty_file", "too_large", "unsupported_type", "encrypted_pdf", "corrupt_file",
    "zip_bomb", "too_many_pages", "no_text", "binary_text",
    # Limits of the child process that reads the document (see isolated.py), and its failure.
    "too_slow", "too_complex", "reader_failed",
})


class DocumentError(Exception):
    """An upload that cannot be turned into text.

    ``code`` is one of ``ERROR_CODES`` (stable, for programs); ``message`` is a complete sentence
    that can be shown to the user as is.
    """

    def __init__(self, code: str, message: str):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown document error code: {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"DocumentError({self.code!r}, {self.message!r})"


@dataclass(frozen=True)
class ExtractedDocument:
    """Text read from an upload.

    ``kind`` is the sniffed type ("pdf", "docx" or "txt"); ``text`` is normalised (see ``normalise``);
    ``pages`` is the number of PDF pages read (None for other kinds); ``truncated`` says the text was
    cut at ``Limits.max_chars``; ``warnings`` are short sentences worth showing to the user.
    """

    kind: str
    text: str
    pages: int | None
    truncated: bool
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Limits:
    """Resource limits applied to every upload (defaults suit a résumé or a job description).

    ``max_chars`` caps the text kept (and how far the reader goes before it stops). The last three
    bound the child process that reads an upload (``read_document``): its address space, its CPU
    time and its wall-clock time; a document that needs more is refused, never waited for.
    """

    max_bytes: int = 5 * 1024 * 1024
    max_pages: int = 20
    max_chars: int = 100_000
    memory_mb: int = 512
    cpu_seconds: float = 10.0
    wall_seconds: float = 10.0
    max_docx_uncompressed: int = 30 * 1024 * 1024  # total uncompressed size of the zip members
    max_docx_ratio: int = 100  # compression ratio per member that signals a bomb
    max_docx_members: int = 2000


def check_size(data: bytes, limits: Limits) -> None:
    """Refuse an empty upload ("empty_file") or one over ``limits.max_bytes`` ("too_large")."""
    if not data:
        raise DocumentError("empty_file", "The file is empty.")
    if len(data) > limits.max_bytes:
        raise DocumentError("too_large", f"The file is larger than the {limits.max_bytes / (1024 * 1024):g} MB limit.")


_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


# Control characters except "\n" and "\t"; stray BOMs and zero-width spaces (they split words
# invisibly); private-use code points, which are icon-font glyphs (phone, envelope, GitHub logos in
# résumé headers) that render as boxes and carry no meaning for the interview engine.
_DROP = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\u200b"
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


def normalise(text: str) -> str:
    """Return ``text`` in the canonical form stored and analysed by the app.

    NFKC (turns ligatures such as "ﬁ" into "fi" and full-width forms into ASCII); every newline
    convention (and form feed, which pdfminer uses between pages) becomes "\\n"; control characters
    other than "\\n" and "\\t", private-use icon glyphs, BOMs and zero-width spaces are removed;
    trailing spaces are stripped; any run of two or more blank lines becomes a single blank line;
    leading and trailing whitespace of the whole text is removed.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _NEWLINES.sub("\n", text)
    text = _DROP.sub("", text)
    text = _TRAILING.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()

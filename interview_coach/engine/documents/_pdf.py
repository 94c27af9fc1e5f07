"""PDF text extraction: pypdf first, pdfminer.six when pypdf's text looks garbled or empty.

Why this order (measured on the 16 résumés in shared/data/resumes, see tests/unit/test_documents.py):
pypdf follows the content stream, which for HTML/Chromium two-column templates is main column then
sidebar, and keeps right-aligned dates on their entry line; pdfminer's layout analysis (any
LAParams tried: default, boxes_flow=None/-0.5, char_margin=20) interleaved sidebar blocks into the
main column on both two-column files and was twice as slow. But pypdf garbles fonts with a broken
ToUnicode map (the Chinese résumé comes out as Arabic/Georgian/Malayalam soup) where pdfminer reads
them, so a cheap quality score picks pdfminer in that case.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata

from ._base import DocumentError, Limits

# A PDF claiming this many times max_pages is not a résumé or a job description; refusing it up
# front avoids walking a hostile page tree.
REFUSE_PAGES_FACTOR = 50
# Share of words that mix writing systems (or undecodable glyphs) above which text is garbled.
# Measured: 0.000-0.004 on the 15 clean résumés, 0.23 on pypdf's reading of the Chinese one.
GARBLE_THRESHOLD = 0.05
# Below this many letters pypdf may simply have missed the text; ask pdfminer too.
MIN_LETTERS = 20

_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's placeholder for a glyph it cannot map to Unicode
# pdfminer renders justified text and bullet indents as runs of (no-break) spaces.
_SPACE_RUNS = re.compile(r"(?<=\S)[^\S\n]{2,}(?=\S)")
_WORDS = re.compile(r"[^\W\d_]+")
# Scripts that legitimately share one word (Japanese mixes kana and kanji).
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "IDEOGRAPHIC": "CJK", "HALFWIDTH": "CJK"}

_NO_TEXT = ("No text could be found in this PDF; it is probably a scanned image. Upload a "
            "text-based PDF (exported from your editor), a Word document, or paste the text instead.")
_ENCRYPTED = "This PDF is password-protected. Remove the password and upload it again."
_CORRUPT = "This PDF is damaged and cannot be read. Export it again and re-upload it."

log = logging.getLogger(__name__)


def _script(ch: str) -> str:
    word = unicodedata.name(ch, "?").split(" ", 1)[0]
    return _SCRIPT_GROUPS.get(word, word)


def garble_score(text: str) -> float:
    """Share of words that mix writing systems, counting each undecodable glyph as one such word.

    Real words stay within one script ("Boğaziçi" is all LATIN, "上海交通大学" all CJK); text read
    through a broken font map mixes scripts inside words. 1.0 when there are no words at all.
    """
    words = _WORDS.findall(text)
    if not words:
        return 1.0
    mixed = sum(1 for w in words if len({_script(c) for c in w}) > 1)
    bad = len(_CID.findall(text)) + text.count("\ufffd")
    return min(1.0, (mixed + bad) / len(words))


def _letters(text: str) -> int:
    return sum(len(w) for w in _WORDS.findall(text))


def _open(data: bytes):
    """Open with pypdf, handling encryption; returns the reader."""
    from pypdf import PdfReader, PasswordType

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise DocumentError("encrypted_pdf", _ENCRYPTED)
        reader.pages[0]  # forces the page tree to be parsed now, inside this error handling
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:  # pypdf raises many types on malformed input; all mean "damaged"
        raise DocumentError("corrupt_file", _CORRUPT) from exc
    return reader


def _pypdf_text(reader, pages: int, max_chars: int) -> str:
    parts = []
    read = 0
    for index in range(pages):
        if read > max_chars:  # the rest would be cut anyway
            break
        try:
            parts.append(reader.pages[index].extract_text() or "")
        except MemoryError:  # the reader's memory limit: not a damaged page
            raise
        except Exception:  # one bad page (broken font, bad stream) should not lose the others
            log.info("pypdf could not read page %d", index + 1, exc_info=True)
            continue
        read += len(parts[-1])
    return "\n".join(parts)


def _pdfminer_text(data: bytes, pages: int) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    try:
        text = extract_text(io.BytesIO(data), password="", maxpages=pages, laparams=LAParams())
    except MemoryError:  # the reader's memory limit, not a reason to fall back to pypdf's text
        raise
    except Exception:  # pdfminer is only a second opinion here; pypdf already opened the file
        log.info("pdfminer could not read the PDF", exc_info=True)
        return ""
    return _CID.sub("", text)


def extract_pdf(data: bytes, limits: Limits) -> tuple[str, int, list[str]]:
    """Return (raw text, pages read, warnings) for PDF bytes, reading at most ``limits.max_pages``.

    Raises ``DocumentError``: "encrypted_pdf" (unless the empty password opens it), "corrupt_file",
    "too_many_pages" (over REFUSE_PAGES_FACTOR × max_pages), "no_text" (e.g. a scan without OCR).
    """
    reader = _open(data)
    try:
        total = len(reader.pages)
    except Exception as exc:
        raise DocumentError("corrupt_file", _CORRUPT) from exc
    if total > limits.max_pages * REFUSE_PAGES_FACTOR:
        raise DocumentError("too_many_pages", f"This PDF has {total} pages, far too many for a "
                            "résumé or job description. Upload a shorter document.")
    pages = min(total, limits.max_pages)
    warnings = []
    if total > pages:
        warnings.append("Only the first page was read." if pages == 1
                        else f"Only the first {pages} pages were read.")

    text = _pypdf_text(reader, pages, limits.max_chars)
    if garble_score(text) > GARBLE_THRESHOLD or _letters(text) < MIN_LETTERS:
        alternative = _pdfminer_text(data, pages)
        if (garble_score(alternative), -_letters(alternative)) < (garble_score(text), -_letters(text)):
            text = alternative
    if _letters(text) == 0:
        raise DocumentError("no_text", _NO_TEXT)
    if garble_score(text) > GARBLE_THRESHOLD:
        warnings.append("Some of the text in this PDF could not be decoded correctly; "
                        "check the extracted text or paste it instead.")
    return _SPACE_RUNS.sub(" ", text), pages, warnings

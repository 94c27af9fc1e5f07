"""DOCX text extraction with python-docx, after checking the ZIP container for decompression bombs."""

from __future__ import annotations

import io
import zipfile

from ._base import DocumentError, Limits

# Members smaller than this are never called bombs whatever their ratio: small XML parts routinely
# compress 100:1 and cannot exhaust memory anyway.
RATIO_MIN_MEMBER = 1024 * 1024

_BOMB = ("This Word document expands to far more data than a résumé could contain, so it was not "
         "opened. Save it again from your editor or upload a PDF.")
_CORRUPT = "This Word document is damaged and cannot be read. Save it again and re-upload it."


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a ZIP whose declared sizes signal a decompression bomb, before anything is inflated.

    Raises ``DocumentError`` "zip_bomb" when there are more than ``max_docx_members`` members, the
    total uncompressed size exceeds ``max_docx_uncompressed``, or a member over 1 MiB uncompressed
    compresses better than ``max_docx_ratio``:1; "corrupt_file" when the archive cannot be read.
    Relying on declared sizes is safe: zipfile never inflates more than a member's declared size.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError("corrupt_file", _CORRUPT) from exc
    if len(members) > limits.max_docx_members:
        raise DocumentError("zip_bomb", _BOMB)
    if sum(m.file_size for m in members) > limits.max_docx_uncompressed:
        raise DocumentError("zip_bomb", _BOMB)
    for member in members:
        if member.file_size > RATIO_MIN_MEMBER and (
            member.file_size > limits.max_docx_ratio * max(member.compress_size, 1)
        ):
            raise DocumentError("zip_bomb", _BOMB)


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # python-docx repeats a merged cell once per grid column it spans; print it once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(cell.text.split())
            if text:
                cells.append(text)
        if cells:
            lines.append(" | ".join(cells))
    return lines


def _block_lines(container) -> list[str]:
    """Paragraph texts and table rows of a body, header or cell, in document order."""
    from docx.table import Table

    lines = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
            lines.append("")
        else:
            lines.append(block.text)
    return lines


def extract_docx(data: bytes, limits: Limits) -> str:
    """Return the raw text of a DOCX: page headers first (once each), then the body in order.

    Paragraphs keep their line breaks; each table row becomes one line with cells joined by " | ".
    Text boxes, footnotes and comments are not read. Raises ``DocumentError`` "zip_bomb" or
    "corrupt_file" (see ``check_zip``).
    """
    check_zip(data, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        header_lines: list[str] = []
        for section in document.sections:
            # Linked headers repeat the previous section's; unlinked ones often repeat it verbatim.
            if section.header.is_linked_to_previous:
                continue
            for line in _block_lines(section.header):
                if line.strip() and line not in header_lines:
                    header_lines.append(line)
        body = _block_lines(document)
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:  # python-docx/lxml raise many types on malformed parts
        raise DocumentError("corrupt_file", _CORRUPT) from exc
    return "\n".join(header_lines + ([""] if header_lines else []) + body)

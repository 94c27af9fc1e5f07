"""Content sniffing and plain-text decoding: the file's bytes decide its type, never its name."""

from __future__ import annotations

import codecs
import io
import zipfile

from ._base import DocumentError

# Signatures of formats people upload by mistake, refused outright so that, say, a JPEG whose bytes
# happen to decode as cp1252 is never taken for text. Executables need no entry: their headers are
# neither UTF-8 nor cp1252 prose. Only signatures that no prose starts with are listed.
_BINARY_MAGIC = (  # PNG, JPEG, GIF, ELF, OLE (legacy .doc/.xls), RAR, 7z, gzip, TIFF, PostScript, RTF
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\xd0\xcf\x11\xe0", b"Rar!\x1a",
    b"7z\xbc\xaf", b"\x1f\x8b", b"II*\x00", b"MM\x00*", b"%!PS", b"{\\rtf",
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: FF FE prefix
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_UNSUPPORTED = ("This file type is not supported. Upload a PDF, a Word document (.docx) "
                "or a plain-text file.")


def _bom_encoding(data: bytes) -> str | None:
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def _looks_like_cp1252_text(data: bytes) -> bool:
    """True when ``data`` decodes as cp1252 and reads like prose rather than binary."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # cp1252 leaves five bytes undefined; binary often hits them
        return False
    if not text:
        return False
    # Latin-1 maps nearly every byte to a "printable" character, so printability alone cannot tell
    # text from binary: also require that most characters are ASCII, as in any Western-language text.
    printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in text)
    ascii_text = sum(32 <= ord(ch) < 127 or ch in "\n\r\t" for ch in text)
    return printable / len(text) >= 0.98 and ascii_text / len(text) >= 0.75


def sniff_kind(data: bytes) -> str:
    """Return "pdf", "docx" or "txt" from the content of ``data``.

    "%PDF-" at the start → "pdf"; a ZIP archive containing ``word/document.xml`` → "docx"; valid
    UTF-8, text with a UTF-16/32 byte-order mark, or bytes that read as cp1252 prose → "txt".
    Raises ``DocumentError`` "unsupported_type" for anything else (images, executables, other ZIP
    archives, legacy .doc) and "corrupt_file" for a damaged ZIP archive.
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise DocumentError("corrupt_file", "The document is damaged and cannot be read.") from exc
        if "word/document.xml" in names:
            return "docx"
        raise DocumentError("unsupported_type", _UNSUPPORTED)
    if data.startswith(_BINARY_MAGIC):
        raise DocumentError("unsupported_type", _UNSUPPORTED)
    if _bom_encoding(data):
        return "txt"
    try:
        data.decode("utf-8")
        return "txt"
    except UnicodeDecodeError:
        pass
    if _looks_like_cp1252_text(data):
        return "txt"
    raise DocumentError("unsupported_type", _UNSUPPORTED)


def decode_text(data: bytes) -> str:
    """Decode bytes that ``sniff_kind`` called "txt": BOM, else UTF-8, else cp1252.

    Raises ``DocumentError`` "binary_text" when the decoded text contains NUL characters (a binary
    file that happens to be valid UTF-8, or text with binary garbage in it).
    """
    encoding = _bom_encoding(data)
    if encoding is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    else:
        text = data.decode(encoding, errors="replace")
    if "\x00" in text:
        raise DocumentError("binary_text", "This file contains binary data, not plain text. "
                                           "Upload a PDF or Word document, or paste the text instead.")
    return text

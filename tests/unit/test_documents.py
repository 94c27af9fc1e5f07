"""Tests for interview_coach.engine.documents: résumé/job-description text extraction.

The PDF tests read the 16 real-format résumés in shared/data/resumes (see its SOURCES.md for what
each one breaks in naive extractors); DOCX, ZIP and text fixtures are built in memory.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from interview_coach.engine.documents import (
    DocumentError,
    ExtractedDocument,
    Limits,
    extract_text,
    safe_display_name,
    sniff_kind,
)

RESUMES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "resumes"

RENDERCV_WORDS = ["John Doe", "john.doe@email.com", "Education", "Experience", "Projects",
                  "Princeton University", "Boğaziçi University", "Türkiye",
                  "Efficient Neural Architecture Search"]  # "ffi": a ligature in Typst's fonts
CHROMIUM_WORDS = ["john.doe@email.com", "SUMMARY", "EXPERIENCE", "EDUCATION", "SKILLS", "Stripe",
                  "UC Berkeley", "Bachelor of Science, Computer Science"]

# Per file: strings that must appear verbatim (after whitespace is collapsed to single spaces).
EXPECTED = {
    "rendercv__classic_typst.pdf": RENDERCV_WORDS,
    "rendercv__moderncv_typst.pdf": RENDERCV_WORDS,
    "rendercv__sb2nov_typst.pdf": RENDERCV_WORDS,
    "rendercv__engineeringresumes_typst.pdf": RENDERCV_WORDS,
    "rendercv__harvard_typst.pdf": RENDERCV_WORDS,
    "rendercv__opal_typst.pdf": RENDERCV_WORDS,
    "rendercv__classic_minimal_typst.pdf": ["John Doe", "Experience", "Software Engineer at Company X"],
    "resumematcher__alfred_pennyworth_moderncv.pdf": [
        "Alfred Pennyworth", "alfred.pennyworth@email.com", "Professional Summary", "Experience",
        "Education", "Product Manager, Google, Mountain View"],
    "resumematcher__harvey_dent_moderncv.pdf": [  # pdfplumber drops spaces in this one
        "Harvey Dent", "hdent@email.com", "Experience", "Education",
        "Machine Learning Engineer with 5 years of experience in designing, building, and deploying",
        "Improved the efficiency of model training"],
    "resumematcher__john_doe_latex_plain.pdf": [  # pdfplumber drops spaces in this one too
        "JOHN DOE", "john.doe@email.com", "WORK EXPERIENCE", "EDUCATION",
        "Highly skilled Full Stack Developer with over 5 years of experience"],
    "resumematcher__john_smith_word2016.pdf": [
        "John Smith", "john.smith@email.com", "Professional Experience", "Education", "Skills"],
    "resumematcher__tpl_single_column_chromium.pdf": ["JOHN DOE"] + CHROMIUM_WORDS,
    "resumematcher__tpl_two_column_chromium.pdf": ["JOHN DOE"] + CHROMIUM_WORDS,
    "resumematcher__tpl_modern_two_column_chromium.pdf": ["John Doe"] + CHROMIUM_WORDS,
    "billryan__resume_en_xelatex.pdf": [
        "Bin Yuan", "my_address@yuanbin.me", "Education", "Experience", "Skills",
        "Shanghai Jiao Tong University (SJTU)", "résumé template", "Honors and Awards"],
    "billryan__resume_zh_CN_xelatex.pdf": [
        "你的大名", "xxx@yuanbin.me", "教育背景", "上海交通大学", "西安电子科技大学", "实习/项目经历",
        "IT 技能", "获奖情况"],
}
TWO_COLUMN = ["resumematcher__tpl_two_column_chromium.pdf",
              "resumematcher__tpl_modern_two_column_chromium.pdf"]
SIDEBAR = ["UC Berkeley", "Feature Flags", "Observability", "Database Optimization", "LINKS"]
MAIN_BULLETS = [  # main-column bullets that start on one line and end on the next
    "Led migration of legacy payment reconciliation service to event-driven microservices architecture",
    "Built collaborative editing infrastructure supporting real-time sync for 4M+ daily active users",
    "Optimized canvas rendering performance, reducing frame drop rate by 40% on large design files",
]


def _resume_bytes(name: str) -> bytes:
    if not RESUMES.is_dir():
        pytest.skip(f"résumé corpus not found at {RESUMES} (shared/data/resumes next to the repo)")
    return (RESUMES / name).read_bytes()


@lru_cache(maxsize=None)
def _extract(name: str) -> ExtractedDocument:
    return extract_text(_resume_bytes(name), name)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _error(data: bytes, limits: Limits = Limits(), filename: str | None = None) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        extract_text(data, filename, limits)
    return info.value


def _docx_bytes(build=None) -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Jane Roe — Curriculum Vitae"
    document.add_heading("Jane Roe", level=0)
    document.add_paragraph("jane.roe@example.org")
    document.add_heading("Experience", level=1)
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, [("Acme Corp", "Backend Engineer", "2020–2024"),
                                        ("Globex", "Data Analyst", "2017–2020")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_heading("Education", level=1)
    document.add_paragraph("MSc Computer Science, Université de Montréal")
    if build:
        build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _pdf_from_resume(name: str) -> PdfWriter:
    return PdfWriter(clone_from=PdfReader(io.BytesIO(_resume_bytes(name))))


# --- the real résumés -----------------------------------------------------------------------

def test_corpus_is_fully_covered():
    """Every PDF in the résumé folder has expectations here, and every expectation has a file."""
    _resume_bytes("SOURCES.md")
    assert {p.name for p in RESUMES.glob("*.pdf")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_resume_expected_text(name):
    """Names, e-mails, headings and key phrases come out of each résumé intact."""
    document = _extract(name)
    assert document.kind == "pdf" and document.pages >= 1 and not document.truncated
    flat = _flat(document.text)
    missing = [word for word in EXPECTED[name] if word not in flat]
    assert not missing, f"{name}: missing {missing}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_resume_text_is_clean(name):
    """No ligature code points, icon glyphs, control chars, glued words or decoding debris remain."""
    text = _extract(name).text
    assert not re.search(r"[\ufb00-\ufb06\ue000-\uf8ff\ufffd]", text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)
    assert "(cid:" not in text
    assert not re.search(r"[ \t]\n|\n{3,}", text)
    glued = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 25]
    assert not glued, f"{name}: words without spaces between them: {glued[:5]}"


def test_chinese_resume_is_decoded_not_garbled():
    """The CJK résumé (which pypdf garbles) is read as Chinese, without pseudo-Arabic/Georgian soup."""
    text = _extract("billryan__resume_zh_CN_xelatex.pdf").text
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    assert cjk > 200
    # Armenian, Arabic, Syriac, Malayalam, Georgian, Thai: what pypdf's reading is made of.
    soup = r"[\u0530-\u058f\u0600-\u06ff\u0700-\u074f\u0d00-\u0d7f\u10a0-\u10ff\u0e00-\u0e7f]"
    assert not re.search(soup, text)
    assert "上海交通大学, 上海" in text


@pytest.mark.parametrize("name", TWO_COLUMN)
def test_two_column_reading_order(name):
    """Main-column bullets stay whole and no sidebar block lands inside the main column."""
    flat = _flat(_extract(name).text)
    for bullet in MAIN_BULLETS:
        assert bullet in flat
    main_start = flat.index("EXPERIENCE")
    main_end = flat.index("Real-time Transit Prediction App")
    intruders = [w for w in SIDEBAR if main_start < flat.index(w) < main_end]
    assert not intruders, f"sidebar text inside the main column: {intruders}"


def test_pdfminer_takes_over_when_pypdf_finds_nothing(monkeypatch):
    """When pypdf returns no text, pdfminer's reading is used, with layout double spaces collapsed."""
    from interview_coach.engine.documents import _pdf

    monkeypatch.setattr(_pdf, "_pypdf_text", lambda reader, pages, max_chars: "")
    text = extract_text(_resume_bytes("resumematcher__tpl_single_column_chromium.pdf")).text
    assert "Senior Software Engineer with 5+ years of proven expertise" in text
    assert not re.search(r"\S  +\S", text)


def test_garbled_text_with_no_better_reading_is_flagged(monkeypatch):
    """When both libraries return garbled text, the result carries a warning instead of failing."""
    from interview_coach.engine.documents import _pdf

    monkeypatch.setattr(_pdf, "_pypdf_text", lambda reader, pages, max_chars: "Jane ഈࢌݚ๙ն ᄝ؀ණൖ ᇀࣂ Roe")
    monkeypatch.setattr(_pdf, "_pdfminer_text", lambda data, pages: "")
    document = extract_text(_resume_bytes("rendercv__classic_minimal_typst.pdf"))
    assert document.text.startswith("Jane ")
    assert any("could not be decoded" in w for w in document.warnings)


def test_right_aligned_dates_stay_on_their_line():
    """Dates set flush right stay on the line of the entry they belong to."""
    text = _extract("billryan__resume_en_xelatex.pdf").text
    assert "Shanghai Jiao Tong University (SJTU), Shanghai, China 2013 – Present" in text.splitlines()


# --- PDF limits and failures -------------------------------------------------------------------

def test_max_pages_reads_first_pages_and_warns():
    """Only max_pages pages are read, and the result says so."""
    name = "rendercv__sb2nov_typst.pdf"  # 3 pages; "Invited Talks" is on the last one
    assert "Invited Talks" in _extract(name).text
    document = extract_text(_resume_bytes(name), name, Limits(max_pages=1))
    assert document.pages == 1
    assert "Only the first page was read." in document.warnings
    assert "Only the first 2 pages were read." in extract_text(
        _resume_bytes(name), name, Limits(max_pages=2)).warnings
    assert "John Doe" in document.text and "Invited Talks" not in document.text
    assert _extract(name).warnings == ()


def test_absurd_page_count_is_refused():
    """A PDF with far more pages than max_pages is refused as too_many_pages."""
    writer = PdfWriter()
    for _ in range(60):
        writer.add_blank_page(width=200, height=200)
    assert _error(_pdf_bytes(writer), Limits(max_pages=1)).code == "too_many_pages"


def test_pdf_without_text_layer():
    """A PDF with no text (like a scan) is no_text, and the message says what to do instead."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    error = _error(_pdf_bytes(writer))
    assert error.code == "no_text"
    assert "text-based PDF" in error.message and "paste" in error.message


def test_encrypted_pdf_is_refused():
    """A PDF that needs a password is encrypted_pdf."""
    writer = _pdf_from_resume("rendercv__classic_minimal_typst.pdf")
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-128")
    error = _error(_pdf_bytes(writer))
    assert error.code == "encrypted_pdf" and "password" in error.message


def test_pdf_encrypted_with_empty_password_is_read():
    """A PDF encrypted only with an owner password (empty user password) is read normally."""
    writer = _pdf_from_resume("rendercv__classic_minimal_typst.pdf")
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    assert "Software Engineer at Company X" in extract_text(_pdf_bytes(writer)).text


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%garbage, no objects, no xref\n",
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
], ids=["garbage", "dangling-pages"])
def test_corrupt_pdf(data):
    """A file that starts like a PDF but cannot be parsed is corrupt_file."""
    assert _error(data).code == "corrupt_file"


# --- DOCX ------------------------------------------------------------------------------------

def test_docx_paragraphs_tables_and_header_in_order():
    """DOCX text includes the header, paragraphs and table rows, in document order."""
    document = extract_text(_docx_bytes(), "cv.docx")
    assert document.kind == "docx" and document.pages is None and not document.truncated
    text = document.text
    order = ["Jane Roe — Curriculum Vitae", "jane.roe@example.org", "Experience",
             "Acme Corp | Backend Engineer | 2020–2024", "Globex | Data Analyst | 2017–2020",
             "Education", "Université de Montréal"]
    positions = [text.find(s) for s in order]
    assert -1 not in positions, f"missing: {[s for s, p in zip(order, positions) if p < 0]}"
    assert positions == sorted(positions)
    assert text.count("Jane Roe — Curriculum Vitae") == 1


def test_docx_merged_cells_are_not_repeated():
    """A merged table cell appears once in its row, not once per grid column."""
    def add_merged(document):
        table = document.add_table(rows=1, cols=3)
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.text = "Skills"
        table.cell(0, 2).text = "Python, SQL"
    assert "Skills | Python, SQL" in extract_text(_docx_bytes(add_merged)).text.splitlines()


def _with_member(data: bytes, name: str, payload: bytes) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, payload)
    return buffer.getvalue()


def test_docx_zip_bomb_by_ratio():
    """A member of zeros compressing far beyond max_docx_ratio makes the DOCX a zip_bomb."""
    bomb = _with_member(_docx_bytes(), "word/media/zeros.bin", bytes(2 * 1024 * 1024))
    assert len(bomb) < 200_000  # the zeros cost almost nothing compressed: that is the attack
    assert _error(bomb).code == "zip_bomb"
    assert extract_text(bomb, limits=Limits(max_docx_ratio=10_000)).kind == "docx"


def test_docx_zip_bomb_by_total_size():
    """Members adding up to more than max_docx_uncompressed make the DOCX a zip_bomb."""
    # 600 kB of zeros: under the 1 MiB threshold of the ratio check, so only the total can trip.
    data = _with_member(_docx_bytes(), "word/media/zeros.bin", bytes(600_000))
    assert extract_text(data).kind == "docx"
    error = _error(data, Limits(max_docx_uncompressed=1024 * 1024))
    assert error.code == "zip_bomb" and error.message


def test_docx_zip_bomb_by_member_count():
    """More than max_docx_members members make the DOCX a zip_bomb."""
    data = _docx_bytes()
    assert extract_text(data, limits=Limits(max_docx_members=30)).kind == "docx"
    assert _error(data, Limits(max_docx_members=5)).code == "zip_bomb"


def test_corrupt_docx():
    """A ZIP that names word/document.xml but holds broken XML is corrupt_file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<not xml")
    assert _error(buffer.getvalue()).code == "corrupt_file"


# --- sniffing: content wins over the name ------------------------------------------------------

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
       b"\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
# Bytes that all decode as cp1252 but are not prose (no ASCII at all): must not pass as text.
HIGH_BYTES = bytes(b for b in range(0x80, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)) * 8
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + bytes(40) + b"PE\x00\x00"


@pytest.mark.parametrize("data,filename", [(PNG, "resume.pdf"), (EXE, "resume.pdf"),
                                           (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "resume.pdf"),
                                           (b"{\\rtf1\\ansi Jane Roe\\par}", "resume.txt"),
                                           (bytes(range(256)) * 4, "resume.txt"),
                                           (HIGH_BYTES, "resume.txt")],
                         ids=["png-as-pdf", "exe-as-pdf", "gif-as-pdf", "rtf-as-txt",
                              "random-binary-as-txt", "cp1252-decodable-noise"])
def test_disguised_binary_is_unsupported(data, filename):
    """Images, executables and binary noise are refused whatever they are named."""
    error = _error(data, filename=filename)
    assert error.code == "unsupported_type" and "PDF" in error.message


def test_plain_zip_named_docx_is_unsupported():
    """A ZIP without word/document.xml is not a DOCX even when named .docx."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Experience: lots")
    assert _error(buffer.getvalue(), filename="resume.docx").code == "unsupported_type"


def test_pdf_named_txt_is_read_as_pdf():
    """A PDF named .txt is read as a PDF: the content decides."""
    document = extract_text(_resume_bytes("rendercv__classic_minimal_typst.pdf"), "resume.txt")
    assert document.kind == "pdf" and "Software Engineer at Company X" in document.text


def test_sniff_kind_from_content():
    """sniff_kind names each format by its bytes alone."""
    assert sniff_kind(b"%PDF-1.7 ...") == "pdf"
    assert sniff_kind(_docx_bytes()) == "docx"
    assert sniff_kind("Zoë, Ångström".encode()) == "txt"
    assert sniff_kind("Zoë".encode("utf-16")) == "txt"
    with pytest.raises(DocumentError) as info:
        sniff_kind(PNG)
    assert info.value.code == "unsupported_type"


# --- plain text, size limits and normalisation --------------------------------------------

def test_empty_file():
    """Zero bytes is empty_file."""
    assert _error(b"").code == "empty_file"


def test_whitespace_only_text_is_no_text():
    """A text file of blank lines has no text."""
    assert _error(b" \r\n\t\n  \n").code == "no_text"


def test_too_large_states_limit_in_mb():
    """Over max_bytes is too_large, and the message gives the limit in MB."""
    error = _error(b"a" * (5 * 1024 * 1024 + 1))
    assert error.code == "too_large" and "5 MB" in error.message
    assert extract_text(b"a" * (5 * 1024 * 1024), limits=Limits(max_chars=10)).truncated


def test_nul_bytes_are_binary_text():
    """Text containing NUL bytes is binary_text."""
    assert _error(b"Jane Roe\x00\x00\x00Experience\n").code == "binary_text"


def test_utf16_text_with_bom():
    """UTF-16 text with a byte-order mark is decoded (its NUL bytes are not binary)."""
    document = extract_text("Zoë Ångström\r\nExperience: 北京\r\n".encode("utf-16"), "cv.txt")
    assert document.kind == "txt" and document.text == "Zoë Ångström\nExperience: 北京"


def test_cp1252_text_fallback():
    """Windows-1252 text that is not valid UTF-8 is still read as text."""
    document = extract_text("Résumé – José Núñez\nExperience".encode("cp1252"))
    assert document.text == "Résumé – José Núñez\nExperience"


def test_normalisation():
    """NFKC ligatures, newlines, trailing spaces, blank-line runs and control chars are normalised."""
    raw = ("  Pro\ufb01le:  e\ufb03cient \r\nline two\t \rthree\x07\n\n\n\n\n"
           "four\x0cfive\u200b\ue900 \n\n")
    assert extract_text(raw.encode()).text == "Profile:  efficient\nline two\nthree\n\nfour\nfive"


def test_truncation_at_max_chars():
    """Text longer than max_chars is cut, flagged truncated, and a warning says so."""
    document = extract_text(("word " * 100).encode(), limits=Limits(max_chars=50))
    assert document.truncated and len(document.text) <= 50 and document.text.startswith("word word")
    assert any("50 characters" in w for w in document.warnings)
    assert not extract_text(("word " * 9).encode(), limits=Limits(max_chars=50)).truncated


def test_error_codes_are_validated():
    """DocumentError refuses codes outside the documented set (so callers can switch on them)."""
    assert DocumentError("no_text", "x").code == "no_text"
    with pytest.raises(ValueError):
        DocumentError("oops", "x")


# --- display names -----------------------------------------------------------------------------

@pytest.mark.parametrize("filename,kind,expected", [
    (None, "pdf", "resume.pdf"),
    ("", "docx", "resume.docx"),
    ("../../etc/passwd", "txt", "passwd.txt"),
    ("C:\\Users\\jane\\My CV.PDF", "pdf", "My CV.pdf"),
    ("résumé_Zoë_2024.png", "pdf", "résumé_Zoë_2024.pdf"),
    ("cv\u202efdp.exe", "pdf", "cvfdp.pdf"),
    ("Jane\x00\nRoe.docx", "docx", "Jane Roe.docx"),
    ("Dr. Smith CV", "txt", "Dr. Smith CV.txt"),
    ("...", "pdf", "resume.pdf"),
])
def test_safe_display_name(filename, kind, expected):
    """Display names lose paths and control chars, keep Unicode, and end in the sniffed kind."""
    assert safe_display_name(filename, kind) == expected


def test_safe_display_name_length():
    """Display names are at most 255 characters and keep their extension."""
    name = safe_display_name("é" * 400 + ".pdf", "pdf")
    assert len(name) == 255 and name.endswith("é.pdf")

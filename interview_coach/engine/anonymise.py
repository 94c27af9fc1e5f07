"""Remove personal data from CV text before it is archived (the second seed: "Anonymize CV text
for privacy compliance"; issue 6: names, e-mails, phone numbers, addresses, links).

Pure Python: ``anonymise_cv(text) -> str``. Everything else in the CV (skills, roles, employers,
dates, section headings) is kept, so an archived interview still makes sense. Each kind of personal
data is replaced by a placeholder a reader recognises: ``[NAME]``, ``[EMAIL]``, ``[PHONE]``,
``[ADDRESS]``, ``[LINK]``.

Rules, applied in this order (earlier ones protect later ones from half-matches):

1. **E-mail**: ``local@domain.tld`` → ``[EMAIL]``.
2. **Links**: ``http(s)://…``, ``www.…`` and bare lower-case domains with a common top-level
   domain (``linkedin.com/in/x``, ``github.com/x``, ``rendercv.com``) → ``[LINK]``. Domains must be
   lower case so "ASP.NET" or "Node.js" never match. Labelled handles ("LinkedIn: jdoe",
   "GitHub jdoe", the "/linkedin-in jdoe" left by icon fonts) → ``LinkedIn: [LINK]``.
3. **Phone numbers**: 7–15 digits in international shapes ("+1 (415) 555-0142", "(+86) 131-221-87",
   "+44 20 7946 0958", "0151 496 0000") → ``[PHONE]``. A run that is only a year range
   ("2018-2023"), a date ("12.05.2021") or a run preceded by "." or "/" (a DOI such as
   "10.1234/icml.2022.9012") is not a phone number.
4. **Addresses**: a house number followed by 1–3 capitalised words and a street type ("123 Main St",
   "221B Baker Street"), UK postcodes ("SW1A 1AA"), a US ZIP after a state code ("CA 94105" keeps
   "CA"), and the value of an "Address:" field → ``[ADDRESS]``. Bare city names are kept: they
   identify nobody and matter for the role (relocation, time zone).
5. **Names**: the value of a "Name:" field; and the candidate's name from the header: the first
   line among the first six non-empty lines that has 2–4 words, each a capitalised or upper-case
   word of letters, and none of them a job-title or section word ("Senior Software Engineer",
   "Professional Summary" are not names). Every later occurrence of that name, in any case and
   spacing (footers "John Doe – 1/1", author lists, signatures), becomes ``[NAME]`` too, and so
   does first + last name of a three- or four-word name ("Jane Mary Smith" → "Jane Smith").
6. **Contact-line handles**: in a header line that already holds a placeholder, a segment (split at
   "•", "|", "—", "·", ",", or 2+ spaces) that is a single lower-case token is a bare handle whose
   icon was lost in extraction ("rendercv") → ``[LINK]``.

Heuristics over text, not a guarantee: a name written only in a sentence ("Contact Jane at…"), or
an address without a street type, can survive. Callers should treat the output as reduced-risk.
"""

from __future__ import annotations

import re

__all__ = ["anonymise_cv", "anonymise_text", "header_name", "PLACEHOLDERS"]

PLACEHOLDERS = ("[NAME]", "[EMAIL]", "[PHONE]", "[ADDRESS]", "[LINK]")

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s,;|•()<>]+", re.I)
_TLDS = "com|org|net|io|dev|me|co|ai|app|info|biz|uk|de|fr|eu|nl|es|it|ch|se|no|dk|ca|au|in|cn|edu|gov|page|site|xyz|tech"
# Lower case only (no re.I): "ASP.NET", "Vue.js" and "Node.js" are skills, not links.
_DOMAIN = re.compile(rf"(?<![\w@.\-])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:{_TLDS})\b(?:/[^\s,;|•()<>]*)?")
_SITES = r"linkedin|github|gitlab|twitter|stack\s?overflow|behance|dribbble"
# "LinkedIn: jdoe" anywhere; "GitHub jdoe" (no colon) only as a whole line, so "GitHub stars" stays.
_HANDLE = re.compile(rf"(?i)\b({_SITES})(\s*:\s*)@?(?!\[)([A-Za-z0-9_][A-Za-z0-9_.\-]{{1,38}})\b")
_HANDLE_LINE = re.compile(rf"(?im)^(\W*/?(?:{_SITES})(?:-in)?)(\s+)@?(?!\[)[A-Za-z0-9_][A-Za-z0-9_.\-]{{1,38}}\s*$")
_PHONE = re.compile(
    r"(?<![\w+./])(?:\+\d{1,3}[\s.\-]?|\(\+?\d{1,4}\)[\s.\-]?)?(?:\(\d{1,4}\)[\s.\-]?)?\d{1,5}(?:[\s.\-]\d{2,6}){1,5}[xX]*(?!\w)")
_DATE = re.compile(r"^\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}$")
_YEAR_RANGE = re.compile(r"^(19|20)\d\d\s*[\-.]\s*(19|20)\d\d$")
_STREET_TYPES = (r"St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Way|Ct|Court|Pl|Place|"
                 r"Terrace|Close|Crescent|Square|Sq|Parkway|Hwy|Highway|Strasse|Straße|Str")
_STREET = re.compile(rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'’\-]*\s+){{1,3}}(?:{_STREET_TYPES})\b\.?")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_US_ZIP = re.compile(r"\b([A-Z]{2})\s+\d{5}(?:-\d{4})?\b")
_FIELD = re.compile(r"(?im)^(\s*(?:full\s+)?(name|address)\s*:\s*)(.+)$")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]{2,}|[A-Z]\.)$")
_NOT_NAME = frozenset(
    """summary profile experience education skills projects contact resume curriculum vitae cv objective
    professional work employment history technical certifications awards publications languages interests
    references engineer engineering developer manager senior junior lead principal staff software data
    machine learning scientist analyst designer architect consultant product director intern student
    full stack backend frontend devops welcome last updated page about me personal information
    university college school inc ltd llc company""".split())
_SEGMENTS = re.compile(r"\s*(?:[•|—·,]|\s{2,})\s*")


def anonymise_cv(text: str) -> str:
    """``text`` with names, e-mails, phone numbers, addresses and links replaced by placeholders
    (see the module docstring for each rule). Never raises; returns "" for empty input."""
    if not text:
        return ""
    out = _contacts(text)
    return _contact_handles(_names(out, [_header_name(out)]))


def anonymise_text(text: str, names=()) -> str:
    """Other text about the same person (interview answers and questions, a job description, an
    interview plan): rules 1–4, and every name in ``names`` (e.g. :func:`header_name` of their CV, their
    profile's full name) as rule 5 replaces the header name. There is no header to find a name in, so
    a name not given survives. Never raises; returns "" for empty input."""
    if not text:
        return ""
    return _names(_contacts(text), names)


def header_name(cv_text: str) -> str | None:
    """The candidate's name as rule 5 finds it in the CV's header, or None."""
    return _header_name(_contacts(cv_text or "")) if cv_text else None


def _contacts(text: str) -> str:
    """Rules 1–4: e-mails, links, handles, phone numbers, addresses and labelled fields."""
    out = _EMAIL.sub("[EMAIL]", text)
    out = _URL.sub("[LINK]", out)
    out = _DOMAIN.sub("[LINK]", out)
    out = _HANDLE.sub(lambda m: f"{m.group(1)}{m.group(2)}[LINK]", out)
    out = _HANDLE_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}[LINK]", out)
    out = _PHONE.sub(_phone, out)
    out = _FIELD.sub(lambda m: m.group(1) + ("[NAME]" if m.group(2).lower() == "name" else "[ADDRESS]"), out)
    out = _STREET.sub("[ADDRESS]", out)
    out = _UK_POSTCODE.sub("[ADDRESS]", out)
    return _US_ZIP.sub(lambda m: f"{m.group(1)} [ADDRESS]", out)


def _names(out: str, names) -> str:
    """Every occurrence of each name (2+ words), in any case and spacing, as ``[NAME]``."""
    for name in names:
        words = (name or "").split()
        if len(words) < 2:
            continue  # one word ("Sam") would also hit ordinary words
        # The name may be split across spaces differently elsewhere ("JOHN  DOE"): match any spacing.
        variants = [words] + ([[words[0], words[-1]]] if len(words) > 2 else [])  # "Jane Mary Smith" → "Jane Smith"
        for variant in variants:
            pattern = r"\b" + r"\s+".join(re.escape(w) for w in variant) + r"\b"
            out = re.sub(pattern, "[NAME]", out, flags=re.I)
    return out


def _phone(m: re.Match) -> str:
    raw = m.group(0)
    digits = sum(c.isdigit() for c in raw)
    if not 7 <= digits <= 15 or _YEAR_RANGE.match(raw.strip()) or _DATE.match(raw.strip()):
        return raw
    # "2020 2021 2022" or "2019.2023" are years, not numbers one could call.
    groups = re.findall(r"\d+", raw)
    if all(len(g) == 4 and g[:2] in ("19", "20") for g in groups) and not raw.lstrip().startswith(("+", "(")):
        return raw
    return "[PHONE]"


def _header_name(text: str) -> str | None:
    """The candidate's name from the top of the CV, or None (rule 5)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:6]
    for line in lines:
        words = line.split()
        if not 2 <= len(words) <= 4:
            continue
        if all(_NAME_WORD.match(w) for w in words) and not any(w.lower().strip(".") in _NOT_NAME for w in words):
            return line
    return None


def _contact_handles(text: str) -> str:
    """Rule 6: bare lower-case handles in the placeholder-bearing header lines."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:12]):
        if not any(p in line for p in PLACEHOLDERS[1:]):
            continue
        segments = [s for s in _SEGMENTS.split(line.strip()) if s]
        handles = [s for s in segments if re.fullmatch(r"[\W_]*[a-z][a-z0-9_\-]{2,38}", s)]
        for handle in handles:
            lines[i] = re.sub(rf"(?<![\w\[]){re.escape(handle)}(?![\w\]])", "[LINK]", lines[i], count=1)
    return "\n".join(lines)

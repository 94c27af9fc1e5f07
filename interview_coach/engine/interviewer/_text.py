"""Small text helpers shared by the interviewer's readers and planner: lines, bullets, headings,
date ranges, and a lexical similarity.

Rules documented here because every reader relies on them:

- **Bullets** start with one of ``• · ▪ ‣ ◦ - * –`` followed by a space (or ``•`` alone).
- **Date ranges**: a start (``Jan 2020``, ``January 2020``, ``Sept. 2018``, ``03/2018``, ``2019``)
  then ``–``, ``—``, ``-``, ``to`` or ``until``, then an end of the same forms or ``Present``,
  ``Current``, ``Now``, ``Today``. A range split over two lines ("2017 –" / "Present", as PDF
  extraction of two-column layouts gives it) is joined first (:func:`clean_lines`).
- **Lexical similarity** is the Jaccard index of the two texts' stemmed content-word sets
  (stop words removed, :func:`interview_coach.engine.scoring.text.stem`).
"""

from __future__ import annotations

import re

from ..scoring.text import STOPWORDS, stem

__all__ = [
    "BULLET", "DATE_RANGE", "MONTH", "clean_lines", "content_stems", "jaccard", "strip_bullet",
    "is_bullet", "parse_range", "words",
]

BULLET = re.compile(r"^\s*(?:[•·▪‣◦●■□➢✓]\s*|[-*–]\s+)")
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_POINT = rf"(?:{MONTH}\s*(?:19|20)\d\d|(?:0?[1-9]|1[0-2])/(?:19|20)\d\d|(?:19|20)\d\d)"
_END = rf"(?:{_POINT}|[Pp]resent|PRESENT|[Cc]urrent|[Nn]ow|[Tt]oday)"
DATE_RANGE = re.compile(rf"(?<![\w/])({_POINT})\s*(?:–|—|-|to|until)\s*({_END})(?![\w/])")
_OPEN_RANGE = re.compile(rf"(?<![\w/]){_POINT}\s*(?:–|—|-|to)\s*$")
_YEAR = re.compile(r"(19|20)\d\d")
# Page furniture that PDF extraction leaves in the text ("1/2", "John Doe – 1/2", a lone "2").
_FOOTER = re.compile(r"^(?:\d{1,2}(?:\s*/\s*\d{1,2})?|.{0,40}[–-]\s*\d{1,2}/\d{1,2})$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’+#.-]*[A-Za-z+#]|[A-Za-z]")


def clean_lines(text: str) -> list[str]:
    """Non-empty, stripped lines, with page footers dropped and split date ranges rejoined."""
    raw = [ln.strip() for ln in text.replace("\r", "\n").split("\n")]
    lines = [ln for ln in raw if ln and not _FOOTER.match(ln)]
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _OPEN_RANGE.search(line) and i + 1 < len(lines) and re.match(_END, lines[i + 1]):
            nxt = lines[i + 1]
            m = re.match(_END, nxt)
            line = f"{line} {nxt[: m.end()]}"
            rest = nxt[m.end():].strip()
            out.append(line)
            if rest:
                out.append(rest)
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def is_bullet(line: str) -> bool:
    return bool(BULLET.match(line))


def strip_bullet(line: str) -> str:
    return BULLET.sub("", line, count=1).strip()


def parse_range(text: str) -> tuple[str, str, int | None, int | None] | None:
    """The first date range in ``text``: (start as written, end as written, start year, end year).

    The end year is ``None`` for an open range ("Present").
    """
    m = DATE_RANGE.search(text)
    if not m:
        return None
    start, end = m.group(1), m.group(2)
    sy = _YEAR.search(start)
    ey = _YEAR.search(end)
    return start, end, int(sy.group(0)) if sy else None, int(ey.group(0)) if ey else None


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def content_stems(text: str) -> set[str]:
    """Stemmed, lower-cased content words (stop words and one-letter words removed)."""
    return {stem(w.lower()) for w in words(text) if len(w) > 1 and w.lower() not in STOPWORDS}


def jaccard(a: str, b: str) -> float:
    """Jaccard index of the content-word sets of ``a`` and ``b`` (0 when either is empty)."""
    sa, sb = content_stems(a), content_stems(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)

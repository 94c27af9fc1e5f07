"""What in an answer is evidence, and how it is quoted: measurable figures and whole clauses.

Pure Python, no model. Used by the feedback writer (the "concrete figures" credit, the quotes of
strengths and weaknesses) and by the interviewer's follow-ups (which number to probe).

**Figures** (:func:`figures`) are measurable results, each a number *with what it measures*:

- a percentage or percentage points ("40%", "12 percent", "3 pp");
- money ("$2M", "€300", "5,000 dollars");
- a multiplier or a halving/doubling ("3x", "4.2×", "tenfold", "halved", "doubled");
- a change "from N … to M" ("from 900 ms to 240 ms");
- a number with a k/M/B suffix or a magnitude word ("1.2M", "40k", "2 million", "three thousand");
- a number (digits or a word from two upwards) counting something: users, orders, tickets,
  services, engineers, tests, incidents … (:data:`COUNT_NOUNS`), or an amount of data or load
  (GB, requests per second);
- a duration (ms … years) *only* when its clause says something changed or was delivered ("saved
  3 hours a week", "cut it to 2 days", "shipped in three weeks"), and never as a time frame
  ("in the first six months", "the first year", "for five years", "10 years of experience").

Never figures: years (2019), versions, bare numbers without a unit, and any number that also
appears in the question (an answer echoing "your first 90 days" measures nothing). Numbers inside
instructions addressed to a grader never reach this function: :func:`.answers.strip_instructions`
removes those sentences first.

**Clauses** (:func:`clause_around`): the quote for a piece of evidence is the whole sentence that
holds it when that sentence has at most :data:`MAX_QUOTE_WORDS` (30) words, else its clause
(split at ``, ; : —`` and "but", "which", "so", "and then"), joined with its neighbours until it
has at least 6 words. Quotes never start mid-clause and never end with a cut-off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Figure", "figures", "clause_around", "sentences", "hedges_in", "MAX_QUOTE_WORDS", "COUNT_NOUNS", "HEDGES"]

MAX_QUOTE_WORDS = 30
#: Words that hedge instead of saying something: what makes a short answer *vague* for the interviewer's
#: follow-up and for the feedback (a short hedged answer is vague, not off-topic).
HEDGES = ("i guess", "maybe", "probably", "sort of", "kind of", "it depends", "not sure", "i suppose",
          "stuff like that", "things like that", "and so on", "etc", "basically", "somehow", "whatever",
          "i don't know", "i dont know", "various things", "some things", "more or less", "perhaps")
_HEDGE_RE = re.compile(r"\b(" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.I)
_NUM_WORD = (r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
             r"sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|dozens?|a dozen|a hundred|a thousand")
_NUM = rf"(?:\d[\d,]*(?:\.\d+)?|(?:{_NUM_WORD}))"
COUNT_NOUNS: tuple[str, ...] = (
    "users", "customers", "clients", "people", "engineers", "developers", "staff", "employees", "members",
    "students", "teams", "orders", "tickets", "bugs", "incidents", "outages", "errors", "alerts", "pages",
    "requests", "queries", "calls", "transactions", "records", "rows", "events", "messages", "jobs", "files",
    "documents", "reports", "features", "releases", "deploys", "deployments", "services", "microservices",
    "servers", "hosts", "nodes", "machines", "instances", "clusters", "databases", "tables", "endpoints", "apis",
    "repositories", "repos", "tests", "test cases", "lines of code", "pull requests", "prs", "commits", "sign-ups",
    "signups", "downloads", "installs", "stores", "countries", "markets", "sites", "regions", "partners",
    "vendors", "accounts", "subscribers", "visitors", "sessions", "devices", "apps", "products", "models",
    "experiments", "dashboards", "pipelines", "workflows", "steps", "points", "stars", "leads", "deals",
    "contracts", "candidates", "hires", "interviews", "courses", "workshops", "patients", "shipments", "items",
)
_UNIT = r"(?:gb|mb|tb|kb|pb|gbps|mbps|rps|qps|tps|req/s|requests per second|k?loc|story points)"
_TIME = r"(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|quarters?|years?)"
# Each noun also in the singular ("one service" is not counted, "two services" is; "1 user" is rare).
_COUNT = r"(?:" + "|".join(re.escape(n[:-1]) + "s?" if n.endswith("s") else re.escape(n)
                          for n in sorted(COUNT_NOUNS, key=len, reverse=True)) + r")"
_FIGURE = re.compile(
    rf"(?P<pct>\b\d+(?:[.,]\d+)?\s*(?:%|percent\b|per cent\b|pp\b|percentage points?\b))"
    rf"|(?P<money>[$€£¥]\s?\d[\d,]*(?:\.\d+)?\s*(?:k|m|bn|million|billion|thousand)?\b"
    rf"|\b\d[\d,]*(?:\.\d+)?\s*(?:dollars|euros|pounds|usd|eur|gbp)\b)"
    rf"|(?P<mult>\b\d+(?:\.\d+)?\s?[x×](?!\w)|\b(?:two|three|four|five|ten|hundred)fold\b|\b(?:doubled|tripled|halved)\b)"
    rf"|(?P<change>\bfrom\s+(?:about\s+|around\s+|over\s+|roughly\s+)?\S*\d\S*(?:\s+[\w/]+){{0,3}}?\s+(?:down\s+|up\s+)?to\s+"
    rf"(?:(?:about\s+|around\s+|under\s+|below\s+)?[$€£]?\d(?:[\w%,]|\.\d)*(?:\s?(?:{_TIME}|{_UNIT})\b)?|zero|none|nothing|nil)(?!\w))"
    rf"|(?P<big>\b\d+(?:[.,]\d+)?\s?(?:k|m|bn|million|billion|thousand)\b(?:\s+\w+)?|\b(?:{_NUM_WORD})\s+(?:million|thousand)\b)"
    rf"|(?P<amount>\b{_NUM}\s+(?:of\s+(?:our|the|my)\s+)?(?:[a-z-]+\s+)?{_COUNT}\b|\b{_NUM}\s*{_UNIT}\b)"
    rf"|(?P<time>\b{_NUM}\s*(?:-\s*)?{_TIME}\b)",
    re.I)
# A duration counts when its clause says something changed or was delivered in it.
_CHANGE = re.compile(r"\b(sav\w*|cut|cuts|reduc\w*|shav\w*|down|drop\w*|fell|fall\w*|faster|quicker|shorter|less|"
                     r"fewer|instead|rather than|improv\w*|sped|speed\w* up|lower\w*|decreas\w*|within|"
                     r"deliver\w*|ship\w*|finish\w*|complet\w*|launch\w*|released?|only|just|under|brought)\b", re.I)
# "in the first six months", "the next year", "for five years", "10 years of experience": time frames.
_FRAME_BEFORE = re.compile(r"\b(first|last|next|past|coming|following|previous|initial|early|later|every|each|"
                           r"for|over|after|before|during|ago)\s+(?:the\s+|my\s+|our\s+)?$", re.I)
_FRAME_AFTER = re.compile(r"^\s*(?:of\s+(?:[\w+#-]+\s+){0,2}(?:experience|work|working|study|studies)|ago|later|"
                          r"before|earlier|old|in the (?:role|job|industry|field))\b", re.I)
_AMOUNT_CONTEXT_NOISE = re.compile(r"\b(?:19|20)\d\d\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])|\n+")
_CLAUSE = re.compile(r"\s*[;:—–]\s+|,\s+|\s+(?=(?:but|which|so that|so|and then|whereas|while)\s)", re.I)
_WORDS_TO_NUM = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
                 "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20",
                 "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "ninety": "90"}


@dataclass(frozen=True, slots=True)
class Figure:
    """One measurable figure: the words as written and where they are in the text."""

    text: str
    start: int
    end: int
    kind: str  # pct, money, mult, change, big, amount, time


def figures(text: str, question: str = "") -> list[Figure]:
    """The measurable figures in ``text`` (see the module docstring), in order, each once."""
    text = text or ""
    echoed = _numbers(question)
    out: list[Figure] = []
    for m in _FIGURE.finditer(text):
        kind = m.lastgroup or ""
        phrase = m.group(0).strip()
        if kind == "time" and not _counts_as_result(text, m.start(), m.end()):
            continue
        if kind in ("amount", "time") and _FRAME_BEFORE.search(text[max(0, m.start() - 25):m.start()]):
            continue
        if _AMOUNT_CONTEXT_NOISE.fullmatch(phrase.split()[0]) and kind != "change":
            continue  # "2019 customers" is a year followed by a word more often than a count
        if _numbers(phrase) & echoed:
            continue
        if phrase.lower() not in {f.text.lower() for f in out}:
            out.append(Figure(phrase, m.start(), m.end(), kind))
    return out


def _counts_as_result(text: str, start: int, end: int) -> bool:
    if _FRAME_BEFORE.search(text[max(0, start - 25):start]) or _FRAME_AFTER.search(text[end:end + 25]):
        return False
    left = max(text.rfind(c, 0, start) for c in ".;!?\n") + 1
    rights = [i for i in (text.find(c, end) for c in ".;!?\n") if i != -1]
    return bool(_CHANGE.search(text[left:min(rights) if rights else len(text)]))


def _numbers(text: str) -> set[str]:
    """The numbers in ``text`` as digit strings (number words converted), for the echo check."""
    found = {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text or "")}
    found |= {_WORDS_TO_NUM[w.lower()] for w in re.findall(r"[A-Za-z]+", text or "") if w.lower() in _WORDS_TO_NUM}
    return found


def hedges_in(text: str) -> tuple[str, ...]:
    """The hedges (:data:`HEDGES`) in ``text``, lower-case, in order, each time one occurs."""
    return tuple(m.group(1).lower() for m in _HEDGE_RE.finditer(text or ""))


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (at . ! ? followed by a capital or digit, and at line breaks)."""
    return [s.strip() for s in _SENTENCE.split(" ".join((text or "").split(" "))) if s.strip()]


def clause_around(text: str, start: int, end: int | None = None) -> str:
    """The whole sentence of ``text`` holding the span ``start:end``, or its clause when the sentence is
    longer than :data:`MAX_QUOTE_WORDS` words (see the module docstring). Whitespace is flattened."""
    end = start if end is None else end
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    while left > 0 and not (left + 1 < len(text) and text[left + 1].isspace()):
        left = max(text.rfind(c, 0, left) for c in ".!?\n")  # a decimal point or "e.g." is not an end
    left += 1
    right = len(text)
    for m in re.finditer(r"[.!?](?=\s|$)|\n", text[end:]):
        right = end + m.end()
        break
    sentence = " ".join(text[left:right].split())
    if len(sentence.split()) <= MAX_QUOTE_WORDS:
        return sentence
    offset = len(" ".join(text[left:start].split()))
    parts, pos = [], 0
    for m in _CLAUSE.finditer(sentence):
        parts.append((pos, sentence[pos:m.start()]))
        pos = m.end()
    parts.append((pos, sentence[pos:]))
    idx = max(i for i, (p, _) in enumerate(parts) if p <= offset + 1)
    lo = hi = idx
    chosen = parts[idx][1]
    while len(chosen.split()) < 6 and (lo > 0 or hi < len(parts) - 1):
        if hi < len(parts) - 1:
            hi += 1
        else:
            lo -= 1
        chosen = sentence[parts[lo][0]:parts[hi][0] + len(parts[hi][1])]
    words = chosen.split()
    if len(words) > MAX_QUOTE_WORDS + 10:  # one very long clause: the words around the evidence
        at = len(sentence[parts[lo][0]:offset].split())
        words = words[max(0, at - 15): at + 15]
    # A clause cut from its sentence does not open with the joining word ("and I proposed…").
    return re.sub(r"^(?:and|but|so|or|then|which)\s+(?=\w)", "", " ".join(words).strip(" ,;:"), flags=re.I)

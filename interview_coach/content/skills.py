"""Find the skills a CV or job description names, using the skills taxonomy.

Rules, in the order they matter:

- **Whole terms.** A term may not continue a longer word or token: "go" in "good", "Java" in
  "JavaScript", "JS" in "Vue.js", "C" in "Objective-C" or "C++" never match. Symbols are part of
  terms, so "C++", "C#", ".NET", "Node.js" and "CI/CD" match as written.
- **Longest term wins** where terms overlap: "ASP.NET Core" rather than ".NET", "React Native"
  rather than "React".
- **Case.** Terms match in any case, except those of skills marked ``case_sensitive`` and the
  skill's ``ambiguous`` terms, which match only as written ("SAS" but not "sas", "Go" not "go").
- **Ambiguous terms** ("Go", "R", "C", "Spring"…) are ordinary words or letters: they count only
  with a technical signal nearby in the same sentence — a list separator next to them ("Go, Python";
  "C/C++"), another skill a few words away, or a word such as "language", "programming", "developer"
  within four words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from .text import normalise_term

if TYPE_CHECKING:  # pragma: no cover
    from .bank import Skill

__all__ = ["SkillMatch", "SkillMatcher", "find_skills"]

# A term may not be preceded by a word character or by ".", "+", "#", "@", "-" (which would make
# it the tail of "Vue.js", "C++", "Objective-C" or an e-mail address), and may not be followed by
# a word character, "+", "#", "@", or a dot that continues a token ("Node" in "Node.js");
# a hyphen may follow ("Python-based").
_LEFT = r"(?<![\w.+#@\-])"
_RIGHT = r"(?![\w+#@])(?!\.[A-Za-z0-9])"
_SEPARATORS = ",/|;•·()[]&"
_SIGNAL_WORDS = frozenset(
    """language languages lang programming programmer programmers developer developers development
    engineer engineers engineering experience experienced proficient proficiency fluent code coding
    written stack backend back-end frontend front-end microservices services skills knowledge
    framework frameworks runtime toolchain compiler scripting script scripts modules packages
    libraries years developed develop build built using""".split()
)
_WINDOW_WORDS = 4
_NEAR_CHARS = 30
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


class SkillMatch(NamedTuple):
    """One mention of a skill: the skill, the text as written, and its span in the input."""

    skill: Skill
    text: str
    start: int
    end: int


def _term_regex(term: str) -> str:
    words = [re.escape(w) for w in re.split(r"[\s\-]+", term.strip()) if w]
    return r"[\s\-]+".join(words)


def _exact_key(term: str) -> str:
    return re.sub(r"[\s\-]+", " ", term.strip())


class SkillMatcher:
    """Matches every skill's name and aliases in one pass over the text. Immutable, thread-safe."""

    def __init__(self, skills: Iterable[Skill]) -> None:
        self._insensitive: dict[str, Skill] = {}
        self._exact: dict[str, Skill] = {}
        self._ambiguous: set[str] = set()
        alternatives: list[tuple[int, str]] = []
        for skill in skills:
            for term in skill.terms:
                if skill.case_sensitive or term in skill.ambiguous:
                    self._exact[_exact_key(term)] = skill
                    if term in skill.ambiguous:
                        self._ambiguous.add(_exact_key(term))
                    alternatives.append((len(term), _term_regex(term)))
                else:
                    self._insensitive[normalise_term(term)] = skill
                    alternatives.append((len(term), f"(?i:{_term_regex(term)})"))
        # Longest first: at any position the regex engine takes the first alternative that fits.
        alternatives.sort(key=lambda a: -a[0])
        body = "|".join(a for _, a in alternatives) or r"(?!x)x"
        self._pattern = re.compile(f"{_LEFT}(?:{body}){_RIGHT}")

    def _lookup(self, matched: str) -> tuple[Skill | None, bool]:
        key = _exact_key(matched)
        exact = self._exact.get(key)
        if exact is not None:
            return exact, key in self._ambiguous
        return self._insensitive.get(normalise_term(matched)), False

    def finditer(self, text: str) -> Iterator[SkillMatch]:
        """Every mention, left to right; ambiguous terms only where a signal confirms them."""
        raw: list[tuple[SkillMatch, bool]] = []
        for m in self._pattern.finditer(text):
            skill, ambiguous = self._lookup(m.group(0))
            if skill is not None:
                raw.append((SkillMatch(skill, m.group(0), m.start(), m.end()), ambiguous))
        confirmed = [match for match, ambiguous in raw if not ambiguous]
        for match, ambiguous in raw:
            if not ambiguous or _has_signal(text, match, confirmed):
                yield match

    def find_skills(self, text: str) -> list[tuple[Skill, str]]:
        """``(skill, matched text)`` for each skill named in ``text``, once, in order of first mention."""
        seen: set[str] = set()
        out: list[tuple[Skill, str]] = []
        for match in self.finditer(text):
            if match.skill.id not in seen:
                seen.add(match.skill.id)
                out.append((match.skill, match.text))
        return out


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence (or line) around ``text[start:end]``: signals must come from it."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    return left, (m.start() if m else len(text))


def _has_signal(text: str, match: SkillMatch, confirmed: list[SkillMatch]) -> bool:
    before = text[: match.start].rstrip(" \t")
    after = text[match.end :].lstrip(" \t")
    if (before and before[-1] in _SEPARATORS) or (after and after[0] in _SEPARATORS):
        # A comma right after a word that opens the text is more often English ("Go, team").
        if before or (after and after[0] != ","):
            return True
    left, right = _sentence_bounds(text, match.start, match.end)
    words_before = re.findall(r"[A-Za-z][A-Za-z\-]*", text[left : match.start])[-_WINDOW_WORDS:]
    words_after = re.findall(r"[A-Za-z][A-Za-z\-]*", text[match.end : right])[:_WINDOW_WORDS]
    if any(w.lower() in _SIGNAL_WORDS for w in words_before + words_after):
        return True
    # Another (unambiguous) skill a few words away in the same sentence: "Go and Rust", "R or Python".
    return any(
        left <= other.start
        and other.end <= right
        and match.start - _NEAR_CHARS <= other.end
        and other.start <= match.end + _NEAR_CHARS
        for other in confirmed
    )


def find_skills(text: str, skills: Iterable[Skill] | None = None) -> list[tuple[Skill, str]]:
    """Skills named in ``text`` (default taxonomy: the bundled ``skills.yaml``), each once, in order."""
    if skills is None:
        from .loader import load_content

        return load_content().find_skills(text)
    return SkillMatcher(skills).find_skills(text)

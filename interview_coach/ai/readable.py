"""Readable text from a JSON reply as it streams in, for showing an LLM's work on the page live.

A structured reply arrives as pieces of JSON (``{"opener": {"text": "Welcome, and th``…). Showing
that raw would be noise; :class:`ReadableJson` turns the pieces into the text of the string *values*
only, one value per line, as soon as each character arrives. Keys, punctuation, numbers and
booleans are dropped. It never raises on malformed JSON: it is a preview, and the final reply is
validated separately before anything is stored.
"""

from __future__ import annotations

__all__ = ["ReadableJson"]

_ESCAPES = {"n": "\n", "t": " ", "r": "", '"': '"', "\\": "\\", "/": "/", "b": "", "f": ""}


class ReadableJson:
    """Feed it pieces of JSON text; get back the readable text each piece adds."""

    def __init__(self) -> None:
        self._in_string = False
        self._is_value = False
        self._escape = False
        self._unicode: str | None = None
        self._last_significant = ""
        self._containers: list[bool] = []  # open containers, innermost last: True for an array

    def feed(self, piece: str) -> str:
        out: list[str] = []
        for ch in piece:
            if self._in_string:
                self._string_char(ch, out)
            elif ch == '"':
                self._in_string = True
                # A string after ':' or inside an array ('[' or ',' in a list) is a value, not a key.
                self._is_value = self._last_significant in (":", "[") or (
                    self._last_significant == "," and self._in_array_context)
            elif not ch.isspace():
                self._last_significant = ch
                if ch == "[":
                    self._containers.append(True)
                elif ch == "{":
                    self._containers.append(False)
                elif ch in "]}" and self._containers:
                    self._containers.pop()
        return "".join(out)

    @property
    def _in_array_context(self) -> bool:
        return bool(self._containers) and self._containers[-1]

    def _string_char(self, ch: str, out: list[str]) -> None:
        if self._unicode is not None:
            self._unicode += ch
            if len(self._unicode) == 4:
                try:
                    if self._is_value:
                        out.append(chr(int(self._unicode, 16)))
                except ValueError:
                    pass
                self._unicode = None
            return
        if self._escape:
            self._escape = False
            if ch == "u":
                self._unicode = ""
            elif self._is_value:
                out.append(_ESCAPES.get(ch, ch))
            return
        if ch == "\\":
            self._escape = True
        elif ch == '"':
            self._in_string = False
            self._last_significant = '"'
            if self._is_value:
                out.append("\n")
        elif self._is_value:
            out.append(ch)

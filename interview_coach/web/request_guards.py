"""Checks every request passes before any view (or authentication) runs, web and API alike.

- A JSON body nested deeper than ``MAX_JSON_DEPTH`` is refused with a 400: Python's JSON parser recurses
  once per level, so 10,000 levels would raise RecursionError (a 500) wherever the body is read.
- A null character (U+0000) in the path, a query parameter, a form field or any string of a JSON body is
  refused (404 in the path, 422 naming the field elsewhere): no text the app stores may contain one
  (PostgreSQL refuses them in text columns, and they only ever come from tools probing for bugs).

Ids in URLs are bounded by ``IdConverter``, which serves every ``<int:…>`` route argument.
"""

from __future__ import annotations

import re

from flask import Flask, request
from werkzeug.exceptions import BadRequest, NotFound
from werkzeug.routing import IntegerConverter

from ..errors import Invalid
from ..models import MAX_INT

MAX_JSON_DEPTH = 32
NUL_MESSAGE = "must not contain a null character (U+0000)."

_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = bytes(range(256)).translate(None, b"[]{}")  # every byte except the four brackets


NO_ID = 0  # no row has it: ids count from 1


class IdConverter(IntegerConverter):
    """``<int:…>`` in every route: a whole number, documented as 0 to MAX_INT. A larger number is no id
    any row can have, so it reaches the view as ``NO_ID`` and the view's lookup answers 404, as for any
    missing id, instead of a query failing to convert it. (Refusing it here instead would make werkzeug
    answer 405 on routes that share the path with another method, naming the wrong problem.)"""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,  # noqa: A002
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits, min=min, max=MAX_INT if max is None else max, signed=signed)

    def to_python(self, value: str) -> int:
        number = int(value)
        return number if number <= (self.max or MAX_INT) else NO_ID


def json_depth(body: bytes) -> int:
    """How deeply the arrays and objects of a JSON text nest (0 for a scalar), counting brackets outside
    strings; for malformed text the figure is only an estimate, which is all a refusal needs."""
    brackets = _STRINGS.sub(b'""', body).translate(None, _BRACKETS)
    if len(brackets) > 4096:  # a long body: let numpy walk it instead of a Python loop
        import numpy as np

        codes = np.frombuffer(brackets, np.uint8)
        steps = ((codes == ord("[")) | (codes == ord("{"))).astype(np.int64) * 2 - 1  # opening +1, closing -1
        return int(np.cumsum(steps).max(initial=0))
    depth = deepest = 0
    for byte in brackets:
        if byte in b"[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:  # enough to refuse; no need to read on
                    return deepest
        else:
            depth -= 1
    return deepest


def nul_fields(value, path: str = "") -> list[str]:
    """The paths (``a.b[2]``) of the strings in a decoded JSON value that contain a null character."""
    if isinstance(value, str):
        return [path or "body"] if "\x00" in value else []
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            found += [name.replace("\x00", "\\u0000")] if "\x00" in str(key) else nul_fields(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += nul_fields(item, f"{path}[{index}]")
    return found


def register_request_guards(app: Flask) -> None:
    """Serve ``<int:…>`` with IdConverter (call before any route is added) and check each request first."""
    app.url_map.converters["int"] = IdConverter

    @app.before_request
    def _guard():
        if "\x00" in request.path:
            raise NotFound()
        if request.is_json:
            body = request.get_data(cache=True)
            if json_depth(body) > MAX_JSON_DEPTH:
                raise BadRequest(f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep.")
            fields = nul_fields(request.get_json(silent=True))
        else:
            fields = [k for k, v in request.form.items(multi=True) if "\x00" in k or "\x00" in v]
        fields += [k for k, v in request.args.items(multi=True) if "\x00" in k or "\x00" in v]
        if fields:
            raise Invalid({name.replace("\x00", "\\u0000"): [NUL_MESSAGE] for name in fields}, code="null_character")

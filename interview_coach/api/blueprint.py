"""The blueprint every API module uses: flask-smorest's, holding requests to what the document says.

flask-smorest documents a JSON body as required but webargs reads a missing body (or one sent under
another content type) as ``{}``, so ``POST /practice/sessions`` with no body at all would start a
session. Here a required JSON body must be there: no body is a 422 (``missing_body``) and a body that
is not JSON a 415.
"""

from __future__ import annotations

import functools

from flask import request
from flask_smorest import Blueprint
from werkzeug.exceptions import UnsupportedMediaType

from ..errors import Invalid


class ApiBlueprint(Blueprint):
    """flask-smorest's Blueprint whose ``arguments(..., location="json")`` insists on the body it documents."""

    def arguments(self, schema, location="json", *, required=True, **kwargs):
        decorator = super().arguments(schema, location=location, required=required, **kwargs)
        if location != "json" or not required:
            return decorator

        def with_body(view):
            parsed = decorator(view)

            @functools.wraps(parsed)
            def wrapper(*args, **kwargs):
                # (A form body may already have been read by the request guards: its length still tells.)
                if not request.content_length and not request.get_data(cache=True).strip():
                    raise Invalid(message="This request needs a JSON body (send {} to leave every field out).",
                                  code="missing_body")
                if not request.is_json:
                    raise UnsupportedMediaType("Send the body as JSON, with Content-Type: application/json.")
                return parsed(*args, **kwargs)

            return wrapper

        return with_body

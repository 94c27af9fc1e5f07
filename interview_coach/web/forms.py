"""Shared form helpers: copy a domain ``Invalid`` onto a WTForms form's fields."""

from __future__ import annotations

from flask_wtf import FlaskForm

from ..errors import Invalid


def apply_errors(form: FlaskForm, exc: Invalid, aliases: dict[str, str] | None = None) -> None:
    """Attach each reason to the matching field (``aliases`` maps service names to field names);
    reasons without a field go to ``form.form_errors``."""
    aliases = aliases or {}
    for name, problems in exc.reasons.items():
        field = getattr(form, aliases.get(name, name), None)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors) + list(problems)
        else:
            form.form_errors.extend(problems)
    if not exc.reasons:
        form.form_errors.append(exc.message)

"""Forms of the practice pages: starting a session, answering, and buttons that only post."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

MAX_ANSWER_CHARS = 20_000  # the service's limit (services.practice.MAX_ANSWER_CHARS), also set as maxlength


class CheckboxListField(SelectMultipleField):
    """Several choices as a list of checkboxes (easier to use by keyboard than a multi-select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StartForm(FlaskForm):
    """Topics to practise; none ticked (or the coach button) lets the coach choose."""

    topics = CheckboxListField("Topics", choices=[], validate_choice=True)

    @classmethod
    def with_topics(cls, topics: list[str], **kwargs) -> "StartForm":
        form = cls(**kwargs)
        form.topics.choices = [(t, t) for t in topics]
        return form


class AnswerForm(FlaskForm):
    """The typed answer to the served question.

    Emptiness is left to the service (it strips whitespace and explains), so the page and the API
    refuse exactly the same answers.
    """

    question_id = HiddenField(validators=[DataRequired("The question is missing: reload the page.")])
    answer = TextAreaField("Your answer", validators=[Length(max=MAX_ANSWER_CHARS)],
                           description="Explain in your own words, as you would to an interviewer. "
                                       "Up to 20,000 characters.",
                           render_kw={"maxlength": MAX_ANSWER_CHARS, "rows": 10, "spellcheck": "true"})


class ActionForm(FlaskForm):
    """Only the CSRF token, for buttons that post (next question, end, retry)."""

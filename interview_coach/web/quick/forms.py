"""Forms of the quick interview pages: the start form and the answer form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ...services.quick_interview import MAX_ANSWER_CHARS


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes (keyboard- and screen-reader-friendly)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StartForm(FlaskForm):
    kind = RadioField("Kind of interview", default="technical",
                      choices=[SelectChoice("technical", "Technical (computer-science questions)"),
                               SelectChoice("behavioural", "Behavioural (tell me about a time when…)")])
    length = RadioField("Number of questions", default="5", choices=[SelectChoice("5", "5 questions"), SelectChoice("10", "10 questions")])
    topics = MultiCheckboxField("Technical topics", description="Leave all unticked for a mix of every topic.")
    competencies = MultiCheckboxField("Behavioural competencies",
                                      description="Leave all unticked for a mix of every competency.")


class AnswerForm(FlaskForm):
    index = HiddenField()
    answer = TextAreaField("Your answer", validators=[
        DataRequired("Write an answer before sending it."),
        Length(max=MAX_ANSWER_CHARS, message=f"Keep the answer under {MAX_ANSWER_CHARS:,} characters."),
    ], render_kw={"rows": 12})


class EmptyForm(FlaskForm):
    """Only the CSRF token, for the delete button."""

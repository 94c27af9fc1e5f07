"""Forms of the mock interview pages: create, documents, answer, and buttons that only post.

Limits mirror the service's (``services.simulator``) so the browser can say them up front; the
service still decides, so the page and the API refuse exactly the same input.
"""

from __future__ import annotations

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length

from ...services.simulator import CV_MAX, JD_MAX, MAX_ANSWER_CHARS

TITLE_MAX = 200  # the seed: job_title non-empty and at most 200 characters


class NewForm(FlaskForm):
    """Job title and company; emptiness is checked by the model so the message is the API's."""

    job_title = StringField("Job title", render_kw={"maxlength": TITLE_MAX, "autocomplete": "off"},
                            description="For example “Senior Backend Engineer”. Up to 200 characters.")
    company_name = StringField("Company", render_kw={"maxlength": TITLE_MAX, "autocomplete": "organization"})


# A hint to the browser's file picker only; the type is decided from the content.
_ACCEPT = (".pdf,.docx,.txt,application/pdf,text/plain,"
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


class DocumentsForm(FlaskForm):
    """The CV (uploaded, pasted, or the profile résumé) and the job description (uploaded or pasted)."""

    cv_file = FileField("Upload your CV (PDF, DOCX or TXT)", render_kw={"accept": _ACCEPT})
    cv_text = TextAreaField("Your CV (paste the text)", validators=[Length(max=CV_MAX)],
                            render_kw={"rows": 12, "maxlength": CV_MAX},
                            description="Leave empty to keep the CV already given.")
    use_profile_resume = BooleanField("Use my profile résumé instead")
    job_description_file = FileField("Upload the job description (PDF, DOCX or TXT)", render_kw={"accept": _ACCEPT})
    job_description_text = TextAreaField("Job description (paste the text)", validators=[Length(max=JD_MAX)],
                                         render_kw={"rows": 12, "maxlength": JD_MAX},
                                         description="50–20,000 characters. Leave empty to keep the one already given.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = f"{current_app.config['RESUME_MAX_BYTES'] / (1024 * 1024):g} MB"
        self.cv_file.description = f"Up to {limit}. We read its text and show it above for you to check."
        self.job_description_file.description = f"Up to {limit}. Or paste the text instead."


class AnswerForm(FlaskForm):
    """The answer to the waiting question; emptiness is the service's call (it strips and explains)."""

    answer = TextAreaField("Your answer", validators=[Length(max=MAX_ANSWER_CHARS)],
                           render_kw={"rows": 8, "maxlength": MAX_ANSWER_CHARS, "spellcheck": "true"},
                           description="Answer as you would aloud: about one to two minutes of speech.")


class EmptyForm(FlaskForm):
    """Only the CSRF token, for the start and delete buttons."""

"""The new-plan form. Limits mirror ``services.study_plans`` so the browser can say them up front; the
service still decides (its messages are the API's), so number fields that do not parse are left to it."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField

from ...services.study_plans import DAYS, GOAL_MAX, MINUTES
from ..practice.forms import CheckboxListField


class WholeNumberField(IntegerField):
    """An integer box whose unparsable input becomes None without an error of its own, so the
    service's range message is the one shown."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None


class PlanForm(FlaskForm):
    """Days, minutes a day, topics (ticked: the user's weakest) and an optional goal."""

    days = WholeNumberField("Days", default=7, render_kw={"min": DAYS[0], "max": DAYS[1]},
                            description=f"How many days the plan covers: {DAYS[0]} to {DAYS[1]}.")
    minutes_per_day = WholeNumberField("Minutes a day", default=45, render_kw={"min": MINUTES[0], "max": MINUTES[1]},
                                       description=f"{MINUTES[0]} to {MINUTES[1]} minutes.")
    topics = CheckboxListField("Topics", choices=[], validate_choice=True)
    goal = TextAreaField("Your goal (optional)", render_kw={"rows": 2, "maxlength": GOAL_MAX},
                         description=f"For example “a backend interview in two weeks”. Up to {GOAL_MAX} characters.")

    @classmethod
    def for_topics(cls, choices: list[tuple[str, str]], ticked: list[str] | None = None, **kwargs) -> "PlanForm":
        """The form with ``choices`` as (topic, label) checkboxes; ``ticked`` pre-ticks them on a fresh form."""
        form = cls(**kwargs) if ticked is None else cls(formdata=None, topics=ticked, **kwargs)
        form.topics.choices = choices
        return form

"""Behavioural (STAR) answers: how they are read, which STAR parts and red flags they show, and their score.

- :mod:`.text`: sections under STAR labels, sentences, clauses and their polarity;
- :mod:`.star`: the STAR parts with the words that show them, and whether there is a story at all;
- :mod:`.red_flags`: the question's red flags the answer shows, raised only from what was said;
- :mod:`.rubric`: the 0–1 score, findings, strengths and improvements (:func:`assess`).
"""

from .rubric import (
    IDEAL_WORDS, NO_STORY_CAP, WEIGHTS, BehaviouralAssessment, BehaviouralPrompt, Finding, advice, assess, gaps, quote,
)
from .star import PartVerdict, StarAnalysis, analyse

__all__ = ["BehaviouralPrompt", "Finding", "BehaviouralAssessment", "assess", "advice", "gaps", "quote", "WEIGHTS", "IDEAL_WORDS",
           "NO_STORY_CAP", "analyse", "StarAnalysis", "PartVerdict"]

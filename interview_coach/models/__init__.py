"""All models, importable from one place; importing this registers every table on the metadata."""

from .auth import LoginThrottle, UserLogin
from .base import MAX_INT, utcnow
from .debugging import DebuggingChallenge, DebuggingSession
from .job import Job
from .practice import (
    AdaptiveInterviewSession,
    InterviewSession,
    MasterySnapshot,
    QuestionHistory,
    StudyActionPlan,
    SubtopicMastery,
    UserMastery,
)
from .simulator import MAX_QUESTIONS, Feedback, Message, SimulatorSession
from .user import ApiToken, User

__all__ = [
    "MAX_INT",
    "AdaptiveInterviewSession",
    "ApiToken",
    "DebuggingChallenge",
    "DebuggingSession",
    "Feedback",
    "InterviewSession",
    "Job",
    "LoginThrottle",
    "MasterySnapshot",
    "MAX_QUESTIONS",
    "Message",
    "QuestionHistory",
    "SimulatorSession",
    "StudyActionPlan",
    "SubtopicMastery",
    "User",
    "UserLogin",
    "UserMastery",
    "utcnow",
]

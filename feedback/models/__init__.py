"""The feedback app's models: feedback with its replies, notes and history (`feedback.py`), and surveys with
their questions, invitations, participations and responses (`surveys.py`). Import them from here."""

from feedback.models.feedback import (
    FEEDBACK_TRANSITIONS,
    Channel,
    Feedback,
    FeedbackEvent,
    FeedbackNote,
    FeedbackReply,
    FeedbackStatus,
    ReplyTemplate,
    Topic,
    new_token,
)
from feedback.models.surveys import (
    CHOICE_KINDS,
    NUMERIC_RANGES,
    TEXT_KINDS,
    Answer,
    Choice,
    Invitation,
    Participation,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyPage,
)

__all__ = [
    "CHOICE_KINDS",
    "FEEDBACK_TRANSITIONS",
    "NUMERIC_RANGES",
    "TEXT_KINDS",
    "Answer",
    "Channel",
    "Choice",
    "Feedback",
    "FeedbackEvent",
    "FeedbackNote",
    "FeedbackReply",
    "FeedbackStatus",
    "Invitation",
    "Participation",
    "Question",
    "QuestionKind",
    "ReplyTemplate",
    "Response",
    "Survey",
    "SurveyPage",
    "Topic",
    "new_token",
]

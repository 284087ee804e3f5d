"""Feedback and surveys in the staff groups: librarians handle feedback and read survey results,
managers also build surveys, publish their results and delete data."""

from django.db import migrations

from library_portal.migration_helpers import grant, revoke

FEEDBACK_MODELS = ["feedback", "feedbackreply", "feedbacknote", "feedbackevent", "replytemplate"]
SURVEY_MODELS = ["survey", "surveypage", "question", "choice", "invitation", "participation", "response", "answer"]


def grant_feedback(apps, schema_editor):
    librarian = [
        *(f"view_{m}" for m in FEEDBACK_MODELS + SURVEY_MODELS),
        "add_feedback",
        "change_feedback",
        "add_feedbacknote",
        "reply_feedback",
        "publish_feedback",
        "view_survey_results",
    ]
    grant(apps, "Librarian", "feedback", librarian)
    manager = [
        f"{action}_{m}" for m in FEEDBACK_MODELS + SURVEY_MODELS for action in ("view", "add", "change", "delete")
    ]
    grant(
        apps,
        "Manager",
        "feedback",
        [*manager, "reply_feedback", "publish_feedback", "view_survey_results", "publish_survey_results"],
    )


def revoke_feedback(apps, schema_editor):
    revoke(apps, ["Librarian", "Manager"], "feedback")


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_feedback_and_surveys"), ("pricing", "0002_staff_groups")]

    operations = [migrations.RunPython(grant_feedback, revoke_feedback)]

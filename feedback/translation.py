from modeltranslation.translator import TranslationOptions, register

from feedback.models import Choice, Feedback, Question, ReplyTemplate, Survey, SurveyPage


@register(Feedback)
class FeedbackTranslation(TranslationOptions):
    # Only the published texts: the author's own message stays in the language it was written in.
    fields = ("public_summary", "public_answer")


@register(ReplyTemplate)
class ReplyTemplateTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "intro", "thanks", "results_summary")


@register(SurveyPage)
class SurveyPageTranslation(TranslationOptions):
    fields = ("title",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("text",)

import datetime as dt

import factory
from django.utils import timezone

from feedback.models import Choice, Feedback, Question, QuestionKind, Survey, SurveyPage


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Apklausa {n}")
    title_en = factory.Sequence(lambda n: f"Survey {n}")
    slug = factory.Sequence(lambda n: f"survey-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))


class SurveyPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyPage

    survey = factory.SubFactory(SurveyFactory)
    order = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Puslapis {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    page = factory.SubFactory(SurveyPageFactory)
    survey = factory.LazyAttribute(lambda question: question.page.survey)
    order = factory.Sequence(int)
    kind = QuestionKind.SCALE_5
    text = factory.Sequence(lambda n: f"Klausimas {n}")
    text_en = factory.Sequence(lambda n: f"Question {n}")


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.SINGLE)
    code = factory.Sequence(lambda n: f"choice-{n}")
    text = factory.Sequence(lambda n: f"Atsakymas {n}")
    order = factory.Sequence(int)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    topic = "services"
    message = "Skaitykloje per šalta."
    name = "Ona Onaitė"
    email = "ona@example.org"
    language = "lt"

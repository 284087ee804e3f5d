"""Feedback and surveys over the API: send feedback, read a survey, answer it."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from feedback.models import Choice, Feedback, Question, Survey, SurveyPage, Topic
from feedback.selectors import survey_structure, survey_with_structure
from feedback.services import feedback_submit
from feedback.surveys import AnswersInvalid, survey_response_record
from feedback.views import site_url
from library_portal.api import MULTILINE, InputSerializer, error_body
from library_portal.clients import client_address
from library_portal.schema import error_responses
from library_portal.throttling import client_key, throttle
from services.api import LANG_PARAMETER
from services.models import Branch


class FeedbackInput(InputSerializer):
    topic = serializers.ChoiceField(choices=Topic.choices)
    branch = serializers.SlugRelatedField(
        slug_field="slug", queryset=Branch.objects.all(), required=False, allow_null=True
    )
    message = serializers.CharField(max_length=5000, style=MULTILINE)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    wants_reply = serializers.BooleanField(required=False, default=False)
    consent = serializers.BooleanField()


class FeedbackOutput(serializers.ModelSerializer):
    track_url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Feedback
        fields = ["id", "topic", "status", "created_at", "track_url"]


class FeedbackCreateApi(APIView):
    """Send feedback (anonymous allowed). Keep `track_url`: it is the author's private link."""

    # Its POST calls library_portal.throttling.throttle: the schema documents the 429.
    throttled_post = True

    @extend_schema(
        parameters=[LANG_PARAMETER],
        request=FeedbackInput,
        responses={201: FeedbackOutput, **error_responses(e429="Too much feedback from this address in a short time.")},
    )
    def post(self, request):
        data = FeedbackInput(data=request.data)
        data.is_valid(raise_exception=True)
        throttle(scope="feedback", key=client_key(request))
        values = data.validated_data
        feedback = feedback_submit(
            **values,
            language=get_language(),
            user=request.user if request.user.is_authenticated else None,
            site_url=site_url(request),
        )
        return ApiResponse(FeedbackOutput(feedback).data, status=status.HTTP_201_CREATED)


class ChoiceOutput(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ["code", "text"]


class ShowIfOutput(serializers.Serializer):
    question = serializers.IntegerField()
    value = serializers.CharField()


class QuestionOutput(serializers.ModelSerializer):
    field = serializers.CharField(source="field_name")
    choices = ChoiceOutput(many=True)
    min = serializers.SerializerMethodField()
    max = serializers.SerializerMethodField()
    show_if = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ["id", "field", "kind", "text", "help_text", "required", "min", "max", "choices", "show_if"]

    def get_min(self, question: Question) -> int | None:
        return question.value_range[0] if question.is_numeric else None

    def get_max(self, question: Question) -> int | None:
        return question.value_range[-1] if question.is_numeric else None

    @extend_schema_field(ShowIfOutput(allow_null=True))
    def get_show_if(self, question: Question) -> dict | None:
        if question.show_if_question_id is None:
            return None
        return {"question": question.show_if_question_id, "value": question.show_if_value}


class PageOutput(serializers.ModelSerializer):
    questions = serializers.SerializerMethodField()

    class Meta:
        model = SurveyPage
        fields = ["id", "title", "questions"]

    @extend_schema_field(QuestionOutput(many=True))
    def get_questions(self, page: SurveyPage) -> list[dict]:
        return QuestionOutput(self.context["structure"].page_questions(page), many=True).data


class SurveyOutput(serializers.ModelSerializer):
    is_open = serializers.SerializerMethodField()
    results_published = serializers.BooleanField()
    pages = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "slug",
            "title",
            "intro",
            "opens_at",
            "closes_at",
            "is_open",
            "anonymity",
            "access",
            "asks_branch",
            "results_published",
            "pages",
        ]

    def get_is_open(self, survey: Survey) -> bool:
        return survey.is_open()

    @extend_schema_field(PageOutput(many=True))
    def get_pages(self, survey: Survey) -> list[dict]:
        structure = self.context["structure"]
        return PageOutput(structure.pages, many=True, context=self.context).data


class SurveyApi(APIView):
    """A survey with its pages, questions, choices and show-if rules, in the language asked for."""

    @extend_schema(parameters=[LANG_PARAMETER], responses=SurveyOutput)
    def get(self, request, slug: str):
        survey = get_object_or_404(Survey, slug=slug)
        structure = survey_structure(survey)
        return ApiResponse(SurveyOutput(survey, context={"structure": structure}).data)


class SurveyResponseInput(InputSerializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Answers by question field (q<id>): a number, a choice code, a list of codes or a text.",
    )
    token = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
    branch = serializers.SlugRelatedField(
        slug_field="slug", queryset=Branch.objects.all(), required=False, allow_null=True
    )


class SurveyResponseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    survey = serializers.CharField()


class SurveyResponseApi(APIView):
    """Answer a survey. Errors list each bad or missing answer under its field (q<id>)."""

    # Its POST calls library_portal.throttling.throttle: the schema documents the 429.
    throttled_post = True

    @extend_schema(
        parameters=[LANG_PARAMETER],
        request=SurveyResponseInput,
        responses={
            201: SurveyResponseOutput,
            **error_responses(
                e403="The survey needs a login or a valid invitation token.",
                e409="The survey is closed, or already answered.",
            ),
        },
    )
    def post(self, request, slug: str):
        structure = survey_with_structure(slug)
        if structure is None:
            raise Http404
        survey = structure.survey
        data = SurveyResponseInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        throttle(scope="survey-response", key=f"{client_key(request)}|{survey.pk}")
        try:
            response = survey_response_record(
                survey=survey,
                answers=values["answers"],
                language=get_language(),
                user=request.user,
                token=values["token"],
                branch=values.get("branch"),
                ip=client_address(request),
                questions=structure.questions,
            )
        except AnswersInvalid as error:
            fields = {name: [message] for name, message in error.errors.items()}
            return ApiResponse(
                error_body(status_code=400, code=error.code, message=str(error.message), fields=fields), status=400
            )
        return ApiResponse({"id": response.pk, "survey": survey.slug}, status=status.HTTP_201_CREATED)

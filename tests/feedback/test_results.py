"""NPS, CSAT, counts and distributions are computed in the database, with a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.models import Answer, Participation, Response, Survey
from feedback.selectors import Filters, numeric_stats, survey_results
from feedback.surveys import survey_participation_delete, survey_response_record
from tests.factories import BranchFactory
from tests.feedback.conftest import answers, build_survey


def record(cast, **values):
    return survey_response_record(survey=cast.survey, answers=answers(cast, **values), language="lt")


def result_of(cast, question, **kwargs):
    results = survey_results(cast.survey, **kwargs)
    return next(r for r in results["questions"] if r.question.pk == question.pk)


def test_nps_is_percent_promoters_minus_percent_detractors(cast):
    # 3 promoters (9, 10, 10), 2 passives (7, 8), 5 detractors (0, 3, 5, 6, 6): 30 % - 50 % = -20.
    for value in [9, 10, 10, 7, 8, 0, 3, 5, 6, 6]:
        record(cast, scale=3, help="no", nps=value)
    result = result_of(cast, cast.nps)
    assert result.nps == -20.0
    assert result.answered == 10
    assert result.mean == pytest.approx(6.4)
    assert [row["count"] for row in result.distribution] == [1, 0, 0, 1, 0, 1, 2, 1, 1, 1, 2]


def test_nps_of_only_passives_is_zero_and_of_no_answers_is_empty(cast):
    assert result_of(cast, cast.nps).nps is None
    assert result_of(cast, cast.nps).answered == 0
    for value in [7, 8, 8, 7]:
        record(cast, scale=3, help="no", nps=value)
    assert result_of(cast, cast.nps).nps == 0.0


def test_csat_is_the_share_of_four_and_five(cast):
    for value in [5, 4, 4, 3, 1, 2, 5, 3]:
        record(cast, scale=value, help="no")
    result = result_of(cast, cast.scale)
    assert result.csat == 50.0
    assert result.mean == pytest.approx(3.38, abs=0.01)
    assert [row["percent"] for row in result.distribution] == [12.5, 12.5, 25.0, 25.0, 25.0]


def test_csat_of_only_neutral_answers_is_zero_and_of_none_is_empty(cast):
    assert result_of(cast, cast.scale).csat is None
    for _n in range(3):
        record(cast, scale=3, help="no")
    assert result_of(cast, cast.scale).csat == 0.0


def test_numeric_stats_come_from_one_aggregate_query(cast, django_assert_num_queries):
    for value in [1, 5, 5]:
        record(cast, scale=value, help="no", nps=10)
    with django_assert_num_queries(1):
        stats = numeric_stats(Answer.objects.filter(response__survey=cast.survey))
    assert stats[cast.scale.pk]["n"] == 3
    assert stats[cast.nps.pk]["nps"] == 100.0


def test_multiple_choice_counts_each_choice_against_the_people_who_answered(cast):
    record(cast, scale=4, help="no", services=["books", "events"])
    record(cast, scale=4, help="no", services=["books"])
    record(cast, scale=4, help="no")
    result = result_of(cast, cast.services)
    assert result.answered == 2
    assert [(row["label"], row["count"], row["percent"]) for row in result.distribution] == [
        ("Knygos", 2, 100.0),
        ("Renginiai", 1, 50.0),
    ]


def test_free_text_is_listed_for_staff_but_never_published(cast):
    record(cast, scale=4, help="yes", details="Padėjo rasti knygą")
    assert result_of(cast, cast.details).texts == ["Padėjo rasti knygą"]
    cast.survey.min_group_size = 1
    assert result_of(cast, cast.details, public=True).texts == []


def test_results_filter_by_branch_and_period(cast):
    branch = BranchFactory()
    response = survey_response_record(
        survey=cast.survey, answers=answers(cast, scale=5, help="no"), language="lt", branch=branch
    )
    record(cast, scale=1, help="no")
    assert result_of(cast, cast.scale, filters=Filters(branch_id=branch.pk)).mean == 5.0
    later = response.submitted_on.replace(year=response.submitted_on.year + 1)
    assert survey_results(cast.survey, Filters(date_from=later))["total"] == 0


def test_published_results_hide_groups_smaller_than_the_minimum(cast):
    cast.survey.min_group_size = 3
    branch = BranchFactory(name="Rusnės filialas")
    record(cast, scale=4, help="no", nps=9)
    record(cast, scale=4, help="no", nps=10)
    record(cast, scale=5, help="no")
    survey_response_record(survey=cast.survey, answers=answers(cast, scale=2, help="no"), language="lt", branch=branch)
    public = survey_results(cast.survey, public=True)
    by_question = {r.question.pk: r for r in public["questions"]}
    assert not by_question[cast.scale.pk].hidden  # 4 answers
    assert by_question[cast.nps.pk].hidden  # 2 answers
    assert by_question[cast.nps.pk].nps is None
    rows = {row["branch"]: row for row in by_question[cast.scale.pk].branches}
    assert rows["Rusnės filialas"]["hidden"] and rows["Rusnės filialas"]["mean"] is None
    assert not rows[None]["hidden"] and rows[None]["mean"] == pytest.approx(4.33, abs=0.01)
    staff = {r.question.pk: r for r in survey_results(cast.survey)["questions"]}
    assert staff[cast.nps.pk].nps == 100.0


def test_the_results_page_makes_the_same_queries_for_10_and_40_responses(
    client, manager, django_assert_max_num_queries
):
    small, large = build_survey(), build_survey()
    for cast, count in ((small, 10), (large, 40)):
        for n in range(count):
            survey_response_record(
                survey=cast.survey,
                answers=answers(cast, scale=1 + n % 5, help="yes", details=f"tekstas {n}", nps=n % 11),
                language="lt",
            )
    client.force_login(manager)
    client.get("/lt/")  # reads the portal's library into the shared cache, as the first report would
    counts = []
    for cast in (small, large):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("feedback:report", args=[cast.survey.slug]) + "?branch=")
        assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Response.objects.filter(survey=large.survey).count() == 40
    with django_assert_max_num_queries(counts[0]):
        client.get(reverse("feedback:report", args=[large.survey.slug]) + "?date_from=2020-01-01")


def test_branch_names_in_the_results_are_in_the_readers_language(cast):
    from django.utils import translation

    branch = BranchFactory(name_lt="Rusnės filialas", name_en="Rusnė branch", name_bg="Филиал Руснe", name_fi="")
    for value in (4, 5):
        survey_response_record(
            survey=cast.survey, answers=answers(cast, scale=value, help="no"), language="lt", branch=branch
        )
    names = {}
    for lang in ("lt", "en", "bg", "fi"):
        with translation.override(lang):
            scale = result_of(cast, cast.scale)
            names[lang] = [row["branch"] for row in scale.branches if row["branch"]]
    # Finnish has no name of its own: the Lithuanian one, as modeltranslation falls back everywhere else.
    assert names == {
        "lt": ["Rusnės filialas"],
        "en": ["Rusnė branch"],
        "bg": ["Филиал Руснe"],
        "fi": ["Rusnės filialas"],
    }


def test_a_new_response_shows_in_the_results_at_once_and_cached_results_need_no_query(cast, django_assert_num_queries):
    other = build_survey()
    record(cast, scale=3, help="no")
    record(other, scale=3, help="no")
    assert survey_results(cast.survey)["total"] == 1
    assert survey_results(other.survey)["total"] == 1
    with django_assert_num_queries(0):  # no count or fingerprint of the responses: the cached results as they are
        assert survey_results(cast.survey)["total"] == 1
    record(cast, scale=4, help="no")
    assert survey_results(cast.survey)["total"] == 2
    with django_assert_num_queries(0):  # the other survey's results stay cached
        assert survey_results(other.survey)["total"] == 1


def test_an_identified_response_deleted_by_its_patron_leaves_the_results_at_once(patron):
    identified = build_survey(anonymity=Survey.Anonymity.IDENTIFIED)
    survey_response_record(
        survey=identified.survey, answers=answers(identified, scale=3, help="no"), language="lt", user=patron
    )
    assert survey_results(identified.survey)["total"] == 1
    survey_participation_delete(participation=Participation.objects.get(user=patron), user=patron)
    assert survey_results(identified.survey)["total"] == 0

"""Exports: one row per response, one column per question; an anonymous survey's export has no personal data."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from feedback.models import Survey
from feedback.surveys import survey_response_record
from tests.feedback.conftest import answers, build_survey


def test_the_csv_of_an_anonymous_survey_has_no_personal_columns(client, manager, cast):
    survey_response_record(
        survey=cast.survey,
        answers=answers(cast, scale=4, help="yes", details="Padėjo", services=["books", "events"]),
        language="lt",
        ip="10.0.0.1",
    )
    client.force_login(manager)
    page = client.get("/en" + reverse("feedback:export_csv", args=[cast.survey.slug])[3:])
    rows = list(csv.reader(io.StringIO(page.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Response", "Date", "Branch", "Language"]
    assert "E-mail address" not in rows[0] and "IP address" not in rows[0]
    assert rows[0][4:] == [
        f"{q.pk}. {q.text_en}" for q in (cast.scale, cast.help, cast.details, cast.nps, cast.services)
    ]
    assert rows[1][4:] == ["4", "yes", "Padėjo", "", "books; events"]
    assert "10.0.0.1" not in page.content.decode()


def test_the_xlsx_of_an_identified_survey_adds_the_patron(client, manager, patron):
    cast = build_survey(anonymity=Survey.Anonymity.IDENTIFIED)
    survey_response_record(
        survey=cast.survey, answers=answers(cast, scale=2, help="no", nps=10), language="lt", user=patron
    )
    client.force_login(manager)
    page = client.get("/en" + reverse("feedback:export_xlsx", args=[cast.survey.slug])[3:])
    assert page["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(page.content)).active
    header, row = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header[4:7] == ["E-mail address", "Submitted at", "IP address"]
    assert row[4] == "patron@example.org"
    assert row[7:] == ["2", "no", None, "10", None]

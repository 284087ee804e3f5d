"""Exports of a survey's responses as CSV and XLSX: one row per response, one column per question.

An anonymous survey's export has no personal data: no account, no IP address, no time of day
(the database does not hold them either). An identified survey adds the patron's e-mail address,
the exact time and the IP address.
"""

import io
from collections.abc import Iterator

from django.utils.translation import gettext as _
from openpyxl import Workbook

from feedback.models import Answer, Survey
from feedback.selectors import Filters, filtered_responses, survey_structure
from library_portal.exports import spreadsheet_row


def export_header(survey: Survey) -> list[str]:
    structure = survey_structure(survey)
    personal = [] if survey.is_anonymous else [_("E-mail address"), _("Submitted at"), _("IP address")]
    return [
        _("Response"),
        _("Date"),
        _("Branch"),
        _("Language"),
        *personal,
        *(f"{question.pk}. {question.text}" for question in structure.questions),
    ]


def survey_export_rows(survey: Survey, filters: Filters | None = None) -> Iterator[list]:
    """The header, then each response's row; answers are read in one ordered pass (a server-side cursor, or
    the whole result at once behind a transaction-mode pooler: DISABLE_SERVER_SIDE_CURSORS).

    Every cell is safe to open in a spreadsheet (`spreadsheet_row`): the CSV and the XLSX both write these rows.
    """
    structure = survey_structure(survey)
    columns = {question.pk: index for index, question in enumerate(structure.questions)}
    yield spreadsheet_row(export_header(survey))
    responses = filtered_responses(survey, filters or Filters()).select_related("branch", "user").order_by("pk")
    answers = (
        Answer.objects.filter(response__in=responses.values("pk"))
        .order_by("response_id", "question_id", "pk")
        .values_list("response_id", "question_id", "value", "choice__code", "text")
        .iterator(chunk_size=5000)
    )
    pending = next(answers, None)
    for response in responses.iterator(chunk_size=2000):
        cells: list[list[str]] = [[] for _question in structure.questions]
        while pending is not None and pending[0] == response.pk:
            _response_id, question_id, value, code, text = pending
            if question_id in columns:
                cells[columns[question_id]].append(str(value) if value is not None else code or text)
            pending = next(answers, None)
        personal = (
            []
            if survey.is_anonymous
            else [
                response.user.email if response.user else "",
                response.submitted_at.isoformat() if response.submitted_at else "",
                response.ip_address or "",
            ]
        )
        yield spreadsheet_row(
            [
                response.pk,
                # ISO dates (here and above) are for the spreadsheet, which reads them in any language.
                response.submitted_on.isoformat(),
                response.branch.name if response.branch else "",
                response.language,
                *personal,
                *("; ".join(values) for values in cells),
            ]
        )


def survey_xlsx(survey: Survey, filters: Filters | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Responses")[:31])
    for row in survey_export_rows(survey, filters):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

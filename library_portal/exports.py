"""Cells of every CSV and XLSX export, made safe to open in a spreadsheet program (formula injection).

Patrons write survey answers, request titles and names; staff open the exports in Excel or
LibreOffice. A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return can be taken
for a formula there (`=HYPERLINK(...)` sending data away, or worse), so, as OWASP recommends, such a
text is written with a leading apostrophe: the program then shows it as text. Numbers and dates are
not text and stay as they are. Every export passes its rows through `spreadsheet_row`.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """`value`, or the text with an apostrophe in front when a spreadsheet could read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    return [spreadsheet_cell(value) for value in values]


def statistics_download(
    request: HttpRequest, report: Any, *, name: str, csv: Callable[[Any], bytes], xlsx: Callable[[Any], bytes]
) -> HttpResponse | None:
    """The report as the file `?export=csv|xlsx` asks for (`name`-YYYYMMDD-YYYYMMDD.csv/.xlsx, the report's
    period), or None when the page itself is asked for. The e-service and the room statistics download alike."""
    export = request.GET.get("export")
    if export not in {"csv", "xlsx"}:
        return None
    if export == "csv":
        response = HttpResponse(csv(report), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{report.date_from:%Y%m%d}-{report.date_to:%Y%m%d}.{export}"'
    )
    return response

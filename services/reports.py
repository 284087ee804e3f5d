"""The e-service statistics as a partner asks for them: CSV and XLSX exports, and bar charts drawn
as SVG by the portal itself (no chart library, no CDN, no inline style)."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from library_portal.exports import spreadsheet_row
from services.selectors import StatRow, StatsReport

CHART_WIDTH = 320  # px of the longest bar
METRICS = ["consultations", "people", "minutes", "registrations", "attended"]


def _titles() -> dict[str, str]:
    return {
        "month": _("Month"),
        "branch": _("Branch"),
        "eservice": _("E-service"),
        "partner": _("Partner"),
        "consultations": _("Consultations"),
        "people": _("People consulted"),
        "minutes": _("Minutes"),
        "registrations": _("Event registrations"),
        "attended": _("Attended"),
    }


def _table(report: StatsReport) -> list[list]:
    """Every section one after another, each with its own heading row, then the totals."""
    titles = _titles()
    # ISO dates: a spreadsheet reads them as dates whatever its own language (the page shows DATE_FORMAT).
    rows: list[list] = [[_("E-service statistics"), f"{report.date_from:%Y-%m-%d} – {report.date_to:%Y-%m-%d}"]]
    for section, section_rows in report.sections():
        rows.append([])
        rows.append([titles[section], *(titles[m] for m in METRICS)])
        rows.extend([row.label, *(getattr(row, m) for m in METRICS)] for row in section_rows)
    rows.append([])
    rows.append([report.total.label, *(getattr(report.total, m) for m in METRICS)])
    return rows


def statistics_csv(report: StatsReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _table(report):
        writer.writerow(spreadsheet_row(row))
    return buffer.getvalue()


def statistics_xlsx(report: StatsReport) -> bytes:
    """One sheet per section (month, branch, e-service, partner), each with a total row."""
    titles = _titles()
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for section, section_rows in report.sections():
        sheet = workbook.create_sheet(title=titles[section][:31])
        sheet.append([titles[section], *(titles[m] for m in METRICS)])
        for cell in sheet[1]:
            cell.font = bold
        for row in section_rows:
            sheet.append(spreadsheet_row([row.label, *(getattr(row, m) for m in METRICS)]))
        sheet.append(spreadsheet_row([report.total.label, *(getattr(report.total, m) for m in METRICS)]))
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: int
    y: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int


def _chart(title: str, rows: list[StatRow], metric: str) -> Chart:
    biggest = max((getattr(r, metric) for r in rows), default=0) or 1
    bars = [
        Bar(label=r.label, value=getattr(r, metric), width=round(getattr(r, metric) * CHART_WIDTH / biggest), y=i * 28)
        for i, r in enumerate(rows)
    ]
    return Chart(title=title, bars=bars, height=max(len(bars) * 28, 28))


def report_charts(report: StatsReport) -> list[Chart]:
    return [
        _chart(_("People consulted per month"), report.by_month, "people"),
        _chart(_("Event registrations per month"), report.by_month, "registrations"),
        _chart(_("People consulted per branch"), report.by_branch, "people"),
        _chart(_("People consulted per e-service"), report.by_eservice, "people"),
    ]

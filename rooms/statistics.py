"""Room statistics for managers, per month and branch: bookings, hours booked, the library's own use, the share of
the rooms' staffed opening hours they fill, revenue and no-shows; with bar charts (SVG drawn by the portal, as the
e-service statistics do) and CSV / XLSX exports.

What counts:
- a booking counts in the month and branch of its start (the library's zone), once it was approved: approved,
  completed and no-show bookings; requests, declined and cancelled ones held nothing in the end;
- hours booked are the public times (never the buffers); the library's own use (its internal bookings and events
  holding a room) is counted apart; blackouts count nowhere;
- the opening hours are the branch's staffed hours of each date of the period (holidays and closures left out),
  times the number of its rooms: the hours its rooms could be booked. The share is hours booked plus own use over
  them, so staff bookings outside the hours can take it past 100 %;
- revenue is what is due for approved and completed bookings: the price set by staff where there is one, else the
  quoted total. No-shows are counted, not charged.
"""

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, DurationField, F, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from library_portal.exports import spreadsheet_row
from library_portal.money import format_money, format_number
from pricing.calculation import to_cents
from rooms.models import Booking, Kind, Room, Status
from rooms.selectors import local_span, zone
from services.models import Branch, HoursKind, OpeningException, OpeningHours
from services.opening import intervals_on

BOOKED = (Status.APPROVED, Status.COMPLETED, Status.NO_SHOW)
CHARGED = (Status.APPROVED, Status.COMPLETED)
OWN_USE = (Kind.INTERNAL, Kind.EVENT)
HOUR = Decimal(3600)
CHART_WIDTH = 320  # px of the longest bar, as on the e-service statistics


@dataclass
class RoomStatRow:
    label: str
    bookings: int = 0
    hours: Decimal = Decimal("0")  # booked by customers
    own_hours: Decimal = Decimal("0")  # the library's own use
    opening_hours: Decimal = Decimal("0")  # room-hours the rooms were staffed
    revenue: Decimal = Decimal("0")
    no_shows: int = 0

    @property
    def share(self) -> Decimal | None:
        """Per cent of the opening room-hours booked (customers and own use); None without opening hours."""
        if not self.opening_hours:
            return None
        return ((self.hours + self.own_hours) * 100 / self.opening_hours).quantize(Decimal("0.1"))

    def add(self, other: "RoomStatRow") -> None:
        for name in ("bookings", "hours", "own_hours", "opening_hours", "revenue", "no_shows"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class RoomStatsReport:
    date_from: dt.date
    date_to: dt.date
    rows: list[tuple[str, str, RoomStatRow]]  # (month "2026-03", branch name, row), by month then branch
    by_month: list[RoomStatRow] = field(default_factory=list)
    by_branch: list[RoomStatRow] = field(default_factory=list)
    total: RoomStatRow = field(default_factory=lambda: RoomStatRow(label=""))


def _months(first: dt.date, last: dt.date) -> list[str]:
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(f"{day:%Y-%m}")
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def _opening_room_hours(branches: list[Branch], rooms: dict[int, int], first: dt.date, last: dt.date) -> dict:
    """{(month, branch id): staffed hours × rooms} over the period; two queries for all branches."""
    tz = zone()
    weekly, exceptions = defaultdict(list), defaultdict(list)
    ids = [branch.pk for branch in branches]
    for row in OpeningHours.objects.filter(branch_id__in=ids, kind=HoursKind.STAFFED):
        weekly[row.branch_id].append(row)
    for row in OpeningException.objects.filter(branch_id__in=ids, date__range=(first, last)):
        exceptions[row.branch_id].append(row)
    hours: dict = defaultdict(Decimal)
    for branch_id in ids:
        day = first
        while day <= last:
            intervals, _reason = intervals_on(day, HoursKind.STAFFED, weekly[branch_id], exceptions[branch_id])
            spans = [local_span(day, interval, tz) for interval in intervals]
            seconds = sum((closes - opens).total_seconds() for opens, closes in spans)
            hours[(f"{day:%Y-%m}", branch_id)] += Decimal(int(seconds)) / HOUR * rooms.get(branch_id, 0)
            day += dt.timedelta(days=1)
    return hours


def room_statistics(*, date_from: dt.date, date_to: dt.date, branch: Branch | None = None) -> RoomStatsReport:
    """Bookings, hours booked, own use, opening room-hours, share, revenue and no-shows from `date_from` to
    `date_to` inclusive, per month and branch (only branches with rooms), with the sums per month, per branch and in
    all. Five queries whatever the amount of data."""
    tz = zone()
    start = dt.datetime.combine(date_from, dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    bookings = Booking.objects.filter(start__gte=start, start__lt=end, status__in=BOOKED)
    rooms_qs = Room.objects.all()
    if branch is not None:
        bookings = bookings.filter(room__branch=branch)
        rooms_qs = rooms_qs.filter(branch=branch)
    # order_by(): the rooms' ordering (modeltranslation makes it explicit) would otherwise split the groups.
    rooms = dict(rooms_qs.order_by().values("branch").annotate(n=Count("id")).values_list("branch", "n"))
    branches = list(Branch.objects.filter(pk__in=rooms).order_by("order", "name"))
    duration = F("end") - F("start")
    customers = Q(kind=Kind.BOOKING)
    sums = (
        bookings.order_by()
        .annotate(month=TruncMonth("start", tzinfo=tz))
        .values("month", "room__branch")
        .annotate(
            bookings=Count("id", filter=customers),
            hours=Sum(duration, filter=customers, output_field=DurationField()),
            own_hours=Sum(duration, filter=Q(kind__in=OWN_USE), output_field=DurationField()),
            revenue=Sum(
                Coalesce("price_override", "total"),
                filter=customers & Q(status__in=CHARGED),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            ),
            no_shows=Count("id", filter=customers & Q(status=Status.NO_SHOW)),
        )
    )
    found = {(f"{row['month']:%Y-%m}", row["room__branch"]): row for row in sums}
    opening = _opening_room_hours(branches, rooms, date_from, date_to)
    report = RoomStatsReport(date_from=date_from, date_to=date_to, rows=[], total=RoomStatRow(label=_("Total")))
    months = {month: RoomStatRow(label=month) for month in _months(date_from, date_to)}
    per_branch = {b.pk: RoomStatRow(label=str(b.name)) for b in branches}
    for month, month_row in months.items():
        for item in branches:
            data = found.get((month, item.pk), {})
            row = RoomStatRow(
                label=str(item.name),
                bookings=data.get("bookings") or 0,
                hours=_hours(data.get("hours")),
                own_hours=_hours(data.get("own_hours")),
                opening_hours=opening.get((month, item.pk), Decimal("0")).quantize(Decimal("0.01")),
                revenue=to_cents(data.get("revenue") or Decimal("0")),
                no_shows=data.get("no_shows") or 0,
            )
            report.rows.append((month, str(item.name), row))
            month_row.add(row)
            per_branch[item.pk].add(row)
            report.total.add(row)
    report.by_month = list(months.values())
    report.by_branch = list(per_branch.values())
    return report


def _hours(value: dt.timedelta | None) -> Decimal:
    if not value:
        return Decimal("0")
    return (Decimal(int(value.total_seconds())) / HOUR).quantize(Decimal("0.01"))


# Exports ------------------------------------------------------------------------------------------


def metric_headings() -> list[str]:
    """The headings of the numbers of a row, in the active language: the page's tables and the exports share them."""
    return [
        _("Bookings"),
        _("Hours booked"),
        _("Library's own use (h)"),
        _("Opening hours of the rooms"),
        _("Share booked (%)"),
        _("Revenue (€)"),
        _("No-shows"),
    ]


def _headings() -> list[str]:
    return [_("Month"), _("Branch"), *metric_headings()]


def _values(row: RoomStatRow) -> list:
    return [row.bookings, row.hours, row.own_hours, row.opening_hours, row.share, row.revenue, row.no_shows]


def _table(report: RoomStatsReport) -> list[list]:
    """The rows per month and branch, then the months, the branches and the total, each under its heading."""
    # ISO dates: a spreadsheet reads them as dates whatever its own language.
    rows: list[list] = [[_("Room statistics"), f"{report.date_from:%Y-%m-%d} – {report.date_to:%Y-%m-%d}"], []]
    rows.append(_headings())
    rows.extend([month, branch, *_values(row)] for month, branch, row in report.rows)
    rows.append([])
    rows.extend([row.label, "", *_values(row)] for row in report.by_month)
    rows.append([])
    rows.extend(["", row.label, *_values(row)] for row in report.by_branch)
    rows.append([])
    rows.append([report.total.label, "", *_values(report.total)])
    return rows


def room_statistics_csv(report: RoomStatsReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _table(report):
        writer.writerow(spreadsheet_row("" if value is None else value for value in row))
    return buffer.getvalue()


def room_statistics_xlsx(report: RoomStatsReport) -> bytes:
    """One sheet: the table of the CSV, its headings in bold."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Room statistics")[:31]
    bold = Font(bold=True)
    for row in _table(report):
        sheet.append(spreadsheet_row(float(v) if isinstance(v, Decimal) else v for v in row))
    for cell in sheet[3]:
        cell.font = bold
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 36
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Charts -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: str  # as shown beside the bar, in the reader's language
    width: int
    y: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int


def _chart(title: str, rows: list[RoomStatRow], value, text) -> Chart:
    biggest = max((value(r) for r in rows), default=0) or 1
    bars = [
        Bar(label=r.label, value=text(r), width=round(value(r) * CHART_WIDTH / biggest), y=i * 28)
        for i, r in enumerate(rows)
    ]
    return Chart(title=title, bars=bars, height=max(len(bars) * 28, 28))


def room_charts(report: RoomStatsReport) -> list[Chart]:
    return [
        _chart(
            _("Hours booked per month"),
            report.by_month,
            lambda r: r.hours + r.own_hours,
            lambda r: format_number(r.hours + r.own_hours, decimal_pos=1),
        ),
        _chart(_("Revenue per month"), report.by_month, lambda r: r.revenue, lambda r: format_money(r.revenue)),
        _chart(
            _("Share of opening hours booked, per branch"),
            report.by_branch,
            lambda r: r.share or 0,
            lambda r: "—" if r.share is None else f"{format_number(r.share, decimal_pos=1)} %",
        ),
    ]

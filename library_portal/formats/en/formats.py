# The library writes English the British way, one style throughout: "8 December 2026", 24-hour time
# ("10:00") as on the other language versions and on the library's signs. Django's "en" is American
# ("Dec. 8, 2026, 10 a.m."), which mixed with the British dates written in texts.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday, as in the rest of the portal
# ISO first: the date pickers (input type=date) send it; then the British day/month order.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

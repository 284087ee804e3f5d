# Bulgarian writes "8 декември 2026 г.": the month in lower case and the year followed by "г." (година).
# Django's Bulgarian catalogue capitalises month names ("Декември") and its DATETIME_FORMAT is the American
# one ("Дек. 8, 2026, 10 преди обяд"); the lower-case names come from the portal's catalogue for Django's own
# strings (library_portal/django_locale/bg: the "alt. month" names, shown by `E`).
DATE_FORMAT = r"j E Y \г."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j E Y \г., H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = r"E Y \г."
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"
# Django's Bulgarian module does not group at all (0): "1 234,50 €" is the Bulgarian custom.
NUMBER_GROUPING = 3

# Lithuanian dates as the State Language Commission writes them: "2026 m. gruodžio 8 d." (the month in the
# genitive, `E`), 24-hour time. Django's catalogue has these already; they are spelled out here so that the
# four languages can be read side by side.
DATE_FORMAT = r"Y \m. E j \d."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"Y \m. E j \d., H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
MONTH_DAY_FORMAT = r"E j \d."
YEAR_MONTH_FORMAT = r"Y \m. F"
DECIMAL_SEPARATOR = ","
# Lithuanian groups thousands with a (non-breaking) space, as the State Language Commission
# recommends and CLDR records; Django's own catalogue uses a dot.
THOUSAND_SEPARATOR = "\u00a0"
NUMBER_GROUPING = 3

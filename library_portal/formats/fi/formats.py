# Finnish dates in figures, "8.12.2026 klo 10.00", as Finnish libraries and authorities write them in
# running text; Django's long form ("8. joulukuuta 2026 kello 10.00") is kept for no date here, so that
# every page reads the same.
DATE_FORMAT = "j.n.Y"
TIME_FORMAT = "G.i"
DATETIME_FORMAT = r"j.n.Y \k\l\o G.i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
MONTH_DAY_FORMAT = "j.n."
YEAR_MONTH_FORMAT = "F Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"
NUMBER_GROUPING = 3

# Lithuanian groups thousands with a (non-breaking) space, as the State Language Commission
# recommends and CLDR records; Django's own catalogue uses a dot. Other formats come from Django.
THOUSAND_SEPARATOR = "\u00a0"

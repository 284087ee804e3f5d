"""Private links stay out of the logs: a logging filter that hides the secret part of their addresses.

A feedback author's tracking link, an event registration's confirmation and cancel links, a room booking's
cancel link, a survey invitation
(`?token=`), the e-mail confirmation and the password-reset links each carry a secret that is the
whole of the holder's authority. Whoever reads an access log could otherwise follow them. The filter
rewrites every string a log record carries (its message and its arguments: gunicorn passes the
request line, path, query and referer as a dict, Django's `django.server` as a tuple), so the same
filter serves the settings' LOGGING and gunicorn.conf.py.

This module imports nothing from Django: gunicorn's master process loads it before Django is set up.
"""

import logging
import re

HIDDEN = "[hidden]"
# The secret part of each private link, as it appears in a path, a full URL (a referer) or a query string.
_SEGMENT = r"[^/?#&\s\"']+"
PRIVATE_LINKS = [
    re.compile(rf"(/feedback/track/){_SEGMENT}"),
    re.compile(rf"(/events/confirm/){_SEGMENT}"),  # whoever holds it confirms a held place
    re.compile(rf"(/events/cancel/){_SEGMENT}"),
    re.compile(rf"(/rooms/cancel/){_SEGMENT}"),  # whoever holds it cancels a room booking
    re.compile(rf"(/account/verify/){_SEGMENT}"),
    re.compile(rf"(/account/reset/{_SEGMENT}/){_SEGMENT}"),  # the account's number stays, its token goes
    re.compile(r"([?&](?:amp;)?token=)[^&#\s\"']+", re.IGNORECASE),
]


def hide_private_links(text: str) -> str:
    for pattern in PRIVATE_LINKS:
        text = pattern.sub(rf"\g<1>{HIDDEN}", text)
    return text


def _hidden(value):
    return hide_private_links(value) if isinstance(value, str) else value


class PrivateLinkFilter(logging.Filter):
    """Hides the tokens of private links in a record's message and arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _hidden(record.msg)
        if isinstance(record.args, dict):
            # gunicorn's access log: a dict of "atoms"; changed in place to keep its own dict class.
            for key, value in record.args.items():
                record.args[key] = _hidden(value)
        elif isinstance(record.args, tuple):
            record.args = tuple(_hidden(value) for value in record.args)
        return True

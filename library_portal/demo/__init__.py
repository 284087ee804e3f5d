"""The demo: the seeds' facts in four languages, read from the data files under each app's `fixtures/demo/`
(one YAML file per kind of content) and loaded by `manage.py load_demo`.

Loading is idempotent: rows are matched by natural keys (slugs, codes, numbers, e-mail addresses, Lithuanian
titles) and brought up to date in place, never duplicated. One module per part of the demo; this package is the
one place that imports every app for it.
"""

from library_portal.demo.eservices import demo_load_eservices, demo_register_patron
from library_portal.demo.feedback import DEMO_RESPONSES, demo_load_feedback, demo_patron_feedback
from library_portal.demo.library import demo_accounts_create, demo_load
from library_portal.demo.loans import demo_load_ill
from library_portal.demo.news import demo_load_news
from library_portal.demo.prices import demo_load_prices

__all__ = [
    "DEMO_RESPONSES",
    "demo_accounts_create",
    "demo_load",
    "demo_load_eservices",
    "demo_load_feedback",
    "demo_load_ill",
    "demo_load_news",
    "demo_load_prices",
    "demo_patron_feedback",
    "demo_register_patron",
]

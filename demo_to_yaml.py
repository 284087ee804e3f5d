"""One-off: writes the demo data files (<app>/fixtures/demo/*.yaml) from the Python literals they replace.

Run once with `.venv/bin/python demo_to_yaml.py`; it checks that every file reads back to exactly the values it
was written from, so that no fact of the seeds changes on the way. The literal modules are deleted in the next
commit, and this script with them (it cannot run without them).
"""

import os
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_portal.settings")
django.setup()

import yaml  # noqa: E402

from feedback import demo_data as feedback_data  # noqa: E402
from ill import demo as ill_demo  # noqa: E402
from pricing import demo_data as pricing_data  # noqa: E402
from services import demo as services_demo  # noqa: E402
from services import demo_data as services_data  # noqa: E402
from services import eservices_demo as eservices_demo  # noqa: E402
from services import eservices_demo_data as eservices_data  # noqa: E402

ROOT = Path(__file__).resolve().parent


class Flow(dict):
    """A small mapping written on one line (an opening-hours row, a tier)."""


class Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    # Texts with paragraphs are written as literal blocks, so that a translator reads them as they are shown.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


Dumper.add_representer(str, _str)
Dumper.add_representer(Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))
# Enum members of ill.models (TextChoices) are written as their plain values.
Dumper.add_multi_representer(str, _str)


def plain(value):
    """The value as YAML reads it back: tuples become lists, Flow a dict, TextChoices a str."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def write(path: str, header: str, data) -> None:
    target = ROOT / path
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=118, indent=2)
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.strip().splitlines())
    target.write_text(comment + "\n" + text, encoding="utf-8")
    back = yaml.safe_load(target.read_text(encoding="utf-8"))
    if back != plain(data):
        sys.exit(f"{path} does not read back to the values it was written from")
    print(f"{path}: {len(text.splitlines())} lines")


TRANSLATED = """Every translated text gives each language on its own line (lt, en, bg, fi); a translator reviews one
language by reading its lines. Bodies are plain text: a blank line separates paragraphs, a line starting with
"## " is a heading."""

SOURCES = """Where the facts come from (/work/shared/seeds/):
- 000: the duties of a library service department (reader service, information services and advice, the open
  collection of reading rooms and lending, user surveys, education for children and youth, methodological help);
  written for another library's department, adapted here to the Šilutė library's services;
- 001: a news article on AB LESTO's self-service points (www.manoelektra.lt) in 20 Lithuanian public libraries;
- 002: the e-services of Bulgarian libraries ("Global Libraries - Bulgaria"): e-employment, e-health, e-culture
  and the "Get in time with taxes" campaign, offered here as the library's e-services;
- 003: a Finnish library's seven customer-service principles (city-specific names generalised);
- 004: the Šilutė F. Bajoraitis public library's price list (approved by the Šilutė District Municipal Council in
  2016-2018), its room-hire rates and its interlibrary-loan rules and contact.
Invented for the demo, where the seeds are silent: the three rural branches (`is_sample: true`), every opening
hour, the coordinates (approximate), the general e-mail address, the wording of the accessibility statement and
privacy notice (including the answer times and the 12-month retention of feedback contacts)."""

ESERVICE_SOURCES = """From the seeds: AB LESTO's self-service points in 20 public libraries with the self-service
website www.manoelektra.lt, trained librarians, trainings and events (seed 001); the Bulgarian libraries'
e-employment, e-health and e-culture services built on national agreements with the Employment Agency and
the Ministry of Health and regional partnerships (regional employment directorates, regional health
inspectorates), and the "Get in time with taxes" campaign with the National Revenue Agency (seed 002).
Invented for the demo: the consultation hours, the events and their dates, the curated resources' wording
and the consultations counted for the statistics."""

PRICE_SOURCES = """Taken from seed /work/shared/seeds/004_fee75ce6caaf5a55.txt: the official price list of the Šilutė
District Municipality Fridrichas Bajoraitis Public Library, approved by the Šilutė District Municipal Council decisions
No. T1-394 of 30 June 2016, No. T1-989 of 29 March 2018 and No. T1-1123 of 27 September 2018, with the seed's
short-term room rental rates (per hour) and its interlibrary-loan (TBA/TTBA) rules. Amounts are strings in
euros (they become Decimal)."""

FEEDBACK_SOURCES = """A customer-satisfaction survey built on the seven customer-service principles of seed 003, reply
templates and sample feedback with published answers."""


def main() -> None:
    s = services_data
    write(
        "library_portal/fixtures/demo/accounts.yaml",
        "The four demo accounts of the README; their password is settings.DEMO_PASSWORD. Staff accounts are\n"
        "those with groups; patrons have a library card number. Loaded only when DEBUG is on or with\n"
        "`load_demo --with-accounts`; matched by e-mail.",
        services_demo.DEMO_ACCOUNTS,
    )
    write(
        "services/fixtures/demo/library.yaml",
        f"The portal's own library (seed 004), matched as the portal library.\n{TRANSLATED}\n\n{SOURCES}",
        s.LIBRARY,
    )
    write(
        "services/fixtures/demo/other_libraries.yaml",
        "The 20 public libraries with LESTO self-service points (seed 001); Šilutė is the portal's own library\n"
        "(`is_portal_library: true`, loaded from library.yaml). Matched by their Lithuanian name; `short_name` is\n"
        f"the same in every language.\n{TRANSLATED}",
        s.OTHER_LIBRARIES,
    )
    branches = [
        {
            **{k: v for k, v in item.items() if k != "hours"},
            "hours": [Flow(kind=k, weekday=w, opens=o, closes=c) for k, w, o, c in item["hours"]],
        }
        for item in s.BRANCHES
    ]
    write(
        "services/fixtures/demo/branches.yaml",
        "Branches, matched by slug, in the order they are listed. `hours`: kind is staffed, self_service or phone;\n"
        "weekday 0 is Monday and 6 Sunday. All hours are invented; a day without a row is closed. The Rusnė sample\n"
        f"branch has a lunch break (two staffed intervals a day).\n{TRANSLATED}\n\n{SOURCES}",
        branches,
    )
    write(
        "services/fixtures/demo/holidays.yaml",
        "Lithuanian public holidays (date is MM-DD) on which every branch is closed, this year and next.\n"
        f"Easter is movable and not listed.\n{TRANSLATED}",
        [{"date": date, "reason": reason} for date, reason in s.HOLIDAYS],
    )
    write(
        "services/fixtures/demo/service_categories.yaml",
        f"Service categories, matched by slug; `order` sorts them.\n{TRANSLATED}\n\n{SOURCES}",
        s.SERVICE_CATEGORIES,
    )
    write(
        "services/fixtures/demo/services.yaml",
        "Services, matched by slug; `category` is a category slug, `branches` are branch slugs. Prices are quoted\n"
        f"from the price list (seed 004).\n{TRANSLATED}\n\n{SOURCES}",
        s.SERVICES,
    )
    write(
        "services/fixtures/demo/principles.yaml",
        "The seven customer-service principles (seed 003), matched by number. The survey of\n"
        f"feedback/fixtures/demo/survey.yaml asks one question per principle.\n{TRANSLATED}",
        s.PRINCIPLES,
    )
    write(
        "services/fixtures/demo/pages.yaml",
        f"Content pages, matched by slug (Page.Slug).\n{TRANSLATED}\n\n{SOURCES}",
        [{"slug": slug, **item} for slug, item in s.PAGES.items()],
    )

    e = eservices_data
    write(
        "services/fixtures/demo/partners.yaml",
        f"Partners of the e-services (seeds 001 and 002), matched by slug.\n{TRANSLATED}\n\n{ESERVICE_SOURCES}",
        e.PARTNERS,
    )
    eservices = [
        {
            **item,
            "places": [{"branch": branch, "mode": mode, "notes": notes} for branch, mode, notes in item["places"]],
        }
        for item in e.ESERVICES
    ]
    write(
        "services/fixtures/demo/eservices.yaml",
        "E-services, matched by slug, in the order they are listed. `partners` are partner slugs; `places` name a\n"
        "branch slug and how it is offered there; `other_libraries` (when set) is how the other libraries of\n"
        "other_libraries.yaml offer it. Resources and good practices are replaced on every load.\n"
        f"{TRANSLATED}\n\n{ESERVICE_SOURCES}",
        eservices,
    )
    write(
        "services/fixtures/demo/events.yaml",
        "Events, matched by their Lithuanian title: `days` from the day the demo is loaded (negative: in the past),\n"
        "the start `hour` in the library's time zone, `minutes` long; `branch`, `eservice` and `partner` are slugs\n"
        "(`partner` may be empty). A past training gives `registered` and `attended`, so that the statistics page\n"
        f"shows registrations and attendance.\n{TRANSLATED}\n\n{ESERVICE_SOURCES}",
        [*e.EVENTS, e.PAST_EVENT],
    )
    write(
        "services/fixtures/demo/consultations.yaml",
        "Consultations counted in the last months, so that the statistics page has something to show (loaded\n"
        "only while there are none): days ago, branch slug, e-service slug, people, minutes.",
        [
            Flow(days_ago=days, branch=branch, eservice=eservice, people=people, minutes=minutes)
            for days, branch, eservice, people, minutes in eservices_demo.CONSULTATIONS
        ],
    )

    p = pricing_data
    write(
        "pricing/fixtures/demo/patron_categories.yaml",
        f"Who pays what for a reader's card, in the seed's order; matched by code.\n{TRANSLATED}\n\n{PRICE_SOURCES}",
        p.PATRON_CATEGORIES,
    )
    write(
        "pricing/fixtures/demo/rooms.yaml",
        "Rooms rented out by the hour, matched by code. `branch` is a branch slug of\n"
        f'services/fixtures/demo/branches.yaml, or null for "any branch".\n{TRANSLATED}',
        p.ROOMS,
    )
    items = [{**row, "tiers": [Flow(up_to=up_to, amount=amount) for up_to, amount in row["tiers"]]} for row in p.ITEMS]
    write(
        "pricing/fixtures/demo/price_list.yaml",
        "The published price list of seed 004, matched by its Lithuanian title and the day it takes effect. A\n"
        "published list is never edited: when it is there, it stays as it is. `items` are in the seed's order;\n"
        "`pricing` is fixed, by_category (amounts per patron category code) or tiered (binding: up to so many\n"
        f"sheets, this amount); `room` is a room code.\n{TRANSLATED}\n\n{PRICE_SOURCES}",
        {**p.PRICE_LIST, "items": items},
    )
    write(
        "pricing/fixtures/demo/ill_rules.yaml",
        "A short summary of the seed's interlibrary-loan (TBA) and international interlibrary-loan (TTBA) rules\n"
        f"(seed 004). No loader reads it yet: it is the seed's text for the interlibrary-loan pages.\n{TRANSLATED}",
        {"text": p.ILL_RULES},
    )

    tariffs = {
        str(scope): [Flow(max_weight_g=weight, price=price) for weight, price in bands]
        for scope, bands in ill_demo.TARIFFS.items()
    }
    write(
        "ill/fixtures/demo/postal_tariffs.yaml",
        "Postal tariffs by scope (domestic, international): up to max_weight_g grams, this price in euros.\n"
        "Sample values, not the post's real ones. Matched by scope and weight.",
        tariffs,
    )
    requests = []
    for key, fields, moves in ill_demo.REQUESTS:
        steps = []
        for status, extra in moves:
            step = {"to_status": str(status), **{k: str(v) if k == "reason" else v for k, v in extra.items()}}
            if status == ill_demo.Status.AWAITING_APPROVAL:
                # The lender's cost estimate the loader adds at this step (it was written in the loader's code).
                step["cost"] = {"kind": "lender", "estimate": "15.00", "lender_agency": "SE-UUB"}
            steps.append(step)
        requests.append(
            {
                "key": key,
                "fields": {k: str(v) if k in ("kind", "scope") else v for k, v in fields.items()},
                "moves": steps,
            }
        )
    write(
        "ill/fixtures/demo/requests.yaml",
        "The demo patron's interlibrary-loan requests (only with the demo accounts), found again by their\n"
        "idempotency key. `fields` are the form's; the scope is domestic, the maximum cost 6.00 and the\n"
        "pick-up the first branch unless given. `moves` happen after submission, in order: `partner` is the\n"
        "index of a partner library (the other Lithuanian libraries by Lithuanian name), `cost` a cost line\n"
        "added at that step. Book titles stay in the language they were published in.",
        requests,
    )

    f = feedback_data
    questions = []
    principle_question = {
        "for_each_principle": True,
        "page": 1,
        "key": "principle_{number}",
        "kind": "scale5",
        "required": False,
        "text": f.PRINCIPLE_QUESTION,
        "help_text": f.SCALE_HELP,
        "choices": [],
        "show_if": None,
    }
    for index, (page, key, kind, required, texts, help_texts, choices, show_if) in enumerate(f.QUESTIONS):
        if index == 4:
            questions.append(principle_question)
        questions.append(
            {
                "page": page,
                "key": key,
                "kind": kind,
                "required": required,
                "text": texts,
                "help_text": help_texts,
                "choices": [{"code": code, "text": choice_texts} for code, choice_texts in choices],
                "show_if": {"question": show_if[0], "value": show_if[1]} if show_if else None,
            }
        )
    write(
        "feedback/fixtures/demo/survey.yaml",
        "The customer-satisfaction survey, matched by slug, created once with a few hundred generated answers.\n"
        "`pages` are the titles of its pages; each question names its page (0 is the first), a key, its kind,\n"
        "whether it is required, its text and help, its choices (code and text) and `show_if` (shown only when\n"
        "the question with that key was answered with that choice). The entry `for_each_principle` stands for\n"
        "one question per principle of services/fixtures/demo/principles.yaml: {title} is the principle's\n"
        "title and {number} its number. `improvements` are the texts the generated answers pick from for the\n"
        f"open question. `summary` is the published summary of the results.\n{TRANSLATED}\n\n{FEEDBACK_SOURCES}",
        {**f.SURVEY, "pages": f.PAGES, "questions": questions, "improvements": f.IMPROVEMENTS},
    )
    write(
        "feedback/fixtures/demo/reply_templates.yaml",
        "Reply templates for staff answering feedback, matched by their Lithuanian title. A body goes after the\n"
        f'greeting ("Dear ..., "), so it starts in lower case.\n{TRANSLATED}',
        f.REPLY_TEMPLATES,
    )
    write(
        "feedback/fixtures/demo/feedback.yaml",
        "Sample feedback, matched by its message (written in the sender's `language`, so not translated):\n"
        "sent `days_ago`, answered `days_to_answer` later (null: still open), `topic` and `branch` slug (null: no\n"
        "branch). `published` gives the summary and answer shown on the public page.\n"
        "`patron` is the demo patron's own feedback (patron@example.org), sent while logged in, so that\n"
        f"My account shows it.\n{TRANSLATED}\n\n{FEEDBACK_SOURCES}",
        {
            "sample": [
                {
                    "days_ago": days_ago,
                    "days_to_answer": days_to_answer,
                    "topic": topic,
                    "branch": branch,
                    "language": language,
                    "message": message,
                    "published": published,
                }
                for days_ago, days_to_answer, topic, branch, language, message, published in f.FEEDBACK
            ],
            "patron": dict(zip(("topic", "branch", "language", "message"), f.PATRON_FEEDBACK, strict=True)),
        },
    )


if __name__ == "__main__":
    main()

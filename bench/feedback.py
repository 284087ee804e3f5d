"""Benchmark of feedback and surveys (called by bench/seed.py and bench/run.py).

- The published results of a survey with 10,000 responses (about 120,000 answers): >= 20 req/s,
  cached and, with the period filter changing on every request, computed afresh; the number of
  queries is measured in-process at 100 and 10,000 responses and must be the same.
- Survey submission through the API at 16 connections with varying answers: >= 100 req/s, and
  every 201 answer must be a response in the database (nothing lost). A library network of 100
  libraries serves about 3 page views a second (issue 14): 100 responses a second is far above it.

Each figure is also printed as a ratio to the bare Django page measured in the same run (bench/bare.py).

bench/run.py imports this file as `feedback` (its own folder comes first on sys.path): only the
standard library is imported at the top; Django is imported inside `seed()`.
"""

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

SLUG = "bench-survey"
SMALL_SLUG = "bench-survey-small"
RESPONSES = 10_000
RESULTS_TARGET = 20.0
SUBMIT_TARGET = 100.0
SUBMIT_CONNECTIONS = 16
RESULTS_PATH = f"/lt/surveys/{SLUG}/results/"
SUBMIT_PATH = f"/api/v1/surveys/{SLUG}/responses/"


def _bench_db_url() -> str:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/library_portal")
    return url if url.split("?")[0].endswith("_bench") else f"{url.split('?')[0]}_bench"


def _facts_file() -> Path:
    name = _bench_db_url().rsplit("/", 1)[-1]
    return Path(tempfile.gettempdir()) / f"bench-feedback-{name}.json"


def _build_survey(slug: str, responses: int):
    """A survey like the demo one (seven 1–5 scales, NPS, grade, two choice questions, a text), filled in SQL."""
    import datetime as dt

    from django.db import connection
    from django.utils import timezone

    from feedback.models import Choice, Question, Survey, SurveyPage

    Survey.objects.filter(slug=slug).delete()
    survey = Survey.objects.create(
        slug=slug,
        title_lt=f"Bandomoji apklausa {slug}",
        title_en=f"Benchmark survey {slug}",
        opens_at=timezone.now() - dt.timedelta(days=400),
        closes_at=timezone.now() + dt.timedelta(days=400),
        results_summary_lt="Bandomųjų rezultatų santrauka.",
        results_published_at=timezone.now(),
    )
    page = SurveyPage.objects.create(survey=survey, order=0, title_lt="Puslapis")
    kinds = ["scale5"] * 7 + ["nps", "grade", "single", "multiple", "long"]
    questions = [
        Question.objects.create(survey=survey, page=page, order=n, kind=kind, text_lt=f"Klausimas {n}")
        for n, kind in enumerate(kinds)
    ]
    for question in questions:
        if question.kind in ("single", "multiple"):
            for n in range(4):
                Choice.objects.create(question=question, code=f"c{n}", text_lt=f"Atsakymas {n}", order=n)
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(
            """INSERT INTO feedback_response (survey_id, anonymous, submitted_on, branch_id, language)
               SELECT %s, true, current_date - (g %% 365),
                      (SELECT id FROM services_branch ORDER BY id OFFSET (g %% 21) LIMIT 1), 'lt'
               FROM generate_series(1, %s) g""",
            [survey.pk, responses],
        )
        for question in questions:
            if question.kind in ("scale5", "nps", "grade"):
                low, high = {"scale5": (1, 5), "nps": (0, 10), "grade": (4, 10)}[question.kind]
                cursor.execute(
                    """INSERT INTO feedback_answer (response_id, question_id, value, text)
                       SELECT id, %s, %s + floor(random() * %s)::int, '' FROM feedback_response
                       WHERE survey_id = %s""",
                    [question.pk, low, high - low + 1, survey.pk],
                )
            elif question.kind in ("single", "multiple"):
                cursor.execute(
                    """INSERT INTO feedback_answer (response_id, question_id, choice_id, text)
                       SELECT r.id, %s, c.id, '' FROM feedback_response r
                       JOIN feedback_choice c ON c.question_id = %s
                       WHERE r.survey_id = %s AND (c.code = 'c0' OR random() < %s)""",
                    [question.pk, question.pk, survey.pk, 0.0 if question.kind == "single" else 0.4],
                )
            else:
                cursor.execute(
                    """INSERT INTO feedback_answer (response_id, question_id, text)
                       SELECT id, %s, 'Atsakymas ' || id FROM feedback_response
                       WHERE survey_id = %s AND random() < 0.2""",
                    [question.pk, survey.pk],
                )
        cursor.execute("ANALYZE feedback_response; ANALYZE feedback_answer")
    return survey


def _queries_of_results_page(slug: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_HOST="localhost").get(f"/lt/surveys/{slug}/results/", secure=True)
    assert response.status_code == 200, response.status_code
    return len(queries)


def seed() -> None:
    """Create the 10,000-response survey and a 100-response twin; note the results page's query counts."""
    _build_survey(SLUG, RESPONSES)
    _build_survey(SMALL_SLUG, 100)
    facts = {"queries_large": _queries_of_results_page(SLUG), "queries_small": _queries_of_results_page(SMALL_SLUG)}
    _facts_file().write_text(json.dumps(facts))
    print(f"seeded survey {SLUG} with {RESPONSES} responses; results page queries {facts}")


def _count_responses() -> int:
    import psycopg2

    with psycopg2.connect(_bench_db_url()) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM feedback_response r JOIN feedback_survey s ON s.id = r.survey_id WHERE s.slug = %s",
            [SLUG],
        )
        return cursor.fetchone()[0]


def _lua_submit(structure: dict) -> str:
    """A wrk script that posts a different, valid set of answers on every request."""
    parts = []
    for page in structure["pages"]:
        for question in page["questions"]:
            field = question["field"]
            if question["min"] is not None:
                parts.append(f"'\"{field}\": ' .. math.random({question['min']}, {question['max']})")
            elif question["kind"] == "single":
                parts.append(f"'\"{field}\": \"c' .. math.random(0, {len(question['choices']) - 1}) .. '\"'")
            elif question["kind"] == "multiple":
                parts.append(f"'\"{field}\": [\"c' .. math.random(0, 3) .. '\"]'")
            else:
                parts.append(f"'\"{field}\": \"Atsakymas ' .. math.random(1, 100000) .. '\"'")
    joined = " .. ', ' .. ".join(f"({part})" for part in parts)
    return (
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        "request = function()\n"
        f"  local body = '{{\"answers\": {{' .. {joined} .. '}}}}'\n"
        "  return wrk.format(nil, nil, nil, body)\n"
        "end\n"
    )


def _lua_varying_filter() -> str:
    """Each request asks for another period, so the results are computed afresh (not served from the cache)."""
    return (
        "request = function()\n"
        f"  local day = 1500000000 + math.random(1, 3000) * 86400\n"
        f'  local path = "{RESULTS_PATH}?date_from=" .. os.date("%Y-%m-%d", day)\n'
        '  return wrk.format("GET", path)\n'
        "end\n"
    )


def _wrk(
    base: str, path: str, connections: int, script: str | None, duration: str
) -> tuple[float, float, float, int, int]:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}", "--latency"]
    if script:
        handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115 - wrk reads it
        handle.write(script)
        handle.close()
        args += ["-s", handle.name]
    output = subprocess.run([*args, f"{base}{path}"], capture_output=True, text=True, check=True, timeout=180).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)

    def ms(label: str) -> float:
        number, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", output, re.M).groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return rps, ms("50"), ms("99"), total, int(non_2xx.group(1)) if non_2xx else 0


def run(drive, fetch, base: str, *, bare_rps: float) -> bool:
    """Drive the results page and survey submission; print in bench/run.py's format. True when a target is missed."""
    duration = os.environ.get("BENCH_DURATION", "10s")
    failed = False
    for _ in range(20):
        fetch("GET", RESULTS_PATH)
    facts = json.loads(_facts_file().read_text()) if _facts_file().exists() else {}
    print(
        f"survey results page queries: {facts.get('queries_small')} at 100 responses, "
        f"{facts.get('queries_large')} at {RESPONSES} responses "
        f"{'met' if facts and facts['queries_small'] == facts['queries_large'] else 'MISSED'} (constant)"
    )
    failed |= not facts or facts["queries_small"] != facts["queries_large"]
    for name, script in (("survey results", None), ("results, no cache", _lua_varying_filter())):
        rps, p50, p99, _total, errors = _wrk(
            base, RESULTS_PATH, int(os.environ.get("BENCH_CONNECTIONS", "16")), script, duration
        )
        if script is None:
            ok = rps >= RESULTS_TARGET and errors == 0
            failed |= not ok
            verdict = f"{'met' if ok else 'MISSED'} (>= {RESULTS_TARGET:.0f} req/s)"
        else:
            # Every request a new period: all aggregates computed afresh over ~120,000 answers (no target).
            verdict = "(information: aggregates computed on every request)"
        if errors:
            verdict += f" {errors} non-2xx responses"
        print(f"{name:<16} {RESULTS_PATH:<28} {rps:>9.1f} {rps / bare_rps:>6.2f} {p50:>8.2f} {p99:>8.2f}  {verdict}")
    structure = json.loads(fetch("GET", f"/api/v1/surveys/{SLUG}/"))
    before = _count_responses()
    rps, p50, p99, total, errors = _wrk(base, SUBMIT_PATH, SUBMIT_CONNECTIONS, _lua_submit(structure), duration)
    stored = _count_responses() - before
    # Requests still in flight when wrk stops are stored but not counted by wrk: at least `total` must be stored.
    ok = rps >= SUBMIT_TARGET and errors == 0 and stored >= total
    failed |= not ok
    print(
        f"{'survey submit':<16} {SUBMIT_PATH:<28} {rps:>9.1f} {rps / bare_rps:>6.2f} {p50:>8.2f} {p99:>8.2f}  "
        f"{'met' if ok else 'MISSED'} (>= {SUBMIT_TARGET:.0f} req/s at {SUBMIT_CONNECTIONS} connections, "
        f"{stored} of {total} stored{f', {errors} non-2xx responses' if errors else ''})"
    )
    return failed

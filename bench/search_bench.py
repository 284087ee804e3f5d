"""Benchmark of the site search (BENCH_ONLY=search; bench/run.py calls `run` last, after the other sections).

5,000 rows of every kind the search finds (services, e-services, their online resources, events, news articles,
principles, branches, price-list items; the three content pages are all there are), written with Lithuanian and
English text: the words of the demo's own texts, drawn as often as Zipf's law has words occur. Indexed with
search_index_rebuild (four entries a row). Then, at 16 connections, as ratios to the bare Django page of the same run:
- a plain query, the same on every request: target >= 1.0x;
- a misspelt query (the word lookup and a second match);
- a new query on every request (the next word of the demo's Lithuanian texts), which no cache can answer: the
  search as computed by the database.
The number of queries of a search is counted in-process at this size. The rows are removed afterwards, so that a
later section or run sees the seed as bench/seed.py left it.

bench/run.py imports this file as `search_bench` (its own folder comes first on sys.path): only the standard library
is imported at the top; Django is set up by `main()` when the file runs as a script (`seed`, `clear`, `count`).
"""

import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
ROWS = 5_000
PREFIX = "bench-search-"
PRINCIPLE_FROM = 20_000  # numbers are small integers (up to 32767)
PLAIN = "/lt/search/?q=kopijavimas"
TYPO = "/lt/search/?q=kopijavmas"
TARGET_RATIO = 1.0
WORDS_IN_A_TITLE = 4
WORDS_IN_A_TEXT = 40


def _vocabulary(language: str) -> list[str]:
    """The distinct words of the demo's texts in `language` (the services, e-services, events and price list)."""
    import yaml

    words: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == language and isinstance(item, str):
                    words.update(word.lower() for word in re.findall(r"[^\W\d_]{4,}", item))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    demo = ROOT / "services" / "fixtures" / "demo"
    for path in [*sorted(demo.glob("*.yaml")), ROOT / "pricing" / "fixtures" / "demo" / "price_list.yaml"]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(words)


def _zipf(words: list[str], seed: int) -> tuple[list[str], list[float]]:
    """The words in a fixed random order with Zipf's cumulative weights (the n-th word is drawn about 1/n as often
    as the first), as words occur in real text: a few in most rows, most in a few."""
    ordered = sorted(words)
    random.Random(seed).shuffle(ordered)
    weights, total = [], 0.0
    for rank in range(1, len(ordered) + 1):
        total += 1 / rank
        weights.append(total)
    return ordered, weights


def _texts(rng: random.Random, vocabulary: tuple[list[str], list[float]]) -> tuple[str, str]:
    words, weights = vocabulary
    title = " ".join(rng.choices(words, cum_weights=weights, k=WORDS_IN_A_TITLE)).capitalize()
    return title, " ".join(rng.choices(words, cum_weights=weights, k=WORDS_IN_A_TEXT)).capitalize() + "."


def seed() -> dict[str, int]:
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from news.models import Article
    from pricing.models import PriceItem, PriceList, Pricing, Section, Unit
    from search.services import search_index_rebuild
    from services.models import (
        Branch,
        EService,
        EServiceArea,
        Event,
        Library,
        OnlineResource,
        Principle,
        Service,
        ServiceCategory,
    )

    clear(rebuild=False)
    rng = random.Random(17)
    lt, en = _zipf(_vocabulary("lt"), 5), _zipf(_vocabulary("en"), 7)

    def both(n: int) -> dict[str, str]:
        title_lt, text_lt = _texts(rng, lt)
        title_en, text_en = _texts(rng, en)
        return {"title_lt": title_lt, "text_lt": text_lt, "title_en": title_en, "text_en": text_en, "n": str(n)}

    rows = [both(n) for n in range(ROWS)]
    with transaction.atomic():
        library = Library.objects.get(is_portal_library=True)
        category = ServiceCategory.objects.order_by("pk").first()
        branches = Branch.objects.bulk_create(
            Branch(
                library=library,
                slug=f"{PREFIX}{r['n']}",
                name_lt=r["title_lt"],
                name_en=r["title_en"],
                accessibility_notes_lt=r["text_lt"],
                accessibility_notes_en=r["text_en"],
                address=f"Tilžės g. {r['n']}, Šilutė",
                municipality_lt="Šilutės rajonas",
                order=10_000 + int(r["n"]),
            )
            for r in rows
        )
        Service.objects.bulk_create(
            Service(
                slug=f"{PREFIX}{r['n']}",
                title_lt=r["title_lt"],
                title_en=r["title_en"],
                summary_lt=r["text_lt"][:400],
                summary_en=r["text_en"][:400],
                category=category,
                order=10_000 + int(r["n"]),
            )
            for r in rows
        )
        eservices = EService.objects.bulk_create(
            EService(
                slug=f"{PREFIX}{r['n']}",
                area=EServiceArea.CULTURE,
                title_lt=r["title_lt"],
                title_en=r["title_en"],
                summary_lt=r["text_lt"][:400],
                summary_en=r["text_en"][:400],
                order=10_000 + int(r["n"]),
            )
            for r in rows
        )
        OnlineResource.objects.bulk_create(
            OnlineResource(
                eservice=eservice,
                title_lt=r["title_lt"],
                title_en=r["title_en"],
                description_lt=r["text_lt"],
                description_en=r["text_en"],
                url=f"https://example.org/{PREFIX}{r['n']}",
                language="lt",
            )
            for eservice, r in zip(eservices, rows, strict=True)
        )
        start = timezone.now() + dt.timedelta(days=60)
        Event.objects.bulk_create(
            Event(
                title_lt=r["title_lt"],
                title_en=r["title_en"],
                description_lt=r["text_lt"],
                description_en=r["text_en"],
                branch=branch,
                starts_at=start + dt.timedelta(hours=int(r["n"])),
                ends_at=start + dt.timedelta(hours=int(r["n"]), minutes=90),
                capacity=20,
            )
            for branch, r in zip(branches, rows, strict=True)
        )
        Principle.objects.bulk_create(
            Principle(
                number=PRINCIPLE_FROM + int(r["n"]),
                title_lt=r["title_lt"],
                title_en=r["title_en"],
                body_lt=r["text_lt"],
                body_en=r["text_en"],
            )
            for r in rows
        )
        Article.objects.bulk_create(
            Article(
                slug=f"{PREFIX}{r['n']}",
                title_lt=r["title_lt"][:200],
                title_en=r["title_en"][:200],
                summary_lt=r["text_lt"][:400],
                summary_en=r["text_en"][:400],
                body_lt=r["text_lt"],
                body_en=r["text_en"],
                status=Article.Status.PUBLISHED,
                publish_at=timezone.now() - dt.timedelta(hours=int(r["n"])),
            )
            for r in rows
        )
        # Into the list in force, which a published list's rules would refuse: the bench's rows only, removed again.
        in_force = PriceList.objects.filter(status=PriceList.Status.PUBLISHED).order_by("-effective_from").first()
        PriceItem.objects.bulk_create(
            PriceItem(
                price_list=in_force,
                code=f"{PREFIX}{r['n']}",
                section=Section.COPYING,
                name_lt=r["title_lt"],
                name_en=r["title_en"],
                notes_lt=r["text_lt"],
                notes_en=r["text_en"],
                unit=Unit.PAGE,
                pricing=Pricing.FIXED,
                amount="0.10",
                order=10_000 + int(r["n"]),
            )
            for r in rows
        )
    return search_index_rebuild()


def clear(*, rebuild: bool = True) -> None:
    """Remove the bench's rows (and, with `rebuild`, their entries: the index is written anew)."""
    from news.models import Article
    from pricing.models import PriceItem
    from search.services import search_index_rebuild
    from services.models import Branch, EService, Event, Principle, Service

    Article.objects.filter(slug__startswith=PREFIX).delete()
    Event.objects.filter(branch__slug__startswith=PREFIX).delete()
    Branch.objects.filter(slug__startswith=PREFIX).delete()
    Service.objects.filter(slug__startswith=PREFIX).delete()
    EService.objects.filter(slug__startswith=PREFIX).delete()
    Principle.objects.filter(number__gte=PRINCIPLE_FROM).delete()
    PriceItem.objects.filter(code__startswith=PREFIX).delete()
    if rebuild:
        search_index_rebuild()


def count() -> dict[str, int]:
    """The queries of a plain, a misspelt and an unmatched search, counted in-process at this size."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from library_portal.caching import Namespace, bump
    from search.selectors import search_results

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(PLAIN)  # the library, read once into the shared cache
    counts = {}
    for name, path in (("plain", PLAIN), ("misspelt", TYPO), ("unmatched", "/lt/search/?q=zzzqqqxxx")):
        bump(Namespace.SEARCH)  # computed afresh, as on the first search after a change
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        counts[f"{name} queries"] = len(captured.captured_queries)
        counts[f"{name} results"] = search_results(query=path.split("q=")[1], language="lt").total
    return counts


def _uncached_script() -> tuple[str, int]:
    """A wrk script asking for a word not asked before on every request (each thread its own words), and how many
    words there are: a run of more requests than that repeats some, which the cache then answers."""
    words = _vocabulary("lt")
    random.Random(3).shuffle(words)
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115 - wrk reads it
    handle.write(
        "local words = {" + ", ".join(json.dumps(quote(word)) for word in words) + "}\n"
        "local threads = 0\n"
        "setup = function(thread)\n"
        "  threads = threads + 1\n"
        '  thread:set("tid", threads)\n'
        "end\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        '  return wrk.format("GET", "/lt/search/?q=" .. words[((n * 2 + tid) % #words) + 1])\n'
        "end\n"
    )
    handle.close()
    return handle.name, len(words)


def _script(command: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), command], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def run(*, env: dict[str, str], wrk, parse_wrk, fetch, bare_rps: float) -> bool:
    """Seed, drive and clear; print in bench/run.py's format; True when the target is missed."""
    print(f"search: seeding {ROWS} rows per kind and indexing them (four entries a row)...")
    print(f"search: {_script('seed', env)}")
    failed = False
    try:
        print(f"search: a search in-process, its queries and the entries it finds: {_script('count', env)}")
        for path in (PLAIN, TYPO):
            for _ in range(20):
                fetch("GET", path)
        uncached, words = _uncached_script()
        for name, path, script, target in (
            ("search", PLAIN, None, TARGET_RATIO),
            ("search misspelt", TYPO, None, None),
            ("search uncached", "/lt/search/?q=<new word>", uncached, None),
        ):
            output = wrk("GET", path if script is None else "/lt/search/", None, script=script)
            rps, p50, p99, errors = parse_wrk(output)
            verdict = ""
            if target is not None:
                ok = rps / bare_rps >= target and errors == 0
                failed |= not ok
                verdict = f"{'met' if ok else 'MISSED'} (>= {target:.1f}x the bare page)"
            if script is not None:
                requests = int(re.search(r"(\d+) requests in", output).group(1))
                verdict = f"{requests} requests, {words} different words"
            if errors:
                verdict += f" {errors} non-2xx responses"
            print(f"{name:<16} {path:<28} {rps:>9.1f} {rps / bare_rps:>6.2f} {p50:>8.2f} {p99:>8.2f}  {verdict}")
    finally:
        _script("clear", env)
    return failed


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_portal.settings")
    import django

    django.setup()
    command = sys.argv[1]
    if command == "seed":
        counts = seed()
        print("indexed " + ", ".join(f"{kind} {rows}" for kind, rows in counts.items()))
    elif command == "clear":
        clear()
    elif command == "count":
        print(json.dumps(count()))


if __name__ == "__main__":
    main()

"""Reading the demo data files: `<app>/fixtures/demo/<name>.yaml`, found through the app's own directory, so that
they load from a plain checkout (the portal is never installed as a package)."""

from pathlib import Path
from typing import Any

import yaml
from django.apps import apps

from library_portal.languages import LANGS

# libyaml's parser, when PyYAML was built with it (the wheels are), reads the demo files about ten times faster than
# the pure-Python one: the tests load the demo library a few hundred times. Both accept the same safe subset of YAML.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def demo_fixture(app_label: str, name: str) -> Any:
    """The content of `<app>/fixtures/demo/<name>.yaml`."""
    path = Path(apps.get_app_config(app_label).path) / "fixtures" / "demo" / f"{name}.yaml"
    with path.open(encoding="utf-8") as file:
        return yaml.load(file, Loader=SafeLoader)  # noqa: S506 - SafeLoader is a safe loader (above)


def language_fields(field: str, texts: dict[str, str] | None) -> dict[str, str]:
    """{"lt": "..", "en": ".."} → {"title_lt": "..", "title_en": ".."} for modeltranslation; a language the file
    does not give is left empty (the page then falls back to Lithuanian)."""
    texts = texts or {}
    return {f"{field}_{code}": texts.get(code, "") for code in LANGS}

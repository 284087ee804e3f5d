"""Small typed helpers that read settings from the environment.

A bad value raises ImproperlyConfigured at start-up, naming the variable, so that a
misconfigured server never starts half-working.
"""

import os
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def load_dotenv(path: Path) -> None:
    """Read KEY=value lines from a .env file; real environment variables win."""
    if not path.is_file():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        value = value.strip().strip("'\"")
        os.environ.setdefault(key.strip(), value)


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"Set the environment variable {name}.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


class Rate(NamedTuple):
    """At most `limit` actions per fixed window of `window` seconds."""

    limit: int
    window: int


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(text: str) -> Rate:
    """`"5/10m"` -> Rate(5, 600): a count, a slash, and seconds with an optional unit s, m, h or d."""
    count, slash, period = text.strip().partition("/")
    period = period.strip().lower()
    unit = _UNITS.get(period[-1:])
    number = period[:-1] if unit else period
    if not slash or not count.strip().isdigit() or not number.isdigit():
        raise ValueError(text)
    rate = Rate(int(count), int(number) * (unit or 1))
    if rate.limit < 1 or rate.window < 1:
        raise ValueError(text)
    return rate


def env_rate(name: str, default: str) -> Rate:
    value = os.environ.get(name)
    text = default if value is None or value.strip() == "" else value
    try:
        return parse_rate(text)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a count and a period such as 5/10m (units s, m, h, d); got {text!r}."
        ) from None


def env_networks(name: str, default: list[str]) -> tuple[IPv4Network | IPv6Network, ...]:
    """A comma-separated list of addresses or CIDR networks (`10.0.0.1, 192.168.0.0/24, ::1`)."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"{name} must list IP addresses or networks; {item!r} is neither.") from None
    return tuple(networks)

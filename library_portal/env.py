"""Small typed helpers that read settings from the environment.

A bad value raises ImproperlyConfigured at start-up, naming the variable, so that a
misconfigured server never starts half-working.
"""

import os
import re
from collections.abc import Mapping
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from botocore.config import Config
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


# S3's rule for bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, a letter or digit at each end.
_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_DOMAIN = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?$")


def env_file_storage(environ: Mapping[str, str] = os.environ) -> dict:
    """STORAGES["default"]: local files under MEDIA_ROOT, or the S3 bucket of STORAGE_URL (django-storages).

    STORAGE_URL is s3://<bucket> or s3://<bucket>/<folder>; AWS_S3_ENDPOINT_URL points at an S3-compatible server
    other than Amazon's, AWS_S3_CUSTOM_DOMAIN at a public host (a CDN) that serves the bucket's files.
    """
    url = environ.get("STORAGE_URL", "").strip()
    if not url:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    parts = urlsplit(url)
    if parts.scheme != "s3" or not _BUCKET_NAME.match(parts.netloc) or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            "STORAGE_URL must be s3://<bucket> or s3://<bucket>/<folder>, the bucket named by S3's rules "
            f"(3 to 63 lower-case letters, digits, dots and hyphens); got {url!r}."
        )
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip()
    if endpoint:
        try:
            target = urlsplit(endpoint)
            valid = target.scheme in {"http", "https"} and bool(target.hostname) and target.port != 0
        except ValueError:  # a port that is not a number
            valid = False
        if not valid or target.path.strip("/") or target.query:
            raise ImproperlyConfigured(
                "AWS_S3_ENDPOINT_URL must be the server's address, such as https://s3.example.lt:9000; "
                f"got {endpoint!r}."
            )
    key_id = environ.get("AWS_ACCESS_KEY_ID", "").strip()
    secret = environ.get("AWS_SECRET_ACCESS_KEY", "").strip()
    if bool(key_id) != bool(secret):
        raise ImproperlyConfigured(
            "Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither (boto3 then finds the credentials "
            "itself: an instance role, ~/.aws/credentials)."
        )
    custom_domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip()
    if custom_domain and not _DOMAIN.match(custom_domain):
        raise ImproperlyConfigured(
            f"AWS_S3_CUSTOM_DOMAIN must be a host name with an optional path, without https://; got {custom_domain!r}."
        )
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": parts.netloc,
            "location": parts.path.strip("/"),
            "endpoint_url": endpoint or None,
            "region_name": environ.get("AWS_S3_REGION_NAME", "").strip() or None,
            "access_key": key_id or None,
            "secret_key": secret or None,
            "custom_domain": custom_domain or None,
            # Plain, unsigned URLs: pages with a logo are cached whole for anonymous visitors, so a signed URL
            # would have to outlive every cached copy; and a plain URL is computed without asking the server,
            # so a page with a logo renders while the storage is down. The bucket's policy makes the
            # uploaded files (library/, partners/) publicly readable (README, "Files and storage").
            "querystring_auth": False,
            # Two partners uploading "logo.png" get two objects, as with local files (Django adds a suffix);
            # a price-list PDF has a name of its own anyway (its fingerprint).
            "file_overwrite": False,
            # A storage that does not answer must not hold a request for botocore's default of 60 s and
            # 5 attempts: one retry for a dropped connection, then the PDF page answers 503.
            "client_config": Config(
                connect_timeout=2, read_timeout=10, retries={"max_attempts": 2, "mode": "standard"}
            ),
        },
    }


def storage_origin(storage: dict) -> str:
    """Where browsers fetch uploaded files from (for the Content-Security-Policy): '' for the portal itself.

    The same rule as the URLs django-storages builds: the custom domain, else the endpoint (path-style
    addresses), else Amazon's virtual-hosted address of the bucket.
    """
    options = storage.get("OPTIONS", {})
    if "bucket_name" not in options:
        return ""
    if options["custom_domain"]:
        return "https://" + options["custom_domain"].split("/")[0]
    if options["endpoint_url"]:
        endpoint = urlsplit(options["endpoint_url"])
        return f"{endpoint.scheme}://{endpoint.netloc}"
    return f"https://{options['bucket_name']}.s3.amazonaws.com"

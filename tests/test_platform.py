"""Settings, security headers and the health check: what operations rely on."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from bench.fault_rig import free_port
from library_portal.env import env_file_storage, storage_origin

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    skip = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the browser tests set the last
    environment = {k: v for k, v in os.environ.items() if k not in skip}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "biblioteka.example.lt",
    # A production server's address: the suite's own may be the embedded development server (`make test` on a
    # machine without PostgreSQL), which a production configuration refuses. These checks do not connect.
    "DATABASE_URL": "postgres://portal@db.example.lt:5432/library_portal",
}


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "env,message",
    [
        ({"DEBUG": "0", "ALLOWED_HOSTS": "x.example.lt"}, "SECRET_KEY must be set"),
        ({"DEBUG": "0", "SECRET_KEY": "short", "ALLOWED_HOSTS": "x.example.lt"}, "SECRET_KEY must be set"),
        ({"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(64)}, "ALLOWED_HOSTS must list"),
        ({"DEBUG": "maybe"}, "DEBUG must be one of"),
        ({"DEBUG": "1", "CONN_MAX_AGE": "forever"}, "CONN_MAX_AGE must be a whole number"),
        ({"DEBUG": "1", "DATABASE_URL": "mysql://root@localhost/x"}, "DATABASE_URL must point to PostgreSQL"),
        ({"DEBUG": "1", "STORAGE_URL": "https://bucket.example.lt"}, "STORAGE_URL must be s3://<bucket>"),
        ({"DEBUG": "1", "DATABASE_POOLER": "pgpool"}, "DATABASE_POOLER must be empty"),
        ({"DEBUG": "1", "DISABLE_SERVER_SIDE_CURSORS": "sometimes"}, "DISABLE_SERVER_SIDE_CURSORS must be one of"),
        ({**PRODUCTION, "REDIS_URL": "", "WEB_CONCURRENCY": "3"}, "3 workers and no shared cache"),
    ],
)
def test_bad_or_missing_production_values_stop_start_up_with_a_clear_message(env, message):
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_one_worker_without_redis_starts_and_says_its_cache_is_its_own():
    result = manage("check", **PRODUCTION, REDIS_URL="", WEB_CONCURRENCY="1")
    assert result.returncode == 0, result.stderr
    assert "REDIS_URL is not set: cached pages and rate limits live in this process only" in result.stderr


def test_unreachable_database_makes_ensure_database_say_what_to_start():
    result = manage("ensure_database", DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:1/library_portal")
    assert result.returncode == 1
    assert "PostgreSQL is not reachable at 127.0.0.1:1" in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_health_check_answers_503_when_the_database_is_down():
    script = (
        "from django.test import Client; r = Client(HTTP_HOST='localhost').get('/healthz');"
        " print(r.status_code, r.json()['database'])"
    )
    result = manage(
        "shell", "--no-imports", "-c", script, DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:1/library_portal"
    )
    assert result.stdout.split() == ["503", "unreachable"], result.stderr


def test_health_check_answers_200_when_the_database_the_cache_and_the_storage_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}


def test_health_check_answers_503_when_the_cache_does_not_answer(client, db, settings):
    port = free_port()  # a port nothing listens on: a Redis that is down
    settings.CACHES = {
        **settings.CACHES,
        # The settings' own Redis cache, pointed elsewhere (built anew: without REDIS_URL the suite's cache is local).
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        },
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unreachable", "storage": "ok"}


def test_health_check_answers_503_when_media_root_cannot_be_made(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "a-file"
    settings.MEDIA_ROOT.write_text("not a folder")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["storage"] == "unreachable"


@pytest.mark.parametrize(
    "env,message",
    [
        ({"STORAGE_URL": "s3://Upper_Case"}, "STORAGE_URL must be s3://<bucket>"),
        ({"STORAGE_URL": "s3://library-portal?x=1"}, "STORAGE_URL must be s3://<bucket>"),
        ({"STORAGE_URL": "s3://library-portal", "AWS_S3_ENDPOINT_URL": "127.0.0.1:9000"}, "AWS_S3_ENDPOINT_URL must"),
        ({"STORAGE_URL": "s3://library-portal", "AWS_S3_ENDPOINT_URL": "http://s3:port"}, "AWS_S3_ENDPOINT_URL must"),
        ({"STORAGE_URL": "s3://library-portal", "AWS_ACCESS_KEY_ID": "key"}, "Set both AWS_ACCESS_KEY_ID"),
        ({"STORAGE_URL": "s3://library-portal", "AWS_S3_CUSTOM_DOMAIN": "https://cdn.example.lt"}, "without https://"),
    ],
)
def test_bad_storage_settings_are_refused_with_a_clear_message(env, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        env_file_storage(env)


def test_storage_settings_name_the_bucket_its_folder_and_where_browsers_fetch_files():
    env = {"STORAGE_URL": "s3://library-portal/silute", "AWS_S3_CUSTOM_DOMAIN": "files.example.lt"}
    storage = env_file_storage(env)
    assert storage["OPTIONS"]["bucket_name"] == "library-portal"
    assert storage["OPTIONS"]["location"] == "silute"
    assert storage_origin(storage) == "https://files.example.lt"
    assert env_file_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert storage_origin(env_file_storage({})) == ""


def test_every_response_carries_a_strict_content_security_policy(client, db):
    policy = client.get("/lt/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_pages_have_no_inline_scripts_or_styles(client, db):
    for path in ("/lt/", "/en/services/", "/bg/branches/", "/fi/nowhere/", "/api/docs/"):
        html = client.get(path).content.decode()
        assert "<script>" not in html
        assert "style=" not in html
        assert "<style" not in html


def test_production_responses_send_hsts_and_secure_cookies():
    script = (
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    result = manage("shell", "--no-imports", "-c", script, **PRODUCTION)
    assert result.stdout.split() == ["31536000", "True", "True", "True"], result.stderr

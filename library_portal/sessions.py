"""Sessions kept in PostgreSQL and read through the shared cache (SESSION_ENGINE).

Why not the plain database engine: a page for a logged-in patron cost two queries before its own work, the
session and the user, where the bare Django page of `make bench` costs one. Read through the cache, the
session costs a Redis round trip instead of a PostgreSQL query; `make bench` measured the logged-in pages
at 0.54-0.94x the bare page with the session in the database and <see README "Speed"> with this store.

Why not Django's `cached_db` engine: it is written for a cache that never fails. When Redis does not answer,
its `load` fails the request, and its `delete` (log-out) removes the database row first and then fails on the
cache, leaving a copy there that logs the patron in again once Redis is back. This store:
- reads from the database when the cache does not answer, so pages keep working;
- on log-out deletes the cached copy first, and refuses (`SessionsUnavailable`, answered 503) when it cannot:
  the session then ends either everywhere or, visibly, nowhere;
- keeps a cached copy for at most SESSION_CACHE_SECONDS, which bounds how long a copy that a cache outage kept
  from being updated can be read after the outage.
The database stays the record: a session is created and checked for existence there alone.
"""

import logging

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.cache import caches
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CACHE_KEY_PREFIX = "session:"
# How long a patron whose log-out was refused is asked to wait: a restart of Redis takes seconds.
SESSION_RETRY_AFTER = 30


class SessionsUnavailable(Exception):
    """A session could not be ended because the shared cache does not answer; nothing was changed."""


class SessionStore(DatabaseSessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = caches[settings.SESSION_CACHE_ALIAS]

    def _cache_timeout(self, expiry_age: int) -> int:
        return max(1, min(expiry_age, settings.SESSION_CACHE_SECONDS))

    def load(self):
        key = CACHE_KEY_PREFIX + (self.session_key or "")
        try:
            data = self._cache.get(key) if self.session_key else None
            cache_answers = True
        except RedisError:
            logger.warning("Sessions are read from the database: the cache does not answer.")
            data, cache_answers = None, False
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if stored is None:
            return {}
        data = self.decode(stored.session_data)
        if cache_answers:
            self._cache_copy(data, self.get_expiry_age(expiry=stored.expire_date))
        return data

    def save(self, must_create=False):
        super().save(must_create)
        self._cache_copy(self._session, self.get_expiry_age())

    def _cache_copy(self, data, expiry_age: int) -> None:
        try:
            self._cache.set(CACHE_KEY_PREFIX + self.session_key, data, self._cache_timeout(expiry_age))
        except RedisError:
            # The database holds the change; an older copy in the cache lives at most SESSION_CACHE_SECONDS.
            logger.warning("A session was not copied to the cache: the cache does not answer.")

    def flush(self):
        # As the base class, but the session is deleted before it is emptied: when that is refused, the data stays
        # as it was, and the session middleware has nothing to save on the way out.
        self.delete()
        self.clear()
        self._session_key = None

    def delete(self, session_key=None):
        session_key = session_key or self.session_key
        if session_key is None:
            return
        # The cached copy first: if it cannot be removed, the database row must stay too (see the module's doc).
        try:
            self._cache.delete(CACHE_KEY_PREFIX + session_key)
        except RedisError as error:
            logger.error("A session could not be ended: the cache does not answer.")
            raise SessionsUnavailable from error
        super().delete(session_key)

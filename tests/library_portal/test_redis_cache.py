"""The shared cache's backend: Django's RedisCache with one redis-py client per connection pool."""

import threading

import pytest
from django.core.cache.backends.redis import RedisCache

from library_portal.redis_cache import SharedClientRedisCache
from tests.library_portal.test_redis_down import private_redis  # noqa: F401 - a redis-server of the test's own

pytestmark = pytest.mark.cluster  # starts a redis-server of its own


def _cache(url: str) -> SharedClientRedisCache:
    return SharedClientRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}})


def test_the_cache_keeps_one_client_per_pool_and_works_across_threads(private_redis, settings):  # noqa: F811
    cache = _cache(settings.REDIS_URL)
    assert isinstance(cache, RedisCache)
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    errors = []

    def work(n: int) -> None:
        try:
            for i in range(200):
                cache.set(f"k{n}:{i}", i)
                assert cache.get_many([f"k{n}:{i}", "missing"]) == {f"k{n}:{i}": i}
                cache.incr(f"k{n}:{i}")
            assert cache.get(f"k{n}:199") == 200
        except Exception as error:  # collected: an assertion in a thread would not fail the test
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []

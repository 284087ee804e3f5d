"""Django's RedisCache, with one redis-py client per connection pool instead of one per cache operation.

Why: Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every operation, and redis-py 8's
constructor fills its table of some 170 response callbacks each time. Measured on the 2-core development
machine (issue 14, a cached page served in-process through the WSGI handler, /lt/services/): 0.88-0.89 ms a
page with a client per operation, 0.61-0.65 ms with one per pool; a construction alone took 0.49 ms, an MGET
round trip 0.41 ms. Every cached page, session read and throttle pays it.

One client per pool is how redis-py means a client to be used: it is safe to share between threads and holds
no connection of its own (each command borrows one from the pool and gives it back). `get_client` is the method
Django's code names as the hook for custom clients; `_class` and `_get_connection_pool` are Django's own,
checked against Django 5.2 (requirements.txt pins it).
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

"""How API clients authenticate (settings.REST_FRAMEWORK; kept apart from the views DRF imports it for)."""

from django.db import connection
from rest_framework import authentication
from rest_framework.authtoken.models import Token

from library_portal.models import User


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, the lookup written as one plain query.

    Every API call of a patron authenticates: through the ORM the token-and-user join is compiled
    anew each time, which cost a quarter of an interlibrary-loan submission. An unknown token or an
    inactive user goes on to DRF's own check, so refusals keep DRF's messages and translations.
    """

    def authenticate_credentials(self, key):
        user_table, token_table = (connection.ops.quote_name(m._meta.db_table) for m in (User, Token))
        found = User.objects.raw(
            f"SELECT u.* FROM {user_table} u JOIN {token_table} t ON t.user_id = u.id WHERE t.key = %s",  # noqa: S608
            [key],
        )
        user = next(iter(found), None)
        if user is None or not user.is_active:
            return super().authenticate_credentials(key)
        return user, Token(key=key, user=user)

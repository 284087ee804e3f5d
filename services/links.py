"""Asking a web server whether an online resource's address still answers (`check_resource_links`).

Only the HTTP lives here; what the portal keeps of the answer is written by
`services.services.online_resource_check_record`.
"""

import urllib.error
import urllib.request

USER_AGENT = "library-portal-link-check/1.0"


def url_check(url: str, *, timeout: float) -> tuple[bool, str]:
    """Whether `url` answers, and what happened ("HTTP 200", "HTTP 404", the connection's error).

    Only http(s) addresses are asked; anything else is reported dead without a request.
    """
    if not url.lower().startswith(("http://", "https://")):
        return False, "not an http(s) address"
    headers = {"User-Agent": USER_AGENT}
    for method in ("HEAD", "GET"):  # some servers refuse HEAD; ask again with GET before calling a link dead
        request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310 - http(s) URLs only
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return True, f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in {403, 405, 501}:
                continue
            return False, f"HTTP {error.code}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            return False, str(getattr(error, "reason", error))[:200]
    return False, "no answer"

"""Who sent a request: the client's address, also behind the reverse proxies the portal trusts."""

from ipaddress import IPv4Address, IPv6Address, ip_address

from django.conf import settings
from django.http import HttpRequest

Address = IPv4Address | IPv6Address


def _parse(text: str) -> Address | None:
    """An address as a proxy writes it (`203.0.113.7`, `203.0.113.7:5100`, `[2001:db8::1]:443`), or None."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ip_address(text)
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str:
    """The address of the client, for limits and the survey log.

    The direct peer (REMOTE_ADDR) unless it is one of TRUSTED_PROXIES. Behind such a proxy every
    patron arrives from the proxy's address, so the client is read from X-Forwarded-For: each proxy
    appends the address it received the request from, so the hops are read from the right and the
    first one that is not a trusted proxy is the client. Anything left of it was written by the
    client itself and may be invented. A malformed hop ends the walk at the last address known to be
    real, so that a client cannot choose its own key by writing nonsense.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    peer = _parse(remote)
    if peer is None:
        return remote.strip() or "unknown"
    if not _trusted(peer):
        return str(peer)
    nearest = peer
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(hop)
        if address is None:
            break
        nearest = address
        if not _trusted(address):
            break
    return str(nearest)

"""The real client address of a request, behind zero or more trusted reverse proxies.

Every rate limit, the visit counter and the audit log use `client_ip(request)`. A
forwarded header is believed only when the connection comes from a proxy listed in
`TRUSTED_PROXIES` (addresses or networks); without that setting, `X-Forwarded-For` is
ignored and the socket address is the client. With proxies configured, the client is the
right-most address in `X-Forwarded-For` that is not itself a trusted proxy, so a client
cannot spoof its address by sending the header itself.

Limits count by `client_key(request)`: the IPv4 address itself, or for IPv6 the /64 network
(one home or office line is handed a whole /64, so counting single IPv6 addresses would
give one client 2^64 allowances). Logs keep the exact `client_ip`.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress._BaseNetwork, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _parse(value: str) -> ipaddress._BaseAddress | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    parsed = _parse(address)
    if parsed is None:
        return False
    return any(parsed in net for net in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str:
    """The address rate limits and logs should use; "" when none can be determined."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.TRUSTED_PROXIES or not is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        parsed = _parse(hop)
        if parsed is None:
            return remote  # a malformed chain: trust nothing beyond the proxy
        if not is_trusted_proxy(hop):
            return str(parsed)
    return str(_parse(hops[0])) if hops else remote


IPV6_GROUP_PREFIX = 64


def group_address(address: str) -> str:
    """The key a per-client limit counts under: an IPv4 address as is, an IPv6 address as
    the first address of its /64 ("2001:db8:1:2::"), an IPv4-mapped IPv6 address as the
    IPv4 address. Anything unparsable comes back unchanged."""
    parsed = _parse(address)
    if parsed is None:
        return address or ""
    if parsed.version == 6:
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        network = ipaddress.ip_network(f"{parsed}/{IPV6_GROUP_PREFIX}", strict=False)
        return str(network.network_address)
    return str(parsed)


def client_key(request) -> str:
    """The client as every per-client limit counts it (see group_address)."""
    return group_address(client_ip(request))

"""Who is asking: the address the sign-in throttle counts failures against.

The direct peer is the client unless it is one of TRUSTED_PROXIES (the dashboard's server, on
this machine by default); then the last hop of X-Forwarded-For is — the address that proxy
saw on its own socket. Anything earlier in that header was written by the client and is never
read, and a header from an untrusted peer is ignored whole, so rotating it changes nothing."""

import ipaddress

from starlette.requests import Request

from app.config import get_settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _parse(value: str) -> IPAddress | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[::1]:1234"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "198.51.100.7:1234"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # Node reports IPv4 peers as ::ffff:a.b.c.d
    return address


def _trusted(address: IPAddress | None) -> bool:
    return address is not None and any(address in net for net in get_settings().web.trusted_proxy_networks)


def client_address(request: Request) -> str:
    peer_text = request.client.host if request.client else "unknown"
    peer = _parse(peer_text)
    if _trusted(peer):
        hops = ",".join(request.headers.getlist("x-forwarded-for")).split(",")
        last = _parse(hops[-1]) if hops[-1].strip() else None
        if last is not None:
            return str(last)
    return str(peer) if peer is not None else peer_text


def throttle_key(address: str) -> str:
    """One bucket per IPv4 address, and per /64 for IPv6: a single IPv6 host usually holds a
    whole /64 and could otherwise take a fresh address for every guess."""
    parsed = _parse(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed) if parsed is not None else address

"""The client's address, as every limiter sees it (staff login throttling, the status page's limiter).

Behind the TLS proxy every request comes from the proxy's address, so the client's is read from
`X-Forwarded-For` — but only the entries our own proxies appended: a client can send the header with any
value, and the proxy appends to it (`$proxy_add_x_forwarded_for`), so the trustworthy entry is the one
`TRUSTED_PROXY_COUNT` places from the right. With no proxy configured the header is ignored.
"""

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        # Reached the application without passing through every configured proxy: trust only the socket.
        return remote
    return forwarded[-count]

"""The health check the load balancer and the containers ask every few seconds (docs/deployment.md).

Answered first in the middleware chain: the load balancer's probe carries no public host name and no
forwarded scheme, and it must not be turned into a 400 by host validation or into a redirect to HTTPS.
Nothing in the answer depends on the host. Only this exact path; anything else goes down the chain as before.
"""

from .views import healthz

PATH = "/healthz/"


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)

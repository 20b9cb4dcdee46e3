"""One error hierarchy for services. Views render it in Chinese; the API maps it to status codes."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the request. Nothing has been changed."""

    status_code = 400
    code = "invalid"
    default_message = _("The request was refused.")

    def __init__(self, message=None, *, code=None, fields=None):
        self.message = message or self.default_message
        if code:
            self.code = code
        self.fields = fields or {}
        super().__init__(str(self.message))


class ValidationFailed(DomainError):
    code = "invalid"
    default_message = _("Some fields are not valid.")


class PermissionDenied(DomainError):
    status_code = 403
    code = "forbidden"
    default_message = _("You are not allowed to do this.")


class NotFound(DomainError):
    status_code = 404
    code = "not_found"
    default_message = _("Not found.")


class Conflict(DomainError):
    status_code = 409
    code = "conflict"
    default_message = _("Someone else changed this case after you opened it. Reload it and try again.")


class TransitionRefused(DomainError):
    status_code = 409
    code = "transition_not_allowed"
    default_message = _("This action is not possible in the case's current state.")

"""A refused form survives the redirect back to its page (the track workbenches use this).

A POST view that refuses a form (its own errors or a service's DomainError) keeps what was typed and the
errors in the session; the page's next GET takes them back, once, and shows the form filled in with the
errors beside the fields, so a stale version or a wrong amount costs no retyping. Only the one case's page
takes them: a refusal on another case is dropped, never shown on the wrong file.
"""

from __future__ import annotations

from typing import NamedTuple

from django.http import QueryDict

# Never carried over: the CSRF token is the page's own, and a stale version must be re-read, not resubmitted.
_NOT_KEPT = ("csrfmiddlewaretoken", "version")


class Refused(NamedTuple):
    form: str  # the name of the form on the page
    data: QueryDict
    errors: dict[str, list[str]]


def keep_refused(request, *, key: str, case_id: int, form: str, errors: dict[str, list[str]]) -> None:
    data = {k: request.POST.getlist(k) for k in request.POST if k not in _NOT_KEPT}
    request.session[key] = {"case": case_id, "form": form, "data": data, "errors": errors}


def take_refused(request, *, key: str, case_id: int) -> Refused | None:
    stash = request.session.pop(key, None)
    if not stash or stash.get("case") != case_id:
        return None
    data = QueryDict(mutable=True)
    for name, values in stash["data"].items():
        data.setlist(name, values)
    return Refused(form=stash["form"], data=data, errors=stash["errors"])

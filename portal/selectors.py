"""What a worker may see of a case: found only by number AND query code together."""

from django.contrib.auth import get_user_model
from django.db import connection

from core.models import Organization
from core.query_codes import query_code_matches
from core.rows import Columns, select_related_rows
from disputes.models import Case, CaseEvent

_CASE = Columns(Case, "c")
_ORG = Columns(Organization, "o")
_USER = Columns(get_user_model(), "u")
_EVENT = Columns(CaseEvent, "e")


def _case_by_number(number: str) -> Case | None:
    """The case with its handling organisation and handler, in one statement written out (core.rows): the
    public lookup is the busiest page and the ORM spent more CPU compiling this join than running it."""
    found = select_related_rows(
        _CASE, [(_CASE, "owner_org", _ORG), (_CASE, "owner_user", _USER)],
        f"c.{connection.ops.quote_name('number')} = %s", [number],
    )
    return found[0] if found else None


def case_for_worker(*, number: str, code: str) -> Case | None:
    """None for any mismatch, so the caller answers the same whichever part was wrong."""
    number = (number or "").strip().upper()
    code = (code or "").strip().upper()
    if not number or not code or len(number) > 32 or len(code) > 16:
        return None
    case = _case_by_number(number)
    if case is None:
        # Spend the same HMAC work as a real comparison so timing does not tell numbers apart.
        query_code_matches(code, "")
        return None
    return case if query_code_matches(code, case.query_code_hash) else None


def public_timeline(case: Case, limit: int = 50) -> list[CaseEvent]:
    """The events the worker may see, newest first, each with the organisation that acted (written out as
    _case_by_number is, for the same page)."""
    qn = connection.ops.quote_name
    events = select_related_rows(
        _EVENT, [(_EVENT, "actor_org", _ORG)],
        f"e.{qn('case_id')} = %s AND e.{qn('is_public')} = %s", [case.pk, True, limit],
        tail=f"ORDER BY e.{qn('created_at')} DESC, e.{qn('id')} DESC LIMIT %s",
    )
    for event in events:
        CaseEvent.case.field.set_cached_value(event, case)
    return events


def case_actions(case: Case) -> set[str]:
    """Every kind of event the case has had (public or not): which tracks' parts of the page have anything to say
    (disputes.registry.status_page_context). A handful of rows through the case's event index."""
    return set(CaseEvent.objects.filter(case_id=case.pk).values_list("action", flat=True).distinct())

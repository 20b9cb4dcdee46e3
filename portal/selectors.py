"""What a worker may see of a case: found only by number AND query code together."""

from django.contrib.auth import get_user_model
from django.db import connection

from core.models import Organization
from core.query_codes import query_code_matches
from core.rows import Columns, fetch_row, fetch_rows
from disputes.models import Case, CaseEvent

_CASE = Columns(Case, "c")
_ORG = Columns(Organization, "o")
_USER = Columns(get_user_model(), "u")
_EVENT = Columns(CaseEvent, "e")


def _case_by_number(number: str) -> Case | None:
    """The case with its handling organisation and handler, in one statement written out (core.rows): the
    public lookup is the busiest page and the ORM spent more CPU compiling this join than running it."""
    qn = connection.ops.quote_name
    row = fetch_row(
        f"SELECT {_CASE.sql(connection)}, {_ORG.sql(connection)}, {_USER.sql(connection)} "
        f"FROM {qn(Case._meta.db_table)} c "
        f"INNER JOIN {qn(Organization._meta.db_table)} o ON o.{qn('id')} = c.{qn('owner_org_id')} "
        f"LEFT OUTER JOIN {qn(get_user_model()._meta.db_table)} u ON u.{qn('id')} = c.{qn('owner_user_id')} "
        f"WHERE c.{qn('number')} = %s",
        [number],
    )
    if row is None:
        return None
    case = _CASE.build(row, 0, connection)
    Case.owner_org.field.set_cached_value(case, _ORG.build(row, _CASE.width, connection))
    Case.owner_user.field.set_cached_value(case, _USER.build(row, _CASE.width + _ORG.width, connection))
    return case


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
    rows = fetch_rows(
        f"SELECT {_EVENT.sql(connection)}, {_ORG.sql(connection)} "
        f"FROM {qn(CaseEvent._meta.db_table)} e "
        f"LEFT OUTER JOIN {qn(Organization._meta.db_table)} o ON o.{qn('id')} = e.{qn('actor_org_id')} "
        f"WHERE e.{qn('case_id')} = %s AND e.{qn('is_public')} = %s "
        f"ORDER BY e.{qn('created_at')} DESC, e.{qn('id')} DESC LIMIT %s",
        [case.pk, True, limit],
    )
    events = []
    for row in rows:
        event = _EVENT.build(row, 0, connection)
        CaseEvent.actor_org.field.set_cached_value(event, _ORG.build(row, _EVENT.width, connection))
        CaseEvent.case.field.set_cached_value(event, case)
        events.append(event)
    return events

"""What a worker may see of a case: found only by number AND query code together."""

from core.query_codes import query_code_matches
from disputes.models import Case, CaseEvent


def case_for_worker(*, number: str, code: str) -> Case | None:
    """None for any mismatch, so the caller answers the same whichever part was wrong."""
    number = (number or "").strip().upper()
    code = (code or "").strip().upper()
    if not number or not code or len(number) > 32 or len(code) > 16:
        return None
    case = Case.objects.select_related("owner_org", "owner_user", "division").filter(number=number).first()
    if case is None:
        # Spend the same HMAC work as a real comparison so timing does not tell numbers apart.
        query_code_matches(code, "")
        return None
    return case if query_code_matches(code, case.query_code_hash) else None


def public_timeline(case: Case, limit: int = 50):
    return list(
        CaseEvent.objects.filter(case=case, is_public=True).select_related("actor_org").order_by("-created_at", "-id")[:limit]
    )

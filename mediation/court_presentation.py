"""Words for the events of union and court mediation on the timeline, in notifications and on the worker's page
(which shows the public ones: a session's time and place, the agreement's payment dates, the court's ruling)."""

from django.utils.translation import gettext as _

from .court_models import FailureReason, NextStep, PaymentOrderResult, Ruling
from .presentation import _local

ACTIONS = (
    "mediation_entrusted", "mediation_referred", "mediation_accepted", "mediation_session_scheduled",
    "mediation_session_held", "mediation_session_cancelled", "mediation_period_extended", "mediation_agreed",
    "mediation_failed", "limitation_interrupted", "confirmation_applied", "confirmation_ruled",
    "agreement_payment_recorded", "payment_order_applied", "payment_order_recorded", "consultation_convened",
    "consultation_next_step", "consultation_step_done",
)


def _payments(p) -> str:
    return "；".join(
        _("%(amount)s yuan by %(date)s") % {"amount": row.get("amount", ""), "date": row.get("due_on", "")}
        for row in p.get("payments", [])
    )


def court_mediation_event_label(event) -> str | None:
    a, p = event.action, event.payload or {}
    if a == "mediation_entrusted":
        return _("Entrusted by the court (case %(number)s) to %(body)s for mediation") % {
            "number": p.get("court_case_number", ""), "body": p.get("body", "")}
    if a == "mediation_referred":
        return _("Referred to %(body)s for mediation") % {"body": p.get("body", "")}
    if a == "mediation_accepted":
        return _("Mediation accepted by %(body)s; mediator %(name)s") % {
            "body": p.get("body", ""), "name": p.get("mediator", "")}
    if a == "mediation_session_scheduled":
        return _("Mediation session on %(when)s at %(place)s, %(room)s") % {
            "when": _local(p.get("starts_at")), "place": p.get("place", ""), "room": p.get("room", "")}
    if a == "mediation_session_held":
        return _("Mediation session held")
    if a == "mediation_session_cancelled":
        return _("Mediation session cancelled")
    if a == "mediation_period_extended":
        return _("Mediation period extended by %(days)s days with both parties' agreement") % {"days": p.get("days", "")}
    if a == "mediation_agreed":
        return _("Mediation agreement signed: %(total)s yuan (%(payments)s)") % {
            "total": p.get("total", ""), "payments": _payments(p)}
    if a == "mediation_failed":
        reason = FailureReason(event.reason_code).label if event.reason_code in FailureReason.values else ""
        step = NextStep(p["next_step"]).label if p.get("next_step") in NextStep.values else ""
        return _("Mediation failed (%(reason)s); %(step)s: %(org)s") % {
            "reason": reason, "step": step, "org": p.get("to_org_name", "")}
    if a == "limitation_interrupted":
        return _("Arbitration limitation interrupted by the mediation; it now ends on %(date)s") % {
            "date": p.get("ends_on", "")}
    if a == "confirmation_applied":
        return _("Judicial confirmation applied for at %(court)s") % {"court": p.get("court", "")}
    if a == "confirmation_ruled":
        ruling = Ruling(p["ruling"]).label if p.get("ruling") in Ruling.values else ""
        return _("Court ruling on judicial confirmation: %(ruling)s") % {"ruling": ruling}
    if a == "agreement_payment_recorded":
        return _("Payment of %(amount)s yuan recorded") % {"amount": p.get("amount", "")}
    if a == "payment_order_applied":
        return _("Payment order applied for at %(court)s: %(amount)s yuan") % {
            "court": p.get("court", ""), "amount": p.get("amount", "")}
    if a == "payment_order_recorded":
        result = PaymentOrderResult(p["result"]).label if p.get("result") in PaymentOrderResult.values else ""
        return _("Payment order %(number)s recorded %(result)s") % {
            "number": p.get("order_number", ""), "result": result}
    if a == "consultation_convened":
        return _("Joint consultation convened: %(title)s") % {"title": p.get("title", "")}
    if a == "consultation_step_done":
        return _("Joint consultation's next step done: %(text)s") % {"text": p.get("text", "")}
    if a == "consultation_next_step":
        return _("Joint consultation's next step: %(text)s (%(org)s, by %(date)s)") % {
            "text": p.get("text", ""), "org": p.get("org", ""), "date": p.get("due_on", "")}
    return None

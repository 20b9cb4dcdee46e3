"""Signals the case file sends, so tracks can react without the case file importing them.

case_ended: sent inside case_transition's transaction when a case reaches an ended state (ENDED_STATES:
not accepted, redirected, withdrawn, closed). A receiver writes in the same transaction, so what it does
commits or rolls back with the step; a receiver that refuses (raises) refuses the step.
Arguments: sender=Case, case (locked, at its new version), actor, profile, action (the transition), reason.
"""

from django.dispatch import Signal

case_ended = Signal()

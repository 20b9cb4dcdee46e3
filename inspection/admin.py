"""Admin for the inspection file: records are read-only (they change through the services); the penalty
table is data an administrator corrects."""

from django.contrib import admin

from disputes.admin import ReadOnlyAdmin

from .models import (
    ArbitrationTransfer,
    ComplianceRecord,
    CorrectionItem,
    CorrectionOrder,
    EmployerStatement,
    FilingDecision,
    GatheredEvidence,
    InspectionClosure,
    Interview,
    PenaltyProposal,
    PenaltyRule,
    Statement,
    Visit,
)


@admin.register(PenaltyRule)
class PenaltyRuleAdmin(admin.ModelAdmin):
    list_display = ("article", "name", "kind", "low", "high", "with_warning", "fine_optional", "payable_to_worker", "is_active")
    list_filter = ("kind", "is_active")
    # A rule that proposals point at is corrected or deactivated, never removed.
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FilingDecision)
class FilingDecisionAdmin(ReadOnlyAdmin):
    list_display = ("case", "decision", "reason_code", "decided_on", "inspector_in_charge", "organization")
    list_filter = ("decision", "reason_code")
    list_select_related = ("case", "inspector_in_charge", "organization")
    search_fields = ("case__number",)


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ("case", "visited_on", "place", "recorded_by")
    list_select_related = ("case", "recorded_by")
    search_fields = ("case__number",)


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ("case", "who", "name", "taken_on", "taken_by")
    list_filter = ("who",)
    list_select_related = ("case", "taken_by")
    search_fields = ("case__number",)


@admin.register(Interview)
class InterviewAdmin(ReadOnlyAdmin):
    list_display = ("case", "employer_representative", "held_on", "recorded_by")
    list_select_related = ("case", "recorded_by")
    search_fields = ("case__number",)


@admin.register(GatheredEvidence)
class GatheredEvidenceAdmin(ReadOnlyAdmin):
    list_display = ("case", "description", "source", "gathered_on")
    list_select_related = ("case",)
    search_fields = ("case__number",)


class CorrectionItemInline(admin.TabularInline):
    model = CorrectionItem
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "description", "amount", "workers")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CorrectionOrder)
class CorrectionOrderAdmin(ReadOnlyAdmin):
    list_display = ("case", "issued_on", "due_on", "workers_covered", "recorded_by")
    list_select_related = ("case", "recorded_by")
    search_fields = ("case__number",)
    inlines = [CorrectionItemInline]


@admin.register(ComplianceRecord)
class ComplianceRecordAdmin(ReadOnlyAdmin):
    list_display = ("case", "order", "complied", "amount_paid", "workers_paid", "recorded_on")
    list_filter = ("complied",)
    list_select_related = ("case", "order")
    search_fields = ("case__number",)


@admin.register(PenaltyProposal)
class PenaltyProposalAdmin(ReadOnlyAdmin):
    list_display = ("case", "article", "amount", "workers", "basis", "state", "notified_on", "statement_period_ends_on", "decided_on")
    list_filter = ("state", "article")
    list_select_related = ("case",)
    search_fields = ("case__number",)


@admin.register(EmployerStatement)
class EmployerStatementAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "received_on", "recorded_by")
    list_filter = ("kind",)
    list_select_related = ("case", "recorded_by")
    search_fields = ("case__number",)


@admin.register(ArbitrationTransfer)
class ArbitrationTransferAdmin(ReadOnlyAdmin):
    list_display = ("case", "referral", "limitation_interrupted_on", "interruption_source", "recorded_by")
    list_select_related = ("case", "referral", "recorded_by")
    search_fields = ("case__number",)


@admin.register(InspectionClosure)
class InspectionClosureAdmin(ReadOnlyAdmin):
    list_display = ("case", "outcome", "amount_recovered", "workers_covered", "closed_on", "organization")
    list_filter = ("outcome",)
    list_select_related = ("case", "organization")
    search_fields = ("case__number",)
    date_hierarchy = "closed_on"

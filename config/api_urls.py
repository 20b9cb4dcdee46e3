from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerView

from core.api_docs import SchemaView

from arbitration import api as arbitration_api
from compliance import api as compliance_api
from compliance import publication_api
from compliance import department_api, warning_api
from disputes import accounts_api
from disputes import api as disputes_api
from hearings import api as hearings_api
from inspection import api as inspection_api
from intake import api as intake_api
from legal_aid import api as legal_aid_api
from mediation import api as mediation_api
from mediation import court_urls as court_mediation_urls
from sampling import api as sampling_api

# Version 1 of the integration API. Names and shapes published here stay stable; a breaking change is v2.
v1_patterns = [
    path("complaints/", intake_api.ComplaintView.as_view(), name="complaints"),
    path("complaints/collective/", intake_api.CollectiveComplaintView.as_view(), name="complaints-collective"),
    path("cases/", disputes_api.CaseListView.as_view(), name="case-list"),
    path("cases/search/", disputes_api.CaseSearchView.as_view(), name="case-search"),
    path("cases/assign/", disputes_api.AssignView.as_view(), name="case-assign"),
    path("cases/<int:pk>/take/", disputes_api.TakeView.as_view(), name="case-take"),
    path("cases/<int:pk>/priority/", disputes_api.PriorityView.as_view(), name="case-priority"),
    path("cases/<int:pk>/priority/clear/", disputes_api.PriorityClearView.as_view(), name="case-priority-clear"),
    path("cases/<int:pk>/group/members/", disputes_api.GroupLinkView.as_view(), name="case-group-members"),
    path("cases/<int:pk>/group/split/", disputes_api.GroupSplitView.as_view(), name="case-group-split"),
    path("cases/<int:pk>/group/representatives/", disputes_api.RepresentativesView.as_view(),
         name="case-group-representatives"),
    path("workload/", disputes_api.WorkloadView.as_view(), name="workload"),
    path("cases/<int:pk>/", disputes_api.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<int:pk>/receipt/", intake_api.CaseReceiptView.as_view(), name="case-receipt"),
    path("cases/<int:pk>/split/", intake_api.CaseSplitView.as_view(), name="case-split"),
    path("documents/<int:pk>/", disputes_api.DocumentView.as_view(), name="document"),
    path("cases/<int:pk>/transitions/", disputes_api.CaseTransitionView.as_view(), name="case-transitions"),
    path("cases/<int:pk>/referrals/", disputes_api.CaseReferralView.as_view(), name="case-referrals"),
    path("cases/<int:pk>/notes/", disputes_api.CaseNoteView.as_view(), name="case-notes"),
    path("referrals/incoming/", disputes_api.IncomingReferralListView.as_view(), name="referrals-incoming"),
    path("referrals/<int:pk>/accept/", disputes_api.ReferralAcceptView.as_view(), name="referral-accept"),
    path("referrals/<int:pk>/decline/", disputes_api.ReferralDeclineView.as_view(), name="referral-decline"),
    path("referrals/<int:pk>/withdraw/", disputes_api.ReferralWithdrawView.as_view(), name="referral-withdraw"),
    path("organizations/", disputes_api.OrganizationListView.as_view(), name="organizations"),
    path("divisions/", accounts_api.DivisionListView.as_view(), name="divisions"),
    path("auth/token/", accounts_api.TokenView.as_view(), name="auth-token"),
    path("auth/token/revoke/", accounts_api.TokenRevokeView.as_view(), name="auth-token-revoke"),
    path("me/", accounts_api.MeView.as_view(), name="me"),
    path("staff/", accounts_api.StaffListView.as_view(), name="staff"),
    path("dashboard/", disputes_api.DashboardView.as_view(), name="dashboard"),
]

_arb = "cases/<int:pk>/arbitration/"
v1_patterns += [
    path(_arb, arbitration_api.ArbitrationFileView.as_view(), name="arbitration"),
    path(_arb + "completion-request/", arbitration_api.CompletionRequestView.as_view(), name="arbitration-completion-request"),
    path(_arb + "completion/", arbitration_api.CompletionView.as_view(), name="arbitration-completion"),
    path(_arb + "accept/", arbitration_api.AcceptView.as_view(), name="arbitration-accept"),
    path(_arb + "reject/", arbitration_api.RejectView.as_view(), name="arbitration-reject"),
    path(_arb + "convert-to-ordinary/", arbitration_api.ConvertToOrdinaryView.as_view(), name="arbitration-convert"),
    path(_arb + "tribunal/", arbitration_api.TribunalView.as_view(), name="arbitration-tribunal"),
    path(_arb + "recusals/", arbitration_api.RecusalView.as_view(), name="arbitration-recusals"),
    path(_arb + "recusals/<int:rid>/decide/", arbitration_api.RecusalDecideView.as_view(), name="arbitration-recusal-decide"),
    path(_arb + "award/", arbitration_api.AwardView.as_view(), name="arbitration-award"),
    path(_arb + "mediation-statement/", arbitration_api.MediationStatementView.as_view(), name="arbitration-mediation-statement"),
    path(_arb + "post-award/", arbitration_api.PostAwardView.as_view(), name="arbitration-post-award"),
    path(_arb + "service/", arbitration_api.ServiceRecordView.as_view(), name="arbitration-service"),
    path("cases/<int:pk>/hearings/", hearings_api.CaseHearingsView.as_view(), name="case-hearings"),
    path("hearings/<int:pk>/notice-served/", hearings_api.NoticeServedView.as_view(), name="hearing-notice-served"),
    path("hearings/<int:pk>/postpone/", hearings_api.PostponeView.as_view(), name="hearing-postpone"),
    path("hearings/<int:pk>/absence/", hearings_api.AbsenceView.as_view(), name="hearing-absence"),
    path("hearings/<int:pk>/held/", hearings_api.HeldView.as_view(), name="hearing-held"),
    path("hearings/<int:pk>/cancel/", hearings_api.CancelView.as_view(), name="hearing-cancel"),
    path("rooms/", hearings_api.RoomListView.as_view(), name="rooms"),
    path("referrals/<int:pk>/lawyer/", legal_aid_api.LawyerAssignView.as_view(), name="referral-lawyer"),
    path("referrals/<int:pk>/lawyer/replace/", legal_aid_api.LawyerReplaceView.as_view(), name="legal-aid-lawyer-replace"),
    path("referrals/<int:pk>/legal-aid/", legal_aid_api.AidFileView.as_view(), name="legal-aid-file"),
    path("referrals/<int:pk>/legal-aid/decision/", legal_aid_api.DecideView.as_view(), name="legal-aid-decision"),
    path("referrals/<int:pk>/legal-aid/materials/", legal_aid_api.MaterialsRequestView.as_view(), name="legal-aid-materials"),
    path("referrals/<int:pk>/legal-aid/materials-received/", legal_aid_api.MaterialsReceivedView.as_view(),
         name="legal-aid-materials-received"),
    path("referrals/<int:pk>/legal-aid/agreement/", legal_aid_api.AgreementView.as_view(), name="legal-aid-agreement"),
    path("referrals/<int:pk>/legal-aid/work/", legal_aid_api.WorkView.as_view(), name="legal-aid-work"),
    path("referrals/<int:pk>/legal-aid/outcome/", legal_aid_api.OutcomeView.as_view(), name="legal-aid-outcome"),
    path("referrals/<int:pk>/legal-aid/close/", legal_aid_api.CloseView.as_view(), name="legal-aid-close"),
    path("legal-aid/stations/", legal_aid_api.StationFiguresView.as_view(), name="legal-aid-stations"),
]

# --- labour inspection (inspection.api) ---
_insp = "cases/<int:pk>/inspection/"
v1_patterns += [
    path("referrals/<int:pk>/inspection-filing/", inspection_api.FilingView.as_view(), name="inspection-filing"),
    path("referrals/<int:pk>/inspection-refusal/", inspection_api.RefusalView.as_view(), name="inspection-refusal"),
    path(_insp, inspection_api.InspectionFileView.as_view(), name="inspection"),
    path(_insp + "visits/", inspection_api.VisitView.as_view(), name="inspection-visits"),
    path(_insp + "statements/", inspection_api.StatementView.as_view(), name="inspection-statements"),
    path(_insp + "interviews/", inspection_api.InterviewView.as_view(), name="inspection-interviews"),
    path(_insp + "evidence/", inspection_api.EvidenceView.as_view(), name="inspection-evidence"),
    path(_insp + "correction-orders/", inspection_api.CorrectionOrderView.as_view(), name="inspection-correction-orders"),
    path(_insp + "compliance/", inspection_api.ComplianceView.as_view(), name="inspection-compliance"),
    path(_insp + "penalty-proposals/", inspection_api.PenaltyProposalView.as_view(), name="inspection-penalty-proposals"),
    path(_insp + "employer-statements/", inspection_api.EmployerStatementView.as_view(), name="inspection-employer-statements"),
    path(_insp + "penalty-decisions/", inspection_api.PenaltyDecisionView.as_view(), name="inspection-penalty-decisions"),
    path(_insp + "transfer/", inspection_api.TransferView.as_view(), name="inspection-transfer"),
    path(_insp + "close/", inspection_api.CloseView.as_view(), name="inspection-close"),
]

# --- joint mediation (mediation.api) ---
v1_patterns += [
    path("cases/<int:pk>/joint-mediation/", mediation_api.CaseJointMediationView.as_view(), name="case-joint-mediation"),
    path("joint-mediation/<int:pk>/held/", mediation_api.HeldView.as_view(), name="joint-mediation-held"),
    path("joint-mediation/<int:pk>/agreement/", mediation_api.AgreementView.as_view(), name="joint-mediation-agreement"),
    path("joint-mediation/<int:pk>/failed/", mediation_api.FailedView.as_view(), name="joint-mediation-failed"),
    path("joint-mediation/<int:pk>/cancel/", mediation_api.CancelView.as_view(), name="joint-mediation-cancel"),
]

# --- union and court mediation, judicial confirmation, consultations (mediation.court_api) ---
v1_patterns += court_mediation_urls.api_patterns

# The wage-arrears list (MOHRSS Order 45).
v1_patterns += [
    path("cases/<int:pk>/listings/", compliance_api.ProposeView.as_view(), name="listing-propose"),
    path("listings/<int:pk>/", compliance_api.ListingDetailView.as_view(), name="listing-detail"),
    path("listings/<int:pk>/notice/", compliance_api.NoticeView.as_view(), name="listing-notice"),
    path("listings/<int:pk>/objection/", compliance_api.ObjectionView.as_view(), name="listing-objection"),
    path("listings/<int:pk>/objection-review/", compliance_api.ObjectionReviewView.as_view(),
         name="listing-objection-review"),
    path("listings/<int:pk>/extension/", compliance_api.ExtensionView.as_view(), name="listing-extension"),
    path("listings/<int:pk>/decision/", compliance_api.DecisionView.as_view(), name="listing-decision"),
    path("listings/<int:pk>/removal-application/", compliance_api.RemovalApplicationView.as_view(),
         name="listing-removal-application"),
    path("listings/<int:pk>/removal-decision/", compliance_api.RemovalDecisionView.as_view(),
         name="listing-removal-decision"),
]

# Random inspections (双随机、一公开).
v1_patterns += [
    path("random-inspections/items/", sampling_api.ItemListView.as_view(), name="random-inspection-items"),
    path("random-inspections/plans/", sampling_api.PlanView.as_view(), name="random-inspection-plans"),
    path("random-inspections/plans/<int:pk>/draws/", sampling_api.DrawView.as_view(), name="random-inspection-draw"),
    path("random-inspections/draws/<int:pk>/", sampling_api.DrawDetailView.as_view(),
         name="random-inspection-draw-detail"),
    path("random-inspections/draws/<int:pk>/cases/", sampling_api.OpenCasesView.as_view(),
         name="random-inspection-open-cases"),
    path("random-inspections/inspections/<int:pk>/result/", sampling_api.ResultView.as_view(),
         name="random-inspection-result"),
    path("random-inspections/conflicts/", sampling_api.ConflictView.as_view(), name="random-inspection-conflicts"),
]

# The publication of major violations (MOHRSS Order 29).
v1_patterns += [
    path("publications/", publication_api.PublicationsView.as_view(), name="publications"),
    path("publications/<int:pk>/", publication_api.PublicationDetailView.as_view(), name="publication-detail"),
    path("publications/<int:pk>/approve/", publication_api.ApproveView.as_view(), name="publication-approve"),
    path("publications/<int:pk>/publish/", publication_api.PublishView.as_view(), name="publication-publish"),
    path("publication-entries/<int:pk>/review/", publication_api.EntryReviewView.as_view(),
         name="publication-entry-review"),
]

# Early warning, interviews and warnings (measure 10); revocations of a listing (Order 45 arts 15-16).
v1_patterns += [
    path("warnings/", warning_api.WarningListView.as_view(), name="warnings"),
    path("warnings/<int:pk>/acknowledge/", warning_api.WarningAcknowledgeView.as_view(), name="warning-acknowledge"),
    path("warnings/<int:pk>/close/", warning_api.WarningCloseView.as_view(), name="warning-close"),
    path("employers/<int:pk>/interviews/", warning_api.InterviewView.as_view(), name="employer-interview"),
    path("department/warnings/", department_api.DepartmentWarningListView.as_view(), name="department-warnings"),
    path("department/warnings/<int:pk>/", department_api.DepartmentWarningView.as_view(), name="department-warning"),
    path("department/warnings/<int:pk>/acknowledge/", department_api.DepartmentAcknowledgeView.as_view(),
         name="department-warning-acknowledge"),
    path("department/warnings/<int:pk>/feedback/", department_api.DepartmentFeedbackView.as_view(),
         name="department-warning-feedback"),
    path("department/interviews/", department_api.DepartmentInterviewListView.as_view(), name="department-interviews"),
    path("interview-follow-ups/", department_api.FollowUpListView.as_view(), name="interview-follow-ups"),
    path("interviews/<int:pk>/follow-up/", department_api.FollowUpCloseView.as_view(), name="interview-follow-up"),
    path("listings/<int:pk>/revocation/", warning_api.ListingRevocationView.as_view(), name="listing-revocation"),
    path("listings/<int:pk>/removal-revocation/", warning_api.RemovalRevocationView.as_view(),
         name="listing-removal-revocation"),
]

# The front door: what the version offers, and where its schema and documentation are.
v1_patterns.append(path("", disputes_api.ApiRootView.as_view(patterns=tuple(v1_patterns)), name="root"))

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("v1/", include((v1_patterns, "api-v1"))),
]

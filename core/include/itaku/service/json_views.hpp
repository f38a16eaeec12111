// One JSON view per thing the registry shows: every `--format json` of the CLI and every answer of
// the REST API that shows one of these builds it here, so that a script and a web page read the
// same fields. schemas/openapi.json describes each (its component in brackets), and a test holds
// the CLI's output, the server's answer and that description equal (tests/rest/json_views_test.cpp).
// Absent values are null, never left out: a reader finds every field it was promised.
//
// These are views, not records: a record (docs/records.md) is what import reads, export writes and
// the audit trail keeps; a view adds what is derived (a review, a count of engagements).
#pragma once

#include <nlohmann/json.hpp>

#include "itaku/registry/registry.hpp"
#include "itaku/service/registry_service.hpp"

namespace itaku {

// [EngagementDetails] {"record", "verification", "last_assessment"}: `itaku show`, GET /engagements/{ref}.
nlohmann::ordered_json engagement_details_view(const EngagementDetails& details);
// [RecordOnly] {"record"}: the engagement after verify, void, clause, terminate.
nlohmann::ordered_json engagement_record_view(const Engagement& engagement);
// [RecordWithReview] {"record", "outcome", "changes", "review"} and "vendor_name_kept" when the
// record named a registered 法人番号 by another name: `itaku channel register`, POST and PUT and PATCH.
nlohmann::ordered_json registration_view(const RegisterOutcome& outcome);
// [EngagementSummary, ChannelSummary] one line of a list of engagements or channels.
nlohmann::ordered_json engagement_summary_view(const EngagementListItem& item);
// [StoredAssessment] `itaku assess`, GET and POST /engagements/{ref}/assessments.
nlohmann::ordered_json assessment_view(const StoredAssessment& assessment);
// [Vendor] `itaku vendor cert|rename`, GET /vendors.
nlohmann::ordered_json vendor_view(const StoredVendor& vendor);
// [Person] `itaku person ...`, GET and POST /persons.
nlohmann::ordered_json person_view(const StoredPerson& person);
// [Token] `itaku token list`, GET /tokens (never the token itself).
nlohmann::ordered_json token_view(const ApiToken& token);
// [IssuedToken] `itaku token create --format json`, POST /tokens: the token view plus the
// token itself, shown this once.
nlohmann::ordered_json issued_token_view(const ApiToken& token, const std::string& secret);
// [AuditEntry] `itaku audit log --format jsonl`, GET /audit.
nlohmann::ordered_json audit_entry_view(const AuditEntry& entry);
// [DueItem] `itaku due`, GET /due.
nlohmann::ordered_json due_item_view(const DueItem& item);
// [Session] {"name", "role", "department"}: who a bearer token is, GET /session (no CLI twin).
nlohmann::ordered_json session_view(const Principal& principal);
// [Dashboard] {"as_of", "engagements", "by_decision", "by_verification_status", "by_kind",
// "findings_by_department", "findings_by_severity"}: GET /dashboard (no CLI twin).
nlohmann::ordered_json dashboard_view(const Dashboard& dashboard);
// [Reassignment] {"from", "to", "moved"}: POST /persons/{id}/reassign. `itaku person reassign
// --format json` prints `moved` alone (an array), as it did before the route existed.
nlohmann::ordered_json reassignment_view(long long from, long long to, const std::vector<std::string>& moved);

}  // namespace itaku

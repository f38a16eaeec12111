#include "itaku/service/json_views.hpp"

#include "itaku/domain/engagement_json.hpp"
#include "itaku/domain/record_changes.hpp"
#include "itaku/report/report_json.hpp"

namespace itaku {
namespace {

using nlohmann::ordered_json;

ordered_json nullable(const std::optional<std::string>& text) { return text ? ordered_json(*text) : ordered_json(); }

ordered_json parsed_or_null(const std::string& text) { return text.empty() ? ordered_json() : ordered_json::parse(text); }

const char* outcome_name(UpsertOutcome outcome) {
  switch (outcome) {
    case UpsertOutcome::kCreated:
      return "created";
    case UpsertOutcome::kUpdated:
      return "updated";
    case UpsertOutcome::kUnchanged:
      break;
  }
  return "unchanged";
}

}  // namespace

ordered_json engagement_details_view(const EngagementDetails& details) {
  return {{"record", ordered_json(engagement_to_json(details.engagement))},
          {"verification",
           {{"status", verification_status_name(details.verification.status)},
            {"next_due", details.verification.next_due.to_string()},
            {"interval_months", details.verification.interval_months}}},
          {"last_assessment", details.last_assessment ? assessment_view(*details.last_assessment) : ordered_json()}};
}

ordered_json engagement_record_view(const Engagement& engagement) {
  return {{"record", ordered_json(engagement_to_json(engagement))}};
}

ordered_json registration_view(const RegisterOutcome& outcome) {
  ordered_json changes = ordered_json::array();
  if (outcome.before) {
    for (const auto& change : record_changes(engagement_to_json(*outcome.before), engagement_to_json(outcome.after))) {
      changes.push_back({{"path", change.pointer}, {"before", change.before}, {"after", change.after}});
    }
  }
  ordered_json view = {{"record", ordered_json(engagement_to_json(outcome.after))},
                       {"outcome", outcome_name(outcome.outcome)},
                       {"changes", std::move(changes)},
                       {"review", outcome.review}};
  if (outcome.vendor_conflict) {
    view["vendor_name_kept"] = {{"corporate_number", outcome.vendor_conflict->corporate_number},
                                {"registered_name", outcome.vendor_conflict->registered_name},
                                {"given_name", outcome.vendor_conflict->given_name}};
  }
  return view;
}

ordered_json engagement_summary_view(const EngagementListItem& item) {
  const Engagement& e = item.engagement;
  ordered_json view = {
      {"ref", e.ref},
      {"kind", e.kind},
      {"title", e.title},
      {"department", e.department},
      {"status", engagement_status_name(e.status)},
      {"decision", decision_name(item.review.decision)},
      {"risk_level", item.review.risk_level ? std::string(severity_name(*item.review.risk_level)) : std::string("none")},
      {"verification_status", verification_status_name(item.review.verification.status)},
      {"next_due", item.review.verification.next_due.to_string()}};
  if (e.kind == "social_media" && e.section.is_object()) {
    view["platform"] = e.section.value("platform", "");
    view["account"] = e.section.value("account", "");
    view["url"] = e.section.value("url", "");
  }
  return view;
}

ordered_json assessment_view(const StoredAssessment& assessment) {
  return {{"as_of", assessment.as_of.to_string()},
          {"plugin", assessment.plugin},
          {"plugin_version", assessment.plugin_version},
          {"assessed_at", assessment.assessed_at},
          {"actor", assessment.actor},
          {"result", ordered_json::parse(assessment.result_json)}};
}

ordered_json vendor_view(const StoredVendor& stored) {
  ordered_json certifications = ordered_json::array();
  for (const auto& c : stored.vendor.certifications) {
    certifications.push_back({{"scheme", c.scheme}, {"number", nullable(c.number)}, {"valid_until", c.valid_until.to_string()}});
  }
  return {{"name", stored.vendor.name},
          {"corporate_number", nullable(stored.vendor.corporate_number)},
          {"country", nullable(stored.vendor.country)},
          {"certifications", std::move(certifications)},
          {"engagements", stored.engagements}};
}

ordered_json person_view(const StoredPerson& stored) {
  return {{"id", stored.id},
          {"name", stored.person.name},
          {"department", stored.person.department},
          {"email", nullable(stored.person.email)},
          {"active", stored.person.is_active()},
          {"engagements", stored.engagements}};
}

ordered_json token_view(const ApiToken& token) {
  return {{"name", token.name},
          {"role", role_name(token.role)},
          {"department", nullable(token.department)},
          {"created_at", token.created_at},
          {"revoked_at", nullable(token.revoked_at)}};
}

ordered_json issued_token_view(const ApiToken& token, const std::string& secret) {
  ordered_json view = token_view(token);
  view["token"] = secret;
  return view;
}

ordered_json audit_entry_view(const AuditEntry& entry) {
  return {{"id", entry.id},
          {"at", entry.at},
          {"actor", entry.actor},
          {"action", entry.action},
          {"entity", entry.entity},
          {"key", entry.entity_key},
          {"before", parsed_or_null(entry.before_json)},
          {"after", parsed_or_null(entry.after_json)},
          {"hash", entry.hash}};
}

ordered_json due_item_view(const DueItem& item) {
  return {{"what", item.what == DueItem::What::kVerification ? "verification" : "certification"},
          {"date", item.date.to_string()},
          {"ref", item.ref},
          {"title", item.title},
          {"department", item.department},
          {"detail", item.detail},
          {"status", item.status},
          {"days", item.days}};
}

ordered_json session_view(const Principal& principal) {
  return {{"name", principal.name}, {"role", role_name(principal.role)}, {"department", nullable(principal.department)}};
}

namespace {

ordered_json severity_counts(const SeverityCounts& counts) {
  return {{"critical", counts.critical}, {"high", counts.high}, {"medium", counts.medium}, {"low", counts.low}};
}

}  // namespace

ordered_json dashboard_view(const Dashboard& dashboard) {
  ordered_json kinds = ordered_json::object();
  // The three kinds first, in the order the records document them; then any other kind counted.
  for (const char* kind : {"contractor", "cloud", "social_media"}) {
    const auto counted = dashboard.kinds.find(kind);
    kinds[kind] = counted == dashboard.kinds.end() ? 0 : counted->second;
  }
  for (const auto& [kind, count] : dashboard.kinds) {
    if (!kinds.contains(kind)) kinds[kind] = count;
  }
  ordered_json departments = ordered_json::array();
  for (const DepartmentFindings& department : dashboard.departments) {
    const SeverityCounts& findings = department.findings;
    departments.push_back({{"department", department.department},
                           {"critical", findings.critical},
                           {"high", findings.high},
                           {"medium", findings.medium},
                           {"low", findings.low},
                           {"engagements", department.engagements}});
  }
  return {{"as_of", dashboard.as_of.to_string()},
          {"engagements", dashboard.engagements},
          {"by_decision", {{"approve", dashboard.approve}, {"conditional", dashboard.conditional}, {"reject", dashboard.reject}}},
          {"by_verification_status",
           {{"verified", dashboard.verified},
            {"due_soon", dashboard.due_soon},
            {"unverified", dashboard.unverified},
            {"overdue", dashboard.overdue},
            {"failed", dashboard.failed}}},
          {"by_kind", std::move(kinds)},
          {"findings_by_department", std::move(departments)},
          {"findings_by_severity", severity_counts(dashboard.findings)}};
}

ordered_json reassignment_view(long long from, long long to, const std::vector<std::string>& moved) {
  return {{"from", from}, {"to", to}, {"moved", moved}};
}

}  // namespace itaku

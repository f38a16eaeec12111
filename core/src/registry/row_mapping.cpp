#include "registry/row_mapping.hpp"

#include <nlohmann/json.hpp>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/domain/role.hpp"

namespace itaku::detail {

Date stored_date(const std::string& text, const std::string& what) {
  auto date = Date::parse(text);
  if (!date) throw Error(ErrorCode::kInternal, "the database holds a malformed date in " + what + ": '" + text + "'");
  return *date;
}

std::optional<std::string> optional_text(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return row.get<std::string>(column);
}

// SQLite's INTEGER PRIMARY KEY is read as int, PostgreSQL's BIGSERIAL as long long.
long long integer_at(const soci::row& row, std::size_t column) {
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_integer: return row.get<int>(column);
    case soci::dt_long_long: return row.get<long long>(column);
    case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(column));
    case soci::dt_string: return std::stoll(row.get<std::string>(column));
    default: break;
  }
  throw Error(ErrorCode::kInternal, "column " + row.get_properties(column).get_name() + " is not an integer");
}

std::optional<int> optional_int(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return static_cast<int>(integer_at(row, column));
}

int int_at(const soci::row& row, std::size_t column) { return static_cast<int>(integer_at(row, column)); }

const char* const kEngagementColumns =
    "SELECT e.id, e.ref, e.kind, e.title, e.department, e.status,"
    " p.name, p.department, p.email, p.active,"
    " v.id, v.name, v.corporate_number, v.country,"
    " e.confidentiality, e.integrity, e.availability, e.personal_data, e.my_number,"
    " e.network_zone, e.period_start, e.period_end,"
    " e.subcontracting_used, e.subcontracting_approved, e.subcontracting_flow_down,"
    " e.verification_interval_months, e.section_json, e.return_confirmed_on, e.termination_note,"
    " e.ledger_json"
    " FROM engagements e"
    " LEFT JOIN persons p ON p.id = e.responsible_person_id"
    " LEFT JOIN vendors v ON v.id = e.vendor_id";

LoadedEngagement engagement_from_row(const soci::row& row) {
  LoadedEngagement loaded;
  Engagement& e = loaded.engagement;
  loaded.id = integer_at(row, 0);
  e.ref = row.get<std::string>(1);
  e.kind = row.get<std::string>(2);
  e.title = row.get<std::string>(3);
  e.department = row.get<std::string>(4);
  e.status = stored_word(parse_engagement_status(row.get<std::string>(5)), "status of " + e.ref);
  if (row.get_indicator(6) != soci::i_null) {
    e.responsible_person = Person{row.get<std::string>(6), row.get<std::string>(7), optional_text(row, 8),
                                  int_at(row, 9) != 0};
  }
  if (row.get_indicator(10) != soci::i_null) {
    loaded.vendor_id = integer_at(row, 10);
    e.vendor = Vendor{row.get<std::string>(11), optional_text(row, 12), optional_text(row, 13), {}};
  }
  e.information = {int_at(row, 14), int_at(row, 15), int_at(row, 16), int_at(row, 17) != 0, int_at(row, 18) != 0};
  if (auto zone = optional_text(row, 19)) e.network_zone = stored_word(parse_network_zone(*zone), "network_zone of " + e.ref);
  e.period.start = stored_date(row.get<std::string>(20), "period_start of " + e.ref);
  if (auto end = optional_text(row, 21)) e.period.end = stored_date(*end, "period_end of " + e.ref);
  if (auto used = optional_int(row, 22)) {
    Subcontracting sub;
    sub.used = *used != 0;
    if (auto approved = optional_int(row, 23)) sub.approved = *approved != 0;
    if (auto flow_down = optional_int(row, 24)) sub.flow_down = *flow_down != 0;
    e.subcontracting = sub;
  }
  e.verification_interval_months = optional_int(row, 25);
  if (auto section = optional_text(row, 26)) e.section = nlohmann::json::parse(*section);
  if (auto confirmed = optional_text(row, 27)) {
    e.termination = Termination{stored_date(*confirmed, "return_confirmed_on of " + e.ref), optional_text(row, 28)};
  }
  if (auto ledger_text = optional_text(row, 29)) {
    const nlohmann::json ledger = nlohmann::json::parse(*ledger_text);
    for (const auto& [header, text] : ledger.items()) e.ledger.emplace(header, text.get<std::string>());
  }
  return loaded;
}

StoredPerson person_from_row(const soci::row& row) {
  StoredPerson stored;
  stored.id = integer_at(row, 0);
  stored.person = Person{row.get<std::string>(1), row.get<std::string>(2), optional_text(row, 3), int_at(row, 4) != 0};
  stored.engagements = static_cast<std::size_t>(integer_at(row, 5));
  return stored;
}

StoredAssessment assessment_from_row(const std::string& ref, const soci::row& row) {
  return StoredAssessment{ref,
                          stored_date(row.get<std::string>(0), "an assessment of " + ref),
                          row.get<std::string>(1),
                          row.get<std::string>(2),
                          row.get<std::string>(3),
                          row.get<std::string>(4),
                          row.get<std::string>(5)};
}

ApiToken token_from_row(const soci::row& row) {
  ApiToken token;
  token.name = row.get<std::string>(0);
  token.role = stored_word(parse_role(row.get<std::string>(1)), "the role of token " + token.name);
  token.department = optional_text(row, 2);
  token.token_hash = row.get<std::string>(3);
  token.created_at = row.get<std::string>(4);
  token.revoked_at = optional_text(row, 5);
  return token;
}

AuditEntry audit_entry_from_row(const soci::row& row) {
  AuditEntry entry;
  entry.id = integer_at(row, 0);
  entry.at = row.get<std::string>(1);
  entry.actor = row.get<std::string>(2);
  entry.action = row.get<std::string>(3);
  entry.entity = row.get<std::string>(4);
  entry.entity_key = row.get<std::string>(5);
  entry.before_json = optional_text(row, 6).value_or("");
  entry.after_json = optional_text(row, 7).value_or("");
  entry.prev_hash = row.get<std::string>(8);
  entry.hash = row.get<std::string>(9);
  return entry;
}

Certification certification_from_row(const soci::row& row, std::size_t first, const std::string& vendor_name) {
  Certification certification;
  certification.scheme = row.get<std::string>(first);
  const std::string number = row.get<std::string>(first + 1);
  if (!number.empty()) certification.number = number;
  certification.valid_until = stored_date(row.get<std::string>(first + 2), "a certification of " + vendor_name);
  return certification;
}

}  // namespace itaku::detail

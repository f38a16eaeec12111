// Rows ↔ domain values: how the store's columns read back into engagements, persons, vendors,
// tokens, assessments and audit entries, and how optional values are bound. No SQL is run here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "itaku/domain/date.hpp"
#include "itaku/domain/engagement.hpp"
#include "itaku/error.hpp"
#include "itaku/registry/registry.hpp"

namespace itaku::detail {

// Nullable values for use(): SOCI 4.0.3 has no std::optional, so each carries an indicator.
struct NullableText {
  std::string value;
  soci::indicator indicator = soci::i_null;
  NullableText() = default;
  explicit NullableText(const std::optional<std::string>& text)
      : value(text.value_or("")), indicator(text ? soci::i_ok : soci::i_null) {}
};

struct NullableInt {
  int value = 0;
  soci::indicator indicator = soci::i_null;
  NullableInt() = default;
  explicit NullableInt(const std::optional<int>& number)
      : value(number.value_or(0)), indicator(number ? soci::i_ok : soci::i_null) {}
  explicit NullableInt(const std::optional<bool>& flag)
      : value(flag.value_or(false) ? 1 : 0), indicator(flag ? soci::i_ok : soci::i_null) {}
};

// A stored date; a malformed one means the database was changed by hand (kInternal).
Date stored_date(const std::string& text, const std::string& what);

// A stored enum word; one this binary does not know means the database was changed by hand.
template <typename T>
T stored_word(const std::optional<T>& parsed, const std::string& what) {
  if (!parsed) throw Error(ErrorCode::kInternal, "the database holds an unknown value in " + what);
  return *parsed;
}

std::optional<std::string> optional_text(const soci::row& row, std::size_t column);
// Integer columns come back as int or long long depending on backend and declared type.
long long integer_at(const soci::row& row, std::size_t column);
std::optional<int> optional_int(const soci::row& row, std::size_t column);
int int_at(const soci::row& row, std::size_t column);

// The engagement columns every engagement read selects, in engagement_from_row's order.
extern const char* const kEngagementColumns;

struct LoadedEngagement {
  long long id = 0;
  std::optional<long long> vendor_id;
  Engagement engagement;  // without clauses, verifications, evidence and certifications
};
LoadedEngagement engagement_from_row(const soci::row& row);

// Columns: id, name, department, email, active, number of engagements.
StoredPerson person_from_row(const soci::row& row);
// Columns: as_of, plugin, plugin_version, assessed_at, actor, result_json.
StoredAssessment assessment_from_row(const std::string& ref, const soci::row& row);
// Columns: name, role, department, token_hash, created_at, revoked_at.
ApiToken token_from_row(const soci::row& row);
// Columns: id, at, actor, action, entity, entity_key, before_json, after_json, prev_hash, hash.
AuditEntry audit_entry_from_row(const soci::row& row);
// Columns from `first`: scheme, number ("" for none), valid_until.
Certification certification_from_row(const soci::row& row, std::size_t first, const std::string& vendor_name);

}  // namespace itaku::detail

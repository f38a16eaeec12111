// What an update changed, field by field, for the people who made it (README "An update changes
// what it names"): `itaku channel register` on a registered ref prints these.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace itaku {

struct FieldChange {
  std::string pointer;    // JSON Pointer of the field, e.g. "/social_media/mfa"
  nlohmann::json before;  // null when the field was absent
  nlohmann::json after;   // null when the field is now absent
};

// Every field whose value differs between two records, in the order of `after`'s fields, then
// fields only `before` had. Objects are compared field by field and lists item by item
// ("/verifications/2/voided"); an item or field only one side has is one change.
std::vector<FieldChange> record_changes(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace itaku

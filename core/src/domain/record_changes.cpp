#include "itaku/domain/record_changes.hpp"

#include <algorithm>

namespace itaku {
namespace {

using nlohmann::json;

// RFC 6901: "~" and "/" in a field name are escaped.
std::string pointer_token(const std::string& key) {
  std::string token;
  for (char c : key) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token += c;
    }
  }
  return token;
}

void collect(const json& before, const json& after, const std::string& pointer, std::vector<FieldChange>& changes) {
  if (before.is_object() && after.is_object()) {
    for (auto it = after.begin(); it != after.end(); ++it) {
      const auto old = before.find(it.key());
      collect(old == before.end() ? json() : *old, *it, pointer + "/" + pointer_token(it.key()), changes);
    }
    for (auto it = before.begin(); it != before.end(); ++it) {
      if (!after.contains(it.key())) collect(*it, json(), pointer + "/" + pointer_token(it.key()), changes);
    }
    return;
  }
  if (before.is_array() && after.is_array()) {
    for (std::size_t i = 0; i < std::max(before.size(), after.size()); ++i) {
      collect(i < before.size() ? before[i] : json(), i < after.size() ? after[i] : json(),
              pointer + "/" + std::to_string(i), changes);
    }
    return;
  }
  if (before != after) changes.push_back({pointer, before, after});
}

}  // namespace

std::vector<FieldChange> record_changes(const json& before, const json& after) {
  std::vector<FieldChange> changes;
  collect(before, after, "", changes);
  return changes;
}

}  // namespace itaku

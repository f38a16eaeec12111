#include "schema/issue_messages.hpp"

#include <algorithm>
#include <string_view>

#include "schema/json_pointer.hpp"
#include "schema/schema_navigation.hpp"

namespace itaku::detail {
namespace {

using nlohmann::json;

bool starts_with(std::string_view text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// Text between the first pair of single quotes after `marker`, e.g. the property name.
std::string quoted_after(const std::string& text, std::string_view marker) {
  auto at = text.find(marker);
  if (at == std::string::npos) return {};
  auto open = text.find('\'', at + marker.size() - 1);
  if (open == std::string::npos) return {};
  auto close = text.rfind('\'');
  if (close == std::string::npos || close <= open) return {};
  return text.substr(open + 1, close - open - 1);
}

std::string type_phrase(std::string_view type) {
  if (type == "string") return "text";
  if (type == "integer") return "a whole number";
  if (type == "number") return "a number";
  if (type == "boolean") return "true or false";
  if (type == "object") return "an object";
  if (type == "array") return "a list (array)";
  if (type == "null") return "null";
  return std::string(type);
}

std::string actual_type_phrase(const json& value) {
  switch (value.type()) {
    case json::value_t::string: return "text";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "a whole number";
    case json::value_t::number_float: return "a number";
    case json::value_t::boolean: return "true/false";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "a list";
    case json::value_t::null: return "null";
    default: return "a value";
  }
}

std::string expected_type(const json* node) {
  if (!node) return "another type";
  auto type = node->find("type");
  if (type == node->end()) return "another type";
  if (type->is_string()) return type_phrase(type->get_ref<const std::string&>());
  std::string joined;
  for (const auto& t : *type) joined += (joined.empty() ? "" : " or ") + type_phrase(t.get<std::string>());
  return joined;
}

const json* value_at(const json& record, const std::vector<std::string>& path) {
  const json* current = &record;
  for (const auto& segment : path) {
    if (current->is_object()) {
      auto it = current->find(segment);
      if (it == current->end()) return nullptr;
      current = &*it;
    } else if (current->is_array()) {
      size_t index = 0;
      try {
        index = std::stoul(segment);
      } catch (...) {
        return nullptr;
      }
      if (index >= current->size()) return nullptr;
      current = &(*current)[index];
    } else {
      return nullptr;
    }
  }
  return current;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "did you mean 'verifications'?" for a typo in a field name.
std::string suggestion(const json* object_schema, const std::string& unknown) {
  if (!object_schema || !object_schema->contains("properties")) return {};
  std::string best;
  size_t best_distance = 3;
  for (const auto& [name, unused] : (*object_schema)["properties"].items()) {
    const size_t distance = edit_distance(unknown, name);
    if (distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  }
  return best.empty() ? std::string() : "; did you mean '" + best + "'?";
}

std::string enum_list(const json& values) {
  std::string joined;
  for (const auto& value : values) joined += (joined.empty() ? "" : ", ") + (value.is_string() ? value.get<std::string>() : value.dump());
  return joined;
}

std::string to_pointer(const std::vector<std::string>& path) {
  std::string pointer;
  for (const auto& segment : path) append_pointer_segment(pointer, segment);
  return pointer;
}

std::string range_text(const json* node) {
  if (!node) return "a value in range";
  const bool has_min = node->contains("minimum");
  const bool has_max = node->contains("maximum");
  if (has_min && has_max) return "a value from " + (*node)["minimum"].dump() + " to " + (*node)["maximum"].dump();
  if (has_min) return "a value of at least " + (*node)["minimum"].dump();
  if (has_max) return "a value of at most " + (*node)["maximum"].dump();
  return "a value in range";
}

}  // namespace

std::string preview(const json& value) {
  // Containers are summarised, never dumped: dump() recurses, and the value is attacker-shaped.
  if (value.is_object()) return "an object {…} with " + std::to_string(value.size()) + " fields";
  if (value.is_array()) return "a list […] of " + std::to_string(value.size()) + " items";
  std::string text = value.is_string() ? "'" + value.get_ref<const std::string&>() + "'" : value.dump();
  constexpr size_t kLimit = 60;
  if (text.size() > kLimit) {
    size_t cut = kLimit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    text = text.substr(0, cut) + "…";
  }
  return text;
}

std::optional<ValidationIssue> describe_schema_error(const std::vector<std::string>& context,
                                                     const std::string& description,
                                                     const std::vector<std::string>& prefix, const json& record,
                                                     const json& schema_root) {
  static constexpr std::string_view kRollUps[] = {
      "Failed to validate against child schema", "Failed to validate item #", "Failed to validate against schema associated",
      "Failed to validate against a conditional schema", "Cannot validate item #", "Failed to validate against any",
      "Failed to validate against exactly one", "Failed to validate against additional items",
      "Failed to validate against additional properties schema", "Failed to validate against dependent schema",
  };
  for (auto roll_up : kRollUps) {
    if (starts_with(description, roll_up)) return std::nullopt;
  }

  // Path inside the validated value, then inside the record.
  std::vector<std::string> local;
  for (const auto& element : context) {
    if (element == "<root>") continue;
    if (element.size() >= 2 && element.front() == '[' && element.back() == ']') {
      local.push_back(element.substr(1, element.size() - 2));
    } else {
      local.push_back(element);
    }
  }
  std::vector<std::string> full = prefix;
  full.insert(full.end(), local.begin(), local.end());
  const json* node = schema_node_at(schema_root, schema_root, local);
  const json* value = value_at(record, full);

  if (starts_with(description, "Missing required property")) {
    const std::string property = quoted_after(description, "property '");
    full.push_back(property);
    const bool always_required = node && node->contains("required") &&
                                 std::find((*node)["required"].begin(), (*node)["required"].end(), property) !=
                                     (*node)["required"].end();
    std::string message = "required field '" + property + "' is missing";
    if (!always_required && prefix.empty() && local.empty() && record.contains("kind") && record["kind"].is_string()) {
      message += " (required for kind '" + record["kind"].get<std::string>() + "')";
    }
    return ValidationIssue{to_pointer(full), message};
  }
  if (starts_with(description, "Object contains a property that could not be validated")) {
    const std::string property = quoted_after(description, "constraints: '");
    full.push_back(property);
    return ValidationIssue{to_pointer(full), "unknown field '" + property +
                                                 "' (not part of record format version 1)" + suggestion(node, property)};
  }
  const std::string pointer = to_pointer(full);
  const std::string got = value ? ", got " + preview(*value) : "";
  if (starts_with(description, "Value type not permitted")) {
    std::string message = "expected " + expected_type(node);
    if (node && node->contains("description")) message += " (" + node->at("description").get<std::string>() + ")";
    message += ", got " + (value ? actual_type_phrase(*value) + " " + preview(*value) : std::string("another type"));
    return ValidationIssue{pointer, message};
  }
  if (starts_with(description, "Failed to match against any enum values")) {
    const std::string allowed = node && node->contains("enum") ? enum_list((*node)["enum"]) : "an allowed value";
    return ValidationIssue{pointer, "expected one of: " + allowed + got};
  }
  if (starts_with(description, "Failed to match regex")) {
    std::string expected = "text matching " + (node && node->contains("pattern") ? (*node)["pattern"].get<std::string>() : "");
    if (node && node->contains("description")) expected = (*node)["description"].get<std::string>();
    return ValidationIssue{pointer, "expected " + expected + got};
  }
  if (starts_with(description, "Expected number")) {
    std::string message = "expected " + range_text(node);
    if (node && node->contains("description")) message += " (" + node->at("description").get<std::string>() + ")";
    return ValidationIssue{pointer, message + got};
  }
  if (starts_with(description, "String should be no fewer than")) {
    const bool empty = value && value->is_string() && value->get_ref<const std::string&>().empty();
    if (empty) return ValidationIssue{pointer, "must not be empty"};
    const std::string minimum = node && node->contains("minLength") ? node->at("minLength").dump() : "more";
    return ValidationIssue{pointer, "too short: expected at least " + minimum + " characters" + got};
  }
  if (starts_with(description, "String should be no more than")) {
    const std::string maximum = node && node->contains("maxLength") ? node->at("maxLength").dump() : "fewer";
    return ValidationIssue{pointer, "too long: expected at most " + maximum + " characters" + got};
  }
  if (description.find("violate uniqueness constraint") != std::string::npos) {
    return ValidationIssue{pointer, "entries must be unique; this list repeats an entry" + got};
  }
  return ValidationIssue{pointer, description};
}

}  // namespace itaku::detail

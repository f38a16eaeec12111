// Turns valijson's terse errors into issues that name the field and say what was expected.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/schema/record_validator.hpp"

namespace itaku::detail {

// `context` is valijson's error context ("<root>", "[vendor]", "[0]") below `prefix` (the
// path segments of the validated value inside the record, e.g. {"cloud"} for a section).
// `schema_root` is the schema that was validated against. nullopt for errors that only roll up
// a deeper one.
std::optional<ValidationIssue> describe_schema_error(const std::vector<std::string>& context,
                                                     const std::string& description,
                                                     const std::vector<std::string>& prefix,
                                                     const nlohmann::json& record,
                                                     const nlohmann::json& schema_root);

// A message in English and Japanese.
struct Words {
  std::string en;
  std::string ja;
};

// "'abc'", "5", "true" — short enough for a message.
std::string preview(const nlohmann::json& value);
// The same for a Japanese message: "「abc」", "5".
std::string preview_ja(const nlohmann::json& value);

// The word of `words` that `given` was probably meant to be: the same but for case ("out-09" →
// "OUT-09"), or at most two edits away; "" when `given` is one of them or none is near.
std::string nearest_word(const std::string& given, const std::vector<std::string>& words);
// The same for a contract-clause ID, which also knows a number written without its leading zero
// ("OUT-9" → "OUT-09").
std::string nearest_clause_id(const std::string& id, const std::vector<std::string>& known);

}  // namespace itaku::detail

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

// "'abc'", "5", "true" — short enough for a message.
std::string preview(const nlohmann::json& value);

}  // namespace itaku::detail

// Walking a JSON Schema alongside a record: which subschema describes the value at a path.
// Shared by validation messages and CSV field typing, so both read the schemas the same way.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace itaku::detail {

// Follows local "$ref": "#/..." references within `document` (the only kind Itaku's schemas
// use). nullptr when a reference does not resolve, points outside the document or loops.
const nlohmann::json* resolve_schema_ref(const nlohmann::json& document, const nlohmann::json& node);

// The subschema for `path` (property names; array indices as decimal strings) under `node`,
// following properties, items and local $refs; nullptr when the schema does not describe it.
const nlohmann::json* schema_node_at(const nlohmann::json& document, const nlohmann::json& node,
                                     const std::vector<std::string>& path, size_t from = 0);

}  // namespace itaku::detail

// Converts the text of one CSV cell to the JSON value its column's schema type asks for.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "itaku/error.hpp"
#include "itaku/io/field_types.hpp"

namespace itaku::detail {

// `text` without leading and trailing spaces and tabs (a cell of only blanks is empty).
std::string_view trim_blanks(std::string_view text);


// `cell` is non-empty UTF-8. Integers and numbers may carry surrounding spaces and full-width
// digits (０-９); booleans accept true/false (any case), 1/0, yes/no and はい/いいえ; a string
// array is split at ';' with each item trimmed and empty items dropped (no item left gives a null
// value, meaning "field absent"); strings are kept exactly. Returns kInvalidArgument with a
// message such as "expected an integer, got 'abc'" and an empty path (the caller knows the
// field). kObject and kObjectArray are not cell types and give kInternal.
Result<nlohmann::json> convert_csv_cell(FieldType type, std::string_view cell);

}  // namespace itaku::detail

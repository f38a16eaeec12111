// The inverse of csv_cells.hpp: the text of the CSV cell that convert_csv_cell() reads back as a
// given JSON value, and RFC 4180 quoting of that text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "io/record_writers.hpp"
#include "itaku/io/field_types.hpp"

namespace itaku::detail {

// Sets `cell` to the text that convert_csv_cell(type, cell) turns back into a value equal to
// `value`, and returns nullopt; or returns why no such text exists (the value is not of the
// schema's type, or the reader would change it: blank text reads as "absent", blanks around a
// list item are trimmed, ';' splits a list, an empty list reads as "absent"). The reason has no
// record context; the caller adds it. `type` is a value type (not kObject or kObjectArray).
std::optional<BilingualText> encode_csv_cell(FieldType type, const nlohmann::json& value, std::string& cell);

// Why `value` cannot stand where the schemas define a field of `type` (e.g. text where an
// integer belongs), in both languages.
BilingualText wrong_type(FieldType type, const nlohmann::json& value);

// Appends `text` as one RFC 4180 field: quoted, with quotes doubled, when it holds a comma, a
// quote, CR or LF; otherwise as is.
void append_csv_field(std::string& out, std::string_view text);

}  // namespace itaku::detail

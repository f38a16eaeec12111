// CSV input: one record per row, the header row naming each column's field by dotted path
// ("vendor.name", "verifications.0.date"); cells are typed by the schemas (FieldTypes).
#pragma once

#include <istream>
#include <memory>
#include <string>

#include "itaku/service/field_types.hpp"
#include "itaku/service/record_source.hpp"

namespace itaku::detail {

// Reads the header row now. Throws itaku::Error (kInvalidArgument) when the file is empty, the
// header is not UTF-8, or a column is unusable (unknown, duplicated, unnamed, or naming an object
// rather than a value); the Status path is then the column's name. `types` is not kept.
std::unique_ptr<RecordSource> make_csv_source(std::unique_ptr<std::istream> in, std::string name,
                                              const FieldTypes& types);

}  // namespace itaku::detail

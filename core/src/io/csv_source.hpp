// CSV input: one record per row, the header row naming each column's field by dotted path
// ("vendor.name", "verifications.0.date"); cells are typed by the schemas (FieldTypes).
#pragma once

#include <istream>
#include <memory>
#include <string>

#include "itaku/io/field_types.hpp"
#include "itaku/io/record_source.hpp"

namespace itaku::detail {

// Reads the header row now. Throws itaku::Error (kInvalidArgument) when the file is empty, the
// header is not UTF-8, or a column is unusable (unknown, duplicated, naming an object rather than
// a value, or an array index above 999); the Status path is then the column's name. Columns with
// no name are accepted while their cells stay empty. Messages do not repeat the file name: the
// caller knows which file it opened. `types` is not kept.
std::unique_ptr<RecordSource> make_csv_source(std::unique_ptr<std::istream> in, std::string name,
                                              const FieldTypes& types);

}  // namespace itaku::detail

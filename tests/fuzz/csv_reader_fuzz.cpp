// RFC 4180 row splitting (core/src/io/csv_reader.cpp): any bytes split into rows without a
// crash, in time linear in the input; fields only ever hold bytes of the input.
#include <sstream>

#include "fuzz_support.hpp"
#include "io/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in{std::string(itaku::fuzz::as_text(data, size))};
  itaku::detail::CsvReader reader(in);
  itaku::detail::CsvRow row;
  std::size_t rows = 0;
  std::size_t field_bytes = 0;
  std::size_t last_line = 0;
  while (reader.read_row(row)) {
    ++rows;
    itaku::fuzz::require(rows <= size, "more rows than input bytes");
    itaku::fuzz::require(!row.fields.empty(), "a row without fields");
    itaku::fuzz::require(row.first_line > last_line, "rows do not start on increasing lines");
    last_line = row.first_line;
    for (const std::string& field : row.fields) field_bytes += field.size();
    itaku::fuzz::require(field_bytes <= size, "fields hold more bytes than the input");
  }
  itaku::fuzz::require(row.fields.empty(), "the end of the input left fields in the row");
  return 0;
}

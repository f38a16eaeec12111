// CSV source (core/src/io/csv_source.cpp, csv_cells.cpp) with the column types of the real
// schemas, and every record it builds reviewed like any other. A bad header is an itaku::Error
// for the file; bad rows and cells are invalid records; nothing crashes.
#include <memory>
#include <sstream>

#include "checking_sink.hpp"
#include "io/csv_source.hpp"
#include "itaku/schema/schemas.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const itaku::FieldTypes types = itaku::field_types_for(itaku::fuzz::real_plugins());
  std::unique_ptr<itaku::RecordSource> source;
  try {
    source = itaku::detail::make_csv_source(
        std::make_unique<std::istringstream>(std::string(itaku::fuzz::as_text(data, size))), "fuzz.csv", types);
  } catch (const itaku::Error& error) {
    itaku::fuzz::require_utf8(error.status().message(), "a CSV header error message is not UTF-8");
    return 0;
  }
  itaku::fuzz::review_checked(std::move(source));
  return 0;
}

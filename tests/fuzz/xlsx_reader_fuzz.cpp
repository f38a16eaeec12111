// The .xlsx sheet reader (core/src/io/xlsx_reader.cpp): any bytes as a workbook. A ZIP that is
// not a workbook, damaged XML, absurd cell references or a bomb must give a bilingual UTF-8
// message, never a crash, a hang or an exception. Cells that are read must be UTF-8.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_support.hpp"
#include "io/text_encoding.hpp"
#include "io/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("itaku-fuzz-" + std::to_string(::getpid()) + ".xlsx");
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  // Small limits: the fuzzer explores the same code without minutes-long inputs.
  itaku::detail::XlsxLimits limits;
  limits.max_part_bytes = 4u << 20;
  limits.max_cells = 100000;
  const auto table = itaku::detail::read_xlsx_sheet(path.string(), std::nullopt, limits);
  if (!table) {
    itaku::fuzz::require_utf8(table.status().message(), "xlsx message");
    return 0;
  }
  for (const auto& row : table->rows) {
    for (const auto& cell : row.cells) itaku::fuzz::require_utf8(cell, "xlsx cell");
  }
  return 0;
}

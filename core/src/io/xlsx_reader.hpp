// Reads one worksheet of an .xlsx workbook (a ledger saved by Excel or another office suite) as
// rows of cell text: the ZIP container through libzip, each XML part through pugixml. Numbers in
// date formats come out as ISO dates, so callers never see Excel's day serials.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "itaku/error.hpp"

namespace itaku::detail {

struct SheetRow {
  std::size_t number = 0;          // the row number Excel shows (1-based, from <row r="...">)
  std::vector<std::string> cells;  // by column, A = 0; missing cells are ""; trailing empty cells dropped
};

struct SheetTable {
  std::string sheet;           // the sheet's name as shown on its tab
  std::vector<SheetRow> rows;  // rows holding at least one non-empty cell, in sheet order
};

// A workbook is outside input: these bound what one may cost. Excel's own grid limits (16,384
// columns, 1,048,576 rows) always apply. Tests lower the defaults to reach them cheaply.
struct XlsxLimits {
  std::uint64_t max_part_bytes = std::uint64_t{512} << 20;  // uncompressed size of one ZIP entry
  std::size_t max_cells = std::size_t{64} << 20;            // <c> elements in the sheet
};

// Reads the first sheet (workbook order, hidden or not), or the sheet named `sheet` (exact name;
// failing that, the one name equal ignoring ASCII case). Never throws. Errors are one message
// "日本語 / English" naming the file (and the sheet, the part or the cell where relevant):
// kNotFound for a missing file or sheet, kInvalidArgument for a file that is not a readable
// .xlsx workbook or exceeds a limit, kUnavailable when reading the file fails.
// Cell text: shared, inline and formula strings as stored (phonetic guides <rPh> dropped,
// _xHHHH_ escapes decoded); booleans "TRUE"/"FALSE"; errors as Excel shows them ("#N/A");
// numbers in a date or date-time format "YYYY-MM-DD" / "YYYY-MM-DD HH:MM:SS"; numbers in a
// time-only format and all other numbers as the shortest text that reads back as the same double
// (integers below 1e15 as plain digits, so a 13-digit corporate number keeps all its digits).
Result<SheetTable> read_xlsx_sheet(const std::string& path, const std::optional<std::string>& sheet,
                                   const XlsxLimits& limits = {});

}  // namespace itaku::detail

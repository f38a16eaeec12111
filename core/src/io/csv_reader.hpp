// RFC 4180 row splitting: comma-separated fields, optionally quoted; a quoted field may hold
// commas, doubled quotes ("") and line breaks. Rows end at CRLF, LF or a lone CR. Reads one row
// at a time from a stream, so a file of any length is read in constant memory (per row). A UTF-8
// byte-order mark at the start of the input is skipped, so a quoted first header still parses.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace itaku::detail {

struct CsvRow {
  std::vector<std::string> fields;
  std::size_t first_line = 0;         // 1-based physical line the row starts on
  bool unterminated_quote = false;    // the input ended inside a quoted field
};

class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}

  // Fills `row` with the next row (reusing its storage) and returns true, or returns false at
  // the end of the input. A row that is an empty line has one empty field. Text that does not
  // follow RFC 4180 (a quote inside an unquoted field, text after a closing quote) is kept
  // literally rather than rejected.
  bool read_row(CsvRow& row);

 private:
  void skip_byte_order_mark(std::string& first_field);

  std::istream& in_;
  bool at_start_ = true;
  std::size_t line_ = 1;  // physical line of the next character
};

}  // namespace itaku::detail

// Reads an office's CSV ledger whole, in the encoding Excel or the source system saved it in
// (UTF-8, UTF-8 with a byte-order mark, or Shift_JIS / CP932), as a table of text cells
// (docs/ledger.md). The encoding is detected, never asked for: the import summary says which.
#pragma once

#include <string>
#include <string_view>

#include "io/xlsx_reader.hpp"
#include "itaku/error.hpp"

namespace itaku::detail {

struct DecodedText {
  std::string text;      // UTF-8, without a byte-order mark
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)" or "Shift_JIS (CP932)"
};

// `bytes` as UTF-8: kept when it is UTF-8 (a BOM dropped), converted with iconv from CP932 when it
// decodes as such; otherwise kInvalidArgument with the bilingual "not UTF-8" explanation.
// `name` names the file in the message.
Result<DecodedText> decode_ledger_text(std::string_view bytes, const std::string& name);

// The rows of a CSV ledger: every row holding a non-blank cell, numbered as a spreadsheet shows
// it (the first row is 1; a quoted cell with line breaks is one row). `encoding` receives what
// decode_ledger_text() found.
Result<SheetTable> read_ledger_csv(const std::string& path, std::string& encoding);

}  // namespace itaku::detail

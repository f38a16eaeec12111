// The monthly work list (期限一覧) for people: one line per item on a terminal, and CSV for Excel
// and a mail merge. The JSON of an item is its view (itaku/service/json_views.hpp).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "itaku/domain/due_item.hpp"

namespace itaku {

struct DueWords {
  std::string ja;  // "期限超過 3 日"
  std::string en;  // "3 days overdue"
};

// Where an item stands, in the words of `show` and the plugins' findings (a certificate is valid
// through its 有効期限 day).
DueWords due_words(const DueItem& item);

// `text` on one line: each line break (CR, LF, CRLF, U+0085, U+2028, U+2029) becomes ⏎ and any
// other control character a space, as do the bidirectional embeddings, overrides and isolates
// (U+202A..U+202E, U+2066..U+2069), so that a title cannot split an item or reverse the line.
std::string on_one_line(std::string_view text);

// One line per item: date, what, ref, title（department）, the certificate, where it stands
// (Japanese / English).
void write_due_text(std::ostream& out, const std::vector<DueItem>& items);

// UTF-8 with a BOM, CRLF, a header row in `lang` ("en" English, else Japanese) and one row per
// item: what, date, ref, title, department, detail, where it stands, days (negative: past), and
// the status code of the JSON view (for a filter that does not depend on the language).
void write_due_csv(std::ostream& out, const std::vector<DueItem>& items, std::string_view lang);

}  // namespace itaku

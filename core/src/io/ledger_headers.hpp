// How ledger headers and field paths are compared and split (docs/ledger.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace itaku::detail {

// A header as a person means it: blanks, line breaks and full-width letters do not make two
// headers different ("契約\n年月日" is "契約年月日", "ＩＤ" is "ID").
std::string header_key(std::string_view header);

// "vendor.name" -> {"vendor", "name"}; "ledger.No." keeps "No." whole as the ledger key.
std::vector<std::string> split_field_path(std::string_view dotted);

}  // namespace itaku::detail

// Where things are in a JSON text: the start of each element of a document's top-level array,
// and the line and column of the value a JSON Pointer names. A message about a record of a .json
// file then says "new.json:9:14" — what an editor shows — rather than "record 2".
// The text has been parsed by nlohmann already, so it is valid JSON; the scanner still never
// reads past the end, whatever it is given (tests/fuzz/json_positions_fuzz.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace itaku::detail {

struct TextPlace {
  std::size_t offset = 0;  // byte offset in the text
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in characters (UTF-8), as an editor counts
};

// The places where the elements of the top-level array of `text` start (one place, the start of
// the value, when `text` holds a single value that is not an array).
std::vector<TextPlace> top_level_places(std::string_view text);

// The place of the value `pointer` names inside the JSON value that starts at `start` in `text`;
// for a member that is absent (a required field missing), the place of the nearest enclosing
// value that is there. nullopt when `start` is not inside `text`.
std::optional<TextPlace> place_of_pointer(std::string_view text, const TextPlace& start, std::string_view pointer);

}  // namespace itaku::detail

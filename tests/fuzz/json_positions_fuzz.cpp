// Where a field is in a .json document (core/src/io/json_positions.cpp): the line and column an
// error message names. Given any bytes (valid JSON or not), the scanner must stay inside the
// text, find places in order, and count lines and columns from one; for valid JSON, the place of
// an array element is where that element's text starts.
#include <fuzzer/FuzzedDataProvider.h>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "io/json_positions.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string pointer = input.ConsumeRandomLengthString(64);
  const std::string text = input.ConsumeRemainingBytesAsString();
  const auto places = itaku::detail::top_level_places(text);
  std::size_t previous = 0;
  for (std::size_t i = 0; i < places.size(); ++i) {
    const auto& place = places[i];
    itaku::fuzz::require(place.offset < text.size(), "a place past the end of the text");
    itaku::fuzz::require(i == 0 || place.offset > previous, "places out of order");
    itaku::fuzz::require(place.line >= 1 && place.column >= 1, "lines and columns count from one");
    previous = place.offset;
    if (i < 8) {
      const auto found = itaku::detail::place_of_pointer(text, place, pointer);
      itaku::fuzz::require(found && found->offset >= place.offset && found->offset <= text.size(),
                           "a pointer's place outside its record");
    }
  }
  // Valid JSON: each element's place is the start of that element's own text.
  const auto document = nlohmann::json::parse(text, nullptr, false);
  if (!document.is_discarded() && document.is_array() && !places.empty()) {
    itaku::fuzz::require(places.size() == document.size(), "not one place per element");
    const char first = text[places.front().offset];
    itaku::fuzz::require(first != ',' && first != ' ' && first != '\n', "an element's place is not its start");
  }
  return 0;
}

// JSON Pointers (core/src/schema/json_pointer.hpp), which name the field at fault in every
// error: for any field names, the pointer built segment by segment parses back (RFC 6901, as
// nlohmann reads it) into exactly those names.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "schema/json_pointer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  std::vector<std::string> segments;
  std::string pointer;
  while (input.remaining_bytes() > 0 && segments.size() < 64) {
    segments.push_back(input.ConsumeRandomLengthString(64));
    itaku::detail::append_pointer_segment(pointer, segments.back());
  }
  itaku::fuzz::require(itaku::detail::pointer_child("", "a~/b") == "/a~0~1b", "pointer_child");
  nlohmann::json::json_pointer parsed;
  try {
    parsed = nlohmann::json::json_pointer(pointer);
  } catch (const nlohmann::json::parse_error& error) {
    itaku::fuzz::fail("a built JSON Pointer does not parse", pointer + "\n" + error.what());
  }
  itaku::fuzz::require(parsed.to_string() == pointer, "a built JSON Pointer does not print as built", pointer);
  for (auto segment = segments.rbegin(); segment != segments.rend(); ++segment) {
    itaku::fuzz::require(!parsed.empty() && parsed.back() == *segment, "a JSON Pointer segment changed", pointer);
    parsed.pop_back();
  }
  itaku::fuzz::require(parsed.empty(), "a JSON Pointer has extra segments", pointer);
  return 0;
}

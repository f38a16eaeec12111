// JSON document source (core/src/io/json_source.cpp): one object or an array of objects. Any
// bytes give records, per-element errors or an itaku::Error for the document, never a crash.
#include <sstream>
#include <string>

#include "fuzz_support.hpp"
#include "io/json_source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in{std::string(itaku::fuzz::as_text(data, size))};
  try {
    auto source = itaku::detail::make_json_document_source(in, "fuzz.json");
    std::size_t expected_number = 1;
    while (auto record = source->next()) {
      itaku::fuzz::require(record->number == expected_number++, "JSON document records are not numbered 1, 2, ...");
      if (record->json.is_ok()) {
        itaku::fuzz::require(record->json->is_object(), "a JSON document record that is not an object");
      } else {
        itaku::fuzz::require_utf8(record->json.status().message(), "a JSON element error message is not UTF-8");
      }
    }
  } catch (const itaku::Error& error) {
    itaku::fuzz::require_utf8(error.status().message(), "a JSON document error message is not UTF-8");
  }
  return 0;
}

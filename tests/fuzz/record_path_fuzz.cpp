// The whole path of a record given to `itaku review` or POST /api/v1/review: JSON Lines parse,
// size limits, schema validation against the engagement schema and the real plugins' section
// schemas, semantic checks, conversion, the core rules and the kind's plugin, the report's JSON.
// Bad input must end as invalid records with UTF-8 messages, never as a crash or exit code 3.
#include <sstream>

#include "checking_sink.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in{std::string(itaku::fuzz::as_text(data, size))};
  itaku::fuzz::review_checked(itaku::make_jsonl_source(in, "fuzz.jsonl"));
  return 0;
}

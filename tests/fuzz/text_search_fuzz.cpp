// The list search `q` (core/include/itaku/service/text_search.hpp): any bytes are either refused
// with a short UTF-8 message that never quotes them, or become a search that finds the text it was made
// from (folding is applied to both sides alike) and never fails on any haystack.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_support.hpp"
#include "itaku/service/text_search.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string query = input.ConsumeRandomLengthString(1024);
  const std::string haystack = input.ConsumeRemainingBytesAsString();
  const auto search = itaku::TextSearch::parse(query, "q");
  if (!search) {
    itaku::fuzz::require_utf8(search.status().message(), "a refusal of q is not UTF-8");
    itaku::fuzz::require(search.status().path() == "q", "a refusal of q does not name q");
    // The message is the same few words whatever was sent: the text is never quoted back.
    itaku::fuzz::require(search.status().message().size() < 512, "a refusal of q grows with the text", query);
    return 0;
  }
  itaku::fuzz::require(search->matches(query), "a search does not find the text it was made from", query);
  (void)search->matches(haystack);
  (void)search->matches(query + haystack);
  return 0;
}

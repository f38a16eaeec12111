// JSON Lines source (core/src/io/jsonl_source.cpp): any bytes give records or per-line errors,
// never a crash; the source as a whole may only fail with itaku::Error. A line parsed later on a
// worker (defer_parsing, parse_deferred) must give exactly what the direct parse gives.
#include <algorithm>
#include <sstream>
#include <utility>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "itaku/io/record_source.hpp"

namespace {

using itaku::SourceRecord;

std::vector<SourceRecord> read_all(const std::string& text, bool deferred) {
  std::istringstream in(text);
  auto source = itaku::make_jsonl_source(in, "fuzz.jsonl");
  if (deferred) source->defer_parsing();
  std::vector<SourceRecord> records;
  try {
    while (auto record = source->next()) {
      itaku::parse_deferred(*record);
      records.push_back(std::move(*record));
    }
  } catch (const itaku::Error& error) {
    itaku::fuzz::require_utf8(error.status().message(), "a JSON Lines source failure message is not UTF-8");
  }
  return records;
}

// Levels of objects and lists within each other, counted without recursion.
std::size_t nesting_depth(const nlohmann::json& value) {
  std::size_t deepest = 0;
  std::vector<std::pair<const nlohmann::json*, std::size_t>> pending{{&value, 1}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    deepest = std::max(deepest, depth);
    for (const auto& child : *node) pending.emplace_back(&child, depth + 1);
  }
  return deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(itaku::fuzz::as_text(data, size));
  const std::vector<SourceRecord> direct = read_all(text, false);
  const std::vector<SourceRecord> deferred = read_all(text, true);
  itaku::fuzz::require(direct.size() == deferred.size(), "deferred parsing saw a different number of records");
  for (std::size_t i = 0; i < direct.size(); ++i) {
    const SourceRecord& a = direct[i];
    const SourceRecord& b = deferred[i];
    itaku::fuzz::require(a.number == b.number && a.json.is_ok() == b.json.is_ok(),
                         "deferred parsing gave another outcome for line", std::to_string(a.number));
    if (a.json.is_ok()) {
      itaku::fuzz::require(a.json->is_object(), "a JSON Lines record that is not an object");
      // nlohmann's == recurses once per level: compare only what it can take (records deeper
      // than that are refused by the size limits before anything else looks at them).
      if (nesting_depth(*a.json) <= 100) {
        itaku::fuzz::require(*a.json == *b.json, "deferred parsing gave another record");
      }
    } else {
      itaku::fuzz::require(a.json.status().message() == b.json.status().message() &&
                               a.json.status().path() == b.json.status().path(),
                           "deferred parsing gave another error");
      itaku::fuzz::require_utf8(a.json.status().message(), "a JSON Lines error message is not UTF-8");
    }
  }
  return 0;
}

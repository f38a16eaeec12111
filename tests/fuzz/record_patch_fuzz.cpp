// JSON Merge Patches of a stored record (PATCH /engagements/{ref}, channel register on a
// registered ref) and the field-by-field changes printed after them
// (core/include/itaku/domain/engagement_history.hpp, record_changes.hpp). The input is two JSON
// texts separated by a newline: the stored record and the patch. For any patch: no exception, an
// empty patch changes nothing, applying a patch twice gives what applying it once gave, and every
// change reported names a field whose new value is the one in the result.
#include <string>

#include "fuzz_support.hpp"
#include "itaku/domain/engagement_history.hpp"
#include "itaku/domain/record_changes.hpp"

namespace {

using nlohmann::json;

// The value at an RFC 6901 pointer, null when absent.
json at_pointer(const json& document, const std::string& pointer) {
  try {
    const json::json_pointer parsed(pointer);
    return document.contains(parsed) ? document.at(parsed) : json();
  } catch (const json::exception&) {
    return json();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = itaku::fuzz::as_text(data, size);
  const std::size_t split = text.find('\n');
  if (split == std::string_view::npos) return 0;
  json stored, patch;
  try {
    stored = json::parse(text.substr(0, split));
    patch = json::parse(text.substr(split + 1));
  } catch (const json::exception&) {
    return 0;
  }
  if (!stored.is_object()) return 0;

  const json once = itaku::merge_patched(stored, patch);
  itaku::fuzz::require(itaku::merge_patched(stored, json::object()) == stored, "an empty patch changed the record");
  itaku::fuzz::require(itaku::merge_patched(once, patch) == once, "applying a patch twice changed more", once.dump());
  const json imported = itaku::with_absent_fields_kept(stored, patch);
  if (patch.is_object()) {
    for (auto it = patch.begin(); it != patch.end(); ++it) {
      itaku::fuzz::require(imported.contains(it.key()), "an imported field was lost", it.key());
    }
  }

  itaku::fuzz::require(itaku::record_changes(once, once).empty(), "a record differs from itself");
  for (const auto& change : itaku::record_changes(stored, once)) {
    itaku::fuzz::require(change.before != change.after, "a change that changes nothing", change.pointer);
    itaku::fuzz::require(at_pointer(once, change.pointer) == change.after, "a change names the wrong new value",
                         change.pointer);
    itaku::fuzz::require(at_pointer(stored, change.pointer) == change.before, "a change names the wrong old value",
                         change.pointer);
  }
  return 0;
}

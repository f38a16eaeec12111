// Channel addresses and URL normalisation (core/src/domain/channel_address.cpp), what the public
// GET /api/v1/verify runs on any text a visitor sends. Checked: no crash; the message for UTF-8
// input is UTF-8; a key is a fixed point (looking up a key finds that key), so a resident who
// pastes the canonical form of a registered address finds it; the page of the account an address
// belongs to (a post's account) names that same account again and is a key of its own.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <string>

#include "fuzz_support.hpp"
#include "itaku/domain/channel_address.hpp"

namespace {

// A key is its own lookup when a pasted address could have produced it without a scheme. Two
// kinds of key are not, by design: a host without a dot (only "https://intranet/a" is read as an
// address, "intranet/a" is a bare word) and a port kept because it was not the default of the
// scheme given ("http://x.com:443" keeps :443; without a scheme 443 is a default). And a key
// over the 2,048-byte limit of a query: escaping a non-ASCII byte as %XX triples it.
bool is_schemeless_form(const std::string& key) {
  if (key.size() > 2048) return false;
  if (key.front() == '@') return true;
  const std::string host = key.substr(0, key.find_first_of("/?"));
  if (host.front() == '[') return host.find("]:") == std::string::npos;
  return host.find('.') != std::string::npos && host.find(':') == std::string::npos;
}

void check_query(std::string_view query) {
  const auto key = itaku::channel_query_key(query);
  if (!key) {
    if (itaku::detail::is_valid_utf8(query)) {
      itaku::fuzz::require_utf8(key.status().message(), "a channel query message is not UTF-8");
    }
    return;
  }
  itaku::fuzz::require(!key->empty(), "an empty channel key");
  for (const auto& lookup : itaku::channel_lookup_keys(*key)) {
    itaku::fuzz::require(!lookup.key.empty(), "an empty lookup key");
    if (lookup.platform.empty() || lookup.key.front() == '@') continue;
    const auto account = itaku::channel_account(lookup.key);
    itaku::fuzz::require(account && account->profile_key == lookup.key && account->platform == lookup.platform,
                         "an account's page names another account", lookup.key);
    const auto page = itaku::channel_query_key(lookup.key);
    itaku::fuzz::require(page.is_ok() && *page == lookup.key, "an account's page does not look itself up", lookup.key);
  }
  if (!is_schemeless_form(*key)) return;
  const auto again = itaku::channel_query_key(*key);
  itaku::fuzz::require(again.is_ok() && *again == *key, "a channel key does not look itself up",
                       *key + " -> " + (again ? *again : again.status().message()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_query(itaku::fuzz::as_text(data, size));

  // The same bytes as a registered channel: platform, account and url.
  FuzzedDataProvider input(data, size);
  static const char* const kPlatforms[] = {"x", "facebook", "instagram", "line", "youtube", "tiktok",
                                           "threads", "bluesky", "note", "other"};
  const std::string platform = kPlatforms[input.ConsumeIntegralInRange<std::size_t>(0, std::size(kPlatforms) - 1)];
  const std::string account = input.ConsumeRandomLengthString(200);
  const std::string url = input.ConsumeRemainingBytesAsString();
  const std::vector<std::string> keys = itaku::channel_keys(platform, account, url);
  itaku::fuzz::require(keys.size() <= 3, "more than three keys for one channel");
  for (const std::string& key : keys) {
    itaku::fuzz::require(std::count(keys.begin(), keys.end(), key) == 1, "a channel key listed twice");
    if (!is_schemeless_form(key)) continue;
    const auto found = itaku::channel_query_key(key);
    itaku::fuzz::require(found.is_ok() && *found == key, "a registered channel key does not look itself up",
                         key + " -> " + (found ? *found : found.status().message()));
  }
  return 0;
}

// The answer to "is this an official account of the city?" (GET /api/v1/verify): the registered
// social-media channels indexed by every key their address answers to (domain/channel_address.hpp).
// One directory serves every request of a server: it is thread-safe, and rebuilds its index when
// the registry has changed since it was built, so a channel registered or terminated by any
// process is answered correctly at the next lookup. Lookups never wait for one another: each
// answers from the index current when it starts; while one lookup rebuilds a stale index, the
// lookups meanwhile answer from the one before (the state of a moment earlier), so that the
// public route never queues behind a database round trip.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itaku/domain/engagement.hpp"
#include "itaku/error.hpp"
#include "itaku/service/registry_service.hpp"

namespace itaku {

struct ChannelMatch {
  std::string ref;
  std::string title;
  std::string department;
  std::string platform;
  std::string account;
  std::string url;
  EngagementStatus status = EngagementStatus::kActive;
};

struct ChannelVerification {
  std::string query;
  std::string key;                    // what the query was reduced to
  bool official = false;              // an active registered channel answers to it
  std::vector<ChannelMatch> channels; // every registered channel answering to it, active or not
};

// What a resident reads about the answer, in Japanese and English: official (and whose), once
// official but no longer operated, or not registered (with a word about impersonation).
struct VerifyWords {
  std::string ja;
  std::string en;
};
VerifyWords verify_words(const ChannelVerification& verification);

class ChannelDirectory {
 public:
  // kInvalidArgument when `query` is neither a URL nor an @handle. `platform` (a social_media
  // platform word) narrows an @handle to that platform's channels: handles carry no platform.
  Result<ChannelVerification> verify(BasicRegistryService& registry, std::string_view query,
                                     const std::optional<std::string>& platform);

 private:
  struct Index {
    long long built_at_change = 0;  // RegistryService::last_change() the index reflects
    std::multimap<std::string, ChannelMatch> by_key;
  };
  // The index to answer from: the current one, or one rebuilt from `registry` when it is stale
  // and no other lookup is rebuilding it already.
  Result<std::shared_ptr<const Index>> index_for(BasicRegistryService& registry);
  static Result<std::shared_ptr<const Index>> build(BasicRegistryService& registry, long long change);

  std::mutex mutex_;  // guards `current_` only (a pointer copy), never a database call
  std::shared_ptr<const Index> current_;
  std::atomic<bool> rebuilding_{false};
};

}  // namespace itaku

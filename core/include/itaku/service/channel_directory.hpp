// The answer to "is this an official account of the city?" (GET /api/v1/verify): the registered
// social-media channels indexed by every key their address answers to (domain/channel_address.hpp).
// One directory serves every request of a server: it is thread-safe, and rebuilds its index when
// the registry has changed since it was built, so a channel registered or terminated by any
// process is answered correctly at the next lookup.
#pragma once

#include <map>
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

class ChannelDirectory {
 public:
  // kInvalidArgument when `query` is neither a URL nor an @handle. `platform` (a social_media
  // platform word) narrows an @handle to that platform's channels: handles carry no platform.
  Result<ChannelVerification> verify(RegistryService& registry, std::string_view query,
                                     const std::optional<std::string>& platform);

 private:
  Status refresh(RegistryService& registry);

  std::mutex mutex_;
  std::optional<long long> built_at_change_;  // RegistryService::last_change() the index reflects
  std::multimap<std::string, ChannelMatch> by_key_;
};

}  // namespace itaku

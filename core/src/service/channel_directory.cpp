#include "itaku/service/channel_directory.hpp"

#include "itaku/domain/channel_address.hpp"

namespace itaku {

Status ChannelDirectory::refresh(RegistryService& registry) {
  auto change = registry.last_change();
  if (!change) return change.status();
  if (built_at_change_ && *built_at_change_ == *change) return Status::ok();
  auto channels = registry.channels();
  if (!channels) return channels.status();
  std::multimap<std::string, ChannelMatch> by_key;
  for (const Engagement& engagement : *channels) {
    if (!engagement.section.is_object()) continue;
    const std::string platform = engagement.section.value("platform", "");
    const std::string account = engagement.section.value("account", "");
    const std::string url = engagement.section.value("url", "");
    ChannelMatch match{engagement.ref, engagement.title, engagement.department, platform, account, url, engagement.status};
    for (const std::string& key : channel_keys(platform, account, url)) by_key.emplace(key, match);
  }
  by_key_ = std::move(by_key);
  built_at_change_ = *change;
  return Status::ok();
}

Result<ChannelVerification> ChannelDirectory::verify(RegistryService& registry, std::string_view query,
                                                     const std::optional<std::string>& platform) {
  auto key = channel_query_key(query);
  if (!key) return Status(ErrorCode::kInvalidArgument, key.status().message(), "url");
  ChannelVerification verification;
  verification.query = std::string(query);
  verification.key = *key;
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status refreshed = refresh(registry); !refreshed) return refreshed;
  const auto range = by_key_.equal_range(*key);
  for (auto it = range.first; it != range.second; ++it) {
    if (platform && it->second.platform != *platform) continue;
    verification.channels.push_back(it->second);
    if (it->second.status == EngagementStatus::kActive) verification.official = true;
  }
  return verification;
}

}  // namespace itaku

#include "itaku/service/channel_directory.hpp"

#include "itaku/domain/channel_address.hpp"

namespace itaku {

Result<std::shared_ptr<const ChannelDirectory::Index>> ChannelDirectory::build(BasicRegistryService& registry, long long change) {
  auto channels = registry.channels();
  if (!channels) return channels.status();
  auto index = std::make_shared<Index>();
  // Labelled with the change read before the channels: should the registry move on in between,
  // the index only looks older than it is and is rebuilt once more.
  index->built_at_change = change;
  for (const Engagement& engagement : *channels) {
    if (!engagement.section.is_object()) continue;
    const std::string platform = engagement.section.value("platform", "");
    const std::string account = engagement.section.value("account", "");
    const std::string url = engagement.section.value("url", "");
    ChannelMatch match{engagement.ref, engagement.title, engagement.department, platform, account, url, engagement.status};
    for (const std::string& key : channel_keys(platform, account, url)) index->by_key.emplace(key, match);
  }
  return std::shared_ptr<const Index>(std::move(index));
}

Result<std::shared_ptr<const ChannelDirectory::Index>> ChannelDirectory::index_for(BasicRegistryService& registry) {
  auto change = registry.last_change();
  if (!change) return change.status();
  std::shared_ptr<const Index> index;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    index = current_;
  }
  if (index && index->built_at_change == *change) return index;
  // Stale: one lookup rebuilds it while the others answer from the index they have. Only before
  // the first index exists do they build one each (there is nothing else to answer from).
  const bool rebuilder = !rebuilding_.exchange(true);
  if (!rebuilder && index) return index;
  struct Release {
    std::atomic<bool>* flag;
    ~Release() {
      if (flag) flag->store(false);
    }
  } release{rebuilder ? &rebuilding_ : nullptr};
  auto rebuilt = build(registry, *change);
  if (!rebuilt) return rebuilt.status();
  std::lock_guard<std::mutex> lock(mutex_);
  if (!current_ || current_->built_at_change < (*rebuilt)->built_at_change) current_ = *rebuilt;
  return *rebuilt;
}

Result<ChannelVerification> ChannelDirectory::verify(BasicRegistryService& registry, std::string_view query,
                                                     const std::optional<std::string>& platform) {
  auto key = channel_query_key(query);
  if (!key) return Status(ErrorCode::kInvalidArgument, key.status().message(), "url");
  ChannelVerification verification;
  verification.query = std::string(query);
  verification.key = *key;
  auto index = index_for(registry);
  if (!index) return index.status();
  const auto range = (*index)->by_key.equal_range(*key);
  for (auto it = range.first; it != range.second; ++it) {
    if (platform && it->second.platform != *platform) continue;
    verification.channels.push_back(it->second);
    if (it->second.status == EngagementStatus::kActive) verification.official = true;
  }
  return verification;
}

}  // namespace itaku

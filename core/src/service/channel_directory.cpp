#include "itaku/service/channel_directory.hpp"

#include <algorithm>

#include "itaku/domain/channel_address.hpp"
#include "itaku/domain/platform.hpp"

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
  std::optional<std::string> wanted_platform;
  if (platform && !platform->empty()) {
    wanted_platform = platform_word(*platform);
    if (!wanted_platform) {
      std::string words;
      for (const auto& word : platform_words()) words += (words.empty() ? "" : ", ") + word;
      return Status(ErrorCode::kInvalidArgument,
                    "プラットフォーム「" + *platform + "」は分かりません（" + words + "） / unknown platform '" + *platform +
                        "' (" + words + ")",
                    "platform");
    }
  }
  auto key = channel_query_key(query);
  if (!key) return Status(ErrorCode::kInvalidArgument, key.status().message(), "url");
  ChannelVerification verification;
  verification.query = std::string(query);
  verification.key = *key;
  auto index = index_for(registry);
  if (!index) return index.status();
  for (const ChannelLookupKey& lookup : channel_lookup_keys(*key)) {
    const auto range = (*index)->by_key.equal_range(lookup.key);
    for (auto it = range.first; it != range.second; ++it) {
      const ChannelMatch& match = it->second;
      if (!lookup.platform.empty() && match.platform != lookup.platform) continue;
      if (wanted_platform && match.platform != *wanted_platform) continue;
      const bool known = std::any_of(verification.channels.begin(), verification.channels.end(),
                                     [&](const ChannelMatch& seen) { return seen.ref == match.ref; });
      if (known) continue;
      verification.channels.push_back(match);
      if (match.status == EngagementStatus::kActive) verification.official = true;
    }
  }
  return verification;
}

VerifyWords verify_words(const ChannelVerification& verification) {
  // The platform is named: a bare @handle may be official on one platform and an impersonator's
  // on another.
  const auto which = [](const ChannelMatch& match) { return match.platform + ": " + match.title + "、" + match.department; };
  const auto which_en = [](const ChannelMatch& match) { return match.platform + ": " + match.title + ", " + match.department; };
  for (const ChannelMatch& match : verification.channels) {
    if (match.status != EngagementStatus::kActive) continue;
    return {"市の公式アカウントです（" + which(match) + "）。プラットフォームが " + match.platform + " であることもご確認ください。",
            "This is an official account of the city (" + which_en(match) + "); check that it is on " + match.platform + "."};
  }
  for (const ChannelMatch& match : verification.channels) {
    if (match.status != EngagementStatus::kPlanned) continue;
    return {"市が開設を予定しているアカウントです（" + which(match) + "）。まだ運用していません。",
            "The city plans this account (" + which_en(match) + "); it is not in use yet."};
  }
  if (!verification.channels.empty()) {
    const ChannelMatch& match = verification.channels.front();
    return {"以前は市の公式アカウントでしたが、現在は運用していません（" + which(match) +
                "）。このアカウントからの情報にはご注意ください。",
            "This was an official account of the city (" + which_en(match) +
                ") but is no longer operated: be careful with what it posts."};
  }
  return {"市の公式アカウントとして登録されていません。なりすましの可能性があります。市のウェブサイトに掲載されている公式アカウントをご確認ください。",
          "This is not a registered official account of the city and may be an impersonation: check the official "
          "accounts listed on the city's website."};
}

}  // namespace itaku

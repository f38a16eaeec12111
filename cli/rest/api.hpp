// The REST API under /api/v1: authentication, the role rules, request bodies and the routes,
// each a thin adapter over one core service call. Plain request/response values in and out
// (rest/http_message.hpp): listener.cpp connects it to HTTP.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

#include "itaku/plugin/host.hpp"
#include "itaku/service/channel_directory.hpp"
#include "rest/http_message.hpp"
#include "rest/router.hpp"
#include "rest/service_pool.hpp"
#include "rest/versioned_cache.hpp"

namespace itaku::rest {

inline constexpr std::size_t kBodyLimit = 1 << 20;  // 1 MiB: a batch of ~1,000 records for /review
// How long a GET may trust the registry version read by an earlier request: a change made by
// another process (the CLI, a second server) shows at most this much later. Writes through this
// server, token checks on writes and /verify always read the version afresh.
inline constexpr long long kVersionRecheckNs = 100'000'000;  // 100 ms

class Api {
 public:
  // `pool` and `plugins` must outlive the API. `openapi` is the document served at
  // /api/v1/openapi.json (schemas/openapi.json).
  Api(ServicePool& pool, const PluginHost& plugins, std::string openapi);

  // Answers any request; never throws (an unexpected failure is a 500 with a message).
  HttpResponse handle(const HttpRequest& request) const;
  const Router& router() const { return router_; }

 private:
  void add_engagement_routes();
  void add_registry_routes();
  void add_public_routes();

  ServicePool& pool_;
  const PluginHost& plugins_;
  std::string openapi_;
  mutable ChannelDirectory channels_;
  // Who presented which token (by its hash), and the answers of GET /engagements/{ref} (by ref
  // and date), both valid while the registry does not change.
  mutable VersionedCache<Principal> principals_{4096};
  mutable VersionedCache<EngagementDetails> details_{16384};
  mutable VersionedCache<std::string> bodies_{16384};
  // The registry version last read, and when (steady clock, ns): reads within
  // kVersionRecheck of it trust it; any write through this server forces a fresh read.
  mutable std::atomic<long long> version_{0};
  mutable std::atomic<long long> version_read_at_{0};
  Router router_;
};

}  // namespace itaku::rest

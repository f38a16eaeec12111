// The REST API under /api/v1: authentication, the role rules, request bodies and the routes,
// each a thin adapter over one core service call. Plain request/response values in and out
// (rest/http_message.hpp): listener.cpp connects it to HTTP.
#pragma once

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
  Router router_;
};

}  // namespace itaku::rest

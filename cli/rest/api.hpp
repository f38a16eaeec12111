// The REST API under /api/v1: authentication, the role rules, request bodies and the routes,
// each a thin adapter over one core service call. Plain request/response values in and out
// (rest/http_message.hpp): listener.cpp connects it to HTTP and to the database workers.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "itaku/plugin/host.hpp"
#include "itaku/service/channel_directory.hpp"
#include "rest/http_message.hpp"
#include "rest/router.hpp"
#include "rest/service_pool.hpp"
#include "rest/static_site.hpp"
#include "rest/versioned_cache.hpp"

namespace itaku::rest {

inline constexpr std::size_t kBodyLimit = 1 << 20;  // 1 MiB: a batch of ~1,000 records for /review
// How long a GET may trust the registry version read by an earlier request: a change made by
// another process (the CLI, a second server) shows at most this much later. Writes through this
// server, token checks on writes and /verify always read the version afresh.
inline constexpr long long kVersionRecheckNs = 100'000'000;  // 100 ms

// What the thread that read a request makes of it: the answer, when it needs no database (a
// path no route has, the OpenAPI document), or the work that answers it on a database worker.
struct PreparedRequest {
  std::optional<HttpResponse> answer;
  Lane lane = Lane::kRead;
  std::function<HttpResponse()> work;  // set when `answer` is not; never throws
};

class Api {
 public:
  // `pool` and `plugins` must outlive the API. `openapi` is the document served at
  // /api/v1/openapi.json (schemas/openapi.json).
  Api(ServicePool& pool, const PluginHost& plugins, std::string openapi);

  // Routes the request without touching the database. Never throws.
  PreparedRequest prepare(HttpRequest request) const;
  const Router& router() const { return router_; }
  // The web application answered for every path outside /api/ (none until set: 404 pages).
  void serve_site(StaticSite site) { site_ = std::move(site); }

 private:
  // Leases a session, reads the registry's version, authenticates, runs the handler. An
  // unexpected failure is a 500 whose detail goes to the server's log.
  HttpResponse run(const Route& route, const PathParameters& parameters, const HttpRequest& request) const;
  // GET /engagements/{ref} answered on the thread that read it, when everything it needs is in
  // the caches for a registry version read less than kVersionRecheckNs ago: the token's
  // principal, the engagement (for the access check) and the rendered answer. Without the hop
  // to a worker this GET keeps the speed it had before the lanes; anything missing (or a
  // refusal) goes to a worker as usual.
  std::optional<HttpResponse> answer_from_cache(const Route& route, const PathParameters& parameters,
                                                const HttpRequest& request) const;
  void add_engagement_routes();
  void add_registry_routes();
  void add_public_routes();

  ServicePool& pool_;
  const PluginHost& plugins_;
  std::string openapi_;
  StaticSite site_;
  mutable ChannelDirectory channels_;
  // Who presented which token (by its hash), and the answers of GET /engagements/{ref} (by ref
  // and date), both valid while the registry does not change.
  mutable VersionedCache<Principal> principals_{4096};
  mutable VersionedCache<EngagementDetails> details_{16384};
  mutable VersionedCache<std::string> bodies_{16384};
  // Answers of GET /dashboard, by what decides which engagements they count (the role, the
  // channel owner's department) and the date; computing one reviews every visible engagement.
  mutable VersionedCache<std::string> dashboards_{256};
  // The registry version last read, and when (steady clock, ns): reads within
  // kVersionRecheck of it trust it; any write through this server forces a fresh read.
  mutable std::atomic<long long> version_{0};
  mutable std::atomic<long long> version_read_at_{0};
  Router router_;
};

}  // namespace itaku::rest

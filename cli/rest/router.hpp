// Which handler answers a method and path: a fixed table of routes under /api/v1, path
// parameters written {name}. The table is also what the OpenAPI test compares the document with.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rest/http_message.hpp"

namespace itaku::rest {

using PathParameters = std::map<std::string, std::string>;
struct RequestScope;  // what a handler works with (api_support.hpp): its leased services, its principal

// Where a route's handler runs. kStatic: on the thread that read the request, touching no
// database (its scope has no services). kRead, kWrite: on a database worker of that lane
// (rest/database_workers.hpp).
enum class Lane { kStatic, kRead, kWrite };

struct Route {
  std::string method;
  std::string pattern;  // e.g. /api/v1/engagements/{ref}
  bool is_public = false;
  std::function<HttpResponse(const HttpRequest&, const PathParameters&, RequestScope&)> handler;
  std::optional<Lane> lane = std::nullopt;  // unset: GET reads, the other methods write

  Lane lane_or_default() const { return lane.value_or(method == "GET" ? Lane::kRead : Lane::kWrite); }
};

// The route that answers a request, or the refusal when none does.
struct RouteMatch {
  const Route* route = nullptr;
  PathParameters parameters;
  HttpResponse refusal;  // 400, 404 or 405 when `route` is null
};

class Router {
 public:
  void add(Route route);
  // The route for the request's method and path; else 404 for a path no route has, 405 (naming
  // the allowed methods) for a known path with another method, 400 for a malformed %-escape.
  // Path segments are percent-decoded before matching.
  RouteMatch match(const HttpRequest& request) const;
  using Run = std::function<HttpResponse(const Route&, const PathParameters&)>;
  // `run`'s response for the route that answers, else match()'s refusal.
  HttpResponse dispatch(const HttpRequest& request, const Run& run) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  const Route* find(const std::vector<std::string>& segments, const std::string& method, PathParameters& parameters,
                    std::vector<std::string>& allowed) const;
  std::vector<Route> routes_;
};

// "/api/v1/a%20b/c" → {"api", "v1", "a b", "c"}; false for a malformed %-escape.
bool split_path(const std::string& path, std::vector<std::string>& segments);

}  // namespace itaku::rest

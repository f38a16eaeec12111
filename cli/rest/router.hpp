// Which handler answers a method and path: a fixed table of routes under /api/v1, path
// parameters written {name}. The table is also what the OpenAPI test compares the document with.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "rest/http_message.hpp"

namespace itaku::rest {

using PathParameters = std::map<std::string, std::string>;
struct RequestScope;  // what a handler works with (api_support.hpp): its leased services, its principal

struct Route {
  std::string method;
  std::string pattern;  // e.g. /api/v1/engagements/{ref}
  bool is_public = false;
  std::function<HttpResponse(const HttpRequest&, const PathParameters&, RequestScope&)> handler;
};

class Router {
 public:
  void add(Route route);
  using Run = std::function<HttpResponse(const Route&, const PathParameters&)>;
  // `run`'s response for the route that answers; 404 for a path no route has, 405 (naming the
  // allowed methods) for a known path with another method. Path segments are percent-decoded
  // before matching.
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

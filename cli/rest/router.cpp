#include "rest/router.hpp"

namespace itaku::rest {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::string> pattern_segments(const std::string& pattern) {
  std::vector<std::string> segments;
  split_path(pattern, segments);
  return segments;
}

}  // namespace

bool split_path(const std::string& path, std::vector<std::string>& segments) {
  segments.clear();
  std::string current;
  bool started = false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '/') {
      if (started) segments.push_back(current);
      current.clear();
      started = true;
      continue;
    }
    started = true;
    if (c == '%') {
      if (i + 2 >= path.size()) return false;
      const int high = hex_value(path[i + 1]);
      const int low = hex_value(path[i + 2]);
      if (high < 0 || low < 0) return false;
      current += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      current += c;
    }
  }
  if (!current.empty()) segments.push_back(current);
  return true;
}

void Router::add(Route route) { routes_.push_back(std::move(route)); }

const Route* Router::find(const std::vector<std::string>& segments, const std::string& method,
                          PathParameters& parameters, std::vector<std::string>& allowed) const {
  for (const Route& route : routes_) {
    const std::vector<std::string> pattern = pattern_segments(route.pattern);
    if (pattern.size() != segments.size()) continue;
    PathParameters found;
    bool matches = true;
    for (std::size_t i = 0; i < pattern.size() && matches; ++i) {
      const std::string& part = pattern[i];
      if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
        if (segments[i].empty()) matches = false;
        found[part.substr(1, part.size() - 2)] = segments[i];
      } else if (part != segments[i]) {
        matches = false;
      }
    }
    if (!matches) continue;
    if (route.method != method) {
      allowed.push_back(route.method);
      continue;
    }
    parameters = std::move(found);
    return &route;
  }
  return nullptr;
}

RouteMatch Router::match(const HttpRequest& request) const {
  RouteMatch match;
  std::vector<std::string> segments;
  if (!split_path(request.path, segments)) {
    match.refusal = error_response(400, "invalid_argument",
                                   both_languages("パスの %-エスケープが正しくありません", "the path has a malformed %-escape"),
                                   shown_value(request.path));
    return match;
  }
  std::vector<std::string> allowed;
  match.route = find(segments, request.method, match.parameters, allowed);
  if (match.route) return match;
  if (!allowed.empty()) {
    std::string methods;
    for (const auto& method : allowed) methods += (methods.empty() ? "" : ", ") + method;
    match.refusal = error_response(405, "method_not_allowed",
                                   both_languages("ここでは " + shown_value(request.method) + " は使えません（使えるもの: " +
                                                      methods + "）",
                                                  shown_value(request.method) + " is not allowed here; allowed: " + methods),
                                   shown_value(request.path));
  } else {
    match.refusal = error_response(404, "not_found",
                                   both_languages("そのようなリソースはありません: " + shown_value(request.path) +
                                                      "（/api/v1/openapi.json を参照）",
                                                  "no such resource: " + shown_value(request.path) +
                                                      " (see /api/v1/openapi.json)"),
                                   shown_value(request.path));
  }
  return match;
}

HttpResponse Router::dispatch(const HttpRequest& request, const Run& run) const {
  RouteMatch found = match(request);
  if (!found.route) return found.refusal;
  return run(*found.route, found.parameters);
}

}  // namespace itaku::rest

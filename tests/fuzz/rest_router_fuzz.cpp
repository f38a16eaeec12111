// The REST router (cli/rest/router.cpp): %-decoding of the path and matching against the real
// route table (read from the OpenAPI document, which the REST tests compare with the routes).
// Any method and path give a route or a JSON error (400, 404, 405), never a crash.
#include <algorithm>
#include <cctype>

#include "fuzz_support.hpp"
#include "kOpenApiDocument.hpp"
#include "rest/router.hpp"

namespace {

using itaku::rest::HttpRequest;
using itaku::rest::HttpResponse;
using itaku::rest::PathParameters;
using itaku::rest::Route;

const itaku::rest::Router& router() {
  static const itaku::rest::Router table = [] {
    itaku::rest::Router built;
    const auto document = nlohmann::json::parse(kOpenApiDocument);
    for (const auto& [path, operations] : document.at("paths").items()) {
      for (const auto& [method, operation] : operations.items()) {
        std::string upper = method;
        std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
        built.add(Route{upper, path, false, {}});
      }
    }
    return built;
  }();
  return table;
}

}  // namespace

// Input: the method, a line break, the path ("GET\n/api/v1/engagements/A%2F1"); without a line
// break, the whole input is the path of a GET.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = itaku::fuzz::as_text(data, size);
  HttpRequest request;
  const std::size_t newline = text.find('\n');
  request.method = newline == std::string_view::npos ? "GET" : std::string(text.substr(0, newline));
  request.path = std::string(newline == std::string_view::npos ? text : text.substr(newline + 1));

  std::vector<std::string> segments;
  const bool decoded = itaku::rest::split_path(request.path, segments);
  if (request.path.find('%') == std::string::npos) {
    itaku::fuzz::require(decoded, "a path without '%' was refused");
  }

  const HttpResponse response = router().dispatch(request, [&](const Route& route, const PathParameters& parameters) {
    itaku::fuzz::require(decoded && route.method == request.method, "a route answered a request it does not match");
    for (const auto& [name, value] : parameters) {
      itaku::fuzz::require(!value.empty(), "an empty path parameter", name);
    }
    return HttpResponse{200, "{}"};
  });
  const bool known_status = response.status == 200 || response.status == 400 || response.status == 404 ||
                            response.status == 405;
  itaku::fuzz::require(known_status, "an unexpected status from the router", std::to_string(response.status));
  const nlohmann::json body = itaku::fuzz::require_json(response.body, "the router's answer is not JSON");
  if (response.status != 200) {
    itaku::fuzz::require(body.is_object() && body.contains("code") && body.contains("message"),
                         "the router's error lacks the JSON error shape", response.body);
  }
  return 0;
}

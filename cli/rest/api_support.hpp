// What the route handlers share: the lease-and-authenticate step, body and parameter parsing,
// cursors and the page wrapper of listings (the things listed are itaku/service/json_views.hpp's).
// Private to cli/rest.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "itaku/domain/date.hpp"
#include "itaku/domain/engagement.hpp"
#include "itaku/domain/role.hpp"
#include "itaku/registry/registry.hpp"
#include "itaku/service/registry_service.hpp"
#include "itaku/service/text_search.hpp"
#include "rest/http_message.hpp"
#include "rest/service_pool.hpp"
#include "rest/versioned_cache.hpp"

namespace itaku::rest {

// One request's services (leased for it) and, on routes that are not public, the principal its
// bearer token authenticated: Api authenticates before any handler reads the body.
struct RequestScope {
  ServiceSlot* slot = nullptr;  // null on Lane::kStatic routes, which touch no database
  std::optional<Principal> principal;
  long long registry_version = 0;  // RegistryService::last_change() when the request began
  VersionedCache<EngagementDetails>* details = nullptr;  // engagements read at that version
  VersionedCache<std::string>* bodies = nullptr;          // answers of GET /engagements/{ref}
};

// Runs `body` with the request's services and principal (a non-public route always has one).
HttpResponse as_principal(RequestScope& scope, const std::function<HttpResponse(ServiceSlot&, const Principal&)>& body);

// Parses a JSON body. On failure `error` holds the answer: 415 (not JSON), 400 (malformed, with
// the byte position; nested deeper than 64 levels).
std::optional<nlohmann::json> parse_body(const HttpRequest& request, HttpResponse& error);

// ?as_of=YYYY-MM-DD (today when absent); 400 in `error` otherwise.
std::optional<Date> as_of_parameter(const HttpRequest& request, HttpResponse& error);
// ?limit=1..500 (default 100).
std::optional<std::size_t> limit_parameter(const HttpRequest& request, HttpResponse& error);
std::optional<std::string> text_parameter(const HttpRequest& request, const std::string& name);
// ?q=: the search text of a list (TextSearch: at most 200 characters, UTF-8); no search when
// absent or blank; 400 in `error` otherwise, naming `q` but never quoting it.
std::optional<TextSearch> search_parameter(const HttpRequest& request, HttpResponse& error);
// A body's text field; "" when it is missing or not a string (the caller's check then names it).
std::string text_field(const nlohmann::json& body, const char* name);

// Opaque cursors: base64url of what the next page starts after.
std::string encode_cursor(const std::string& after);
// nullopt (and 400 in `error`) for a cursor this server did not hand out; "" when absent.
std::optional<std::string> cursor_parameter(const HttpRequest& request, HttpResponse& error);

nlohmann::ordered_json page_json(nlohmann::ordered_json items, const std::optional<std::string>& next_after);

}  // namespace itaku::rest

#include "rest/api.hpp"

#include <chrono>
#include <exception>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/service/access_policy.hpp"
#include "itaku/service/token_service.hpp"
#include "rest/api_support.hpp"

namespace itaku::rest {

Api::Api(ServicePool& pool, const PluginHost& plugins, std::string openapi)
    : pool_(pool), plugins_(plugins), openapi_(std::move(openapi)) {
  add_public_routes();
  add_engagement_routes();
  add_registry_routes();
}

PreparedRequest Api::prepare(HttpRequest request) const {
  PreparedRequest prepared;
  try {
    if (StaticSite::owns(request.path)) {
      prepared.lane = Lane::kStatic;
      prepared.answer = site_.answer(request);
      return prepared;
    }
    RouteMatch found = router_.match(request);
    if (!found.route) {
      prepared.answer = std::move(found.refusal);
      return prepared;
    }
    const Route* route = found.route;
    prepared.lane = route->lane_or_default();
    if (prepared.lane == Lane::kStatic) {
      RequestScope scope;
      prepared.answer = route->handler(request, found.parameters, scope);
      return prepared;
    }
    if (auto cached = answer_from_cache(*route, found.parameters, request)) {
      prepared.answer = std::move(cached);
      return prepared;
    }
    prepared.work = [this, route, parameters = std::move(found.parameters), request = std::move(request)] {
      return run(*route, parameters, request);
    };
  } catch (const std::exception& error) {
    prepared.answer = server_fault(Status(ErrorCode::kInternal, std::string("routing a request: ") + error.what()));
  }
  return prepared;
}

std::optional<HttpResponse> Api::answer_from_cache(const Route& route, const PathParameters& parameters,
                                                   const HttpRequest& request) const {
  if (route.method != "GET" || route.pattern != "/api/v1/engagements/{ref}") return std::nullopt;
  const long long now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::steady_clock::now().time_since_epoch()).count();
  if (now - version_read_at_.load() > kVersionRecheckNs) return std::nullopt;
  const long long version = version_.load();
  const auto principal = principals_.find(version, token_hash(request.bearer_token));
  if (!principal) return std::nullopt;
  HttpResponse ignored;
  const auto as_of = as_of_parameter(request, ignored);
  if (!as_of) return std::nullopt;
  const std::string key = parameters.at("ref") + '\n' + as_of->to_string();
  const auto details = details_.find(version, key);
  if (!details || details->engagement.ref != parameters.at("ref")) return std::nullopt;
  if (!engagement_access(*principal, details->engagement.kind, details->engagement.department, Access::kRead)) {
    return std::nullopt;
  }
  auto body = bodies_.find(version, key);
  if (!body) return std::nullopt;
  return HttpResponse{200, std::move(*body), "application/json; charset=utf-8"};
}

HttpResponse Api::run(const Route& route, const PathParameters& parameters, const HttpRequest& request) const {
  try {
    auto lease = pool_.lease();
    const bool reading = request.method == "GET";
    const long long now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::steady_clock::now().time_since_epoch()).count();
    long long version = version_.load();
    if (!reading || now - version_read_at_.load() > kVersionRecheckNs) {
      auto current = lease->registry_service->last_change();
      if (!current) return error_response(current.status());
      version = *current;
      for (long long known = version_.load(); known < version && !version_.compare_exchange_weak(known, version);) {
      }
      if (reading) version_read_at_.store(now);
    }
    RequestScope scope{&*lease, std::nullopt, version, &details_, &bodies_};
    // Before anything reads the body: a caller without a valid token learns nothing else.
    if (!route.is_public) {
      const std::string key = token_hash(request.bearer_token);
      scope.principal = principals_.find(scope.registry_version, key);
      if (!scope.principal) {
        auto principal = lease->tokens->authenticate(request.bearer_token);
        if (!principal) return error_response(principal.status());
        principals_.put(scope.registry_version, key, *principal);
        scope.principal = std::move(principal).value();
      }
    }
    HttpResponse response = route.handler(request, parameters, scope);
    // After a write has committed, the next request reads the version again.
    if (!reading) version_read_at_.store(0);
    return response;
  } catch (const Error& error) {
    return error_response(error.status());
  } catch (const std::exception& error) {
    return server_fault(Status(ErrorCode::kInternal, std::string("internal error: ") + error.what()));
  }
}

void Api::add_public_routes() {
  // A fixed document: answered where the request was read, with no database session.
  router_.add({"GET", "/api/v1/openapi.json", true,
               [this](const HttpRequest&, const PathParameters&, RequestScope&) {
                 return HttpResponse{200, openapi_, "application/json; charset=utf-8"};
               },
               Lane::kStatic});

  // Residents and call-centre staff ask whether an address is an official account of the city.
  router_.add({"GET", "/api/v1/verify", true, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 const auto url = text_parameter(request, "url");
                 if (!url || url->empty()) {
                   return error_response(400, "invalid_argument", both_languages("確認するアドレスを ?url=…（URL または @ハンドル）で指定してください",
                                                                "give the address as ?url=... (a URL or an @handle)"), "url");
                 }
                 auto verification = channels_.verify(*scope.slot->registry_service, *url, text_parameter(request, "platform"));
                 if (!verification) {
                   if (verification.status().code() == ErrorCode::kInvalidArgument) {
                     return error_response(400, "invalid_argument", verification.status().message(),
                                           verification.status().path());
                   }
                   return error_response(verification.status());
                 }
                 nlohmann::ordered_json channels = nlohmann::ordered_json::array();
                 for (const ChannelMatch& match : verification->channels) {
                   channels.push_back({{"ref", match.ref},
                                       {"title", match.title},
                                       {"department", match.department},
                                       {"platform", match.platform},
                                       {"account", match.account},
                                       {"url", match.url},
                                       {"status", engagement_status_name(match.status)}});
                 }
                 const VerifyWords words = verify_words(*verification);
                 return json_response(200, nlohmann::ordered_json{{"query", verification->query},
                                                                  {"key", verification->key},
                                                                  {"official", verification->official},
                                                                  {"message", {{"ja", words.ja}, {"en", words.en}}},
                                                                  {"channels", channels}});
               }});
}

}  // namespace itaku::rest

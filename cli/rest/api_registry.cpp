// Vendors, persons, due, the audit trail, tokens, plugins, the catalogue and the stateless review.
#include <charconv>
#include <sstream>

#include "app/catalogue_json.hpp"
#include "itaku/io/record_source.hpp"
#include "itaku/report/report_sink.hpp"
#include "itaku/service/access_policy.hpp"
#include "itaku/service/json_views.hpp"
#include "rest/api.hpp"
#include "rest/api_support.hpp"

namespace itaku::rest {
namespace {

// Runs `body` when the principal has `capability`.
HttpResponse with_capability(RequestScope& scope, Capability capability,
                             const std::function<HttpResponse(ServiceSlot&, const Principal&)>& body) {
  return as_principal(scope, [&](ServiceSlot& slot, const Principal& principal) {
    if (Status allowed = capability_access(principal, capability); !allowed) return error_response(allowed);
    return body(slot, principal);
  });
}

std::optional<long long> numeric_cursor(const HttpRequest& request, HttpResponse& error) {
  const auto after = cursor_parameter(request, error);
  if (!after) return std::nullopt;
  if (after->empty()) return 0;
  try {
    std::size_t used = 0;
    const long long value = std::stoll(*after, &used);
    if (used == after->size() && value >= 0) return value;
  } catch (const std::exception&) {
    // falls through to the error below
  }
  error = error_response(400, "invalid_argument",
                         both_languages("このサーバーが返したカーソルではありません", "not a cursor this server handed out"),
                         "cursor");
  return std::nullopt;
}

}  // namespace

void Api::add_registry_routes() {
  // Who the bearer token is: what a web application asks right after sign-in to decide what to
  // show. Any valid token; the principal was authenticated (and cached) before the handler runs.
  router_.add({"GET", "/api/v1/session", false, [](const HttpRequest&, const PathParameters&, RequestScope& scope) {
                 return as_principal(scope, [](ServiceSlot&, const Principal& principal) {
                   return json_response(200, session_view(principal));
                 });
               }});

  router_.add({"GET", "/api/v1/vendors", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 HttpResponse error;
                 const auto limit = limit_parameter(request, error);
                 if (!limit) return error;
                 const auto after = numeric_cursor(request, error);
                 if (!after) return error;
                 auto search = search_parameter(request, error);
                 if (!search) return error;
                 return with_capability(scope, Capability::kReadVendors, [&](ServiceSlot& slot, const Principal&) {
                   VendorQuery query;
                   query.text = std::move(*search);
                   query.after_id = *after;
                   query.limit = *limit;
                   auto page = slot.registry_service->list_vendors(query);
                   if (!page) return error_response(page.status());
                   nlohmann::ordered_json items = nlohmann::ordered_json::array();
                   for (const auto& vendor : page->items) items.push_back(vendor_view(vendor));
                   std::optional<std::string> next;
                   if (page->next_after) next = std::to_string(*page->next_after);
                   return json_response(200, page_json(std::move(items), next));
                 });
               }});

  router_.add({"GET", "/api/v1/persons", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 const bool include_inactive = text_parameter(request, "include_inactive").value_or("false") == "true";
                 return with_capability(scope, Capability::kReadPersons, [&](ServiceSlot& slot, const Principal& principal) {
                   auto persons = slot.registry_service->list_persons(include_inactive);
                   if (!persons) return error_response(persons.status());
                   nlohmann::ordered_json items = nlohmann::ordered_json::array();
                   for (const auto& person : *persons) {
                     // Channel owners see the persons of their own department.
                     if (principal.role == Role::kChannelOwner && principal.department != person.person.department) continue;
                     items.push_back(person_view(person));
                   }
                   return json_response(200, page_json(std::move(items), std::nullopt));
                 });
               }});

  router_.add({"POST", "/api/v1/persons", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 HttpResponse error;
                 auto body = parse_body(request, error);
                 if (!body) return error;
                 if (!body->is_object()) return error_response(422, "invalid_argument", both_languages("本文は担当者のオブジェクトにしてください",
                                                                                                 "the body must be a person object"));
                 Person person;
                 person.name = text_field(*body, "name");
                 person.department = text_field(*body, "department");
                 if (person.name.find_first_not_of(" \t") == std::string::npos) {
                   return error_response(422, "invalid_argument", both_languages("担当者の氏名（name）が必要です", "a person needs a name"),
                                         "/name");
                 }
                 if (person.department.find_first_not_of(" \t") == std::string::npos) {
                   return error_response(422, "invalid_argument", both_languages("担当者の所属（department）が必要です", "a person needs a department"),
                                         "/department");
                 }
                 if (auto email = body->find("email"); email != body->end() && email->is_string()) person.email = email->get<std::string>();
                 return with_capability(scope, Capability::kWritePersons, [&](ServiceSlot& slot, const Principal& principal) {
                   auto stored = slot.registry_service->add_person(person, principal.name);
                   if (!stored) return error_response(stored.status());
                   return json_response(201, person_view(*stored));
                 });
               }});

  // 人事異動: every engagement of person {id} to the person `to`, as `itaku person reassign`.
  router_.add({"POST", "/api/v1/persons/{id}/reassign", false,
               [](const HttpRequest& request, const PathParameters& p, RequestScope& scope) {
                 HttpResponse error;
                 auto body = parse_body(request, error);
                 if (!body) return error;
                 return with_capability(scope, Capability::kWritePersons, [&](ServiceSlot& slot, const Principal& principal) {
                   const std::string& id_text = p.at("id");
                   long long from = 0;
                   const auto [end, failure] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), from);
                   if (failure != std::errc() || end != id_text.data() + id_text.size() || from < 1 || id_text[0] == '0') {
                     return error_response(404, "not_found",
                                           both_languages("責任者「" + shown_value(id_text) +
                                                              "」は登録されていません（ID は GET /persons の id）",
                                                          "no person with id '" + shown_value(id_text) +
                                                              "' (the id is GET /persons' id)"),
                                           "id");
                   }
                   const auto to = body->is_object() ? body->find("to") : body->end();
                   if (!body->is_object() || to == body->end() || !to->is_number_integer() || to->get<long long>() < 1) {
                     return error_response(422, "invalid_argument",
                                           both_languages("本文は {\"to\": 引き継ぐ責任者の ID（正の整数）} にしてください",
                                                          "the body must be {\"to\": the id of the person taking over (a positive integer)}"),
                                           "/to");
                   }
                   const long long target = to->get<long long>();
                   if (target == from) {
                     return error_response(400, "invalid_argument",
                                           both_languages("to がパスの責任者と同じ（ID " + std::to_string(from) +
                                                              "）です。引き継ぐ別の責任者の ID を指定してください",
                                                          "to is the person in the path (id " + std::to_string(from) +
                                                              "): give the id of another person to take the engagements over"),
                                           "/to");
                   }
                   auto moved = slot.registry_service->reassign_person(from, target, principal.name);
                   if (!moved) {
                     // The service names its arguments; here they are the path's id and the body's /to.
                     const Status& failed = moved.status();
                     const std::string path = failed.path() == "from" ? "id" : failed.path() == "to" ? "/to" : failed.path();
                     return error_response(Status(failed.code(), failed.message(), path));
                   }
                   return json_response(200, reassignment_view(from, target, *moved));
                 });
               }});

  router_.add({"GET", "/api/v1/due", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 HttpResponse error;
                 const auto as_of = as_of_parameter(request, error);
                 if (!as_of) return error;
                 int within = 30;
                 if (const auto text = text_parameter(request, "within")) {
                   const auto [end, failure] = std::from_chars(text->data(), text->data() + text->size(), within);
                   if (failure != std::errc() || end != text->data() + text->size() || within < 0 || within > 3650) {
                     return error_response(400, "invalid_argument",
                                           "within は 0 から 3650 までの日数です / within is a number of days from 0 to 3650",
                                           "within");
                   }
                 }
                 auto kind = text_parameter(request, "kind");
                 if (kind && kind->empty()) kind.reset();
                 if (kind && *kind != "contractor" && *kind != "cloud" && *kind != "social_media") {
                   return error_response(400, "invalid_argument",
                                         "kind は contractor, cloud, social_media のいずれかです（'" + *kind +
                                             "' は不可） / kind is contractor, cloud or social_media (not '" + *kind + "')",
                                         "kind");
                 }
                 return with_capability(scope, Capability::kReadDue, [&](ServiceSlot& slot, const Principal& principal) {
                   // Every line names an engagement: only those the role may see.
                   EngagementFilter filter;
                   // An empty department is no filter, as the CLI's --department "" is.
                   filter.department = text_parameter(request, "department");
                   if (filter.department && filter.department->empty()) filter.department.reset();
                   filter.kind = kind;
                   auto due = slot.registry_service->due(*as_of, within, filter, [&principal](const Engagement& e) {
                     return may_see_engagement(principal, e.kind, e.department);
                   });
                   if (!due) return error_response(due.status());
                   const bool reads_vendors = capability_access(principal, Capability::kReadVendors).is_ok();
                   nlohmann::ordered_json items = nlohmann::ordered_json::array();
                   for (const DueItem& item : *due) {
                     // A certification belongs to a vendor: roles that cannot read vendors do not see it.
                     if (item.what == DueItem::What::kCertification && !reads_vendors) continue;
                     items.push_back(due_item_view(item));
                   }
                   return json_response(200, page_json(std::move(items), std::nullopt));
                 });
               }});

  router_.add({"GET", "/api/v1/audit", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 HttpResponse error;
                 const auto limit = limit_parameter(request, error);
                 if (!limit) return error;
                 const auto after = numeric_cursor(request, error);
                 if (!after) return error;
                 return with_capability(scope, Capability::kReadAudit, [&](ServiceSlot& slot, const Principal&) {
                   auto entries = slot.registry_service->audit_page(text_parameter(request, "ref"), *after, *limit + 1);
                   if (!entries) return error_response(entries.status());
                   const bool more = entries->size() > *limit;
                   if (more) entries->pop_back();
                   nlohmann::ordered_json items = nlohmann::ordered_json::array();
                   for (const auto& entry : *entries) items.push_back(audit_entry_view(entry));
                   std::optional<std::string> next;
                   if (more) next = std::to_string(entries->back().id);
                   return json_response(200, page_json(std::move(items), next));
                 });
               }});

  router_.add({"GET", "/api/v1/tokens", false, [this](const HttpRequest&, const PathParameters&, RequestScope& scope) {
                 return with_capability(scope, Capability::kManageTokens, [&](ServiceSlot& slot, const Principal&) {
                   auto tokens = slot.tokens->list();
                   if (!tokens) return error_response(tokens.status());
                   nlohmann::ordered_json items = nlohmann::ordered_json::array();
                   for (const auto& token : *tokens) items.push_back(token_view(token));
                   return json_response(200, page_json(std::move(items), std::nullopt));
                 });
               }});

  router_.add({"POST", "/api/v1/tokens", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 HttpResponse error;
                 auto body = parse_body(request, error);
                 if (!body) return error;
                 if (!body->is_object()) return error_response(422, "invalid_argument", both_languages("本文はトークンのオブジェクトにしてください",
                                                                                                 "the body must be a token object"));
                 const auto role = parse_role(text_field(*body, "role"));
                 if (!role) {
                   return error_response(422, "invalid_argument",
                                         both_languages("role は admin, officer, procurement, channel_owner, auditor のいずれかです",
                                                        "role is admin, officer, procurement, channel_owner or auditor"),
                                         "/role");
                 }
                 std::optional<std::string> department;
                 if (auto it = body->find("department"); it != body->end() && it->is_string()) department = it->get<std::string>();
                 const std::string name = text_field(*body, "name");
                 return with_capability(scope, Capability::kManageTokens, [&](ServiceSlot& slot, const Principal& principal) {
                   auto created = slot.tokens->create(name, *role, department, principal.name);
                   if (!created) return error_response(created.status());
                   return json_response(201, issued_token_view(created->stored, created->token));
                 });
               }});

  router_.add({"DELETE", "/api/v1/tokens/{name}", false, [this](const HttpRequest&, const PathParameters& p, RequestScope& scope) {
                 return with_capability(scope, Capability::kManageTokens, [&](ServiceSlot& slot, const Principal& principal) {
                   if (Status revoked = slot.tokens->revoke(p.at("name"), principal.name); !revoked) return error_response(revoked);
                   return HttpResponse{204, "", "application/json; charset=utf-8"};
                 });
               }});

  router_.add({"GET", "/api/v1/plugins", false, [this](const HttpRequest&, const PathParameters&, RequestScope& scope) {
                 return with_capability(scope, Capability::kReadCatalogue, [&](ServiceSlot&, const Principal&) {
                   const nlohmann::json document = cli::plugins_document(plugins_);
                   return json_response(200, nlohmann::json{{"host_api_version", document.at("host_api_version")},
                                                            {"items", document.at("plugins")},
                                                            {"next_cursor", nullptr}});
                 });
               }});

  router_.add({"GET", "/api/v1/catalogue", false, [this](const HttpRequest&, const PathParameters&, RequestScope& scope) {
                 return with_capability(scope, Capability::kReadCatalogue, [&](ServiceSlot&, const Principal&) {
                   const nlohmann::json document = cli::plugins_document(plugins_);
                   nlohmann::json items = nlohmann::json::array();
                   for (nlohmann::json requirement : document.at("core_catalogue")) {
                     requirement["plugin"] = "core";
                     items.push_back(std::move(requirement));
                   }
                   for (const auto& plugin : document.at("plugins")) {
                     for (nlohmann::json requirement : plugin.at("catalogue")) {
                       requirement["plugin"] = plugin.at("name");
                       items.push_back(std::move(requirement));
                     }
                   }
                   return json_response(200, nlohmann::json{{"items", items}, {"next_cursor", nullptr}});
                 });
               }});

  // Records checked and reviewed as `itaku review` does; nothing is stored.
  router_.add({"POST", "/api/v1/review", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 HttpResponse error;
                 auto body = parse_body(request, error);
                 if (!body) return error;
                 const auto as_of = as_of_parameter(request, error);
                 if (!as_of) return error;
                 std::string lines;
                 if (body->is_array()) {
                   for (const auto& record : *body) lines += record.dump() + "\n";
                 } else {
                   lines = body->dump() + "\n";
                 }
                 return with_capability(scope, Capability::kReview, [&](ServiceSlot& slot, const Principal&) {
                   std::istringstream in(lines);
                   std::vector<std::unique_ptr<RecordSource>> sources;
                   sources.push_back(make_jsonl_source(in, "request"));
                   std::ostringstream out;
                   auto sink = make_report_writer(ReportFormat::kJson, out, "ja");
                   slot.review->review_all(sources, *sink, *as_of);
                   return HttpResponse{200, out.str(), "application/json; charset=utf-8"};
                 });
               },
               Lane::kRead});  // stores nothing: not queued behind writes waiting for a lock
}

}  // namespace itaku::rest

// Engagements and channels, their verifications and assessments.
#include "itaku/domain/engagement_json.hpp"
#include "itaku/report/report_json.hpp"
#include "itaku/service/access_policy.hpp"
#include "itaku/service/json_views.hpp"
#include "rest/api.hpp"
#include "rest/api_support.hpp"

namespace itaku::rest {
namespace {

// A list filter naming what the role may not see is refused, not silently emptied.
Status filter_access(const Principal& principal, const std::optional<std::string>& kind,
                     const std::optional<std::string>& department) {
  if (principal.role == Role::kProcurement && kind && *kind == "social_media") {
    return engagement_access(principal, *kind, department.value_or(""), Access::kRead);
  }
  if (principal.role == Role::kChannelOwner &&
      ((kind && *kind != "social_media") || (department && department != principal.department))) {
    return engagement_access(principal, kind.value_or("social_media"), department.value_or(""), Access::kRead);
  }
  return Status::ok();
}

HttpResponse list(RequestScope& scope, const HttpRequest& request, std::optional<std::string> forced_kind) {
  HttpResponse error;
  const auto as_of = as_of_parameter(request, error);
  if (!as_of) return error;
  const auto limit = limit_parameter(request, error);
  if (!limit) return error;
  const auto after = cursor_parameter(request, error);
  if (!after) return error;
  auto search = search_parameter(request, error);
  if (!search) return error;
  EngagementQuery query;
  query.text = std::move(*search);
  query.filter.kind = forced_kind ? forced_kind : text_parameter(request, "kind");
  if (query.filter.kind && query.filter.kind->empty()) query.filter.kind.reset();
  if (query.filter.kind && *query.filter.kind != "contractor" && *query.filter.kind != "cloud" &&
      *query.filter.kind != "social_media") {
    return error_response(400, "invalid_argument",
                          both_languages("kind は contractor, cloud, social_media のいずれかです（「" +
                                             shown_value(*query.filter.kind) + "」は不可）",
                                         "kind is contractor, cloud or social_media (not '" + shown_value(*query.filter.kind) + "')"),
                          "kind");
  }
  query.filter.department = text_parameter(request, "department");
  if (const auto decision = text_parameter(request, "decision")) {
    query.decision = parse_decision(*decision);
    if (!query.decision) return error_response(400, "invalid_argument", both_languages("decision は approve, conditional, reject のいずれかです",
                                                                                          "decision is approve, conditional or reject"),
                                                           "decision");
  }
  if (const auto status = text_parameter(request, "verification_status")) {
    query.verification_status = parse_verification_status(*status);
    if (!query.verification_status) {
      return error_response(400, "invalid_argument",
                            both_languages("verification_status は verified, due_soon, unverified, overdue, failed のいずれかです",
                                           "verification_status is verified, due_soon, unverified, overdue or failed"),
                            "verification_status");
    }
  }
  query.after = *after;
  query.limit = *limit;
  query.as_of = *as_of;
  return as_principal(scope, [&](ServiceSlot& slot, const Principal& principal) {
    if (forced_kind && principal.role == Role::kProcurement) {
      return error_response(engagement_access(principal, *forced_kind, "", Access::kRead));
    }
    if (Status allowed = filter_access(principal, query.filter.kind, query.filter.department); !allowed) {
      return error_response(allowed);
    }
    query.visible = [&principal](const Engagement& e) { return may_see_engagement(principal, e.kind, e.department); };
    // Read only where the role can see anything (a channel owner: its own channels), so that its
    // pages are not cut short by the scan limit over other departments' engagements. The filters
    // given were checked above to lie within it; the cursor (a ref) means the same either way.
    const EngagementReach reach = engagement_reach(principal);
    if (!query.filter.kind) query.filter.kind = reach.kind;
    if (!query.filter.department) query.filter.department = reach.department;
    auto page = slot.registry_service->list_engagements(query);
    if (!page) return error_response(page.status());
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto& item : page->items) items.push_back(engagement_summary_view(item));
    return json_response(200, page_json(std::move(items), page->next_after));
  });
}

// The dashboard's due list (docs/web.md): verifications overdue, failed and due within
// kDashboardDueDays, and certifications expired or expiring, each group counted whole but listing
// only its first kDashboardDueItems by date. Over 10,000 engagements the whole list (GET /due) is
// a megabyte, more than a page should draw; the group's count says how many more there are.
constexpr int kDashboardDueDays = 30;
constexpr std::size_t kDashboardDueItems = 10;

nlohmann::ordered_json due_groups(const std::vector<DueItem>& items, bool reads_vendors) {
  const char* const kGroups[] = {"overdue", "failed", "due_soon", "certification"};
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const char* group : kGroups) {
    const std::string name = group;
    if (name == "certification" && !reads_vendors) continue;
    std::size_t count = 0;
    nlohmann::ordered_json listed = nlohmann::ordered_json::array();
    for (const DueItem& item : items) {
      const bool certification = item.what == DueItem::What::kCertification;
      const bool belongs = name == "certification" ? certification
                           : name == "due_soon"    ? !certification && item.status != "overdue" && item.status != "failed"
                                                   : !certification && item.status == name;
      if (!belongs) continue;
      if (++count <= kDashboardDueItems) listed.push_back(due_item_view(item));
    }
    groups.push_back({{"group", name}, {"count", count}, {"items", std::move(listed)}});
  }
  return {{"within_days", kDashboardDueDays}, {"groups", std::move(groups)}};
}

// Who may write: the engagement as stored and as it would be stored must both be the principal's
// to change; a verification may be added by whoever may write, but never dropped or altered (the
// service refuses that for every role).
std::function<Status(const std::optional<Engagement>&, const Engagement&)> write_access(const Principal& principal) {
  return [&principal](const std::optional<Engagement>& stored, const Engagement& incoming) {
    if (stored) {
      if (Status allowed = engagement_access(principal, stored->kind, stored->department, Access::kWrite); !allowed) {
        return allowed;
      }
    }
    Status allowed = engagement_access(principal, incoming.kind, incoming.department, Access::kWrite);
    // A change the role may not make names the field that made it, for the form to show it there.
    if (!allowed && stored) {
      const char* field = stored->department != incoming.department ? "/department" : stored->kind != incoming.kind ? "/kind" : "";
      if (*field) return Status(allowed.code(), allowed.message(), field);
    }
    return allowed;
  };
}

// POST /engagements, POST /channels and PUT /engagements/{ref}.
HttpResponse register_record(RequestScope& scope, const HttpRequest& request, RegisterOptions::Mode mode,
                             const std::optional<std::string>& path_ref, bool channel) {
  HttpResponse error;
  auto body = parse_body(request, error);
  if (!body) return error;
  const auto as_of = as_of_parameter(request, error);
  if (!as_of) return error;
  if (!body->is_object()) return error_response(422, "invalid_argument", both_languages("本文は契約の記録 1 件（オブジェクト）にしてください",
                                                                                               "the body must be one engagement record (an object)"));
  if (path_ref && body->value("ref", nlohmann::json()) != nlohmann::json(*path_ref)) {
    return error_response(400, "invalid_argument", both_languages("記録の ref はパスの参照番号（" + *path_ref + "）と同じにしてください",
                                                                         "the record's ref must be the one in the path (" + *path_ref + ")"),
                          "/ref");
  }
  if (channel && body->value("kind", nlohmann::json()) != nlohmann::json("social_media")) {
    return error_response(422, "invalid_argument", both_languages("チャネルは kind が social_media の記録です",
                                                                         "a channel is an engagement of kind social_media"),
                          "/kind");
  }
  return as_principal(scope, [&](ServiceSlot& slot, const Principal& principal) {
    // A role that never writes is told so before anything about the body or the registry.
    if (principal.role == Role::kAuditor) return error_response(engagement_access(principal, "", "", Access::kWrite));
    RegisterOptions options;
    options.mode = mode;
    options.allow = write_access(principal);
    auto outcome = slot.registry_service->register_record(*body, *as_of, principal.name, options);
    if (!outcome) return error_response(outcome.status());
    return json_response(mode == RegisterOptions::Mode::kReplaceOnly ? 200 : 201, registration_view(*outcome));
  });
}

// PATCH /engagements/{ref}: a JSON Merge Patch (RFC 7396) of the stored record.
HttpResponse patch_record(RequestScope& scope, const HttpRequest& request, const std::string& ref) {
  HttpResponse error;
  auto body = parse_body(request, error);
  if (!body) return error;
  const auto as_of = as_of_parameter(request, error);
  if (!as_of) return error;
  if (!body->is_object()) {
    return error_response(422, "invalid_argument", both_languages("本文は JSON Merge Patch（変更する項目のオブジェクト）にしてください",
                                                        "the body must be a JSON Merge Patch: an object of the fields to change"));
  }
  return as_principal(scope, [&](ServiceSlot& slot, const Principal& principal) {
    if (principal.role == Role::kAuditor) return error_response(engagement_access(principal, "", "", Access::kWrite));
    RegisterOptions options;
    options.allow = write_access(principal);
    auto outcome = slot.registry_service->update_record(ref, *body, *as_of, principal.name, options);
    if (!outcome) return error_response(outcome.status());
    return json_response(200, registration_view(*outcome));
  });
}

// Runs `body` with the stored engagement once the principal may touch it that way.
HttpResponse with_engagement(RequestScope& scope, const HttpRequest& request, const std::string& ref, Access access,
                             const std::function<HttpResponse(ServiceSlot&, const Principal&, const EngagementDetails&)>& body) {
  HttpResponse error;
  const auto as_of = as_of_parameter(request, error);
  if (!as_of) return error;
  return as_principal(scope, [&](ServiceSlot& slot, const Principal& principal) {
    const std::string key = ref + '\n' + as_of->to_string();
    std::optional<EngagementDetails> details = scope.details ? scope.details->find(scope.registry_version, key) : std::nullopt;
    if (!details) {
      auto shown = slot.registry_service->show(ref, *as_of);
      if (!shown) return error_response(shown.status());
      details = std::move(shown).value();
      if (scope.details) scope.details->put(scope.registry_version, key, *details);
    }
    if (Status allowed = engagement_access(principal, details->engagement.kind, details->engagement.department, access);
        !allowed) {
      return error_response(allowed);
    }
    return body(slot, principal, *details);
  });
}

std::optional<std::string> optional_text_field(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

void Api::add_engagement_routes() {
  router_.add({"GET", "/api/v1/engagements", false,
               [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) { return list(scope, request, std::nullopt); }});
  router_.add({"GET", "/api/v1/channels", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 return list(scope, request, std::string("social_media"));
               }});
  // The security office's dashboard over what the caller may see, one answer per registry
  // version, role, department and date (the first after a change reviews every engagement it counts).
  router_.add({"GET", "/api/v1/dashboard", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 HttpResponse error;
                 const auto as_of = as_of_parameter(request, error);
                 if (!as_of) return error;
                 return as_principal(scope, [&](ServiceSlot& slot, const Principal& principal) {
                   if (Status allowed = capability_access(principal, Capability::kReadDashboard); !allowed) {
                     return error_response(allowed);
                   }
                   // What may_see_engagement decides by: the role and, for a channel owner, its department.
                   const std::string key = std::string(role_name(principal.role)) + '\n' +
                                           principal.department.value_or("") + '\n' + as_of->to_string();
                   if (auto body = dashboards_.find(scope.registry_version, key)) {
                     return HttpResponse{200, std::move(*body), "application/json; charset=utf-8"};
                   }
                   const EngagementReach reach = engagement_reach(principal);
                   EngagementFilter filter;
                   filter.kind = reach.kind;
                   filter.department = reach.department;
                   auto dashboard = slot.registry_service->dashboard(
                       *as_of, [&principal](const Engagement& e) { return may_see_engagement(principal, e.kind, e.department); },
                       filter);
                   if (!dashboard) return error_response(dashboard.status());
                   auto due = slot.registry_service->due(
                       *as_of, kDashboardDueDays, filter,
                       [&principal](const Engagement& e) { return may_see_engagement(principal, e.kind, e.department); });
                   if (!due) return error_response(due.status());
                   nlohmann::ordered_json body = dashboard_view(*dashboard);
                   body["due"] = due_groups(*due, capability_access(principal, Capability::kReadVendors).is_ok());
                   HttpResponse response = json_response(200, body);
                   dashboards_.put(scope.registry_version, key, response.body);
                   return response;
                 });
               }});

  router_.add({"POST", "/api/v1/engagements", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 return register_record(scope, request, RegisterOptions::Mode::kCreateOnly, std::nullopt, false);
               }});
  router_.add({"POST", "/api/v1/channels", false, [this](const HttpRequest& request, const PathParameters&, RequestScope& scope) {
                 return register_record(scope, request, RegisterOptions::Mode::kCreateOnly, std::nullopt, true);
               }});
  router_.add({"PUT", "/api/v1/engagements/{ref}", false, [this](const HttpRequest& request, const PathParameters& p, RequestScope& scope) {
                 return register_record(scope, request, RegisterOptions::Mode::kReplaceOnly, p.at("ref"), false);
               }});

  router_.add({"PATCH", "/api/v1/engagements/{ref}", false,
               [this](const HttpRequest& request, const PathParameters& p, RequestScope& scope) {
                 return patch_record(scope, request, p.at("ref"));
               }});

  router_.add({"GET", "/api/v1/engagements/{ref}", false, [this](const HttpRequest& request, const PathParameters& p, RequestScope& scope) {
                 return with_engagement(scope, request, p.at("ref"), Access::kRead,
                                        [&](ServiceSlot&, const Principal&, const EngagementDetails& details) {
                                          // The answer does not depend on who asks (access is checked above).
                                          HttpResponse ignored;
                                          const std::string key = details.engagement.ref + '\n' +
                                                                  as_of_parameter(request, ignored).value_or(Date()).to_string();
                                          if (scope.bodies) {
                                            if (auto body = scope.bodies->find(scope.registry_version, key)) {
                                              return HttpResponse{200, std::move(*body), "application/json; charset=utf-8"};
                                            }
                                          }
                                          HttpResponse response = json_response(200, engagement_details_view(details));
                                          if (scope.bodies) scope.bodies->put(scope.registry_version, key, response.body);
                                          return response;
                                        });
               }});

  router_.add({"GET", "/api/v1/engagements/{ref}/verifications", false,
               [this](const HttpRequest& request, const PathParameters& p, RequestScope& scope) {
                 return with_engagement(scope, request, p.at("ref"), Access::kRead,
                                        [](ServiceSlot&, const Principal&, const EngagementDetails& details) {
                                          const nlohmann::json record = engagement_to_json(details.engagement);
                                          nlohmann::ordered_json items = record.value("verifications", nlohmann::json::array());
                                          return json_response(200, page_json(std::move(items), std::nullopt));
                                        });
               }});

  router_.add({"POST", "/api/v1/engagements/{ref}/verifications", false,
               [this](const HttpRequest& request, const PathParameters& p, RequestScope& scope) {
                 HttpResponse error;
                 auto body = parse_body(request, error);
                 if (!body) return error;
                 if (!body->is_object()) return error_response(422, "invalid_argument", both_languages("本文は確認結果のオブジェクトにしてください",
                                                                                                 "the body must be a verification object"));
                 const auto date = Date::parse(text_field(*body, "date"));
                 if (!date) return error_response(422, "invalid_argument", both_languages("date は実在する日付 YYYY-MM-DD にしてください",
                                                                                  "date must be a real date YYYY-MM-DD"),
                                                   "/date");
                 const auto result = parse_verification_result(text_field(*body, "result"));
                 if (!result) return error_response(422, "invalid_argument", both_languages("result は pass, conditional, fail のいずれかです",
                                                                                    "result is pass, conditional or fail"),
                                                     "/result");
                 Verification verification{*date, *result, optional_text_field(*body, "verifier"),
                                           optional_text_field(*body, "notes"), std::nullopt};
                 return with_engagement(
                     scope, request, p.at("ref"), Access::kWrite,
                     [&](ServiceSlot& slot, const Principal& principal, const EngagementDetails&) {
                       // Checked again inside the transaction: the engagement may have moved meanwhile.
                       auto stored = slot.registry_service->add_verification(
                           p.at("ref"), verification, principal.name, [&principal](const Engagement& engagement) {
                             return engagement_access(principal, engagement.kind, engagement.department, Access::kWrite);
                           });
                       if (!stored) return error_response(stored.status());
                       return json_response(201, engagement_record_view(*stored));
                     });
               }});

  router_.add({"POST", "/api/v1/engagements/{ref}/verifications/{number}/void", false,
               [this](const HttpRequest& request, const PathParameters& p, RequestScope& scope) {
                 HttpResponse error;
                 auto body = parse_body(request, error);
                 if (!body) return error;
                 return as_principal(scope, [&](ServiceSlot& slot, const Principal& principal) {
                   // Voiding is the office's: checked before anything about the engagement is told.
                   if (Status allowed = capability_access(principal, Capability::kVoidVerifications); !allowed) {
                     return error_response(allowed);
                   }
                   if (!body->is_object() || !body->contains("reason") || !(*body)["reason"].is_string()) {
                     return error_response(422, "invalid_argument",
                                           "取消の理由が必要です / the body must be {\"reason\": \"...\"}", "/reason");
                   }
                   const std::string& number_text = p.at("number");
                   if (number_text.empty() || number_text.size() > 6 ||
                       number_text.find_first_not_of("0123456789") != std::string::npos || number_text[0] == '0') {
                     return error_response(404, "not_found",
                                           both_languages("パスの番号の確認結果はありません（GET …/verifications の"
                                                          "並びで最初が 1）",
                                                          "no verification with the number in the path (1 for the first, "
                                                          "as GET …/verifications lists them)"),
                                           "number");
                   }
                   const std::size_t number = std::stoul(number_text);
                   auto stored = slot.registry_service->void_verification(
                       p.at("ref"), number, (*body)["reason"].get<std::string>(), principal.name,
                       [&principal](const Engagement& engagement) {
                         return engagement_access(principal, engagement.kind, engagement.department, Access::kWrite);
                       });
                   if (!stored) {
                     // The service names the CLI's --reason; the body's field is a JSON Pointer.
                     if (stored.status().path() == "reason") {
                       return error_response(Status(stored.status().code(), stored.status().message(), "/reason"));
                     }
                     return error_response(stored.status());
                   }
                   return json_response(200, engagement_record_view(*stored));
                 });
               }});

  router_.add({"GET", "/api/v1/engagements/{ref}/assessments", false,
               [this](const HttpRequest& request, const PathParameters& p, RequestScope& scope) {
                 return with_engagement(scope, request, p.at("ref"), Access::kRead,
                                        [&](ServiceSlot& slot, const Principal&, const EngagementDetails&) {
                                          auto assessments = slot.registry_service->assessments_of(p.at("ref"));
                                          if (!assessments) return error_response(assessments.status());
                                          nlohmann::ordered_json items = nlohmann::ordered_json::array();
                                          for (const auto& a : *assessments) items.push_back(assessment_view(a));
                                          return json_response(200, page_json(std::move(items), std::nullopt));
                                        });
               }});

  router_.add({"POST", "/api/v1/engagements/{ref}/assessments", false,
               [this](const HttpRequest& request, const PathParameters& p, RequestScope& scope) {
                 HttpResponse error;
                 const auto as_of = as_of_parameter(request, error);
                 if (!as_of) return error;
                 return with_engagement(
                     scope, request, p.at("ref"), Access::kWrite,
                     [&](ServiceSlot& slot, const Principal& principal, const EngagementDetails&) {
                       auto assessed = slot.registry_service->assess(p.at("ref"), *as_of, principal.name);
                       if (!assessed) return error_response(assessed.status());
                       return json_response(201, assessment_view(assessed->stored));
                     });
               }});
}

}  // namespace itaku::rest

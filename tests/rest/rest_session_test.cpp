// GET /api/v1/session: who a bearer token is, for a web application right after sign-in.
#include <catch2/catch.hpp>

#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

TEST_CASE("rest session: each token learns its name, role and department", "[rest][session]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  const std::map<std::string, json> expected = {
      {"admin", {{"name", "admin-token"}, {"role", "admin"}, {"department", nullptr}}},
      {"officer", {{"name", "officer-token"}, {"role", "officer"}, {"department", nullptr}}},
      {"procurement", {{"name", "procurement-token"}, {"role", "procurement"}, {"department", nullptr}}},
      {"channel_owner", {{"name", "owner-token"}, {"role", "channel_owner"}, {"department", kOwnerDepartment}}},
      {"auditor", {{"name", "auditor-token"}, {"role", "auditor"}, {"department", nullptr}}},
  };
  for (const auto& [role, session] : expected) {
    INFO(role);
    const HttpResult answer = f.call(role, "GET", "/api/v1/session");
    REQUIRE(answer.status == 200);
    CHECK(answer.json() == session);
    // The same again (now from the cache of principals) and the same bytes.
    CHECK(f.call(role, "GET", "/api/v1/session").body == answer.body);
  }

  // Without a token, with an unknown one and with a revoked one: 401 as on every other route.
  const HttpResult anonymous = f.call("", "GET", "/api/v1/session");
  CHECK(anonymous.status == 401);
  CHECK(anonymous.json().at("code") == "unauthenticated");
  CHECK(http(f.server->port(), "GET", "/api/v1/session", "", {bearer("itk_not-a-token")}).status == 401);
  REQUIRE(f.call("admin", "DELETE", "/api/v1/tokens/auditor-token").status == 204);
  CHECK(f.call("auditor", "GET", "/api/v1/session").status == 401);

  // Another role's token with a department keeps it (informative only: it narrows nothing).
  const std::string clerk = create_token(f.database, "窓口 担当", "procurement", "市民課");
  const HttpResult with_department = http(f.server->port(), "GET", "/api/v1/session", "", {bearer(clerk)});
  REQUIRE(with_department.status == 200);
  CHECK(with_department.json() == json{{"name", "窓口 担当"}, {"role", "procurement"}, {"department", "市民課"}});
}

// The role matrix of the REST API over real HTTP on loopback: every role × route × method, with
// the status each must get, on every backend; and who the audit trail names for a change.
#include <catch2/catch.hpp>

#include <functional>
#include <set>

#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

namespace {

const std::vector<std::string> kRoles = {"admin", "officer", "procurement", "channel_owner", "auditor"};

// A new contractor record and a new social-media channel of the owner's department, unique per role.
std::string new_contractor(const std::string& role) {
  json record = example_record("R7-C-003");
  record["ref"] = "NEW-C-" + role;
  return record.dump();
}

std::string new_channel(const std::string& role) {
  json record = example_record("CH-X-01");
  record["ref"] = "NEW-S-" + role;
  record["social_media"]["account"] = "@hikarino_new_" + role;
  record["social_media"]["url"] = "https://x.com/hikarino_new_" + role;
  return record.dump();
}

struct Case {
  std::string method;
  std::string target;
  std::function<std::string(const std::string& role)> body;
  std::map<std::string, int> expected;  // by role
};

std::map<std::string, int> all(int status) {
  std::map<std::string, int> expected;
  for (const auto& role : kRoles) expected[role] = status;
  return expected;
}

std::map<std::string, int> only(const std::set<std::string>& roles, int allowed, int denied = 403) {
  std::map<std::string, int> expected;
  for (const auto& role : kRoles) expected[role] = roles.count(role) ? allowed : denied;
  return expected;
}

std::string body_none(const std::string&) { return ""; }

}  // namespace

TEST_CASE("rest: every role gets the status its rules give on every route and method", "[rest][roles]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  const std::string contractor = "/api/v1/engagements/R7-C-003";
  const std::string own_channel = "/api/v1/engagements/CH-X-01";
  const std::string other_channel = "/api/v1/engagements/CH-IG-01";
  const std::set<std::string> readers_of_contracts = {"admin", "officer", "procurement", "auditor"};
  const std::set<std::string> writers_of_contracts = {"admin", "officer", "procurement"};
  const std::set<std::string> readers_of_own_channels = {"admin", "officer", "channel_owner", "auditor"};
  const std::set<std::string> writers_of_own_channels = {"admin", "officer", "channel_owner"};
  const std::string verification = R"({"date":"2025-05-20","result":"pass","verifier":"情報政策課"})";
  // 人事異動 of 森 直子 (R7-C-021) to 石井 亮: the first allowed role moves it, the second finds nothing left.
  std::map<std::string, long long> person_ids;
  const json persons = f.call("admin", "GET", "/api/v1/persons").json().at("items");
  for (const auto& person : persons) {
    person_ids[person.at("name").get<std::string>()] = person.at("id").get<long long>();
  }
  REQUIRE(person_ids.count("森 直子") == 1);
  REQUIRE(person_ids.count("石井 亮") == 1);
  const std::string reassign = "/api/v1/persons/" + std::to_string(person_ids.at("森 直子")) + "/reassign";
  const std::string to_successor = json{{"to", person_ids.at("石井 亮")}}.dump();
  const std::vector<Case> cases = {
      {"GET", "/api/v1/openapi.json", body_none, all(200)},
      {"GET", "/api/v1/verify?url=https%3A%2F%2Fx.com%2Fhikarino_city", body_none, all(200)},
      {"GET", "/api/v1/session", body_none, all(200)},
      {"GET", "/api/v1/dashboard", body_none, all(200)},
      {"GET", "/api/v1/vendors", body_none, only(readers_of_contracts, 200)},
      {"GET", "/api/v1/engagements", body_none, all(200)},
      {"GET", "/api/v1/engagements?kind=contractor", body_none, only(readers_of_contracts, 200)},
      {"GET", "/api/v1/engagements?kind=social_media", body_none, only(readers_of_own_channels, 200)},
      {"POST", "/api/v1/engagements", new_contractor, only(writers_of_contracts, 201)},
      {"GET", contractor, body_none, only(readers_of_contracts, 200)},
      {"GET", own_channel, body_none, only(readers_of_own_channels, 200)},
      {"GET", other_channel, body_none, only({"admin", "officer", "auditor"}, 200)},
      {"PUT", contractor, [](const std::string&) { return example_record("R7-C-003").dump(); },
       only(writers_of_contracts, 200)},
      {"GET", contractor + "/verifications", body_none, only(readers_of_contracts, 200)},
      {"POST", contractor + "/verifications", [&](const std::string&) { return verification; },
       only(writers_of_contracts, 201)},
      {"POST", own_channel + "/verifications", [&](const std::string&) { return verification; },
       only(writers_of_own_channels, 201)},
      {"POST", other_channel + "/verifications", [&](const std::string&) { return verification; },
       only({"admin", "officer"}, 201)},
      {"GET", contractor + "/assessments", body_none, only(readers_of_contracts, 200)},
      {"POST", contractor + "/assessments?as_of=2025-06-01", body_none, only(writers_of_contracts, 201)},
      {"POST", own_channel + "/assessments", body_none, only(writers_of_own_channels, 201)},
      {"GET", "/api/v1/channels", body_none, only(readers_of_own_channels, 200)},
      {"POST", "/api/v1/channels", new_channel, only(writers_of_own_channels, 201)},
      {"GET", "/api/v1/persons", body_none, all(200)},
      {"POST", "/api/v1/persons",
       [](const std::string& role) { return json{{"name", "新任 " + role}, {"department", "総務課"}}.dump(); },
       only({"admin", "officer"}, 201)},
      {"POST", reassign, [&](const std::string&) { return to_successor; }, only({"admin", "officer"}, 200)},
      {"POST", "/api/v1/review", [](const std::string&) { return example_record("EX-001").dump(); }, all(200)},
      {"GET", "/api/v1/due?within=60", body_none, all(200)},
      {"GET", "/api/v1/plugins", body_none, all(200)},
      {"GET", "/api/v1/catalogue", body_none, all(200)},
      {"GET", "/api/v1/audit", body_none, only({"admin", "auditor"}, 200)},
      {"GET", "/api/v1/tokens", body_none, only({"admin"}, 200)},
      {"POST", "/api/v1/tokens",
       [](const std::string& role) { return json{{"name", "made-by-" + role}, {"role", "auditor"}}.dump(); },
       only({"admin"}, 201)},
      {"DELETE", "/api/v1/tokens/officer-token", body_none, only({"admin"}, 204)},
  };
  for (const auto& c : cases) {
    // Tokens are revoked by the last case: run it for the admin last.
    for (const auto& role : kRoles) {
      if (c.method == "DELETE" && role == "admin") continue;
      INFO(role << " " << c.method << " " << c.target);
      const HttpResult result = f.call(role, c.method, c.target, c.body(role));
      CHECK(result.status == c.expected.at(role));
      if (result.status >= 400) {
        const json error = result.json();
        CHECK(error.at("code").is_string());
        CHECK_FALSE(error.at("message").get<std::string>().empty());
      }
    }
    // Without a token, only the public routes answer.
    const bool is_public = c.target.rfind("/api/v1/openapi.json", 0) == 0 || c.target.rfind("/api/v1/verify", 0) == 0;
    INFO("no token: " << c.method << " " << c.target);
    CHECK(f.call("", c.method, c.target, c.body("anonymous")).status == (is_public ? 200 : 401));
  }
  const HttpResult revoked = f.call("admin", "DELETE", "/api/v1/tokens/officer-token");
  CHECK(revoked.status == 204);
  // A revoked token is refused at once, and an unknown one never worked.
  CHECK(f.call("officer", "GET", "/api/v1/engagements").status == 401);
  CHECK(http(f.server->port(), "GET", "/api/v1/engagements", "", {bearer("itk_not-a-token")}).status == 401);
}

TEST_CASE("rest: a channel owner sees and changes only its own department's channels", "[rest][roles]") {
  RestFixture f("sqlite");
  const HttpResult listed = f.call("channel_owner", "GET", "/api/v1/engagements?limit=500");
  REQUIRE(listed.status == 200);
  const json items = listed.json().at("items");
  REQUIRE_FALSE(items.empty());
  for (const auto& item : items) {
    CHECK(item.at("kind") == "social_media");
    CHECK(item.at("department") == kOwnerDepartment);
  }
  CHECK(f.call("channel_owner", "GET", "/api/v1/engagements?department=" + url_encoded("子育て支援課")).status == 403);
  // Moving its channel to another department is refused, and nothing changes.
  json moved = example_record("CH-X-01");
  moved["department"] = "子育て支援課";
  CHECK(f.call("channel_owner", "PUT", "/api/v1/engagements/CH-X-01", moved.dump()).status == 403);
  CHECK(f.call("admin", "GET", "/api/v1/engagements/CH-X-01").json().at("record").at("department") == kOwnerDepartment);
  // A procurement token cannot list channels at all, nor see them in the work list.
  CHECK(f.call("procurement", "GET", "/api/v1/channels").status == 403);
  const HttpResult due = f.call("procurement", "GET", "/api/v1/due?within=3650&as_of=2026-01-01");
  REQUIRE(due.status == 200);
  // Each JSON kept in a variable: a range-for over a temporary's member reads freed memory.
  const json due_items = due.json().at("items");
  REQUIRE_FALSE(due_items.empty());
  for (const auto& item : due_items) {
    const std::string ref = item.at("ref");
    CHECK(example_record(ref).at("kind") != "social_media");
    // Each line says where it stands: a lapsed certificate counts back, a coming one forward.
    REQUIRE(item.at("days").is_number_integer());
    if (item.at("what") == "certification") {
      CHECK(item.at("status") == (item.at("days").get<long>() < 0 ? "expired" : "expiring"));
    }
  }
  // The owner's work list holds its own channels only.
  const json owner_items =
      f.call("channel_owner", "GET", "/api/v1/due?within=3650&as_of=2026-01-01").json().at("items");
  for (const auto& item : owner_items) {
    CHECK(item.at("department") == kOwnerDepartment);
  }
}

TEST_CASE("rest: every change is audited with the token's name as actor", "[rest][roles][audit]") {
  RestFixture f("sqlite");
  REQUIRE(f.call("procurement", "POST", "/api/v1/engagements/R7-C-003/verifications",
                 R"({"date":"2025-05-21","result":"conditional","verifier":"調達課","notes":"是正待ち"})")
              .status == 201);
  REQUIRE(f.call("officer", "POST", "/api/v1/engagements", new_contractor("audit")).status == 201);
  const HttpResult trail = f.call("auditor", "GET", "/api/v1/audit?ref=R7-C-003");
  REQUIRE(trail.status == 200);
  const json entries = trail.json().at("items");
  REQUIRE_FALSE(entries.empty());
  CHECK(entries.back().at("actor") == "procurement-token");
  CHECK(entries.back().at("action") == "verification.add");
  const HttpResult created = f.call("admin", "GET", "/api/v1/audit?ref=NEW-C-audit");
  REQUIRE(created.json().at("items").size() == 1);
  CHECK(created.json().at("items")[0].at("actor") == "officer-token");
  // The whole trail still verifies.
  CHECK(itaku_with_db(f.database, {"audit", "verify"}).exit_code == 0);
}

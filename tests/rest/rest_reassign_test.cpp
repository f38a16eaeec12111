// POST /api/v1/persons/{id}/reassign: 人事異動 through the API, as `itaku person reassign` does it.
#include <catch2/catch.hpp>

#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

namespace {

std::map<std::string, json> persons_by_name(const RestFixture& f) {
  std::map<std::string, json> persons;
  const HttpResult listed = f.call("admin", "GET", "/api/v1/persons?include_inactive=true");
  REQUIRE(listed.status == 200);
  const json items = listed.json().at("items");  // kept: a range-for over a temporary's member reads freed memory
  for (const auto& person : items) persons[person.at("name").get<std::string>()] = person;
  return persons;
}

std::string person_of(const RestFixture& f, const std::string& ref) {
  const HttpResult shown = f.call("admin", "GET", "/api/v1/engagements/" + ref);
  REQUIRE(shown.status == 200);
  return shown.json().at("record").at("responsible_person").at("name");
}

std::string reassign_path(long long id) { return "/api/v1/persons/" + std::to_string(id) + "/reassign"; }

std::string to_body(long long id) { return json{{"to", id}}.dump(); }

}  // namespace

TEST_CASE("rest reassign: every engagement of a person moves to another, audited, and GET shows it", "[rest][persons]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  const HttpResult added =
      f.call("officer", "POST", "/api/v1/persons", json{{"name", "後任 次郎"}, {"department", "市民課"}}.dump());
  REQUIRE(added.status == 201);
  const long long successor = added.json().at("id");
  const long long ueno = persons_by_name(f).at("上野 太郎").at("id");
  // Read before the change, so that the server has these answers cached.
  CHECK(person_of(f, "EX-001") == "上野 太郎");
  CHECK(person_of(f, "R7-C-003") == "佐々木 美咲");

  // The office deactivates 上野 on his transfer (the CLI), then hands his engagements over.
  REQUIRE(itaku_with_db(f.database, {"person", "deactivate", std::to_string(ueno)}).exit_code == 0);
  const HttpResult moved = f.call("officer", "POST", reassign_path(ueno), to_body(successor));
  INFO(moved.body);
  REQUIRE(moved.status == 200);
  CHECK(moved.json() == json{{"from", ueno}, {"to", successor}, {"moved", {"EX-001", "R7-C-013", "R7-S-004"}}});

  // Exactly those engagements now name the successor; the others are as they were.
  for (const std::string ref : {"EX-001", "R7-C-013", "R7-S-004"}) CHECK(person_of(f, ref) == "後任 次郎");
  CHECK(person_of(f, "R7-C-003") == "佐々木 美咲");
  const auto persons = persons_by_name(f);
  CHECK(persons.at("上野 太郎").at("engagements") == 0);
  CHECK(persons.at("上野 太郎").at("active") == false);
  CHECK(persons.at("後任 次郎").at("engagements") == 3);
  // The successor is active: GEN-01 (no active responsible person) is gone from the review.
  const json assessed = f.call("officer", "POST", "/api/v1/engagements/EX-001/assessments?as_of=2025-06-01").json();
  for (const auto& finding : assessed.at("result").at("findings")) CHECK(finding.at("id") != "GEN-01");

  // Audited as the CLI's reassign is: one person.reassign entry per engagement, the token as actor.
  const json trail = f.call("auditor", "GET", "/api/v1/audit?ref=R7-S-004").json().at("items");
  REQUIRE_FALSE(trail.empty());
  CHECK(trail.back().at("action") == "person.reassign");
  CHECK(trail.back().at("actor") == "officer-token");
  CHECK(trail.back().at("before").at("responsible_person").at("name") == "上野 太郎");
  CHECK(trail.back().at("after").at("responsible_person").at("name") == "後任 次郎");
  CHECK(itaku_with_db(f.database, {"audit", "verify"}).exit_code == 0);

  // Again: nothing is left to move, and nothing is written.
  const HttpResult again = f.call("admin", "POST", reassign_path(ueno), to_body(successor));
  REQUIRE(again.status == 200);
  CHECK(again.json().at("moved") == json::array());
  CHECK(f.call("auditor", "GET", "/api/v1/audit?ref=R7-S-004").json().at("items").size() == trail.size());
}

TEST_CASE("rest reassign: only the security office (officer, admin) may reassign", "[rest][persons][roles]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  const auto persons = persons_by_name(f);
  const long long from = persons.at("佐々木 美咲").at("id");
  const long long to = persons.at("中村 健一").at("id");
  for (const std::string role : {"procurement", "channel_owner", "auditor"}) {
    INFO(role);
    const HttpResult refused = f.call(role, "POST", reassign_path(from), to_body(to));
    CHECK(refused.status == 403);
    CHECK(refused.json().at("code") == "permission_denied");
    // Refused before anything about the persons is told: an unknown id is a 403 too.
    CHECK(f.call(role, "POST", reassign_path(999999), to_body(to)).status == 403);
  }
  CHECK(f.call("", "POST", reassign_path(from), to_body(to)).status == 401);
  CHECK(person_of(f, "R7-C-003") == "佐々木 美咲");
  CHECK(persons_by_name(f).at("佐々木 美咲").at("engagements") == 3);
}

TEST_CASE("rest reassign: unknown persons, a bad or missing to, the same person and an inactive successor are refused",
          "[rest][persons][errors]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  const auto persons = persons_by_name(f);
  const long long from = persons.at("佐々木 美咲").at("id");
  const long long to = persons.at("中村 健一").at("id");
  const auto refused = [&](const std::string& target, const std::string& body, int status, const std::string& path) {
    INFO(target << " " << body);
    const HttpResult answer = f.call("officer", "POST", target, body);
    INFO(answer.body);
    CHECK(answer.status == status);
    const json error = answer.json();
    CHECK(error.at("path") == path);
    return error.at("message").get<std::string>();
  };

  // An unknown person, in the path or as `to`: 404 naming the id.
  CHECK(refused(reassign_path(987654), to_body(to), 404, "id").find("987654") != std::string::npos);
  CHECK(refused(reassign_path(from), to_body(987654), 404, "/to").find("987654") != std::string::npos);
  CHECK(refused("/api/v1/persons/abc/reassign", to_body(to), 404, "id").find("abc") != std::string::npos);
  CHECK(refused("/api/v1/persons/0/reassign", to_body(to), 404, "id").find("'0'") != std::string::npos);
  // `to` missing, not an integer, not positive: 422 at /to.
  for (const std::string body : {R"({})", R"({"to": "12"})", R"({"to": 1.5})", R"({"to": null})", R"({"to": -3})",
                                 R"({"to": 0})", R"([12])", R"({"from": 1})"}) {
    const std::string message = refused(reassign_path(from), body, 422, "/to");
    CHECK(message.find("to") != std::string::npos);
  }
  // Not JSON at all: 400 with the byte; not application/json: 415.
  CHECK(f.call("officer", "POST", reassign_path(from), "{\"to\": ").status == 400);
  CHECK(http(f.server->port(), "POST", reassign_path(from), to_body(to),
             {bearer(f.tokens.at("officer")), "Content-Type: text/plain"})
            .status == 415);
  // The person in the path as its own successor.
  const std::string same = refused(reassign_path(from), to_body(from), 400, "/to");
  CHECK(same.find("同じ") != std::string::npos);
  CHECK(same.find("another person") != std::string::npos);
  // An inactive successor: the engagements would be flagged (GEN-01) at once.
  const long long ueno = persons.at("上野 太郎").at("id");
  REQUIRE(itaku_with_db(f.database, {"person", "deactivate", std::to_string(ueno)}).exit_code == 0);
  const std::string inactive = refused(reassign_path(from), to_body(ueno), 422, "/to");
  CHECK(inactive.find("inactive") != std::string::npos);
  CHECK(inactive.find("上野 太郎") != std::string::npos);
  // None of these moved anything.
  CHECK(person_of(f, "R7-C-003") == "佐々木 美咲");
  CHECK(persons_by_name(f).at("佐々木 美咲").at("engagements") == 3);
}

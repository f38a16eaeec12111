// History over the REST API (README "History is append-only"), on every backend: PUT and PATCH
// keep recorded verifications, a body that would drop or alter one is refused naming it, only the
// security office voids one, and no role can delete one.
#include <catch2/catch.hpp>

#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

namespace {

const std::vector<std::string> kRoles = {"admin", "officer", "procurement", "channel_owner", "auditor"};
const std::string kChannel = "/api/v1/engagements/CH-X-01";
const std::string kFailed = R"({"date":"2026-11-01","result":"fail","verifier":"監査","notes":"二要素認証が無効"})";

json verifications_of(const RestFixture& f, const std::string& target) {
  const HttpResult shown = f.call("admin", "GET", target);
  REQUIRE(shown.status == 200);
  return shown.json()["record"].value("verifications", json::array());
}

std::size_t audit_entries(const RestFixture& f, const std::string& ref) {
  const HttpResult trail = f.call("admin", "GET", "/api/v1/audit?ref=" + ref + "&limit=500");
  REQUIRE(trail.status == 200);
  return trail.json()["items"].size();
}

}  // namespace

TEST_CASE("rest history: PUT without verifications keeps the office's failed verification", "[rest][history]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  REQUIRE(f.call("officer", "POST", kChannel + "/verifications", kFailed).status == 201);
  const json recorded = verifications_of(f, kChannel);
  REQUIRE(recorded.size() >= 1);

  // The channel owner sends its record back without the verifications (as in the issue).
  json record = example_record("CH-X-01");
  record.erase("verifications");
  record["title"] = "ひかり野市公式X";
  const HttpResult put = f.call("channel_owner", "PUT", kChannel, record.dump());
  INFO(put.body);
  REQUIRE(put.status == 200);
  CHECK(put.json()["outcome"] == "updated");
  CHECK(put.json()["record"]["verifications"] == recorded);
  CHECK(put.json()["review"]["verification"]["status"] == "failed");
  CHECK(verifications_of(f, kChannel) == recorded);

  // A body listing the verifications without the failed one is refused, naming it; nothing written.
  const std::size_t entries = audit_entries(f, "CH-X-01");
  for (const std::string role : {"channel_owner", "officer", "admin"}) {
    json dropping = put.json()["record"];
    dropping["title"] = "別の名称";
    dropping["verifications"].erase(dropping["verifications"].size() - 1);
    const HttpResult refused = f.call(role, "PUT", kChannel, dropping.dump());
    INFO(role << ": " << refused.body);
    CHECK(refused.status == 409);
    CHECK(refused.json()["code"] == "conflict");
    CHECK(refused.json()["message"].get<std::string>().find("2026-11-01 fail") != std::string::npos);
    // Altering one is refused too.
    json altering = put.json()["record"];
    altering["verifications"].back()["result"] = "pass";
    CHECK(f.call(role, "PUT", kChannel, altering.dump()).status == 409);
  }
  CHECK(verifications_of(f, kChannel) == recorded);
  CHECK(audit_entries(f, "CH-X-01") == entries);
  CHECK(f.call("admin", "GET", kChannel).json()["record"]["title"] == "ひかり野市公式X");

  // Sending the same record again changes nothing and writes no audit entry.
  const HttpResult again = f.call("channel_owner", "PUT", kChannel, put.json()["record"].dump());
  CHECK(again.status == 200);
  CHECK(again.json()["outcome"] == "unchanged");
  CHECK(audit_entries(f, "CH-X-01") == entries);
}

TEST_CASE("rest history: PATCH changes the fields it names and nothing else", "[rest][history]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  REQUIRE(f.call("officer", "POST", kChannel + "/verifications", kFailed).status == 201);
  const json before = f.call("admin", "GET", kChannel).json()["record"];

  const HttpResult patched = http(f.server->port(), "PATCH", kChannel,
                                  R"({"title":"ひかり野市公式X","social_media":{"mfa":false}})",
                                  {bearer(f.tokens.at("channel_owner")), "Content-Type: application/merge-patch+json"});
  INFO(patched.body);
  REQUIRE(patched.status == 200);
  json expected = before;
  expected["title"] = "ひかり野市公式X";
  expected["social_media"]["mfa"] = false;
  CHECK(patched.json()["record"] == expected);
  CHECK(f.call("admin", "GET", kChannel).json()["record"] == expected);

  // null removes an optional field; a required one cannot go (422 at its pointer), nor can the ref change.
  const HttpResult removed = f.call("officer", "PATCH", kChannel, R"({"responsible_person":null})");
  CHECK(removed.status == 200);
  CHECK_FALSE(removed.json()["record"].contains("responsible_person"));
  const HttpResult required = f.call("officer", "PATCH", kChannel, R"({"title":null})");
  CHECK(required.status == 422);
  CHECK(required.json()["path"] == "/title");
  CHECK(f.call("officer", "PATCH", kChannel, R"({"ref":"CH-X-99"})").status == 422);
  CHECK(f.call("officer", "PATCH", kChannel, R"([1,2])").status == 422);
  // Verifications cannot be dropped by a patch either.
  CHECK(f.call("officer", "PATCH", kChannel, R"({"verifications":[]})").status == 409);
  CHECK(f.call("officer", "PATCH", kChannel, R"({"verifications":null})").status == 200);
  CHECK(verifications_of(f, kChannel) == before["verifications"]);
  // Roles: an auditor never writes, a channel owner never touches a contract.
  CHECK(f.call("auditor", "PATCH", kChannel, R"({"title":"x"})").status == 403);
  CHECK(f.call("channel_owner", "PATCH", "/api/v1/engagements/R7-C-003", R"({"title":"x"})").status == 403);
  CHECK(f.call("officer", "PATCH", "/api/v1/engagements/NO-SUCH", R"({"title":"x"})").status == 404);
  CHECK(f.call("officer", "PATCH", kChannel, R"({"title":"x"})").status == 200);
}

TEST_CASE("rest history: only officers and admins void a verification, and no role deletes one", "[rest][history][roles]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  REQUIRE(f.call("officer", "POST", kChannel + "/verifications", kFailed).status == 201);
  const json recorded = verifications_of(f, kChannel);
  const std::size_t last = recorded.size();  // 1-based number of the failed one
  const std::string void_target = kChannel + "/verifications/" + std::to_string(last) + "/void";

  for (const auto& role : kRoles) {
    INFO(role);
    // No route deletes a verification or the list, for anyone.
    CHECK(f.call(role, "DELETE", kChannel + "/verifications").status == 405);
    const int deleted = f.call(role, "DELETE", kChannel + "/verifications/1").status;
    CHECK((deleted == 404 || deleted == 405));
    if (role == "admin" || role == "officer") continue;
    const HttpResult refused = f.call(role, "POST", void_target, R"({"reason":"誤登録"})");
    CHECK(refused.status == 403);
  }
  CHECK(verifications_of(f, kChannel) == recorded);

  CHECK(f.call("officer", "POST", void_target, R"({})").status == 422);
  CHECK(f.call("officer", "POST", void_target, R"({"reason":"  "})").status == 422);
  CHECK(f.call("officer", "POST", kChannel + "/verifications/99/void", R"({"reason":"誤登録"})").status == 404);
  CHECK(f.call("officer", "POST", kChannel + "/verifications/0/void", R"({"reason":"誤登録"})").status == 404);
  const HttpResult voided = f.call("officer", "POST", void_target, R"({"reason":"別の案件の確認結果を誤って登録"})");
  INFO(voided.body);
  REQUIRE(voided.status == 200);
  const json after = voided.json()["record"]["verifications"];
  REQUIRE(after.size() == recorded.size());  // still there
  CHECK(after.back()["voided"]["by"] == "officer-token");
  CHECK(after.back()["voided"]["reason"] == "別の案件の確認結果を誤って登録");
  // It no longer counts: the channel is not "failed" any more.
  CHECK(f.call("admin", "GET", kChannel).json()["verification"]["status"] != "failed");
  CHECK(f.call("admin", "POST", void_target, R"({"reason":"二度目"})").status == 409);
  // The trail has the void with before and after.
  const json trail = f.call("admin", "GET", "/api/v1/audit?ref=CH-X-01&limit=500").json()["items"];
  REQUIRE(!trail.empty());
  CHECK(trail.back()["action"] == "verification.void");
  CHECK(trail.back()["actor"] == "officer-token");
  // A PUT may leave the void out, but not change it.
  json record = f.call("admin", "GET", kChannel).json()["record"];
  record["verifications"].back().erase("voided");
  CHECK(f.call("officer", "PUT", kChannel, record.dump()).json()["record"]["verifications"] == after);
  record["verifications"].back()["voided"] = {{"at", "2020-01-01T00:00:00Z"}, {"by", "x"}, {"reason", "y"}};
  CHECK(f.call("officer", "PUT", kChannel, record.dump()).status == 409);
}

TEST_CASE("rest history: an auditor is refused before its body is looked at", "[rest][history][roles]") {
  RestFixture f("sqlite");
  // An invalid record, a taken ref and a conflicting list all answer 403 to the auditor, telling nothing.
  CHECK(f.call("auditor", "POST", "/api/v1/engagements", R"({"ref":"X"})").status == 403);
  CHECK(f.call("auditor", "POST", "/api/v1/engagements", example_record("CH-X-01").dump()).status == 403);
  CHECK(f.call("auditor", "PUT", kChannel, R"({"ref":"CH-X-01","verifications":[]})").status == 403);
  CHECK(f.call("auditor", "PATCH", kChannel, R"({"title":null})").status == 403);
  CHECK(f.call("auditor", "PATCH", "/api/v1/engagements/NO-SUCH", R"({"title":"x"})").status == 403);
  // The same for others gives the body's problem.
  CHECK(f.call("officer", "POST", "/api/v1/engagements", R"({"ref":"X"})").status == 422);
}

TEST_CASE("rest history: a channel owner moving its channel to another department is refused at /department",
          "[rest][history][roles]") {
  RestFixture f("sqlite");
  const HttpResult moved = f.call("channel_owner", "PATCH", kChannel, R"({"department":"商工観光課"})");
  INFO(moved.body);
  CHECK(moved.status == 403);
  CHECK(moved.json().at("path") == "/department");
  // Nothing changed.
  CHECK(f.call("channel_owner", "GET", kChannel).json().at("record").at("department") == kOwnerDepartment);
}

// GET /api/v1/dashboard: the security office's counts over exactly what the caller may see, each
// engagement reviewed as `itaku review --registry` and the list of engagements review it; cached
// per registry version, and never stale after a change.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

#include "rest/api.hpp"
#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

namespace {

const char* kAsOf = "2026-04-01";

// The dashboard computed here from the CLI's review of the registry (itaku review --registry),
// over the results `counts` accepts.
json expected_dashboard(const json& report, const std::function<bool(const json& result)>& counts) {
  json board = {{"as_of", kAsOf},
                {"engagements", 0},
                {"by_decision", {{"approve", 0}, {"conditional", 0}, {"reject", 0}}},
                {"by_verification_status", {{"verified", 0}, {"due_soon", 0}, {"unverified", 0}, {"overdue", 0}, {"failed", 0}}},
                {"by_kind", {{"contractor", 0}, {"cloud", 0}, {"social_media", 0}}},
                {"findings_by_department", json::array()},
                {"findings_by_severity", {{"critical", 0}, {"high", 0}, {"medium", 0}, {"low", 0}}}};
  std::map<std::string, json> departments;
  for (const auto& result : report.at("results")) {
    if (!counts(result)) continue;
    board["engagements"] = board["engagements"].get<int>() + 1;
    auto bump = [](json& counter) { counter = counter.get<int>() + 1; };
    bump(board["by_decision"][result.at("decision").get<std::string>()]);
    bump(board["by_verification_status"][result.at("verification").at("status").get<std::string>()]);
    bump(board["by_kind"][result.at("kind").get<std::string>()]);
    const std::string name = result.at("department");
    json& department = departments[name];
    if (department.is_null()) {
      department = {{"department", name}, {"critical", 0}, {"high", 0}, {"medium", 0}, {"low", 0}, {"engagements", 0}};
    }
    bump(department["engagements"]);
    for (const auto& finding : result.at("findings")) {
      bump(department[finding.at("severity").get<std::string>()]);
      bump(board["findings_by_severity"][finding.at("severity").get<std::string>()]);
    }
  }
  for (auto& [name, department] : departments) board["findings_by_department"].push_back(department);
  return board;
}

json registry_review(const RestFixture& f) {
  const ProcessResult run =
      itaku_with_db(f.database, {"review", "--registry", "--as-of", kAsOf, "--format", "json", "--fail-on", "never"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  return json::parse(run.out);
}

json dashboard_with_due(const RestFixture& f, const std::string& role,
                        const std::string& query = std::string("?as_of=") + kAsOf) {
  const HttpResult answer = f.call(role, "GET", "/api/v1/dashboard" + query);
  INFO(role << ": " << answer.body);
  REQUIRE(answer.status == 200);
  return answer.json();
}

// The counts only: the due list has a test of its own.
json dashboard(const RestFixture& f, const std::string& role, const std::string& query = std::string("?as_of=") + kAsOf) {
  json body = dashboard_with_due(f, role, query);
  REQUIRE(body.contains("due"));
  body.erase("due");
  return body;
}

int total(const json& counts) {
  int sum = 0;
  for (const auto& [name, count] : counts.items()) sum += count.get<int>();
  return sum;
}

}  // namespace

TEST_CASE("rest dashboard: each role counts exactly the engagements it may see", "[rest][dashboard][roles]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  const json report = registry_review(f);
  REQUIRE(report.at("results").size() == example_records().size());

  const auto everything = [](const json&) { return true; };
  const json all = expected_dashboard(report, everything);
  REQUIRE(all.at("engagements") == example_records().size());
  REQUIRE(total(all.at("findings_by_severity")) > 0);
  CHECK(dashboard(f, "admin") == all);
  CHECK(dashboard(f, "officer") == all);
  CHECK(dashboard(f, "auditor") == all);

  const json procurement = dashboard(f, "procurement");
  CHECK(procurement == expected_dashboard(report, [](const json& r) { return r.at("kind") != "social_media"; }));
  CHECK(procurement.at("by_kind").at("social_media") == 0);
  CHECK(procurement.at("engagements") == 18);

  // The channel owner of 秘書広報課: its four channels, nothing of its department's contracts.
  const json owner = dashboard(f, "channel_owner");
  CHECK(owner == expected_dashboard(report, [](const json& r) {
          return r.at("kind") == "social_media" && r.at("department") == kOwnerDepartment;
        }));
  CHECK(owner.at("engagements") == 4);
  CHECK(owner.at("by_kind") == json{{"contractor", 0}, {"cloud", 0}, {"social_media", 4}});
  REQUIRE(owner.at("findings_by_department").size() == 1);
  CHECK(owner.at("findings_by_department")[0].at("department") == kOwnerDepartment);
  CHECK(owner.at("findings_by_department")[0].at("engagements") == 4);

  // What the list shows for the same role and date, counted: the same numbers.
  for (const std::string role : {"admin", "procurement", "channel_owner"}) {
    INFO(role);
    const json listed = f.call(role, "GET", std::string("/api/v1/engagements?limit=500&as_of=") + kAsOf).json();
    json by_decision = {{"approve", 0}, {"conditional", 0}, {"reject", 0}};
    for (const auto& item : listed.at("items")) {
      by_decision[item.at("decision").get<std::string>()] = by_decision[item.at("decision").get<std::string>()].get<int>() + 1;
    }
    const json board = dashboard(f, role);
    CHECK(board.at("by_decision") == by_decision);
    CHECK(board.at("engagements") == listed.at("items").size());
  }
}

TEST_CASE("rest dashboard: counts add up, departments are sorted and those without findings are listed", "[rest][dashboard]") {
  RestFixture f("sqlite");
  // A department whose one engagement has no findings: a channel with every control in place,
  // verified just before the date asked for.
  json clean = example_record("CH-X-01");
  clean["ref"] = "CH-CLEAN-01";
  clean["department"] = "会計課";
  clean["responsible_person"] = {{"name", "会計 花子"}, {"department", "会計課"}};
  clean["social_media"]["account"] = "@hikarino_kaikei";
  clean["social_media"]["url"] = "https://x.com/hikarino_kaikei";
  clean["verifications"] = json::array({{{"date", "2026-03-20"}, {"result", "pass"}, {"verifier", "情報政策課"}}});
  const HttpResult created = f.call("officer", "POST", std::string("/api/v1/channels?as_of=") + kAsOf, clean.dump());
  INFO(created.body);
  REQUIRE(created.status == 201);
  const json review = created.json().at("review");
  INFO(review.dump());

  const json board = dashboard(f, "officer");
  CHECK(total(board.at("by_decision")) == board.at("engagements"));
  CHECK(total(board.at("by_verification_status")) == board.at("engagements"));
  CHECK(total(board.at("by_kind")) == board.at("engagements"));
  json summed = {{"critical", 0}, {"high", 0}, {"medium", 0}, {"low", 0}};
  int engagements = 0;
  std::string previous;
  for (const auto& line : board.at("findings_by_department")) {
    const std::string name = line.at("department");
    CHECK(previous < name);  // sorted by name (code points), each once
    previous = name;
    engagements += line.at("engagements").get<int>();
    for (auto& [severity, count] : summed.items()) count = count.get<int>() + line.at(severity).get<int>();
  }
  CHECK(summed == board.at("findings_by_severity"));
  CHECK(engagements == board.at("engagements"));

  // 会計課 is listed with its engagement and, when the review found nothing there, zeros.
  const auto kaikei = std::find_if(board.at("findings_by_department").begin(), board.at("findings_by_department").end(),
                                   [](const json& line) { return line.at("department") == "会計課"; });
  REQUIRE(kaikei != board.at("findings_by_department").end());
  CHECK(kaikei->at("engagements") == 1);
  const int kaikei_findings = kaikei->at("critical").get<int>() + kaikei->at("high").get<int>() +
                              kaikei->at("medium").get<int>() + kaikei->at("low").get<int>();
  CHECK(kaikei_findings == static_cast<int>(review.at("findings").size()));
  CHECK(review.at("findings").empty());
}

TEST_CASE("rest dashboard: answered from the cache until the registry changes, from the server or the CLI",
          "[rest][dashboard][cache]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  const HttpResult first = f.call("officer", "GET", std::string("/api/v1/dashboard?as_of=") + kAsOf);
  REQUIRE(first.status == 200);
  CHECK(f.call("officer", "GET", std::string("/api/v1/dashboard?as_of=") + kAsOf).body == first.body);
  // Another role, department or date is another answer, not the cached one.
  CHECK(dashboard(f, "channel_owner").at("engagements") == 4);
  CHECK(dashboard(f, "officer", "?as_of=2030-01-01").at("as_of") == "2030-01-01");
  CHECK(dashboard(f, "officer", "?as_of=2030-01-01").at("by_verification_status").at("overdue") >
        json::parse(first.body).at("by_verification_status").at("overdue"));

  // A failed verification recorded through the server shows at once.
  const json before = json::parse(first.body);
  REQUIRE(f.call("officer", "POST", "/api/v1/engagements/R7-C-005/verifications",
                 R"({"date": "2026-03-31", "result": "fail", "verifier": "情報政策課"})")
              .status == 201);
  const json after_fail = dashboard(f, "officer");
  CHECK(after_fail.at("by_verification_status").at("failed").get<int>() ==
        before.at("by_verification_status").at("failed").get<int>() + 1);

  // A change made by the CLI shows once the version a GET may trust has expired (100 ms).
  json record = example_record("R7-C-003");
  record["ref"] = "R7-C-NEW";
  ScratchDir scratch("dashboard");
  write_file(scratch / "one.jsonl", record.dump() + "\n");
  REQUIRE(itaku_with_db(f.database, {"import", (scratch / "one.jsonl").string()}).exit_code == 0);
  std::this_thread::sleep_for(std::chrono::nanoseconds(itaku::rest::kVersionRecheckNs) + std::chrono::milliseconds(20));
  CHECK(dashboard(f, "officer").at("engagements") == after_fail.at("engagements").get<int>() + 1);
  CHECK(dashboard(f, "procurement").at("by_kind").at("contractor") ==
        before.at("by_kind").at("contractor").get<int>() + 1);
  CHECK(dashboard(f, "channel_owner").at("engagements") == 4);  // not its engagement
}

TEST_CASE("rest dashboard: a bad date is a 400 naming as_of, no token a 401", "[rest][dashboard][errors]") {
  RestFixture f("sqlite");
  const HttpResult bad = f.call("officer", "GET", "/api/v1/dashboard?as_of=2026-02-30");
  CHECK(bad.status == 400);
  CHECK(bad.json().at("path") == "as_of");
  CHECK(f.call("", "GET", "/api/v1/dashboard").status == 401);
  // Without as_of: today.
  const json today = dashboard(f, "auditor", "");
  CHECK(today.at("as_of").get<std::string>().size() == 10);
  CHECK(today.at("engagements") == example_records().size());
}

TEST_CASE("rest dashboard: the due list is GET /due of 30 days in groups, each counted whole and listing ten",
          "[rest][dashboard][due]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  // Enough overdue verifications that a group lists fewer than it counts.
  for (int copy = 0; copy < 12; ++copy) {
    json record = example_record("EX-001");
    record["ref"] = "DUE-" + std::to_string(copy);
    REQUIRE(f.call("admin", "POST", "/api/v1/engagements", record.dump()).status == 201);
  }
  for (const std::string role : {"admin", "procurement", "channel_owner"}) {
    INFO(role);
    const HttpResult listed = f.call(role, "GET", std::string("/api/v1/due?within=30&as_of=") + kAsOf);
    REQUIRE(listed.status == 200);
    std::map<std::string, std::vector<json>> expected;
    const json items = listed.json().at("items");
    for (const auto& item : items) {
      const std::string status = item.at("status");
      const std::string group = item.at("what") == "certification" ? "certification"
                                : status == "overdue" || status == "failed" ? status
                                                                            : "due_soon";
      expected[group].push_back(item);
    }
    const json due = dashboard_with_due(f, role).at("due");
    CHECK(due.at("within_days") == 30);
    std::vector<std::string> names;
    for (const auto& group : due.at("groups")) {
      const std::string name = group.at("group");
      names.push_back(name);
      const auto& all = expected[name];
      CHECK(group.at("count") == all.size());
      const std::size_t shown = std::min<std::size_t>(all.size(), 10);
      REQUIRE(group.at("items").size() == shown);
      for (std::size_t i = 0; i < shown; ++i) CHECK(group.at("items")[i] == all[i]);
    }
    // Certifications belong to vendors, which a channel owner does not read.
    const std::vector<std::string> groups = role == "channel_owner"
                                                ? std::vector<std::string>{"overdue", "failed", "due_soon"}
                                                : std::vector<std::string>{"overdue", "failed", "due_soon", "certification"};
    CHECK(names == groups);
    if (role == "admin") {
      CHECK(due.at("groups")[0].at("count").get<std::size_t>() > 10);
      CHECK(due.at("groups")[0].at("items").size() == 10);
    }
  }
}

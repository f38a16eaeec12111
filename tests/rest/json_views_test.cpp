// One JSON view per thing (itaku/service/json_views.hpp): the CLI's `--format json` and the REST
// API's answer about the same thing are equal, and schemas/openapi.json describes that shape
// exactly: every field it requires is there, and no field is there it does not name.
#include <catch2/catch.hpp>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

#include "rest/api.hpp"
#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

namespace {

// The OpenAPI document's components as a JSON Schema (draft 7) that valijson checks: `nullable`
// becomes "null or the schema", and every object that lists its properties admits no others, so
// that a field the document does not name is a failure rather than a silence.
json strict_schema(const json& node) {
  if (node.is_array()) {
    json out = json::array();
    for (const auto& item : node) out.push_back(strict_schema(item));
    return out;
  }
  if (!node.is_object()) return node;
  json out = json::object();
  for (const auto& [keyword, value] : node.items()) {
    if (keyword == "nullable" || keyword == "description" || keyword == "externalDocs" || keyword == "example") continue;
    if (keyword == "properties") {
      json properties = json::object();
      for (const auto& [name, schema] : value.items()) properties[name] = strict_schema(schema);
      out[keyword] = properties;
    } else {
      out[keyword] = strict_schema(value);
    }
  }
  if (node.contains("properties") && !node.contains("additionalProperties")) out["additionalProperties"] = false;
  if (node.value("nullable", false)) return json{{"anyOf", json::array({json{{"type", "null"}}, out})}};
  return out;
}

class OpenApiShapes {
 public:
  OpenApiShapes() {
    const json document = json::parse(read_file(std::filesystem::path(ITAKU_SOURCE_DIR) / "schemas" / "openapi.json"));
    components_ = strict_schema(document.at("components").at("schemas"));
  }

  // valijson's complaints about `value` as component `name`; empty when it fits exactly.
  std::string problems(const json& value, const std::string& name) const {
    REQUIRE(components_.contains(name));
    const json root = {{"components", {{"schemas", components_}}},
                       {"allOf", json::array({json{{"$ref", "#/components/schemas/" + name}}})}};
    valijson::Schema schema;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter schema_adapter(root);
    parser.populateSchema(schema_adapter, schema);
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(value);
    std::ostringstream out;
    if (!validator.validate(schema, target, &results)) {
      valijson::ValidationResults::Error error;
      while (results.popError(error)) {
        std::string path;
        for (const auto& part : error.context) path += part;
        out << path << ": " << error.description << "\n";
      }
    }
    return out.str();
  }

 private:
  json components_;
};

// `value` is evaluated once: it may be a request.
#define CHECK_SHAPE(shapes, value, component)                                  \
  do {                                                                         \
    const json checked_value = (value);                                        \
    const std::string problems_found = (shapes).problems(checked_value, component); \
    INFO(component << ": " << checked_value.dump() << "\n" << problems_found); \
    CHECK(problems_found.empty());                                             \
  } while (false)

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(json::parse(line));
  }
  return lines;
}

// The CLI's standard output of a command that must not fail (a policy exit, 1, is a result).
// Afterwards it waits out the time a GET may trust the registry version it read before (README
// on the REST API's speed): the server is to show what the CLI wrote, not what was cached a moment earlier.
std::string cli_out(const RestFixture& f, const std::vector<std::string>& args) {
  const ProcessResult run = itaku_with_db(f.database, args);
  INFO(run.err);
  REQUIRE((run.exit_code == 0 || run.exit_code == 1));
  std::this_thread::sleep_for(std::chrono::nanoseconds(itaku::rest::kVersionRecheckNs) + std::chrono::milliseconds(20));
  return run.out;
}

json rest_json(const RestFixture& f, const std::string& method, const std::string& target, const std::string& body = "") {
  const HttpResult answer = f.call("admin", method, target, body);
  INFO(method << " " << target << " → " << answer.status << " " << answer.body);
  REQUIRE(answer.status / 100 == 2);
  return answer.json();
}

// Every item of a listing, following its cursors.
std::vector<json> rest_items(const RestFixture& f, const std::string& target) {
  std::vector<json> items;
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    const char* joiner = target.find('?') == std::string::npos ? "?" : "&";
    const json answer = rest_json(f, "GET", target + (cursor.empty() ? "" : joiner + std::string("cursor=") + cursor));
    for (const auto& item : answer.at("items")) items.push_back(item);
    if (answer.at("next_cursor").is_null()) break;
    cursor = answer.at("next_cursor").get<std::string>();
  }
  return items;
}

}  // namespace

TEST_CASE("json views: an engagement, its assessment and its changes read alike from the CLI and REST",
          "[rest][openapi][views]") {
  RestFixture f("sqlite");
  const OpenApiShapes shapes;

  // Never assessed: last_assessment is null in both.
  const json never = json::parse(cli_out(f, {"show", "EX-002", "--as-of", "2026-04-01", "--format", "json"}));
  CHECK(never == rest_json(f, "GET", "/api/v1/engagements/EX-002?as_of=2026-04-01"));
  CHECK(never.at("last_assessment").is_null());
  CHECK_SHAPE(shapes, never, "EngagementDetails");

  const json assessment = json::parse(cli_out(f, {"assess", "EX-001", "--as-of", "2026-04-01", "--format", "json"}));
  CHECK_SHAPE(shapes, assessment, "StoredAssessment");
  CHECK(rest_items(f, "/api/v1/engagements/EX-001/assessments").front() == assessment);

  const json details = json::parse(cli_out(f, {"show", "EX-001", "--as-of", "2026-04-01", "--format", "json"}));
  CHECK(details == rest_json(f, "GET", "/api/v1/engagements/EX-001?as_of=2026-04-01"));
  CHECK(details.at("last_assessment") == assessment);
  CHECK_SHAPE(shapes, details, "EngagementDetails");

  // After a change, the engagement as stored: what the next show reads.
  const json verified = json::parse(cli_out(f, {"verify", "EX-001", "--result", "pass", "--date", "2026-03-20", "--verifier",
                                                "情報政策課", "--format", "json"}));
  CHECK_SHAPE(shapes, verified, "RecordOnly");
  CHECK(verified == json{{"record", rest_json(f, "GET", "/api/v1/engagements/EX-001").at("record")}});
  CHECK_SHAPE(shapes, rest_json(f, "POST", "/api/v1/engagements/EX-001/verifications",
                                R"({"date": "2026-03-21", "result": "conditional", "verifier": "監査"})"),
              "RecordOnly");
  CHECK_SHAPE(shapes, rest_json(f, "POST", "/api/v1/engagements/EX-001/assessments?as_of=2026-04-01"), "StoredAssessment");

  // A registration: the CLI's and the server's answer to the same unchanged channel are equal.
  const std::vector<std::string> channel = {"channel", "register", "--ref", "SNS-V-1", "--title", "市公式X",
                                            "--department", kOwnerDepartment, "--platform", "x", "--account",
                                            "@hikarino_v", "--url", "https://x.com/hikarino_v", "--as-of", "2026-04-01",
                                            "--format", "json"};
  const json created = json::parse(cli_out(f, channel));
  CHECK(created.at("outcome") == "created");
  CHECK_SHAPE(shapes, created, "RecordWithReview");
  const json put = rest_json(f, "PUT", "/api/v1/engagements/SNS-V-1?as_of=2026-04-01", created.at("record").dump());
  CHECK(put.at("outcome") == "unchanged");
  CHECK(put == json::parse(cli_out(f, channel)));
  CHECK(put.at("record") == created.at("record"));
  CHECK(put.at("review") == created.at("review"));
  const json patched =
      rest_json(f, "PATCH", "/api/v1/engagements/SNS-V-1?as_of=2026-04-01", R"({"title": "ひかり野市公式X"})");
  CHECK(patched.at("changes") == json::parse(R"([{"path": "/title", "before": "市公式X", "after": "ひかり野市公式X"}])"));
  CHECK_SHAPE(shapes, patched, "RecordWithReview");

  // The lists the web application reads have no CLI twin; their lines are still what is documented.
  for (const auto& item : rest_items(f, "/api/v1/engagements?as_of=2026-04-01")) CHECK_SHAPE(shapes, item, "EngagementSummary");
  const std::vector<json> channels = rest_items(f, "/api/v1/channels?as_of=2026-04-01");
  REQUIRE_FALSE(channels.empty());
  for (const auto& item : channels) CHECK_SHAPE(shapes, item, "ChannelSummary");
}

TEST_CASE("json views: vendors, persons, tokens, the audit trail and the work list read alike from the CLI and REST",
          "[rest][openapi][views]") {
  RestFixture f("sqlite");
  const OpenApiShapes shapes;

  const json vendor = json::parse(cli_out(f, {"vendor", "cert", "4011001098993", "--scheme", "ISMS", "--number", "IS 999",
                                              "--valid-until", "2027-12-31", "--format", "json"}));
  CHECK_SHAPE(shapes, vendor, "Vendor");
  CHECK(vendor.at("engagements") == 1);
  const auto listed_vendor = [&f] {
    const std::vector<json> vendors = rest_items(f, "/api/v1/vendors");
    const auto listed = std::find_if(vendors.begin(), vendors.end(),
                                     [](const json& v) { return v.at("corporate_number") == "4011001098993"; });
    REQUIRE(listed != vendors.end());
    return *listed;
  };
  CHECK(listed_vendor() == vendor);
  for (const auto& item : rest_items(f, "/api/v1/vendors")) CHECK_SHAPE(shapes, item, "Vendor");
  const json renamed = json::parse(cli_out(f, {"vendor", "rename", "4011001098993", "株式会社例示システムズ", "--format", "json"}));
  CHECK(renamed.at("name") == "株式会社例示システムズ");
  CHECK(renamed == listed_vendor());

  const json added = json::parse(cli_out(f, {"person", "add", "--name", "後任 次郎", "--department", "市民課", "--format", "json"}));
  CHECK_SHAPE(shapes, added, "Person");
  // One JSON document (an array), as `due --format json`.
  const std::vector<json> persons = json::parse(cli_out(f, {"person", "list", "--format", "json"}));
  CHECK(persons == rest_items(f, "/api/v1/persons"));
  CHECK(std::find(persons.begin(), persons.end(), added) != persons.end());
  for (const auto& person : persons) CHECK_SHAPE(shapes, person, "Person");

  CHECK_SHAPE(shapes, rest_json(f, "POST", "/api/v1/tokens", R"({"name": "web", "role": "auditor"})"), "IssuedToken");
  REQUIRE(f.call("admin", "DELETE", "/api/v1/tokens/web").status == 204);
  const json issued = json::parse(cli_out(f, {"token", "create", "--name", "cli", "--role", "auditor", "--format", "json"}));
  CHECK_SHAPE(shapes, issued, "IssuedToken");
  CHECK(issued.at("token").get<std::string>().rfind("itk_", 0) == 0);
  REQUIRE(f.call("admin", "DELETE", "/api/v1/tokens/cli").status == 204);
  const std::vector<json> tokens = json::parse(cli_out(f, {"token", "list", "--format", "json"}));
  CHECK(tokens == rest_items(f, "/api/v1/tokens"));
  REQUIRE(tokens.size() == 7);
  for (const auto& token : tokens) CHECK_SHAPE(shapes, token, "Token");

  const std::vector<json> trail = json_lines(cli_out(f, {"audit", "log", "--format", "jsonl"}));
  CHECK(trail == rest_items(f, "/api/v1/audit?limit=7"));  // several pages
  REQUIRE(trail.size() > 7);
  for (const auto& entry : trail) CHECK_SHAPE(shapes, entry, "AuditEntry");

  const json due = json::parse(cli_out(f, {"due", "--as-of", "2026-04-01", "--within", "60", "--format", "json"}));
  REQUIRE(due.size() > 0);
  CHECK(due == json(rest_items(f, "/api/v1/due?as_of=2026-04-01&within=60")));
  for (const auto& item : due) CHECK_SHAPE(shapes, item, "DueItem");
}

TEST_CASE("json views: the session, the dashboard and a reassignment are what the document describes",
          "[rest][openapi][views]") {
  RestFixture f("sqlite");
  const OpenApiShapes shapes;
  for (const std::string role : {"admin", "channel_owner"}) {
    const HttpResult session = f.call(role, "GET", "/api/v1/session");
    REQUIRE(session.status == 200);
    CHECK_SHAPE(shapes, session.json(), "Session");
    const HttpResult dashboard = f.call(role, "GET", "/api/v1/dashboard?as_of=2026-04-01");
    REQUIRE(dashboard.status == 200);
    CHECK_SHAPE(shapes, dashboard.json(), "Dashboard");
  }
  const json added = rest_json(f, "POST", "/api/v1/persons", R"({"name": "後任 次郎", "department": "市民課"})");
  long long ueno = 0;
  for (const auto& person : rest_items(f, "/api/v1/persons")) {
    if (person.at("name") == "上野 太郎") ueno = person.at("id");
  }
  REQUIRE(ueno != 0);
  const json moved = rest_json(f, "POST", "/api/v1/persons/" + std::to_string(ueno) + "/reassign",
                               json{{"to", added.at("id")}}.dump());
  CHECK_SHAPE(shapes, moved, "Reassignment");
  CHECK(moved.at("moved").size() == 3);
  // The CLI's reassign prints the refs alone: the view's `moved`.
  const json back = json::parse(cli_out(f, {"person", "reassign", "--from", std::to_string(added.at("id").get<long long>()),
                                            "--to", std::to_string(ueno), "--format", "json"}));
  CHECK(back == moved.at("moved"));
}

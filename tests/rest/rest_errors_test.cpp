// Errors say what a client may know: an internal failure is a 500 with an id (the detail goes to
// the server's log under it), a constraint violation is 409 only for a duplicate key, and a
// request cpprestsdk cannot parse still gets the JSON error shape.
#include <catch2/catch.hpp>

#include <algorithm>

#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool contains_either(const std::string& text, const std::string& one, const std::string& other) {
  return contains(text, one) || contains(text, other);
}

// A 500 {code: internal, message, path, id} naming its id, and nothing of the database's words.
std::string require_fault_answer(const HttpResult& answer) {
  INFO(answer.status << " " << answer.body);
  CHECK(answer.status == 500);
  REQUIRE(json::accept(answer.body));
  const json body = answer.json();
  CHECK(body.at("code") == "internal");
  const std::string id = body.value("id", "");
  CHECK(id.size() == 16);
  const std::string message = body.at("message").get<std::string>();
  CHECK(contains(message, "サーバー内部のエラー"));
  CHECK(contains(message, "internal server error"));
  CHECK(contains(message, "(id " + id + ")"));
  CHECK(body.at("path") == "");
  for (const char* internal : {"SELECT", "INSERT", "select ", "insert ", "sqlite", "soci", "no such", "relation",
                               "constraint", "verifications", "assessments", "clause_evidence"}) {
    INFO(internal);
    CHECK_FALSE(contains(answer.body, internal));
  }
  return id;
}

// SQL run inside every insert of a verification, behind Itaku's back: a trigger on SQLite, a
// trigger function on PostgreSQL. `undo_trigger` removes it.
std::string trigger_running(const TestDatabase& database, const std::string& statement) {
  if (database.backend() == "sqlite") {
    return "CREATE TRIGGER tamper AFTER INSERT ON verifications BEGIN " + statement + "; END;";
  }
  return "CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " + statement +
         "; RETURN NEW; END $$; CREATE TRIGGER tamper AFTER INSERT ON verifications FOR EACH ROW EXECUTE FUNCTION tamper();";
}

std::string undo_trigger(const TestDatabase& database) {
  return database.backend() == "sqlite" ? "DROP TRIGGER tamper;" : "DROP TRIGGER tamper ON verifications; DROP FUNCTION tamper();";
}

std::string verification(const std::string& date) { return json{{"date", date}, {"result", "pass"}}.dump(); }

std::size_t verifications_of(const RestFixture& f, const std::string& ref) {
  const HttpResult listed = f.call("auditor", "GET", "/api/v1/engagements/" + ref + "/verifications");
  REQUIRE(listed.status == 200);
  return listed.json().at("items").size();
}

}  // namespace

TEST_CASE("rest: an internal failure is a 500 with an id and what failed is only in the server's log", "[rest][errors]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  REQUIRE(f.call("auditor", "GET", "/api/v1/engagements/EX-001/assessments").status == 200);
  // A database changed behind the server's back: every query of the table now fails.
  REQUIRE(f.database.tamper("DROP TABLE assessments") == 0);

  const std::string id = require_fault_answer(f.call("auditor", "GET", "/api/v1/engagements/EX-001/assessments"));
  const std::string log = f.server->log();
  INFO(log);
  CHECK(contains(log, "itaku serve: error " + id + ": "));
  CHECK(contains(log.substr(log.find(id)), "assessments"));  // the detail, under the id

  // Each failure has its own id; the server goes on answering what does not need the table.
  const std::string second = require_fault_answer(f.call("auditor", "GET", "/api/v1/engagements/EX-001/assessments"));
  CHECK(second != id);
  CHECK(f.call("auditor", "GET", "/api/v1/vendors").status == 200);
}

TEST_CASE("rest: a duplicate key is 409 without the SQL while a foreign key or NOT NULL or CHECK violation is a 500 with an id",
          "[rest][errors]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  const std::string ref = "R7-C-003";
  const std::string target = "/api/v1/engagements/" + ref + "/verifications";

  // A unique index the registry does not know of: the second verification of a day breaks it.
  REQUIRE(f.database.tamper("CREATE UNIQUE INDEX tamper_one_a_day ON verifications (engagement_id, verified_on)") == 0);
  REQUIRE(f.call("officer", "POST", target, verification("2025-06-01")).status == 201);
  const std::size_t stored = verifications_of(f, ref);
  const HttpResult duplicate = f.call("officer", "POST", target, verification("2025-06-01"));
  INFO(duplicate.body);
  CHECK(duplicate.status == 409);
  CHECK(duplicate.json().at("code") == "already_exists");
  CHECK(contains(duplicate.json().at("message").get<std::string>(), "already exists"));
  for (const char* internal : {"INSERT", "VALUES", "UNIQUE", "unique", "tamper_one_a_day", ":id", "constraint"}) {
    INFO(internal);
    CHECK_FALSE(contains(duplicate.body, internal));
  }
  CHECK(verifications_of(f, ref) == stored);
  REQUIRE(f.database.tamper("DROP INDEX tamper_one_a_day") == 0);

  const std::string evidence = "INSERT INTO clause_evidence (engagement_id, position, clause_id, note) VALUES ";
  REQUIRE(f.database.tamper("CREATE TABLE tamper_checked (n INTEGER CHECK (n > 0))") == 0);
  struct Violation {
    const char* what;
    std::string statement;
    const char* logged_sqlite;
    const char* logged_postgresql;
  };
  const std::vector<Violation> violations = {
      {"foreign key", evidence + "(-1, 0, 'x', 'y')", "FOREIGN KEY constraint failed", "violates foreign key constraint"},
      {"NOT NULL", evidence + "(NEW.engagement_id, 0, 'x', NULL)", "NOT NULL constraint failed", "violates not-null constraint"},
      {"CHECK", "INSERT INTO tamper_checked (n) VALUES (0)", "CHECK constraint failed", "violates check constraint"},
  };
  int day = 2;
  for (const Violation& violation : violations) {
    INFO(violation.what);
    REQUIRE(f.database.tamper(trigger_running(f.database, violation.statement)) == 0);
    const std::string id = require_fault_answer(f.call("officer", "POST", target, verification("2025-06-0" + std::to_string(day++))));
    const std::string log = f.server->log();
    REQUIRE(contains(log, id));
    const std::string entry = log.substr(log.find(id));
    INFO(entry.substr(0, 600));
    CHECK(contains_either(entry, violation.logged_sqlite, violation.logged_postgresql));
    CHECK(verifications_of(f, ref) == stored);  // the write was rolled back whole
    REQUIRE(f.database.tamper(undo_trigger(f.database)) == 0);
  }
  CHECK(f.call("officer", "POST", target, verification("2025-06-09")).status == 201);
}

TEST_CASE("rest: a URI or query string that cannot be parsed gets the JSON error shape", "[rest][errors]") {
  RestFixture f("sqlite");
  const std::string owner = bearer(f.tokens.at("channel_owner"));
  const auto require_json_refusal = [](const HttpResult& answer) {
    INFO(answer.status << " " << answer.body);
    CHECK(answer.status == 400);
    CHECK(contains(answer.headers.count("content-type") ? answer.headers.at("content-type") : "", "application/json"));
    REQUIRE(json::accept(answer.body));
    const json body = answer.json();
    CHECK(body.at("code") == "invalid_argument");
    CHECK(body.at("message").is_string());
    CHECK(body.at("path").is_string());
  };

  // Raw UTF-8 in the query and in the path: refused by cpprestsdk's URI parser before any handler.
  const HttpResult unencoded = http(f.server->port(), "GET", "/api/v1/engagements?department=秘書広報課", "", {owner});
  require_json_refusal(unencoded);
  CHECK(contains(unencoded.json().at("message").get<std::string>(), "percent-encode"));
  require_json_refusal(http(f.server->port(), "GET", "/api/v1/engagements/委託-1", "", {owner}));
  require_json_refusal(http(f.server->port(), "GET", "/api/v1/verify?url=https://x.com/a b", ""));
  require_json_refusal(http(f.server->port(), "GET", "/api/v1/verify?url=%ZZ", ""));
  {
    Connection garbage(f.server->port());
    REQUIRE(garbage.send("NONSENSE\r\n\r\n"));
    require_json_refusal(garbage.receive());
  }

  // Encoded, the same filter is answered.
  const HttpResult encoded =
      http(f.server->port(), "GET", "/api/v1/engagements?department=" + url_encoded(kOwnerDepartment), "", {owner});
  INFO(encoded.body);
  CHECK(encoded.status == 200);
  CHECK(!encoded.json().at("items").empty());
}

// What the web application's forms put next to a field: each refusal names the field by its JSON
// Pointer (or the query parameter) and says it in Japanese, then English.
TEST_CASE("rest: verification and list refusals name their field and speak both languages", "[rest][errors]") {
  RestFixture f("sqlite");
  const auto refused = [](const HttpResult& answer, int status, const std::string& path) {
    INFO(answer.body);
    CHECK(answer.status == status);
    const nlohmann::json body = answer.json();
    CHECK(body.at("path") == path);
    // Japanese first, then " / " and the English.
    const std::string message = body.at("message");
    const std::size_t split = message.find(" / ");
    REQUIRE(split != std::string::npos);
    const std::string japanese = message.substr(0, split);
    CHECK(std::any_of(japanese.begin(), japanese.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  };
  refused(f.call("officer", "GET", "/api/v1/engagements?kind=contractr"), 400, "kind");
  refused(f.call("officer", "POST", "/api/v1/engagements/EX-001/verifications",
                 R"({"date": "2026-04-01", "result": "pass", "verifier": " 　"})"),
          422, "/verifier");
  REQUIRE(f.call("officer", "POST", "/api/v1/engagements/EX-001/verifications",
                 R"({"date": "2026-04-01", "result": "pass", "verifier": "市民課"})")
              .status == 201);
  refused(f.call("officer", "POST", "/api/v1/engagements/EX-001/verifications/2/void", R"({"reason": "  "})"), 422,
          "/reason");
  refused(f.call("officer", "POST", "/api/v1/engagements/EX-001/verifications/3/void", R"({"reason": "誤入力"})"), 404,
          "number");
  REQUIRE(f.call("officer", "POST", "/api/v1/engagements/EX-001/verifications/2/void", R"({"reason": "誤入力"})").status ==
          200);
  refused(f.call("officer", "POST", "/api/v1/engagements/EX-001/verifications/2/void", R"({"reason": "誤入力"})"), 409,
          "number");
  // An empty kind is no filter, as before.
  CHECK(f.call("officer", "GET", "/api/v1/engagements?kind=").status == 200);
}

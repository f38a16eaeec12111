// A registry filled with the examples, a token per role, and a server over it: what most REST
// tests start from. The channel owner runs the channels of 秘書広報課 (EX-002, CH-X-01, ...).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/run_itaku.hpp"
#include "registry/test_databases.hpp"
#include "rest/http_client.hpp"
#include "rest/test_server.hpp"

namespace itaku::test {

inline const char* kOwnerDepartment = "秘書広報課";

inline std::vector<nlohmann::json> example_records() {
  std::vector<nlohmann::json> records;
  std::istringstream lines(read_file(std::filesystem::path(ITAKU_SOURCE_DIR) / "examples" / "engagements.jsonl"));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) records.push_back(nlohmann::json::parse(line));
  }
  return records;
}

inline nlohmann::json example_record(const std::string& ref) {
  for (auto& record : example_records()) {
    if (record.at("ref") == ref) return record;
  }
  FAIL("no example record " << ref);
  return {};
}

inline ProcessResult itaku_with_db(const TestDatabase& database, std::vector<std::string> args) {
  args.push_back("--db");
  args.push_back(database.location());
  return run_itaku(args);
}

inline std::string create_token(const TestDatabase& database, const std::string& name, const std::string& role,
                                const std::string& department = "") {
  std::vector<std::string> args = {"token", "create", "--name", name, "--role", role};
  if (!department.empty()) {
    args.push_back("--department");
    args.push_back(department);
  }
  const ProcessResult created = itaku_with_db(database, args);
  REQUIRE(created.exit_code == 0);
  std::string token = created.out;
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  REQUIRE(token.rfind("itk_", 0) == 0);
  return token;
}

struct RestFixture {
  // `server_options` are passed to itaku-serve (e.g. {"--threads", "1"}).
  explicit RestFixture(const std::string& backend, const std::vector<std::string>& server_options = {})
      : database(backend) {
    const ProcessResult imported = itaku_with_db(
        database, {"import", (std::filesystem::path(ITAKU_SOURCE_DIR) / "examples" / "engagements.jsonl").string()});
    REQUIRE(imported.exit_code == 0);
    tokens["admin"] = create_token(database, "admin-token", "admin");
    tokens["officer"] = create_token(database, "officer-token", "officer");
    tokens["procurement"] = create_token(database, "procurement-token", "procurement");
    tokens["channel_owner"] = create_token(database, "owner-token", "channel_owner", kOwnerDepartment);
    tokens["auditor"] = create_token(database, "auditor-token", "auditor");
    server = std::make_unique<TestServer>(database.location(), 0, server_options);
    INFO(server->log());
    REQUIRE(server->ready());
  }

  HttpResult call(const std::string& role, const std::string& method, const std::string& target,
                  const std::string& body = "") const {
    std::vector<std::string> headers;
    if (!role.empty()) headers.push_back(bearer(tokens.at(role)));
    return http(server->port(), method, target, body, headers);
  }

  TestDatabase database;
  std::map<std::string, std::string> tokens;
  std::unique_ptr<TestServer> server;
};

}  // namespace itaku::test

// The API's contract: the OpenAPI document and the routes the server answers agree both ways;
// the public verify endpoint answers for official accounts however their address is written.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <thread>

#include "core/plugin_fixture.hpp"
#include "rest/api.hpp"
#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

namespace {

using Operation = std::pair<std::string, std::string>;  // method, path pattern

std::set<Operation> documented_operations() {
  const json document = json::parse(read_file(std::filesystem::path(ITAKU_SOURCE_DIR) / "schemas" / "openapi.json"));
  std::set<Operation> operations;
  for (const auto& [path, item] : document.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operations.insert({upper, path});
    }
  }
  return operations;
}

// A concrete path for a pattern: {ref}, {name}, {number} and {id} filled with something that exists.
std::string concrete(const std::string& pattern) {
  std::string path = pattern;
  for (const auto& [parameter, value] : std::vector<std::pair<std::string, std::string>>{{"{ref}", "EX-001"}, {"{name}", "nobody"}, {"{number}", "1"}, {"{id}", "1"}}) {
    if (auto at = path.find(parameter); at != std::string::npos) path.replace(at, parameter.size(), value);
  }
  return path;
}

}  // namespace

TEST_CASE("rest: the routes the server answers are the ones schemas/openapi.json documents", "[rest][openapi]") {
  const std::set<Operation> documented = documented_operations();
  REQUIRE(documented.size() >= 20);

  // Server → document: every route in the server's table is documented.
  TestDatabase database("sqlite");
  REQUIRE(itaku::Registry::open(database.location()));  // the server opens existing registries only
  auto pool = itaku::rest::ServicePool::open(database.location(), 1, real_plugins());
  REQUIRE(pool);
  const itaku::rest::Api api(**pool, real_plugins(), "{}");
  std::set<Operation> served;
  for (const auto& route : api.router().routes()) served.insert({route.method, route.pattern});
  for (const auto& operation : served) {
    INFO("served but not documented: " << operation.first << " " << operation.second);
    CHECK(documented.count(operation) == 1);
  }

  // Document → server, over HTTP: every documented operation reaches a handler (public ones
  // answer, the others ask for a token) instead of "no such resource" or "method not allowed".
  RestFixture f("sqlite");
  for (const auto& [method, pattern] : documented) {
    INFO("documented but not served: " << method << " " << pattern);
    const HttpResult answer = http(f.server->port(), method, concrete(pattern), method == "GET" || method == "DELETE" ? "" : "{}");
    CHECK(answer.status != 404);
    CHECK(answer.status != 405);
    const bool is_public = pattern == "/api/v1/openapi.json" || pattern == "/api/v1/verify";
    if (!is_public) CHECK(answer.status == 401);
  }
  CHECK(served == documented);
  // The document served is the one in the repository.
  CHECK(json::parse(f.call("", "GET", "/api/v1/openapi.json").body) ==
        json::parse(read_file(std::filesystem::path(ITAKU_SOURCE_DIR) / "schemas" / "openapi.json")));
}

TEST_CASE("rest: verify tells official accounts from look-alikes however the address is written", "[rest][verify]") {
  RestFixture f("sqlite");
  auto verify = [&](const std::string& query, const std::string& extra = "") {
    const HttpResult answer = http(f.server->port(), "GET", "/api/v1/verify?url=" + url_encoded(query) + extra);
    REQUIRE(answer.status == 200);
    return answer.json();
  };
  for (const char* spelling : {"https://x.com/hikarino_city", "http://x.com/hikarino_city/", "https://www.X.com/Hikarino_City",
                                      "x.com/hikarino_city", "https://twitter.com/hikarino_city?ref=share", "@hikarino_city",
                                      "＠HIKARINO_CITY"}) {
    INFO(spelling);
    const json answer = verify(spelling);
    CHECK(answer.at("official") == true);
    REQUIRE(answer.at("channels").size() == 1);
    CHECK(answer.at("channels")[0].at("ref") == "CH-X-01");
    CHECK(answer.at("channels")[0].at("department") == kOwnerDepartment);
  }
  CHECK(verify("https://x.com/hikarino_city_official").at("official") == false);  // a look-alike
  CHECK(verify("https://x.com/hikarino_city_official").at("channels").empty());
  CHECK(verify("https://www.instagram.com/hikarino_kosodate").at("channels")[0].at("department") == "子育て支援課");
  // A planned channel is listed but is not (yet) an official account.
  const json planned = verify("https://bsky.app/profile/hikarino-city.bsky.social");
  CHECK(planned.at("official") == false);
  CHECK(planned.at("channels")[0].at("status") == "planned");
  // A handle names no platform: ?platform= narrows it.
  CHECK(verify("@hikarino_city", "&platform=instagram").at("official") == false);
  CHECK(verify("@hikarino_city", "&platform=x").at("official") == true);
  // A channel registered by another process is answered at the next request.
  json added = example_record("CH-X-01");
  added["ref"] = "CH-X-09";
  added["social_media"]["account"] = "@hikarino_kanko";
  added["social_media"]["url"] = "https://x.com/hikarino_kanko";
  itaku::test::ScratchDir dir("verify");
  write_file(dir / "added.jsonl", added.dump() + "\n");
  REQUIRE(itaku_with_db(f.database, {"import", (dir / "added.jsonl").string()}).exit_code == 0);
  CHECK(verify("https://x.com/hikarino_kanko").at("official") == true);
  CHECK(http(f.server->port(), "GET", "/api/v1/verify").status == 400);
  CHECK(http(f.server->port(), "GET", "/api/v1/verify?url=" + url_encoded("not a url")).status == 400);
}

TEST_CASE("rest: a change made by another process is answered within the cache's 100 ms", "[rest][cache]") {
  RestFixture f("sqlite");
  const HttpResult before = f.call("auditor", "GET", "/api/v1/engagements/EX-001");
  REQUIRE(before.status == 200);
  json changed = example_record("EX-001");
  changed["title"] = changed["title"].get<std::string>() + "（変更契約）";
  itaku::test::ScratchDir dir("cache");
  write_file(dir / "changed.jsonl", changed.dump() + "\n");
  REQUIRE(itaku_with_db(f.database, {"import", (dir / "changed.jsonl").string()}).exit_code == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  const HttpResult after = f.call("auditor", "GET", "/api/v1/engagements/EX-001");
  REQUIRE(after.status == 200);
  CHECK(after.json().at("record").at("title") == changed["title"]);
  // A token revoked from the command line stops working as soon, for reads as for writes.
  REQUIRE(itaku_with_db(f.database, {"token", "revoke", "auditor-token"}).exit_code == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  CHECK(f.call("auditor", "GET", "/api/v1/engagements/EX-001").status == 401);
}

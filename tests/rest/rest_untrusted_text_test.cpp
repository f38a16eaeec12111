// Long text and huge numbers in every field over real HTTP: each is a 4xx or an invalid record at
// its JSON Pointer, and the server keeps answering (one 100 KB ref once ended itaku-serve with
// SIGSEGV inside std::regex).
#include <catch2/catch.hpp>

#include "json_text_pointers.hpp"
#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

TEST_CASE("rest: 100 KB of text in any field of a reviewed record is an invalid record at that field", "[rest][limits]") {
  RestFixture f("sqlite");
  std::size_t probed = 0;
  for (const std::string ref : {"EX-001", "EX-002"}) {
    const json example = example_record(ref);
    const std::vector<std::string> pointers = text_pointers(example);
    for (const auto& pointer : pointers) {
      json record = example;
      record[json::json_pointer(pointer)] = std::string(100'000, '7');
      const HttpResult reviewed = f.call("auditor", "POST", "/api/v1/review", record.dump());
      INFO(pointer << ": " << reviewed.status << " " << reviewed.body.substr(0, 300));
      REQUIRE(reviewed.status == 200);
      const json report = reviewed.json();
      CHECK(report.at("summary").at("invalid") == 1);
      REQUIRE(report.at("errors").size() == 1);
      CHECK(report.at("errors").at(0).at("path") == pointer);
      ++probed;
    }
  }
  CHECK(probed > 20);
  // Stored the same way: a write with long text is refused at the field and nothing is written.
  json record = example_record("EX-001");
  record["ref"] = "LONG-TITLE";
  record["title"] = std::string(200'000, 'T');
  const HttpResult stored = f.call("admin", "POST", "/api/v1/engagements", record.dump());
  CHECK(stored.status == 422);
  CHECK(stored.json().at("path") == "/title");
  CHECK(f.call("admin", "GET", "/api/v1/engagements/LONG-TITLE").status == 404);
  // Beyond the body limit (1 MiB) the request is refused before parsing.
  record["title"] = std::string(10'000'000, 'T');
  CHECK(f.call("auditor", "POST", "/api/v1/review", record.dump()).status == 413);
  // A long query value on the public route is answered, not fatal.
  const HttpResult verify = f.call("", "GET", "/api/v1/verify?url=https://x.com/" + std::string(100'000, 'a'));
  CHECK(verify.status >= 200);
  CHECK(verify.status < 500);
  CHECK(f.call("auditor", "GET", "/api/v1/engagements/EX-001").status == 200);
}

TEST_CASE("rest: a number too large for a double is refused at its pointer (422), not as an internal error",
          "[rest][limits]") {
  RestFixture f("sqlite");
  json record = example_record("EX-001");
  record["ref"] = "BIG-NUMBER";
  std::string body = record.dump();
  const std::string field = "\"confidentiality\":";
  const auto at = body.find(field);
  REQUIRE(at != std::string::npos);
  const auto value_end = body.find_first_of(",}", at + field.size());
  body.replace(at + field.size(), value_end - at - field.size(), std::string(400, '9'));
  const HttpResult stored = f.call("admin", "POST", "/api/v1/engagements", body);
  INFO(stored.body);
  CHECK(stored.status == 422);
  CHECK(stored.json().at("path") == "/information/confidentiality");
  CHECK(f.call("admin", "GET", "/api/v1/engagements/BIG-NUMBER").status == 404);
}

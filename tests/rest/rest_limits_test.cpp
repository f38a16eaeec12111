// Bad input and abuse over real HTTP: each gets a JSON error with the right status, nothing is
// half-written, and the server keeps answering.
#include <algorithm>

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <thread>

#include "rest/rest_fixture.hpp"

using namespace itaku::test;
using nlohmann::json;

namespace {

std::size_t engagement_count(const RestFixture& f) {
  std::size_t count = 0;
  std::string cursor;
  while (true) {
    const HttpResult page = f.call("admin", "GET", "/api/v1/engagements?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor));
    REQUIRE(page.status == 200);
    count += page.json().at("items").size();
    if (page.json().at("next_cursor").is_null()) return count;
    cursor = page.json().at("next_cursor").get<std::string>();
  }
}

void require_alive(const RestFixture& f) { REQUIRE(f.call("auditor", "GET", "/api/v1/engagements/EX-001").status == 200); }

}  // namespace

TEST_CASE("rest: malformed, oversized and hostile bodies are refused with a JSON error", "[rest][limits]") {
  RestFixture f("sqlite");
  const std::size_t before = engagement_count(f);

  const HttpResult malformed = f.call("admin", "POST", "/api/v1/engagements", R"({"ref": "X-1", "kind": )");
  CHECK(malformed.status == 400);
  CHECK(malformed.json().at("message").get<std::string>().find("byte") != std::string::npos);

  const HttpResult not_json =
      http(f.server->port(), "POST", "/api/v1/engagements", "ref=X", {bearer(f.tokens.at("admin")), "Content-Type: text/plain"});
  CHECK(not_json.status == 415);

  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  const HttpResult nested = f.call("admin", "POST", "/api/v1/review", deep);
  CHECK(nested.status == 400);
  CHECK(nested.json().at("message").get<std::string>().find("nests deeper") != std::string::npos);

  json record = example_record("EX-001");
  record["ref"] = "BAD-UTF8";
  std::string invalid_utf8 = record.dump();
  invalid_utf8.replace(invalid_utf8.find("BAD-UTF8"), 8, "BAD-\xC3\x28\xFF");
  CHECK(f.call("admin", "POST", "/api/v1/engagements", invalid_utf8).status == 400);

  json huge = example_record("EX-001");
  huge["ref"] = "HUGE-NUMBER";
  huge["information"]["confidentiality"] = 1e300;
  const HttpResult huge_number = f.call("admin", "POST", "/api/v1/engagements", huge.dump());
  CHECK(huge_number.status == 422);
  CHECK(huge_number.json().at("path") == "/information/confidentiality");
  const HttpResult overflowing = f.call("admin", "POST", "/api/v1/engagements",
                                        R"({"ref":"OVER","information":{"confidentiality":1)" + std::string(400, '0') + "}}");
  INFO(overflowing.status << " " << overflowing.body);
  CHECK((overflowing.status == 400 || overflowing.status == 422));

  json invalid = example_record("EX-001");
  invalid["ref"] = "INVALID-1";
  invalid["period"]["start"] = "2025-02-30";
  const HttpResult rule = f.call("admin", "POST", "/api/v1/engagements", invalid.dump());
  CHECK(rule.status == 422);
  CHECK(rule.json().at("path").get<std::string>().rfind("/period", 0) == 0);

  CHECK(f.call("admin", "POST", "/api/v1/engagements", example_record("EX-001").dump()).status == 409);
  CHECK(f.call("admin", "GET", "/api/v1/engagements/NO-SUCH-REF").status == 404);
  CHECK(f.call("admin", "PUT", "/api/v1/engagements/NO-SUCH-REF", [] {
          json r = example_record("EX-001");
          r["ref"] = "NO-SUCH-REF";
          return r.dump();
        }()).status == 404);
  CHECK(f.call("admin", "PUT", "/api/v1/engagements/EX-001", example_record("R7-C-003").dump()).status == 400);
  CHECK(f.call("admin", "GET", "/api/v1/no-such-thing").status == 404);
  CHECK(f.call("admin", "DELETE", "/api/v1/engagements").status == 405);
  CHECK(f.call("admin", "GET", "/api/v1/engagements?limit=0").status == 400);
  CHECK(f.call("admin", "GET", "/api/v1/engagements?cursor=%25%25").status == 400);
  CHECK(f.call("admin", "GET", "/api/v1/engagements?decision=maybe").status == 400);
  CHECK(f.call("admin", "GET", "/api/v1/engagements?as_of=2025-13-01").status == 400);
  CHECK(f.call("admin", "GET", "/api/v1/verify?url=javascript%3Aalert(1)").status == 400);

  // Over the 1 MiB cap: announced by Content-Length, and sent chunked without one.
  const std::string big(2 * 1024 * 1024, ' ');
  CHECK(f.call("admin", "POST", "/api/v1/review", "[" + big + "]").status == 413);
  {
    Connection connection(f.server->port());
    std::string request = "POST /api/v1/review HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n" +
                          bearer(f.tokens.at("admin")) + "\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 40; ++i) {
      const std::string chunk(64 * 1024, ' ');
      char size[16];
      std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
      request += size + chunk + "\r\n";
    }
    request += "0\r\n\r\n";
    connection.send(request);
    CHECK(connection.receive().status == 413);
  }

  // A field of the wrong JSON type is a 422 naming it, never a 500.
  const HttpResult numeric_name = f.call("admin", "POST", "/api/v1/tokens", R"({"name":1,"role":"auditor"})");
  CHECK(numeric_name.status == 422);
  CHECK(numeric_name.json().at("path") == "name");
  const HttpResult numeric_date = f.call("admin", "POST", "/api/v1/engagements/EX-001/verifications", R"({"date":20250101,"result":"pass"})");
  CHECK(numeric_date.status == 422);
  CHECK(numeric_date.json().at("path") == "/date");

  CHECK(engagement_count(f) == before);  // nothing half-written
  require_alive(f);
}

TEST_CASE("rest: slow, silent and vanishing clients do not stop the server", "[rest][limits]") {
  RestFixture f("sqlite");
  {
    Connection half(f.server->port());
    half.send("GET /api/v1/engagements HTTP/1.1\r\nHost: x\r\n");  // never finishes its headers
    Connection lying(f.server->port());
    lying.send("POST /api/v1/review HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + bearer(f.tokens.at("admin")) +
               "\r\nContent-Length: 1000\r\n\r\n{\"ref\":");  // promises more than it sends
    Connection impatient(f.server->port());
    impatient.send("POST /api/v1/review HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                   bearer(f.tokens.at("admin")) + "\r\nContent-Length: " + std::to_string(example_record("EX-001").dump().size()) +
                   "\r\n\r\n" + example_record("EX-001").dump());
    impatient.close();  // gone before the answer
    require_alive(f);
  }
  for (int i = 0; i < 20; ++i) {
    Connection gone(f.server->port());
    gone.send("GET /api/v1/engagements?limit=500 HTTP/1.1\r\nHost: x\r\n" + bearer(f.tokens.at("admin")) + "\r\n\r\n");
  }
  require_alive(f);
  CHECK(f.server->stop() == 0);
}

TEST_CASE("rest: 32 connections posting verifications at once all succeed", "[rest][concurrency]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  RestFixture f(backend);
  constexpr int kWriters = 32;
  constexpr int kEach = 4;
  std::atomic<int> created{0};
  std::vector<std::string> failures(kWriters);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        const json body = {{"date", "2025-05-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1)},
                           {"result", "pass"},
                           {"verifier", "監査 " + std::to_string(w)}};
        const HttpResult result = f.call("officer", "POST", "/api/v1/engagements/R7-C-003/verifications", body.dump());
        if (result.status == 201) {
          ++created;
        } else {
          failures[w] = std::to_string(result.status) + " " + result.body;
        }
      }
    });
  }
  for (auto& writer : writers) writer.join();
  for (const auto& failure : failures) {
    INFO(failure);
    CHECK(failure.empty());
  }
  CHECK(created == kWriters * kEach);
  const HttpResult stored = f.call("auditor", "GET", "/api/v1/engagements/R7-C-003/verifications");
  const std::size_t examples = example_record("R7-C-003").value("verifications", json::array()).size();
  CHECK(stored.json().at("items").size() == examples + kWriters * kEach);
  CHECK(itaku_with_db(f.database, {"audit", "verify"}).exit_code == 0);
}

namespace {

// The answer to a request that arrived after SIGTERM: 503, JSON, code "unavailable".
bool refused_while_stopping(const HttpResult& result) {
  return result.status == 503 && json::accept(result.body) && result.json().value("code", "") == "unavailable";
}

}  // namespace

TEST_CASE("rest: SIGTERM lets requests in flight finish, then the server exits 0", "[rest][lifecycle]") {
  RestFixture f("sqlite");
  // The clients go on until the server has ended: before, during and after the stop.
  std::atomic<bool> server_gone{false};
  std::atomic<int> answered{0};
  std::atomic<int> refused{0};
  std::atomic<int> broken{0};
  std::mutex mutex;
  std::string answers;
  std::vector<std::thread> clients;
  const std::string record = example_record("EX-001").dump();
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&] {
      while (!server_gone) {
        const HttpResult result = f.call("admin", "POST", "/api/v1/review", record);
        if (result.status == 200 && json::accept(result.body)) {
          ++answered;  // whole, never cut off
        } else if (refused_while_stopping(result)) {
          ++refused;  // whole as well
        } else if (result.status != 0) {
          ++broken;  // any other answer, or one cut off; 0 is a connection closed unanswered
          const std::lock_guard<std::mutex> lock(mutex);
          answers += std::to_string(result.status) + " " + result.body + "\n";
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const int exit_code = f.server->stop();
  server_gone = true;
  for (auto& client : clients) client.join();
  CHECK(exit_code == 0);
  CHECK(answered > 0);
  INFO(answers << refused << " refused while stopping");
  CHECK(broken == 0);
  CHECK(f.server->log().find("stopped") != std::string::npos);
  CHECK(itaku_with_db(f.database, {"audit", "verify"}).exit_code == 0);
}

TEST_CASE("rest: after SIGTERM a request still being sent is answered and new ones get 503", "[rest][lifecycle]") {
  RestFixture f("sqlite");
  const std::string record = example_record("EX-001").dump();
  const std::size_t half = record.size() / 2;
  // A client that has sent its headers and half its body: in flight when the stop comes.
  Connection slow(f.server->port());
  REQUIRE(slow.connected());
  REQUIRE(slow.send("POST /api/v1/review HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                    bearer(f.tokens.at("admin")) + "\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(record.size()) + "\r\n\r\n" + record.substr(0, half)));
  // The server has long taken the request (no earlier sign of it can be seen from outside).
  std::this_thread::sleep_for(std::chrono::seconds(1));
  REQUIRE(!f.server->exited());
  std::jthread stopper([&] { (void)f.server->stop(); });  // joined even when a REQUIRE below fails
  // Until the server has seen the signal, a new request is still served; after it, refused.
  HttpResult refused;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    refused = f.call("admin", "GET", "/api/v1/engagements/EX-001");
    if (refused.status != 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  INFO(refused.status << " " << refused.body);
  CHECK(refused_while_stopping(refused));
  CHECK(refused.json().at("message").get<std::string>().find("stopping") != std::string::npos);
  CHECK(refused.headers["retry-after"] == "5");
  // The server waits for the slow client, whose request is then answered whole.
  REQUIRE(slow.send(record.substr(half)));
  const HttpResult answered = slow.receive();
  stopper.join();
  INFO(answered.body);
  CHECK(answered.status == 200);
  CHECK(json::accept(answered.body));
  CHECK(f.server->exit_code() == 0);
  CHECK(f.server->log().find("stopped") != std::string::npos);
  CHECK(itaku_with_db(f.database, {"audit", "verify"}).exit_code == 0);
}

TEST_CASE("rest: a port in use is a clear error and exit code 3", "[rest][lifecycle]") {
  RestFixture f("sqlite");
  TestServer second(f.database.location(), f.server->port());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!second.exited() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(second.exit_code() == 3);
  CHECK(second.log().find("cannot listen") != std::string::npos);
  require_alive(f);
}

TEST_CASE("rest: a page that ends the list has no next cursor", "[rest][limits]") {
  RestFixture f("sqlite");
  const std::size_t engagements = engagement_count(f);
  const HttpResult exact = f.call("admin", "GET", "/api/v1/engagements?limit=" + std::to_string(engagements));
  CHECK(exact.json().at("items").size() == engagements);
  CHECK(exact.json().at("next_cursor").is_null());
  const HttpResult first = f.call("admin", "GET", "/api/v1/engagements?limit=" + std::to_string(engagements - 1));
  REQUIRE(first.json().at("next_cursor").is_string());
  const HttpResult rest = f.call("admin", "GET", "/api/v1/engagements?limit=500&cursor=" + first.json().at("next_cursor").get<std::string>());
  CHECK(rest.json().at("items").size() == 1);
  const std::size_t vendors = f.call("admin", "GET", "/api/v1/vendors?limit=500").json().at("items").size();
  REQUIRE(vendors > 1);
  CHECK(f.call("admin", "GET", "/api/v1/vendors?limit=" + std::to_string(vendors)).json().at("next_cursor").is_null());
  const json paged = f.call("admin", "GET", "/api/v1/vendors?limit=" + std::to_string(vendors - 1)).json();
  REQUIRE(paged.at("next_cursor").is_string());
  CHECK(f.call("admin", "GET", "/api/v1/vendors?cursor=" + paged.at("next_cursor").get<std::string>()).json().at("items").size() == 1);
}

TEST_CASE("rest: refusals say it in Japanese first, then English, and quote at most a short value",
          "[rest][limits][lang]") {
  RestFixture f("sqlite");
  // Japanese text, " / ", then the English of before: each message is in both languages.
  const auto both = [](const HttpResult& answer, const std::string& english) {
    const std::string message = answer.json().at("message");
    INFO(message);
    const std::size_t slash = message.find(" / ");
    REQUIRE(slash != std::string::npos);
    const std::string japanese = message.substr(0, slash);
    CHECK(std::any_of(japanese.begin(), japanese.end(),  // kana or kanji before the English
                      [](char c) { return static_cast<unsigned char>(c) >= 0xE3; }));
    CHECK(message.find(english, slash) != std::string::npos);
  };
  both(f.call("admin", "GET", "/api/v1/engagements?as_of=2025-13-01"), "expected a real date YYYY-MM-DD");
  both(f.call("admin", "GET", "/api/v1/engagements?limit=0"), "limit must be a whole number");
  both(f.call("admin", "GET", "/api/v1/engagements?decision=maybe"), "decision is approve, conditional or reject");
  both(f.call("admin", "GET", "/api/v1/no-such-thing"), "no such resource");
  both(f.call("admin", "DELETE", "/api/v1/engagements"), "is not allowed here");
  both(f.call("admin", "POST", "/api/v1/engagements", "{\"ref\": "), "the body is not valid JSON");
  both(f.call("admin", "GET", "/api/v1/verify?url=javascript%3Aalert(1)"), "unsupported scheme");
  both(f.call("admin", "GET", "/api/v1/verify?url=%40"), "'@' must be followed by the account's handle");
  both(f.call("admin", "GET", "/api/v1/due?as_of=tomorrow"), "expected a real date");

  // A long parameter is quoted shortened, not echoed back whole.
  const HttpResult long_date = f.call("admin", "GET", "/api/v1/due?as_of=" + std::string(50000, '9'));
  CHECK(long_date.status == 400);
  CHECK(long_date.body.size() < 1000);
}

// The database part of each request runs on worker threads, in a read lane and a write lane with
// bounded queues: writes waiting for a lock do not hold up reads, a full lane is a 503 at once,
// and what needs no database (the OpenAPI document) never waits for a session.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "core/plugin_fixture.hpp"
#include "rest/api.hpp"
#include "rest/rest_fixture.hpp"
#include "cli/sqlite_write_lock.hpp"

using namespace itaku::test;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

long long milliseconds_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

std::string verification(int day) {
  return json{{"date", "2025-06-" + std::string(day < 10 ? "0" : "") + std::to_string(day)}, {"result", "pass"}}.dump();
}

}  // namespace

TEST_CASE("rest: with four writes waiting for SQLite's write lock, GETs and the public verify answer within 100 ms",
          "[rest][workers]") {
  RestFixture f("sqlite");
  ScratchDir dir("rest-lock");
  const std::string verify = "/api/v1/verify?url=" + url_encoded("https://x.com/hikarino_city");
  REQUIRE(http(f.server->port(), "GET", verify).status == 200);
  REQUIRE(f.call("auditor", "GET", "/api/v1/engagements/EX-001").status == 200);

  SqliteWriteLock lock(f.database, dir);
  constexpr int kWrites = 4;
  std::atomic<int> writes_answered{0};
  std::vector<int> write_statuses(kWrites, 0);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWrites; ++w) {
    writers.emplace_back([&, w] {
      write_statuses[w] = f.call("officer", "POST", "/api/v1/engagements/R7-C-003/verifications", verification(w + 1)).status;
      ++writes_answered;
    });
  }
  // Time for the writes to reach the database, where SQLite keeps them waiting (up to 10 s).
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  for (int i = 0; i < 5; ++i) {
    const Clock::time_point verify_start = Clock::now();
    const HttpResult verified = http(f.server->port(), "GET", verify);
    const long long verify_ms = milliseconds_since(verify_start);
    INFO("verify: " << verified.status << " " << verified.body << " in " << verify_ms << " ms");
    CHECK(verified.status == 200);
    CHECK(verify_ms < 100);

    // Another date each time, so that the engagement is read from the database, not a cache.
    const std::string as_of = "2025-05-1" + std::to_string(i);
    const Clock::time_point get_start = Clock::now();
    const HttpResult engagement = f.call("auditor", "GET", "/api/v1/engagements/EX-001?as_of=" + as_of);
    const long long get_ms = milliseconds_since(get_start);
    INFO("engagement: " << engagement.status << " in " << get_ms << " ms");
    CHECK(engagement.status == 200);
    CHECK(get_ms < 100);
  }
  CHECK(writes_answered == 0);  // the writes were waiting all along

  lock.release();
  for (auto& writer : writers) writer.join();
  for (const int status : write_statuses) CHECK(status == 201);
}

TEST_CASE("rest: a write finding its lane's queue full is answered 503 with Retry-After at once while reads go on",
          "[rest][workers]") {
  RestFixture f("sqlite", {"--threads", "1", "--queue", "1"});
  ScratchDir dir("rest-queue");
  SqliteWriteLock lock(f.database, dir);

  // One write waits in the database, one in the queue; the others find it full.
  constexpr int kWrites = 4;
  struct Answer {
    HttpResult result;
    long long milliseconds = 0;
  };
  std::mutex mutex;
  std::vector<Answer> answers;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWrites; ++w) {
    writers.emplace_back([&, w] {
      const Clock::time_point start = Clock::now();
      HttpResult result = f.call("officer", "POST", "/api/v1/engagements/R7-C-003/verifications", verification(w + 1));
      const std::lock_guard<std::mutex> guard(mutex);
      answers.push_back({std::move(result), milliseconds_since(start)});
    });
  }
  const bool refused_in_time = wait_until(
      [&] {
        const std::lock_guard<std::mutex> guard(mutex);
        return answers.size() >= kWrites - 2;
      },
      std::chrono::seconds(5));
  std::vector<Answer> early;
  {
    const std::lock_guard<std::mutex> guard(mutex);
    early = answers;
  }
  CHECK(refused_in_time);
  for (const Answer& answer : early) {
    INFO(answer.result.status << " " << answer.result.body << " after " << answer.milliseconds << " ms");
    CHECK(answer.result.status == 503);
    REQUIRE(json::accept(answer.result.body));
    CHECK(answer.result.json().at("code") == "unavailable");
    CHECK(answer.result.json().at("message").get<std::string>().find("busy") != std::string::npos);
    CHECK(answer.result.headers.count("retry-after") == 1);
    CHECK(answer.result.headers.at("retry-after") == "1");
    CHECK(answer.milliseconds < 5000);  // long before SQLite's busy timeout (10 s)
  }
  // The read lane has its own worker and queue.
  const Clock::time_point start = Clock::now();
  CHECK(f.call("auditor", "GET", "/api/v1/engagements/EX-001").status == 200);
  CHECK(milliseconds_since(start) < 1000);

  lock.release();
  for (auto& writer : writers) writer.join();
  int created = 0;
  int refused = 0;
  for (const Answer& answer : answers) {
    if (answer.result.status == 201) ++created;
    if (answer.result.status == 503) ++refused;
  }
  CHECK(refused >= 2);
  CHECK(created + refused == kWrites);
  CHECK(itaku_with_db(f.database, {"audit", "verify"}).exit_code == 0);
}

TEST_CASE("rest: /api/v1/openapi.json is answered without a database session while the other routes go to a lane",
          "[rest][workers]") {
  TestDatabase database("sqlite");
  REQUIRE(itaku::Registry::open(database.location()));  // the server opens existing registries only
  auto pool = itaku::rest::ServicePool::open(database.location(), 1, real_plugins());
  REQUIRE(pool);
  const std::string document = R"({"openapi":"3.0.3"})";
  const itaku::rest::Api api(**pool, real_plugins(), document);

  itaku::rest::HttpRequest request;
  request.method = "GET";
  request.path = "/api/v1/openapi.json";
  std::optional<itaku::rest::ServicePool::Lease> only_session;
  only_session.emplace((*pool)->lease());  // every session taken: a lease would wait
  auto prepared = std::async(std::launch::async, [&] { return api.prepare(request); });
  const bool at_once = prepared.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  only_session.reset();
  REQUIRE(at_once);
  const itaku::rest::PreparedRequest openapi = prepared.get();
  REQUIRE(openapi.answer);
  CHECK(openapi.answer->status == 200);
  CHECK(openapi.answer->body == document);

  using itaku::rest::Lane;
  for (const auto& [method, path, lane] : std::vector<std::tuple<std::string, std::string, Lane>>{
           {"GET", "/api/v1/verify", Lane::kRead},
           {"GET", "/api/v1/engagements/EX-001", Lane::kRead},
           {"POST", "/api/v1/review", Lane::kRead},
           {"POST", "/api/v1/engagements", Lane::kWrite},
           {"DELETE", "/api/v1/tokens/someone", Lane::kWrite}}) {
    request.method = method;
    request.path = path;
    const itaku::rest::PreparedRequest routed = api.prepare(request);
    INFO(method << " " << path);
    CHECK_FALSE(routed.answer);
    CHECK(routed.work);
    CHECK(routed.lane == lane);
  }
  request.method = "GET";
  request.path = "/api/v1/no-such-thing";
  const itaku::rest::PreparedRequest unknown = api.prepare(request);
  REQUIRE(unknown.answer);
  CHECK(unknown.answer->status == 404);
}

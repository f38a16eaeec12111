// Concurrent writers on one registry, on every backend (README "Concurrent writers"): every write
// takes the audit trail's lock first, so an import and everyday changes never deadlock, a change
// committed meanwhile is never lost, and a reader of the trail sees one snapshot.
#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/service/registry_service.hpp"
#include "plugin_fixture.hpp"
#include "registry/service_fixture.hpp"
#include "sample_engagements.hpp"

using namespace itaku;
using nlohmann::json;

namespace {

const Date kAsOf = Date::from_ymd(2025, 6, 1);

// One connection and its service: each thread has its own, as each itaku process does.
struct Session {
  explicit Session(const std::string& location) {
    auto opened = Registry::open(location);
    if (!opened) throw std::runtime_error(opened.status().to_string());
    registry = std::move(opened).value();
    service = std::make_unique<RegistryService>(*registry, test::shared_review_service());
  }
  std::unique_ptr<Registry> registry;
  std::unique_ptr<RegistryService> service;
};

// Retries what the store reports as busy (kUnavailable: "try again"); any other failure is kept.
template <typename Call>
auto with_retries(Call call) {
  for (int attempt = 0;; ++attempt) {
    auto result = call();
    if (result || result.status().code() != ErrorCode::kUnavailable || attempt == 50) return result;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string generated_records(std::size_t count) {
  std::ifstream in(std::string(ITAKU_SOURCE_DIR) + "/examples/engagements.jsonl");
  std::vector<json> examples;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) examples.push_back(json::parse(line));
  }
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    json record = examples[i % examples.size()];
    record["ref"] = "GEN-" + std::to_string(100000 + i);
    if (record["kind"] == "social_media") {
      record["social_media"]["account"] = "@gen_" + std::to_string(i);
      record["social_media"]["url"] = "https://x.com/gen_" + std::to_string(i);
    }
    text += record.dump() + "\n";
  }
  return text;
}

Verification check_on(int day) {
  return Verification{Date::from_ymd(2025, 5, 1).add_days(day), VerificationResult::kPass, std::string("監査"),
                      std::string("並行 " + std::to_string(day)), std::nullopt};
}

}  // namespace

TEST_CASE("unit of work: an import with verifications, person adds and reassigns at once: no deadlock, nothing lost",
          "[registry][concurrency]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  INFO(backend);
  test::TestDatabase database(backend);
  Session setup(database.location());
  REQUIRE(setup.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  auto first = setup.service->add_person(Person{"並行 一郎", "市民課", std::nullopt, std::nullopt}, "setup");
  auto second = setup.service->add_person(Person{"並行 二郎", "市民課", std::nullopt, std::nullopt}, "setup");
  REQUIRE(first);
  REQUIRE(second);

  const std::string records = generated_records(3000);
  std::atomic<bool> importing{true};
  Status import_status;
  std::thread importer([&] {
    Session session(database.location());
    std::stringstream stream(records);
    std::vector<std::unique_ptr<RecordSource>> sources;
    sources.push_back(make_jsonl_source(stream, "generated.jsonl"));
    ImportOptions options;
    options.actor = "importer";
    auto report = with_retries([&] { return session.service->import_records(sources, options); });
    import_status = report.status();
    importing = false;
  });

  Session office(database.location());
  std::vector<Status> failures;
  int verifications = 0;
  long long from = first->id, to = second->id;
  for (int round = 0; round < 400 && (importing || round < 20); ++round) {
    auto verified = with_retries([&] { return office.service->add_verification("EX-001", check_on(round), "監査"); });
    if (verified) {
      ++verifications;
    } else {
      failures.push_back(verified.status());
    }
    auto added = with_retries([&] {
      return office.service->add_person(Person{"並行 " + std::to_string(round), "市民課", std::nullopt, std::nullopt}, "人事");
    });
    if (!added) failures.push_back(added.status());
    auto moved = with_retries([&] { return office.service->reassign_person(from, to, "人事"); });
    if (!moved) failures.push_back(moved.status());
    std::swap(from, to);
  }
  importer.join();
  INFO(import_status.to_string());
  CHECK(import_status.is_ok());
  for (const auto& failure : failures) {
    INFO(failure.to_string());
    CHECK(failure.code() == ErrorCode::kUnavailable);  // busy for too long, never a deadlock or a fault
    CHECK(failure.message().find("deadlock") == std::string::npos);
  }
  auto stored = office.service->show("EX-001", kAsOf);
  REQUIRE(stored);
  CHECK(static_cast<int>(stored->engagement.verifications.size()) == 1 + verifications);
  auto trail = office.service->verify_audit();
  REQUIRE(trail);
  CHECK_FALSE(trail->first_bad_entry);
}

TEST_CASE("unit of work: reassigning a person during a stream of verifications loses none", "[registry][concurrency]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  INFO(backend);
  test::TestDatabase database(backend);
  Session setup(database.location());
  REQUIRE(setup.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  auto successor = setup.service->add_person(Person{"後任 次郎", "市民課", std::nullopt, std::nullopt}, "setup");
  REQUIRE(successor);
  const long long original = setup.service->list_persons(true)->front().id;

  std::atomic<bool> verifying{true};
  std::atomic<int> recorded{0};
  std::thread auditor([&] {
    Session session(database.location());
    for (int day = 0; day < 150; ++day) {
      if (with_retries([&] { return session.service->add_verification("EX-001", check_on(day), "監査"); })) ++recorded;
    }
    verifying = false;
  });
  Session personnel(database.location());
  long long from = original, to = successor->id;
  while (verifying) {
    (void)with_retries([&] { return personnel.service->reassign_person(from, to, "人事"); });
    std::swap(from, to);
  }
  auditor.join();
  auto stored = personnel.service->show("EX-001", kAsOf);
  REQUIRE(stored);
  CHECK(static_cast<int>(stored->engagement.verifications.size()) == 1 + recorded);
  CHECK(recorded == 150);
}

TEST_CASE("unit of work: audit verify during a stream of writes never reports a false alarm", "[registry][concurrency]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  INFO(backend);
  test::TestDatabase database(backend);
  Session setup(database.location());
  REQUIRE(setup.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));

  std::atomic<bool> writing{true};
  std::thread writer([&] {
    Session session(database.location());
    // Paced and bounded, so that the trail (which every run reads whole) stays a few hundred
    // entries long while appends keep landing between a run's reads.
    for (int i = 0; writing && i < 600; ++i) {
      (void)with_retries([&] {
        return session.service->add_person(Person{"職員 " + std::to_string(i), "総務課", std::nullopt, std::nullopt}, "人事");
      });
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  Session reader(database.location());
  int alarms = 0, runs = 0;
  std::string first_alarm;
  for (; runs < 1000; ++runs) {
    auto verified = reader.service->verify_audit();
    if (!verified) {
      first_alarm = first_alarm.empty() ? verified.status().to_string() : first_alarm;
      ++alarms;
    } else if (!verified->intact()) {
      const std::string said = verified->problem + (verified->state_differences.empty() ? "" : verified->state_differences.front());
      first_alarm = first_alarm.empty() ? said : first_alarm;
      ++alarms;
    }
  }
  writing = false;
  writer.join();
  INFO(first_alarm);
  CHECK(alarms == 0);
}

// The store's transaction object (core/src/registry/UNIT_OF_WORK.md), on every backend: a write
// needs a write transaction, one transaction at a time per connection, and what a transaction
// remembers about vendors and persons ends with it.
#include <catch2/catch.hpp>

#include "itaku/registry/registry.hpp"
#include "itaku/service/registry_service.hpp"
#include "itaku/service/token_service.hpp"
#include "registry/test_databases.hpp"
#include "sample_engagements.hpp"

using namespace itaku;

namespace {

std::unique_ptr<Registry> open_registry(const std::string& location) {
  auto opened = Registry::open(location);
  if (!opened) FAIL(opened.status().to_string());
  return std::move(opened).value();
}

Engagement with_vendor(const std::string& ref, const std::string& vendor_name) {
  Engagement engagement = test::baseline_engagement();
  engagement.ref = ref;
  engagement.vendor = Vendor{vendor_name, std::string("4000012010001"), std::nullopt, {}};
  return engagement;
}

ErrorCode code_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& error) {
    return error.status().code();
  }
  return ErrorCode::kOk;
}

}  // namespace

TEST_CASE("store transaction: a write outside a write transaction is refused and writes nothing",
          "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  INFO(backend);
  test::TestDatabase database(backend);
  auto registry = open_registry(database.location());

  CHECK(code_of([&] { registry->upsert_engagement(with_vendor("TX-1", "甲社")); }) == ErrorCode::kInternal);
  {
    auto read = registry->begin_read();
    CHECK(code_of([&] { registry->upsert_engagement(with_vendor("TX-1", "甲社")); }) == ErrorCode::kInternal);
    CHECK(code_of([&] { registry->add_person(Person{"読取 太郎", "市民課", std::nullopt, std::nullopt}); }) ==
          ErrorCode::kInternal);
    CHECK(code_of([&] { registry->append_audit(AuditEntry{}); }) == ErrorCode::kInternal);
    read->commit();
  }
  CHECK_FALSE(registry->find_engagement("TX-1"));
  CHECK(registry->list_persons(true).empty());
  CHECK(registry->audit_head().entries == 0);
}

TEST_CASE("store transaction: one at a time per connection, and one abandoned is rolled back", "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  INFO(backend);
  test::TestDatabase database(backend);
  auto registry = open_registry(database.location());
  {
    auto write = registry->begin();
    CHECK(code_of([&] { registry->begin(); }) == ErrorCode::kInternal);
    CHECK(code_of([&] { registry->begin_read(); }) == ErrorCode::kInternal);
    registry->upsert_engagement(with_vendor("TX-1", "甲社"));
  }  // rolled back
  CHECK_FALSE(registry->find_engagement("TX-1"));
  auto write = registry->begin();
  registry->upsert_engagement(with_vendor("TX-1", "甲社"));
  write->commit();
  CHECK(registry->find_engagement("TX-1"));
}

TEST_CASE("store transaction: what a transaction read about a vendor ends with it", "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  INFO(backend);
  test::TestDatabase database(backend);
  auto office = open_registry(database.location());
  auto other = open_registry(database.location());

  auto first = office->begin();
  office->upsert_engagement(with_vendor("TX-1", "甲社"));
  first->commit();

  // Another connection renames the vendor between two of the office's transactions.
  auto rename = other->begin();
  other->rename_vendor("4000012010001", "甲社ホールディングス");
  rename->commit();

  auto second = office->begin();
  const UpsertResult result = office->upsert_engagement(with_vendor("TX-2", "甲社"));
  second->commit();
  REQUIRE(result.after.vendor);
  CHECK(result.after.vendor->name == "甲社ホールディングス");
  REQUIRE(result.vendor_conflict);
  CHECK(result.vendor_conflict->registered_name == "甲社ホールディングス");
  CHECK(office->find_engagement("TX-2")->vendor->name == "甲社ホールディングス");
}

TEST_CASE("a NUL character never reaches the store: no other record is found, no text is cut", "[registry][untrusted]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  INFO(backend);
  test::TestDatabase database(backend);
  auto registry = open_registry(database.location());
  auto write = registry->begin();
  registry->upsert_engagement(with_vendor("TX-1", "甲社"));
  write->commit();
  BasicRegistryService service(*registry);

  // PostgreSQL compares bound text only up to a NUL: TX-1\0OTHER must not find TX-1.
  const std::string with_nul("TX-1\0OTHER", 10);
  CHECK_FALSE(registry->find_engagement(with_nul));
  CHECK(service.show(with_nul, Date::from_ymd(2025, 6, 1)).status().code() == ErrorCode::kNotFound);
  CHECK(service.void_verification(with_nul, 1, "誤登録", "officer").status().code() == ErrorCode::kNotFound);

  const auto person = service.add_person(Person{std::string("佐藤\0花子", 13), "市民課", std::nullopt, std::nullopt}, "人事");
  CHECK(person.status().code() == ErrorCode::kInvalidArgument);
  CHECK(person.status().message().find("NUL") != std::string::npos);
  CHECK(service.add_person(Person{"\u3000 ", "市民課", std::nullopt, std::nullopt}, "人事").status().code() ==
        ErrorCode::kInvalidArgument);
  CHECK(service.rename_vendor("4000012010001", "\u3000", "officer").status().code() == ErrorCode::kInvalidArgument);
  TokenService tokens(*registry);
  CHECK(tokens.create(std::string("ops\0evil", 8), Role::kAuditor, std::nullopt, "admin").status().code() ==
        ErrorCode::kInvalidArgument);
  const auto persons = registry->list_persons(true);
  REQUIRE(persons.size() == 1);  // the engagement's own responsible person, nobody cut short
  CHECK(persons.front().person.name == "上野 太郎");
  CHECK(registry->list_tokens().empty());
  CHECK(registry->audit_head().entries == 0);  // nothing refused was audited
}

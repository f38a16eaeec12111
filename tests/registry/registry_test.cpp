// The registry store, run on every backend this machine offers (SQLite always, PostgreSQL when
// ITAKU_TEST_PG_URL is set): each test case runs once per backend on a fresh database.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>
#include <set>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/registry/registry.hpp"
#include "itaku/schema/record_validator.hpp"
#include "plugin_fixture.hpp"
#include "registry/test_databases.hpp"
#include "sample_engagements.hpp"

using namespace itaku;
using nlohmann::json;

namespace {

std::unique_ptr<Registry> open_registry(const test::TestDatabase& database) {
  auto registry = Registry::open(database.location());
  if (!registry) FAIL(registry.status().to_string());
  return std::move(registry).value();
}

const RecordValidator& validator() {
  static const RecordValidator instance = RecordValidator::create(test::real_plugins()).value();
  return instance;
}

std::vector<Engagement> example_engagements() {
  std::ifstream in(std::string(ITAKU_SOURCE_DIR) + "/examples/engagements.jsonl");
  std::vector<Engagement> engagements;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    engagements.push_back(validator().to_engagement(json::parse(line)).value());
  }
  return engagements;
}

void store(Registry& registry, const std::vector<Engagement>& engagements) {
  auto transaction = registry.begin();
  for (const auto& engagement : engagements) registry.upsert_engagement(engagement);
  transaction->commit();
}

}  // namespace

TEST_CASE("registry: opening creates the schema and reopening keeps it", "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  INFO("backend " << backend);
  test::TestDatabase database(backend);
  {
    auto registry = open_registry(database);
    CHECK(registry->schema_version() == 6);
    CHECK(registry->count_engagements({}) == 0);
    CHECK(registry->describe().find(backend == "sqlite" ? "sqlite3:" : "postgresql://") == 0);
    CHECK(registry->describe().find("password") == std::string::npos);
  }
  auto again = open_registry(database);
  CHECK(again->schema_version() == 6);
}

TEST_CASE("registry: a database newer than the binary is refused", "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  test::TestDatabase database(backend);
  open_registry(database);
  REQUIRE(database.tamper("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')") == 0);
  auto refused = Registry::open(database.location());
  REQUIRE_FALSE(refused);
  CHECK(refused.status().code() == ErrorCode::kFailedPrecondition);
  CHECK(refused.status().message().find("99") != std::string::npos);
}

TEST_CASE("registry: every example record is stored and read back unchanged", "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  INFO("backend " << backend);
  test::TestDatabase database(backend);
  auto registry = open_registry(database);
  const auto engagements = example_engagements();
  REQUIRE(engagements.size() >= 20);
  store(*registry, engagements);
  CHECK(registry->count_engagements({}) == engagements.size());
  for (const auto& engagement : engagements) {
    INFO(engagement.ref);
    auto stored = registry->find_engagement(engagement.ref);
    REQUIRE(stored);
    // Vendors are shared: a stored engagement carries every certification its vendor holds.
    json expected = engagement_to_json(engagement);
    json actual = engagement_to_json(*stored);
    if (expected.contains("vendor")) {
      for (const auto& certification : expected["vendor"].value("certifications", json::array())) {
        CHECK(std::find(actual["vendor"]["certifications"].begin(), actual["vendor"]["certifications"].end(),
                        certification) != actual["vendor"]["certifications"].end());
      }
      expected["vendor"].erase("certifications");
      actual["vendor"].erase("certifications");
    }
    // Persons are shared too: another record may have given the e-mail address this one omits.
    if (expected.contains("responsible_person") && !expected["responsible_person"].contains("email")) {
      actual["responsible_person"].erase("email");
    }
    CHECK(actual == expected);
  }
  CHECK_FALSE(registry->find_engagement("NO-SUCH-REF"));
}

TEST_CASE("registry: upsert tells created, updated and unchanged apart", "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  test::TestDatabase database(backend);
  auto registry = open_registry(database);
  Engagement engagement = engagement_from_json(test::worked_example_ex001());
  auto transaction = registry->begin();
  CHECK(registry->upsert_engagement(engagement).outcome == UpsertOutcome::kCreated);
  CHECK(registry->upsert_engagement(engagement).outcome == UpsertOutcome::kUnchanged);
  engagement.title = "窓口受付業務委託（変更契約）";
  engagement.clauses.push_back("OUT-09");
  engagement.verifications.push_back({Date::from_ymd(2025, 5, 1), VerificationResult::kConditional, "監査担当", "是正待ち", std::nullopt});
  CHECK(registry->upsert_engagement(engagement).outcome == UpsertOutcome::kUpdated);
  transaction->commit();
  const auto stored = registry->find_engagement("EX-001");
  REQUIRE(stored);
  CHECK(stored->title == "窓口受付業務委託（変更契約）");
  CHECK(stored->clauses.back() == "OUT-09");
  REQUIRE(stored->verifications.size() == 2);
  CHECK(stored->verifications[1].notes == "是正待ち");
  CHECK(registry->count_engagements({}) == 1);
}

TEST_CASE("registry: one vendor per 法人番号 under its registered name, certifications merged and renewed",
          "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  test::TestDatabase database(backend);
  auto registry = open_registry(database);
  Engagement first = engagement_from_json(test::worked_example_ex001());
  Engagement second = first;
  second.ref = "EX-001-B";
  second.vendor->name = "株式会社例示サービス（本社）";  // a spelling variant of the same company
  second.vendor->certifications = {{"ISMS", std::string("IS 1"), Date::from_ymd(2027, 3, 31)},
                                   {"PMARK", std::string("10861234(03)"), Date::from_ymd(2028, 1, 31)}};
  std::vector<UpsertResult> results;
  {
    auto transaction = registry->begin();
    results.push_back(registry->upsert_engagement(first));
    results.push_back(registry->upsert_engagement(second));
    transaction->commit();
  }
  // The second record's spelling does not rename the vendor: it is reported as a conflict.
  CHECK_FALSE(results[0].vendor_conflict);
  REQUIRE(results[1].vendor_conflict);
  CHECK(results[1].vendor_conflict->corporate_number == *first.vendor->corporate_number);
  CHECK(results[1].vendor_conflict->registered_name == first.vendor->name);
  CHECK(results[1].vendor_conflict->given_name == "株式会社例示サービス（本社）");
  CHECK(results[1].after.vendor->name == first.vendor->name);
  const auto stored = registry->find_engagement("EX-001");
  REQUIRE(stored);
  CHECK(stored->vendor->name == first.vendor->name);
  CHECK(registry->find_engagement("EX-001-B")->vendor->name == first.vendor->name);
  REQUIRE(stored->vendor->certifications.size() == 2);
  CHECK(stored->vendor->certifications[0].scheme == "PMARK");
  CHECK(stored->vendor->certifications[0].valid_until == Date::from_ymd(2028, 1, 31));  // renewed
  CHECK(stored->vendor->certifications[1].scheme == "ISMS");

  // Only a deliberate rename changes the name, for every engagement of the vendor.
  {
    auto transaction = registry->begin();
    const auto [before, after] = registry->rename_vendor(*first.vendor->corporate_number, "株式会社例示サービス（本社）");
    transaction->commit();
    CHECK(before.name == first.vendor->name);
    CHECK(after.vendor.name == "株式会社例示サービス（本社）");
    CHECK(after.engagements == 2);  // EX-001 and EX-001-B
  }
  CHECK(registry->find_engagement("EX-001")->vendor->name == "株式会社例示サービス（本社）");
  CHECK(registry->find_engagement("EX-001-B")->vendor->name == "株式会社例示サービス（本社）");
  auto transaction = registry->begin();
  CHECK_THROWS_AS(registry->rename_vendor("1234567890123", "x"), Error);
}

TEST_CASE("registry: a transaction not committed leaves nothing behind", "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  test::TestDatabase database(backend);
  auto registry = open_registry(database);
  {
    auto transaction = registry->begin();
    registry->upsert_engagement(engagement_from_json(test::worked_example_ex001()));
    registry->append_audit({0, "2025-06-01T00:00:00Z", "test", "import.create", "engagement", "EX-001", "", "{}", "", ""});
  }
  CHECK_FALSE(registry->find_engagement("EX-001"));
  std::size_t entries = 0;
  registry->for_each_audit(std::nullopt, [&](const AuditEntry&) { ++entries; });
  CHECK(entries == 0);
  // writing outside a transaction is refused
  CHECK_THROWS_AS(registry->upsert_engagement(engagement_from_json(test::worked_example_ex001())), Error);
}

TEST_CASE("registry: listing pages through every engagement in ref order, with filters", "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  test::TestDatabase database(backend);
  auto registry = open_registry(database);
  const Engagement contractor = engagement_from_json(test::worked_example_ex001());
  const Engagement channel = engagement_from_json(test::worked_example_ex002());
  std::vector<Engagement> many;
  for (int i = 0; i < 1300; ++i) {  // more than two pages
    Engagement e = i % 3 == 0 ? channel : contractor;
    e.ref = "P-" + std::to_string(100000 + i * 7 % 1300);
    if (i % 5 == 0) e.department = "税務課";
    many.push_back(e);
  }
  store(*registry, many);
  std::vector<std::string> refs;
  registry->for_each_engagement({}, [&](Engagement&& e) {
    refs.push_back(e.ref);
    CHECK((e.kind == "social_media" || e.clauses.size() == 11));
  });
  REQUIRE(refs.size() == 1300);
  CHECK(std::is_sorted(refs.begin(), refs.end()));
  CHECK(std::set<std::string>(refs.begin(), refs.end()).size() == 1300);

  std::size_t channels = 0;
  registry->for_each_engagement({std::string("social_media"), std::nullopt}, [&](Engagement&& e) {
    CHECK(e.kind == "social_media");
    ++channels;
  });
  CHECK(channels == registry->count_engagements({std::string("social_media"), std::nullopt}));
  CHECK(channels == 434);
  std::size_t tax = 0;
  registry->for_each_engagement({std::nullopt, std::string("税務課")}, [&](Engagement&& e) {
    CHECK(e.department == "税務課");
    ++tax;
  });
  CHECK(tax == 260);
}

TEST_CASE("registry: quotes, semicolons and SQL keywords are stored verbatim", "[registry]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  test::TestDatabase database(backend);
  auto registry = open_registry(database);
  const std::string nasty = "O'Reilly \"株式会社\"; DROP TABLE engagements; -- \\ %_ \n\t 🚀";
  Engagement e = engagement_from_json(test::worked_example_ex001());
  e.ref = "Q'1";
  e.title = nasty;
  e.department = nasty;
  e.responsible_person->name = nasty;
  e.responsible_person->department = nasty;
  e.responsible_person->email = "o'reilly@example.jp";
  e.vendor->name = nasty;
  e.vendor->corporate_number.reset();
  e.vendor->certifications[0].number = nasty;
  e.verifications[0].verifier = nasty;
  e.verifications[0].notes = nasty;
  e.section = json{{"it_system", true}};
  store(*registry, {e});
  const auto stored = registry->find_engagement("Q'1");
  REQUIRE(stored);
  CHECK(engagement_to_json(*stored) == engagement_to_json(e));
  CHECK(registry->count_engagements({}) == 1);
}

TEST_CASE("registry: the audit trail chains each entry to the one before", "[registry][audit]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  test::TestDatabase database(backend);
  auto registry = open_registry(database);
  {
    auto transaction = registry->begin();
    registry->append_audit({0, "2025-06-01T00:00:00Z", "上野", "import.create", "engagement", "A-1", "", "{\"a\":1}", "", ""});
    registry->append_audit({0, "2025-06-01T00:00:01Z", "上野", "import.create", "engagement", "B-1", "", "{\"b\":1}", "", ""});
    transaction->commit();
  }
  {
    auto transaction = registry->begin();  // a new transaction continues the same chain
    registry->append_audit({0, "2025-06-02T00:00:00Z", "佐藤", "import.update", "engagement", "A-1", "{\"a\":1}", "{\"a\":2}", "", ""});
    transaction->commit();
  }
  std::vector<AuditEntry> entries;
  registry->for_each_audit(std::nullopt, [&](const AuditEntry& entry) { entries.push_back(entry); });
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].prev_hash.empty());
  for (size_t i = 0; i < entries.size(); ++i) {
    CHECK(entries[i].hash == audit_entry_hash(entries[i]));
    CHECK(entries[i].hash.size() == 64);
    if (i > 0) CHECK(entries[i].prev_hash == entries[i - 1].hash);
  }
  CHECK(entries[2].before_json == "{\"a\":1}");
  CHECK(entries[0].before_json.empty());
  std::vector<std::string> for_a;
  registry->for_each_audit(std::string("A-1"), [&](const AuditEntry& entry) { for_a.push_back(entry.action); });
  CHECK(for_a == std::vector<std::string>{"import.create", "import.update"});
  // the hash covers every field
  AuditEntry altered = entries[1];
  altered.actor = "someone else";
  CHECK(audit_entry_hash(altered) != entries[1].hash);
}

TEST_CASE("registry: bad locations give clear errors", "[registry]") {
  auto missing_directory = Registry::open("/nonexistent-dir/itaku.db");
  REQUIRE_FALSE(missing_directory);
  CHECK(missing_directory.status().code() == ErrorCode::kInvalidArgument);
  CHECK(missing_directory.status().message().find("/nonexistent-dir") != std::string::npos);

  if (::geteuid() != 0) {  // root may write anywhere: the permission check cannot be exercised
    test::TestDatabase database("sqlite");
    const auto directory = std::filesystem::path(database.location()).parent_path();
    ::chmod(directory.c_str(), 0555);
    auto read_only = Registry::open(database.location());
    ::chmod(directory.c_str(), 0755);
    REQUIRE_FALSE(read_only);
    CHECK(read_only.status().message().find("not writable") != std::string::npos);
  }

  auto not_a_database = [] {
    test::TestDatabase database("sqlite");
    std::ofstream(database.location()) << "this is a text file, not a database\n";
    return Registry::open(database.location());
  }();
  REQUIRE_FALSE(not_a_database);
  // The user's file, not Itaku's fault: bad input (exit 2), named, and left as it was.
  CHECK(not_a_database.status().code() == ErrorCode::kInvalidArgument);
  CHECK(not_a_database.status().message().find("not a database") != std::string::npos);

  auto unreachable = Registry::open("postgresql://nobody@127.0.0.1:1/itaku?connect_timeout=2");
  REQUIRE_FALSE(unreachable);
  CHECK(unreachable.status().code() == ErrorCode::kUnavailable);
  auto no_database = Registry::open("postgresql://127.0.0.1:5432/");
  REQUIRE_FALSE(no_database);
  CHECK(no_database.status().code() == ErrorCode::kInvalidArgument);
}

TEST_CASE("registry: a batch upsert stores what one-by-one upserts store", "[registry][batch]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  test::TestDatabase one_by_one_database(backend);
  test::TestDatabase batch_database(backend);
  auto one_by_one = open_registry(one_by_one_database);
  auto batched = open_registry(batch_database);
  std::vector<Engagement> examples = example_engagements();
  REQUIRE(examples.size() > 10);
  // A first run stores part of the examples; the batch then holds updates, unchanged records
  // and new ones that share vendors and persons with stored and with each other.
  const std::vector<Engagement> first(examples.begin(), examples.begin() + 8);
  store(*one_by_one, first);
  store(*batched, first);
  examples[0].title += "（変更契約）";
  examples[1].verifications.push_back({Date::from_ymd(2025, 5, 1), VerificationResult::kFail, "監査担当", "是正要求", std::nullopt});
  for (std::size_t i = 8; i < examples.size(); ++i) {
    if (examples[i].vendor && examples[0].vendor) examples[i].vendor->corporate_number = examples[0].vendor->corporate_number;
    if (i % 2 == 0 && examples[i].responsible_person) examples[i].responsible_person = examples[2].responsible_person;
  }

  std::vector<UpsertOutcome> expected;
  std::vector<json> expected_after;  // at the time of each upsert: later records add vendor certifications
  {
    auto transaction = one_by_one->begin();
    for (const auto& engagement : examples) {
      const UpsertResult result = one_by_one->upsert_engagement(engagement);
      expected.push_back(result.outcome);
      expected_after.push_back(engagement_to_json(result.after));
    }
    transaction->commit();
  }
  std::vector<UpsertResult> results;
  {
    auto transaction = batched->begin();
    results = batched->upsert_engagements(examples);
    transaction->commit();
  }
  REQUIRE(results.size() == examples.size());
  for (std::size_t i = 0; i < examples.size(); ++i) {
    INFO(examples[i].ref);
    CHECK(results[i].outcome == expected[i]);
    CHECK(results[i].after.ref == examples[i].ref);
    const auto stored_one = one_by_one->find_engagement(examples[i].ref);
    const auto stored_batch = batched->find_engagement(examples[i].ref);
    REQUIRE(stored_one);
    REQUIRE(stored_batch);
    CHECK(engagement_to_json(*stored_batch) == engagement_to_json(*stored_one));
    CHECK(engagement_to_json(results[i].after) == expected_after[i]);
  }
  CHECK(expected[0] == UpsertOutcome::kUpdated);
  CHECK(expected[2] == UpsertOutcome::kUnchanged);
  CHECK(expected.back() == UpsertOutcome::kCreated);
  CHECK(batched->list_persons(true).size() == one_by_one->list_persons(true).size());
}

TEST_CASE("registry: a batch with one ref twice is refused and writes nothing", "[registry][batch]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  test::TestDatabase database(backend);
  auto registry = open_registry(database);
  const Engagement engagement = engagement_from_json(test::worked_example_ex001());
  {
    auto transaction = registry->begin();
    try {
      registry->upsert_engagements({engagement, engagement});
      FAIL("a batch with a repeated ref was accepted");
    } catch (const Error& error) {
      CHECK(error.status().code() == ErrorCode::kInvalidArgument);
      CHECK(error.status().message().find("EX-001") != std::string::npos);
    }
  }
  CHECK(registry->count_engagements({}) == 0);
}

TEST_CASE("registry: batch audit appends continue the chain and the head", "[registry][audit][batch]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  test::TestDatabase database(backend);
  auto registry = open_registry(database);
  {
    auto transaction = registry->begin();
    registry->append_audit({0, "2025-06-01T00:00:00Z", "上野", "import.create", "engagement", "A-1", "", "{\"a\":1}", "", ""});
    transaction->commit();
  }
  std::vector<AuditEntry> appended;
  {
    auto transaction = registry->begin();
    appended = registry->append_audits(
        {{0, "2025-06-02T00:00:00Z", "佐藤", "import.create", "engagement", "B-1", "", "{\"b\":\"'; DROP TABLE x; --\"}", "", ""},
         {0, "2025-06-02T00:00:00Z", "佐藤", "import.update", "engagement", "A-1", "{\"a\":1}", "{\"a\":2}", "", ""}});
    transaction->commit();
  }
  std::vector<AuditEntry> entries;
  registry->for_each_audit(std::nullopt, [&](const AuditEntry& entry) { entries.push_back(entry); });
  REQUIRE(entries.size() == 3);
  REQUIRE(appended.size() == 2);
  CHECK(appended[0].id == entries[1].id);
  CHECK(appended[1].id == entries[2].id);
  CHECK(entries[1].entity_key == "B-1");
  CHECK(entries[1].after_json == "{\"b\":\"'; DROP TABLE x; --\"}");
  CHECK(entries[2].before_json == "{\"a\":1}");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CHECK(entries[i].hash == audit_entry_hash(entries[i]));
    if (i > 0) CHECK(entries[i].prev_hash == entries[i - 1].hash);
  }
  const AuditHead head = registry->audit_head();
  CHECK(head.entries == 3);
  CHECK(head.last_id == entries[2].id);
  CHECK(head.last_hash == entries[2].hash);
}

// Import, export, registry review and the audit trail through RegistryService, on every backend.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/service/registry_service.hpp"
#include "itaku/report/report_json.hpp"
#include "itaku/schema/schemas.hpp"
#include "plugin_fixture.hpp"
#include "registry/test_databases.hpp"
#include "sample_engagements.hpp"

using namespace itaku;
using nlohmann::json;

namespace {

const ReviewService& review_service() {
  static const ReviewService instance = ReviewService::create(test::real_plugins()).value();
  return instance;
}

struct Fixture {
  explicit Fixture(const std::string& backend) : database(backend) {
    auto opened = Registry::open(database.location());
    if (!opened) FAIL(opened.status().to_string());
    registry = std::move(opened).value();
    service = std::make_unique<RegistryService>(*registry, review_service());
  }
  test::TestDatabase database;
  std::unique_ptr<Registry> registry;
  std::unique_ptr<RegistryService> service;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Sources over JSON Lines text; the streams live as long as the returned object.
struct Inputs {
  std::vector<std::unique_ptr<std::stringstream>> streams;
  std::vector<std::unique_ptr<RecordSource>> sources;
  Inputs& add(const std::string& text, const std::string& name) {
    streams.push_back(std::make_unique<std::stringstream>(text));
    sources.push_back(make_jsonl_source(*streams.back(), name));
    return *this;
  }
};

const std::string kExamples = std::string(ITAKU_SOURCE_DIR) + "/examples/engagements.jsonl";

std::string export_jsonl(RegistryService& service, const EngagementFilter& filter = {}) {
  std::ostringstream out;
  auto writer = make_record_writer(RecordFormat::kJsonl, out, field_types_for(test::real_plugins()));
  REQUIRE(service.export_records(filter, *writer));
  return out.str();
}

std::size_t audit_count(RegistryService& service) {
  std::size_t entries = 0;
  REQUIRE(service.for_each_audit(std::nullopt, [&](const AuditEntry&) { ++entries; }));
  return entries;
}

}  // namespace

TEST_CASE("import: all valid records are stored, each change audited with actor and after-image", "[registry][import]") {
  Fixture f(GENERATE(from_range(test::registry_backends())));
  Inputs inputs;
  inputs.add(read_text(kExamples), "engagements.jsonl");
  auto report = f.service->import_records(inputs.sources, {false, false, "情報政策課 上野"});
  REQUIRE(report);
  CHECK(report->written);
  CHECK(report->records == 25);
  CHECK(report->created == 25);
  CHECK(report->invalid == 0);
  CHECK(f.registry->count_engagements({}) == 25);
  std::vector<AuditEntry> entries;
  REQUIRE(f.service->for_each_audit(std::nullopt, [&](const AuditEntry& e) { entries.push_back(e); }));
  REQUIRE(entries.size() == 25);
  CHECK(entries[0].actor == "情報政策課 上野");
  CHECK(entries[0].action == "import.create");
  CHECK(entries[0].before_json.empty());
  CHECK(json::parse(entries[0].after_json)["ref"] == entries[0].entity_key);

  // The same file again changes nothing and writes no audit entry.
  Inputs again;
  again.add(read_text(kExamples), "engagements.jsonl");
  auto second = f.service->import_records(again.sources, {false, false, "上野"});
  REQUIRE(second);
  CHECK(second->unchanged == 25);
  CHECK(audit_count(*f.service) == 25);
}

TEST_CASE("import: one invalid record means nothing is written, and every problem is reported", "[registry][import]") {
  Fixture f(GENERATE(from_range(test::registry_backends())));
  json bad = test::worked_example_ex002();
  bad["ref"] = "BAD-1";
  bad["period"]["start"] = "2025-02-30";
  const std::string text = test::worked_example_ex001().dump() + "\n" + bad.dump() + "\n{oops\n" +
                           test::worked_example_ex001().dump() + "\n";  // EX-001 twice
  Inputs inputs;
  inputs.add(text, "mixed.jsonl");
  auto report = f.service->import_records(inputs.sources, {false, false, "tester"});
  REQUIRE(report);
  CHECK_FALSE(report->written);
  CHECK(report->invalid == 3);
  REQUIRE(report->errors.size() == 3);
  CHECK(report->errors[0].path == "/period/start");
  CHECK(report->errors[0].ref == "BAD-1");
  CHECK(report->errors[1].record == 3);
  CHECK(report->errors[2].record == 4);
  CHECK(report->errors[2].message.find("appears again") != std::string::npos);
  CHECK(f.registry->count_engagements({}) == 0);
  CHECK(audit_count(*f.service) == 0);

  // --skip-invalid stores the valid one.
  Inputs retry;
  retry.add(text, "mixed.jsonl");
  auto skipped = f.service->import_records(retry.sources, {true, false, "tester"});
  REQUIRE(skipped);
  CHECK(skipped->written);
  CHECK(skipped->created == 1);
  CHECK(f.registry->count_engagements({}) == 1);
}

TEST_CASE("import: a dry run reports the changes and writes nothing", "[registry][import]") {
  Fixture f(GENERATE(from_range(test::registry_backends())));
  Inputs first;
  first.add(test::worked_example_ex001().dump() + "\n", "a.jsonl");
  REQUIRE(f.service->import_records(first.sources, {false, false, "t"}));
  json changed = test::worked_example_ex001();
  changed["title"] = "窓口受付業務委託（令和8年度）";
  Inputs dry;
  dry.add(changed.dump() + "\n" + test::worked_example_ex002().dump() + "\n", "b.jsonl");
  auto report = f.service->import_records(dry.sources, {false, true, "t"});
  REQUIRE(report);
  CHECK_FALSE(report->written);
  REQUIRE(report->changes.size() == 2);
  CHECK(report->changes[0].ref == "EX-001");
  CHECK(report->changes[0].outcome == UpsertOutcome::kUpdated);
  CHECK(report->changes[1].outcome == UpsertOutcome::kCreated);
  CHECK(f.registry->find_engagement("EX-001")->title == "窓口受付業務委託");
  CHECK_FALSE(f.registry->find_engagement("EX-002"));
  CHECK(audit_count(*f.service) == 1);
}

TEST_CASE("export then import into an empty registry gives the identical state", "[registry][export]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  Fixture source(backend);
  Inputs inputs;
  inputs.add(read_text(kExamples), "engagements.jsonl");
  REQUIRE(source.service->import_records(inputs.sources, {false, false, "t"}));
  const std::string exported = export_jsonl(*source.service);

  Fixture target(backend);
  Inputs reimport;
  reimport.add(exported, "export.jsonl");
  auto report = target.service->import_records(reimport.sources, {false, false, "t"});
  REQUIRE(report);
  CHECK(report->created == 25);
  CHECK(export_jsonl(*target.service) == exported);
  // filters
  const std::string channels = export_jsonl(*source.service, {std::string("social_media"), std::nullopt});
  CHECK(std::count(channels.begin(), channels.end(), '\n') == 7);
}

TEST_CASE("review --registry gives the file review's results for the same records", "[registry][review]") {
  Fixture f(GENERATE(from_range(test::registry_backends())));
  Inputs inputs;
  inputs.add(read_text(kExamples), "engagements.jsonl");
  REQUIRE(f.service->import_records(inputs.sources, {false, false, "t"}));

  struct Collect : ReportSink {
    std::map<std::string, json> results;
    void begin(Date) override {}
    void add_result(const ReviewResult& r) override {
      json j;
      to_json(j, r);
      j.erase("record");
      results[r.ref] = j;
    }
    void add_error(const RecordError&) override { FAIL("unexpected error"); }
    void finish(const ReviewSummary&) override {}
  } stored, from_file;
  const Date as_of = Date::from_ymd(2026, 4, 1);
  auto summary = f.service->review_registry({}, stored, as_of);
  REQUIRE(summary);
  CHECK(summary->reviewed == 25);
  Inputs file;
  file.add(read_text(kExamples), "engagements.jsonl");
  review_service().review_all(file.sources, from_file, as_of);
  CHECK(stored.results == from_file.results);
  auto contractors = f.service->review_registry({std::string("contractor"), std::nullopt}, stored, as_of);
  REQUIRE(contractors);
  CHECK(contractors->reviewed == 11);
}

TEST_CASE("audit verify finds the first entry changed or deleted behind Itaku's back", "[registry][audit]") {
  Fixture f(GENERATE(from_range(test::registry_backends())));
  Inputs inputs;
  inputs.add(read_text(kExamples), "engagements.jsonl");
  REQUIRE(f.service->import_records(inputs.sources, {false, false, "t"}));
  auto intact = f.service->verify_audit();
  REQUIRE(intact);
  CHECK(intact->entries == 25);
  CHECK_FALSE(intact->first_bad_entry);

  REQUIRE(f.database.tamper("UPDATE audit_log SET actor = 'mallory' WHERE id = 7") == 0);
  auto changed = f.service->verify_audit();
  REQUIRE(changed);
  REQUIRE(changed->first_bad_entry);
  CHECK(*changed->first_bad_entry == 7);
  CHECK(changed->problem.find("changed") != std::string::npos);

  REQUIRE(f.database.tamper("UPDATE audit_log SET actor = 't' WHERE id = 7") == 0);
  REQUIRE(f.database.tamper("DELETE FROM audit_log WHERE id = 12") == 0);
  auto deleted = f.service->verify_audit();
  REQUIRE(deleted);
  REQUIRE(deleted->first_bad_entry);
  CHECK(*deleted->first_bad_entry == 13);
  CHECK(deleted->problem.find("deleted") != std::string::npos);
}

namespace {

// The examples repeated `copies` times under new refs (so vendors and persons are shared across
// many records), one line each.
std::string many_records(std::size_t copies, const std::string& title_suffix = "") {
  std::string text;
  std::istringstream lines(read_text(kExamples));
  std::vector<json> examples;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) examples.push_back(json::parse(line));
  }
  for (std::size_t copy = 0; copy < copies; ++copy) {
    for (json record : examples) {
      record["ref"] = record["ref"].get<std::string>() + "-" + std::to_string(copy);
      if (copy % 7 == 3) record["title"] = record["title"].get<std::string>() + title_suffix;
      text += record.dump() + "\n";
    }
  }
  return text;
}

}  // namespace

TEST_CASE("import: many batches, with updates, store the same on every backend and thread count",
          "[registry][import][batch][concurrency]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  const unsigned jobs = GENERATE(1u, 2u);
  INFO(backend << " with " << jobs << " job(s)");
  Fixture f(backend);
  Inputs first;
  first.add(many_records(24), "many.jsonl");  // 600 records: three batches
  auto created = f.service->import_records(first.sources, {false, false, "上野", jobs});
  REQUIRE(created);
  CHECK(created->created == 600);
  REQUIRE(created->changes.size() == 600);
  CHECK(created->changes[0].ref == "EX-001-0");  // reported in input order
  CHECK(created->changes[599].outcome == UpsertOutcome::kCreated);

  Inputs second;
  second.add(many_records(24, "（変更）"), "many.jsonl");
  auto updated = f.service->import_records(second.sources, {false, false, "佐藤", jobs});
  REQUIRE(updated);
  CHECK(updated->updated == 3 * 25);  // copies 3, 10 and 17
  CHECK(updated->unchanged == 600 - 3 * 25);
  CHECK(audit_count(*f.service) == 600 + 3 * 25);
  auto verification = f.service->verify_audit();
  REQUIRE(verification);
  CHECK(verification->entries == 600 + 3 * 25);
  CHECK_FALSE(verification->first_bad_entry);

  // The same state as SQLite one record at a time (jobs 1) reaches.
  Fixture reference("sqlite");
  Inputs reference_first;
  reference_first.add(many_records(24), "many.jsonl");
  REQUIRE(reference.service->import_records(reference_first.sources, {false, false, "上野", 1}));
  Inputs reference_second;
  reference_second.add(many_records(24, "（変更）"), "many.jsonl");
  REQUIRE(reference.service->import_records(reference_second.sources, {false, false, "佐藤", 1}));
  CHECK(export_jsonl(*f.service) == export_jsonl(*reference.service));
}

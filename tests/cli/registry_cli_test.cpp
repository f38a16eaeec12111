// The registry commands end to end: the real `itaku` binary on real SQLite files (and on
// PostgreSQL when ITAKU_TEST_PG_URL is set) — import/export round trips, review --registry, the
// audit trail and tampering with it, where the database lives, two writers at once, and a kill
// in the middle of an import.
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/run_itaku.hpp"
#include "cli/sqlite_write_lock.hpp"
#include "registry/test_databases.hpp"

namespace fs = std::filesystem;
using itaku::test::BackgroundProcess;
using itaku::test::itaku_command_line;
using itaku::test::ProcessResult;
using itaku::test::read_file;
using itaku::test::registry_backends;
using itaku::test::run_command_line;
using itaku::test::run_itaku;
using itaku::test::ScratchDir;
using itaku::test::shell_quote;
using itaku::test::TestDatabase;
using itaku::test::wait_until;
using itaku::test::write_file;
using nlohmann::json;

namespace {

std::string example(const std::string& name) { return (fs::path(ITAKU_SOURCE_DIR) / "examples" / name).string(); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// "" when `actual` equals `expected`; else where they first differ, with a little of each side
// (an export is too long to print whole in a failure).
std::string first_difference(const std::string& actual, const std::string& expected) {
  if (actual == expected) return "";
  std::size_t at = 0;
  while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
  const std::size_t from = at < 40 ? 0 : at - 40;
  return "sizes " + std::to_string(actual.size()) + " and " + std::to_string(expected.size()) +
         ", first difference at byte " + std::to_string(at) + ":\n  got:      " + actual.substr(from, 120) +
         "\n  expected: " + expected.substr(from, 120);
}

std::vector<json> parse_lines(const std::string& text) {
  std::vector<json> values;
  for (const auto& line : lines_of(text)) values.push_back(json::parse(line));
  return values;
}

std::vector<json> example_records() { return parse_lines(read_file(example("engagements.jsonl"))); }

std::string as_jsonl(const std::vector<json>& records) {
  std::string text;
  for (const auto& record : records) text += record.dump() + "\n";
  return text;
}

// `count` records made from the example register, each under a new ref PREFIX-000000, ...: the
// volume comes from the tests, not from fixture files.
std::string generated_records(const std::string& prefix, std::size_t count) {
  const std::vector<json> examples = example_records();
  std::string text;
  char number[24];  // room for any std::size_t, so -Wformat-truncation has nothing to say at -O0
  for (std::size_t i = 0; i < count; ++i) {
    json record = examples[i % examples.size()];
    std::snprintf(number, sizeof number, "%06zu", i);
    record["ref"] = prefix + "-" + number;
    text += record.dump() + "\n";
  }
  return text;
}

std::string os_user_name() {
  const passwd* entry = ::getpwuid(::geteuid());
  REQUIRE(entry != nullptr);
  return entry->pw_name;
}

// itaku `args` on `database` (--db appended, so it also follows a subcommand such as `audit log`).
ProcessResult itaku_on(const TestDatabase& database, std::vector<std::string> args) {
  args.push_back("--db");
  args.push_back(database.location());
  return run_itaku(args);
}

std::string export_of(const TestDatabase& database, const std::string& format = "jsonl",
                      const std::vector<std::string>& filters = {}) {
  std::vector<std::string> args = {"export", "--format", format};
  args.insert(args.end(), filters.begin(), filters.end());
  const ProcessResult run = itaku_on(database, args);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  return run.out;
}

ProcessResult import_file(const TestDatabase& database, const std::string& file,
                          const std::vector<std::string>& options = {}) {
  std::vector<std::string> args = {"import", file};
  args.insert(args.end(), options.begin(), options.end());
  return itaku_on(database, args);
}

void require_import(const TestDatabase& database, const std::string& file,
                    const std::vector<std::string>& options = {}) {
  const ProcessResult run = import_file(database, file, options);
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
}

std::vector<json> audit_entries(const TestDatabase& database, const std::string& ref = "") {
  std::vector<std::string> args = {"audit", "log"};
  if (!ref.empty()) args.push_back(ref);
  args.insert(args.end(), {"--format", "jsonl"});
  const ProcessResult run = itaku_on(database, args);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  return parse_lines(run.out);
}

// One SQL statement through the database's own shell (sqlite3 or psql), behind Itaku's back;
// the output without its final newline.
std::string query(const TestDatabase& database, const std::string& sql) {
  const std::string command = database.backend() == "sqlite"
                                  ? "sqlite3 -batch " + shell_quote(database.location()) + " " + shell_quote(sql)
                                  : "psql -X -q -A -t " + shell_quote(database.location()) + " -c " + shell_quote(sql);
  const ProcessResult run = run_command_line(command);
  INFO(sql << "\n" << run.err);
  REQUIRE(run.exit_code == 0);
  std::string out = run.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// The stored bytes of a text column, as upper-case hex, so that nothing is lost in printing.
std::string stored_hex(const TestDatabase& database, const std::string& column, const std::string& from_where) {
  const std::string expression = database.backend() == "sqlite"
                                     ? "hex(" + column + ")"
                                     : "upper(encode(convert_to(" + column + ", 'UTF8'), 'hex'))";
  return query(database, "SELECT " + expression + " FROM " + from_where);
}

std::string hex_of(const std::string& text) {
  static const char* digits = "0123456789ABCDEF";
  std::string hex;
  for (unsigned char c : text) {
    hex += digits[c >> 4];
    hex += digits[c & 0xf];
  }
  return hex;
}

std::size_t engagement_count(const TestDatabase& database) {
  return static_cast<std::size_t>(std::stoul(query(database, "SELECT COUNT(*) FROM engagements")));
}

void require_sqlite_intact(const TestDatabase& database) {
  if (database.backend() == "sqlite") REQUIRE(query(database, "PRAGMA integrity_check") == "ok");
}

void require_audit_intact(const TestDatabase& database, std::size_t entries) {
  const ProcessResult verify = itaku_on(database, {"audit", "verify"});
  INFO(verify.out << verify.err);
  REQUIRE(verify.exit_code == 0);
  CHECK(contains(verify.out, "intact: " + std::to_string(entries) + " entries"));
}

// A review report's results without the `record` number (a file position, or a registry position).
std::vector<json> results_without_record(const json& report) {
  std::vector<json> results;
  for (json result : report.at("results")) {
    result.erase("record");
    results.push_back(std::move(result));
  }
  return results;
}

std::vector<json> sorted_by_ref(std::vector<json> results) {
  std::sort(results.begin(), results.end(), [](const json& a, const json& b) {
    return a.at("ref").get<std::string>() < b.at("ref").get<std::string>();
  });
  return results;
}

template <typename Keep>
std::vector<json> only(const std::vector<json>& values, Keep keep) {
  std::vector<json> kept;
  std::copy_if(values.begin(), values.end(), std::back_inserter(kept), keep);
  return kept;
}

std::vector<std::string> refs_of(const std::vector<json>& records) {
  std::vector<std::string> refs;
  for (const auto& record : records) refs.push_back(record.at("ref").get<std::string>());
  return refs;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// import and export

TEST_CASE("registry cli: import then export round-trips the examples byte for byte", "[cli][registry]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  const std::string input = GENERATE(as<std::string>{}, "engagements.jsonl", "engagements.csv");
  INFO(backend << " " << input);
  // One record a line in both example files (the CSV has a header line first).
  const std::size_t input_records = lines_of(read_file(example(input))).size() - (input == "engagements.csv" ? 1 : 0);
  ScratchDir dir("roundtrip");

  TestDatabase first(backend);
  const ProcessResult imported = import_file(first, example(input));
  INFO(imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(contains(imported.out,
                 std::to_string(input_records) + " records, " + std::to_string(input_records) + " created"));
  const std::string jsonl = export_of(first, "jsonl");
  const std::string csv = export_of(first, "csv");
  CHECK(lines_of(jsonl).size() == input_records);
  write_file(dir / "export.jsonl", jsonl);
  write_file(dir / "export.csv", csv);

  // Each export imports into an empty database that exports exactly the same, in both formats.
  for (const std::string exported_file : {"export.jsonl", "export.csv"}) {
    INFO("re-imported " << exported_file);
    TestDatabase second(backend);
    require_import(second, (dir / exported_file).string());
    CHECK(first_difference(export_of(second, "jsonl"), jsonl) == "");
    CHECK(first_difference(export_of(second, "csv"), csv) == "");
  }

  // Importing the same input again changes nothing, not even the audit trail.
  const std::size_t audit_before = audit_entries(first).size();
  const ProcessResult again = import_file(first, example(input));
  REQUIRE(again.exit_code == 0);
  CHECK(contains(again.out, "0 created, 0 updated, " + std::to_string(input_records) + " unchanged"));
  CHECK(first_difference(export_of(first, "jsonl"), jsonl) == "");
  CHECK(audit_entries(first).size() == audit_before);
}

TEST_CASE("registry cli: export --kind and --department select only what they name", "[cli][registry]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  TestDatabase database(backend);
  require_import(database, example("engagements.jsonl"));
  const std::vector<json> examples = example_records();

  for (const std::string kind : {"contractor", "cloud", "social_media"}) {
    INFO(kind);
    const auto expected = only(examples, [&](const json& r) { return r.at("kind") == kind; });
    REQUIRE_FALSE(expected.empty());
    const auto exported = parse_lines(export_of(database, "jsonl", {"--kind", kind}));
    CHECK(refs_of(exported) == sorted(refs_of(expected)));
    // The CSV export filters the same way (one header line, then one line per record).
    CHECK(lines_of(export_of(database, "csv", {"--kind", kind})).size() == expected.size() + 1);
  }

  std::map<std::string, std::size_t> by_department;
  for (const auto& record : examples) ++by_department[record.at("department").get<std::string>()];
  for (const auto& [department, count] : by_department) {
    INFO(department);
    const auto exported = parse_lines(export_of(database, "jsonl", {"--department", department}));
    CHECK(exported.size() == count);
    for (const auto& record : exported) CHECK(record.at("department") == department);
  }

  const std::string department = examples.front().at("department");
  const std::string kind = examples.front().at("kind");
  const auto both =
      only(examples, [&](const json& r) { return r.at("department") == department && r.at("kind") == kind; });
  CHECK(refs_of(parse_lines(export_of(database, "jsonl", {"--kind", kind, "--department", department}))) ==
        sorted(refs_of(both)));
  CHECK(export_of(database, "jsonl", {"--department", "存在しない課"}).empty());
}

TEST_CASE("registry cli: an invalid record makes import write nothing (exit 2) unless --skip-invalid",
          "[cli][registry][exit]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  ScratchDir dir("invalid");
  std::vector<json> records = example_records();
  json bad_level = records.front();
  bad_level["ref"] = "BAD-LEVEL";
  bad_level["information"]["confidentiality"] = 9;
  json no_title = records.back();
  no_title["ref"] = "BAD-TITLE";
  no_title.erase("title");
  records.insert(records.begin() + 3, bad_level);
  records.push_back(no_title);
  write_file(dir / "mixed.jsonl", as_jsonl(records));
  const std::size_t valid = records.size() - 2;

  TestDatabase database(backend);
  const ProcessResult refused = import_file(database, (dir / "mixed.jsonl").string());
  INFO(refused.out << refused.err);
  CHECK(refused.exit_code == 2);
  CHECK(contains(refused.out, "BAD-LEVEL: /information/confidentiality"));
  CHECK(contains(refused.out, "BAD-TITLE"));
  CHECK(contains(refused.out, "nothing written"));
  // What would have happened, counted past the first invalid record (BAD-LEVEL is the 4th).
  CHECK(contains(refused.out, std::to_string(records.size()) + " records, 2 invalid; the valid ones would have been " +
                                  std::to_string(valid) + " created, 0 updated, 0 unchanged"));
  CHECK(engagement_count(database) == 0);
  CHECK(export_of(database).empty());
  CHECK(audit_entries(database).empty());

  const ProcessResult as_json = import_file(database, (dir / "mixed.jsonl").string(), {"--format", "json"});
  CHECK(as_json.exit_code == 2);
  const json report = json::parse(as_json.out);
  CHECK(report.at("written") == false);
  CHECK(report.at("records") == records.size());
  CHECK(report.at("invalid") == 2);
  CHECK(report.at("created") == valid);
  CHECK(report.at("changes").size() == valid);
  std::set<std::string> refs_in_errors;
  for (const auto& error : report.at("errors")) refs_in_errors.insert(error.at("ref").get<std::string>());
  CHECK(refs_in_errors == std::set<std::string>{"BAD-LEVEL", "BAD-TITLE"});
  CHECK(engagement_count(database) == 0);

  // A dry run counts the same past the invalid records, with or without --skip-invalid.
  for (const std::vector<std::string>& flags : {std::vector<std::string>{"--dry-run"}, {"--dry-run", "--skip-invalid"}}) {
    std::vector<std::string> args = flags;
    args.insert(args.end(), {"--format", "json"});
    const json dry = json::parse(import_file(database, (dir / "mixed.jsonl").string(), args).out);
    CHECK(dry.at("written") == false);
    CHECK(dry.at("created") == valid);
    CHECK(dry.at("invalid") == 2);
  }
  CHECK(engagement_count(database) == 0);

  const ProcessResult skipped = import_file(database, (dir / "mixed.jsonl").string(), {"--skip-invalid"});
  INFO(skipped.out << skipped.err);
  CHECK(skipped.exit_code == 2);  // still bad input, as review reports it
  CHECK(contains(skipped.out, std::to_string(valid) + " created"));
  CHECK(refs_of(parse_lines(export_of(database))) == sorted(refs_of(example_records())));
  require_audit_intact(database, valid);
}

TEST_CASE("registry cli: import --dry-run lists what would change and writes nothing", "[cli][registry]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  ScratchDir dir("dryrun");
  TestDatabase database(backend);
  require_import(database, example("engagements.jsonl"));
  const std::string export_before = export_of(database);
  const std::vector<json> audit_before = audit_entries(database);

  std::vector<json> examples = example_records();
  json changed = examples[0];
  changed["title"] = changed["title"].get<std::string>() + "（変更）";
  json created = examples[1];
  created["ref"] = "DRY-NEW-1";
  const json unchanged = examples[2];
  write_file(dir / "changes.jsonl", as_jsonl({changed, created, unchanged}));
  const std::string changed_ref = changed.at("ref");
  const std::string unchanged_ref = unchanged.at("ref");

  const ProcessResult dry = import_file(database, (dir / "changes.jsonl").string(), {"--dry-run"});
  INFO(dry.out << dry.err);
  CHECK(dry.exit_code == 0);
  CHECK(contains(dry.out, "would update " + changed_ref + "\n"));
  CHECK(contains(dry.out, "would create DRY-NEW-1\n"));
  CHECK_FALSE(contains(dry.out, unchanged_ref + "\n"));
  CHECK(contains(dry.out, "(dry run)"));
  CHECK(first_difference(export_of(database), export_before) == "");
  CHECK(first_difference(as_jsonl(audit_entries(database)), as_jsonl(audit_before)) == "");

  const ProcessResult dry_json =
      import_file(database, (dir / "changes.jsonl").string(), {"--dry-run", "--format", "json"});
  CHECK(dry_json.exit_code == 0);
  const json report = json::parse(dry_json.out);
  CHECK(report.at("written") == false);
  CHECK(report.at("changes") == json::parse(R"([{"ref": ")" + changed_ref +
                                            R"(", "action": "update"}, {"ref": "DRY-NEW-1", "action": "create"}])"));
  CHECK(first_difference(export_of(database), export_before) == "");

  const ProcessResult real = import_file(database, (dir / "changes.jsonl").string(), {"--format", "json"});
  CHECK(real.exit_code == 0);
  const json written = json::parse(real.out);
  CHECK(written.at("written") == true);
  CHECK(written.at("created") == 1);
  CHECK(written.at("updated") == 1);
  CHECK(written.at("unchanged") == 1);
  CHECK(written.at("errors").empty());
  const auto after = parse_lines(export_of(database));
  CHECK(after.size() == examples.size() + 1);
  for (const auto& record : after) {
    if (record.at("ref") == changed_ref) CHECK(record.at("title") == changed.at("title"));
  }
}

namespace {

// Everything that breaks naive SQL or CSV handling, in one string: quotes of both kinds, a
// statement terminator and comment, SQL keywords, LIKE wildcards, a backslash, Japanese, LF, CRLF,
// a tab and a trailing space.
const std::string kHostileText =
    "O'Brien \"引用\"; DROP TABLE engagements;-- SELECT * FROM audit_log WHERE ''='' OR 1=1; COMMIT;\n"
    "二行目 \\ % _ 'x' || 'y'\r\n三行目\t ";

std::string hostile(const std::string& field) { return field + ": " + kHostileText; }

// One record of each kind with the hostile text in every free-text field the schemas allow; the
// e-mail address and the URL cannot hold whitespace, so they get everything else.
std::vector<json> hostile_records() {
  json contractor = {
      {"ref", "EVIL-C-1"},
      {"kind", "contractor"},
      {"title", hostile("件名")},
      {"department", hostile("所管課 C")},
      {"responsible_person",
       {{"name", hostile("氏名")}, {"department", hostile("所属")}, {"email", "o'brien;\"DROP\"--TABLE@例え.jp"}}},
      {"vendor",
       {{"name", hostile("事業者")},
        {"country", "JP"},
        {"certifications", {{{"scheme", "PMARK"}, {"number", hostile("認証番号")}, {"valid_until", "2027-01-31"}}}}}},
      {"information", {{"confidentiality", 2}, {"integrity", 1}, {"availability", 1}, {"personal_data", true}}},
      {"network_zone", "lgwan"},
      {"period", {{"start", "2025-04-01"}, {"end", "2027-03-31"}}},
      {"clauses", {"OUT-02", "OUT-03"}},
      {"clause_evidence", {{{"clause", "OUT-02"}, {"note", hostile("根拠")}}}},
      {"verifications",
       {{{"date", "2025-06-01"},
         {"result", "conditional"},
         {"verifier", hostile("確認者1")},
         {"notes", hostile("備考1")}},
        {{"date", "2025-12-01"}, {"result", "pass"}, {"verifier", hostile("確認者2")}, {"notes", hostile("備考2")}}}}};
  json cloud = {{"ref", "EVIL-L-1"},
                {"kind", "cloud"},
                {"title", hostile("クラウド")},
                {"department", hostile("所管課 L")},
                {"vendor", {{"name", hostile("クラウド事業者")}}},
                {"information", {{"confidentiality", 2}, {"integrity", 1}, {"availability", 1}}},
                {"period", {{"start", "2025-04-01"}}},
                {"cloud",
                 {{"service_name", hostile("サービス")},
                  {"terms_based", true},
                  {"service_manager", {{"name", hostile("管理者")}, {"department", hostile("管理課")}}}}}};
  json social_media = {{"ref", "EVIL-S-1"},
                       {"kind", "social_media"},
                       {"title", hostile("SNS")},
                       {"department", hostile("所管課 S")},
                       {"status", "terminated"},
                       {"termination", {{"return_confirmed_on", "2026-01-10"}, {"note", hostile("終了")}}},
                       {"information", {{"confidentiality", 1}, {"integrity", 1}, {"availability", 1}}},
                       {"period", {{"start", "2025-04-01"}, {"end", "2025-12-31"}}},
                       {"social_media",
                        {{"platform", "other"},
                         {"account", hostile("アカウント")},
                         {"url", "https://example.jp/o'brien;\"DROP\"--TABLE/日本語?q=1;DELETE"},
                         {"platform_user_id", hostile("ID")},
                         {"credential_custodian", {{"name", hostile("保管者")}, {"department", hostile("保管課")}}}}}};
  return {contractor, cloud, social_media};
}

// Every string of `original` is found unchanged at the same place in `exported`.
void check_strings_verbatim(const json& original, const json& exported) {
  const json flat = original.flatten();
  for (const auto& [pointer, value] : flat.items()) {
    if (!value.is_string()) continue;
    INFO(original.at("ref") << " " << pointer);
    const json::json_pointer at(pointer);
    REQUIRE(exported.contains(at));
    CHECK(exported.at(at) == value);
  }
}

}  // namespace

TEST_CASE("registry cli: quotes, semicolons, SQL keywords, Japanese and newlines are stored and exported verbatim",
          "[cli][registry]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  ScratchDir dir("hostile");
  const std::vector<json> records = hostile_records();
  write_file(dir / "hostile.jsonl", as_jsonl(records));

  TestDatabase database(backend);
  require_import(database, (dir / "hostile.jsonl").string());
  REQUIRE(engagement_count(database) == 3);  // no statement was cut short or injected

  const std::string jsonl = export_of(database);
  const std::vector<json> exported = parse_lines(jsonl);
  REQUIRE(exported.size() == records.size());
  for (std::size_t i = 0; i < records.size(); ++i) check_strings_verbatim(records[i], exported[i]);

  // Stored as the very bytes given, not escaped or normalised on the way in.
  CHECK(stored_hex(database, "title", "engagements WHERE ref = 'EVIL-C-1'") == hex_of(hostile("件名")));
  CHECK(stored_hex(database, "name", "vendors WHERE country = 'JP'") == hex_of(hostile("事業者")));
  CHECK(stored_hex(database, "notes", "verifications WHERE verified_on = '2025-12-01'") == hex_of(hostile("備考2")));

  // Filtering by such a department is a bound value too.
  CHECK(refs_of(parse_lines(export_of(database, "jsonl", {"--department", hostile("所管課 S")}))) ==
        std::vector<std::string>{"EVIL-S-1"});

  // Through CSV (quoted fields with line breaks inside) into another database: the same records.
  write_file(dir / "hostile.csv", export_of(database, "csv"));
  TestDatabase via_csv(backend);
  require_import(via_csv, (dir / "hostile.csv").string());
  CHECK(first_difference(export_of(via_csv), jsonl) == "");

  // The stored text compares equal to the incoming text: a second import changes nothing.
  const ProcessResult again = import_file(database, (dir / "hostile.jsonl").string());
  CHECK(again.exit_code == 0);
  CHECK(contains(again.out, "0 created, 0 updated, 3 unchanged"));
  require_audit_intact(database, 3);
}

TEST_CASE("registry cli: a NUL character in a text field is refused or kept, never silently cut", "[cli][registry]") {
  // PostgreSQL text cannot hold U+0000; SQLite can. JSON allows it (\u0000), so the record
  // format must either refuse it as invalid or store it whole on both backends.
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  ScratchDir dir("nul");
  json record = example_records().front();
  record["ref"] = "NUL-1";
  record["title"] = std::string("前半\0後半", std::string("前半").size() + 1 + std::string("後半").size());
  write_file(dir / "nul.jsonl", record.dump() + "\n");

  TestDatabase database(backend);
  const ProcessResult run = import_file(database, (dir / "nul.jsonl").string());
  INFO(run.out << run.err);
  if (run.exit_code == 2) {
    CHECK(engagement_count(database) == 0);  // refused as bad input: nothing stored
  } else {
    REQUIRE(run.exit_code == 0);
    const auto exported = parse_lines(export_of(database));
    REQUIRE(exported.size() == 1);
    CHECK(exported.front().at("title") == record.at("title"));
  }
}

// ---------------------------------------------------------------------------------------------
// review --registry

TEST_CASE("registry cli: review --registry gives the file review's results, in ref order", "[cli][registry][review]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  TestDatabase database(backend);
  require_import(database, example("engagements.jsonl"));
  const std::string as_of = "2026-04-01";

  const ProcessResult file_run =
      run_itaku({"review", example("engagements.jsonl"), "--as-of", as_of, "--format", "json"});
  const ProcessResult registry_run = itaku_on(database, {"review", "--registry", "--as-of", as_of, "--format", "json"});
  INFO(registry_run.err);
  CHECK(registry_run.exit_code == file_run.exit_code);
  CHECK(registry_run.exit_code == 1);  // the examples hold rejects
  const json file_report = json::parse(file_run.out);
  const json registry_report = json::parse(registry_run.out);
  CHECK(registry_report.at("as_of") == as_of);
  CHECK(registry_report.at("summary") == file_report.at("summary"));
  CHECK(registry_report.at("errors").empty());
  const std::vector<json> file_results = sorted_by_ref(results_without_record(file_report));
  const std::vector<json> registry_results = results_without_record(registry_report);
  REQUIRE(registry_results.size() == file_results.size());
  for (std::size_t i = 0; i < file_results.size(); ++i) {
    INFO(file_results[i].at("ref"));
    CHECK(registry_results[i] == file_results[i]);
  }

  SECTION("--kind and --department review only the matching engagements") {
    for (const std::string kind : {"contractor", "cloud", "social_media"}) {
      INFO(kind);
      const ProcessResult run = itaku_on(database, {"review", "--registry", "--kind", kind, "--as-of", as_of});
      const json report = json::parse(run.out);
      const auto expected = only(file_results, [&](const json& r) { return r.at("kind") == kind; });
      CHECK(results_without_record(report) == expected);
      CHECK(report.at("summary").at("reviewed") == expected.size());
    }
    const std::string department = file_results.front().at("department");
    const ProcessResult run =
        itaku_on(database, {"review", "--registry", "--department", department, "--as-of", as_of});
    const auto expected = only(file_results, [&](const json& r) { return r.at("department") == department; });
    CHECK(results_without_record(json::parse(run.out)) == expected);
  }

  SECTION("exit codes follow --fail-on as for files") {
    CHECK(itaku_on(database, {"review", "--registry", "--as-of", as_of, "--fail-on", "never"}).exit_code == 0);
    CHECK(itaku_on(database, {"review", "--registry", "--as-of", as_of, "--fail-on", "conditional"}).exit_code == 1);

    // Only the approved ones stored: exit 0, the same as reviewing them from a file.
    ScratchDir dir("approved");
    std::set<std::string> approved;
    for (const auto& result : file_results) {
      if (result.at("decision") == "approve") approved.insert(result.at("ref").get<std::string>());
    }
    REQUIRE_FALSE(approved.empty());
    write_file(dir / "approved.jsonl",
               as_jsonl(only(example_records(), [&](const json& r) { return approved.count(r.at("ref")) > 0; })));
    TestDatabase approved_only(backend);
    require_import(approved_only, (dir / "approved.jsonl").string());
    CHECK(run_itaku({"review", (dir / "approved.jsonl").string(), "--as-of", as_of}).exit_code == 0);
    CHECK(itaku_on(approved_only, {"review", "--registry", "--as-of", as_of}).exit_code == 0);
    CHECK(itaku_on(approved_only, {"review", "--registry", "--as-of", as_of, "--fail-on", "conditional"}).exit_code ==
          0);

    TestDatabase empty(backend);
    REQUIRE(itaku_on(empty, {"init"}).exit_code == 0);
    const ProcessResult nothing = itaku_on(empty, {"review", "--registry", "--as-of", as_of});
    CHECK(nothing.exit_code == 0);
    CHECK(json::parse(nothing.out).at("summary").at("records") == 0);
  }

  SECTION("the other report formats work on the registry too") {
    const ProcessResult jsonl = itaku_on(database, {"review", "--registry", "--as-of", as_of, "--format", "jsonl"});
    CHECK(jsonl.exit_code == 1);
    const auto lines = parse_lines(jsonl.out);
    REQUIRE(lines.size() == file_results.size() + 1);  // one per result, then the summary
    CHECK(lines.back().at("summary") == file_report.at("summary"));
    for (const std::string format : {"csv", "md", "html"}) {
      const ProcessResult run = itaku_on(database, {"review", "--registry", "--as-of", as_of, "--format", format});
      CHECK(run.exit_code == 1);
      CHECK(contains(run.out, file_results.front().at("ref").get<std::string>()));
    }
  }

  SECTION("bad options are exit 2, as for files") {
    const ProcessResult both =
        itaku_on(database, {"review", example("engagements.jsonl"), "--registry", "--as-of", as_of});
    CHECK(both.exit_code == 2);
    CHECK(contains(both.err, "not both"));
    CHECK(run_itaku({"review", "--as-of", as_of}).exit_code == 2);  // neither files nor --registry
    CHECK(itaku_on(database, {"review", "--registry", "--as-of", "2026-02-30"}).exit_code == 2);
  }
}

// ---------------------------------------------------------------------------------------------
// audit trail

TEST_CASE("registry cli: audit log shows every change with its actor, and audit verify passes",
          "[cli][registry][audit]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  ScratchDir dir("audit");
  TestDatabase database(backend);
  const std::string office_actor = "監査 太郎 (O'Brien; DROP)";
  require_import(database, example("engagements.jsonl"), {"--actor", office_actor});
  const std::vector<json> examples = example_records();

  json changed = examples.front();
  const std::string ref = changed.at("ref");
  const std::string old_title = changed.at("title");
  changed["title"] = old_title + "（第2版）";
  write_file(dir / "changed.jsonl", changed.dump() + "\n");
  require_import(database, (dir / "changed.jsonl").string());  // no --actor: the OS user

  const std::vector<json> entries = audit_entries(database);
  REQUIRE(entries.size() == examples.size() + 1);
  for (std::size_t i = 0; i < examples.size(); ++i) {
    CHECK(entries[i].at("actor") == office_actor);
    CHECK(entries[i].at("action") == "import.create");
    CHECK(entries[i].at("entity") == "engagement");
    CHECK(entries[i].at("before").is_null());
  }
  std::set<std::string> created_keys;
  for (std::size_t i = 0; i < examples.size(); ++i) created_keys.insert(entries[i].at("key").get<std::string>());
  CHECK(created_keys.size() == examples.size());
  const json& update = entries.back();
  CHECK(update.at("actor") == os_user_name());
  CHECK(update.at("action") == "import.update");
  CHECK(update.at("key") == ref);
  CHECK(update.at("before").at("title") == old_title);
  CHECK(update.at("after").at("title") == changed.at("title"));

  // Of one engagement: its creation and its update, oldest first, in both formats.
  const std::vector<json> of_ref = audit_entries(database, ref);
  REQUIRE(of_ref.size() == 2);
  CHECK(of_ref[0].at("action") == "import.create");
  CHECK(of_ref[1].at("action") == "import.update");
  const ProcessResult text = itaku_on(database, {"audit", "log", ref});
  CHECK(text.exit_code == 0);
  const auto text_lines = lines_of(text.out);
  REQUIRE(text_lines.size() == 2);
  CHECK(contains(text_lines[0], office_actor));
  CHECK(contains(text_lines[1], os_user_name()));
  for (const auto& line : text_lines) CHECK(contains(line, ref));
  CHECK(audit_entries(database, "NO-SUCH-REF").empty());

  require_audit_intact(database, examples.size() + 1);
}

TEST_CASE("registry cli: audit verify names the first entry changed or deleted behind Itaku's back",
          "[cli][registry][audit]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  TestDatabase database(backend);
  require_import(database, example("engagements.jsonl"));
  const std::vector<json> entries = audit_entries(database);
  REQUIRE(entries.size() >= 5);
  const std::string third = std::to_string(entries[2].at("id").get<long long>());
  const std::string fourth = std::to_string(entries[3].at("id").get<long long>());
  require_audit_intact(database, entries.size());

  std::string expected_entry;
  SECTION("the actor of one entry changed") {
    REQUIRE(database.tamper("UPDATE audit_log SET actor = 'mallory' WHERE id = " + third) == 0);
    expected_entry = third;
  }
  SECTION("the recorded state of one entry changed") {
    REQUIRE(database.tamper("UPDATE audit_log SET after_json = replace(after_json, '\"confidentiality\":', "
                            "'\"confidentiality\": ') WHERE id = " +
                            third) == 0);
    expected_entry = third;
  }
  SECTION("the time of one entry changed") {
    REQUIRE(database.tamper("UPDATE audit_log SET at = '2000-01-01T00:00:00Z' WHERE id = " + third) == 0);
    expected_entry = third;
  }
  SECTION("one entry deleted: the next one no longer links") {
    REQUIRE(database.tamper("DELETE FROM audit_log WHERE id = " + third) == 0);
    expected_entry = fourth;
  }
  const ProcessResult verify = itaku_on(database, {"audit", "verify"});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 1);
  CHECK(contains(verify.out, "entry " + expected_entry + ":"));
}

TEST_CASE("registry cli: audit verify notices the newest entry deleted", "[cli][registry][audit]") {
  // Deleting the last entry hides the last change: a hash chain alone cannot see a cut tail, so
  // the trail needs an anchor outside it (the stored state of each engagement, or a counter).
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  ScratchDir dir("tail");
  TestDatabase database(backend);
  require_import(database, example("engagements.jsonl"));
  json changed = example_records().front();
  changed["title"] = "こっそり変えた件名";
  write_file(dir / "changed.jsonl", changed.dump() + "\n");
  require_import(database, (dir / "changed.jsonl").string());
  const std::vector<json> entries = audit_entries(database);
  const std::string newest = std::to_string(entries.back().at("id").get<long long>());

  REQUIRE(database.tamper("DELETE FROM audit_log WHERE id = " + newest) == 0);
  const ProcessResult verify = itaku_on(database, {"audit", "verify"});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 1);
  CHECK(contains(verify.out, "entry " + newest + ":"));
}

TEST_CASE("registry cli: audit head prints an anchor that audit verify --head checks, and a SQL edit is named",
          "[cli][registry][audit]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  TestDatabase database(backend);
  require_import(database, example("engagements.jsonl"));
  const ProcessResult head = itaku_on(database, {"audit", "head"});
  REQUIRE(head.exit_code == 0);
  const std::string anchor = head.out.substr(0, head.out.find('\n'));
  CHECK(head.out == anchor + "\n");  // only the anchor on stdout: --head "$(itaku audit head)" works
  CHECK(anchor.rfind("25:", 0) == 0);
  CHECK(itaku_on(database, {"audit", "verify", "--head", ""}).exit_code == 2);
  const json as_json = json::parse(itaku_on(database, {"audit", "head", "--format", "json"}).out);
  CHECK(as_json["anchor"] == anchor);
  CHECK(itaku_on(database, {"audit", "verify", "--head", anchor}).exit_code == 0);
  const ProcessResult typo = itaku_on(database, {"audit", "verify", "--head", anchor.substr(0, anchor.size() - 1)});
  CHECK(typo.exit_code == 2);
  CHECK(contains(typo.err, "--head"));

  REQUIRE(database.tamper("UPDATE engagements SET confidentiality = 1 WHERE ref = 'EX-001'") == 0);
  const ProcessResult verify = itaku_on(database, {"audit", "verify"});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 1);
  CHECK(contains(verify.out, "EX-001: /information/confidentiality is 1, the trail says 2"));
}

// ---------------------------------------------------------------------------------------------
// where the database lives, and when it cannot be used

TEST_CASE("registry cli: the database is --db, else ITAKU_DB, else under XDG_DATA_HOME", "[cli][registry][location]") {
  ScratchDir dir("location");
  const std::string examples = example("engagements.jsonl");
  const std::string xdg = (dir / "xdg").string();
  const std::string home = (dir / "home").string();
  fs::create_directories(home);

  SECTION("default: $XDG_DATA_HOME/itaku/itaku.db, the directory created by a write, not by a read") {
    const std::string env = "env -u ITAKU_DB XDG_DATA_HOME=" + shell_quote(xdg) + " HOME=" + shell_quote(home);
    const ProcessResult read_first = run_itaku({"due"}, "", env);
    CHECK(read_first.exit_code == 2);
    CHECK_FALSE(fs::exists(fs::path(xdg) / "itaku"));
    const ProcessResult run = run_itaku({"import", examples}, "", env);
    INFO(run.out << run.err);
    CHECK(run.exit_code == 0);
    const fs::path expected = fs::path(xdg) / "itaku" / "itaku.db";
    CHECK(fs::is_regular_file(expected));
    CHECK(contains(run.out, expected.string()));
    CHECK_FALSE(fs::exists(fs::path(home) / ".local"));
    CHECK(lines_of(run_itaku({"export"}, "", env).out).size() == example_records().size());
  }
  SECTION("without XDG_DATA_HOME: ~/.local/share/itaku/itaku.db") {
    const std::string env = "env -u ITAKU_DB -u XDG_DATA_HOME HOME=" + shell_quote(home);
    const ProcessResult run = run_itaku({"import", examples}, "", env);
    INFO(run.out << run.err);
    CHECK(run.exit_code == 0);
    CHECK(fs::is_regular_file(fs::path(home) / ".local" / "share" / "itaku" / "itaku.db"));
  }
  SECTION("ITAKU_DB names it, and --db overrides ITAKU_DB") {
    const fs::path from_env = dir / "from-env.db";
    const fs::path from_flag = dir / "from-flag.db";
    const std::string env = "ITAKU_DB=" + shell_quote(from_env.string()) + " XDG_DATA_HOME=" + shell_quote(xdg);
    CHECK(run_itaku({"import", examples}, "", env).exit_code == 0);
    CHECK(fs::is_regular_file(from_env));
    CHECK(lines_of(run_itaku({"export"}, "", env).out).size() == example_records().size());
    CHECK(run_itaku({"audit", "verify"}, "", env).exit_code == 0);

    const std::string other_env = "ITAKU_DB=" + shell_quote((dir / "unused.db").string());
    const ProcessResult flagged = run_itaku({"import", examples, "--db", from_flag.string()}, "", other_env);
    CHECK(flagged.exit_code == 0);
    CHECK(fs::is_regular_file(from_flag));
    CHECK_FALSE(fs::exists(dir / "unused.db"));
    CHECK_FALSE(fs::exists(fs::path(xdg) / "itaku" / "itaku.db"));
  }
}

TEST_CASE("registry cli: a missing database directory is a clear error (exit 2) and nothing is created",
          "[cli][registry][location]") {
  ScratchDir dir("missing");
  const fs::path missing = dir / "no" / "such";
  const std::string db = (missing / "itaku.db").string();
  for (const auto& args : std::vector<std::vector<std::string>>{{"import", example("engagements.jsonl"), "--db", db},
                                                                {"export", "--db", db},
                                                                {"review", "--registry", "--db", db},
                                                                {"audit", "verify", "--db", db}}) {
    INFO(args.front());
    const ProcessResult run = run_itaku(args);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, missing.string()));
    CHECK(contains(run.err, "does not exist"));
  }
  CHECK_FALSE(fs::exists(dir / "no"));
}

TEST_CASE("registry cli: an empty --db or a directory as --db is refused, never the default database",
          "[cli][registry][location]") {
  ScratchDir dir("emptydb");
  const std::string home = (dir / "home").string();
  for (const auto& args : std::vector<std::vector<std::string>>{{"due", "--db", ""},
                                                                {"import", example("engagements.jsonl"), "--db", ""},
                                                                {"export", "--db", ""},
                                                                {"audit", "log", "--db", ""},
                                                                {"review", "--registry", "--db", ""},
                                                                {"init", "--db", ""}}) {
    INFO(args.front());
    const ProcessResult run = run_itaku(args, "", "HOME=" + home + " XDG_DATA_HOME= ITAKU_DB=");
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "--db is empty"));
  }
  CHECK_FALSE(fs::exists(dir / "home"));
  for (const auto& args : std::vector<std::vector<std::string>>{{"due", "--db", dir.path().string()},
                                                                {"init", "--db", dir.path().string()}}) {
    INFO(args.front());
    const ProcessResult run = run_itaku(args);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "is a directory"));
  }
}

TEST_CASE("registry cli: reading commands never create a database and init creates an empty one on purpose",
          "[cli][registry][location]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  ScratchDir dir("readnevercreates");
  TestDatabase database(backend);
  // For SQLite a mistyped file name; for PostgreSQL a database that exists but holds no registry
  // (what `createdb` leaves), which a reader must not fill with tables either.
  const std::string typo = backend == "sqlite" ? (dir / "offce.db").string() : database.location();
  const std::vector<std::vector<std::string>> readers = {
      {"due"},           {"review", "--registry"}, {"show", "SNS-T-01"}, {"export"},
      {"audit", "log"},  {"audit", "verify"},       {"person", "list"},  {"token", "list"},
      // Changes to a record that must be stored already start no registry either.
      {"verify", "SNS-T-01", "--result", "pass", "--date", "2026-11-01", "--verifier", "監査"},
      {"person", "deactivate", "1"}, {"token", "revoke", "nobody"}};
  for (const auto& args : readers) {
    std::vector<std::string> with_db = args;
    with_db.insert(with_db.end(), {"--db", typo});
    const ProcessResult run = run_itaku(with_db);
    INFO(args.front() << " " << (args.size() > 1 ? args[1] : "") << ": " << run.out << run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    // The whole path; of a URL the database's name (the message leaves out the user name).
    CHECK(contains(run.err, backend == "sqlite" ? typo : typo.substr(typo.rfind('/') + 1)));
    CHECK(contains(run.err, "itaku init"));
    CHECK_FALSE(contains(run.err, "WARNING"));
  }
  if (backend == "sqlite") CHECK_FALSE(fs::exists(typo));
  if (backend == "postgresql") CHECK(database.tamper("SELECT 1 FROM engagements") != 0);

  const ProcessResult created = run_itaku({"init", "--db", typo, "--format", "json"});
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);
  CHECK(json::parse(created.out).at("created") == true);
  const ProcessResult again = run_itaku({"init", "--db", typo, "--format", "json"});
  CHECK(again.exit_code == 0);
  CHECK(json::parse(again.out).at("created") == false);

  const ProcessResult due = run_itaku({"due", "--db", typo});
  CHECK(due.exit_code == 0);
  const ProcessResult review = run_itaku({"review", "--registry", "--db", typo});
  CHECK(review.exit_code == 0);
  CHECK(json::parse(review.out).at("summary").at("records") == 0);
}

TEST_CASE("registry cli: a file that is not a database is refused and left untouched", "[cli][registry][location]") {
  ScratchDir dir("notadb");
  // The likeliest mistake: a records file given as the database.
  const fs::path not_a_database = dir / "engagements.jsonl";
  fs::copy_file(example("engagements.jsonl"), not_a_database);
  const std::string before = read_file(not_a_database);
  // Another program's SQLite database: Itaku adds none of its tables to it.
  const fs::path foreign = dir / "other.db";
  REQUIRE(std::system(("sqlite3 " + shell_quote(foreign.string()) + " 'CREATE TABLE notes (body TEXT)'").c_str()) == 0);
  const std::string foreign_before = read_file(foreign);
  for (const auto& file : {not_a_database, foreign}) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"import", example("engagements.csv")}, {"export"}, {"init"}, {"token", "create", "--name", "n", "--role", "admin"}}) {
      std::vector<std::string> with_db = args;
      with_db.insert(with_db.end(), {"--db", file.string()});
      const ProcessResult run = run_itaku(with_db);
      INFO(file << " " << args.front() << ": " << run.out << run.err);
      CHECK(run.exit_code == 2);
      CHECK(contains(run.err, file == foreign ? "another program's tables" : "not a database"));
      CHECK(contains(run.err, file.string()));
      CHECK_FALSE(contains(run.err, "PRAGMA"));
    }
  }
  CHECK(first_difference(read_file(not_a_database), before) == "");
  CHECK(read_file(foreign) == foreign_before);
  CHECK_FALSE(fs::exists(foreign.string() + "-wal"));

  // A dry run writes nothing, not even a new database.
  const fs::path fresh = dir / "fresh.db";
  const ProcessResult dry = run_itaku({"import", example("engagements.jsonl"), "--dry-run", "--db", fresh.string()});
  CHECK(dry.exit_code == 2);
  CHECK(contains(dry.err, "itaku init"));
  CHECK_FALSE(fs::exists(fresh));
}

namespace {

// A way to run itaku so that a directory is read-only to it: `wrap` turns an itaku command line
// into the shell command line that runs it so.
struct ReadOnlyWay {
  std::string name;
  std::function<std::string(const std::string&)> wrap;
};

bool command_works(const std::string& command_line) { return run_command_line(command_line).exit_code == 0; }

}  // namespace

TEST_CASE("registry cli: a read-only database directory is a clear error", "[cli][registry][location]") {
  ScratchDir dir("readonly");
  const fs::path read_only = dir / "ro";
  fs::create_directories(read_only);
  const std::string existing_db = (read_only / "itaku.db").string();
  const std::string new_db = (read_only / "new.db").string();
  REQUIRE(run_itaku({"import", example("engagements.jsonl"), "--db", existing_db}).exit_code == 0);
  const std::string export_before = run_itaku({"export", "--db", existing_db}).out;
  REQUIRE_FALSE(export_before.empty());

  // Permission bits do not stop root, and CI runs as root. Two honest ways still show the
  // product's handling there: run itaku as an unprivileged user (setpriv to nobody) against a
  // directory that user may not write, and mount the directory read-only in a private mount
  // namespace (unshare -m), which stops root too (EROFS). Not as root: chmod is enough.
  std::vector<ReadOnlyWay> ways;
  const std::string dir_quoted = shell_quote(read_only.string());
  const std::string bind_read_only = "mount --bind -o ro " + dir_quoted + " " + dir_quoted;
  if (::geteuid() != 0) {
    ways.push_back({"chmod 0555 as an ordinary user", [](const std::string& itaku) { return itaku; }});
  } else {
    const std::string as_nobody = "setpriv --reuid=nobody --regid=nogroup --clear-groups ";
    if (command_works(as_nobody + itaku_command_line({"plugins", "list"}))) {
      ways.push_back({"run as nobody", [as_nobody](const std::string& itaku) { return as_nobody + itaku; }});
    } else {
      WARN("setpriv to nobody is not possible here (or nobody cannot run the build's itaku): that case is skipped");
    }
    if (command_works("unshare -m sh -c " + shell_quote(bind_read_only))) {
      ways.push_back({"read-only bind mount in a private mount namespace", [bind_read_only](const std::string& itaku) {
                        return "unshare -m sh -c " + shell_quote(bind_read_only + " && exec " + itaku);
                      }});
    } else {
      WARN("unshare -m with a read-only bind mount is not permitted here: that case is skipped");
    }
  }
  if (ways.empty()) {
    WARN("no way to make a read-only directory for this user here: nothing checked");
    return;
  }
  fs::permissions(read_only, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                 fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  // Writable again however the test ends, so that the scratch directory can be removed.
  struct RestoreWrite {
    fs::path path;
    ~RestoreWrite() {
      std::error_code ignored;
      fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ignored);
    }
  } restore_write{read_only};

  for (const auto& way : ways) {
    INFO(way.name);
    auto run_read_only = [&](const std::vector<std::string>& args) {
      return run_command_line(way.wrap(itaku_command_line(args)));
    };
    const ProcessResult into_existing = run_read_only({"import", example("engagements.csv"), "--db", existing_db});
    INFO(into_existing.out << into_existing.err);
    CHECK(into_existing.exit_code == 2);
    CHECK(contains(into_existing.err, "not writable"));
    CHECK(contains(into_existing.err, read_only.string()));

    const ProcessResult into_new = run_read_only({"import", example("engagements.csv"), "--db", new_db});
    INFO(into_new.out << into_new.err);
    CHECK(into_new.exit_code == 2);
    CHECK(contains(into_new.err, "not writable"));
    CHECK(contains(into_new.err, read_only.string()));
    CHECK_FALSE(fs::exists(new_db));
  }
  // Nothing was changed by the refused imports.
  CHECK(first_difference(run_itaku({"export", "--db", existing_db}).out, export_before) == "");
}

TEST_CASE("registry cli: an unreachable PostgreSQL server is exit 3 with a message", "[cli][registry][location]") {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  const std::string url = "postgresql://itaku@127.0.0.1:1/itaku";
  for (const auto& args : std::vector<std::vector<std::string>>{{"import", example("engagements.jsonl"), "--db", url},
                                                                {"export", "--db", url},
                                                                {"audit", "verify", "--db", url}}) {
    INFO(args.front());
    const ProcessResult run = run_itaku(args);
    CHECK(run.exit_code == 3);
    CHECK(contains(run.err, "cannot connect to postgresql://127.0.0.1:1/itaku"));
  }
  if (const char* admin = std::getenv("ITAKU_TEST_PG_URL"); admin && *admin) {
    // A server that answers but has no such database: the user's mistake, not an outage.
    const std::string admin_url = admin;
    const std::string missing = admin_url.substr(0, admin_url.rfind('/') + 1) + "itaku_no_such_database";
    const ProcessResult run = run_itaku({"export", "--db", missing});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "itaku_no_such_database"));
    CHECK(contains(run.err, "does not exist"));
  }
}

// ---------------------------------------------------------------------------------------------
// two writers at once, and a kill in the middle

TEST_CASE("registry cli: two imports into one SQLite file at once never corrupt it", "[cli][registry][concurrency]") {
  constexpr std::size_t kRecordsPerFile = 5000;
  constexpr int kRounds = 3;
  ScratchDir dir("concurrent");
  write_file(dir / "a.jsonl", generated_records("CONC-A", kRecordsPerFile));
  write_file(dir / "b.jsonl", generated_records("CONC-B", kRecordsPerFile));
  const std::size_t example_count = example_records().size();
  std::size_t both_succeeded = 0;

  for (int round = 1; round <= kRounds; ++round) {
    // The first round races on creating the file too; the others write into a register in use.
    const bool new_file = round == 1;
    INFO("round " << round << (new_file ? ", new file" : ", file holding the examples"));
    TestDatabase database("sqlite");
    const std::size_t already_stored = new_file ? 0 : example_count;
    if (!new_file) require_import(database, example("engagements.jsonl"));
    std::size_t imported = 0;
    {
      BackgroundProcess a({"import", (dir / "a.jsonl").string(), "--db", database.location()});
      BackgroundProcess b({"import", (dir / "b.jsonl").string(), "--db", database.location()});
      REQUIRE(a.started());
      REQUIRE(b.started());
      for (ProcessResult result : {a.wait(), b.wait()}) {
        INFO(result.out << result.err);
        if (result.exit_code == 0) {
          imported += kRecordsPerFile;
          CHECK(contains(result.out, std::to_string(kRecordsPerFile) + " created"));
        } else {
          // The one that lost: told to retry, with exit 3 (kUnavailable) from the exit-code table.
          CHECK(result.exit_code == 3);
          CHECK(contains(result.err, "busy"));
          CHECK(contains(result.err, "try again"));
        }
      }
    }
    if (imported == 2 * kRecordsPerFile) ++both_succeeded;
    require_sqlite_intact(database);
    CHECK(engagement_count(database) == already_stored + imported);
    // Each import's records all landed or none did.
    for (const std::string prefix : {"CONC-A", "CONC-B"}) {
      const auto count =
          std::stoul(query(database, "SELECT COUNT(*) FROM engagements WHERE ref LIKE '" + prefix + "-%'"));
      CHECK((count == 0 || count == kRecordsPerFile));
    }
    require_audit_intact(database, already_stored + imported);
  }
  WARN("two concurrent imports: both succeeded in " << both_succeeded << " of " << kRounds << " rounds");
}

TEST_CASE("registry cli: an import that cannot get the write lock fails cleanly with a retryable message",
          "[cli][registry][concurrency]") {
  // Waits out itaku's busy timeout (10 s): the only way to see the losing side for certain.
  ScratchDir dir("locked");
  TestDatabase database("sqlite");
  require_import(database, example("engagements.jsonl"));
  const std::string export_before = export_of(database);
  ProcessResult blocked;
  {
    itaku::test::SqliteWriteLock lock(database, dir);
    blocked = import_file(database, example("engagements.csv"));
  }
  INFO(blocked.out << blocked.err);
  CHECK(blocked.exit_code == 3);
  CHECK(contains(blocked.err, "busy"));
  CHECK(contains(blocked.err, "try again"));
  CHECK(first_difference(export_of(database), export_before) == "");
  require_sqlite_intact(database);
  require_audit_intact(database, example_records().size());
  // Once the other writer is done, the same import goes through.
  require_import(database, example("engagements.csv"));
}

TEST_CASE("registry cli: reading the registry is not blocked by a writer", "[cli][registry][concurrency]") {
  // SQLite in WAL mode lets readers read while a writer holds its lock: an export, a review or an
  // audit verify during a long import must not wait for it, nor fail as busy.
  ScratchDir dir("reader");
  TestDatabase database("sqlite");
  require_import(database, example("engagements.jsonl"));
  const std::string export_before = export_of(database);
  itaku::test::SqliteWriteLock lock(database, dir);
  const auto started = std::chrono::steady_clock::now();
  const ProcessResult read = itaku_on(database, {"export"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  INFO(read.err << "export took " << seconds << " s");
  CHECK(read.exit_code == 0);
  CHECK(first_difference(read.out, export_before) == "");
  CHECK(seconds < 5.0);
}

TEST_CASE("registry cli: an import killed mid-way leaves the database as it was",
          "[cli][registry][fault][concurrency]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  constexpr std::size_t kRecords = 30000;  // seconds of work, so that the kill lands in the middle
  ScratchDir dir("kill");
  write_file(dir / "large.jsonl", generated_records("KILL", kRecords));
  TestDatabase database(backend);
  require_import(database, example("engagements.jsonl"));
  const std::string export_before = export_of(database);
  const std::vector<json> audit_before = audit_entries(database);

  BackgroundProcess import({"import", (dir / "large.jsonl").string(), "--db", database.location()});
  REQUIRE(import.started());
  // Clearly mid-import: SQLite has spilled uncommitted pages into the -wal file; on PostgreSQL
  // the import holds the audit trail's table lock, taken when it wrote its first record (then it
  // is given a moment to write more).
  bool writing = false;
  if (backend == "sqlite") {
    const fs::path wal = database.location() + "-wal";
    writing = wait_until(
        [&] {
          std::error_code error;
          return fs::file_size(wal, error) > 1024 * 1024 && !error;
        },
        std::chrono::seconds(20));
  } else {
    const std::string audit_locked =
        "SELECT COUNT(*) FROM pg_locks WHERE database = (SELECT oid FROM pg_database WHERE datname = "
        "current_database())"
        " AND relation = 'audit_log'::regclass AND mode = 'ExclusiveLock' AND granted";
    writing = wait_until([&] { return query(database, audit_locked) != "0"; }, std::chrono::seconds(20));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  REQUIRE(writing);
  REQUIRE(import.running());
  import.send_signal(SIGKILL);
  const ProcessResult killed = import.wait();
  INFO(killed.out << killed.err);
  REQUIRE(killed.signal == SIGKILL);  // killed in the middle, not finished before the kill

  require_sqlite_intact(database);
  CHECK(first_difference(export_of(database), export_before) == "");
  CHECK(first_difference(as_jsonl(audit_entries(database)), as_jsonl(audit_before)) == "");
  CHECK(engagement_count(database) == example_records().size());
  require_audit_intact(database, audit_before.size());

  // And the database takes the next import as usual.
  write_file(dir / "small.jsonl", generated_records("AFTER", 10));
  require_import(database, (dir / "small.jsonl").string());
  CHECK(engagement_count(database) == example_records().size() + 10);
  require_audit_intact(database, audit_before.size() + 10);
}

TEST_CASE("registry cli: reading, exporting, auditing and person commands work with no plugin installed",
          "[cli][registry][startup]") {
  const std::string backend = GENERATE(from_range(registry_backends()));
  INFO(backend);
  TestDatabase database(backend);
  require_import(database, example("engagements.jsonl"));
  ScratchDir empty("no-plugins");
  const std::string env = "ITAKU_PLUGIN_PATH=" + shell_quote(empty.path().string());
  const std::string ref = example_records().front().at("ref");
  auto run = [&](std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(database.location());
    return run_itaku(args, "", env);
  };
  const ProcessResult verified = run({"audit", "verify"});
  CHECK(verified.exit_code == 0);
  CHECK(contains(verified.out, "intact"));
  CHECK(run({"audit", "log", ref}).exit_code == 0);
  CHECK(run({"person", "list"}).exit_code == 0);
  const ProcessResult shown = run({"show", ref});
  CHECK(shown.exit_code == 0);
  CHECK(contains(shown.out, ref));
  CHECK(run({"due", "--within", "30"}).exit_code == 0);
  const ProcessResult exported = run({"export"});
  CHECK(exported.exit_code == 0);
  CHECK(first_difference(exported.out, export_of(database)) == "");
  // CSV columns come from the plugins' schemas: without them, a clear error, not a guess.
  const ProcessResult exported_csv = run({"export", "--format", "csv"});
  CHECK(exported_csv.exit_code == 3);
  CHECK(contains(exported_csv.err, "plugin"));
  // A command that reviews still needs its plugins, and says so.
  const ProcessResult reviewed = run({"review", "--registry"});
  CHECK(reviewed.exit_code == 3);
  CHECK(contains(reviewed.err, "plugin"));
}

TEST_CASE("registry cli: the itaku executable does not link the PostgreSQL client", "[cli][registry][startup]") {
  // SOCI loads its PostgreSQL backend (libpq and its TLS/Kerberos/LDAP libraries) only for a
  // postgresql:// URL; every command on a SQLite registry starts without them.
  const ProcessResult linked = run_command_line("ldd " + shell_quote(ITAKU_EXECUTABLE));
  REQUIRE(linked.exit_code == 0);
  CHECK(contains(linked.out, "libsoci_sqlite3"));
  CHECK_FALSE(contains(linked.out, "libpq"));
  CHECK_FALSE(contains(linked.out, "libsoci_postgresql"));
}

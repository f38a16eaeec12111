// `itaku review` end to end: the real binary, real files, real plugins.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "cli/run_itaku.hpp"
#include "test_paths.hpp"

using itaku::test::ProcessResult;
using itaku::test::read_file;
using itaku::test::run_itaku;
using itaku::test::ScratchDir;
using nlohmann::json;

namespace {

std::string records(const std::string& name) { return itaku::test::fixture("records/" + name).string(); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("review: all approved gives exit 0 and a docs/records.md JSON report", "[cli][review]") {
  const ProcessResult run = run_itaku({"review", records("approve.jsonl"), "--as-of", "2025-06-01"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const json report = json::parse(run.out);
  CHECK(report.at("as_of") == "2025-06-01");
  CHECK(report.at("summary") == json::parse(R"({"records": 3, "reviewed": 3, "invalid": 0,
                                             "decisions": {"approve": 3, "conditional": 0, "reject": 0}})"));
  REQUIRE(report.at("results").size() == 3);
  CHECK(report["results"][0]["ref"] == "R7-KEI-0001");
  CHECK(report["results"][1]["ref"] == "R7-CLD-0001");
  CHECK(report["results"][2]["ref"] == "SNS-X-0001");
  for (const auto& result : report["results"]) {
    CHECK(result.at("decision") == "approve");
    CHECK(result.at("risk_level") == "none");
    CHECK(result.at("findings").empty());
    CHECK(result.at("verification").at("status") == "verified");
  }
  CHECK(report.at("errors").empty());
}

TEST_CASE("review: exit code follows --fail-on", "[cli][review][exit]") {
  const std::string file = records("outcomes.jsonl");  // approve, reject, conditional
  CHECK(run_itaku({"review", file, "--as-of", "2025-06-01"}).exit_code == 1);
  CHECK(run_itaku({"review", file, "--as-of", "2025-06-01", "--fail-on", "reject"}).exit_code == 1);
  CHECK(run_itaku({"review", file, "--as-of", "2025-06-01", "--fail-on", "never"}).exit_code == 0);
  // only approve + conditional: reject threshold passes, conditional threshold trips
  ScratchDir dir("failon");
  const auto lines = lines_of(read_file(file));
  itaku::test::write_file(dir / "ok.jsonl", lines[0] + "\n" + lines[2] + "\n");
  CHECK(run_itaku({"review", (dir / "ok.jsonl").string(), "--as-of", "2025-06-01"}).exit_code == 0);
  CHECK(run_itaku({"review", (dir / "ok.jsonl").string(), "--as-of", "2025-06-01", "--fail-on", "conditional"})
            .exit_code == 1);
  const json report = json::parse(run_itaku({"review", file, "--as-of", "2025-06-01"}).out);
  CHECK(report["results"][1]["decision"] == "reject");
  CHECK(report["results"][1]["findings"][0]["id"] == "GEN-03");
  CHECK(report["results"][2]["decision"] == "conditional");
}

TEST_CASE("review: a mixed file reports invalid records with path and goes on (exit 2)", "[cli][review][exit]") {
  const ProcessResult run = run_itaku({"review", records("mixed.jsonl"), "--as-of", "2025-06-01"});
  REQUIRE(run.exit_code == 2);
  const json report = json::parse(run.out);
  CHECK(report["summary"]["records"] == 6);
  CHECK(report["summary"]["reviewed"] == 3);
  CHECK(report["summary"]["invalid"] == 3);
  REQUIRE(report["results"].size() == 3);
  CHECK(report["results"][0]["record"] == 1);
  CHECK(report["results"][1]["record"] == 4);
  CHECK(report["results"][2]["record"] == 6);
  const json& errors = report["errors"];
  REQUIRE(errors.size() == 3);
  CHECK(errors[0]["record"] == 2);
  CHECK(errors[0]["ref"] == "BAD-0001");
  CHECK(errors[0]["path"] == "/vendor/corporate_number");
  CHECK(errors[1]["record"] == 3);
  CHECK(errors[1]["ref"].is_null());
  CHECK(contains(errors[1]["message"], "JSON"));
  CHECK(errors[2]["record"] == 5);
  CHECK(errors[2]["path"] == "/period/start");
  CHECK(contains(errors[2]["message"], "calendar"));
}

TEST_CASE("review: stdin as '-' reads JSON Lines", "[cli][review][stdin]") {
  const ProcessResult run =
      run_itaku({"review", "-", "--as-of", "2025-06-01", "--format", "jsonl"}, read_file(records("outcomes.jsonl")));
  REQUIRE(run.exit_code == 1);
  const auto lines = lines_of(run.out);
  REQUIRE(lines.size() == 4);
  CHECK(json::parse(lines[0])["ref"] == "R7-KEI-0001");
  const json last = json::parse(lines[3]);
  CHECK(last["summary"]["reviewed"] == 3);
  CHECK(last["errors"].empty());
  const ProcessResult bad = run_itaku({"review", "-", "--as-of", "2025-06-01"}, "{\"ref\": 1}\n");
  CHECK(bad.exit_code == 2);
  CHECK(json::parse(bad.out)["errors"][0]["file"] == "-");
}

TEST_CASE("review: every format is written, to stdout or to --output", "[cli][review][formats]") {
  ScratchDir dir("formats");
  const std::string file = records("outcomes.jsonl");
  const ProcessResult csv = run_itaku({"review", file, "--as-of", "2025-06-01", "--format", "csv"});
  CHECK(csv.out.rfind("\xEF\xBB\xBF", 0) == 0);  // BOM for Excel
  CHECK(contains(csv.out, "\r\n"));
  CHECK(contains(csv.out, "R7-KEI-0002"));
  const ProcessResult md = run_itaku({"review", file, "--as-of", "2025-06-01", "--format", "md"});
  CHECK(contains(md.out, "| R7-KEI-0002 |"));
  CHECK(contains(md.out, "GEN-03"));
  const ProcessResult md_en = run_itaku({"review", file, "--as-of", "2025-06-01", "--format", "md", "--lang", "en"});
  CHECK(md_en.out != md.out);
  const std::string html_path = (dir / "report.html").string();
  const ProcessResult html =
      run_itaku({"review", file, "--as-of", "2025-06-01", "--format", "html", "--output", html_path});
  CHECK(html.exit_code == 1);
  CHECK(html.out.empty());
  const std::string page = read_file(html_path);
  CHECK(contains(page, "<html lang=\"ja\""));
  CHECK(contains(page, "R7-KEI-0002"));
  CHECK(contains(page, "</html>"));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    CHECK(entry.path().filename() == "report.html");  // no temporary files left behind
  }
}

TEST_CASE("review: bad options and unreadable inputs exit 2 with a message", "[cli][review][exit]") {
  const std::string file = records("approve.jsonl");
  ProcessResult run = run_itaku({"review", file, "--as-of", "2025-02-30"});
  CHECK(run.exit_code == 2);
  CHECK(contains(run.err, "--as-of"));
  run = run_itaku({"review", file, "--format", "pdf"});
  CHECK(run.exit_code == 2);
  CHECK(contains(run.err, "--format"));
  run = run_itaku({"review", file, "--no-such-option"});
  CHECK(run.exit_code == 2);
  run = run_itaku({"review"});
  CHECK(run.exit_code == 2);
  run = run_itaku({"review", file, "/nonexistent/records.jsonl", "--as-of", "2025-06-01"});
  CHECK(run.exit_code == 2);
  CHECK(contains(run.err, "/nonexistent/records.jsonl"));
  // the readable file is still reviewed, and the unreadable one is in the report too
  const json report = json::parse(run.out);
  CHECK(report["summary"]["reviewed"] == 3);
  REQUIRE(report["errors"].size() == 1);
  CHECK(report["errors"][0]["file"] == "/nonexistent/records.jsonl");
  CHECK(contains(report["errors"][0]["message"], "/nonexistent/records.jsonl"));
  run = run_itaku({"review", file, "--output", "/nonexistent-dir/report.json"});
  CHECK(run.exit_code == 2);
  CHECK(contains(run.err, "/nonexistent-dir/report.json"));
  ScratchDir dir("ext");
  itaku::test::write_file(dir / "records.txt", "x");
  run = run_itaku({"review", (dir / "records.txt").string()});
  CHECK(run.exit_code == 2);
}

TEST_CASE("review: --plugin-dir and ITAKU_PLUGIN_PATH choose the plugins, and a broken one is exit 3", "[cli][plugin]") {
  const std::string file = records("approve.jsonl");
  CHECK(run_itaku({"review", file, "--as-of", "2025-06-01", "--plugin-dir", ITAKU_PLUGIN_BUILD_DIR}).exit_code == 0);
  CHECK(run_itaku({"review", file, "--as-of", "2025-06-01"}, "", std::string("ITAKU_PLUGIN_PATH=") + ITAKU_PLUGIN_BUILD_DIR)
            .exit_code == 0);
  ScratchDir empty("empty");
  ProcessResult run = run_itaku({"review", file, "--plugin-dir", empty.path().string()});
  CHECK(run.exit_code == 3);
  CHECK(contains(run.err, empty.path().string()));
  run = run_itaku({"review", file, "--plugin-dir", (std::string(ITAKU_TEST_PLUGIN_ROOT) + "/wrong_major")});
  CHECK(run.exit_code == 3);
  CHECK(contains(run.err, "API 99.0"));
  CHECK(run.out.empty());
}

TEST_CASE("review: a plugin that throws marks its records and the batch goes on", "[cli][plugin]") {
  ScratchDir dir("throwing");
  namespace fs = std::filesystem;
  fs::copy_file(fs::path(ITAKU_PLUGIN_BUILD_DIR) / "itaku-cloud.so", dir / "itaku-cloud.so");
  fs::copy_file(fs::path(ITAKU_PLUGIN_BUILD_DIR) / "itaku-social_media.so", dir / "itaku-social_media.so");
  fs::copy_file(fs::path(ITAKU_TEST_PLUGIN_ROOT) / "throwing" / "itaku-throwing.so", dir / "itaku-throwing.so");
  // the test plugin knows no contract clauses: drop them from the contractor record
  json contractor = json::parse(lines_of(read_file(records("approve.jsonl")))[0]);
  contractor.erase("clauses");
  const auto lines = lines_of(read_file(records("approve.jsonl")));
  const std::string input = contractor.dump() + "\n" + lines[1] + "\n" + lines[2] + "\n";
  const ProcessResult run =
      run_itaku({"review", "-", "--as-of", "2025-06-01", "--plugin-dir", dir.path().string()}, input);
  INFO(run.err);
  CHECK(run.exit_code == 1);
  const json report = json::parse(run.out);
  REQUIRE(report["results"].size() == 3);
  const json& failed = report["results"][0];
  CHECK(failed["decision"] == "reject");
  CHECK(failed["findings"].back()["id"] == "PLUGIN-ERROR");
  CHECK(failed["findings"].back()["plugin"] == "throwing");
  CHECK(contains(failed["findings"].back()["message"]["en"], "simulated failure"));
  CHECK(report["results"][1]["decision"] == "approve");
  CHECK(report["results"][2]["decision"] == "approve");
}

TEST_CASE("review: worker threads change nothing in the report, byte for byte",
          "[cli][review][jobs][concurrency]") {
  // Thousands of records, valid and invalid interleaved, spread over many batches.
  const auto valid = lines_of(read_file(records("outcomes.jsonl")));
  const auto mixed = lines_of(read_file(records("mixed.jsonl")));
  std::string input;
  std::size_t lines = 0;
  for (int i = 0; i < 700; ++i) {
    for (const auto& line : i % 3 == 0 ? mixed : valid) {
      json record = json::parse(line, nullptr, false);
      if (record.is_object() && record.contains("ref")) record["ref"] = record["ref"].get<std::string>() + "-" + std::to_string(i);
      input += (record.is_discarded() ? line : record.dump()) + "\n";
      ++lines;
    }
  }
  ScratchDir dir("jobs");
  itaku::test::write_file(dir / "many.jsonl", input);
  const std::string file = (dir / "many.jsonl").string();
  for (const std::string format : {"json", "jsonl", "csv"}) {
    const ProcessResult single = run_itaku({"review", file, "--as-of", "2025-06-01", "--format", format, "--jobs", "1"});
    const ProcessResult parallel = run_itaku({"review", file, "--as-of", "2025-06-01", "--format", format, "--jobs", "4"});
    REQUIRE(single.exit_code == 2);
    CHECK(parallel.exit_code == single.exit_code);
    CHECK(parallel.out == single.out);
  }
  const ProcessResult piped = run_itaku({"review", "-", "--as-of", "2025-06-01", "--jobs", "3"}, input);
  CHECK(piped.out.size() > 1000);
  const json report = json::parse(piped.out);
  CHECK(report["summary"]["records"] == lines);
}

TEST_CASE("review: hostile input is an invalid record, never a crash", "[cli][review][robustness]") {
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += '[';
  for (int i = 0; i < 200000; ++i) deep += ']';
  const std::string input = "{\"ref\": \"DEEP-1\", \"title\": " + deep + "}\n" + "\xff\xfe{}\n" +
                            std::string(100000, '{') + "\n" + lines_of(read_file(records("approve.jsonl")))[0] + "\n";
  for (const std::string jobs : {"1", "2"}) {
    const ProcessResult run = run_itaku({"review", "-", "--as-of", "2025-06-01", "--jobs", jobs}, input);
    INFO(run.err);
    REQUIRE(run.exit_code == 2);
    const json report = json::parse(run.out);
    CHECK(report["summary"]["invalid"] == 3);
    CHECK(report["summary"]["reviewed"] == 1);
    CHECK(report["errors"][0]["ref"] == "DEEP-1");
  }
}

TEST_CASE("review: 100 KB to 10 MB of text in a field and 400-digit numbers are invalid records at their pointer",
          "[cli][review][robustness]") {
  // One std::regex recursion per character once ended this in SIGSEGV (exit 139); the number
  // was reported as an internal error (exit 3).
  const json valid = json::parse(lines_of(read_file(records("approve.jsonl")))[0]);
  std::string input;
  json long_ref = valid;
  long_ref["ref"] = std::string(100'000, 'R');
  input += long_ref.dump() + "\n";
  // Each record its own ref: a ref twice in one review is an error of its own (refs_once.hpp).
  json huge_title = valid;
  huge_title["ref"] = "BIG-TITLE";
  huge_title["title"] = std::string(10'000'000, 'T');
  input += huge_title.dump() + "\n";
  json long_vendor = valid;
  long_vendor["ref"] = "BIG-VENDOR";
  long_vendor["vendor"]["name"] = std::string(70'000, 'v');
  input += long_vendor.dump() + "\n";
  input += "{\"ref\": \"BIG-1\", \"information\": {\"confidentiality\": " + std::string(400, '7') + "}}\n";
  input += valid.dump() + "\n";
  for (const std::string jobs : {"1", "2"}) {
    const ProcessResult run = run_itaku({"review", "-", "--as-of", "2025-06-01", "--jobs", jobs}, input);
    INFO(run.err);
    REQUIRE(run.exit_code == 2);
    const json report = json::parse(run.out);
    CHECK(report["summary"]["invalid"] == 4);
    CHECK(report["summary"]["reviewed"] == 1);
    REQUIRE(report["errors"].size() == 4);
    CHECK(report["errors"][0]["path"] == "/ref");
    CHECK(report["errors"][1]["path"] == "/title");
    CHECK(report["errors"][2]["path"] == "/vendor/name");
    CHECK(report["errors"][3]["path"] == "/information/confidentiality");
    CHECK_THAT(report["errors"][3]["message"].get<std::string>(), Catch::Contains("number out of range"));
  }
}

TEST_CASE("review: a ref twice in one review is an invalid record naming the first, as in an import",
          "[cli][review][exit]") {
  const std::string record = lines_of(read_file(records("approve.jsonl")))[0];
  for (const std::string jobs : {"1", "2"}) {
    const ProcessResult run = run_itaku({"review", "-", "--as-of", "2025-06-01", "--jobs", jobs}, record + "\n" + record + "\n");
    INFO(run.err);
    CHECK(run.exit_code == 2);
    const json report = json::parse(run.out);
    CHECK(report["summary"]["reviewed"] == 1);
    CHECK(report["summary"]["invalid"] == 1);
    REQUIRE(report["errors"].size() == 1);
    CHECK(report["errors"][0]["record"] == 2);
    CHECK(report["errors"][0]["path"] == "/ref");
    CHECK_THAT(report["errors"][0]["message_ja"].get<std::string>(), Catch::Contains("最初は - record 1"));
  }
}

TEST_CASE("review: a CSV row with a bad cell is reported under its ref", "[cli][review][csv]") {
  ScratchDir dir("csvref");
  itaku::test::write_file(dir / "bad.csv",
                          "ref,kind,title,department,information.confidentiality,information.integrity,"
                          "information.availability,period.start,vendor.name\r\n"
                          "C-1,contractor,清掃業務,総務課,abc,1,1,2025-04-01,株式会社例示\r\n");
  const ProcessResult run = run_itaku({"review", (dir / "bad.csv").string(), "--as-of", "2025-06-01"});
  CHECK(run.exit_code == 2);
  const json report = json::parse(run.out);
  REQUIRE(report["errors"].size() == 1);
  CHECK(report["errors"][0]["ref"] == "C-1");
  CHECK(report["errors"][0]["path"] == "/information/confidentiality");
}

TEST_CASE("review: --output to /dev/null or a FIFO writes there and never replaces it", "[cli][review][output]") {
  const ProcessResult run =
      run_itaku({"review", records("approve.jsonl"), "--as-of", "2025-06-01", "--output", "/dev/null"});
  CHECK(run.exit_code == 0);
  CHECK(std::filesystem::is_character_file("/dev/null"));  // as root, a rename would have replaced it
  ScratchDir dir("fifo");
  const std::string fifo = (dir / "report.fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string command = "cat " + itaku::test::shell_quote(fifo) + " > " +
                              itaku::test::shell_quote((dir / "copy.json").string()) + " & " +
                              itaku::test::shell_quote(ITAKU_EXECUTABLE) + " review " +
                              itaku::test::shell_quote(records("approve.jsonl")) +
                              " --as-of 2025-06-01 --output " + itaku::test::shell_quote(fifo) + " 2>/dev/null; wait";
  CHECK(std::system(command.c_str()) == 0);
  CHECK(std::filesystem::is_fifo(fifo));
  CHECK(json::parse(read_file(dir / "copy.json"))["summary"]["reviewed"] == 3);
}

TEST_CASE("review: a mistyped option is explained in Japanese and English, exit 2", "[cli][review][lang]") {
  const auto run = run_itaku({"review", "--formt", "md", "x.jsonl"});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("itaku: 余分な引数またはオプションがあります") == 0);
  CHECK(run.err.find(" / The following argument was not expected: --formt") != std::string::npos);
  CHECK(run.err.find("使い方は --help で表示できます / Run with --help for more information.") != std::string::npos);
  const auto bad_value = run_itaku({"review", "--format", "xlsx2", "x.jsonl"});
  CHECK(bad_value.exit_code == 2);
  CHECK(bad_value.err.find("オプションの値が正しくありません / --format") != std::string::npos);
  CHECK(run_itaku({"review", "--help"}).exit_code == 0);
}

TEST_CASE("review: the report is never written over an input file", "[cli][review][output]") {
  ScratchDir scratch("same-file");
  const auto input = scratch / "records.jsonl";
  const std::string records_text = read_file(records("outcomes.jsonl"));
  itaku::test::write_file(input, records_text);
  for (const std::string& output : {input.string(), (scratch.path() / "." / "records.jsonl").string()}) {
    const auto run = run_itaku({"review", input.string(), "--format", "md", "-o", output});
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("入力ファイル") != std::string::npos);
    CHECK(read_file(input) == records_text);  // untouched
  }
  CHECK(run_itaku({"review", input.string(), "--format", "md", "-o", (scratch / "report.md").string()}).exit_code != 2);

  // Nor over the registry: its file, or the -wal file that holds its latest commits, whether
  // or not it exists at the moment, from a registry review, a file review or an export.
  const std::string db = (scratch / "itaku.db").string();
  REQUIRE(run_itaku({"import", input.string(), "--db", db}).exit_code != 3);
  const std::string stored = read_file(db);
  for (const std::string& output : {db, db + "-wal", db + "-shm", db + "-journal"}) {
    INFO(output);
    CHECK(run_itaku({"review", "--registry", "--db", db, "--format", "md", "-o", output}).exit_code == 2);
    CHECK(run_itaku({"review", input.string(), "--db", db, "--format", "md", "-o", output}).exit_code == 2);
    CHECK(run_itaku({"export", "--db", db, "-o", output}).exit_code == 2);
  }
  CHECK(read_file(db) == stored);
  CHECK(run_itaku({"review", "--registry", "--db", db, "--format", "md", "-o", (scratch / "r.md").string()}).exit_code != 2);
}

// `review --format xlsx` and `export --format xlsx` end to end: the real binary writes a
// workbook to -o FILE or a pipe, which is read back (unzipped, sheets parsed); on a terminal it
// refuses and asks for -o FILE.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/run_itaku.hpp"
#include "test_paths.hpp"
#include "xlsx_reader.hpp"

using itaku::test::ProcessResult;
using itaku::test::read_file;
using itaku::test::ReadSheet;
using itaku::test::ReadWorkbook;
using itaku::test::run_itaku;
using itaku::test::ScratchDir;

namespace {

std::string records(const std::string& name) { return itaku::test::fixture("records/" + name).string(); }

std::string example(const std::string& name) {
  return (std::filesystem::path(ITAKU_SOURCE_DIR) / "examples" / name).string();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t line_count(const std::string& text) {
  std::size_t lines = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines += line.empty() ? 0 : 1;
  return lines;
}

// itaku `args` with its standard output on a pseudo-terminal, as when typed at a shell;
// standard error goes to a file. What reached the terminal is returned as `out`.
ProcessResult run_itaku_on_terminal(const std::vector<std::string>& args) {
  ScratchDir io("tty");
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(::grantpt(master) == 0);
  REQUIRE(::unlockpt(master) == 0);
  const std::string terminal = ::ptsname(master);
  const std::string err_path = (io / "stderr").string();
  std::vector<std::string> argv_text = {ITAKU_EXECUTABLE};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_text) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(terminal.c_str(), O_RDWR | O_NOCTTY);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) ::_exit(126);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  // Read the terminal while the process runs, so that it never blocks on a full buffer.
  ProcessResult result;
  int status = 0;
  char buffer[4096];
  for (;;) {
    pollfd readable{master, POLLIN, 0};
    if (::poll(&readable, 1, 50) > 0 && (readable.revents & POLLIN) != 0) {
      const ssize_t got = ::read(master, buffer, sizeof buffer);
      if (got > 0) result.out.append(buffer, static_cast<std::size_t>(got));
    }
    if (::waitpid(pid, &status, WNOHANG) == pid) break;
  }
  ::close(master);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.err = read_file(io / "stderr");
  return result;
}

}  // namespace

TEST_CASE("review --format xlsx -o writes a workbook of four sheets", "[cli][review][xlsx]") {
  ScratchDir scratch("xlsx-review");
  const std::string report = (scratch / "r.xlsx").string();
  const ProcessResult run =
      run_itaku({"review", records("approve.jsonl"), "--as-of", "2025-06-01", "--format", "xlsx", "-o", report});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.empty());
  const ReadWorkbook book = ReadWorkbook::from_file(report);
  CHECK(book.sheet_names() == std::vector<std::string>{"概要", "審査結果", "指摘事項", "無効な記録"});
  CHECK(book.sheet("審査結果").row_count() == 1 + 3);
  CHECK(book.sheet("無効な記録").row_count() == 1);

  // Invalid records, in English: exit 2, and the records on their sheet.
  const ProcessResult mixed = run_itaku({"review", records("mixed.jsonl"), "--as-of", "2025-06-01", "--format",
                                         "xlsx", "--lang", "en", "-o", report});
  CHECK(mixed.exit_code == 2);
  const ReadWorkbook english = ReadWorkbook::from_file(report);
  CHECK(english.sheet_names() == std::vector<std::string>{"Summary", "Results", "Findings", "Invalid records"});
  const ReadSheet invalid = english.sheet("Invalid records");
  CHECK(invalid.row_count() > 1);
  CHECK(contains(invalid.cell("A2").text, "mixed.jsonl"));
}

TEST_CASE("review --format xlsx goes to a pipe, but not to a terminal", "[cli][review][xlsx]") {
  // run_itaku collects stdout in a file, as a pipe would: the workbook's bytes.
  const ProcessResult piped = run_itaku({"review", records("approve.jsonl"), "--as-of", "2025-06-01", "--format", "xlsx"});
  INFO(piped.err);
  REQUIRE(piped.exit_code == 0);
  REQUIRE(piped.out.substr(0, 2) == "PK");
  CHECK(ReadWorkbook(piped.out).sheet("審査結果").row_count() == 1 + 3);

  const ProcessResult terminal = run_itaku_on_terminal({"review", records("approve.jsonl"), "--format", "xlsx"});
  CHECK(terminal.exit_code == 2);
  CHECK(contains(terminal.err, "端末には書き出せません"));
  CHECK(contains(terminal.err, "save it with -o FILE"));
  CHECK_FALSE(contains(terminal.out, "PK"));

  // With -o, a terminal is fine; and other formats are still shown there.
  ScratchDir scratch("xlsx-tty");
  const std::string report = (scratch / "r.xlsx").string();
  const ProcessResult to_file =
      run_itaku_on_terminal({"review", records("approve.jsonl"), "--as-of", "2025-06-01", "--format", "xlsx", "-o", report});
  INFO(to_file.err);
  CHECK(to_file.exit_code == 0);
  CHECK(ReadWorkbook::from_file(report).sheet_names().size() == 4);
  CHECK(run_itaku_on_terminal({"review", records("approve.jsonl"), "--as-of", "2025-06-01", "--format", "md"}).exit_code == 0);
}

TEST_CASE("export --format xlsx -o writes the register workbook", "[cli][export][xlsx]") {
  ScratchDir scratch("xlsx-export");
  const std::string db = (scratch / "itaku.db").string();
  const ProcessResult imported = run_itaku({"import", example("engagements.jsonl"), "--db", db});
  INFO(imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
  const std::string register_file = (scratch / "reg.xlsx").string();
  const ProcessResult run = run_itaku({"export", "--format", "xlsx", "-o", register_file, "--db", db});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const ReadWorkbook book = ReadWorkbook::from_file(register_file);
  CHECK(book.sheet_names() == std::vector<std::string>{"登録簿"});
  const ReadSheet sheet = book.sheet("登録簿");
  const std::size_t records_stored = line_count(run_itaku({"export", "--db", db}).out);
  CHECK(records_stored == line_count(read_file(example("engagements.jsonl"))));
  CHECK(sheet.row_count() == 1 + records_stored);
  CHECK(sheet.cell("A1").text == "参照番号 (ref)");
  const std::string corporate_number = sheet.column_of("事業者 法人番号 (vendor.corporate_number)");
  REQUIRE_FALSE(corporate_number.empty());
  bool some_number = false;
  for (std::size_t row = 2; row <= records_stored + 1; ++row) {
    const auto cell = sheet.cell(corporate_number + std::to_string(row));
    if (!cell.present) continue;
    some_number = true;
    CHECK(cell.type == "s");
    CHECK(cell.text.size() == 13);
  }
  CHECK(some_number);

  const ProcessResult terminal = run_itaku_on_terminal({"export", "--format", "xlsx", "--db", db});
  CHECK(terminal.exit_code == 2);
  CHECK(contains(terminal.err, "-o"));
}

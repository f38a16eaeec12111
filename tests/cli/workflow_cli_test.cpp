// The everyday registry commands through the real binary: show, assess, verify, clause,
// terminate, vendor cert, person, channel register (also interactively on a terminal), due.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/run_itaku.hpp"
#include "test_paths.hpp"

using itaku::test::ProcessResult;
using itaku::test::run_itaku;
using itaku::test::ScratchDir;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A registry holding the example register, and a way to run commands against it.
struct ExampleRegistry {
  ScratchDir dir{"workflow"};
  std::string db = (dir / "itaku.db").string();
  ExampleRegistry() {
    const ProcessResult imported =
        run_itaku({"import", std::string(ITAKU_SOURCE_DIR) + "/examples/engagements.jsonl", "--db", db, "--actor", "setup"});
    REQUIRE(imported.exit_code == 0);
  }
  ProcessResult run(std::vector<std::string> args, const std::string& input = "") const {
    args.push_back("--db");
    args.push_back(db);
    return run_itaku(args, input);
  }
};

}  // namespace

TEST_CASE("cli workflow: assess, verify and show an engagement", "[cli][workflow]") {
  ExampleRegistry registry;
  ProcessResult assessed = registry.run({"assess", "EX-001", "--as-of", "2025-06-01", "--format", "json", "--actor", "佐藤"});
  REQUIRE(assessed.exit_code == 0);
  // The stored assessment, as show's last_assessment and GET …/assessments give it.
  const json assessment = json::parse(assessed.out);
  CHECK(assessment["as_of"] == "2025-06-01");
  CHECK(assessment["actor"] == "佐藤");
  CHECK(assessment["plugin"] == "contractor");
  CHECK(assessment["result"]["decision"] == "conditional");
  CHECK(assessment["result"]["findings"][0]["id"] == "GEN-02");

  ProcessResult verified = registry.run({"verify", "EX-001", "--result", "pass", "--date", "2025-05-20", "--verifier",
                                         "情報政策課 監査担当", "--notes", "現地確認"});
  REQUIRE(verified.exit_code == 0);
  assessed = registry.run({"assess", "EX-001", "--as-of", "2025-06-01", "--format", "json"});
  CHECK(json::parse(assessed.out)["result"]["findings"][0]["id"] == "OUT-09");

  const ProcessResult shown = registry.run({"show", "EX-001", "--as-of", "2025-06-01", "--format", "json"});
  REQUIRE(shown.exit_code == 0);
  const json details = json::parse(shown.out);
  CHECK(details["record"]["verifications"].size() == 2);
  CHECK(details["verification"]["status"] == "verified");
  CHECK(details["last_assessment"] == json::parse(assessed.out));
  const ProcessResult text = registry.run({"show", "EX-001", "--as-of", "2025-06-01"});
  CHECK(contains(text.out, "上野 太郎"));
  CHECK(contains(text.out, "現地確認"));
  CHECK(contains(text.out, "定期確認 / verifications (確認済み / Verified, 次回期限 / next due "));

  CHECK(registry.run({"show", "NO-SUCH-REF"}).exit_code == 2);
  CHECK(registry.run({"verify", "EX-001", "--result", "maybe", "--date", "2025-05-20", "--verifier", "x"}).exit_code == 2);
  CHECK(registry.run({"verify", "EX-001", "--result", "pass", "--date", "2025-02-30", "--verifier", "x"}).exit_code == 2);
}

TEST_CASE("cli workflow: clause, certification and termination", "[cli][workflow]") {
  ExampleRegistry registry;
  CHECK(registry.run({"clause", "EX-001", "OUT-09", "--present", "--evidence", "契約書第12条"}).exit_code == 0);
  CHECK(registry.run({"clause", "EX-001", "OUT-99", "--present"}).exit_code == 2);
  // A near miss is named as typed, with what was meant, and no list position the user never wrote.
  const ProcessResult near_miss = registry.run({"clause", "EX-001", "OUT-9", "--present"});
  CHECK(near_miss.exit_code == 2);
  CHECK(contains(near_miss.err, "「OUT-9」はありません"));
  CHECK(contains(near_miss.err, "did you mean 'OUT-09'?"));
  CHECK_FALSE(contains(near_miss.err, "/clauses/"));
  CHECK(registry.run({"clause", "EX-001", "OUT-09"}).exit_code == 2);  // neither --present nor --missing
  const ProcessResult cert = registry.run({"vendor", "cert", "4011001098993", "--scheme", "ISMS", "--number", "IS 999",
                                           "--valid-until", "2027-12-31", "--format", "json"});
  REQUIRE(cert.exit_code == 0);
  CHECK(json::parse(cert.out)["certifications"].size() == 2);
  CHECK(json::parse(cert.out)["engagements"] == 1);
  // The same certificate again changes nothing and writes no audit entry.
  const std::size_t trail = registry.run({"audit", "log", "--format", "jsonl"}).out.size();
  CHECK(registry.run({"vendor", "cert", "4011001098993", "--scheme", "ISMS", "--number", "IS 999", "--valid-until",
                      "2027-12-31"}).exit_code == 0);
  CHECK(registry.run({"audit", "log", "--format", "jsonl"}).out.size() == trail);
  CHECK(registry.run({"vendor", "cert", "9999999999999", "--scheme", "ISMS", "--valid-until", "2027-12-31"}).exit_code == 2);
  CHECK(registry.run({"terminate", "EX-001", "--return-confirmed", "2026-03-31", "--note", "廃棄証明書受領"}).exit_code == 0);
  const json shown = json::parse(registry.run({"show", "EX-001", "--format", "json"}).out);
  CHECK(shown["record"]["status"] == "terminated");
  CHECK(shown["record"]["termination"]["return_confirmed_on"] == "2026-03-31");
  CHECK(shown["record"]["clause_evidence"][0]["note"] == "契約書第12条");
  // the audit trail has every step, and is intact
  const ProcessResult log = registry.run({"audit", "log", "EX-001"});
  CHECK(contains(log.out, "clause.present"));
  CHECK(contains(log.out, "engagement.terminate"));
  CHECK(registry.run({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("cli workflow: persons through a transfer (人事異動)", "[cli][workflow]") {
  ExampleRegistry registry;
  const ProcessResult added = registry.run({"person", "add", "--name", "後任 次郎", "--department", "市民課", "--format", "json"});
  REQUIRE(added.exit_code == 0);
  const long long successor = json::parse(added.out)["id"];
  long long ueno = 0;
  for (const json& person : json::parse(registry.run({"person", "list", "--format", "json"}).out)) {
    if (person["name"] == "上野 太郎") ueno = person["id"];
  }
  REQUIRE(ueno != 0);
  CHECK(registry.run({"person", "deactivate", std::to_string(ueno)}).exit_code == 0);
  json result = json::parse(registry.run({"assess", "EX-001", "--as-of", "2025-06-01", "--format", "json"}).out);
  CHECK(result["result"]["findings"][0]["id"] == "GEN-01");
  const ProcessResult moved = registry.run({"person", "reassign", "--from", std::to_string(ueno), "--to",
                                            std::to_string(successor), "--format", "json"});
  REQUIRE(moved.exit_code == 0);
  CHECK(json::parse(moved.out).size() >= 1);
  result = json::parse(registry.run({"assess", "EX-001", "--as-of", "2025-06-01", "--format", "json"}).out);
  CHECK(result["result"]["findings"][0]["id"] != "GEN-01");
  CHECK(registry.run({"person", "deactivate", "999999"}).exit_code == 2);
  // Onto the same person: said (exit 2), not answered "0 engagements reassigned".
  const ProcessResult onto_itself =
      registry.run({"person", "reassign", "--from", std::to_string(successor), "--to", std::to_string(successor)});
  CHECK(onto_itself.exit_code == 2);
  CHECK(onto_itself.err.find("same person") != std::string::npos);
}

TEST_CASE("cli workflow: an SNS owner registers a channel and sees what to fix", "[cli][workflow][channel]") {
  ExampleRegistry registry;
  const ProcessResult registered = registry.run(
      {"channel", "register", "--ref", "SNS-IG-9", "--title", "市公式Instagram", "--department", "秘書広報課", "--platform",
       "instagram", "--account", "@hikarino_city", "--url", "https://www.instagram.com/hikarino_city/", "--mfa",
       "--operating-procedure", "--as-of", "2026-04-01", "--format", "json"},
      "");
  REQUIRE(registered.exit_code == 0);
  const json result = json::parse(registered.out);
  CHECK(result["outcome"] == "created");
  CHECK(result["changes"] == json::array());
  CHECK(result["record"]["ref"] == "SNS-IG-9");
  std::vector<std::string> ids;
  for (const auto& finding : result["review"]["findings"]) ids.push_back(finding["id"]);
  CHECK(ids == std::vector<std::string>{"GEN-01", "SNS-02", "SNS-03", "SNS-04", "SNS-06", "SNS-08"});
  // stdin is not a terminal here: a missing required value is an error, not a prompt
  const ProcessResult missing = registry.run({"channel", "register", "--ref", "SNS-IG-10"});
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, "--title"));
  const ProcessResult bad_url = registry.run({"channel", "register", "--ref", "SNS-IG-11", "--title", "t", "--department",
                                              "d", "--platform", "x", "--account", "a", "--url", "not-a-url"});
  CHECK(bad_url.exit_code == 2);
  CHECK(contains(bad_url.err, "--url"));
  CHECK(contains(bad_url.err, "https://"));
}

TEST_CASE("cli workflow: channel register on a registered ref changes only what is given and keeps the history",
          "[cli][workflow][channel][history]") {
  ExampleRegistry registry;
  REQUIRE(registry.run({"channel", "register", "--ref", "SNS-T-01", "--title", "市公式X", "--department", "秘書広報課",
                        "--platform", "x", "--account", "@hikarino_t", "--url", "https://x.com/hikarino_t",
                        "--responsible-name", "小林 真一", "--start", "2024-04-01", "--as-of", "2026-11-01"})
              .exit_code != 2);
  REQUIRE(registry.run({"verify", "SNS-T-01", "--result", "fail", "--date", "2026-11-01", "--verifier", "監査"}).exit_code == 0);
  const json before = json::parse(registry.run({"show", "SNS-T-01", "--format", "json"}).out)["record"];

  // The issue's case: the same channel again with fewer options.
  const ProcessResult again = registry.run({"channel", "register", "--ref", "SNS-T-01", "--title", "ひかり野市公式X", "--mfa",
                                            "--as-of", "2026-11-02"});
  INFO(again.out << again.err);
  CHECK(again.exit_code != 2);
  CHECK(contains(again.out, "更新しました / updated SNS-T-01"));
  CHECK(contains(again.out, "名称 / title: 市公式X → ひかり野市公式X"));
  CHECK(contains(again.out, "多要素認証 / MFA: （なし / none） → あり / yes"));
  json expected = before;
  expected["title"] = "ひかり野市公式X";
  expected["social_media"]["mfa"] = true;
  const json after = json::parse(registry.run({"show", "SNS-T-01", "--format", "json"}).out);
  CHECK(after["record"] == expected);  // verification, person and start date as they were
  CHECK(after["verification"]["status"] == "failed");

  // Again with the same options: nothing changes, no audit entry.
  const std::size_t entries = registry.run({"audit", "log", "SNS-T-01", "--format", "jsonl"}).out.size();
  const ProcessResult same = registry.run({"channel", "register", "--ref", "SNS-T-01", "--title", "ひかり野市公式X"});
  CHECK(contains(same.out, "変更はありません / nothing changed"));
  CHECK(registry.run({"audit", "log", "SNS-T-01", "--format", "jsonl"}).out.size() == entries);
  // JSON output: what the registration did and the review, as POST /channels answers.
  const json as_json = json::parse(
      registry.run({"channel", "register", "--ref", "SNS-T-01", "--account", "@hikarino_t2", "--format", "json"}).out);
  CHECK(as_json["outcome"] == "updated");
  CHECK(as_json["changes"] == json::parse(R"([{"path": "/social_media/account", "before": "@hikarino_t",
                                                "after": "@hikarino_t2"}])"));
  CHECK(as_json["record"]["social_media"]["account"] == "@hikarino_t2");
  CHECK(as_json["review"].contains("findings"));
  // A ref of another kind is not a channel.
  const ProcessResult contract = registry.run({"channel", "register", "--ref", "EX-001", "--title", "x"});
  CHECK(contract.exit_code == 2);
  CHECK(contains(contract.err, "is not a channel"));

  // A first custodian named alone works in the channel's department; a successor is a new person.
  const ProcessResult custodian = registry.run({"channel", "register", "--ref", "SNS-T-01", "--custodian-name", "管理 花子"});
  INFO(custodian.err);
  CHECK(custodian.exit_code != 2);
  const json with_custodian = json::parse(registry.run({"show", "SNS-T-01", "--format", "json"}).out)["record"];
  CHECK(with_custodian["social_media"]["credential_custodian"] == json{{"name", "管理 花子"}, {"department", "秘書広報課"}});
  CHECK(registry.run({"channel", "register", "--ref", "SNS-T-01", "--responsible-department", "広聴課"}).exit_code != 2);
  const json moved = json::parse(registry.run({"show", "SNS-T-01", "--format", "json"}).out)["record"];
  CHECK(moved["responsible_person"] == json{{"name", "小林 真一"}, {"department", "広聴課"}});

  // The failed verification is voided, not deleted: show lists it as voided, and it stops counting.
  for (const std::string number : {"010", "0x1", "0", "-1", "1.0", "99999999999999999999"}) {
    CHECK(registry.run({"verify", "SNS-T-01", "--void", number, "--reason", "誤登録"}).exit_code == 2);
  }
  CHECK(registry.run({"verify", "SNS-T-01", "--void", "1"}).exit_code == 2);  // no reason
  CHECK(registry.run({"verify", "SNS-T-01", "--void", "1", "--reason", "誤登録", "--result", "pass"}).exit_code == 2);
  CHECK(registry.run({"verify", "SNS-T-01", "--void", "2", "--reason", "誤登録"}).exit_code == 2);
  const ProcessResult voided = registry.run({"verify", "SNS-T-01", "--void", "1", "--reason", "別アカウントの結果", "--actor", "監査"});
  INFO(voided.err);
  CHECK(voided.exit_code == 0);
  const ProcessResult shown = registry.run({"show", "SNS-T-01", "--as-of", "2026-11-03"});
  CHECK(contains(shown.out, "#1 2026-11-01 fail 監査"));
  CHECK(contains(shown.out, "※取消済み / voided"));
  CHECK(contains(shown.out, "別アカウントの結果"));
  CHECK_FALSE(contains(shown.out, "不適合"));
  CHECK(registry.run({"verify", "SNS-T-01", "--void", "1", "--reason", "again"}).exit_code == 2);
}

TEST_CASE("cli workflow: on a terminal, channel register asks for what is missing", "[cli][workflow][channel]") {
  ExampleRegistry registry;
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    WARN("util-linux `script` is not installed: the terminal prompt cannot be exercised");
    return;
  }
  // `script` gives itaku a pseudo-terminal; the answers are typed on it in order.
  const std::string answers = "市公式LINE\\n秘書広報課\\nline\\n@hikarino\\nhttps://lin.ee/abc\\n";
  const std::string command = "printf '" + answers + "' | script -qec " +
                              itaku::test::shell_quote(std::string(ITAKU_EXECUTABLE) + " channel register --ref SNS-LINE-1 --db " +
                                                       registry.db + " --as-of 2026-04-01") +
                              " /dev/null";
  REQUIRE(std::system((command + " >/dev/null 2>&1").c_str()) == 0);
  const json shown = json::parse(registry.run({"show", "SNS-LINE-1", "--format", "json"}).out);
  CHECK(shown["record"]["title"] == "市公式LINE");
  CHECK(shown["record"]["social_media"]["platform"] == "line");
  CHECK(shown["record"]["social_media"]["url"] == "https://lin.ee/abc");
}

TEST_CASE("cli workflow: on a terminal, channel register asks again for a bad value and keeps the other answers",
          "[cli][workflow][channel]") {
  ExampleRegistry registry;
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    WARN("util-linux `script` is not installed: the terminal prompt cannot be exercised");
    return;
  }
  // A platform no one has heard of, then LINE as printed; an address without https://, then one.
  const std::string answers = "市公式LINE\\n秘書広報課\\nmyspace\\nLINE公式アカウント\\n@hikarino\\nlin.ee/abc\\nhttps://lin.ee/abc\\n";
  const ScratchDir dir("prompt");
  const std::string command = "printf '" + answers + "' | script -qec " +
                              itaku::test::shell_quote(std::string(ITAKU_EXECUTABLE) + " channel register --ref SNS-LINE-2 --db " +
                                                       registry.db + " --as-of 2026-04-01") +
                              " /dev/null >" + (dir / "out.txt").string() + " 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string typed = itaku::test::read_file(dir / "out.txt");
  INFO(typed);
  CHECK(contains(typed, "myspace"));
  CHECK(contains(typed, "https://"));
  const json shown = json::parse(registry.run({"show", "SNS-LINE-2", "--format", "json"}).out);
  CHECK(shown["record"]["title"] == "市公式LINE");
  CHECK(shown["record"]["department"] == "秘書広報課");
  CHECK(shown["record"]["social_media"]["platform"] == "line");
  CHECK(shown["record"]["social_media"]["url"] == "https://lin.ee/abc");
}

TEST_CASE("cli workflow: channel register reads the platform as people write it", "[cli][workflow][channel]") {
  ExampleRegistry registry;
  for (const auto& [ref, printed] : {std::pair{"SNS-P-1", "X"}, {"SNS-P-2", "X(旧Twitter)"}, {"SNS-P-3", "Ｘ（旧ツイッター）"}}) {
    const ProcessResult run = registry.run({"channel", "register", "--ref", ref, "--title", "市公式X", "--department", "秘書広報課",
                                            "--platform", printed, "--account", std::string("@p") + ref[6],
                                            "--url", std::string("https://x.com/p") + ref[6]});
    INFO(printed << ": " << run.err);
    CHECK(run.exit_code != 2);
    CHECK(json::parse(registry.run({"show", ref, "--format", "json"}).out)["record"]["social_media"]["platform"] == "x");
  }
  const ProcessResult unknown = registry.run({"channel", "register", "--ref", "SNS-P-9", "--title", "t", "--department", "d",
                                              "--platform", "myspace", "--account", "a", "--url", "https://a.example/a"});
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.err, "プラットフォーム"));
  CHECK(contains(unknown.err, "not a platform"));
  // The output says the verification status in both languages, not as a code word.
  const ProcessResult registered = registry.run({"channel", "register", "--ref", "SNS-P-1", "--title", "市公式X（本部）"});
  CHECK(contains(registered.out, "未確認 / "));
  CHECK_FALSE(contains(registered.out, "verification: unverified"));
}

TEST_CASE("cli workflow: due lists the month's work in date order", "[cli][workflow]") {
  ExampleRegistry registry;
  const ProcessResult due = registry.run({"due", "--as-of", "2026-04-01", "--within", "60", "--format", "json"});
  REQUIRE(due.exit_code == 0);
  const json items = json::parse(due.out);
  REQUIRE(items.size() > 0);
  std::string previous;
  for (const auto& item : items) {
    CHECK(item["date"].get<std::string>() >= previous);
    previous = item["date"];
    CHECK((item["what"] == "verification" || item["what"] == "certification"));
  }
  // EX-001's vendor's Privacy Mark lapsed on 2026-01-31, 60 days before: said so, in both languages.
  const auto lapsed = std::find_if(items.begin(), items.end(), [](const json& item) {
    return item["what"] == "certification" && item["ref"] == "EX-001";
  });
  REQUIRE(lapsed != items.end());
  CHECK((*lapsed)["status"] == "expired");
  CHECK((*lapsed)["days"] == -60);
  const ProcessResult text = registry.run({"due", "--as-of", "2026-04-01"});
  CHECK(text.exit_code == 0);
  INFO(text.out);
  CHECK(text.out.find("EX-001") != std::string::npos);
  CHECK(text.out.find("有効期限切れ 60 日経過 / expired 60 days ago") != std::string::npos);
  CHECK(text.out.find("days overdue") != std::string::npos);
}

TEST_CASE("cli workflow: due says today, one day and a failed verification plainly", "[cli][workflow]") {
  ExampleRegistry registry;
  // EX-001: its vendor's Privacy Mark is valid through 2026-01-31; its verification fell due on
  // 2025-03-25 (a year after the last one).
  auto due_on = [&](const std::string& as_of) {
    const ProcessResult run = registry.run({"due", "--as-of", as_of, "--within", "400"});
    REQUIRE(run.exit_code == 0);
    return run.out;
  };
  auto line_of = [](const std::string& out, const std::string& what, const std::string& ref) {
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
      if (line.find(what) != std::string::npos && line.find(" " + ref + "  ") != std::string::npos) return line;
    }
    return std::string("(no line)");
  };
  CHECK_THAT(line_of(due_on("2026-01-30"), "certification", "EX-001"),
             Catch::EndsWith("有効期限まで 1 日 / expires in 1 day"));
  CHECK_THAT(line_of(due_on("2026-01-31"), "certification", "EX-001"),
             Catch::EndsWith("本日まで有効 / valid through today"));
  CHECK_THAT(line_of(due_on("2026-02-01"), "certification", "EX-001"),
             Catch::EndsWith("有効期限切れ 1 日経過 / expired 1 day ago"));
  CHECK_THAT(line_of(due_on("2025-03-25"), "verification", "EX-001"), Catch::EndsWith("本日期限 / due today"));
  CHECK_THAT(line_of(due_on("2025-03-26"), "verification", "EX-001"),
             Catch::EndsWith("期限超過 1 日 / 1 day overdue"));
  // R7-C-011's last verification failed: the remedy is due whatever the date.
  CHECK_THAT(line_of(due_on("2026-04-01"), "verification", "R7-C-011"),
             Catch::EndsWith("前回の確認が不合格 / the last verification failed"));
}

TEST_CASE("cli workflow: due keeps each item on one line, narrows to a department or kind, and writes CSV for a mail merge",
          "[cli][workflow][due]") {
  ExampleRegistry registry;
  // A title typed with line breaks (a ledger cell with Alt+Enter) and one Excel would run as a formula.
  const std::string examples = itaku::test::read_file(std::string(ITAKU_SOURCE_DIR) + "/examples/engagements.jsonl");
  json record = json::parse(examples.substr(0, examples.find('\n')));  // EX-001
  record["ref"] = "NL-1";
  record["title"] = "=窓口受付\n業務委託\r\n（本庁舎）\u2028二期";
  record["department"] = "市民課";
  const ScratchDir dir("due");
  itaku::test::write_file(dir / "nl.jsonl", record.dump() + "\n");
  REQUIRE(registry.run({"import", (dir / "nl.jsonl").string()}).exit_code == 0);

  const json items = json::parse(registry.run({"due", "--as-of", "2026-04-01", "--within", "60", "--format", "json"}).out);
  const ProcessResult text = registry.run({"due", "--as-of", "2026-04-01", "--within", "60"});
  REQUIRE(text.exit_code == 0);
  INFO(text.out);
  CHECK(static_cast<std::size_t>(std::count(text.out.begin(), text.out.end(), '\n')) == items.size());
  CHECK(contains(text.out, "=窓口受付⏎業務委託⏎（本庁舎）⏎二期（市民課）"));

  // Narrowed: only the department's (or the kind's) items, the department's certificate included.
  const json citizens = json::parse(
      registry.run({"due", "--as-of", "2026-04-01", "--within", "60", "--department", "市民課", "--format", "json"}).out);
  REQUIRE(citizens.size() >= 2);
  CHECK(citizens.size() < items.size());
  for (const auto& item : citizens) CHECK(item["department"] == "市民課");
  CHECK(std::any_of(citizens.begin(), citizens.end(), [](const json& i) { return i["what"] == "certification"; }));
  const json channels = json::parse(
      registry.run({"due", "--as-of", "2026-04-01", "--within", "60", "--kind", "social_media", "--format", "json"}).out);
  REQUIRE_FALSE(channels.empty());
  for (const auto& item : channels) CHECK(item["ref"].get<std::string>().rfind("EX-001", 0) != 0);
  CHECK(registry.run({"due", "--kind", "clod"}).exit_code == 2);
  const ProcessResult nobody = registry.run({"due", "--as-of", "2026-04-01", "--department", "市民"});
  CHECK(nobody.exit_code == 0);
  CHECK(contains(nobody.out, "所管課 / department 市民"));  // the filter is echoed: a typo shows

  // CSV: BOM, a header, one row per item; days are numbers; a formula is text.
  const ProcessResult csv = registry.run({"due", "--as-of", "2026-04-01", "--within", "60", "--format", "csv"});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.rfind("\xEF\xBB\xBF種別,期日,参照番号,件名,所管課,内容,状況,日数,状況コード\r\n", 0) == 0);
  CHECK(contains(csv.out, "\"'=窓口受付\n業務委託\r\n（本庁舎）\u2028二期\""));
  CHECK(contains(csv.out, ",期限超過 372 日,-372,overdue\r\n"));
  CHECK(contains(csv.out, ",有効期限切れ 60 日経過,-60,expired\r\n"));
  const std::string english = registry.run({"due", "--as-of", "2026-04-01", "--within", "60", "--format", "csv", "--lang", "en"}).out;
  CHECK(contains(english, "What,Date,Ref,Title,Department,Detail,Status,Days,Status code\r\n"));
  CHECK(contains(english, ",372 days overdue,-372,overdue\r\n"));
}

TEST_CASE("cli workflow: an error in a .json file names the line and column of the field, in Japanese and English",
          "[cli][workflow][messages]") {
  ExampleRegistry registry;
  const ScratchDir dir("positions");
  itaku::test::write_file(dir / "new1.json",
                          "[\n  {\"ref\": \"J-1\", \"kind\": \"contractor\", \"title\": \"t\", \"department\": \"d\",\n"
                          "   \"period\": {\"start\": \"2026/04/01\"}}\n]\n");
  const ProcessResult imported = registry.run({"import", (dir / "new1.json").string()});
  INFO(imported.out << imported.err);
  CHECK(imported.exit_code == 2);
  CHECK(contains(imported.out, "new1.json:3:24: J-1: /period/start: 日付は YYYY-MM-DD の形で入力してください"));
  CHECK(contains(imported.out, " / expected a date YYYY-MM-DD, got '2026/04/01'"));
  const json report = json::parse(registry.run({"review", (dir / "new1.json").string(), "--format", "json"}).out);
  const auto& errors = report.at("errors");
  const auto start = std::find_if(errors.begin(), errors.end(), [](const json& e) { return e.at("path") == "/period/start"; });
  REQUIRE(start != errors.end());
  CHECK(start->at("line") == 3);
  CHECK(start->at("column") == 24);
  CHECK(start->at("record") == 1);
}

TEST_CASE("cli on a terminal: a record's escape sequences are shown, not obeyed", "[cli][workflow][terminal]") {
  ScratchDir dir("terminal");
  const std::string db = (dir / "itaku.db").string();
  const json record = {{"ref", "H-3"},
                       {"kind", "contractor"},
                       {"title", "t\x1b[31mRED\x07"},
                       {"department", "d"},
                       {"vendor", {{"name", "V\x1b]0;pwned\x07x\r"}, {"country", "JP"}}},
                       {"information", {{"confidentiality", 1}, {"integrity", 1}, {"availability", 1}}},
                       {"period", {{"start", "2025-04-01"}}}};
  REQUIRE(run_itaku({"import", "-", "--db", db}, record.dump() + "\n").exit_code == 0);
  // `script` (util-linux) gives the command a terminal, as a clerk's shell would.
  const auto on_terminal = itaku::test::run_command_line(
      "script -qec " + itaku::test::shell_quote(itaku::test::itaku_command_line({"show", "H-3", "--db", db})) +
      " /dev/null");
  INFO(on_terminal.out);
  REQUIRE(on_terminal.exit_code == 0);
  CHECK(on_terminal.out.find('\x1b') == std::string::npos);
  CHECK(on_terminal.out.find('\x07') == std::string::npos);
  CHECK(on_terminal.out.find("t\xEF\xBF\xBD[31mRED\xEF\xBF\xBD") != std::string::npos);
  // Into a pipe the bytes are what they are (JSON escapes them itself).
  const auto piped = run_itaku({"show", "H-3", "--db", db});
  CHECK(piped.out.find('\x1b') != std::string::npos);
}

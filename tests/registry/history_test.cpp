// Writes keep history (README "History is append-only", "Import is the truth for the fields a
// record carries"), through RegistryService on every backend.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/domain/verification.hpp"
#include "itaku/service/registry_service.hpp"
#include "itaku/schema/schemas.hpp"
#include "plugin_fixture.hpp"
#include "registry/service_fixture.hpp"
#include "sample_engagements.hpp"

using namespace itaku;
using nlohmann::json;

namespace {

const Date kAsOf = Date::from_ymd(2025, 6, 1);

struct Office : test::ServiceDatabase {
  using ServiceDatabase::ServiceDatabase;
  ImportReport import_text(const std::string& text, bool dry_run = false) {
    std::stringstream stream(text);
    std::vector<std::unique_ptr<RecordSource>> sources;
    sources.push_back(make_jsonl_source(stream, "records.jsonl"));
    ImportOptions options;
    options.dry_run = dry_run;
    options.actor = "tester";
    auto report = service->import_records(sources, options);
    if (!report) FAIL(report.status().to_string());
    return *report;
  }
  std::string export_text() {
    std::ostringstream out;
    auto writer = make_record_writer(RecordFormat::kJsonl, out, field_types_for(test::real_plugins()));
    REQUIRE(service->export_records({}, *writer));
    return out.str();
  }
  std::size_t audit_count() {
    std::size_t entries = 0;
    REQUIRE(service->for_each_audit(std::nullopt, [&](const AuditEntry&) { ++entries; }));
    return entries;
  }
  Engagement stored(const std::string& ref) {
    auto shown = service->show(ref, kAsOf);
    REQUIRE(shown);
    return shown->engagement;
  }
};

std::string read_examples() {
  std::ifstream in(std::string(ITAKU_SOURCE_DIR) + "/examples/engagements.jsonl");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const Verification kFailed{Date::from_ymd(2025, 5, 30), VerificationResult::kFail, std::string("監査"), std::string("是正要求"),
                           std::nullopt};

}  // namespace

TEST_CASE("history: importing the examples twice, or an export, changes nothing and audits nothing", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  const ImportReport first = office.import_text(read_examples());
  REQUIRE(first.created == 25);
  const std::size_t entries = office.audit_count();
  const std::string exported = office.export_text();

  const ImportReport again = office.import_text(read_examples());
  CHECK(again.created == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == 25);
  const ImportReport round_trip = office.import_text(exported);
  CHECK(round_trip.unchanged == 25);
  CHECK(round_trip.updated == 0);
  CHECK(office.audit_count() == entries);
  CHECK(office.export_text() == exported);
}

TEST_CASE("history: an import keeps what its record leaves out, and the verifications it does not list",
          "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  REQUIRE(office.service->add_verification("EX-001", kFailed, "監査"));

  // The ledger's line for EX-001: a new title, no period end, no interval, no verifications.
  json line = test::worked_example_ex001();
  line["title"] = "窓口受付等業務委託";
  line["period"].erase("end");
  line.erase("verifications");
  line.erase("network_zone");
  const ImportReport report = office.import_text(line.dump() + "\n");
  CHECK(report.updated == 1);
  const Engagement after = office.stored("EX-001");
  CHECK(after.title == "窓口受付等業務委託");
  REQUIRE(after.period.end);
  CHECK(*after.period.end == Date::from_ymd(2027, 3, 31));
  REQUIRE(after.network_zone);
  CHECK(*after.network_zone == NetworkZone::kLgwan);
  REQUIRE(after.verifications.size() == 2);
  CHECK(after.verifications[1].same_check(kFailed));
  CHECK(verification_state(after, kAsOf).status == VerificationStatus::kFailed);

  // A line listing a new verification adds it after the stored ones.
  line["verifications"] = json::array({{{"date", "2025-06-10"}, {"result", "pass"}, {"verifier", "監査"}}});
  CHECK(office.import_text(line.dump() + "\n").updated == 1);
  const Engagement added = office.stored("EX-001");
  REQUIRE(added.verifications.size() == 3);
  CHECK(added.verifications[0].date == Date::from_ymd(2024, 3, 25));
  CHECK(added.verifications[2].date == Date::from_ymd(2025, 6, 10));
  // The same line again is unchanged, with no audit entry.
  const std::size_t entries = office.audit_count();
  CHECK(office.import_text(line.dump() + "\n").unchanged == 1);
  CHECK(office.audit_count() == entries);
}

TEST_CASE("history: another vendor in an import replaces the old one whole", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  json line = test::worked_example_ex001();
  // 国税庁 (a real 法人番号 with a valid check digit), without certifications or a country.
  line["vendor"] = {{"name", "国税庁"}, {"corporate_number", "7000012050002"}};
  REQUIRE(office.import_text(line.dump() + "\n").updated == 1);
  const Engagement after = office.stored("EX-001");
  REQUIRE(after.vendor);
  CHECK(after.vendor->name == "国税庁");
  CHECK(after.vendor->certifications.empty());  // the old vendor's Privacy Mark does not follow
  CHECK_FALSE(after.vendor->country);
}

TEST_CASE("history: a record dropping or altering a stored verification is refused, naming it", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  REQUIRE(office.service->add_verification("EX-001", kFailed, "監査"));
  const std::size_t entries = office.audit_count();

  json without = test::worked_example_ex001();  // lists only the first verification
  auto refused = office.service->register_record(without, kAsOf, "owner");
  REQUIRE_FALSE(refused);
  CHECK(refused.status().code() == ErrorCode::kConflict);
  CHECK(refused.status().path() == "/verifications/1");
  CHECK(refused.status().message().find("#2 2025-05-30 fail (監査)") != std::string::npos);

  without.erase("verifications");  // not listed at all: kept
  without["title"] = "窓口受付業務委託（更新）";
  auto kept = office.service->register_record(without, kAsOf, "owner");
  REQUIRE(kept);
  CHECK(kept->outcome == UpsertOutcome::kUpdated);
  CHECK(kept->after.verifications.size() == 2);
  CHECK(kept->review.verification.status == VerificationStatus::kFailed);
  CHECK(office.audit_count() == entries + 1);

  // A patch that replaces the list with another is refused as well.
  auto patched = office.service->update_record("EX-001", json{{"verifications", json::array()}}, kAsOf, "owner");
  REQUIRE_FALSE(patched);
  CHECK(patched.status().code() == ErrorCode::kConflict);
  CHECK(office.stored("EX-001").verifications.size() == 2);
}

TEST_CASE("history: a voided verification stays, no longer counts, and is audited", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  REQUIRE(office.service->add_verification("EX-001", kFailed, "監査"));
  REQUIRE(verification_state(office.stored("EX-001"), kAsOf).status == VerificationStatus::kFailed);

  CHECK(office.service->void_verification("EX-001", 2, " ", "officer").status().code() == ErrorCode::kInvalidArgument);
  CHECK(office.service->void_verification("EX-001", 3, "誤登録", "officer").status().code() == ErrorCode::kNotFound);
  CHECK(office.service->void_verification("NO-SUCH", 1, "誤登録", "officer").status().code() == ErrorCode::kNotFound);
  auto voided = office.service->void_verification("EX-001", 2, "別の案件の結果を誤って登録", "officer");
  REQUIRE(voided);
  const Engagement after = office.stored("EX-001");
  REQUIRE(after.verifications.size() == 2);
  REQUIRE(after.verifications[1].voided);
  CHECK(after.verifications[1].voided->by == "officer");
  CHECK(after.verifications[1].voided->reason == "別の案件の結果を誤って登録");
  CHECK(verification_state(after, kAsOf).status != VerificationStatus::kFailed);
  CHECK(office.service->void_verification("EX-001", 2, "again", "officer").status().code() == ErrorCode::kAlreadyExists);

  std::vector<AuditEntry> trail;
  REQUIRE(office.service->for_each_audit(std::string("EX-001"), [&](const AuditEntry& e) { trail.push_back(e); }));
  REQUIRE(!trail.empty());
  CHECK(trail.back().action == "verification.void");
  CHECK(json::parse(trail.back().after_json)["verifications"][1]["voided"]["reason"] == "別の案件の結果を誤って登録");

  // An export carries the void; imported into an empty registry it gives the same state.
  const std::string exported = office.export_text();
  CHECK(exported.find("\"voided\"") != std::string::npos);
  Office copy(office.database.backend());
  REQUIRE(copy.import_text(exported).created == 1);
  CHECK(copy.export_text() == exported);
  CHECK(office.import_text(exported).unchanged == 1);
}

TEST_CASE("history: clause evidence is added after the earlier notes, which stay", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  REQUIRE(office.service->set_clause("EX-001", "OUT-09", false, std::string("次回更新時に追加予定"), "officer"));
  REQUIRE(office.service->set_clause("EX-001", "OUT-09", true, std::string("変更契約第3条"), "officer"));
  const Engagement after = office.stored("EX-001");
  REQUIRE(after.clause_evidence.size() == 2);
  CHECK(after.clause_evidence[0].note == "次回更新時に追加予定");
  CHECK(after.clause_evidence[1].note == "変更契約第3条");
  CHECK(after.has_clause("OUT-09"));
  // A record without clause evidence keeps it.
  auto kept = office.service->register_record(test::worked_example_ex001(), kAsOf, "owner");
  REQUIRE(kept);
  CHECK(office.stored("EX-001").clause_evidence.size() == 2);
}

TEST_CASE("history: a patch naming another vendor or person brings nothing of the old one", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  REQUIRE(office.service->deactivate_person(office.service->list_persons(true)->front().id, "setup"));

  // Another 法人番号 without a name is not a vendor: the name is required (nothing of the old one is used).
  auto nameless = office.service->update_record("EX-001", json{{"vendor", {{"corporate_number", "7000012050002"}}}}, kAsOf, "t");
  REQUIRE_FALSE(nameless);
  CHECK(nameless.status().path() == "/vendor/name");
  auto other = office.service->update_record(
      "EX-001", json{{"vendor", {{"corporate_number", "7000012050002"}, {"name", "国税庁"}}}}, kAsOf, "t");
  REQUIRE(other);
  REQUIRE(other->after.vendor);
  CHECK(other->after.vendor->certifications.empty());
  CHECK_FALSE(other->after.vendor->country);
  // The same vendor patched keeps what the patch does not name.
  auto renamed = office.service->update_record("EX-001", json{{"vendor", {{"country", "JP"}}}}, kAsOf, "t");
  REQUIRE(renamed);
  CHECK(renamed->after.vendor->name == "国税庁");
  CHECK(renamed->after.vendor->corporate_number == std::optional<std::string>("7000012050002"));

  // A successor named by a patch is a new, active person, without the predecessor's e-mail.
  auto successor = office.service->update_record("EX-001", json{{"responsible_person", {{"name", "後任 次郎"}}}}, kAsOf, "t");
  REQUIRE(successor);
  REQUIRE(successor->after.responsible_person);
  CHECK(successor->after.responsible_person->name == "後任 次郎");
  CHECK(successor->after.responsible_person->department == "市民課");
  CHECK(successor->after.responsible_person->is_active());
  CHECK_FALSE(successor->after.responsible_person->email);
}

TEST_CASE("history: a record cannot bring a new verification already voided", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  json record = test::worked_example_ex001();
  record["verifications"].push_back({{"date", "2025-05-30"},
                                     {"result", "fail"},
                                     {"voided", {{"at", "2025-05-31T00:00:00Z"}, {"by", "officer"}, {"reason", "偽装"}}}});
  auto refused = office.service->register_record(record, kAsOf, "owner");
  REQUIRE_FALSE(refused);
  CHECK(refused.status().code() == ErrorCode::kConflict);
  CHECK(refused.status().path() == "/verifications/1/voided");
  CHECK(office.stored("EX-001").verifications.size() == 1);
}

TEST_CASE("history: a vendor keeps its country when a record leaves it out", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  json line = test::worked_example_ex001();
  line["ref"] = "EX-003";
  line["vendor"].erase("country");
  line["vendor"].erase("certifications");
  REQUIRE(office.import_text(line.dump() + "\n").created == 1);
  CHECK(office.stored("EX-003").vendor->country == std::optional<std::string>("JP"));
  CHECK(office.stored("EX-001").vendor->country == std::optional<std::string>("JP"));
}

TEST_CASE("history: repeating a clause note or a deactivation writes nothing", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  REQUIRE(office.service->set_clause("EX-001", "OUT-09", true, std::string("契約書第12条"), "officer"));
  const std::size_t entries = office.audit_count();
  REQUIRE(office.service->set_clause("EX-001", "OUT-09", true, std::string("契約書第12条"), "officer"));
  CHECK(office.stored("EX-001").clause_evidence.size() == 1);
  const long long person = office.service->list_persons(true)->front().id;
  REQUIRE(office.service->deactivate_person(person, "officer"));
  REQUIRE(office.service->deactivate_person(person, "officer"));
  CHECK(office.audit_count() == entries + 1);
}

TEST_CASE("history: re-importing a terminated engagement as active ends its termination", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
  REQUIRE(office.service->terminate("EX-001", Termination{Date::from_ymd(2025, 6, 1), std::nullopt}, "officer"));
  nlohmann::json active = test::worked_example_ex001();
  active["status"] = "active";  // the record says so: the contract runs again
  CHECK(office.import_text(active.dump() + "\n").updated == 1);
  const Engagement after = office.stored("EX-001");
  CHECK(after.status == EngagementStatus::kActive);
  CHECK_FALSE(after.termination);
  // What is stored exports and imports again.
  CHECK(office.import_text(office.export_text()).invalid == 0);
}

TEST_CASE("history: a re-import that leaves out a field with a default keeps what is stored", "[registry][history]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  // The ledger's line, as imported again and again: no status, no my_number.
  const std::string ledger_line = test::worked_example_ex001().dump() + "\n";
  REQUIRE(office.import_text(ledger_line).created == 1);
  REQUIRE(office.service->terminate("EX-001", Termination{Date::from_ymd(2025, 6, 1), std::string("廃棄証明書受領")},
                                    "officer"));
  nlohmann::json flagged = test::worked_example_ex001();
  flagged["ref"] = "EX-009";
  flagged["status"] = "planned";
  flagged["information"]["my_number"] = true;
  flagged["network_zone"] = "mynumber";
  REQUIRE(office.import_text(flagged.dump() + "\n").created == 1);
  nlohmann::json plain = test::worked_example_ex001();
  plain["ref"] = "EX-009";
  plain.erase("network_zone");

  const std::size_t entries = office.audit_count();
  const ImportReport again = office.import_text(ledger_line + plain.dump() + "\n");
  CHECK(again.unchanged == 2);  // nothing the lines give differs from what is stored
  const Engagement ex001 = office.stored("EX-001");
  CHECK(ex001.status == EngagementStatus::kTerminated);
  REQUIRE(ex001.termination);
  CHECK(ex001.termination->note == std::optional<std::string>("廃棄証明書受領"));
  const Engagement ex009 = office.stored("EX-009");
  CHECK(ex009.status == EngagementStatus::kPlanned);  // not reset to the default, active
  CHECK(ex009.information.my_number);                 // not reset to false: the tier stays 1
  CHECK(ex009.network_zone == NetworkZone::kMyNumber);
  CHECK(office.audit_count() == entries);
}

// The office's everyday work through RegistryService, on every backend: each change validated
// like a record, audited, and visible to the rules.
#include <catch2/catch.hpp>

#include <algorithm>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/service/registry_service.hpp"
#include "plugin_fixture.hpp"
#include "registry/test_databases.hpp"
#include "sample_engagements.hpp"

using namespace itaku;
using nlohmann::json;

namespace {

const Date kAsOf = Date::from_ymd(2025, 6, 1);

const ReviewService& review_service() {
  static const ReviewService instance = ReviewService::create(test::real_plugins()).value();
  return instance;
}

struct Office {
  explicit Office(const std::string& backend) : database(backend) {
    auto opened = Registry::open(database.location());
    if (!opened) FAIL(opened.status().to_string());
    registry = std::move(opened).value();
    service = std::make_unique<RegistryService>(*registry, review_service());
    for (const auto& record : {test::worked_example_ex001(), test::worked_example_ex002()}) {
      REQUIRE(service->register_record(record, kAsOf, "setup"));
    }
  }
  std::vector<std::string> finding_ids(const std::string& ref) {
    auto result = service->assess(ref, kAsOf, "tester");
    REQUIRE(result);
    std::vector<std::string> ids;
    for (const auto& finding : result->review.findings) ids.push_back(finding.id);
    return ids;
  }
  std::vector<AuditEntry> audit_of(const std::string& key) {
    std::vector<AuditEntry> entries;
    REQUIRE(service->for_each_audit(key, [&](const AuditEntry& e) { entries.push_back(e); }));
    return entries;
  }
  test::TestDatabase database;
  std::unique_ptr<Registry> registry;
  std::unique_ptr<RegistryService> service;
};

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST_CASE("workflow: recording a verification clears the overdue finding and is audited", "[registry][workflow]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  CHECK(has(office.finding_ids("EX-001"), "GEN-02"));
  auto changed = office.service->add_verification(
      "EX-001", {Date::from_ymd(2025, 5, 20), VerificationResult::kPass, "監査担当", "現地確認", std::nullopt}, "佐藤");
  REQUIRE(changed);
  CHECK(changed->verifications.size() == 2);
  CHECK_FALSE(has(office.finding_ids("EX-001"), "GEN-02"));
  const auto entries = office.audit_of("EX-001");
  CHECK(std::any_of(entries.begin(), entries.end(), [](const AuditEntry& e) {
    return e.action == "verification.add" && e.actor == "佐藤" && e.after_json.find("現地確認") != std::string::npos;
  }));
  auto failed = office.service->add_verification("EX-001", {Date::from_ymd(2025, 5, 30), VerificationResult::kFail, "監査担当", {}, {}}, "佐藤");
  REQUIRE(failed);
  CHECK(has(office.finding_ids("EX-001"), "GEN-02"));
  auto missing = office.service->add_verification("NO-SUCH", {kAsOf, VerificationResult::kPass, "x", {}, {}}, "佐藤");
  REQUIRE_FALSE(missing);
  CHECK(missing.status().code() == ErrorCode::kNotFound);
}

TEST_CASE("workflow: clause status with evidence, and an unknown clause changes nothing", "[registry][workflow]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  CHECK(has(office.finding_ids("EX-001"), "OUT-09"));
  auto present = office.service->set_clause("EX-001", "OUT-09", true, std::string("契約書第12条"), "佐藤");
  REQUIRE(present);
  CHECK_FALSE(has(office.finding_ids("EX-001"), "OUT-09"));
  REQUIRE(present->clause_evidence.size() == 1);
  CHECK(present->clause_evidence[0].note == "契約書第12条");
  auto missing = office.service->set_clause("EX-001", "OUT-14", false, std::string("次回更新時に追加"), "佐藤");
  REQUIRE(missing);
  CHECK(has(office.finding_ids("EX-001"), "OUT-14"));
  const auto stored = office.registry->find_engagement("EX-001");
  CHECK(engagement_to_json(*stored)["clause_evidence"].size() == 2);

  const auto before = engagement_to_json(*office.registry->find_engagement("EX-001"));
  auto unknown = office.service->set_clause("EX-001", "OUT-99", true, std::nullopt, "佐藤");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.status().code() == ErrorCode::kInvalidArgument);
  CHECK(unknown.status().message().find("OUT-99") != std::string::npos);
  CHECK(engagement_to_json(*office.registry->find_engagement("EX-001")) == before);
}

TEST_CASE("workflow: termination records the return date and ends GEN-02/GEN-04", "[registry][workflow]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  json ended = test::worked_example_ex001();
  ended["ref"] = "EX-OLD";
  ended["period"]["end"] = "2025-03-31";
  REQUIRE(office.service->register_record(ended, kAsOf, "setup"));
  CHECK(has(office.finding_ids("EX-OLD"), "GEN-04"));
  auto terminated = office.service->terminate("EX-OLD", {Date::from_ymd(2025, 4, 15), std::string("廃棄証明書受領")}, "佐藤");
  REQUIRE(terminated);
  CHECK(terminated->status == EngagementStatus::kTerminated);
  const auto ids = office.finding_ids("EX-OLD");
  CHECK_FALSE(has(ids, "GEN-04"));
  CHECK_FALSE(has(ids, "GEN-02"));
  const auto stored = office.registry->find_engagement("EX-OLD");
  REQUIRE(stored->termination);
  CHECK(stored->termination->return_confirmed_on == Date::from_ymd(2025, 4, 15));
  CHECK(stored->termination->note == "廃棄証明書受領");
}

TEST_CASE("workflow: vendor certifications are added and renewed for every engagement of the vendor", "[registry][workflow]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  auto renewed = office.service->put_certification(
      "4011001098993", {"PMARK", std::string("10861234(03)"), Date::from_ymd(2028, 1, 31)}, "調達担当");
  REQUIRE(renewed);
  REQUIRE(renewed->after.vendor.certifications.size() == 1);
  CHECK(renewed->after.vendor.certifications[0].valid_until == Date::from_ymd(2028, 1, 31));
  CHECK(renewed->before.certifications.at(0).valid_until < Date::from_ymd(2028, 1, 31));
  auto added = office.service->put_certification("4011001098993", {"ISMS", std::string("IS 1"), Date::from_ymd(2027, 3, 31)}, "調達担当");
  REQUIRE(added);
  CHECK(added->after.vendor.certifications.size() == 2);
  CHECK(added->after.engagements == 1);
  CHECK(office.registry->find_engagement("EX-001")->vendor->certifications.size() == 2);
  const auto entries = office.audit_of("4011001098993");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].entity == "vendor");
  auto unknown = office.service->put_certification("1234567890123", {"ISMS", std::nullopt, Date::from_ymd(2027, 1, 1)}, "x");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.status().code() == ErrorCode::kNotFound);
}

TEST_CASE("workflow: a transferred person is flagged until the engagements are reassigned", "[registry][workflow]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  auto persons = office.service->list_persons(true);
  REQUIRE(persons);
  REQUIRE(persons->size() == 1);
  const long long ueno = persons->front().id;
  CHECK(persons->front().engagements == 1);

  auto successor = office.service->add_person({"佐藤 花子", "市民課", std::string("hanako@example.jp"), true}, "人事担当");
  REQUIRE(successor);
  auto twice = office.service->add_person({"佐藤 花子", "市民課", std::nullopt, true}, "人事担当");
  REQUIRE_FALSE(twice);
  CHECK(twice.status().code() == ErrorCode::kAlreadyExists);

  REQUIRE(office.service->deactivate_person(ueno, "人事担当"));
  CHECK(has(office.finding_ids("EX-001"), "GEN-01"));
  CHECK(office.service->list_persons(false)->size() == 1);  // only the active successor

  auto to_inactive = office.service->reassign_person(successor->id, ueno, "人事担当");
  REQUIRE_FALSE(to_inactive);
  CHECK(to_inactive.status().code() == ErrorCode::kInvalidArgument);  // exit 2, not 3
  CHECK(to_inactive.status().path() == "to");
  // Onto the same person, or an unknown one: refused with the argument at fault, nothing moved.
  auto onto_itself = office.service->reassign_person(ueno, ueno, "人事担当");
  REQUIRE_FALSE(onto_itself);
  CHECK(onto_itself.status().code() == ErrorCode::kInvalidArgument);
  CHECK(onto_itself.status().path() == "to");
  auto unknown = office.service->reassign_person(987654, successor->id, "人事担当");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.status().code() == ErrorCode::kNotFound);
  CHECK(unknown.status().path() == "from");
  CHECK(unknown.status().message().find("987654") != std::string::npos);

  auto moved = office.service->reassign_person(ueno, successor->id, "人事担当");
  REQUIRE(moved);
  CHECK(*moved == std::vector<std::string>{"EX-001"});
  CHECK_FALSE(has(office.finding_ids("EX-001"), "GEN-01"));
  CHECK(office.registry->find_engagement("EX-001")->responsible_person->name == "佐藤 花子");
  const auto entries = office.audit_of("EX-001");
  CHECK(std::any_of(entries.begin(), entries.end(), [](const AuditEntry& e) { return e.action == "person.reassign"; }));
}

TEST_CASE("workflow: a record that does not say whether its person is active leaves a deactivated person inactive",
          "[registry][workflow]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  const long long ueno = office.service->list_persons(true)->front().id;
  REQUIRE(office.service->deactivate_person(ueno, "人事担当"));
  const std::size_t entries_before = office.audit_of("EX-001").size();

  // The same record again (its responsible_person has no "active"): nothing changes.
  REQUIRE(office.service->register_record(test::worked_example_ex001(), kAsOf, "import"));
  auto persons = office.service->list_persons(true);
  REQUIRE(persons);
  REQUIRE(persons->size() == 1);
  CHECK_FALSE(persons->front().person.is_active());
  CHECK(has(office.finding_ids("EX-001"), "GEN-01"));
  CHECK(office.audit_of("EX-001").size() == entries_before + 1);  // the assessment above, no update

  // A record that says so re-activates the person.
  json active = test::worked_example_ex001();
  active["responsible_person"]["active"] = true;
  REQUIRE(office.service->register_record(active, kAsOf, "import"));
  CHECK(office.service->list_persons(true)->front().person.is_active());
  CHECK_FALSE(has(office.finding_ids("EX-001"), "GEN-01"));
}

TEST_CASE("workflow: assess stores the result and show returns it with the engagement", "[registry][workflow]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  auto result = office.service->assess("EX-002", kAsOf, "広報担当");
  REQUIRE(result);
  CHECK(result->review.decision == Decision::kConditional);
  auto details = office.service->show("EX-002", kAsOf);
  REQUIRE(details);
  REQUIRE(details->last_assessment);
  // What assess returns as stored is what show reads back.
  CHECK(details->last_assessment->assessed_at == result->stored.assessed_at);
  CHECK(details->last_assessment->result_json == result->stored.result_json);
  CHECK(details->last_assessment->plugin == "social_media");
  CHECK(details->last_assessment->plugin_version == "1.0.0");
  CHECK(details->last_assessment->actor == "広報担当");
  CHECK(json::parse(details->last_assessment->result_json)["decision"] == "conditional");
  CHECK(details->verification.status == VerificationStatus::kUnverified);
  CHECK_FALSE(office.service->show("NOPE", kAsOf));
}

TEST_CASE("workflow: registering an invalid channel is refused with the field at fault", "[registry][workflow]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  json channel = test::worked_example_ex002();
  channel["ref"] = "SNS-NEW";
  channel["social_media"]["url"] = "not a url";
  auto refused = office.service->register_record(channel, kAsOf, "広報担当");
  REQUIRE_FALSE(refused);
  CHECK(refused.status().path() == "/social_media/url");
  CHECK_FALSE(office.registry->find_engagement("SNS-NEW"));
}

TEST_CASE("workflow: due lists overdue and failed verifications and expiring certificates by date", "[registry][workflow]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  json ended = test::worked_example_ex001();
  ended["ref"] = "EX-DONE";
  ended["status"] = "terminated";
  REQUIRE(office.service->register_record(ended, kAsOf, "setup"));
  auto items = office.service->due(Date::from_ymd(2026, 1, 1), 45);
  REQUIRE(items);
  // EX-001 overdue since 2025-03-25; its vendor's Privacy Mark expires 2026-01-31; EX-002 is due
  // 2026-07-01, outside the window; the terminated EX-DONE is not listed.
  REQUIRE(items->size() == 2);
  CHECK((*items)[0].what == DueItem::What::kVerification);
  CHECK((*items)[0].ref == "EX-001");
  CHECK((*items)[0].date == Date::from_ymd(2025, 3, 25));
  CHECK((*items)[0].detail.find("overdue") != std::string::npos);
  CHECK((*items)[0].status == "overdue");
  CHECK((*items)[0].days == -282);  // 2025-03-25 is 282 days before 2026-01-01
  CHECK((*items)[1].what == DueItem::What::kCertification);
  CHECK((*items)[1].date == Date::from_ymd(2026, 1, 31));
  CHECK((*items)[1].detail.find("PMARK") != std::string::npos);
  CHECK((*items)[1].status == "expiring");
  CHECK((*items)[1].days == 30);
  // A month later the certificate has lapsed: still listed, now as expired.
  auto later = office.service->due(Date::from_ymd(2026, 3, 1), 0);
  REQUIRE(later);
  const auto lapsed = std::find_if(later->begin(), later->end(),
                                   [](const DueItem& item) { return item.what == DueItem::What::kCertification; });
  REQUIRE(lapsed != later->end());
  CHECK(lapsed->status == "expired");
  CHECK(lapsed->days == -29);  // 2026-01-31 to 2026-03-01 (February 2026 has 28 days)
  auto wide = office.service->due(Date::from_ymd(2026, 1, 1), 365);
  REQUIRE(wide);
  CHECK(wide->size() == 3);
  CHECK(std::is_sorted(wide->begin(), wide->end(), [](const DueItem& a, const DueItem& b) { return a.date < b.date; }));
  // Renewed under the next number: the lapsed certificate stays on record, off the work list.
  REQUIRE(office.service->put_certification(
      "4011001098993", {"PMARK", std::string("10861234(04)"), Date::from_ymd(2028, 1, 31)}, "調達担当"));
  auto renewed = office.service->due(Date::from_ymd(2026, 3, 1), 0);
  REQUIRE(renewed);
  CHECK(std::none_of(renewed->begin(), renewed->end(),
                     [](const DueItem& item) { return item.what == DueItem::What::kCertification; }));
  CHECK(office.registry->find_engagement("EX-001")->vendor->certifications.size() == 2);
}

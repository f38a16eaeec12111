// What `audit verify` proves (README "What the audit trail proves"), on every backend: the chain,
// a head written down elsewhere, and the registry's state against the newest entry of each
// engagement, vendor and token, so that a direct SQL edit of any of their tables is named.
#include <catch2/catch.hpp>

#include "itaku/service/registry_service.hpp"
#include "itaku/service/token_service.hpp"
#include "plugin_fixture.hpp"
#include "registry/service_fixture.hpp"
#include "sample_engagements.hpp"

using namespace itaku;
using nlohmann::json;

namespace {

const Date kAsOf = Date::from_ymd(2025, 6, 1);

// EX-001 and EX-002 with what every table holds: a failed verification voided and another kept,
// clause evidence, a certificate added to the vendor, a renamed vendor, a deactivated person and a token.
struct Office : test::ServiceDatabase {
  explicit Office(const std::string& backend) : ServiceDatabase(backend) {
    REQUIRE(service->register_record(test::worked_example_ex001(), kAsOf, "setup"));
    REQUIRE(service->register_record(test::worked_example_ex002(), kAsOf, "setup"));
    const Verification failed{Date::from_ymd(2025, 5, 30), VerificationResult::kFail, std::string("監査"), std::nullopt,
                              std::nullopt};
    REQUIRE(service->add_verification("EX-001", failed, "監査"));
    REQUIRE(service->add_verification("EX-001", failed, "監査"));
    REQUIRE(service->void_verification("EX-001", 3, "二重登録", "officer"));
    REQUIRE(service->set_clause("EX-001", "OUT-09", true, std::string("契約書第12条"), "officer"));
    REQUIRE(service->put_certification("4011001098993",
                                       Certification{"ISMS", std::string("IS 123456"), Date::from_ymd(2028, 3, 31)}, "officer"));
    REQUIRE(service->rename_vendor("4011001098993", "株式会社例示システムズ", "officer"));
    REQUIRE(service->assess("EX-001", kAsOf, "officer"));
    TokenService tokens(*registry);
    REQUIRE(tokens.create("owner", Role::kChannelOwner, std::string("秘書広報課"), "admin"));
    const auto persons = service->list_persons(true);
    REQUIRE(persons);
    REQUIRE(service->deactivate_person(persons->front().id, "人事"));
    REQUIRE(service->add_person(Person{"山田 花子", "市民課", std::nullopt, std::nullopt}, "人事"));
  }
  AuditVerification verify(const std::optional<AuditAnchor>& anchor = std::nullopt) {
    auto verified = service->verify_audit(anchor);
    if (!verified) FAIL(verified.status().to_string());
    return *verified;
  }
};

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

}  // namespace

TEST_CASE("audit verify: a registry changed only through Itaku is what its trail says", "[registry][audit]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  const AuditVerification verified = office.verify();
  INFO(joined(verified.state_differences) << verified.problem);
  CHECK(verified.intact());
}

TEST_CASE("audit verify: a direct SQL edit of each table is named", "[registry][audit]") {
  const std::string backend = GENERATE(from_range(test::registry_backends()));
  struct Tamper {
    std::string sql;
    std::string named;  // a part of the difference reported
  };
  const Tamper tamper = GENERATE(values<Tamper>({
      {"UPDATE engagements SET confidentiality = 1 WHERE ref = 'EX-001'",
       "EX-001: /information/confidentiality is 1, the trail says 2"},
      {"UPDATE verifications SET result = 'pass' WHERE result = 'fail'", "EX-001: /verifications/1/result is \"pass\", the trail says \"fail\""},
      {"DELETE FROM verification_voids", "EX-001: /verifications/2/voided is absent, the trail says"},
      {"DELETE FROM engagement_clauses WHERE clause_id = 'OUT-02'", "EX-001: /clauses/0 is \"OUT-03\", the trail says \"OUT-02\""},
      {"UPDATE clause_evidence SET note = '追記'", "EX-001: /clause_evidence"},
      {"UPDATE vendors SET name = '偽装商事' WHERE corporate_number = '4011001098993'",
       "vendor 4011001098993: /name is \"偽装商事\", the trail says \"株式会社例示システムズ\""},
      {"DELETE FROM vendor_certifications WHERE scheme = 'ISMS'", "vendor 4011001098993: /certifications"},
      {"UPDATE persons SET department = '総務課' WHERE name = '上野 太郎'", "EX-001: /responsible_person/department"},
      {"UPDATE api_tokens SET role = 'admin' WHERE name = 'owner'", "token owner: /role is \"admin\""},
      {"UPDATE engagements SET title = '別の業務' WHERE ref = 'EX-002'", "EX-002: /title"},
      {"UPDATE persons SET name = '別人' WHERE name = '山田 花子'", "(別人, 市民課): stored, but no audit entry names this person"},
      {"INSERT INTO persons (name, department, active) VALUES ('幽霊', '市民課', 1)",
       "(幽霊, 市民課): stored, but no audit entry names this person"},
      {"DELETE FROM persons WHERE name = '山田 花子'", "(山田 花子, 市民課): the trail records it, but it is not in the registry"},
  }));
  INFO(backend << ": " << tamper.sql);
  Office office(backend);
  REQUIRE(office.verify().intact());
  REQUIRE(office.database.tamper(tamper.sql) == 0);
  const AuditVerification verified = office.verify();
  INFO(joined(verified.state_differences));
  CHECK_FALSE(verified.intact());
  CHECK_FALSE(verified.first_bad_entry);  // the chain itself is untouched
  CHECK(joined(verified.state_differences).find(tamper.named) != std::string::npos);
}

TEST_CASE("audit verify --head: a trail rewritten with recomputed hashes is caught by a head written down earlier",
          "[registry][audit]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  auto head = office.service->audit_head();
  REQUIRE(head);
  const std::string written_down = std::to_string(head->entries) + ":" + head->last_hash;
  const auto anchor = parse_audit_anchor(written_down);
  REQUIRE(anchor);
  CHECK(office.verify(anchor).intact());
  CHECK_FALSE(parse_audit_anchor("12:xyz"));
  CHECK_FALSE(parse_audit_anchor(head->last_hash));

  // Later work extends the trail: the head is still extended.
  REQUIRE(office.service->add_person(Person{"新人 花子", "市民課", std::nullopt, std::nullopt}, "人事"));
  CHECK(office.verify(anchor).intact());

  // Someone who can write the database rewrites entry 2 and recomputes every hash after it, and
  // the head row: the chain verifies, but not against the head written down.
  std::vector<AuditEntry> entries;
  REQUIRE(office.service->for_each_audit(std::nullopt, [&](const AuditEntry& e) { entries.push_back(e); }));
  std::string previous;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    AuditEntry& entry = entries[i];
    if (i == 1) entry.actor = "mallory";
    entry.prev_hash = previous;
    entry.hash = audit_entry_hash(entry);
    previous = entry.hash;
    REQUIRE(office.database.tamper("UPDATE audit_log SET actor = '" + entry.actor + "', prev_hash = '" + entry.prev_hash +
                                   "', hash = '" + entry.hash + "' WHERE id = " + std::to_string(entry.id)) == 0);
  }
  REQUIRE(office.database.tamper("UPDATE audit_head SET last_hash = '" + previous + "'") == 0);
  CHECK(office.verify().intact());  // without the head written down, the rewrite goes unseen
  const AuditVerification anchored = office.verify(anchor);
  CHECK(anchored.first_bad_entry);
  CHECK(anchored.problem.find("rewritten") != std::string::npos);

  // A head beyond the trail: entries were deleted.
  CHECK(office.verify(AuditAnchor{head->entries + 1000, head->last_hash}).problem.find("fewer") != std::string::npos);
}

TEST_CASE("audit verify: ordinary writes raise no false alarm and do not hide an earlier edit", "[registry][audit]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  // A new vendor whose record lists one certificate twice (expired and renewed): stored once, audited once.
  json record = test::worked_example_ex001();
  record["ref"] = "EX-009";
  record["vendor"] = {{"name", "株式会社新規"},
                      {"corporate_number", "7000012050002"},
                      {"certifications", json::array({{{"scheme", "PMARK"}, {"valid_until", "2025-03-31"}},
                                                      {{"scheme", "PMARK"}, {"valid_until", "2027-03-31"}}})}};
  auto registered = office.service->register_record(record, kAsOf, "t");
  REQUIRE(registered);
  CHECK(registered->after.vendor->certifications.size() == 1);
  // A vendor without 法人番号 named with another vendor's thirteen digits is another vendor.
  record["ref"] = "EX-010";
  record["vendor"] = {{"name", "4011001098993"}};
  REQUIRE(office.service->register_record(record, kAsOf, "t"));
  {
    const AuditVerification verified = office.verify();
    INFO(joined(verified.state_differences));
    CHECK(verified.intact());
  }

  // An edit behind Itaku's back stays visible after the next ordinary write to the same engagement.
  REQUIRE(office.database.tamper("UPDATE engagements SET confidentiality = 1 WHERE ref = 'EX-001'") == 0);
  const Verification pass{Date::from_ymd(2025, 6, 10), VerificationResult::kPass, std::string("監査"), std::nullopt,
                          std::nullopt};
  REQUIRE(office.service->add_verification("EX-001", pass, "監査"));
  const AuditVerification hidden = office.verify();
  INFO(joined(hidden.state_differences));
  CHECK(joined(hidden.state_differences).find("EX-001: changed behind Itaku's back before entry") != std::string::npos);
}

TEST_CASE("audit verify: a token's hash swapped behind Itaku's back is named", "[registry][audit]") {
  Office office(GENERATE(from_range(test::registry_backends())));
  REQUIRE(office.database.tamper("UPDATE api_tokens SET token_hash = '" + std::string(64, 'a') + "' WHERE name = 'owner'") == 0);
  const AuditVerification verified = office.verify();
  INFO(joined(verified.state_differences));
  CHECK(joined(verified.state_differences).find("token owner: /token_sha256") != std::string::npos);
}

TEST_CASE("audit anchors: an empty trail's head, upper-case hex, malformed heads", "[registry][audit]") {
  CHECK(parse_audit_anchor("0:"));
  CHECK_FALSE(parse_audit_anchor("0:" + std::string(64, 'a')));
  CHECK_FALSE(parse_audit_anchor(""));
  CHECK_FALSE(parse_audit_anchor("5:"));
  CHECK_FALSE(parse_audit_anchor("-5:" + std::string(64, 'a')));
  CHECK_FALSE(parse_audit_anchor(" 5:" + std::string(64, 'a')));
  REQUIRE(parse_audit_anchor("5:" + std::string(64, 'A')));
  CHECK(parse_audit_anchor("5:" + std::string(64, 'A'))->hash == std::string(64, 'a'));
}

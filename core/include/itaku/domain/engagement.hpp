// The engagement record (docs/records.md): one contract, one external-service use or one
// social-media channel. Plain values only; JSON mapping lives in domain/engagement_json.hpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/domain/date.hpp"

namespace itaku {

enum class EngagementStatus { kPlanned, kActive, kTerminated };
enum class NetworkZone { kMyNumber, kLgwan, kInternet };
enum class VerificationResult { kPass, kConditional, kFail };

struct Person {
  std::string name;
  std::string department;
  std::optional<std::string> email;
  // nullopt: a record that does not say. Persons are shared by engagements, so an import leaves
  // the stored value as it is (a deactivated person stays inactive); a new person is active.
  std::optional<bool> active;

  bool is_active() const { return active.value_or(true); }
};

struct Certification {
  std::string scheme;  // ISMS, PMARK, ISMAP, ISMAP_LIU, ISO27017, ISO27018, SOC2
  std::optional<std::string> number;
  Date valid_until;
};

struct Vendor {
  std::string name;
  std::optional<std::string> corporate_number;
  std::optional<std::string> country;
  std::vector<Certification> certifications;

  // True when the vendor holds `certification`'s scheme until a later date: renewed under a new
  // number, so the older certificate is history, not work (as the plugins' checks see it).
  bool renewed(const Certification& certification) const {
    for (const auto& other : certifications) {
      if (other.scheme == certification.scheme && other.valid_until > certification.valid_until) return true;
    }
    return false;
  }

  // True when a certification of `scheme` has valid_until >= as_of.
  bool holds_valid(std::string_view scheme, Date as_of) const {
    for (const auto& certification : certifications) {
      if (certification.scheme == scheme && certification.valid_until >= as_of) return true;
    }
    return false;
  }
};

struct InformationProfile {
  int confidentiality = 1;  // 1-3 (3A/3B/3C are recorded as 3)
  int integrity = 1;        // 1-2
  int availability = 1;     // 1-2
  bool personal_data = false;
  bool my_number = false;
};

struct Period {
  Date start;
  std::optional<Date> end;
};

struct Subcontracting {
  bool used = false;
  std::optional<bool> approved;
  std::optional<bool> flow_down;
};

// A verification recorded in error is voided, never deleted: it stays in the history, shown as
// voided, and no longer counts (README "History is append-only").
struct VerificationVoid {
  std::string at;      // UTC, ISO 8601 with seconds
  std::string by;      // who voided it (an officer or admin)
  std::string reason;  // why, e.g. 「別の案件の確認結果を誤って登録」
};

struct Verification {
  Date date;
  VerificationResult result = VerificationResult::kPass;
  std::optional<std::string> verifier;
  std::optional<std::string> notes;
  std::optional<VerificationVoid> voided;

  bool counts() const { return !voided; }
  // The same recorded check (its void aside): how an import recognises a stored verification.
  bool same_check(const Verification& other) const {
    return date == other.date && result == other.result && verifier == other.verifier && notes == other.notes;
  }
};

struct ClauseEvidence {
  std::string clause;  // contract-clause ID, present in `clauses` or not
  std::string note;    // e.g. 「契約書第12条」, 「次回更新時に追加予定」

  bool operator==(const ClauseEvidence& other) const { return clause == other.clause && note == other.note; }
};

// How an engagement ended: the city confirmed its information was returned or destroyed.
struct Termination {
  Date return_confirmed_on;
  std::optional<std::string> note;
};

struct Engagement {
  std::string ref;
  std::string kind;  // selects the plugin: contractor, cloud, social_media, ...
  std::string title;
  std::string department;
  EngagementStatus status = EngagementStatus::kActive;
  std::optional<Person> responsible_person;
  std::optional<Vendor> vendor;
  InformationProfile information;
  std::optional<NetworkZone> network_zone;
  Period period;
  std::vector<std::string> clauses;
  std::optional<Subcontracting> subcontracting;
  std::optional<int> verification_interval_months;
  std::vector<Verification> verifications;
  std::vector<ClauseEvidence> clause_evidence;
  std::optional<Termination> termination;
  // The source ledger's other columns (docs/ledger.md): text by column header, kept and shown,
  // never assessed. Empty for a record that came from no ledger.
  std::map<std::string, std::string> ledger;
  // The plugin's own section, named after `kind` ("contractor", "cloud", "social_media"),
  // already validated against that plugin's schema; null when the record has none.
  nlohmann::json section;

  bool has_clause(std::string_view id) const {
    for (const auto& clause : clauses) {
      if (clause == id) return true;
    }
    return false;
  }
};

}  // namespace itaku

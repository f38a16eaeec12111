// What the first page of a human-readable report tells a manager, gathered while the results
// stream past: decisions and verification states by department, each finding ID with how many
// engagements have it, failed verifications, certificates about to lapse, and how many records
// were invalid. Memory grows with departments, finding IDs and notices, not with records.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itaku/domain/review_result.hpp"
#include "text/natural_order.hpp"

namespace itaku::detail {

// The verification states the department tables count, most urgent first (確認済み is the rest).
inline constexpr VerificationStatus kStatusColumns[] = {VerificationStatus::kOverdue, VerificationStatus::kFailed,
                                                        VerificationStatus::kDueSoon, VerificationStatus::kUnverified};

class ReportDigest {
 public:
  // Messages are compared in the report's language ("ja" or "en").
  explicit ReportDigest(std::string_view lang) : lang_(lang) {}

  void add_result(const ReviewResult& result);
  void add_error(const RecordError& error);

  struct DepartmentCounts {
    std::size_t engagements = 0;
    std::array<std::size_t, 3> decisions{};  // by Decision value
    std::array<std::size_t, 5> statuses{};   // by VerificationStatus value

    std::size_t decision(Decision value) const { return decisions[static_cast<std::size_t>(value)]; }
    std::size_t status(VerificationStatus value) const { return statuses[static_cast<std::size_t>(value)]; }
  };
  // By department name in natural order ("" is a record without one).
  const std::map<std::string, DepartmentCounts, NaturalLess>& departments() const noexcept { return departments_; }
  const DepartmentCounts& totals() const noexcept { return totals_; }

  struct FindingCounts {
    std::string id;
    std::size_t engagements = 0;
    std::array<std::size_t, 4> by_severity{};  // by Severity value - 1
    // The distinct wordings of this ID in the report's language, dates taken out (wording.hpp),
    // with how often each came, most frequent first; at most kKeptWordings of them.
    std::vector<std::pair<std::string, std::size_t>> wordings;
    bool more_wordings = false;  // more distinct wordings came than were kept

    // At most kExplainedWordings wordings: the summary gives each (numbered ①②③ when there
    // are several) and a row only its number and dates. More: an example in the summary, and
    // each row spells its words out.
    bool explained() const noexcept { return explains(wordings.size(), more_wordings); }
    Severity highest_severity() const noexcept;
  };
  static constexpr std::size_t kKeptWordings = 32;
  static constexpr std::size_t kExplainedWordings = 3;
  static constexpr bool explains(std::size_t wordings, bool more) noexcept {
    return !more && wordings <= kExplainedWordings;
  }
  // Most severe first, then by ID in natural order. Call once every result has been added.
  std::vector<FindingCounts> findings() const;

  // What a row says about a finding beyond its ID; only findings with something to say.
  struct FindingNote {
    std::string id;
    std::size_t wording = 0;         // which of the summary's numbered wordings (1..3); 0: not numbered
    std::vector<std::string> dates;  // the dates in its words, when the summary explains them
    std::string message;             // its whole words, when the summary does not explain them
  };
  // Call once every result has been added.
  std::vector<FindingNote> notes_for(const ReviewResult& result) const;

  struct FailedVerification {
    std::string ref;
    std::string title;
    std::string department;
  };
  static constexpr std::size_t kKeptFailures = 100;
  // In the order they came; at most kKeptFailures (totals().status(kFailed) has them all).
  const std::vector<FailedVerification>& failed_verifications() const noexcept { return failed_; }

  struct ExpiringCertificate {
    std::string vendor;
    std::optional<std::string> corporate_number;
    Certification certification;
    std::size_t engagements = 0;
    std::vector<std::string> refs;  // the first kKeptRefs engagements with this vendor, natural order
  };
  static constexpr std::size_t kKeptRefs = 10;
  // Soonest first, then by vendor.
  std::vector<ExpiringCertificate> expiring_certificates() const;

  // Records with at least one error (the summary's `invalid`), and the errors they had.
  std::size_t invalid_records() const noexcept { return invalid_records_; }
  std::size_t errors() const noexcept { return errors_; }

 private:
  // One finding ID as counted so far: its counts, and its wordings with how often each came.
  struct FindingTally {
    FindingCounts counts;  // `wordings` stays empty here; findings() ranks them
    std::map<std::string, std::size_t> wordings;
    bool more_wordings = false;
    bool explained() const noexcept { return explains(wordings.size(), more_wordings); }
  };
  // The tally's wordings, most frequent first (ties by text, so the numbering is the same on
  // every run).
  static std::vector<std::pair<std::string, std::size_t>> ranked(const FindingTally& tally);

  std::string_view lang_;
  std::map<std::string, DepartmentCounts, NaturalLess> departments_;
  DepartmentCounts totals_;
  std::map<std::string, FindingTally, NaturalLess> findings_;
  std::vector<FailedVerification> failed_;
  // By vendor key, scheme, number and date: one line per certificate, however many engagements.
  std::map<std::string, ExpiringCertificate> expiring_;
  std::size_t invalid_records_ = 0;
  std::size_t errors_ = 0;
  std::optional<std::pair<std::string, std::size_t>> last_invalid_;  // source and record
};

}  // namespace itaku::detail

// What a review produces per record, per invalid record and for the whole run (docs/records.md).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itaku/domain/date.hpp"
#include "itaku/domain/engagement.hpp"
#include "itaku/domain/finding.hpp"
#include "itaku/domain/verification.hpp"

namespace itaku {

// A certificate that is still valid on the review date but lapses within this many days is
// listed by the reports, so that the renewal can be asked for in time (docs/review.md).
inline constexpr long kCertificateNoticeDays = 90;

// The vendor as the reports name it.
struct ReviewedVendor {
  std::string name;
  std::optional<std::string> corporate_number;
  // Certifications valid on the review date that lapse within kCertificateNoticeDays, soonest first.
  std::vector<Certification> expiring;
};

// The vendor's name, 法人番号 and soon-lapsing certifications as of `as_of`.
ReviewedVendor reviewed_vendor(const Vendor& vendor, Date as_of);

struct ReviewResult {
  std::size_t record = 0;  // position in the input (line number for JSON Lines)
  std::string ref;
  std::string kind;
  std::string title;       // shown in human-readable reports
  std::string department;  // shown in human-readable reports
  int tier = 3;
  Decision decision = Decision::kApprove;
  std::optional<Severity> risk_level;  // nullopt: "none"
  VerificationState verification;
  std::vector<Finding> findings;  // core findings first, then the plugin's, each in catalogue order
  std::optional<ReviewedVendor> vendor;  // nullopt for an engagement without a vendor (social media)
  // The record's ledger columns (docs/ledger.md), carried so reports show what the ledger said.
  std::map<std::string, std::string> ledger = {};
};

// One problem with one input record: the record is not reviewed.
struct RecordError {
  std::size_t record = 0;         // 1-based record number; line number for JSON Lines
  std::optional<std::string> ref; // when readable
  std::string path;               // JSON Pointer of the field at fault ("" for the whole record)
  std::string message;            // what was expected, in English
  std::string source;             // file name the record came from ("-" for stdin)
  std::string message_ja;         // the same in Japanese; "" where only the English exists
  // Where the field at fault is in the file, as an editor counts (a .json document); 0 when
  // unknown (then `record` says which record).
  std::size_t line = 0;
  std::size_t column = 0;
  // For a record read from an office ledger (docs/ledger.md): the header of the ledger column the
  // field at fault came from, and that cell as written; "" otherwise.
  std::string ledger_column = {};
  std::string cell = {};
  // "new.json:9:14" where the place is known, else the file name.
  std::string place() const {
    return line > 0 ? source + ":" + std::to_string(line) + ":" + std::to_string(column) : source;
  }
  // The message in `lang` ("en" English, else Japanese where it exists).
  const std::string& message_in(std::string_view lang) const {
    return lang == "en" || message_ja.empty() ? message : message_ja;
  }
};

struct ReviewSummary {
  Date as_of;
  std::size_t records = 0;   // reviewed + invalid
  std::size_t reviewed = 0;
  std::size_t invalid = 0;   // records with at least one error
  std::size_t internal_errors = 0;  // of the invalid: records Itaku itself failed on (exit code 3)
  std::size_t approve = 0;
  std::size_t conditional = 0;
  std::size_t reject = 0;

  void count_result(Decision decision) {
    ++records;
    ++reviewed;
    switch (decision) {
      case Decision::kApprove: ++approve; break;
      case Decision::kConditional: ++conditional; break;
      case Decision::kReject: ++reject; break;
    }
  }
  void count_invalid(bool internal_error) {
    ++records;
    ++invalid;
    if (internal_error) ++internal_errors;
  }
};

}  // namespace itaku

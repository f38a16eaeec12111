#include "report/report_digest.hpp"

#include <algorithm>

#include "report/wording.hpp"

namespace itaku::detail {

namespace {

std::size_t severity_index(Severity severity) noexcept { return static_cast<std::size_t>(severity) - 1; }

std::string certificate_key(const ReviewedVendor& vendor, const Certification& certification) {
  // Separated by a byte that cannot occur in UTF-8 text, so no two keys run together.
  std::string key = vendor.corporate_number ? "#" + *vendor.corporate_number : "@" + vendor.name;
  key += '\xff';
  key += certification.scheme;
  key += '\xff';
  key += certification.number.value_or("");
  key += '\xff';
  key += certification.valid_until.to_string();
  return key;
}

}  // namespace

Severity ReportDigest::FindingCounts::highest_severity() const noexcept {
  for (Severity severity : {Severity::kCritical, Severity::kHigh, Severity::kMedium}) {
    if (by_severity[severity_index(severity)] > 0) return severity;
  }
  return Severity::kLow;
}

void ReportDigest::add_result(const ReviewResult& result) {
  for (DepartmentCounts* counts : {&departments_[result.department], &totals_}) {
    ++counts->engagements;
    ++counts->decisions[static_cast<std::size_t>(result.decision)];
    ++counts->statuses[static_cast<std::size_t>(result.verification.status)];
  }
  if (result.verification.status == VerificationStatus::kFailed && failed_.size() < kKeptFailures) {
    failed_.push_back({result.ref, result.title, result.department});
  }
  for (const Finding& finding : result.findings) {
    FindingTally& tally = findings_[finding.id];
    if (tally.counts.id.empty()) tally.counts.id = finding.id;
    ++tally.counts.engagements;
    ++tally.counts.by_severity[severity_index(finding.severity)];
    std::string pattern = split_dates(finding.message.in(lang_)).pattern;
    if (auto known = tally.wordings.find(pattern); known != tally.wordings.end()) {
      ++known->second;
    } else if (tally.wordings.size() < kKeptWordings) {
      tally.wordings.emplace(std::move(pattern), 1);
    } else {
      tally.more_wordings = true;
    }
  }
  if (!result.vendor) return;
  for (const Certification& certification : result.vendor->expiring) {
    ExpiringCertificate& expiring = expiring_[certificate_key(*result.vendor, certification)];
    if (expiring.engagements++ == 0) {
      expiring.vendor = result.vendor->name;
      expiring.corporate_number = result.vendor->corporate_number;
      expiring.certification = certification;
    }
    if (expiring.refs.size() < kKeptRefs) expiring.refs.push_back(result.ref);
  }
}

void ReportDigest::add_error(const RecordError& error) {
  ++errors_;
  // A record's errors come together, so a new (file, record) pair is a new invalid record.
  std::pair<std::string, std::size_t> place{error.source, error.record};
  if (last_invalid_ != place) {
    ++invalid_records_;
    last_invalid_ = std::move(place);
  }
}

std::vector<std::pair<std::string, std::size_t>> ReportDigest::ranked(const FindingTally& tally) {
  std::vector<std::pair<std::string, std::size_t>> wordings(tally.wordings.begin(), tally.wordings.end());
  std::stable_sort(wordings.begin(), wordings.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return wordings;
}

std::vector<ReportDigest::FindingCounts> ReportDigest::findings() const {
  std::vector<FindingCounts> list;
  list.reserve(findings_.size());
  for (const auto& [id, tally] : findings_) {
    FindingCounts& entry = list.emplace_back(tally.counts);
    entry.wordings = ranked(tally);
    entry.more_wordings = tally.more_wordings;
  }
  // findings_ is in natural ID order already; a stable sort by severity keeps it within each.
  std::stable_sort(list.begin(), list.end(), [](const FindingCounts& a, const FindingCounts& b) {
    return a.highest_severity() > b.highest_severity();
  });
  return list;
}

std::vector<ReportDigest::FindingNote> ReportDigest::notes_for(const ReviewResult& result) const {
  std::vector<FindingNote> notes;
  for (const Finding& finding : result.findings) {
    const auto tally = findings_.find(finding.id);
    if (tally == findings_.end()) continue;  // not added: nothing is known about it
    const std::string& message = finding.message.in(lang_);
    Wording wording = split_dates(message);
    FindingNote note{finding.id, 0, {}, {}};
    if (!tally->second.explained()) {
      note.message = message;
      notes.push_back(std::move(note));
      continue;
    }
    if (tally->second.wordings.size() > 1) {
      const auto wordings = ranked(tally->second);
      for (std::size_t i = 0; i < wordings.size(); ++i) {
        if (wordings[i].first == wording.pattern) note.wording = i + 1;
      }
    }
    note.dates.assign(wording.dates.begin(), wording.dates.end());
    if (note.wording > 0 || !note.dates.empty()) notes.push_back(std::move(note));
  }
  return notes;
}

std::vector<ReportDigest::ExpiringCertificate> ReportDigest::expiring_certificates() const {
  std::vector<ExpiringCertificate> list;
  list.reserve(expiring_.size());
  for (const auto& [key, certificate] : expiring_) {
    ExpiringCertificate& entry = list.emplace_back(certificate);
    std::sort(entry.refs.begin(), entry.refs.end(), NaturalLess{});
  }
  std::stable_sort(list.begin(), list.end(), [](const ExpiringCertificate& a, const ExpiringCertificate& b) {
    return a.certification.valid_until < b.certification.valid_until;
  });
  return list;
}

}  // namespace itaku::detail

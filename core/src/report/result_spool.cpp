#include "report/result_spool.hpp"

#include <algorithm>
#include <limits>
#include <string_view>

#include "itaku/error.hpp"
#include "text/natural_order.hpp"

namespace itaku::detail {

namespace {

// A private, short-lived encoding: written and read by this file only, within one process.
class Encoder {
 public:
  explicit Encoder(std::string& out) : out_(out) {}
  void number(std::uint64_t value) {
    while (value >= 0x80) {
      out_ += static_cast<char>((value & 0x7F) | 0x80);
      value >>= 7;
    }
    out_ += static_cast<char>(value);
  }
  void text(std::string_view value) {
    number(value.size());
    out_ += value;
  }
  void date(Date value) { number(static_cast<std::uint64_t>(value.days_since_epoch() - kFirstDay)); }
  void optional_text(const std::optional<std::string>& value) {
    number(value ? 1 : 0);
    if (value) text(*value);
  }

  // Dates are stored as days after 0001-01-01, so the count is never negative.
  static constexpr long kFirstDay = Date::from_ymd(1, 1, 1).days_since_epoch();

 private:
  std::string& out_;
};

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  std::uint64_t number() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position_ >= in_.size()) corrupt();
      const auto byte = static_cast<unsigned char>(in_[position_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    corrupt();
  }
  std::string text() {
    const std::uint64_t length = number();
    if (length > in_.size() - position_) corrupt();
    std::string value(in_.substr(position_, length));
    position_ += length;
    return value;
  }
  Date date() { return Date::from_days_since_epoch(static_cast<long>(number()) + Encoder::kFirstDay); }
  std::optional<std::string> optional_text() {
    if (number() == 0) return std::nullopt;
    return text();
  }
  template <typename Enum>
  Enum enumerator(std::uint64_t last) {
    const std::uint64_t value = number();
    if (value > last) corrupt();
    return static_cast<Enum>(value);
  }

 private:
  [[noreturn]] static void corrupt() {
    throw Error(ErrorCode::kInternal, "レポートの一時ファイルが壊れています / report spool is corrupt");
  }
  std::string_view in_;
  std::size_t position_ = 0;
};

void encode(const ReviewResult& result, std::string& out) {
  Encoder encode(out);
  encode.number(result.record);
  encode.text(result.ref);
  encode.text(result.kind);
  encode.text(result.title);
  encode.text(result.department);
  encode.number(static_cast<std::uint64_t>(result.tier));
  encode.number(static_cast<std::uint64_t>(result.decision));
  encode.number(result.risk_level ? static_cast<std::uint64_t>(*result.risk_level) : 0);
  encode.number(static_cast<std::uint64_t>(result.verification.status));
  encode.date(result.verification.next_due);
  encode.number(static_cast<std::uint64_t>(result.verification.interval_months));
  encode.number(result.findings.size());
  for (const Finding& finding : result.findings) {
    encode.text(finding.id);
    encode.number(static_cast<std::uint64_t>(finding.severity));
    encode.text(finding.plugin);
    encode.text(finding.message.ja);
    encode.text(finding.message.en);
  }
  encode.number(result.ledger.size());
  for (const auto& [header, text] : result.ledger) {
    encode.text(header);
    encode.text(text);
  }
  encode.number(result.vendor ? 1 : 0);
  if (!result.vendor) return;
  encode.text(result.vendor->name);
  encode.optional_text(result.vendor->corporate_number);
  encode.number(result.vendor->expiring.size());
  for (const Certification& certification : result.vendor->expiring) {
    encode.text(certification.scheme);
    encode.optional_text(certification.number);
    encode.date(certification.valid_until);
  }
}

ReviewResult decode(std::string_view bytes) {
  Decoder decode(bytes);
  ReviewResult result;
  result.record = decode.number();
  result.ref = decode.text();
  result.kind = decode.text();
  result.title = decode.text();
  result.department = decode.text();
  result.tier = static_cast<int>(decode.number());
  result.decision = decode.enumerator<Decision>(static_cast<std::uint64_t>(Decision::kReject));
  if (const auto risk = decode.enumerator<int>(static_cast<std::uint64_t>(Severity::kCritical)); risk != 0) {
    result.risk_level = static_cast<Severity>(risk);
  }
  result.verification.status = decode.enumerator<VerificationStatus>(static_cast<std::uint64_t>(VerificationStatus::kFailed));
  result.verification.next_due = decode.date();
  result.verification.interval_months = static_cast<int>(decode.number());
  result.findings.resize(decode.number());
  for (Finding& finding : result.findings) {
    finding.id = decode.text();
    finding.severity = decode.enumerator<Severity>(static_cast<std::uint64_t>(Severity::kCritical));
    finding.plugin = decode.text();
    finding.message.ja = decode.text();
    finding.message.en = decode.text();
  }
  for (std::size_t count = decode.number(); count > 0; --count) {
    std::string header = decode.text();
    result.ledger.emplace(std::move(header), decode.text());
  }
  if (decode.number() == 0) return result;
  ReviewedVendor& vendor = result.vendor.emplace();
  vendor.name = decode.text();
  vendor.corporate_number = decode.optional_text();
  vendor.expiring.resize(decode.number());
  for (Certification& certification : vendor.expiring) {
    certification.scheme = decode.text();
    certification.number = decode.optional_text();
    certification.valid_until = decode.date();
  }
  return result;
}

}  // namespace

void ResultSpool::add(const ReviewResult& result) {
  buffer_.clear();
  encode(result, buffer_);
  if (buffer_.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw Error(ErrorCode::kInternal, "審査結果が大きすぎます / review result too large: " + result.ref);
  }
  Entry entry{result.ref, result.record, file_.size(), static_cast<std::uint32_t>(buffer_.size()), result.decision};
  file_.append(buffer_);
  if (!entries_.empty() && sorted_) {
    const Entry& last = entries_.back();
    sorted_ = natural_compare(last.ref, entry.ref) < 0 || (last.ref == entry.ref && last.record <= entry.record);
  }
  entries_.push_back(std::move(entry));
  ++counts_[static_cast<std::size_t>(result.decision)];
}

void ResultSpool::for_each(Decision decision, const std::function<void(const ReviewResult&)>& visit) {
  if (!sorted_) {
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      const int by_ref = natural_compare(a.ref, b.ref);
      return by_ref != 0 ? by_ref < 0 : a.record < b.record;
    });
    sorted_ = true;
  }
  for (const Entry& entry : entries_) {
    if (entry.decision != decision) continue;
    file_.read(entry.offset, entry.length, buffer_);
    visit(decode(buffer_));
  }
}

}  // namespace itaku::detail

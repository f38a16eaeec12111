// Words the human-readable reports (csv, md, html) print, in Japanese and English. Kept in
// one place so the three formats call the same thing by the same name.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "itaku/domain/finding.hpp"
#include "itaku/domain/verification.hpp"

namespace itaku::detail {

enum class Language { kJapanese, kEnglish };

// "en" selects English; anything else Japanese, the default of every human-readable report.
constexpr Language language_from(std::string_view lang) noexcept {
  return lang == "en" ? Language::kEnglish : Language::kJapanese;
}

// "ja" or "en", as LocalizedText::in expects.
constexpr std::string_view lang_code(Language language) noexcept {
  return language == Language::kEnglish ? "en" : "ja";
}

struct Label {
  std::string_view ja;
  std::string_view en;
  constexpr std::string_view in(Language language) const noexcept {
    return language == Language::kEnglish ? en : ja;
  }
};

namespace labels {
inline constexpr Label kReportTitle{"情報セキュリティ審査報告書", "Information Security Review Report"};
inline constexpr Label kReportScope{"業務委託・外部サービス・ソーシャルメディア",
                                    "Outsourcing, external services and social media"};
inline constexpr Label kAsOf{"基準日", "Review date"};
inline constexpr Label kSummary{"集計", "Summary"};
inline constexpr Label kItem{"区分", "Item"};
inline constexpr Label kCount{"件数", "Count"};
inline constexpr Label kRecords{"記録数", "Records"};
inline constexpr Label kReviewed{"審査済み", "Reviewed"};
inline constexpr Label kInvalid{"無効", "Invalid"};
inline constexpr Label kResults{"審査結果", "Results"};
inline constexpr Label kFindings{"指摘事項", "Findings"};
inline constexpr Label kInvalidRecords{"無効な記録（審査対象外）", "Invalid records (not reviewed)"};
inline constexpr Label kInvalidDecision{"無効（審査対象外）", "Invalid (not reviewed)"};
inline constexpr Label kRecordNumber{"記録番号", "Record"};
inline constexpr Label kRef{"参照番号", "Ref"};
inline constexpr Label kKind{"種別", "Kind"};
inline constexpr Label kTitle{"件名", "Title"};
inline constexpr Label kDepartment{"所管課", "Department"};
inline constexpr Label kTier{"リスク区分", "Tier"};
inline constexpr Label kDecision{"判定", "Decision"};
inline constexpr Label kRiskLevel{"リスクレベル", "Risk level"};
inline constexpr Label kVerification{"定期確認", "Verification"};
inline constexpr Label kNextDue{"次回確認期限", "Next due"};
inline constexpr Label kNextVerification{"定期確認・次回期限", "Verification, next due"};
inline constexpr Label kInterval{"確認間隔（月）", "Interval (months)"};
inline constexpr Label kFindingCount{"指摘数", "Findings"};
inline constexpr Label kFindingId{"指摘ID", "Finding ID"};
inline constexpr Label kSeverity{"重大度", "Severity"};
inline constexpr Label kPlugin{"プラグイン", "Plugin"};
inline constexpr Label kFindingMessage{"指摘内容", "Finding"};
inline constexpr Label kFile{"入力ファイル", "File"};
inline constexpr Label kErrorPath{"エラー箇所", "Error field"};
inline constexpr Label kErrorMessage{"エラー内容", "Error"};
inline constexpr Label kWholeRecord{"（記録全体）", "(whole record)"};
inline constexpr Label kUnknown{"（不明）", "(unknown)"};
inline constexpr Label kNone{"なし", "None"};
inline constexpr Label kNoFindings{"指摘なし", "No findings"};
inline constexpr Label kNothing{"該当なし", "None"};
inline constexpr Label kCountSuffix{"件", ""};  // after a count: 3件 / 3
inline constexpr Label kByDepartment{"所管課別の状況", "By department"};
inline constexpr Label kTotal{"合計", "Total"};
inline constexpr Label kNoDepartment{"（所管課なし）", "(no department)"};
inline constexpr Label kFindingSummary{"指摘事項の内訳", "Findings by requirement"};
inline constexpr Label kEngagementCount{"該当件数", "Engagements"};
inline constexpr Label kFindingText{"内容", "What it says"};
inline constexpr Label kForExample{"例：", "e.g. "};
inline constexpr Label kFailedVerifications{"定期確認が不適合の案件", "Failed verifications"};
inline constexpr Label kExpiringCertificates{"有効期限が近い認証（90日以内）", "Certifications lapsing within 90 days"};
inline constexpr Label kVendor{"事業者", "Vendor"};
inline constexpr Label kCorporateNumber{"法人番号", "Corporate number"};
inline constexpr Label kCertification{"認証", "Certification"};
inline constexpr Label kValidUntil{"有効期限", "Valid until"};
inline constexpr Label kEngagements{"対象", "Engagements"};
inline constexpr Label kDetails{"審査結果の明細", "Results in detail"};
// Where a finding summary's wording had a date that differs by engagement.
inline constexpr Label kDatePlaceholder{"〔日付〕", "[date]"};
// Between the two ends of a range of finding IDs: OUT-02〜06 / OUT-02–06.
inline constexpr Label kRangeMark{"〜", "–"};
}  // namespace labels

// 業務委託 / Outsourcing for "contractor" etc.; an unknown kind is shown as it is.
Label kind_label(std::string_view kind) noexcept;
// 確認済み / Verified for kVerified etc.
Label verification_label(VerificationStatus status) noexcept;

// "ほか 3 通りの文面（各件に記載）" / "and 3 more wordings (given with each engagement)": what a
// findings summary says when an ID's engagements got different words. `more` is whether even
// more wordings came than the digest kept.
std::string other_wordings(Language language, std::size_t count, bool more);
// "①", "②", "③": which of a finding's wordings in the summary a row has.
std::string_view wording_mark(std::size_t number) noexcept;
// " ・ " between the parts of a line in Japanese, " · " in English.
constexpr std::string_view part_separator(Language language) noexcept {
  return language == Language::kEnglish ? " \u00B7 " : " \u30FB ";
}
// "高・中" / "High, Medium": several severities of one finding ID.
constexpr std::string_view list_separator(Language language) noexcept {
  return language == Language::kEnglish ? ", " : "\u30FB";
}
// "ほか 12 件" / "and 12 more".
std::string and_more(Language language, std::size_t count);
// "（エラー 3 件）" / " (3 errors)" after the invalid-records heading when a record had several.
std::string error_count_note(Language language, std::size_t errors);

// The domain's severity and decision labels (finding.hpp) in one language, looked up per
// finding without building a LocalizedText each time.
class DomainLabels {
 public:
  explicit DomainLabels(Language language);
  std::string_view severity(Severity severity) const noexcept;
  // The severity's label, or なし / None when there is no finding.
  std::string_view risk(std::optional<Severity> risk_level) const noexcept;
  std::string_view decision(Decision decision) const noexcept;

 private:
  Language language_;
  std::array<std::string, 4> severities_;  // by Severity value - 1
  std::array<std::string, 3> decisions_;   // by Decision value
};

}  // namespace itaku::detail

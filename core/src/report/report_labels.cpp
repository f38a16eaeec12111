#include "report/report_labels.hpp"

#include <iterator>
#include <string>

namespace itaku::detail {

Label kind_label(std::string_view kind) noexcept {
  if (kind == "contractor") return {"業務委託", "Outsourcing"};
  if (kind == "cloud") return {"外部サービス", "External service"};
  if (kind == "social_media") return {"ソーシャルメディア", "Social media"};
  return {kind, kind};
}

Label verification_label(VerificationStatus status) noexcept {
  const VerificationStatusWords words = verification_status_words(status);
  return {words.ja, words.en};
}

std::string other_wordings(Language language, std::size_t count, bool more) {
  const std::string number = std::to_string(count) + (more ? "+" : "");
  if (language == Language::kJapanese) return "ほか " + number + " 通りの文面（各件に記載）";
  return "and " + number + (count == 1 && !more ? " more wording" : " more wordings") + " (given with each engagement)";
}

std::string_view wording_mark(std::size_t number) noexcept {
  constexpr std::string_view kMarks[] = {"", "\u2460", "\u2461", "\u2462", "\u2463", "\u2464"};
  return number < std::size(kMarks) ? kMarks[number] : "";
}

std::string and_more(Language language, std::size_t count) {
  return language == Language::kEnglish ? "and " + std::to_string(count) + " more"
                                        : "ほか " + std::to_string(count) + " 件";
}

std::string error_count_note(Language language, std::size_t errors) {
  return language == Language::kEnglish ? " (" + std::to_string(errors) + " errors)"
                                        : "（エラー " + std::to_string(errors) + " 件）";
}

namespace {
std::size_t severity_index(Severity severity) noexcept { return static_cast<std::size_t>(severity) - 1; }
}  // namespace

DomainLabels::DomainLabels(Language language) : language_(language) {
  const std::string_view lang = lang_code(language);
  for (Severity severity : {Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    severities_[severity_index(severity)] = severity_label(severity).in(lang);
  }
  for (Decision decision : {Decision::kApprove, Decision::kConditional, Decision::kReject}) {
    decisions_[static_cast<std::size_t>(decision)] = decision_label(decision).in(lang);
  }
}

std::string_view DomainLabels::severity(Severity severity) const noexcept {
  return severities_[severity_index(severity)];
}

std::string_view DomainLabels::risk(std::optional<Severity> risk_level) const noexcept {
  return risk_level ? severity(*risk_level) : labels::kNone.in(language_);
}

std::string_view DomainLabels::decision(Decision decision) const noexcept {
  return decisions_[static_cast<std::size_t>(decision)];
}

}  // namespace itaku::detail


#include "io/field_labels.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace itaku::detail {
namespace {

// One label per field of schemas/engagement.schema.json, keyed by its dotted path without array
// indices. The words are the reports' where they have one (report_labels.hpp): 参照番号, 所管課,
// 件名, 種別, 事業者, 法人番号.
constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
    {"ref", "参照番号"},
    {"kind", "種別"},
    {"title", "件名"},
    {"department", "所管課"},
    {"status", "状態"},
    {"responsible_person", "責任者"},
    {"responsible_person.name", "氏名"},
    {"responsible_person.department", "所属"},
    {"responsible_person.email", "メール"},
    {"responsible_person.active", "在籍"},
    {"vendor", "事業者"},
    {"vendor.name", "名称"},
    {"vendor.corporate_number", "法人番号"},
    {"vendor.country", "国"},
    {"vendor.certifications", "認証"},
    {"vendor.certifications.scheme", "種類"},
    {"vendor.certifications.number", "番号"},
    {"vendor.certifications.valid_until", "有効期限"},
    {"information", "情報"},
    {"information.confidentiality", "機密性"},
    {"information.integrity", "完全性"},
    {"information.availability", "可用性"},
    {"information.personal_data", "個人情報"},
    {"information.my_number", "マイナンバー"},
    {"network_zone", "ネットワーク"},
    {"period", "期間"},
    {"period.start", "開始日"},
    {"period.end", "終了日"},
    {"clauses", "契約条項"},
    {"clause_evidence", "条項の根拠"},
    {"clause_evidence.clause", "条項"},
    {"clause_evidence.note", "内容"},
    {"termination", "終了"},
    {"termination.return_confirmed_on", "返却確認日"},
    {"termination.note", "備考"},
    {"subcontracting", "再委託"},
    {"subcontracting.used", "有無"},
    {"subcontracting.approved", "承認"},
    {"subcontracting.flow_down", "義務の承継"},
    {"verification_interval_months", "確認間隔（月）"},
    {"verifications", "確認"},
    {"verifications.date", "日付"},
    {"verifications.result", "結果"},
    {"verifications.verifier", "確認者"},
    {"verifications.notes", "備考"},
    {"verifications.voided", "取消"},
    {"verifications.voided.at", "日時"},
    {"verifications.voided.by", "取消者"},
    {"verifications.voided.reason", "理由"},
};

bool is_index(const std::string& segment) {
  return !segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::string> field_label(const std::vector<std::string>& path) {
  std::string label;
  std::string key;  // the dotted path so far, without indices
  for (const std::string& segment : path) {
    if (is_index(segment) && segment.size() <= 9 && !label.empty()) {
      label += std::to_string(std::stoull(segment) + 1);
      continue;
    }
    if (!key.empty()) key += '.';
    key += segment;
    const auto found = std::find_if(std::begin(kLabels), std::end(kLabels),
                                    [&](const auto& entry) { return entry.first == key; });
    if (found == std::end(kLabels)) return std::nullopt;
    if (!label.empty()) label += ' ';
    label += found->second;
  }
  if (label.empty()) return std::nullopt;
  return label;
}

std::string labelled_header(const std::vector<std::string>& path) {
  std::string dotted;
  for (const std::string& segment : path) {
    if (!dotted.empty()) dotted += '.';
    dotted += segment;
  }
  const std::optional<std::string> label = field_label(path);
  return label ? *label + " (" + dotted + ")" : dotted;
}

}  // namespace itaku::detail

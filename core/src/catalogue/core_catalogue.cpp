#include "itaku/catalogue/requirement.hpp"

namespace itaku {
namespace {

Requirement uniform(std::string id, LocalizedText title, Severity severity, LocalizedText applies_when = {}) {
  return Requirement{std::move(id), std::move(title), {severity, severity, severity}, false, std::move(applies_when)};
}

}  // namespace

const Catalogue& core_catalogue() {
  static const Catalogue kCatalogue = {
      uniform("GEN-01",
              {"責任者が指名されていない、または責任者が無効（異動・退職等）になっています",
               "No responsible person is named, or the named person is inactive"},
              Severity::kHigh),
      uniform("GEN-02",
              {"定期的な確認（遵守状況の確認）が期限切れ、または前回の確認が不合格です",
               "Periodic verification is overdue or the last verification failed"},
              Severity::kHigh, {"契約が終了していない場合", "when the engagement is not terminated"}),
      uniform("GEN-03",
              {"マイナンバーをマイナンバー利用事務系以外のネットワークで取り扱っています",
               "My Number data is handled outside the My Number network zone"},
              Severity::kCritical, {"マイナンバーを取り扱う場合", "when My Number data is handled"}),
      uniform("GEN-04",
              {"契約期間が終了していますが終了処理がされていません。情報資産の返却・廃棄を確認して終了してください",
               "The contract period has ended but the engagement is not terminated: confirm return or "
               "destruction of information and close it"},
              Severity::kMedium, {"契約終了日を過ぎた場合", "when the contract end date has passed"}),
  };
  return kCatalogue;
}

}  // namespace itaku

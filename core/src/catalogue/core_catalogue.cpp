#include "itaku/catalogue/requirement.hpp"

namespace itaku {
namespace {

Requirement uniform(std::string id, LocalizedText title, Severity severity, LocalizedText basis,
                    LocalizedText applies_when = {}) {
  return Requirement{std::move(id), std::move(title), {severity, severity, severity}, false, std::move(applies_when),
                     std::move(basis)};
}

}  // namespace

const Catalogue& core_catalogue() {
  static const Catalogue kCatalogue = {
      uniform("GEN-01",
              {"責任者が指名されていない、または責任者が無効（異動・退職等）になっています",
               "No responsible person is named, or the named person is inactive"},
              Severity::kHigh,
              {"基本方針 7(8)、ガイドライン 8.1・8.3・8.5：委託・外部サービス・ソーシャルメディアごとの責任者",
               "basic policy 7(8), guideline 8.1, 8.3 and 8.5: a responsible person for each outsourcing, "
               "external service and social media account"}),
      uniform("GEN-02",
              {"定期的な確認（遵守状況の確認）が期限切れ、または前回の確認が不合格です",
               "Periodic verification is overdue or the last verification failed"},
              Severity::kHigh,
              {"ガイドライン 8.1：委託先の遵守状況の定期的な確認、情報セキュリティ監査及び自己点検",
               "guideline 8.1: periodic confirmation that the contractor keeps the measures; audits and "
               "self-inspections"},
              {"契約が終了していない場合", "when the engagement is not terminated"}),
      uniform("GEN-03",
              {"マイナンバーをマイナンバー利用事務系以外のネットワークで取り扱っています",
               "My Number data is handled outside the My Number network zone"},
              Severity::kCritical,
              {"三層の対策：マイナンバー利用事務系の分離", "the three-tier network model: the My Number zone is isolated"},
              {"マイナンバーを取り扱う場合", "when My Number data is handled"}),
      uniform("GEN-04",
              {"契約期間が終了していますが終了処理がされていません。情報資産の返却・廃棄を確認して終了してください",
               "The contract period has ended but the engagement is not terminated: confirm return or "
               "destruction of information and close it"},
              Severity::kMedium,
              {"ガイドライン 8.1：委託終了時の情報資産の返還・廃棄の確認",
               "guideline 8.1: confirming return or destruction of information assets when the work ends"},
              {"契約終了日を過ぎた場合", "when the contract end date has passed"}),
  };
  return kCatalogue;
}

}  // namespace itaku

// The contractor plugin (業務委託): assesses engagements of kind `contractor` against OUT-01..OUT-17
// of docs/rules.md — the vendor's certification, the 13 contract clauses of the MIC
// guideline 8.1, subcontracting and the supply-chain disclosure of guideline 8.2.
#include <string>
#include <vector>

#include "../common/plugin_support.hpp"
#include "itaku/plugin/api.hpp"
#include "kcontractor_section_schema.hpp"

namespace itaku::plugins {
namespace {

constexpr const char* kPluginName = "contractor";
constexpr const char* kKind = "contractor";

constexpr Severity kLow = Severity::kLow;
constexpr Severity kMedium = Severity::kMedium;
constexpr Severity kHigh = Severity::kHigh;
constexpr Severity kCritical = Severity::kCritical;

// A clause whose absence weakens the contract (high / medium / low by tier) and one whose
// absence exposes the information itself (critical / high / medium).
constexpr std::array<Severity, 3> kClause = {kHigh, kMedium, kLow};
constexpr std::array<Severity, 3> kProtectiveClause = {kCritical, kHigh, kMedium};

// The requirement table: the single source of IDs, titles and severities. Rules below refer
// to rows by ID; OUT-02..OUT-14 need no rule of their own because they are contract clauses.
Catalogue make_catalogue() {
  return {
      {"OUT-01",
       {"委託先が有効なISMS認証又はプライバシーマークを取得していません",
        "The contractor holds no valid ISMS certification or Privacy Mark"},
       {kHigh, kHigh, kMedium}, false, {}},
      {"OUT-02",
       {"契約書に本市の情報セキュリティポリシー及び情報セキュリティ実施手順の遵守に関する条項がありません",
        "The contract has no clause requiring compliance with the city's information security policy "
        "and procedures"},
       kClause, true, {}},
      {"OUT-03",
       {"契約書に委託先の責任者、委託内容、作業者の所属及び作業場所の特定に関する条項がありません",
        "The contract has no clause identifying the contractor's responsible person, the scope of work, "
        "the workers' affiliation and the work location"},
       kClause, true, {}},
      {"OUT-04",
       {"契約書に提供されるサービスレベルの保証に関する条項がありません",
        "The contract has no clause guaranteeing the service level"},
       kClause, true, {}},
      {"OUT-05",
       {"契約書に委託先がアクセスできる情報の種類、範囲及びアクセス方法に関する条項がありません",
        "The contract has no clause defining the kinds and range of information the contractor may access, "
        "and how"},
       kClause, true, {}},
      {"OUT-06",
       {"契約書に委託先の従業員に対する情報セキュリティ教育の実施に関する条項がありません",
        "The contract has no clause requiring security training of the contractor's staff"},
       kClause, true, {}},
      {"OUT-07",
       {"契約書に提供された情報の目的外利用及び受託者以外の者への提供の禁止に関する条項がありません",
        "The contract has no clause forbidding use of the information outside the purpose and its "
        "disclosure to others"},
       kProtectiveClause, true, {}},
      {"OUT-08",
       {"契約書に業務上知り得た情報の守秘義務に関する条項がありません",
        "The contract has no clause on confidentiality of information learned in the work"},
       kProtectiveClause, true, {}},
      {"OUT-09",
       {"契約書に再委託の制限に関する条項がありません",
        "The contract has no clause restricting subcontracting"},
       kProtectiveClause, true, {}},
      {"OUT-10",
       {"契約書に委託業務終了時の情報資産の返還、廃棄等に関する条項がありません",
        "The contract has no clause on returning or destroying information assets at the end of the work"},
       kProtectiveClause, true, {}},
      {"OUT-11",
       {"契約書に委託業務の定期報告及び緊急時報告義務に関する条項がありません",
        "The contract has no clause requiring periodic reports and incident reports"},
       kClause, true, {}},
      {"OUT-12",
       {"契約書に本市による監査、検査に関する条項がありません",
        "The contract has no clause allowing audits and inspections by the city"},
       kClause, true, {}},
      {"OUT-13",
       {"契約書に本市による情報セキュリティインシデント情報の公表に関する条項がありません",
        "The contract has no clause allowing the city to publish security incidents"},
       kClause, true, {}},
      {"OUT-14",
       {"契約書に情報セキュリティポリシーが遵守されなかった場合の規定（損害賠償、契約解除等）がありません",
        "The contract has no provisions for breach of the security requirements (damages, termination)"},
       kClause, true, {}},
      {"OUT-15",
       {"本市の承認を得ずに再委託が行われています",
        "Work is subcontracted without the city's approval"},
       {kCritical, kCritical, kHigh}, false,
       {"再委託を行う場合", "When work is subcontracted"}},
      {"OUT-16",
       {"再委託先に委託先と同等の情報セキュリティ対策の義務が課されていません",
        "The contractor's security obligations are not flowed down to the subcontractor"},
       {kHigh, kHigh, kMedium}, false,
       {"本市の承認を得て再委託を行う場合", "When work is subcontracted with the city's approval"}},
      {"OUT-17",
       {"情報システムに関する業務委託で、委託先からサプライチェーン（開発拠点、再委託先、構成要素等）の情報が"
        "開示されていません",
        "IT-system outsourcing without disclosure of the contractor's supply chain (development sites, "
        "subcontractors, components)"},
       same_at_every_tier(kMedium), false,
       {"情報システムに関する業務委託の場合", "When the work is outsourcing of an information system"}},
  };
}

// The guideline item behind each requirement (docs/rules.md).
Catalogue with_basis(Catalogue catalogue) {
  for (Requirement& requirement : catalogue) {
    const std::string& id = requirement.id;
    if (id == "OUT-01") {
      requirement.basis = {"ガイドライン 8.1：委託先の選定（ISMS 認証・プライバシーマーク）",
                           "guideline 8.1: selecting the contractor (ISMS certification, Privacy Mark)"};
    } else if (id == "OUT-15" || id == "OUT-16") {
      requirement.basis = {"ガイドライン 8.1：再委託の制限と承認、再委託先への義務の適用",
                           "guideline 8.1: restricting and approving subcontracting, obligations flowed down"};
    } else if (id == "OUT-17") {
      requirement.basis = {"ガイドライン 8.2：情報システムに関する業務委託（サプライチェーン）",
                           "guideline 8.2: outsourcing of information systems (supply chain)"};
    } else {
      requirement.basis = {"ガイドライン 8.1：契約に定める情報セキュリティ要件",
                           "guideline 8.1: the security requirements a contract must state"};
    }
  }
  return catalogue;
}

const Catalogue& catalogue_table() {
  static const Catalogue kCatalogue = with_basis(make_catalogue());
  return kCatalogue;
}

void check_certification(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const auto& vendor = context.engagement.vendor;
  const bool certified =
      vendor && (vendor->holds_valid("ISMS", context.as_of) || vendor->holds_valid("PMARK", context.as_of));
  if (!certified) findings.add("OUT-01", certification_gap(vendor, {"ISMS", "PMARK"}, context.as_of));
}

// OUT-02..OUT-14: every clause the catalogue marks as a contract clause must be listed.
void check_clauses(const plugin::AssessmentContext& context, FindingCollector& findings) {
  for (const auto& requirement : catalogue_table()) {
    if (requirement.contract_clause && !context.engagement.has_clause(requirement.id)) {
      findings.add(requirement.id);
    }
  }
}

void check_subcontracting(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const auto& subcontracting = context.engagement.subcontracting;
  if (!subcontracting || !subcontracting->used) return;
  const bool approved = subcontracting->approved.value_or(false);
  if (!approved) {
    findings.add("OUT-15");
  } else if (!subcontracting->flow_down.value_or(false)) {
    findings.add("OUT-16");
  }
}

void check_supply_chain(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const auto& section = context.engagement.section;
  if (section_flag(section, "it_system") && !section_flag(section, "supply_chain_disclosed")) {
    findings.add("OUT-17");
  }
}

class ContractorPlugin final : public plugin::Plugin {
 public:
  std::vector<std::string> kinds() const override { return {kKind}; }

  Catalogue catalogue() const override { return catalogue_table(); }

  // The schema of the `contractor` section; empty for a kind this plugin does not assess.
  std::string section_schema(const std::string& kind) const override {
    return kind == kKind ? std::string(kcontractor_section_schema) : std::string();
  }

  std::vector<Finding> assess(const plugin::AssessmentContext& context) const override {
    FindingCollector findings(catalogue_table(), kPluginName, context.tier);
    check_certification(context, findings);
    check_clauses(context, findings);
    check_subcontracting(context, findings);
    check_supply_chain(context, findings);
    return findings.take();
  }
};

}  // namespace
}  // namespace itaku::plugins

ITAKU_DEFINE_PLUGIN(itaku::plugins::ContractorPlugin, "contractor", "1.0.0")

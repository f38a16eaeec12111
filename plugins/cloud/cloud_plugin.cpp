// The cloud plugin (外部サービス): assesses engagements of kind `cloud` against docs/rules.md —
// TOS-01..TOS-02 for terms-of-service (約款) services (MIC guideline 8.4) and CLD-01..CLD-08 for
// contracted services handling 機密性2 or higher (guideline 8.3).
#include <string>
#include <vector>

#include "../common/plugin_support.hpp"
#include "itaku/plugin/api.hpp"
#include "kcloud_section_schema.hpp"

namespace itaku::plugins {
namespace {

constexpr const char* kPluginName = "cloud";
constexpr const char* kKind = "cloud";
constexpr const char* kJapan = "JP";

constexpr Severity kLow = Severity::kLow;
constexpr Severity kMedium = Severity::kMedium;
constexpr Severity kHigh = Severity::kHigh;
constexpr Severity kCritical = Severity::kCritical;

// CLD-05 on a contracted service that handles only 機密性1 information.
constexpr Severity kLowConfidentialityApprovalSeverity = kMedium;

const LocalizedText kTermsBased = {"約款による外部サービスの場合",
                                   "Terms-of-service (click-through) services"};
const LocalizedText kContractedConfidential = {"契約による外部サービスで機密性2以上の情報を取り扱う場合",
                                               "Contracted services handling information of confidentiality 2 or higher"};

// The requirement table: the single source of IDs, titles and severities; rules refer to rows
// by ID. CLD rules apply only with 機密性2+, which means tier 1 or 2; tier 3 repeats tier 2.
Catalogue make_catalogue() {
  return {
      {"TOS-01",
       {"約款による外部サービスでは取扱いが禁止されている機密性2以上の情報を取り扱っています",
        "The terms-of-service service handles information of confidentiality 2 or higher, which is forbidden"},
       same_at_every_tier(kCritical), false, kTermsBased},
      {"TOS-02",
       {"約款による外部サービスの利用について承認を得ていません",
        "Use of the terms-of-service service has not been approved"},
       same_at_every_tier(kMedium), false, kTermsBased},
      {"CLD-01",
       {"ISMAPクラウドサービスリストに有効な登録がありません", "The service has no valid ISMAP registration"},
       same_at_every_tier(kHigh), false, kContractedConfidential},
      {"CLD-02",
       {"データの保存・処理場所が国外であるか、又は確認できません",
        "Data is stored or processed outside Japan, or its location is unknown"},
       {kCritical, kHigh, kHigh}, false, kContractedConfidential},
      {"CLD-03",
       {"契約の準拠法又は管轄裁判所が日本になっていません",
        "The governing law or the competent court of the contract is not Japanese"},
       same_at_every_tier(kHigh), false, kContractedConfidential},
      {"CLD-04",
       {"サービス終了時の移行計画又はデータ消去が定められていません",
        "There is no exit plan or no data deletion at the end of the service"},
       same_at_every_tier(kHigh), false, kContractedConfidential},
      {"CLD-05",
       {"外部サービスの利用承認を得ていないか、外部サービス管理者が指定されていません",
        "Use of the service has not been approved, or no external-service manager has been named"},
       same_at_every_tier(kHigh), false,
       {"契約による外部サービスの場合（機密性1の情報のみを取り扱う場合は重要度「中」）",
        "Contracted services (medium severity when they handle only confidentiality-1 information)"}},
      {"CLD-06",
       {"個人情報を取り扱うサービスに有効なISO/IEC 27018認証がありません",
        "Personal data is handled without a valid ISO/IEC 27018 certification"},
       same_at_every_tier(kMedium), false,
       {"契約による外部サービスで機密性2以上の情報及び個人情報を取り扱う場合",
        "Contracted services handling personal data of confidentiality 2 or higher"}},
      {"CLD-07",
       {"再委託先（サブプロセッサ）が開示されていません",
        "Sub-processors have not been disclosed"},
       same_at_every_tier(kMedium), false, kContractedConfidential},
      {"CLD-08",
       {"有効なISO/IEC 27017認証がありません",
        "The service has no valid ISO/IEC 27017 certification"},
       same_at_every_tier(kLow), false, kContractedConfidential},
  };
}

// The guideline item behind each requirement (docs/rules.md).
Catalogue with_basis(Catalogue catalogue) {
  for (Requirement& requirement : catalogue) {
    if (requirement.id.rfind("TOS-", 0) == 0) {
      requirement.basis = {"ガイドライン 8.4：機密性2以上の情報を取り扱わない外部サービス（約款による外部サービス）",
                           "guideline 8.4: external services not handling confidentiality 2+ (terms-of-service services)"};
    } else {
      requirement.basis = {"ガイドライン 8.3：機密性2以上の情報を取り扱う外部サービス",
                           "guideline 8.3: external services handling information of confidentiality 2 or higher"};
    }
  }
  return catalogue;
}

const Catalogue& catalogue_table() {
  static const Catalogue kCatalogue = with_basis(make_catalogue());
  return kCatalogue;
}

bool holds_valid(const plugin::AssessmentContext& context, std::string_view scheme) {
  const auto& vendor = context.engagement.vendor;
  return vendor && vendor->holds_valid(scheme, context.as_of);
}

LocalizedText confidentiality_detail(int confidentiality) {
  const std::string level = std::to_string(confidentiality);
  return {"機密性" + level, "confidentiality " + level};
}

void check_terms_based(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const int confidentiality = context.engagement.information.confidentiality;
  if (confidentiality >= 2) findings.add("TOS-01", confidentiality_detail(confidentiality));
  if (!section_flag(context.engagement.section, "use_approved")) findings.add("TOS-02");
}

// Only a full ISMAP registration counts: the low-impact SaaS track (ISMAP-LIU) is not enough
// for 機密性2+ information.
void check_ismap(const plugin::AssessmentContext& context, FindingCollector& findings) {
  if (holds_valid(context, "ISMAP")) return;
  // A valid ISMAP-LIU registration is what the department most likely took for ISMAP: say so.
  if (holds_valid(context, "ISMAP_LIU")) {
    findings.add("CLD-01", {"ISMAP-LIUの登録のみで、機密性2以上の情報には認められません",
                            "only an ISMAP-LIU registration, which does not count for confidentiality 2 or higher"});
  } else {
    findings.add("CLD-01", certification_gap(context.engagement.vendor, {"ISMAP"}, context.as_of));
  }
}

void check_data_location(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const nlohmann::json* locations = section_member(context.engagement.section, "data_locations");
  if (locations == nullptr || !locations->is_array() || locations->empty()) {
    findings.add("CLD-02", {"保存場所が未記載", "data location not recorded"});
    return;
  }
  LocalizedText foreign;
  for (const auto& location : *locations) {
    const std::string code = location.is_string() ? location.get<std::string>() : location.dump();
    if (code == kJapan) continue;
    foreign.ja += (foreign.ja.empty() ? "国外の保存場所: " : "、") + code;
    foreign.en += (foreign.en.empty() ? "locations outside Japan: " : ", ") + code;
  }
  if (!foreign.ja.empty()) findings.add("CLD-02", foreign);
}

void check_jurisdiction(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const auto& section = context.engagement.section;
  DetailText detail;
  const auto governing_law = section_string(section, "governing_law");
  if (!governing_law) {
    detail.add("準拠法が未記載", "governing law not recorded");
  } else if (*governing_law != kJapan) {
    detail.add("準拠法: " + *governing_law, "governing law: " + *governing_law);
  }
  const auto jurisdiction = section_string(section, "jurisdiction");
  if (!jurisdiction) {
    detail.add("管轄裁判所が未記載", "competent court not recorded");
  } else if (*jurisdiction != kJapan) {
    detail.add("管轄裁判所: " + *jurisdiction, "competent court: " + *jurisdiction);
  }
  if (!detail.empty()) findings.add("CLD-03", detail.text());
}

void check_exit(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const auto& section = context.engagement.section;
  DetailText detail;
  if (!section_flag(section, "exit_plan")) detail.add("移行計画なし", "no exit plan");
  if (!section_flag(section, "data_deletion_on_exit")) {
    detail.add("終了時のデータ消去なし", "no data deletion at termination");
  }
  if (!detail.empty()) findings.add("CLD-04", detail.text());
}

// CLD-05 applies to every contracted service; only its severity depends on confidentiality.
void check_approval(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const auto& section = context.engagement.section;
  DetailText detail;
  if (!section_flag(section, "use_approved")) detail.add("利用承認なし", "use not approved");
  if (section_member(section, "service_manager") == nullptr) {
    detail.add("外部サービス管理者が未指定", "no external-service manager named");
  }
  if (detail.empty()) return;
  if (context.engagement.information.confidentiality >= 2) {
    findings.add("CLD-05", detail.text());
  } else {
    findings.add_with_severity("CLD-05", kLowConfidentialityApprovalSeverity, detail.text());
  }
}

void check_certifications(const plugin::AssessmentContext& context, FindingCollector& findings) {
  if (context.engagement.information.personal_data && !holds_valid(context, "ISO27018")) {
    findings.add("CLD-06", certification_gap(context.engagement.vendor, {"ISO27018"}, context.as_of));
  }
  if (!section_flag(context.engagement.section, "subprocessors_disclosed")) findings.add("CLD-07");
  if (!holds_valid(context, "ISO27017")) {
    findings.add("CLD-08", certification_gap(context.engagement.vendor, {"ISO27017"}, context.as_of));
  }
}

class CloudPlugin final : public plugin::Plugin {
 public:
  std::vector<std::string> kinds() const override { return {kKind}; }

  Catalogue catalogue() const override { return catalogue_table(); }

  // The schema of the `cloud` section; empty for a kind this plugin does not assess.
  std::string section_schema(const std::string& kind) const override {
    return kind == kKind ? std::string(kcloud_section_schema) : std::string();
  }

  std::vector<Finding> assess(const plugin::AssessmentContext& context) const override {
    FindingCollector findings(catalogue_table(), kPluginName, context.tier);
    if (section_flag(context.engagement.section, "terms_based")) {
      check_terms_based(context, findings);
      return findings.take();
    }
    check_approval(context, findings);
    if (context.engagement.information.confidentiality >= 2) {
      check_ismap(context, findings);
      check_data_location(context, findings);
      check_jurisdiction(context, findings);
      check_exit(context, findings);
      check_certifications(context, findings);
    }
    return findings.take();
  }
};

}  // namespace
}  // namespace itaku::plugins

ITAKU_DEFINE_PLUGIN(itaku::plugins::CloudPlugin, "cloud", "1.0.0")

// The social-media plugin (ソーシャルメディアサービス): assesses engagements of kind `social_media`
// against SNS-01..SNS-08 of docs/rules.md (MIC guideline 8.5): operating procedure, proof
// that the account is the city's, credential protection and what the channel may carry.
#include <string>
#include <vector>

#include "../common/plugin_support.hpp"
#include "itaku/plugin/api.hpp"
#include "ksocial_media_section_schema.hpp"

namespace itaku::plugins {
namespace {

constexpr const char* kPluginName = "social_media";
constexpr const char* kKind = "social_media";

// The requirement table: the single source of IDs, titles and severities; rules refer to rows
// by ID. No SNS severity depends on the tier.
Catalogue make_catalogue() {
  return {
      {"SNS-01",
       {"アカウントの運用手順が定められていません", "No operating procedure has been set for the account"},
       same_at_every_tier(Severity::kHigh), false, {}},
      {"SNS-02",
       {"本市のウェブサイトにアカウントが掲載されていません",
        "The account is not listed on the city's own website"},
       same_at_every_tier(Severity::kHigh), false, {}},
      {"SNS-03",
       {"アカウントのプロフィールに運用する所属が明記されていません",
        "The account's profile does not name the operating department"},
       same_at_every_tier(Severity::kMedium), false, {}},
      {"SNS-04",
       {"アカウントの認証情報が適切に保護されていません",
        "The account's credentials are not protected"},
       same_at_every_tier(Severity::kHigh), false, {}},
      {"SNS-05",
       {"発信してはならない機密性2以上の情報を取り扱うチャンネルとして登録されています",
        "The channel is declared to carry information of confidentiality 2 or higher, which must never be "
        "published"},
       same_at_every_tier(Severity::kCritical), false,
       {"機密性2以上の情報を取り扱うと登録されている場合",
        "When the channel is declared to carry information of confidentiality 2 or higher"}},
      {"SNS-06",
       {"アカウント乗っ取り時の対応手順が定められていません",
        "No response procedure has been set for an account takeover"},
       same_at_every_tier(Severity::kMedium), false, {}},
      {"SNS-07",
       {"可用性2の情報が本市のウェブサイトで併せて発信されていません",
        "Availability-2 information is not also published on the city's own website"},
       same_at_every_tier(Severity::kHigh), false,
       {"可用性2の情報を発信する場合", "When the channel carries availability-2 information"}},
      {"SNS-08",
       {"サービスの停止・終了時の対応が定められていません",
        "There is no plan for the service being suspended or shut down"},
       same_at_every_tier(Severity::kLow), false, {}},
  };
}

// The guideline item behind each requirement (docs/rules.md).
Catalogue with_basis(Catalogue catalogue) {
  for (Requirement& requirement : catalogue) {
    requirement.basis = {"ガイドライン 8.5：ソーシャルメディアサービスの利用（運用手順・なりすまし対策・責任者）",
                         "guideline 8.5: use of social media services (operating procedure, anti-impersonation, "
                         "responsible person)"};
  }
  return catalogue;
}

const Catalogue& catalogue_table() {
  static const Catalogue kCatalogue = with_basis(make_catalogue());
  return kCatalogue;
}

void check_account(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const auto& section = context.engagement.section;
  if (!section_flag(section, "operating_procedure")) findings.add("SNS-01");
  if (section_member(section, "official_site_listing_url") == nullptr) findings.add("SNS-02");
  if (!section_flag(section, "profile_names_operator")) findings.add("SNS-03");
}

void check_credentials(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const auto& section = context.engagement.section;
  DetailText detail;
  if (!section_flag(section, "mfa")) detail.add("多要素認証が未設定", "no multi-factor authentication");
  if (section_member(section, "credential_custodian") == nullptr) {
    detail.add("認証情報の管理者が未指定", "no credential custodian named");
  }
  if (!detail.empty()) findings.add("SNS-04", detail.text());
}

void check_content(const plugin::AssessmentContext& context, FindingCollector& findings) {
  const auto& information = context.engagement.information;
  const auto& section = context.engagement.section;
  if (information.confidentiality >= 2) {
    const std::string level = std::to_string(information.confidentiality);
    findings.add("SNS-05", {"機密性" + level, "confidentiality " + level});
  }
  if (!section_flag(section, "takeover_procedure")) findings.add("SNS-06");
  if (information.availability == 2 && !section_flag(section, "availability2_mirrored")) findings.add("SNS-07");
  if (!section_flag(section, "shutdown_plan")) findings.add("SNS-08");
}

class SocialMediaPlugin final : public plugin::Plugin {
 public:
  std::vector<std::string> kinds() const override { return {kKind}; }

  Catalogue catalogue() const override { return catalogue_table(); }

  // The schema of the `social_media` section; empty for a kind this plugin does not assess.
  std::string section_schema(const std::string& kind) const override {
    return kind == kKind ? std::string(ksocial_media_section_schema) : std::string();
  }

  std::vector<Finding> assess(const plugin::AssessmentContext& context) const override {
    FindingCollector findings(catalogue_table(), kPluginName, context.tier);
    check_account(context, findings);
    check_credentials(context, findings);
    check_content(context, findings);
    return findings.take();
  }
};

}  // namespace
}  // namespace itaku::plugins

ITAKU_DEFINE_PLUGIN(itaku::plugins::SocialMediaPlugin, "social_media", "1.0.0")

#include "itaku/service/access_policy.hpp"

namespace itaku {
namespace {

// "トークン「窓口」（役割 procurement）は…できません / the procurement role of token '窓口' may not …"
Status denied(const Principal& principal, const std::string& what_ja, const std::string& what_en) {
  const std::string role(role_name(principal.role));
  return Status(ErrorCode::kPermissionDenied, "トークン「" + principal.name + "」（役割 " + role + "）は" + what_ja +
                                                  " / the " + role + " role of token '" + principal.name +
                                                  "' may not " + what_en);
}

}  // namespace

Status capability_access(const Principal& principal, Capability capability) {
  const Role role = principal.role;
  switch (capability) {
    case Capability::kReadVendors:
      if (role == Role::kChannelOwner) return denied(principal, "事業者を閲覧できません（SNS 担当者は自分のチャネルだけを見ます）",
                                                        "read vendors (channel owners see their channels only)");
      return Status::ok();
    case Capability::kReadPersons:
    case Capability::kReview:
    case Capability::kReadCatalogue:
    case Capability::kReadDue:
    case Capability::kReadDashboard:
      return Status::ok();
    case Capability::kWritePersons:
      if (role == Role::kAdmin || role == Role::kOfficer) return Status::ok();
      return denied(principal, "担当者を登録できません（情報セキュリティ担当が登録します）",
                    "register persons (the security office does)");
    case Capability::kVoidVerifications:
      if (role == Role::kAdmin || role == Role::kOfficer) return Status::ok();
      return denied(principal, "確認結果を取り消せません（確認結果は情報セキュリティ担当のものです）",
                    "void a verification (verifications are the security office's)");
    case Capability::kReadAudit:
      if (role == Role::kAdmin || role == Role::kAuditor) return Status::ok();
      return denied(principal, "監査証跡を閲覧できません（監査担当と管理者が閲覧します）",
                    "read the audit trail (auditors and admins do)");
    case Capability::kManageTokens:
      if (role == Role::kAdmin) return Status::ok();
      return denied(principal, "トークンを管理できません（管理者だけが管理します）", "manage tokens (only admins do)");
  }
  return denied(principal, "この操作はできません", "do this");
}

Status engagement_access(const Principal& principal, const std::string& kind, const std::string& department,
                         Access access) {
  const bool social = kind == "social_media";
  switch (principal.role) {
    case Role::kAdmin:
    case Role::kOfficer:
      return Status::ok();
    case Role::kAuditor:
      if (access == Access::kRead) return Status::ok();
      return denied(principal, "変更はできません（監査担当は閲覧だけです）", "change anything (auditors read only)");
    case Role::kProcurement:
      if (!social) return Status::ok();
      return denied(principal, "SNS のチャネルは扱えません（契約担当は業務委託と外部サービスを扱います）",
                    "touch social-media channels (procurement handles contractor and cloud engagements)");
    case Role::kChannelOwner:
      if (social && principal.department && *principal.department == department) return Status::ok();
      return denied(principal,
                    "この記録は扱えません（SNS 担当者が扱えるのは " + principal.department.value_or("自分の課") +
                        " の SNS チャネルだけです）",
                    "touch this engagement (channel owners handle the social-media channels of " +
                        principal.department.value_or("their department") + " only)");
  }
  return denied(principal, "この記録は扱えません", "touch this engagement");
}

bool may_see_engagement(const Principal& principal, const std::string& kind, const std::string& department) {
  return engagement_access(principal, kind, department, Access::kRead).is_ok();
}

EngagementReach engagement_reach(const Principal& principal) {
  // Must never be narrower than engagement_access for reading: a test holds the two together.
  if (principal.role == Role::kChannelOwner && principal.department) {
    return {std::string("social_media"), principal.department};
  }
  return {};
}

}  // namespace itaku
